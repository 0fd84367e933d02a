package ecma323

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// SOAP envelope namespaces. A request in either is answered in the same one.
const (
	SOAP11Namespace = "http://schemas.xmlsoap.org/soap/envelope/"
	SOAP12Namespace = "http://www.w3.org/2003/05/soap-envelope"
)

// ErrSOAPEnvelope is matched by the error of ExtractSOAPBody for a request
// that is not a well-formed SOAP envelope with an element in its Body.
var ErrSOAPEnvelope = errors.New("ecma323: bad SOAP envelope")

// ExtractSOAPBody returns the first child element of the Body of a SOAP 1.1
// (or 1.2) envelope as a standalone XML element: the bytes of the request as
// sent, with the namespace declarations it inherits from Envelope and Body
// re-declared on its start tag.
//
// snom's requests declare the csta prefix on Envelope and use it on the body
// element (<csta:AnswerCall>); cut out as is, that element would not parse on
// its own. Every binding in scope is re-declared, not only the prefixes the
// element and its attributes visibly use, because a prefix can also occur in
// content (xsi:type="csta:DeviceID", QName text) where no parser can see it;
// this is what inclusive canonical XML does for a subtree. A binding the
// element declares itself is left alone, and so is an empty default
// namespace. The whole envelope must be well-formed; a DTD is refused (SOAP
// 1.1 section 3 forbids it, and it is the door to entity expansion).
func ExtractSOAPBody(envelope []byte) ([]byte, error) {
	inner, _, err := ExtractSOAP(envelope)
	return inner, err
}

// soapBinding is one namespace declaration; a scope is a slice of them in
// document order, an inner one shadowing an outer one with the same prefix.
type soapBinding struct{ prefix, uri string }

// soapOpen is an element whose end tag is pending.
type soapOpen struct {
	name     xml.Name // raw: Space is the prefix
	bindings int      // the length of the scope before its declarations
}

// ExtractSOAP is ExtractSOAPBody that also returns the namespace of the
// envelope (SOAP11Namespace or SOAP12Namespace), so that a server can answer
// in the version it was asked in.
func ExtractSOAP(data []byte) (inner []byte, envNS string, err error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var (
		stack      []soapOpen
		scope      []soapBinding
		rootSeen   bool
		bodyDepth  = -1 // the depth of the Body element while it is open
		start, end = -1, -1
		redeclare  []soapBinding
		child      xml.Name
	)
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", fmt.Errorf("%w: %v", ErrSOAPEnvelope, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth := len(stack)
			outer := len(scope)
			scope = soapDeclare(scope, t.Attr)
			for _, b := range scope[outer:] {
				if b.prefix != "" && b.uri == "" {
					// Undeclaring a prefix is XML 1.1 only.
					return nil, "", fmt.Errorf("%w: empty namespace for prefix %s", ErrSOAPEnvelope, b.prefix)
				}
			}
			switch {
			case depth == 0:
				if rootSeen {
					return nil, "", fmt.Errorf("%w: a second root element", ErrSOAPEnvelope)
				}
				rootSeen = true
				envNS = soapLookup(scope, t.Name.Space)
				if t.Name.Local != "Envelope" || (envNS != SOAP11Namespace && envNS != SOAP12Namespace) {
					return nil, "", fmt.Errorf("%w: root is {%s}%s, not a SOAP Envelope", ErrSOAPEnvelope, envNS, t.Name.Local)
				}
			case depth == 1 && start < 0 && t.Name.Local == "Body" && soapLookup(scope, t.Name.Space) == envNS:
				bodyDepth = depth
			case depth == bodyDepth+1 && bodyDepth >= 0 && start < 0:
				start, child = off, t.Name
				redeclare = soapInherited(scope[:outer], t.Attr)
			}
			stack = append(stack, soapOpen{name: t.Name, bindings: outer})
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, "", fmt.Errorf("%w: end tag </%s> without start", ErrSOAPEnvelope, soapQName(t.Name))
			}
			top := stack[len(stack)-1]
			if top.name != t.Name {
				return nil, "", fmt.Errorf("%w: <%s> closed by </%s>", ErrSOAPEnvelope, soapQName(top.name), soapQName(t.Name))
			}
			stack, scope = stack[:len(stack)-1], scope[:top.bindings]
			if len(stack) == bodyDepth+1 && start >= 0 && end < 0 {
				end = int(d.InputOffset())
			}
			if len(stack) == bodyDepth {
				bodyDepth = -1
			}
		case xml.Directive:
			return nil, "", fmt.Errorf("%w: DTD or directive not allowed", ErrSOAPEnvelope)
		case xml.CharData:
			if len(stack) == 0 && len(bytes.TrimLeft(t, " \t\r\n")) > 0 {
				return nil, "", fmt.Errorf("%w: text outside the Envelope", ErrSOAPEnvelope)
			}
		}
	}
	switch {
	case !rootSeen:
		return nil, "", fmt.Errorf("%w: no Envelope", ErrSOAPEnvelope)
	case len(stack) > 0:
		return nil, "", fmt.Errorf("%w: <%s> is not closed", ErrSOAPEnvelope, soapQName(stack[len(stack)-1].name))
	case start < 0:
		return nil, envNS, fmt.Errorf("%w: no element in the Body", ErrSOAPEnvelope)
	}
	inner, err = soapSplice(data[start:end], child, redeclare)
	return inner, envNS, err
}

