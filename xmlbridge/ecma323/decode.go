package ecma323

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cstav3/cstav3/cstav3"
)

// Limits a zero Decoder applies.
const (
	// DefaultMaxSize is 64 KiB: ECMA-323 Annex J.2's two-byte length cannot
	// frame more, and no CSTA request comes near it.
	DefaultMaxSize = 64 << 10
	// DefaultMaxDepth bounds element nesting, SOAP envelope included. The
	// deepest CSTA message (a SnapshotDeviceResponse in an envelope) needs 9.
	DefaultMaxDepth = 32
)

// A Decoder reads ECMA-323 and ECMA-354 documents from consumers. The zero
// value applies DefaultMaxSize and DefaultMaxDepth and repairs mismatched
// end tags. A Decoder is a value without state, safe for concurrent use.
//
// Decoding is safe on hostile input: encoding/xml expands no external
// entities, and the Decoder refuses any DOCTYPE or entity declaration
// outright, refuses input over MaxSize before parsing it and stops at
// MaxDepth, and never panics (FuzzDecodeRequest).
type Decoder struct {
	MaxSize  int // bytes of input; 0 means DefaultMaxSize
	MaxDepth int // element nesting; 0 means DefaultMaxDepth
	// Strict refuses documents that are not well-formed. Without it, a
	// document whose only fault is a mismatched end tag is read again in
	// encoding/xml's non-strict mode, which closes elements implicitly,
	// and Message.Repaired is set: uni-tel's published login has
	// <vendorData:password>…<vendorData:password> (seed 002).
	Strict bool
}

// A Message is a decoded document: its XML struct, what it maps to in
// cstav3, and where it came from.
type Message struct {
	Name      string // local name of the document element, e.g. "MakeCall"
	Namespace string // its namespace as sent ("" for none)
	Edition   Edition
	// UnknownNamespace is set when Namespace is neither an ECMA-323 edition,
	// ECMA-354's nor empty. The document was decoded by local names anyway;
	// the server decides whether to accept it.
	UnknownNamespace bool
	SOAP             bool // the document came inside a SOAP Envelope/Body
	Repaired         bool // not well-formed; read leniently (see Decoder.Strict)
	Kind             Kind
	Session          bool // an ECMA-354 session message

	// XML is the decoded struct, a pointer such as *MakeCall.
	XML any
	// The cstav3 value XML maps to, by Kind: the request's Argument (nil for
	// RequestSystemStatus and session messages), the response's Result
	// (nil for RequestSystemStatusResponse and session responses), the
	// Event, or the Error of a CSTAErrorCode.
	Argument cstav3.Argument
	Result   cstav3.Result
	Event    cstav3.Event
	Error    *cstav3.Error
	// CrossRef is the monitorCrossRefID of a MonitorStop,
	// ChangeMonitorFilter, MonitorStartResponse or event: the bridge's own
	// name for a monitor, which it resolves to the switch's CrossRefID.
	CrossRef string
}

// DecodeRequest decodes a consumer's request with the default limits.
func DecodeRequest(data []byte) (*Message, error) {
	var d Decoder
	return d.DecodeRequest(data)
}

// Decode decodes any message with the default limits.
func Decode(data []byte) (*Message, error) {
	var d Decoder
	return d.Decode(data)
}

// DecodeRequest decodes a document that must be a request (CSTA or
// session); any other known message gives ErrUnknownRequest. Like Decode, it
// returns the Message with a *FieldError.
func (d Decoder) DecodeRequest(data []byte) (*Message, error) {
	m, err := d.Decode(data)
	if m != nil && m.Kind != KindRequest {
		return nil, fmt.Errorf("%w: %s is a %s, not a request", ErrUnknownRequest, m.Name, m.Kind)
	}
	return m, err
}

var (
	errCodecDirective = errors.New("DOCTYPE and entity declarations are not allowed")
	errCodecTooDeep   = errors.New("elements nested too deep")
)

