package ecma323

import (
	"errors"
	"strings"
	"testing"
)

// TestMalformedInputs checks that hostile and broken input gives the right
// typed error and never a panic.
func TestMalformedInputs(t *testing.T) {
	const answer = `<AnswerCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><callToBeAnswered><callID>0a1b</callID></callToBeAnswered></AnswerCall>`
	deep := strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40)
	cases := []struct {
		name string
		doc  string
		dec  Decoder
		want error
	}{
		{"empty", "", Decoder{}, ErrMalformed},
		{"whitespace", " \n", Decoder{}, ErrMalformed},
		{"truncated", answer[:60], Decoder{}, ErrMalformed},
		{"truncated in text", answer[:len(answer)-20], Decoder{}, ErrMalformed},
		{"truncated SOAP", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` + answer, Decoder{}, ErrMalformed},
		{"bad UTF-8", strings.Replace(answer, "0a1b", "0a\xff1b", 1), Decoder{}, ErrMalformed},
		{"bad UTF-8 in name", "<Answer\xc3\x28Call/>", Decoder{}, ErrMalformed},
		{"DOCTYPE with entity expansion", `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><AnswerCall>&lol2;</AnswerCall>`, Decoder{}, ErrMalformed},
		{"external entity", `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><MakeCall><callingDevice>&xxe;</callingDevice></MakeCall>`, Decoder{}, ErrMalformed},
		{"DOCTYPE inside element", `<AnswerCall><!DOCTYPE x></AnswerCall>`, Decoder{}, ErrMalformed},
		{"undeclared entity", `<MakeCall><callingDevice>&xxe;</callingDevice><calledDirectoryNumber>1</calledDirectoryNumber></MakeCall>`, Decoder{}, ErrMalformed},
		{"oversize", answer, Decoder{MaxSize: 64}, ErrTooLarge},
		{"oversize default", "<a>" + strings.Repeat("x", DefaultMaxSize) + "</a>", Decoder{}, ErrTooLarge},
		{"too deep", `<AnswerCall><callToBeAnswered>` + deep + `</callToBeAnswered></AnswerCall>`, Decoder{}, ErrTooLarge},
		{"too deep for limit", answer, Decoder{MaxDepth: 2}, ErrTooLarge},
		{"unknown root element", `<FrobnicateCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"/>`, Decoder{}, ErrUnknownRequest},
		{"event as request", `<DeliveredEvent><connection><callID>01</callID></connection></DeliveredEvent>`, Decoder{}, ErrUnknownRequest},
		{"two messages", answer + answer, Decoder{}, ErrMalformed},
		{"empty SOAP body", `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body></s:Body></s:Envelope>`, Decoder{}, ErrMalformed},
		{"unsupported encoding", `<?xml version="1.0" encoding="ebcdic"?>` + answer, Decoder{}, ErrMalformed},
		{"strict: mismatched end tag", `<AnswerCall><callToBeAnswered><callID>01</callID></AnswerCall>`, Decoder{Strict: true}, ErrMalformed},
		{"strict: text after", answer + ">", Decoder{Strict: true}, ErrMalformed},
		{"strict: text before", `\n` + answer, Decoder{Strict: true}, ErrMalformed},
		{"bad value", strings.Replace(answer, "0a1b", "zz", 1), Decoder{}, ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := c.dec.DecodeRequest([]byte(c.doc))
			if !errors.Is(err, c.want) {
				t.Errorf("got %v, want %v", err, c.want)
			}
		})
	}
}

// TestUnknownNamespaceReported decodes by local name but says so.
func TestUnknownNamespaceReported(t *testing.T) {
	m, err := DecodeRequest([]byte(`<x:ClearCall xmlns:x="urn:other"><x:callToBeCleared><x:callID>01</x:callID></x:callToBeCleared></x:ClearCall>`))
	if err != nil || !m.UnknownNamespace || m.Namespace != "urn:other" || m.Argument == nil {
		t.Errorf("%v %+v", err, m)
	}
}

// TestEncodings reads UTF-16 (both byte orders, with a byte order mark),
// ISO-8859-1 and a UTF-8 byte order mark.
func TestEncodings(t *testing.T) {
	doc := `<?xml version="1.0" encoding="utf-16"?><MakeCall><callingDevice>Jürgen</callingDevice><calledDirectoryNumber>1</calledDirectoryNumber></MakeCall>`
	var le, be []byte
	le, be = []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, r := range doc {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	latin := []byte(strings.Replace(strings.Replace(doc, "utf-16", "ISO-8859-1", 1), "ü", "\xfc", 1))
	for name, b := range map[string][]byte{"utf-16le": le, "utf-16be": be, "latin1": latin,
		"utf-8 bom": append([]byte{0xEF, 0xBB, 0xBF}, doc...), "utf-16 declared, utf-8 sent": []byte(doc)} {
		m, err := DecodeRequest(b)
		if err != nil || m.XML.(*MakeCall).CallingDevice.Value != "Jürgen" {
			t.Errorf("%s: %v %+v", name, err, m)
		}
	}
}
