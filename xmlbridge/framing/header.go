package framing

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// ECMA-323 Annex J.2 ("TCP without SOAP") puts an 8-byte header before every
// XML document, in both directions:
//
//	bytes 0-1  00 00
//	bytes 2-3  length, big-endian
//	bytes 4-7  invoke id, 4 ASCII digits "0000".."9999"
//
// The ECSS-10 seed (seeds/000_1c4771a2704e2a27.txt, lines 3-5) gives this
// layout, "| 0 1 | 2 3 | 4 5 6 7 | 8 . . . | | 0 0 | Length | Invoke ID | XML
// message body |", and "Invoke ID = 9999" for events from the server, but it
// says neither what the length counts nor shows any header bytes. The default
// therefore follows the independent implementations (REFERENCE.md section 5:
// Avaya AES, Zultys, OpenScape clients): the length counts the 8 header bytes
// too. A public Avaya AES DMCC client, for one, sends len(xml)+8 and documents
// the field as "the total size (XML payload + Header)". HeaderLength16Body
// speaks the other reading, HeaderLength32 the Siemens servers whose length
// is 32 bits wide (the two zero bytes become its high half) and includes the
// header. The invoke id pairs a response with its request; the reader does
// not interpret it beyond checking the digits.

// HeaderSize is the size of the Annex J.2 header.
const HeaderSize = 8

// EventInvokeID is the invoke id of documents the server sends on its own:
// events, and requests such as a system status poll.
const EventInvokeID = 9999

// HeaderFormat selects how the header carries the length.
type HeaderFormat uint8

const (
	// HeaderLength16 is 00 00, a 16-bit length that includes the 8 header
	// bytes, the invoke id. The default.
	HeaderLength16 HeaderFormat = iota
	// HeaderLength16Body is 00 00, a 16-bit length of the XML alone, the
	// invoke id.
	HeaderLength16Body
	// HeaderLength32 is a 32-bit length that includes the header, the invoke
	// id (Siemens). For documents under 64 KiB it is byte for byte the same as
	// HeaderLength16.
	HeaderLength32
)

// Sentinels matched (errors.Is) by a *HeaderError or a writer error.
var (
	// ErrInvalidInvokeID: the invoke id is not 4 ASCII digits (0..9999).
	ErrInvalidInvokeID = errors.New("framing: invoke id is not 4 ASCII digits")
	// ErrHeaderLength: a zero length, one smaller than the header, or no XML.
	ErrHeaderLength = errors.New("framing: bad header length")
	// ErrHeaderReserved: bytes 0-1 of a 16-bit format header are not zero.
	ErrHeaderReserved = errors.New("framing: header bytes 0-1 are not zero")
)

// HeaderError reports a header the reader refuses. Err is one of
// ErrMessageTooLarge, ErrInvalidInvokeID, ErrHeaderLength, ErrHeaderReserved.
type HeaderError struct {
	Header [HeaderSize]byte
	Err    error
	Detail string
}

// Error returns the header bytes, the reason and the detail.
func (e *HeaderError) Error() string {
	return fmt.Sprintf("framing: bad message header % x: %v: %s", e.Header[:], e.Err, e.Detail)
}

// Unwrap returns the reason, so that errors.Is finds it.
func (e *HeaderError) Unwrap() error { return e.Err }

// HeaderOptions configure the format and the size limit of Annex J.2 framing.
// The zero value is the default: HeaderLength16, DefaultMaxMessage.
type HeaderOptions struct {
	Format HeaderFormat
	// MaxSize is the largest XML document, in bytes, read or written; <= 0
	// means DefaultMaxMessage. The format's own limit applies as well (65527
	// bytes for HeaderLength16).
	MaxSize int
}

// maxXML is the effective limit on the XML: the configured one, capped by
// what the length field can express.
func (o HeaderOptions) maxXML() int {
	limit := o.MaxSize
	if limit <= 0 {
		limit = DefaultMaxMessage
	}
	capacity := math.MaxUint16 - HeaderSize
	switch o.Format {
	case HeaderLength16Body:
		capacity = math.MaxUint16
	case HeaderLength32:
		capacity = math.MaxInt32 - HeaderSize
	}
	return min(limit, capacity)
}