// Decode decodes one document: a CSTA request, response, event or
// CSTAErrorCode, or an ECMA-354 session message, bare or as the only child
// of a SOAP 1.1 (or 1.2) Body; a SOAP Fault is read through to the
// CSTAErrorCode in its detail. Errors wrap ErrTooLarge, ErrMalformed or
// ErrUnknownRequest. When the document is well-formed but a value cannot be
// mapped to cstav3 (a *FieldError, matching ErrMalformed), Decode returns the
// Message too, with Name and XML set and the cstav3 fields nil, so that the
// server can answer the request with a CSTAErrorCode.
func (d Decoder) Decode(data []byte) (*Message, error) {
	max := d.MaxSize
	if max <= 0 {
		max = DefaultMaxSize
	}
	if len(data) > max {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), max)
	}
	data = codecToUTF8(data)
	m, err := d.parse(data, true)
	if err != nil && !d.Strict && codecRepairable(err) {
		if m2, err2 := d.parse(data, false); m2 != nil {
			m2.Repaired = true
			return m2, err2
		}
	}
	if err != nil {
		if m != nil {
			// Well-formed, but a value does not map: keep the XML so that
			// the server can answer the request it names.
			return m, err
		}
		return nil, codecClassify(err)
	}
	return m, nil
}

// codecRepairable reports whether a strict parse failed only on element
// nesting, which non-strict mode repairs unambiguously.
func codecRepairable(err error) bool {
	var se *xml.SyntaxError
	return errors.As(err, &se) && (strings.Contains(se.Msg, "closed by </") ||
		strings.HasPrefix(se.Msg, "unexpected end element"))
}

// codecClassify wraps a parse error in the sentinel it belongs to.
func codecClassify(err error) error {
	switch {
	case errors.Is(err, ErrMalformed), errors.Is(err, ErrUnknownRequest), errors.Is(err, ErrTooLarge):
		return err
	case errors.Is(err, errCodecTooDeep):
		return fmt.Errorf("%w: %w", ErrTooLarge, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: unexpected end of input", ErrMalformed)
	}
	return fmt.Errorf("%w: %w", ErrMalformed, err)
}

// codecGuard sits between the tokenizer and the unmarshaler: it refuses
// directives (DOCTYPE, ENTITY) and counts depth, so that no limit depends on
// what encoding/xml happens to tolerate.
type codecGuard struct {
	d          *xml.Decoder
	depth, max int
}

func (g *codecGuard) Token() (xml.Token, error) {
	t, err := g.d.Token()
	if err != nil {
		return nil, err
	}
	switch t.(type) {
	case xml.StartElement:
		if g.depth++; g.depth > g.max {
			return nil, fmt.Errorf("%w (limit %d)", errCodecTooDeep, g.max)
		}
	case xml.EndElement:
		g.depth--
	case xml.Directive:
		return nil, errCodecDirective
	}
	return t, nil
}

func (d Decoder) parse(data []byte, strict bool) (*Message, error) {
	inner := xml.NewDecoder(bytes.NewReader(data))
	inner.Strict = strict
	inner.CharsetReader = codecCharsetReader
	depth := d.MaxDepth
	if depth <= 0 {
		depth = DefaultMaxDepth
	}
	dec := xml.NewTokenDecoder(&codecGuard{d: inner, max: depth})
	m := &Message{}
	start, err := codecFindMessage(dec, m, d.Strict)
	if err != nil {
		return nil, err
	}
	e, ok := messageByName[start.Name.Local]
	if !ok {
		return nil, fmt.Errorf("%w: <%s>", ErrUnknownRequest, start.Name.Local)
	}
	m.Name, m.Namespace, m.Kind, m.Session = e.name, start.Name.Space, e.kind, e.session
	m.Edition, _ = ParseNamespace(m.Namespace)
	m.UnknownNamespace = !codecKnownNamespace(m.Namespace)
	m.XML = e.new()
	if err := dec.DecodeElement(m.XML, &start); err != nil {
		return nil, err
	}
	if err := codecDrain(dec, d.Strict); err != nil {
		return nil, err
	}
	if err := m.mapCSTA(); err != nil {
		return m, err
	}
	return m, nil
}

// codecFindMessage returns the start of the message element: the document
// element, or the first child of a SOAP Body (through a Fault's detail).
// Unless strict, text before it is skipped: uaCSTA captures print line feeds
// as "\n" (seed 003).
func codecFindMessage(dec *xml.Decoder, m *Message, strict bool) (xml.StartElement, error) {
	inFault := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return xml.StartElement{}, fmt.Errorf("%w: no document element", ErrMalformed)
		}
		if err != nil {
			return xml.StartElement{}, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if strict && len(bytes.TrimSpace(t)) != 0 && !inFault {
				return xml.StartElement{}, fmt.Errorf("%w: text before the message", ErrMalformed)
			}
		case xml.StartElement:
			soap := codecIsSOAP(t.Name)
			switch {
			case inFault && t.Name.Local != "detail" && t.Name.Local != "Detail":
				// faultcode, faultstring, faultactor; SOAP 1.2 Code, Reason ...
				if err := dec.Skip(); err != nil {
					return xml.StartElement{}, err
				}
			case !soap:
				return t, nil
			case t.Name.Local == "Envelope":
				m.SOAP = true
			case t.Name.Local == "Header":
				if err := dec.Skip(); err != nil {
					return xml.StartElement{}, err
				}
			case t.Name.Local == "Fault":
				inFault = true
			default:
				inFault = false // in the detail: its child is the message
			}
			// Body, Fault and detail: descend.
		case xml.EndElement:
			return xml.StartElement{}, fmt.Errorf("%w: empty SOAP %s", ErrMalformed, t.Name.Local)
		}
	}
}

