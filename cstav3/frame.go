package cstav3

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/cstav3/cstav3/ber"
)

// HiPath frames every PDU, in both directions, with a three-byte header:
// 0x26, then the PDU length as a 16-bit big-endian number with the top bit
// set. The length counts the PDU only.

// MaxFrame is the largest PDU the header can announce.
const MaxFrame = 0x7FFF

const frameMarker = 0x26

// ErrFrame is wrapped by the errors of a malformed frame header.
var ErrFrame = errors.New("cstav3: bad frame")

// FrameError reports a malformed frame header.
type FrameError struct {
	Header [3]byte
	Reason string
}

func (e *FrameError) Error() string {
	return fmt.Sprintf("cstav3: bad frame header % x: %s", e.Header[:], e.Reason)
}

func (e *FrameError) Unwrap() error { return ErrFrame }

// A FrameReader reads framed PDUs from a stream.
type FrameReader struct {
	r   *bufio.Reader
	max int
	hdr [3]byte
}

// NewFrameReader returns a reader of frames from r that refuses PDUs larger
// than max bytes (MaxFrame if max <= 0 or larger).
func NewFrameReader(r io.Reader, max int) *FrameReader {
	if max <= 0 || max > MaxFrame {
		max = MaxFrame
	}
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 16<<10)
	}
	return &FrameReader{r: br, max: max}
}

// ReadFrame reads one frame and returns its PDU in a new slice that the
// caller owns: decoded values may alias it. A stream that ends between
// frames gives io.EOF; inside a frame, io.ErrUnexpectedEOF.
func (f *FrameReader) ReadFrame() ([]byte, error) {
	if _, err := io.ReadFull(f.r, f.hdr[:]); err != nil {
		return nil, err
	}
	n, err := parseFrameHeader(f.hdr, f.max)
	if err != nil {
		return nil, err
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

func parseFrameHeader(h [3]byte, max int) (int, error) {
	if h[0] != frameMarker {
		return 0, &FrameError{Header: h, Reason: "no 0x26 marker"}
	}
	if h[1]&0x80 == 0 {
		return 0, &FrameError{Header: h, Reason: "length without the 0x8000 flag"}
	}
	n := int(h[1]&0x7F)<<8 | int(h[2])
	if n == 0 {
		return 0, &FrameError{Header: h, Reason: "empty PDU"}
	}
	if n > max {
		return 0, &FrameError{Header: h, Reason: fmt.Sprintf("PDU of %d bytes exceeds the limit of %d", n, max)}
	}
	return n, nil
}

// AppendFrame appends the frame header for pdu and pdu itself to buf.
func AppendFrame(buf, pdu []byte) ([]byte, error) {
	if len(pdu) == 0 || len(pdu) > MaxFrame {
		return buf, fmt.Errorf("%w: PDU of %d bytes cannot be framed", ErrFrame, len(pdu))
	}
	buf = append(buf, frameMarker, 0x80|byte(len(pdu)>>8), byte(len(pdu)))
	return append(buf, pdu...), nil
}

// WriteFrame writes pdu as one frame with a single Write call.
func WriteFrame(w io.Writer, pdu []byte) error {
	buf, err := AppendFrame(make([]byte, 0, len(pdu)+3), pdu)
	if err != nil {
		return err
	}
	_, err = w.Write(buf)
	return err
}

// AppendEventFrame appends one frame holding an Invoke of OpEventReport with
// r as its argument, encoded in one pass: the PDU a switch sends most.
func AppendEventFrame(buf []byte, invokeID int64, r *EventReport) ([]byte, error) {
	start := len(buf)
	buf = append(buf, frameMarker, 0, 0)
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
	n := len(out) - start - 3
	if n > MaxFrame {
		return buf[:start], fmt.Errorf("%w: PDU of %d bytes cannot be framed", ErrFrame, n)
	}
	out[start+1], out[start+2] = 0x80|byte(n>>8), byte(n)
	return out, nil
}
