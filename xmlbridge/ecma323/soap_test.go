package ecma323

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

const soapTestEnvNS = `xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"`

// soapTestRootName parses doc on its own, namespace-aware, and returns the resolved
// name of its root element; it fails on a document that is not well-formed.
func soapTestRootName(t testing.TB, doc []byte) xml.Name {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	var root xml.Name
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root
		}
		if err != nil {
			t.Fatalf("extracted element does not stand alone: %v\n%s", err, doc)
		}
		if se, ok := tok.(xml.StartElement); ok && root.Local == "" {
			root = se.Name
		}
	}
}

// Every snom template yields its request element in the ed4 namespace,
// although csta is declared on the Envelope only.
func TestExtractSOAPBodySnom(t *testing.T) {
	for _, tc := range seeddoc.SnomRequests {
		t.Run(tc.Name, func(t *testing.T) {
			inner, err := ExtractSOAPBody([]byte(tc.Envelope))
			if err != nil {
				t.Fatal(err)
			}
			name, _, _ := strings.Cut(tc.Name, " ")
			if got := soapTestRootName(t, inner); got != (xml.Name{Space: Ed4.Namespace(), Local: name}) {
				t.Errorf("root %v\n%s", got, inner)
			}
		})
	}
	// The exact bytes for the curl example: the element as sent, with the
	// two bindings of the Envelope in their order.
	inner, _ := ExtractSOAPBody([]byte(seeddoc.SnomRequests[len(seeddoc.SnomRequests)-1].Envelope))
	want := `<csta:AnswerCall ` + soapTestEnvNS + ` xmlns:csta="` + Ed4.Namespace() + `"> <csta:callToBeAnswered>-2</csta:callToBeAnswered> </csta:AnswerCall>`
	if string(inner) != want {
		t.Errorf("\n got %s\nwant %s", inner, want)
	}
}

func TestExtractSOAPBodyNamespaces(t *testing.T) {
	const s11 = `http://schemas.xmlsoap.org/soap/envelope/`
	tests := []struct {
		name, envelope, want string
		root                 xml.Name
	}{
		{"element declares its own default",
			`<Envelope xmlns="` + s11 + `"><Body><MakeCall xmlns="urn:ed3"><a/></MakeCall></Body></Envelope>`,
			`<MakeCall xmlns="urn:ed3"><a/></MakeCall>`, xml.Name{Space: "urn:ed3", Local: "MakeCall"}},
		{"default from Body, prefix from Envelope",
			`<s:Envelope xmlns:s="` + s11 + `"><s:Body xmlns="urn:ed3"><MakeCall><x/></MakeCall></s:Body></s:Envelope>`,
			`<MakeCall xmlns:s="` + s11 + `" xmlns="urn:ed3"><x/></MakeCall>`, xml.Name{Space: "urn:ed3", Local: "MakeCall"}},
		{"default SOAP namespace inherited by an unqualified child",
			`<Envelope xmlns="` + s11 + `"><Body><MakeCall/></Body></Envelope>`,
			`<MakeCall xmlns="` + s11 + `"/>`, xml.Name{Space: s11, Local: "MakeCall"}},
		{"default undeclared on Body",
			`<Envelope xmlns="` + s11 + `" xmlns:s="` + s11 + `"><s:Body xmlns=""><MakeCall/></s:Body></Envelope>`,
			`<MakeCall xmlns:s="` + s11 + `"/>`, xml.Name{Local: "MakeCall"}},
		{"prefix used only in an attribute value",
			`<s:Envelope xmlns:s="` + s11 + `" xmlns:c="urn:ed3" xmlns:xsi="urn:xsi"><s:Body><Foo xsi:type="c:T" a="1"/></s:Body></s:Envelope>`,
			`<Foo xmlns:s="` + s11 + `" xmlns:c="urn:ed3" xmlns:xsi="urn:xsi" xsi:type="c:T" a="1"/>`, xml.Name{Local: "Foo"}},
		{"Body shadows the Envelope's binding",
			`<s:Envelope xmlns:s="` + s11 + `" xmlns:csta="urn:ed3"><s:Body xmlns:csta="urn:ed4"><csta:X/></s:Body></s:Envelope>`,
			`<csta:X xmlns:s="` + s11 + `" xmlns:csta="urn:ed4"/>`, xml.Name{Space: "urn:ed4", Local: "X"}},
		{"element redeclares the prefix itself",
			`<s:Envelope xmlns:s="` + s11 + `" xmlns:csta="urn:ed3"><s:Body><csta:X xmlns:csta="urn:ed5"/></s:Body></s:Envelope>`,
			`<csta:X xmlns:s="` + s11 + `" xmlns:csta="urn:ed5"/>`, xml.Name{Space: "urn:ed5", Local: "X"}},
		{"URI escaped",
			`<s:Envelope xmlns:s="` + s11 + `" xmlns:p='urn:a&amp;b"c&#9;'><s:Body><p:X/></s:Body></s:Envelope>`,
			`<p:X xmlns:s="` + s11 + `" xmlns:p="urn:a&amp;b&quot;c&#x9;"/>`, xml.Name{Space: "urn:a&b\"c\t", Local: "X"}},
		{"Header, comments, a second child",
			`<s:Envelope xmlns:s="` + s11 + `"><s:Header><h/></s:Header><s:Body> <!-- c --> <X/><Y/></s:Body></s:Envelope>`,
			`<X xmlns:s="` + s11 + `"/>`, xml.Name{Local: "X"}},
		{"Body in a default SOAP 1.2 namespace",
			`<Envelope xmlns="` + SOAP12Namespace + `"><Body><c:X xmlns:c="urn:ed5">t</c:X></Body></Envelope>`,
			`<c:X xmlns="` + SOAP12Namespace + `" xmlns:c="urn:ed5">t</c:X>`, xml.Name{Space: "urn:ed5", Local: "X"}},
		{"CRLF line ends, as snom writes them",
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<s:Envelope xmlns:s=\"" + s11 + "\"\r\n xmlns:c=\"urn:ed4\">\r\n <s:Body>\r\n <c:X>\r\n <c:y>1</c:y>\r\n </c:X>\r\n </s:Body>\r\n</s:Envelope>\r\n",
			"<c:X xmlns:s=\"" + s11 + "\" xmlns:c=\"urn:ed4\">\r\n <c:y>1</c:y>\r\n </c:X>", xml.Name{Space: "urn:ed4", Local: "X"}},
		{"whitespace in the start tag",
			`<s:Envelope xmlns:s="` + s11 + `" xmlns:c="urn:ed3"><s:Body><c:X` + "\n\t" + `a="1" ></c:X></s:Body></s:Envelope>`,
			`<c:X xmlns:s="` + s11 + `" xmlns:c="urn:ed3"` + "\n\t" + `a="1" ></c:X>`, xml.Name{Space: "urn:ed3", Local: "X"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ExtractSOAPBody([]byte(tc.envelope))
			if err != nil || string(got) != tc.want {
				t.Fatalf("%v\n got %s\nwant %s", err, got, tc.want)
			}
			if root := soapTestRootName(t, got); root != tc.root {
				t.Errorf("root %v, want %v", root, tc.root)
			}
		})
	}
}

