package xmlbridge

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
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
		Handler:           s.HTTPHandler(),
		ReadHeaderTimeout: s.cfg.LoginTimeout,
		IdleTimeout:       2 * s.cfg.LoginTimeout,
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
	var err error
	if s.cfg.TLSConfig != nil {
		err = hs.ServeTLS(ln, "", "")
	} else {
		err = hs.Serve(ln)
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

// An httpFeed is the event queue of an HTTP session. It exists from
// StartApplicationSession on, so that no event is lost between MonitorStart
// and the GET that streams it, and it survives the stream, which a
// consumer may open again (one at a time). Events are materialised per
// consumer here: EventStream takes whole documents.
type httpFeed struct {
	s       *Server
	sess    *session
	dropped atomic.Bool

	mu       sync.Mutex
	ch       chan []byte
	closed   bool
	attached bool
}

func newHTTPFeed(s *Server, ss *session) *httpFeed {
	return &httpFeed{s: s, sess: ss, ch: make(chan []byte, s.cfg.QueueLength)}
}

// push queues a document without blocking; an overflow ends the session
// under SlowDisconnect (the PBX monitors are stopped by the janitor, as
// this runs on the client's dispatcher).
func (f *httpFeed) push(m outMsg) bool {
	doc := m.appendDoc(nil)
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return false
	}
	select {
	case f.ch <- doc:
		f.mu.Unlock()
		return true
	default:
	}
	f.mu.Unlock()
	if f.s.cfg.SlowConsumer == SlowDropEvents {
		f.s.stats.eventsDropped.Add(1)
		return false
	}
	if f.dropped.CompareAndSwap(false, true) {
		f.s.stats.countDrop(dropQueueFull) // by reason: server_stats.go
		f.s.endSession(f.sess, dropQueueFull, false)
	}
	return false
}

// close ends the feed, and with it the stream reading it.
func (f *httpFeed) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.closed {
		f.closed = true
		close(f.ch)
	}
}

// attach hands the feed to an event stream.
func (f *httpFeed) attach() (<-chan []byte, func(), error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.closed:
		return nil, nil, errSessionEnded
	case f.attached:
		return nil, nil, errStreamBusy
	}
	f.attached = true
	f.s.stats.streams.Add(1)
	var once sync.Once
	return f.ch, func() {
		once.Do(func() {
			f.mu.Lock()
			f.attached = false
			f.mu.Unlock()
			f.s.stats.streams.Add(-1)
		})
	}, nil
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

// httpFront authenticates a request before SOAPHandler sees it.
type httpFront struct {
	s    *Server
	soap *SOAPHandler
}

func (h *httpFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.s
	id := &httpIdentity{ip: hostOf(r.RemoteAddr)}
	sid := r.Header.Get(HeaderSessionID)
	if sid == "" {
		sid = r.URL.Query().Get(QuerySessionID)
	}
	if sid != "" {
		if id.sess = s.lookupSession(&caller{}, sid); id.sess == nil {
			unauthorized(w, "unknown or ended session")
			return
		}
	} else if user, password, ok := r.BasicAuth(); ok {
		if good, retry := s.authenticate(user, password, true, id.ip, SOAPTransport{}); retry > 0 { // hook: server_auth.go
			w.Header().Set("Retry-After", strconv.Itoa(int((retry+time.Second-1)/time.Second)))
			http.Error(w, "too many failed logins", http.StatusTooManyRequests)
			return
		} else if !good {
			unauthorized(w, "wrong user or password")
			return
		}
		id.user = user
	}
	if r.Method == http.MethodGet && r.URL.Path == h.soap.Path {
		if id.sess == nil {
			unauthorized(w, "an event stream needs a session: "+HeaderSessionID)
			return
		}
		w = &streamWriter{ResponseWriter: w, rc: http.NewResponseController(w), timeout: s.cfg.WriteTimeout}
	}
	h.soap.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), identityKey{}, id)))
}

func unauthorized(w http.ResponseWriter, msg string) {
	w.Header().Set("WWW-Authenticate", `Basic realm="CSTA", charset="UTF-8"`)
	http.Error(w, msg, http.StatusUnauthorized)
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
