package ecma323

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// codecXMLWriter appends to buf the bytes encoding/xml's Encoder writes for
// the same tokens, without its bufio.Writer, its tag and prefix stacks or the
// boxing of every token into an interface: half the cost of an event used to
// be spent in EncodeToken. It knows the shapes the codec emits, and writes
// them the way encoding/xml (Go 1.26, marshal.go) does:
//
//   - a start tag is <local, then xmlns="space" when the name has a
//     namespace (encoding/xml writes it on every such element, whatever its
//     parent declared), then the attributes, then >; attributes without a
//     local name are skipped; attributes in a namespace, which would need
//     encoding/xml's prefix bookkeeping, are refused (the codec writes none);
//   - an element is never self-closed: <notKnown></notKnown>;
//   - text and attribute values are escaped as escapeText does (see
//     escape).
//
// A start tag is written in three steps, openStart, attr for each
// attribute and closeStart, so that attributes need not be gathered into an
// []xml.Attr first. The writer does not check that end tags match their
// start tags, as encoding/xml does: codecWriter always writes them in pairs.
// Values it has no plan for (innerxml) are written by encoding/xml itself,
// into the same buffer (see element).
type codecXMLWriter struct {
	buf []byte
	// xmlns is ` xmlns="space"` as openStart last wrote it, for space: a
	// document element's namespace is the same document after document,
	// and it is the longest text of an event.
	space string
	xmlns []byte
	// fallback writes the values element hands to encoding/xml, through
	// Write. It is made on first use and kept with the writer: making an
	// xml.Encoder allocates a 4 KiB bufio.Writer.
	fallback *xml.Encoder
}

var (
	errCodecNoName   = errors.New("xml: start tag with no name")
	errCodecEndName  = errors.New("xml: end tag with no name")
	errCodecAttrNS   = errors.New("ecma323: attribute in a namespace")
	errCodecProcInst = errors.New("xml: EncodeToken of ProcInst with invalid Target or Inst")
)

// codecTag is an element name with its tags as codecXMLWriter writes them:
// the beginning of its start tag (before any attribute), its whole start
// tag without attributes, and its end tag. The plans make one per field
// once, so that writing a field's tags costs an append each rather than a
// pass over the name and its namespace; a tag made on the spot,
// codecTag{name: n}, is written from its name.
type codecTag struct {
	name xml.Name
	// "<local xmlns=\"space\"", "<local xmlns=\"space\">" and "</local>";
	// "" if not made.
	open, start, shut string
}

// codecTagFor returns n's tag, its strings written by openStart,
// closeStart and end.
func codecTagFor(n xml.Name) codecTag {
	t := codecTag{name: n}
	var w codecXMLWriter
	if w.openStart(&t) == nil {
		t.open = string(w.buf)
		w.closeStart()
		t.start = string(w.buf)
	}
	w.buf = w.buf[:0]
	if w.end(&t) == nil {
		t.shut = string(w.buf)
	}
	return t
}

// openStart writes the start tag of t up to its attributes.
func (w *codecXMLWriter) openStart(t *codecTag) error {
	if t.open != "" {
		w.write(t.open)
		return nil
	}
	if t.name.Local == "" {
		return errCodecNoName
	}
	w.writeByte('<')
	w.write(t.name.Local)
	if t.name.Space != "" {
		if t.name.Space != w.space || len(w.xmlns) == 0 {
			x := codecXMLWriter{buf: w.xmlns[:0]}
			x.write(` xmlns="`)
			x.escape(t.name.Space, true)
			x.writeByte('"')
			w.space, w.xmlns = t.name.Space, x.buf
		}
		w.writeBytes(w.xmlns)
	}
	return nil
}

// codecAttr is an attribute name with the text that begins the attribute
// in a start tag, ` local="`, made once for the attributes the codec
// writes; one made on the spot, codecAttr{name: n}, is written from its
// name.
type codecAttr struct {
	name xml.Name
	lead string
}

// codecAttrFor returns n's codecAttr, its lead written by attr.
func codecAttrFor(n xml.Name) codecAttr {
	a := codecAttr{name: n}
	var w codecXMLWriter
	if w.attr(&a, "") == nil && len(w.buf) > 0 {
		a.lead = string(w.buf[:len(w.buf)-1]) // without the closing quote
	}
	return a
}

// attr writes an attribute of the start tag openStart began. Its value is
// escaped newlines included, as encoding/xml does, since a parser would
// turn a raw newline in an attribute into a space.
func (w *codecXMLWriter) attr(a *codecAttr, value string) error {
	if a.lead != "" {
		w.write(a.lead)
	} else {
		if a.name.Local == "" {
			return nil
		}
		if a.name.Space != "" {
			return errCodecAttrNS
		}
		w.writeByte(' ')
		w.write(a.name.Local)
		w.write(`="`)
	}
	w.escape(value, true)
	w.writeByte('"')
	return nil
}

// closeStart ends the start tag openStart began.
func (w *codecXMLWriter) closeStart() {
	w.writeByte('>')
}

// start writes the start tag of t, without attributes.
func (w *codecXMLWriter) start(t *codecTag) error {
	if t.start != "" {
		w.write(t.start)
		return nil
	}
	if err := w.openStart(t); err != nil {
		return err
	}
	w.closeStart()
	return nil
}

// end writes the end tag of t.
func (w *codecXMLWriter) end(t *codecTag) error {
	if t.shut != "" {
		w.write(t.shut)
		return nil
	}
	if t.name.Local == "" {
		return errCodecEndName
	}
	w.write("</")
	w.write(t.name.Local)
	w.writeByte('>')
	return nil
}

// charData writes s as EncodeToken writes an xml.CharData: escaped, but
// with newlines kept. The MarshalXML methods of DeviceID, ConnectionID and
// Flags write their text that way, so xml.Marshal does too.
func (w *codecXMLWriter) charData(s string) {
	w.escape(s, false)
}