// AppendMessage appends the header and xml to buf. The invoke id must be in
// 0..9999; xml must not be empty and must fit the format and MaxSize.
func (o HeaderOptions) AppendMessage(buf []byte, invokeID int, xml []byte) ([]byte, error) {
	if invokeID < 0 || invokeID > 9999 {
		return buf, fmt.Errorf("%w: %d", ErrInvalidInvokeID, invokeID)
	}
	if len(xml) == 0 {
		return buf, fmt.Errorf("%w: empty document", ErrHeaderLength)
	}
	if max := o.maxXML(); len(xml) > max {
		return buf, fmt.Errorf("%w: %d bytes, the limit is %d", ErrMessageTooLarge, len(xml), max)
	}
	switch o.Format {
	case HeaderLength16Body:
		buf = append(buf, 0, 0)
		buf = binary.BigEndian.AppendUint16(buf, uint16(len(xml)))
	case HeaderLength32:
		buf = binary.BigEndian.AppendUint32(buf, uint32(len(xml)+HeaderSize))
	default:
		buf = append(buf, 0, 0)
		buf = binary.BigEndian.AppendUint16(buf, uint16(len(xml)+HeaderSize))
	}
	buf = append(buf,
		byte('0'+invokeID/1000), byte('0'+invokeID/100%10),
		byte('0'+invokeID/10%10), byte('0'+invokeID%10))
	return append(buf, xml...), nil
}

// AppendHeader appends xml with its Annex J.2 header in the default
// format (HeaderLength16, the length includes the header) to buf.
func AppendHeader(buf []byte, invokeID int, xml []byte) ([]byte, error) {
	return HeaderOptions{}.AppendMessage(buf, invokeID, xml)
}

// HeaderReader reads Annex J.2 framed documents from a stream.
type HeaderReader struct {
	r    io.Reader
	opts HeaderOptions
	max  int
	hdr  [HeaderSize]byte
}

// NewHeaderReader returns a reader of framed documents from r. It reads
// exactly one message per ReadMessage and nothing ahead, so r needs no
// buffering of its own beyond what the caller wants.
func NewHeaderReader(r io.Reader, opts HeaderOptions) *HeaderReader {
	return &HeaderReader{r: r, opts: opts, max: opts.maxXML()}
}

// ReadMessage reads one message and returns its invoke id and its XML in a
// new slice that the caller owns. A stream that ends between messages gives
// io.EOF, one that ends inside a message io.ErrUnexpectedEOF. A bad header
// gives a *HeaderError; the length is checked against the limit before the
// document is allocated. After any error the stream position is unknown.
func (h *HeaderReader) ReadMessage() (invokeID int, xml []byte, err error) {
	return h.ReadMessageInto(nil)
}

// ReadMessageInto is ReadMessage reading the XML into buf when it has the
// room (buf[:n]), into a new slice otherwise. A loop that is done with each
// document before it reads the next can pass the previous one back and
// allocate nothing per message.
func (h *HeaderReader) ReadMessageInto(buf []byte) (invokeID int, xml []byte, err error) {
	if _, err := io.ReadFull(h.r, h.hdr[:]); err != nil {
		return 0, nil, err
	}
	n, err := h.parse()
	if err != nil {
		return 0, nil, err
	}
	id, err := h.invokeID()
	if err != nil {
		return 0, nil, err
	}
	if cap(buf) >= n {
		xml = buf[:n]
	} else {
		xml = make([]byte, n)
	}
	if _, err := io.ReadFull(h.r, xml); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return 0, nil, err
	}
	return id, xml, nil
}

// parse returns the length of the XML that follows the header.
func (h *HeaderReader) parse() (int, error) {
	var total uint64 // the length field as a count that includes the header
	switch h.opts.Format {
	case HeaderLength32:
		total = uint64(binary.BigEndian.Uint32(h.hdr[0:4]))
	default:
		if h.hdr[0] != 0 || h.hdr[1] != 0 {
			return 0, h.fail(ErrHeaderReserved, "not a 16-bit length header (a 32-bit length peer, or not framed)")
		}
		total = uint64(binary.BigEndian.Uint16(h.hdr[2:4]))
		if h.opts.Format == HeaderLength16Body && total != 0 {
			total += HeaderSize
		}
	}
	switch {
	case total == 0:
		return 0, h.fail(ErrHeaderLength, "zero length")
	case total < HeaderSize:
		return 0, h.fail(ErrHeaderLength, fmt.Sprintf("length %d is smaller than the header", total))
	case total == HeaderSize:
		return 0, h.fail(ErrHeaderLength, "no XML after the header")
	case total-HeaderSize > uint64(h.max):
		return 0, h.fail(ErrMessageTooLarge, fmt.Sprintf("%d bytes of XML, the limit is %d", total-HeaderSize, h.max))
	}
	return int(total - HeaderSize), nil
}

func (h *HeaderReader) invokeID() (int, error) {
	id := 0
	for _, c := range h.hdr[4:8] {
		if c < '0' || c > '9' {
			return 0, h.fail(ErrInvalidInvokeID, fmt.Sprintf("%q", h.hdr[4:8]))
		}
		id = id*10 + int(c-'0')
	}
	return id, nil
}

func (h *HeaderReader) fail(err error, detail string) error {
	return &HeaderError{Header: h.hdr, Err: err, Detail: detail}
}