// soapDeclare appends the namespace declarations among attrs to scope.
func soapDeclare(scope []soapBinding, attrs []xml.Attr) []soapBinding {
	for _, a := range attrs {
		switch {
		case a.Name.Space == "xmlns":
			scope = append(scope, soapBinding{a.Name.Local, a.Value})
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			scope = append(scope, soapBinding{"", a.Value})
		}
	}
	return scope
}

// soapLookup resolves prefix in scope; "" for an unbound one.
func soapLookup(scope []soapBinding, prefix string) string {
	for i := len(scope) - 1; i >= 0; i-- {
		if scope[i].prefix == prefix {
			return scope[i].uri
		}
	}
	return ""
}

// soapInherited returns the bindings of the outer scope, innermost value per
// prefix in order of first declaration, that the element's own attrs do not
// declare and that need declaring: not the empty default, not xml.
func soapInherited(outer []soapBinding, attrs []xml.Attr) []soapBinding {
	own := soapDeclare(nil, attrs)
	var out []soapBinding
	seen := map[string]bool{}
	for _, b := range outer {
		if seen[b.prefix] {
			continue
		}
		seen[b.prefix] = true
		uri := soapLookup(outer, b.prefix)
		if uri == "" || b.prefix == "xml" || soapDeclares(own, b.prefix) {
			continue
		}
		out = append(out, soapBinding{b.prefix, uri})
	}
	return out
}

func soapDeclares(scope []soapBinding, prefix string) bool {
	for _, b := range scope {
		if b.prefix == prefix {
			return true
		}
	}
	return false
}

// soapSplice inserts the declarations after the element name in the start
// tag at the head of elem.
func soapSplice(elem []byte, name xml.Name, decls []soapBinding) ([]byte, error) {
	qname := soapQName(name)
	if len(elem) < 1+len(qname) || elem[0] != '<' || string(elem[1:1+len(qname)]) != qname {
		return nil, fmt.Errorf("%w: cannot locate the start tag of <%s>", ErrSOAPEnvelope, qname)
	}
	var b bytes.Buffer
	b.Grow(len(elem) + 64*len(decls))
	b.Write(elem[:1+len(qname)])
	for _, d := range decls {
		if d.prefix == "" {
			b.WriteString(` xmlns="`)
		} else {
			b.WriteString(` xmlns:` + d.prefix + `="`)
		}
		soapEscapeAttr(&b, d.uri)
		b.WriteByte('"')
	}
	b.Write(elem[1+len(qname):])
	return b.Bytes(), nil
}

// soapAttrEscaper escapes a double-quoted attribute value; the whitespace
// characters too, which a parser would otherwise normalise to spaces.
var soapAttrEscaper = strings.NewReplacer(`&`, "&amp;", `<`, "&lt;", `"`, "&quot;",
	"\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")

// soapEscapeAttr writes s escaped for a double-quoted attribute value.
func soapEscapeAttr(b *bytes.Buffer, s string) {
	soapAttrEscaper.WriteString(b, s)
}

func soapQName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}
