package ecma323

import (
	"fmt"
	"testing"
)

func TestParseNamespace(t *testing.T) {
	for ed := Ed2; ed <= Ed6; ed++ {
		for _, host := range []string{"http://www.ecma-international.org", "http://www.ecma.ch"} {
			ns := fmt.Sprintf("%s/standards/ecma-323/csta/ed%d", host, ed)
			for _, form := range []string{ns, ns + "/", " " + ns + " "} {
				if got, ok := ParseNamespace(form); !ok || got != ed {
					t.Errorf("ParseNamespace(%q) = %v, %v", form, got, ok)
				}
			}
		}
		if got, ok := ParseNamespace(ed.Namespace()); !ok || got != ed {
			t.Errorf("%s: Namespace() %q does not parse back", ed, ed.Namespace())
		}
	}
	for _, ns := range []string{"", NamespaceSession, "http://www.ecma-international.org/standards/ecma-323/csta/ed1",
		"http://www.ecma-international.org/standards/ecma-323/csta/ed7", "http://example.com/csta/ed3", "csta"} {
		if ed, ok := ParseNamespace(ns); ok {
			t.Errorf("ParseNamespace(%q) = %v", ns, ed)
		}
	}
	if Ed2.Namespace() != "http://www.ecma.ch/standards/ecma-323/csta/ed2" || EditionUnknown.Namespace() != "" ||
		Ed3.String() != "ed3" || EditionUnknown.String() != "unknown" {
		t.Error("edition names")
	}
}

// TestNamespaceForms decodes the same request in every edition and host,
// with a default namespace, with a prefix, inside a SOAP 1.1 and 1.2
// envelope, and bare.
func TestNamespaceForms(t *testing.T) {
	body := `<%[1]sAnswerCall%[2]s><%[1]scallToBeAnswered><%[1]sdeviceID>100</%[1]sdeviceID><%[1]scallID>0a1b</%[1]scallID></%[1]scallToBeAnswered></%[1]sAnswerCall>`
	for ed := Ed2; ed <= Ed6; ed++ {
		for _, host := range []string{"http://www.ecma-international.org", "http://www.ecma.ch"} {
			ns := fmt.Sprintf("%s/standards/ecma-323/csta/ed%d", host, ed)
			docs := map[string]string{
				"default": fmt.Sprintf(body, "", ` xmlns="`+ns+`"`),
				"prefix":  fmt.Sprintf(body, "csta:", ` xmlns:csta="`+ns+`"`),
				"soap11": `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:csta="` + ns +
					`"><SOAP-ENV:Header><x/></SOAP-ENV:Header><SOAP-ENV:Body>` + fmt.Sprintf(body, "csta:", "") + `</SOAP-ENV:Body></SOAP-ENV:Envelope>`,
				"soap12": `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body>` +
					fmt.Sprintf(body, "", ` xmlns="`+ns+`"`) + `</env:Body></env:Envelope>`,
			}
			for form, doc := range docs {
				m, err := DecodeRequest([]byte(doc))
				if err != nil {
					t.Fatalf("%s %s: %v\n%s", ns, form, err, doc)
				}
				if m.Edition != ed || m.Namespace != ns || m.UnknownNamespace || m.SOAP != (form[:4] == "soap") ||
					m.Argument == nil {
					t.Errorf("%s %s: %+v", ns, form, m)
				}
			}
		}
	}
	m, err := DecodeRequest([]byte(fmt.Sprintf(body, "", "")))
	if err != nil || m.Namespace != "" || m.Edition != EditionUnknown || m.UnknownNamespace {
		t.Errorf("bare: %v %+v", err, m)
	}
	m, err = DecodeRequest([]byte(fmt.Sprintf(body, "", ` xmlns="urn:acme:csta"`)))
	if err != nil || !m.UnknownNamespace || m.Argument == nil {
		t.Errorf("unknown namespace: %v %+v", err, m)
	}
}

// TestSOAPFault reads the CSTAErrorCode out of a snom-style fault.
func TestSOAPFault(t *testing.T) {
	doc := `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"xmlns:csta="http://www.ecma-international.org/standards/ecma-323/csta/ed4">
 <SOAP-ENV:Body>
  <SOAP-ENV:Fault>
   <SOAP-ENV:faultcode>Client</SOAP-ENV:faultcode>
   <SOAP-ENV:faultstring>CSTA Error</SOAP-ENV:faultstring>
   <SOAP-ENV:detail>
    <csta:CSTAErrorCode xmlns:csta="http://www.ecma-international.org/standards/ecma-323/csta/ed4">
     <csta:operation>invalidCallID</csta:operation>
    </csta:CSTAErrorCode>
   </SOAP-ENV:detail>
  </SOAP-ENV:Fault>
 </SOAP-ENV:Body>
</SOAP-ENV:Envelope>`
	m, err := Decode([]byte(doc))
	if err != nil || m.Kind != KindError || m.Error.Name() != "invalidCallID" || !m.SOAP || m.Edition != Ed4 {
		t.Errorf("%v %+v", err, m)
	}
}

// TestEncoderNamespaces writes an event in every edition and with an
// explicit namespace.
func TestEncoderNamespaces(t *testing.T) {
	ev := codecEvents()[4]
	for _, enc := range []Encoder{{}, {Edition: Ed2}, {Edition: Ed4}, {Edition: Ed5}, {Edition: Ed6},
		{Namespace: "http://www.ecma.ch/standards/ecma-323/csta/ed6"}} {
		b, err := enc.AppendEvent([]byte("prefix:"), ev, "x")
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(b[len("prefix:"):])
		if err != nil {
			t.Fatal(err)
		}
		want := enc.Namespace
		if want == "" {
			want = enc.Edition.Namespace()
			if enc.Edition == EditionUnknown {
				want = DefaultEdition.Namespace()
			}
		}
		if m.Namespace != want {
			t.Errorf("%+v wrote %q", enc, m.Namespace)
		}
	}
}
