package xmlbridge

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// snom phones (seeds/001_961b2d06fd8e8e44.txt) take CSTA requests as SOAP 1.1
// over HTTP: POST /csta, Content-Type text/xml, the request element as the
// only child of SOAP-ENV:Body (lines 39-53, 88-92). They answer 200 with
// <csta:XResponse> in the Body, or 500 with a SOAP Fault whose detail holds a
// CSTAErrorCode (lines 56-86). The bridge serves the same exchange to HTTP
// consumers. The builders here write raw bytes around documents produced
// elsewhere; they do not parse the documents.

// SOAP 1.1 fault codes (SOAP 1.1 section 4.4.1). Client: the request was
// wrong and must not be resent as is; Server: the request may succeed later.
// snom answers every CSTA error with Client (seed 001, line 76).
const (
	FaultClient = "Client"
	FaultServer = "Server"
)

// Fault is a SOAP fault. It is also an error, so a Serve function can pass on
// one it received.
type Fault struct {
	// Code is a SOAP 1.1 fault code: FaultClient, FaultServer,
	// "VersionMismatch", "MustUnderstand", optionally dotted
	// ("Client.Authentication") or prefixed ("SOAP-ENV:Client"; the prefix is
	// replaced by the envelope's own). Empty means FaultServer.
	Code string
	// String is the human-readable faultstring, escaped on output.
	String string
	// Detail is an XML fragment placed in the fault's detail, usually a
	// CSTAErrorCode element. It must declare the namespaces it uses, as
	// snom's does; an XML declaration in front is dropped. A fragment that is
	// not well-formed XML is written as escaped text so the envelope stays
	// parseable.
	Detail []byte
}

// Error returns the fault code and the fault string.
func (f *Fault) Error() string {
	return "xmlbridge: SOAP fault " + f.Code + ": " + f.String
}

// AppendSOAPEnvelope appends a SOAP 1.1 envelope whose Body holds doc to buf.
// The XML declaration of doc, if any, is dropped: it may only start a
// document.
func AppendSOAPEnvelope(buf, doc []byte) []byte {
	return soapAppendEnvelope(buf, ecma323.SOAP11Namespace, soapStripProlog(doc))
}

// AppendSOAPFault appends a SOAP 1.1 envelope holding f as its Fault to buf.
func AppendSOAPFault(buf []byte, f *Fault) []byte {
	return soapAppendFault(buf, ecma323.SOAP11Namespace, f)
}

// soapAppendEnvelope writes the envelope in namespace ns around body.
func soapAppendEnvelope(buf []byte, ns string, body []byte) []byte {
	buf = append(buf, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+
		`<soapenv:Envelope xmlns:soapenv="`...)
	buf = append(buf, ns...)
	buf = append(buf, `"><soapenv:Body>`...)
	buf = append(buf, body...)
	return append(buf, `</soapenv:Body></soapenv:Envelope>`...)
}

// soapAppendFault writes f in the shape of the envelope version ns. SOAP 1.1
// children of Fault are unqualified (SOAP 1.1 section 4.4; snom qualifies
// them, which strict parsers reject); SOAP 1.2 nests Code/Value and
// Reason/Text and renames Client and Server to Sender and Receiver.
func soapAppendFault(buf []byte, ns string, f *Fault) []byte {
	var b bytes.Buffer
	code := soapFaultCode(f.Code, ns)
	detail := soapDetail(f.Detail)
	if ns == ecma323.SOAP12Namespace {
		b.WriteString(`<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:` + code +
			`</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text xml:lang="en">`)
		xml.EscapeText(&b, []byte(f.String))
		b.WriteString(`</soapenv:Text></soapenv:Reason>`)
		if len(detail) > 0 {
			b.WriteString(`<soapenv:Detail>`)
			b.Write(detail)
			b.WriteString(`</soapenv:Detail>`)
		}
	} else {
		b.WriteString(`<soapenv:Fault><faultcode>soapenv:` + code + `</faultcode><faultstring>`)
		xml.EscapeText(&b, []byte(f.String))
		b.WriteString(`</faultstring>`)
		if len(detail) > 0 {
			b.WriteString(`<detail>`)
			b.Write(detail)
			b.WriteString(`</detail>`)
		}
	}
	b.WriteString(`</soapenv:Fault>`)
	return soapAppendEnvelope(buf, ns, b.Bytes())
}

// soapFaultCode returns the local part of the fault code for version ns.
func soapFaultCode(code, ns string) string {
	if i := strings.LastIndexByte(code, ':'); i >= 0 {
		code = code[i+1:]
	}
	if !soapIsNCName(code) {
		code = FaultServer
	}
	if ns != ecma323.SOAP12Namespace {
		return code
	}
	base, _, _ := strings.Cut(code, ".")
	switch base {
	case FaultClient:
		return "Sender"
	case "VersionMismatch", "MustUnderstand", "DataEncodingUnknown", "Sender", "Receiver":
		return base
	}
	return "Receiver"
}

// soapIsNCName reports whether s is a safe unprefixed name: letters, digits,
// '.', '-', '_', not starting with a digit, '.' or '-'. It is stricter than
// XML, which is fine for fault codes, and keeps markup out of faultcode.
func soapIsNCName(s string) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case i > 0 && (c >= '0' && c <= '9' || c == '.' || c == '-'):
		default:
			return false
		}
	}
	return s != ""
}

// soapDetail returns the detail fragment ready to embed: without XML
// declaration, and escaped as text unless it is well-formed.
func soapDetail(detail []byte) []byte {
	detail = soapStripProlog(detail)
	if len(detail) == 0 || soapWellFormed(detail) {
		return detail
	}
	var b bytes.Buffer
	xml.EscapeText(&b, detail)
	return b.Bytes()
}

// soapWellFormed reports whether frag is a well-formed XML fragment: matched
// tags, no DTD. Namespace prefixes are not checked.
func soapWellFormed(frag []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(frag))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return true
		}
		if err != nil {
			return false
		}
		if _, ok := tok.(xml.Directive); ok {
			return false
		}
	}
}

// soapStripProlog drops a UTF-8 byte order mark, leading whitespace and an
// XML declaration from doc.
func soapStripProlog(doc []byte) []byte {
	doc = bytes.TrimPrefix(doc, []byte("\xEF\xBB\xBF"))
	doc = bytes.TrimLeft(doc, " \t\r\n")
	if len(doc) > 5 && bytes.HasPrefix(doc, []byte("<?xml")) && strings.IndexByte(" \t\r\n", doc[5]) >= 0 {
		if end := bytes.Index(doc, []byte("?>")); end >= 0 {
			doc = bytes.TrimLeft(doc[end+2:], " \t\r\n")
		}
	}
	return doc
}
