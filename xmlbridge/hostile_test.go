package xmlbridge

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// Hostile input for the consumer side, beyond the tables of
// ecma323/malformed_test.go (truncation, bad UTF-8, DOCTYPE and entities,
// oversize, depth, unknown elements), framing/header_test.go,
// framing/nul_test.go and ecma323/soap_test.go: the attacks that
// aim at memory and time, each with its typed error, and an allocation
// bound proportional to the input for all of them.

type hostileXML struct {
	name    string
	decoder string // "request", "soap" (body, then request), "header", "header32", "nul"
	in      []byte
	want    error // errors.Is; nil: accepted
}

const hostileAnswer = `<AnswerCall xmlns="` + nsEd3 + `"><callToBeAnswered><deviceID>100</deviceID><callID>0a1b</callID></callToBeAnswered></AnswerCall>`

// billionLaughs declares ten entities, each ten times the one before.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">`)
	for i := 1; i <= 10; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`, i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString(`]><AnswerCall><callToBeAnswered><callID>&lol10;</callID></callToBeAnswered></AnswerCall>`)
	return b.String()
}

func hostileXMLCases() []hostileXML {
	env := func(body string) []byte {
		return []byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` + body + `</s:Body></s:Envelope>`)
	}
	header := func(b0, b1, b2, b3 byte, rest string) []byte {
		return append([]byte{b0, b1, b2, b3, '0', '0', '0', '1'}, rest...)
	}
	attrs := func(n int) string {
		var b strings.Builder
		b.WriteString(`<AnswerCall xmlns="` + nsEd3 + `"`)
		for i := range n {
			fmt.Fprintf(&b, ` a%d="x"`, i)
		}
		return b.String() + `><callToBeAnswered><callID>0a1b</callID></callToBeAnswered></AnswerCall>`
	}
	deep := strings.Repeat("<a>", 10000) + strings.Repeat("</a>", 10000)
	return []hostileXML{
		{"billion laughs", "request", []byte(billionLaughs()), ecma323.ErrMalformed},
		{"billion laughs in SOAP", "soap", env(billionLaughs()), ecma323.ErrSOAPEnvelope},
		{"external entity in SOAP", "soap", append([]byte(`<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>`), env(`<X>&x;</X>`)...), ecma323.ErrSOAPEnvelope},
		{"10,000 nested elements", "request", []byte(`<AnswerCall>` + deep + `</AnswerCall>`), ecma323.ErrTooLarge},
		{"10,000 nested elements in SOAP", "soap", env(deep), ecma323.ErrTooLarge},
		{"5,000 attributes", "request", []byte(attrs(5000)), nil},
		{"element name of 60,000 bytes", "request", []byte("<" + strings.Repeat("A", 60000) + "/>"), ecma323.ErrUnknownRequest},
		{"1 MiB document", "request", []byte("<AnswerCall>" + strings.Repeat("x", 1<<20) + "</AnswerCall>"), ecma323.ErrTooLarge},
		{"NUL inside the document", "request", []byte(strings.Replace(hostileAnswer, "0a1b", "0a\x001b", 1)), ecma323.ErrMalformed},
		{"bad UTF-8 in an attribute", "request", []byte(`<AnswerCall xmlns="` + nsEd3 + "\xff\"/>"), ecma323.ErrMalformed},
		{"UTF-16 with an odd byte", "request", []byte{0xFF, 0xFE, '<', 0, 'a', 0, '/'}, ecma323.ErrMalformed},
		{"unbound prefix", "request", []byte(`<x:AnswerCall><x:callToBeAnswered><x:callID>0a1b</x:callID></x:callToBeAnswered></x:AnswerCall>`), nil},
		{"wrong tag for a known field", "request", []byte(strings.Replace(hostileAnswer, "callToBeAnswered", "callToBeCleared", 2)), ecma323.ErrMalformed},
		{"call id not hex", "request", []byte(strings.Replace(hostileAnswer, "0a1b", "<>", 1)), ecma323.ErrMalformed},
		{"CDATA call id", "request", []byte(strings.Replace(hostileAnswer, "0a1b", "<![CDATA[0a1b]]>", 1)), nil},
		{"unknown namespace", "request", []byte(strings.Replace(hostileAnswer, nsEd3, "urn:evil", 1)), nil},
		{"16-bit header: 65,535 announced", "header", header(0, 0, 0xFF, 0xFF, "<a/>"), framing.ErrMessageTooLarge},
		{"32-bit header: 4 GiB announced", "header32", header(0xFF, 0xFF, 0xFF, 0xFF, "<a/>"), framing.ErrMessageTooLarge},
		{"16-bit header: length below the header", "header", header(0, 0, 0, 3, ""), framing.ErrHeaderLength},
		{"header: XML with no header", "header", []byte(hostileAnswer), framing.ErrHeaderReserved},
		{"NUL framing: 1 MiB without a NUL", "nul", bytes.Repeat([]byte("<a>"), 350000), framing.ErrMessageTooLarge},
		{"NUL framing: document cut", "nul", []byte(hostileAnswer), io.ErrUnexpectedEOF},
	}
}

