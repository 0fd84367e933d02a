package framing

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// uni-tel's CSTA TCP API (seeds/002_731aaf6685991749.txt) ends every
// document, in both directions, with one NUL byte: its sample client sends
// Serialize(message) + "\0" and splits what it receives at each "\0" (lines
// 23, 39, 63-67). NUL cannot occur in XML 1.0 text, so the terminator never
// needs escaping. This presumes an ASCII-compatible encoding on the wire: the
// sample's documents declare encoding="utf-16" (a .NET StringWriter habit) yet
// are sent and decoded as UTF-8 (line 60), and real UTF-16 would be full of
// NULs.

// ErrNULDocument is matched by the error of AppendNUL for a document
// that cannot be NUL-framed: empty, or containing a NUL.
var ErrNULDocument = errors.New("framing: document cannot be NUL-terminated")

// nulBufferSize is the read buffer; a document larger than it is gathered
// from several buffer fills, never more than the limit.
const nulBufferSize = 4096

// NULReader reads NUL-terminated XML documents from a stream.
type NULReader struct {
	r   *bufio.Reader
	max int
}

// NewNULReader returns a reader of NUL-terminated documents from r that
// refuses documents larger than max bytes (DefaultMaxMessage if max <= 0).
// It buffers r unless r is a *bufio.Reader already.
func NewNULReader(r io.Reader, max int) *NULReader {
	if max <= 0 {
		max = DefaultMaxMessage
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, nulBufferSize)
	}
	return &NULReader{r: br, max: max}
}

// ReadMessage returns the next document without its NUL, in a new slice that
// the caller owns. Whitespace and stray NULs before a document are skipped:
// peers put line breaks between documents, and an empty document carries
// nothing. A stream that ends between documents gives io.EOF, one that ends
// inside a document io.ErrUnexpectedEOF. More than max bytes without a NUL
// gives an error matching ErrMessageTooLarge; the reader never holds more
// than max bytes of a document, and after the error the stream position is
// unknown.
func (n *NULReader) ReadMessage() ([]byte, error) { return n.ReadMessageInto(nil) }

// ReadMessageInto is ReadMessage reading the document into buf as far as it
// has the room (a larger slice otherwise). A loop that is done with each
// document before it reads the next can pass the previous one back and
// allocate nothing per message.
func (n *NULReader) ReadMessageInto(buf []byte) ([]byte, error) {
	if err := n.skipSeparators(); err != nil {
		return nil, err
	}
	doc := buf[:0]
	for {
		chunk, err := n.r.ReadSlice(0)
		body := chunk
		if err == nil {
			body = chunk[:len(chunk)-1]
		}
		if len(doc)+len(body) > n.max {
			return nil, fmt.Errorf("%w: more than %d bytes without a NUL", ErrMessageTooLarge, n.max)
		}
		doc = nulAppendBounded(doc, body, n.max)
		switch err {
		case nil:
			return doc, nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			return nil, io.ErrUnexpectedEOF
		default:
			return nil, err
		}
	}
}

// skipSeparators consumes whitespace and NULs up to the next document.
func (n *NULReader) skipSeparators() error {
	for {
		c, err := n.r.ReadByte()
		if err != nil {
			return err
		}
		switch c {
		case 0, ' ', '\t', '\r', '\n':
			continue
		}
		return n.r.UnreadByte()
	}
}

// nulAppendBounded appends b to doc, growing it by doubling but never to a
// capacity beyond limit, so that a document at the limit costs at most limit
// bytes however it was split across reads.
func nulAppendBounded(doc, b []byte, limit int) []byte {
	need := len(doc) + len(b)
	if need > cap(doc) {
		grown := make([]byte, len(doc), min(max(need, 2*cap(doc)), limit))
		copy(grown, doc)
		doc = grown
	}
	return append(doc, b...)
}

// AppendNUL appends xml and its terminating NUL to buf.
func AppendNUL(buf, xml []byte) ([]byte, error) {
	if len(xml) == 0 {
		return buf, fmt.Errorf("%w: empty document", ErrNULDocument)
	}
	if i := bytes.IndexByte(xml, 0); i >= 0 {
		return buf, fmt.Errorf("%w: NUL at offset %d", ErrNULDocument, i)
	}
	buf = append(buf, xml...)
	return append(buf, 0), nil
}
