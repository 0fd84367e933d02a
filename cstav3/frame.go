package cstav3

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/cstav3/cstav3/ber"
)

// A Framing delimits PDUs on a byte stream, the same way in both
// directions: a header of a fixed length announces the length of the PDU
// that follows it. PBXs differ here and nowhere else below ACSE, so the
// framing is a parameter of the codec functions and of a Client
// (WithFraming): LengthPrefix is the plain two-byte length most CSTA III
// PBXs use, and a dialect package provides its own (hipath.Framing).
//
// The generic code around a Framing checks what is common to every one
// (no empty PDU, the reader's size limit, a stream cut short), so an
// implementation only converts between a header and a length.
type Framing interface {
	// HeaderLen is the length of the header; it does not change.
	HeaderLen() int
	// MaxPDU is the largest PDU length the header can announce.
	MaxPDU() int
	// PutHeader writes into h, of HeaderLen bytes, the header of a PDU of
	// n bytes, 1 <= n <= MaxPDU.
	PutHeader(h []byte, n int)
	// ParseHeader returns the PDU length that h, of HeaderLen bytes,
	// announces, or an error saying why h is not a header.
	ParseHeader(h []byte) (int, error)
}

// LengthPrefix is the Framing of a PDU preceded by its length as a 16-bit
// big-endian number, and the framing of a Client without WithFraming.
var LengthPrefix lengthPrefix

type lengthPrefix struct{}

func (lengthPrefix) HeaderLen() int { return 2 }
func (lengthPrefix) MaxPDU() int    { return 0xFFFF }
func (lengthPrefix) PutHeader(h []byte, n int) {
	h[0], h[1] = byte(n>>8), byte(n)
}
func (lengthPrefix) ParseHeader(h []byte) (int, error) { return int(h[0])<<8 | int(h[1]), nil }

// ErrFrame is wrapped by the errors of a malformed frame header.
var ErrFrame = errors.New("cstav3: bad frame")

// errEmptyFrame: no framing lets a header announce nothing.
var errEmptyFrame = errors.New("empty PDU")

// FrameError reports a malformed frame header: one the Framing refuses, one
// that announces an empty PDU, or one over the reader's limit. It matches
// ErrFrame and, with errors.Is, the error of the Framing.
type FrameError struct {
	Header []byte // the header as read
	Err    error  // what is wrong with it
}

// Error returns the header bytes and what is wrong with them.
func (e *FrameError) Error() string {
	return fmt.Sprintf("cstav3: bad frame header % x: %v", e.Header, e.Err)
}

// Unwrap returns ErrFrame and the reason, so that errors.Is finds either.
func (e *FrameError) Unwrap() []error { return []error{ErrFrame, e.Err} }

// A FrameReader reads framed PDUs from a stream.
type FrameReader struct {
	r   *bufio.Reader
	f   Framing
	max int
	hdr []byte
}

// NewFrameReader returns a reader of the frames of f from r that refuses
// PDUs larger than max bytes (f.MaxPDU() if max <= 0 or larger).
func NewFrameReader(r io.Reader, f Framing, max int) *FrameReader {
	if max <= 0 || max > f.MaxPDU() {
		max = f.MaxPDU()
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 16<<10)
	}
	return &FrameReader{r: br, f: f, max: max, hdr: make([]byte, f.HeaderLen())}
}

// ReadFrame reads one frame and returns its PDU in a new slice that the
// caller owns: decoded values may alias it. A stream that ends between
// frames gives io.EOF; inside a frame, io.ErrUnexpectedEOF. A bad header
// gives a *FrameError, after which the stream cannot be resynchronised.
func (f *FrameReader) ReadFrame() ([]byte, error) {
	if _, err := io.ReadFull(f.r, f.hdr); err != nil {
		return nil, err
	}
	n, err := f.f.ParseHeader(f.hdr)
	switch {
	case err != nil:
	case n <= 0:
		err = errEmptyFrame
	case n > f.max:
		err = fmt.Errorf("PDU of %d bytes exceeds the limit of %d", n, f.max)
	}
	if err != nil {
		return nil, &FrameError{Header: slices.Clone(f.hdr), Err: err}
	}
	pdu := make([]byte, n)
	if _, err := io.ReadFull(f.r, pdu); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return pdu, nil
}

// AppendFrame appends the frame of f holding pdu to buf.
func AppendFrame(buf []byte, f Framing, pdu []byte) ([]byte, error) {
	if len(pdu) == 0 || len(pdu) > f.MaxPDU() {
		return buf, fmt.Errorf("%w: PDU of %d bytes cannot be framed", ErrFrame, len(pdu))
	}
	start, h := len(buf), f.HeaderLen()
	buf = slices.Grow(buf, h+len(pdu))[:start+h]
	f.PutHeader(buf[start:], len(pdu))
	return append(buf, pdu...), nil
}

// WriteFrame writes pdu as one frame of f with a single Write call.
func WriteFrame(w io.Writer, f Framing, pdu []byte) error {
	buf, err := AppendFrame(make([]byte, 0, len(pdu)+f.HeaderLen()), f, pdu)
	if err != nil {
		return err
	}
	_, err = w.Write(buf)
	return err
}

// AppendEventFrame appends one frame of f holding an Invoke of
// OpEventReport with r as its argument, encoded in one pass: the PDU a
// switch sends most.
func AppendEventFrame(buf []byte, f Framing, invokeID int64, r *EventReport) ([]byte, error) {
	start, h := len(buf), f.HeaderLen()
	buf = slices.Grow(buf, h)[:start+h]
	out, err := appendWith(buf, func(b *ber.Builder) {
		b.AddConstructed(ber.Context(uint32(Invoke)), func(b *ber.Builder) {
			b.AddInt64(ber.TagInteger, invokeID)
			b.AddInt64(ber.TagInteger, int64(OpEventReport))
			r.encode(b)
		})
	})
	if err != nil {
		return buf[:start], err
	}
	n := len(out) - start - h
	if n > f.MaxPDU() {
		return buf[:start], fmt.Errorf("%w: PDU of %d bytes cannot be framed", ErrFrame, n)
	}
	f.PutHeader(out[start:start+h], n)
	return out, nil
}
