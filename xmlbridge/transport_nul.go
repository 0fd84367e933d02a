package xmlbridge

import (
	"errors"
	"io"
	"net"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// NULTransport is TCP with a NUL after each document, as uni-tel frames
// them. Without invoke ids, a consumer's requests are served one at a
// time and answered in order. Its default namespace is uni-tel's, ed6 in
// the ecma.ch form (seed 002).
type NULTransport struct{}

// String names the transport in logs.
func (NULTransport) String() string { return "nul" }

// DefaultEncoder writes ed6 in the ecma.ch form, as uni-tel does.
func (NULTransport) DefaultEncoder() ecma323.Encoder {
	return ecma323.Encoder{Namespace: "http://www.ecma.ch/standards/ecma-323/csta/ed6"}
}

func (t NULTransport) serve(s *Server, ln net.Listener) error { return s.serveTCP(ln, t) }

func (NULTransport) open(c *consumer) stream {
	return nulStream{framing.NewNULReader(c.conn, c.srv.cfg.MaxMessageSize)}
}

// nulStream is the NUL framing of one connection.
type nulStream struct{ r *framing.NULReader }

func (n nulStream) readDoc() (int, []byte, error) {
	doc, err := n.r.ReadMessage()
	return 0, doc, err
}

// appendFrame writes the document straight into dst, then has it checked
// and terminated where it lies.
func (nulStream) appendFrame(dst, scratch []byte, m outMsg) ([]byte, []byte, error) {
	n := len(dst)
	dst = m.appendDoc(dst)
	dst, err := framing.AppendNUL(dst[:n], dst[n:])
	return dst, scratch, err
}

func (NULTransport) invokeIDs() bool { return false }

func (NULTransport) maxDocument() int { return 0 }

func (NULTransport) badFraming(err error) bool {
	return errors.Is(err, framing.ErrMessageTooLarge) || errors.Is(err, io.ErrUnexpectedEOF)
}
