package xmlbridge

import (
	"encoding/xml"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

const (
	soapTestED4 = "http://www.ecma-international.org/standards/ecma-323/csta/ed4"
	// soapTestErrorCode is the detail snom puts in its faults (seed 001, lines
	// 79-81), with a CSTA error value for the operation.
	soapTestErrorCode = `<csta:CSTAErrorCode xmlns:csta="` + soapTestED4 + `"><csta:operation>invalidCallID</csta:operation></csta:CSTAErrorCode>`
)

func TestAppendSOAPEnvelope(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"declaration dropped", `<?xml version="1.0" encoding="UTF-8"?>` + "\r\n" + `<csta:AnswerCallResponse xmlns:csta="` + soapTestED4 + `"/>`,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
				`<csta:AnswerCallResponse xmlns:csta="` + soapTestED4 + `"/></soapenv:Body></soapenv:Envelope>`},
		{"BOM dropped", "\xEF\xBB\xBF<a/>",
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><a/></soapenv:Body></soapenv:Envelope>`},
		{"empty Body", "",
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body></soapenv:Body></soapenv:Envelope>`},
		{"other PI kept", `<?xml-stylesheet href="a"?><a/>`,
			`<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
				`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><?xml-stylesheet href="a"?><a/></soapenv:Body></soapenv:Envelope>`},
	}
	for _, tc := range tests {
		if got := string(AppendSOAPEnvelope(nil, []byte(tc.doc))); got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}
	}
}

func TestAppendSOAPFaultBytes(t *testing.T) {
	got := string(AppendSOAPFault([]byte("kept"), &Fault{Code: FaultClient, String: "CSTA Error", Detail: []byte(soapTestErrorCode)}))
	want := `kept<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>` +
		`<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>CSTA Error</faultstring>` +
		`<detail>` + soapTestErrorCode + `</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>`
	if got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// soapTestFault11 is the SOAP 1.1 shape of a fault, for parsing one back.
type soapTestFault11 struct {
	XMLName xml.Name `xml:"http://schemas.xmlsoap.org/soap/envelope/ Envelope"`
	Body    struct {
		Fault *struct {
			Code   soapTestText `xml:"faultcode"`
			String soapTestText `xml:"faultstring"`
			Detail *struct {
				Text      string `xml:",chardata"`
				ErrorCode *struct {
					Operation string `xml:"http://www.ecma-international.org/standards/ecma-323/csta/ed4 operation"`
				} `xml:"http://www.ecma-international.org/standards/ecma-323/csta/ed4 CSTAErrorCode"`
			} `xml:"detail"`
		} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Fault"`
	} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
}

// soapTestText keeps the element name, to check that fault children are
// unqualified.
type soapTestText struct {
	XMLName xml.Name
	Text    string `xml:",chardata"`
}

func TestAppendSOAPFaultParsesBack(t *testing.T) {
	tests := []struct {
		name      string
		fault     Fault
		code      string
		operation string // "" for no CSTAErrorCode
		text      string // the detail as text
	}{
		{"snom detail", Fault{Code: FaultClient, String: "CSTA Error", Detail: []byte(soapTestErrorCode)}, "soapenv:Client", "invalidCallID", ""},
		{"detail with declaration", Fault{Code: FaultServer, String: "x", Detail: []byte(`<?xml version="1.0"?>` + "\n" + soapTestErrorCode)}, "soapenv:Server", "invalidCallID", ""},
		{"escaped string", Fault{Code: FaultClient, String: `<b>&"`}, "soapenv:Client", "", ""},
		{"snom-style prefixed code", Fault{Code: "SOAP-ENV:Client", String: "x"}, "soapenv:Client", "", ""},
		{"dotted code", Fault{Code: "Client.Authentication", String: "x"}, "soapenv:Client.Authentication", "", ""},
		{"empty code", Fault{String: "x"}, "soapenv:Server", "", ""},
		{"markup in code", Fault{Code: "<x>", String: "x"}, "soapenv:Server", "", ""},
		{"broken detail escaped", Fault{Code: FaultClient, String: "x", Detail: []byte(`<a></detail></soapenv:Fault>`)}, "soapenv:Client", "", `<a></detail></soapenv:Fault>`},
		{"DTD detail escaped", Fault{Code: FaultClient, String: "x", Detail: []byte(`<!DOCTYPE a><a/>`)}, "soapenv:Client", "", `<!DOCTYPE a><a/>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := AppendSOAPFault(nil, &tc.fault)
			var env soapTestFault11
			if err := xml.Unmarshal(out, &env); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			f := env.Body.Fault
			if f == nil {
				t.Fatalf("no Fault in %s", out)
			}
			if f.Code.Text != tc.code || f.String.Text != tc.fault.String {
				t.Errorf("code %q string %q", f.Code.Text, f.String.Text)
			}
			if f.Code.XMLName.Space != "" || f.String.XMLName.Space != "" {
				t.Errorf("qualified fault children: %v %v", f.Code.XMLName, f.String.XMLName)
			}
			switch {
			case len(tc.fault.Detail) == 0:
				if f.Detail != nil {
					t.Errorf("detail without Detail")
				}
			case tc.operation != "":
				if f.Detail == nil || f.Detail.ErrorCode == nil || f.Detail.ErrorCode.Operation != tc.operation {
					t.Errorf("no CSTAErrorCode/operation %q in %s", tc.operation, out)
				}
			default:
				if f.Detail == nil || f.Detail.Text != tc.text {
					t.Errorf("detail text %+v", f.Detail)
				}
			}
		})
	}
}

func TestSOAP12Fault(t *testing.T) {
	out := string(soapAppendFault(nil, ecma323.SOAP12Namespace, &Fault{Code: FaultClient, String: "CSTA Error", Detail: []byte(soapTestErrorCode)}))
	var env struct {
		Body struct {
			Fault struct {
				Value  string `xml:"http://www.w3.org/2003/05/soap-envelope Code>Value"`
				Text   string `xml:"http://www.w3.org/2003/05/soap-envelope Reason>Text"`
				Detail struct {
					Operation string `xml:"http://www.ecma-international.org/standards/ecma-323/csta/ed4 CSTAErrorCode>operation"`
				} `xml:"http://www.w3.org/2003/05/soap-envelope Detail"`
			} `xml:"http://www.w3.org/2003/05/soap-envelope Fault"`
		} `xml:"http://www.w3.org/2003/05/soap-envelope Body"`
	}
	if err := xml.Unmarshal([]byte(out), &env); err != nil {
		t.Fatal(err)
	}
	f := env.Body.Fault
	if f.Value != "soapenv:Sender" || f.Text != "CSTA Error" || f.Detail.Operation != "invalidCallID" ||
		!strings.Contains(out, `xmlns:soapenv="`+ecma323.SOAP12Namespace+`"`) {
		t.Errorf("%+v\n%s", f, out)
	}
	for code, want := range map[string]string{FaultClient: "Sender", FaultServer: "Receiver", "Client.Auth": "Sender",
		"MustUnderstand": "MustUnderstand", "VersionMismatch": "VersionMismatch", "Other": "Receiver"} {
		if got := soapFaultCode(code, ecma323.SOAP12Namespace); got != want {
			t.Errorf("1.2 code for %s: %s, want %s", code, got, want)
		}
	}
}

func TestFaultError(t *testing.T) {
	var err error = &Fault{Code: FaultClient, String: "CSTA Error"}
	if !strings.Contains(err.Error(), "Client") || !strings.Contains(err.Error(), "CSTA Error") {
		t.Error(err)
	}
}
