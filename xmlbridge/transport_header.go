package xmlbridge

import (
	"bufio"
	"errors"
	"io"
	"net"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// HeaderTransport is TCP with the ECMA-323 Annex J.2 8-byte header, as
// ECSS-10 frames its documents: responses carry the request's invoke id,
// events and status documents EventInvokeID, and the requests of one
// consumer are served at once, up to a small bound. Its default namespace
// is ECSS-10's, ed3 with an XML declaration (seed 000).
type HeaderTransport struct{}

// String names the transport in logs.
func (HeaderTransport) String() string { return "header" }

// DefaultEncoder writes ed3 with an XML declaration, as ECSS-10 does.
func (HeaderTransport) DefaultEncoder() ecma323.Encoder {
	return ecma323.Encoder{Edition: ecma323.Ed3, Declaration: true}
}

func (t HeaderTransport) serve(s *Server, ln net.Listener) error { return s.serveTCP(ln, t) }

func (HeaderTransport) open(c *consumer) stream {
	return headerStream{framing.NewHeaderReader(bufio.NewReader(c.conn), framing.HeaderOptions{MaxSize: c.srv.cfg.MaxMessageSize})}
}

// headerStream is the Annex J.2 framing of one connection.
type headerStream struct{ r *framing.HeaderReader }

func (h headerStream) readDoc() (int, []byte, error) { return h.r.ReadMessage() }

func (headerStream) appendFrame(dst, scratch []byte, m outMsg) ([]byte, []byte, error) {
	doc := m.d.head
	if m.d.tail != nil || m.xref != "" {
		scratch = m.appendDoc(scratch[:0])
		doc = scratch
	}
	// Outgoing documents are bounded by the format alone, not by the
	// limit on what consumers send.
	dst, err := framing.AppendHeader(dst, m.invokeID, doc)
	return dst, scratch, err
}

func (HeaderTransport) invokeIDs() bool { return true }

// maxHeaderDoc is the largest document the 16-bit Annex J.2 header frames.
const maxHeaderDoc = 0xFFFF - framing.HeaderSize

func (HeaderTransport) maxDocument() int { return maxHeaderDoc }

func (HeaderTransport) badFraming(err error) bool {
	return errors.Is(err, framing.ErrMessageTooLarge) || errors.As(err, new(*framing.HeaderError)) || errors.Is(err, io.ErrUnexpectedEOF)
}
