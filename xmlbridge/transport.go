package xmlbridge

import (
	"net"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// A transport is everything the server knows about one way of reaching
// consumers; the rest of the server (sessions, requests, monitors, fan-out)
// is the same for all of them. A transport over a byte stream (TCP, with
// or without TLS) implements streamTransport and gets the generic consumer
// of consumer.go: a reader goroutine, one writer goroutine draining a
// bounded queue in batches, the login deadline, the slow-consumer policy.
// A transport that is not a byte stream, as HTTP, serves its listener
// itself and hands each document to Server.serveMessage. Adding one is a
// new transport_X.go with its type, its String and DefaultEncoder, and
// either the streamTransport methods or a serve of its own.

// Transport is one way for consumers to reach the bridge: how their
// documents arrive, how answers and events leave, and what the server
// speaks to a consumer that has not negotiated a namespace. HeaderTransport
// (ECSS-10), NULTransport (uni-tel) and SOAPTransport (snom) are the
// transports; the interface is sealed, as a transport works on the
// server's internals, and exists so that Server.Serve, the logs and the
// request path treat every transport alike.
type Transport interface {
	// String names the transport in logs: "header", "nul", "soap".
	String() string
	// DefaultEncoder is what the server writes to a consumer that has
	// not negotiated a namespace (no session yet, or one that requested
	// no protocol version): the edition the transport's consumers were
	// made for.
	DefaultEncoder() ecma323.Encoder
	// serve serves consumers on ln for s until s is closed, and closes ln.
	serve(s *Server, ln net.Listener) error
}

// A streamTransport delimits documents on a byte stream; its serve is
// Server.serveTCP, which runs the generic consumer with it.
type streamTransport interface {
	Transport
	// open returns the framing of a new connection c, which it reads
	// from c.conn. A framing with messages of its own (acknowledgements,
	// dialogs) may queue them with c.reply and keep per-connection state
	// in the stream.
	open(c *consumer) stream
	// invokeIDs reports whether the framing carries invoke ids, so that
	// a consumer's requests may be served at once and answered in any
	// order; without them each is answered before the next is read.
	invokeIDs() bool
	// maxDocument is the largest response document the framing can
	// carry, 0 for no limit of its own; a larger answer is replaced by a
	// CSTAErrorCode, so the consumer does not wait for one forever.
	maxDocument() int
	// badFraming reports whether a read error means the consumer broke
	// the framing (counted in Stats.BadFrames), not that it went away.
	badFraming(err error) bool
}

// A stream is the framing of one connection. readDoc runs on the
// consumer's reader goroutine, appendFrame on its writer goroutine.
type stream interface {
	// readDoc returns the next document, of at most
	// Config.MaxMessageSize bytes, and its invoke id, 0 where the framing
	// carries none.
	readDoc() (invokeID int, doc []byte, err error)
	// appendFrame appends m in the framing to dst. scratch may be used,
	// and is returned, to assemble m's document first.
	appendFrame(dst, scratch []byte, m outMsg) ([]byte, []byte, error)
}

// Serve accepts consumers of transport t on ln, with TLS if
// Config.TLSConfig is set: s.Serve(ln, HeaderTransport{}) is
// s.ServeHeader(ln). It is for programs that choose their transports by
// configuration. It returns ErrServerClosed after Close, and closes ln when
// it returns.
func (s *Server) Serve(ln net.Listener, t Transport) error { return t.serve(s, ln) }