// codecIsSOAP reports whether an element is part of a SOAP envelope rather
// than the message: the envelope elements in either SOAP namespace, and the
// Fault's unqualified detail.
func codecIsSOAP(n xml.Name) bool {
	switch n.Space {
	case "http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope":
		switch n.Local {
		case "Envelope", "Header", "Body", "Fault", "Detail", "detail":
			return true
		}
	case "":
		return n.Local == "detail"
	}
	return false
}

// codecDrain reads the rest of the input so that a truncated envelope or
// markup after the message is an error. Unless strict, stray text after the
// message is tolerated: ECSS-10's published RetrieveCall ends in ">>"
// (seed 000).
func codecDrain(dec *xml.Decoder, strict bool) error {
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return fmt.Errorf("%w: <%s> after the message", ErrMalformed, t.Name.Local)
		case xml.CharData:
			if strict && len(bytes.TrimSpace(t)) != 0 {
				return fmt.Errorf("%w: text after the message", ErrMalformed)
			}
		}
	}
}

// mapCSTA fills the cstav3 fields from XML.
func (m *Message) mapCSTA() error {
	var err error
	switch {
	case m.Session:
	case m.Kind == KindRequest:
		m.Argument, m.CrossRef, err = ArgumentFromXML(m.XML)
	case m.Kind == KindResponse:
		m.Result, m.CrossRef, err = ResultFromXML(m.XML)
	case m.Kind == KindEvent:
		m.Event, m.CrossRef, err = EventFromXML(m.XML)
	case m.Kind == KindError:
		m.Error, err = ErrorFromXML(m.XML.(*CSTAErrorCode))
	}
	if err != nil {
		return fmt.Errorf("%s: %w", m.Name, err)
	}
	return nil
}

// codecToUTF8 transcodes UTF-16 input (with a byte order mark, or
// recognisable by the NUL next to its '<') and drops a UTF-8 byte order
// mark. Anything else is left for the parser, which checks it is UTF-8.
func codecToUTF8(data []byte) []byte {
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		return data[3:]
	}
	if len(data) < 2 {
		return data
	}
	var be bool
	switch {
	case data[0] == 0xFE && data[1] == 0xFF:
		be, data = true, data[2:]
	case data[0] == 0xFF && data[1] == 0xFE:
		data = data[2:]
	case data[0] == 0 && data[1] == '<':
		be = true
	case data[0] == '<' && data[1] == 0:
	default:
		return data
	}
	u := make([]uint16, len(data)/2)
	for i := range u {
		if be {
			u[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
		} else {
			u[i] = uint16(data[2*i+1])<<8 | uint16(data[2*i])
		}
	}
	out := make([]byte, 0, len(data))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

// codecCharsetReader accepts the encodings consumers declare. UTF-16 input
// was transcoded before parsing, and .NET writes encoding="utf-16" on
// documents it then sends as UTF-8 (uni-tel, seed 002), so a UTF-16
// declaration reads the bytes as they are. ISO-8859-1 (BroadSoft, Avaya)
// is converted.
func codecCharsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "utf-8", "utf8", "us-ascii", "ascii", "utf-16", "utf-16le", "utf-16be", "unicode":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1":
		return &codecLatin1{r: input}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", charset)
}

// codecLatin1 converts ISO-8859-1 to UTF-8.
type codecLatin1 struct {
	r       io.Reader
	pending []byte
}

func (l *codecLatin1) Read(p []byte) (int, error) {
	if len(l.pending) == 0 {
		var buf [512]byte
		n, err := l.r.Read(buf[:])
		for _, b := range buf[:n] {
			l.pending = utf8.AppendRune(l.pending, rune(b))
		}
		if n == 0 {
			return 0, err
		}
	}
	n := copy(p, l.pending)
	l.pending = l.pending[n:]
	return n, nil
}