func TestExtractSOAPBodyErrors(t *testing.T) {
	const env = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">`
	tests := []struct{ name, in string }{
		{"empty", ``},
		{"not XML", `hello`},
		{"bare CSTA request", seeddoc.MakeCall},
		{"Envelope in another namespace", `<s:Envelope xmlns:s="urn:x"><s:Body><X/></s:Body></s:Envelope>`},
		{"Envelope without namespace", `<Envelope><Body><X/></Body></Envelope>`},
		{"no Body", env + `<s:Header/></s:Envelope>`},
		{"empty Body", env + `<s:Body> </s:Body></s:Envelope>`},
		{"Body in another namespace", env + `<x:Body xmlns:x="urn:x"><X/></x:Body></s:Envelope>`},
		{"Body nested too deep", env + `<s:Header><s:Body><X/></s:Body></s:Header></s:Envelope>`},
		{"mismatched end tag", env + `<s:Body><X></Y></s:Body></s:Envelope>`},
		{"unclosed", env + `<s:Body><X/></s:Body>`},
		{"truncated", env + `<s:Body><X`},
		{"DTD", `<!DOCTYPE s:Envelope [<!ENTITY e "x">]>` + env + `<s:Body><X/></s:Body></s:Envelope>`},
		{"text after the Envelope", env + `<s:Body><X/></s:Body></s:Envelope>junk`},
		{"second root", env + `<s:Body><X/></s:Body></s:Envelope><s:Envelope/>`},
		{"unknown entity", env + `<s:Body><X>&e;</X></s:Body></s:Envelope>`},
		{"Latin-1 declared", `<?xml version="1.0" encoding="ISO-8859-1"?>` + env + `<s:Body><X/></s:Body></s:Envelope>`},
	}
	for _, tc := range tests {
		got, err := ExtractSOAPBody([]byte(tc.in))
		if !errors.Is(err, ErrSOAPEnvelope) || got != nil {
			t.Errorf("%s: %q, %v", tc.name, got, err)
		}
	}
}

func FuzzSOAPExtract(f *testing.F) {
	for _, tc := range seeddoc.SnomRequests {
		f.Add([]byte(tc.Envelope))
	}
	f.Add([]byte(`<Envelope xmlns="http://www.w3.org/2003/05/soap-envelope"><Body xmlns:p="a&amp;b"><p:X/></Body></Envelope>`))
	f.Add([]byte(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><X></Y></s:Body></s:Envelope>`))
	f.Fuzz(func(t *testing.T, in []byte) {
		inner, err := ExtractSOAPBody(in)
		if err != nil {
			if inner != nil || !errors.Is(err, ErrSOAPEnvelope) {
				t.Fatalf("%q with %v", inner, err)
			}
			return
		}
		// Each re-declared binding comes from the input; escaping can make
		// a URI at most 6 times longer.
		if len(inner) > 8*len(in) {
			t.Fatalf("%d bytes out of %d", len(inner), len(in))
		}
		// The element stands alone and keeps the name it had in the
		// envelope.
		if got, want := soapTestRootName(t, inner), soapTestBodyChild(in); got != want {
			t.Fatalf("root %v, in the envelope %v\n%s\n%s", got, want, in, inner)
		}
	})
}

// soapTestBodyChild resolves, with encoding/xml's own namespace handling, the
// name of the first element at depth 2 under a Body at depth 1.
func soapTestBodyChild(env []byte) xml.Name {
	d := xml.NewDecoder(bytes.NewReader(env))
	depth, inBody, envNS := 0, false, ""
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.Name{}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				envNS = t.Name.Space
			} else if depth == 2 && t.Name.Local == "Body" && t.Name.Space == envNS {
				inBody = true
			} else if depth == 3 && inBody {
				return t.Name
			}
		case xml.EndElement:
			depth--
			if depth == 1 {
				inBody = false
			}
		}
	}
}