// text writes s as encoding/xml's Marshal writes a string (or number, or
// bool) field: escaped, newlines included.
func (w *codecXMLWriter) text(s string) {
	w.escape(s, true)
}

// int writes n in decimal, as encoding/xml writes an int: digits and a
// sign need no escaping.
func (w *codecXMLWriter) int(n int64) {
	var digits [20]byte
	w.writeBytes(strconv.AppendInt(digits[:0], n, 10))
}

// procInst writes a processing instruction: the XML declaration, which
// the caller writes first. Like EncodeToken it refuses an Inst holding ?>;
// it checks only that the target is not empty where EncodeToken checks
// that it is a name. (EncodeToken also refuses an xml target after other
// tokens, which it can tell from its buffer; the writer appends to the
// caller's bytes, and cannot.)
func (w *codecXMLWriter) procInst(p xml.ProcInst) error {
	if p.Target == "" || bytes.Contains(p.Inst, []byte("?>")) {
		return errCodecProcInst
	}
	w.write("<?")
	w.write(p.Target)
	if len(p.Inst) > 0 {
		w.writeByte(' ')
		w.writeBytes(p.Inst)
	}
	w.write("?>")
	return nil
}

// element writes v as the element s with encoding/xml itself, for the
// shapes the writer does not know. encoding/xml writes an element the same
// whatever encloses it: it declares a namespace on every element that has
// one, keeping no default namespace from the parent, and the only state it
// would carry in, the prefixes of namespaced attributes, the writer never
// writes. So a fresh Encoder writes the bytes one that had written the
// enclosing elements would.
func (w *codecXMLWriter) element(v any, s xml.StartElement) error {
	if w.fallback == nil {
		w.fallback = xml.NewEncoder(w)
	}
	// EncodeElement flushes into w on success. After an error the Encoder
	// may hold half an element; the caller drops the writer with it.
	if err := w.fallback.EncodeElement(v, s); err != nil {
		return fmt.Errorf("encoding %s: %w", s.Name.Local, err)
	}
	return nil
}

// Write appends p: the fallback Encoder's output.
func (w *codecXMLWriter) Write(p []byte) (int, error) {
	w.writeBytes(p)
	return len(p), nil
}

// codecEscapes holds, for each ASCII byte, what escapeText writes for it
// ("" for a byte written as it is; '\n' is decided by the caller), and
// codecPlain the bytes written as they are whatever the caller: the loop of
// escape skips those one table lookup each.
var (
	codecEscapes [utf8.RuneSelf]string
	codecPlain   [256]bool
)

func init() {
	for c := range byte(0x20) {
		codecEscapes[c] = "\uFFFD" // not an XML Char
	}
	codecEscapes['\t'], codecEscapes['\n'], codecEscapes['\r'] = "&#x9;", "&#xA;", "&#xD;"
	codecEscapes['"'], codecEscapes['\''] = "&#34;", "&#39;"
	codecEscapes['&'], codecEscapes['<'], codecEscapes['>'] = "&amp;", "&lt;", "&gt;"
	for c, esc := range codecEscapes {
		codecPlain[c] = esc == ""
	}
}

// escape writes s escaped exactly as encoding/xml's escapeText (and
// printer.EscapeString, which is escapeText with escapeNewline set) does:
// " ' & < > as &#34; &#39; &amp; &lt; &gt;, tab and carriage return as
// character references, a newline as &#xA; only if escapeNewline, and
// invalid UTF-8 and runes outside XML's Char production (control
// characters, U+FFFE, U+FFFF) as U+FFFD. A string that needs none of it,
// the usual case, is written in one copy.
func (w *codecXMLWriter) escape(s string, escapeNewline bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if codecPlain[c] {
			i++
			continue
		}
		var esc string
		width := 1
		if c < utf8.RuneSelf {
			if c == '\n' && !escapeNewline {
				i++
				continue
			}
			esc = codecEscapes[c]
		} else {
			var r rune
			r, width = utf8.DecodeRuneInString(s[i:])
			// An invalid byte decodes as U+FFFD of width 1 and is
			// replaced; a U+FFFD encoded as such is valid and kept.
			if (r != utf8.RuneError || width != 1) && r != 0xFFFE && r != 0xFFFF {
				i += width
				continue
			}
			esc = "\uFFFD"
		}
		w.write(s[last:i])
		w.write(esc)
		i += width
		last = i
	}
	w.write(s[last:])
}

// write appends s to buf. When s fits, it extends buf by reslicing rather
// than by assigning what append returns: that stores only buf's length,
// where the assignment stores its pointer too, with a GC write barrier
// whenever the collector is marking (the writer lives on the heap). An
// event is some eighty writes, and an Encoder's callers allocate enough for
// the collector to be marking much of the time.
func (w *codecXMLWriter) write(s string) {
	n := len(w.buf)
	if len(s) > cap(w.buf)-n {
		w.buf = append(w.buf, s...)
		return
	}
	w.buf = w.buf[:n+len(s)]
	copy(w.buf[n:], s)
}

// writeBytes is write for a []byte.
func (w *codecXMLWriter) writeBytes(b []byte) {
	n := len(w.buf)
	if len(b) > cap(w.buf)-n {
		w.buf = append(w.buf, b...)
		return
	}
	w.buf = w.buf[:n+len(b)]
	copy(w.buf[n:], b)
}

// writeByte is write for a byte.
func (w *codecXMLWriter) writeByte(c byte) {
	n := len(w.buf)
	if n == cap(w.buf) {
		w.buf = append(w.buf, c)
		return
	}
	w.buf = w.buf[:n+1]
	w.buf[n] = c
}
