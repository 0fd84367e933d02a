package xmlbridge

import (
	"errors"
	"net"
	"time"
)

// ServeHeader accepts consumers on ln that frame documents with the
// ECMA-323 Annex J.2 8-byte header, as ECSS-10 does: responses carry the
// request's invoke id, events and status documents invoke id 9999. It
// returns ErrServerClosed after Close, and closes ln when it returns.
func (s *Server) ServeHeader(ln net.Listener) error { return s.Serve(ln, HeaderTransport{}) }

// ServeNUL accepts consumers on ln that end each document with a NUL, as
// uni-tel does. Without invoke ids, a consumer's requests are served one
// at a time and answered in order. It returns ErrServerClosed after Close,
// and closes ln when it returns.
func (s *Server) ServeNUL(ln net.Listener) error { return s.Serve(ln, NULTransport{}) }

// ServeSOAP serves HTTPHandler on ln, with TLS if Config.TLSConfig is set,
// until Close, after which it returns ErrServerClosed.
func (s *Server) ServeSOAP(ln net.Listener) error { return s.Serve(ln, SOAPTransport{}) }

// serveTCP is the accept loop of the stream transports.
func (s *Server) serveTCP(ln net.Listener, t streamTransport) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ln.Close()
		return ErrServerClosed
	}
	s.listeners[ln] = struct{}{}
	s.mu.Unlock()
	defer func() {
		_ = ln.Close()
		s.mu.Lock()
		delete(s.listeners, ln)
		s.mu.Unlock()
	}()
	lln := s.limitListener(ln, false)
	var backoff time.Duration
	for {
		conn, err := lln.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			if errors.Is(err, net.ErrClosed) {
				return err
			}
			// Out of file descriptors and the like: wait a little, as
			// net/http does, instead of spinning or giving up.
			backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
			s.log.Warn("accept failed", "addr", ln.Addr().String(), "err", err, "retryIn", backoff)
			select {
			case <-time.After(backoff):
			case <-s.ctx.Done():
				return ErrServerClosed
			}
			continue
		}
		backoff = 0
		s.serveConn(conn, t)
	}
}
