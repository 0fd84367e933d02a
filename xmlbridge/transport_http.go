package xmlbridge

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// HTTP consumers (SOAP 1.1, as snom phones take CSTA requests). HTTP is
// stateless, so each request says who sends it, in one of two ways:
//
//   - X-CSTA-Session-ID (or the sessionID query parameter, for clients that
//     cannot set headers on a GET) names a session opened by a
//     StartApplicationSession POST, whose login is in the body as on TCP.
//     Such a consumer has monitors, and its events on GET of the same path
//     (EventStream: NUL-terminated documents on an endless response).
//   - HTTP Basic credentials of a Config.Users entry, checked like a login
//     (same failed-login limit), for stateless requests as snom sends them:
//     call control and snapshots, no monitors.
//
// A request with neither may only open a session. A session id is 128
// random bits, so it is as good a credential as a password for the
// session's life; use TLS (Config.TLSConfig) where the network is not
// trusted.

// HeaderSessionID and QuerySessionID carry an HTTP consumer's session id.
const (
	HeaderSessionID = "X-CSTA-Session-ID"
	QuerySessionID  = "sessionID"
)

var errStreamBusy = errors.New("xmlbridge: the session has an event stream already")

// SOAPTransport is HTTP with CSTA requests in SOAP 1.1 envelopes, as snom
// phones take them (see HTTPHandler); events go out on a session's event
// stream. Its default namespace is snom's, ed4 (seed 001).
type SOAPTransport struct{}

// String names the transport in logs.
func (SOAPTransport) String() string { return "soap" }

// DefaultEncoder writes ed4, as snom does.
func (SOAPTransport) DefaultEncoder() ecma323.Encoder { return ecma323.Encoder{Edition: ecma323.Ed4} }

// serve serves HTTPHandler on ln, with TLS if Config.TLSConfig is set.
func (SOAPTransport) serve(s *Server, ln net.Listener) error {
	hs := &http.Server{
		Handler: s.HTTPHandler(),
		// The body's deadline is the handler's (httpFront), which knows
		// whether the request has credentials; a server ReadTimeout would
		// also cut the event streams.
		ReadHeaderTimeout: s.cfg.HTTPHeaderTimeout,
		IdleTimeout:       s.cfg.HTTPIdleTimeout,
		// A copy: net/http adds its protocols (h2) to the config it is
		// given, while the TCP listeners hand the original to handshakes.
		TLSConfig: s.cfg.TLSConfig.Clone(),
		ErrorLog:  slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		_ = ln.Close()
		return ErrServerClosed
	}
	s.httpServers[hs] = struct{}{}
	s.mu.Unlock()
	lln := s.limitListener(ln, true)
	var err error
	if s.cfg.TLSConfig != nil {
		err = hs.ServeTLS(lln, "", "")
	} else {
		err = hs.Serve(lln)
	}
	if errors.Is(err, http.ErrServerClosed) {
		return ErrServerClosed
	}
	_ = hs.Close()
	s.mu.Lock()
	delete(s.httpServers, hs)
	s.mu.Unlock()
	return err
}

// httpIdentity is who an HTTP request comes from, for serveSOAP.
type httpIdentity struct {
	sess *session
	user string
	ip   string
}

type identityKey struct{}

// HTTPHandler returns the handler of the SOAP transport: POST of CSTA
// requests in SOAP envelopes to DefaultSOAPPath (200 with the response,
// 500 with a SOAP Fault whose detail holds the CSTAErrorCode or session
// NegResponse), and GET of the same path for a session's event stream.
// Credentials are checked before the body is read: a request without
// them, unless it is a session request, and one with wrong ones get 401
// with a Basic challenge (see httpFront).
// ServeSOAP serves it on a listener; it may also be mounted on any
// http.Server, whose TLS is then the caller's.
func (s *Server) HTTPHandler() http.Handler {
	return &httpFront{s: s, soap: &SOAPHandler{
		Path:        DefaultSOAPPath,
		MaxBodySize: int64(s.cfg.MaxMessageSize),
		Serve:       s.serveSOAP,
		Events:      &EventStream{Subscribe: s.subscribe},
	}}
}

// serveSOAP serves the request element of one POST.
func (s *Server) serveSOAP(ctx context.Context, body []byte) ([]byte, *Fault) {
	id, _ := ctx.Value(identityKey{}).(*httpIdentity)
	if id == nil {
		id = &httpIdentity{}
	}
	// The request ends with the HTTP request or with the server.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	defer context.AfterFunc(s.ctx, cancel)()
	m, derr := s.dec.Decode(body)
	cl := &caller{sess: id.sess, user: id.user, ip: id.ip, tr: SOAPTransport{}}
	ans := s.serveMessage(ctx, cl, m, derr)
	if !ans.fail {
		return ans.doc, nil
	}
	code := FaultClient // as snom answers every CSTA error
	if ans.retry {
		code = FaultServer
	}
	return nil, &Fault{Code: code, String: "CSTA Error", Detail: ans.doc}
}

// subscribe hands the session's feed to EventStream.
func (s *Server) subscribe(r *http.Request) (<-chan []byte, func(), error) {
	id, _ := r.Context().Value(identityKey{}).(*httpIdentity)
	if id == nil || id.sess == nil || id.sess.feed == nil {
		return nil, nil, errNoSessionOnWeb
	}
	return id.sess.feed.attach()
}

// streamWriter bounds every write of an event stream by the write timeout,
// which EventStream lifts for the stream as a whole: a consumer that stops
// reading fails the write and ends its stream instead of holding the
// handler forever.
type streamWriter struct {
	http.ResponseWriter
	rc      *http.ResponseController
	timeout time.Duration
}

func (w *streamWriter) Write(p []byte) (int, error) {
	_ = w.rc.SetWriteDeadline(time.Now().Add(w.timeout))
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *streamWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