// hostileMax is the message limit the framing readers are given, as
// Config.MaxMessageSize would.
const hostileMax = 4096

func decodeHostile(c hostileXML) error {
	switch c.decoder {
	case "request":
		_, err := ecma323.DecodeRequest(c.in)
		return err
	case "soap": // as the SOAP transport does: the body, then the request in it
		inner, err := ecma323.ExtractSOAPBody(c.in)
		if err == nil {
			_, err = ecma323.DecodeRequest(inner)
		}
		return err
	case "header", "header32":
		o := framing.HeaderOptions{MaxSize: hostileMax}
		if c.decoder == "header32" {
			o.Format = framing.HeaderLength32
		}
		_, _, err := framing.NewHeaderReader(bytes.NewReader(c.in), o).ReadMessage()
		return err
	case "nul":
		_, err := framing.NewNULReader(bufio.NewReaderSize(bytes.NewReader(c.in), 4096), hostileMax).ReadMessage()
		return err
	}
	panic("no decoder " + c.decoder)
}

func TestHostileXMLInputs(t *testing.T) {
	cases := hostileXMLCases()
	for _, tc := range cases {
		t.Run(tc.decoder+"/"+tc.name, func(t *testing.T) {
			err := decodeHostile(tc)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
	t.Logf("hostile: %d XML inputs (plus the tables of ecma323/malformed_test.go, framing/*_test.go, ecma323/soap_test.go)", len(cases))
}

// TestHostileXMLAlloc: what a decoder allocates is bounded by the input,
// never by an announced length (four gigabytes, 65,535 bytes) nor by what
// entities would expand to.
func TestHostileXMLAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race; .ci/run runs the Alloc tests without it")
	}
	const runs = 20
	var ms runtime.MemStats
	worst, worstName := 0.0, ""
	for _, tc := range hostileXMLCases() {
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		for range runs {
			decodeHostile(tc)
		}
		runtime.ReadMemStats(&ms)
		per := float64(ms.TotalAlloc-before) / runs
		// encoding/xml copies names and text and keeps a frame per open
		// element; the framing readers hold their limit at most: a fixed
		// allowance, then 64 bytes per input byte up to the limit that
		// applies (Config.MaxMessageSize bounds SOAP bodies before
		// they are parsed).
		n := len(tc.in)
		switch tc.decoder {
		case "request":
			n = min(n, ecma323.DefaultMaxSize)
		case "header", "header32", "nul":
			n = min(n, hostileMax)
		}
		if bound := 16<<10 + 64*float64(n); per > bound {
			t.Errorf("%s/%s: %.0f bytes allocated per decode of %d bytes (bound %.0f)", tc.decoder, tc.name, per, len(tc.in), bound)
		}
		if per > worst {
			worst, worstName = per, tc.name
		}
	}
	t.Logf("hostile: at most %.0f bytes allocated per decode (%s)", worst, worstName)
}

// TestHostilePBXValues: what the PBX sends is bytes, not text; values that
// are not UTF-8, carry control characters or look like markup still make
// well-formed XML that decodes, with invalid bytes replaced.
func TestHostilePBXValues(t *testing.T) {
	for _, num := range []string{"10\xff0", `<&>"'`, "1\x00\x01\x1f2", "a]]>b", "\xc3\x28", strings.Repeat("9", 4000)} {
		ev := &cstav3.DeliveredEvent{
			Connection:            cstav3.NewConnectionID(cstav3.CallID{0xB1, 0x64}, cstav3.Dialing(num)),
			AlertingDevice:        cstav3.Known(cstav3.Dialing(num)),
			CallingDevice:         cstav3.Known(cstav3.Dialing(num)),
			CalledDevice:          cstav3.Known(cstav3.Dialing("100")),
			LastRedirectionDevice: cstav3.Device{Status: cstav3.DeviceNotKnown},
			Cause:                 cstav3.CauseNewCall,
		}
		for _, ed := range []ecma323.Edition{ecma323.Ed3, ecma323.Ed6} {
			e := ecma323.Encoder{Edition: ed}
			doc, err := e.AppendEvent(nil, ev, "0001")
			if err != nil {
				t.Fatalf("%q: %v", num, err)
			}
			if !utf8.Valid(doc) || bytes.IndexByte(doc, 0) >= 0 {
				t.Fatalf("%q: not UTF-8 text: %q", num, doc)
			}
			m, err := ecma323.Decode(doc)
			if err != nil || m.Name != "DeliveredEvent" {
				t.Fatalf("%q: %s does not decode: %v", num, doc, err)
			}
		}
	}
}
