package xmlbridge

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// httpFront checks who sends a request before anything of its body is
// read, and bounds how long the body may take and how large it may be:
//
//   - a session id (X-CSTA-Session-ID or sessionID) or Basic credentials
//     are checked first; wrong ones get 401 (429 once the failed-login
//     limit is reached), and the body is never read;
//   - a request with neither may only be a session request: its body is
//     read with at most loginBodyLimit bytes in loginBodyTimeout, and
//     anything but StartApplicationSession (which carries its login) or
//     Reset/StopApplicationSession (which carry their session id) gets 401
//     with a Basic challenge, so that clients that send their credentials
//     only when challenged log in;
//   - a body that has not arrived within its timeout closes the connection
//     (Stats.BodyTimeouts); a body over Config.MaxMessageSize gets 413.
//
// Every refusal closes the connection without reading what is left of
// the body, so a client that declared a large body and stalls holds the
// connection no longer than its header took.
type httpFront struct {
	s    *Server
	soap *SOAPHandler
}

// challenge is the WWW-Authenticate of every 401 (RFC 7617).
const challenge = `Basic realm="cstav3", charset="UTF-8"`

func (h *httpFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := h.s
	rc := http.NewResponseController(w)
	// From here on the body is bounded, and so is net/http discarding
	// what a handler leaves of it. An event stream lifts both below.
	now := time.Now()
	_ = rc.SetReadDeadline(now.Add(s.cfg.HTTPBodyTimeout))
	_ = rc.SetWriteDeadline(now.Add(s.cfg.HTTPBodyTimeout + s.cfg.RequestTimeout + s.cfg.WriteTimeout))
	id := &httpIdentity{ip: hostOf(r.RemoteAddr)}
	if !h.authenticate(w, r, id) {
		return
	}
	anonymous := id.sess == nil && id.user == ""
	switch {
	case r.URL.Path != h.soap.Path:
		refuse(w, r, http.StatusNotFound, "404 page not found")
		return
	case r.Method == http.MethodGet:
		if id.sess == nil {
			s.stats.requestsRefused.Add(1)
			unauthorized(w, r, "an event stream needs a session: "+HeaderSessionID)
			return
		}
		if r.ContentLength != 0 {
			refuse(w, r, http.StatusBadRequest, "an event stream takes no body")
			return
		}
		_ = rc.SetReadDeadline(time.Time{})
		w = &streamWriter{ResponseWriter: w, rc: rc, timeout: s.cfg.WriteTimeout}
	case r.Method == http.MethodPost:
		body, ok := h.readBody(w, r, rc, anonymous, now)
		if !ok {
			return
		}
		if anonymous && !h.sessionRequest(body) {
			s.stats.requestsRefused.Add(1)
			unauthorized(w, r, "credentials required: a session id or Basic")
			return
		}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	default:
		w.Header().Set("Connection", "close") // the body, if any, stays unread
	}
	h.soap.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), identityKey{}, id)))
}

// authenticate checks the session id or Basic credentials of r, if any,
// into id; false if it answered the request with a refusal.
func (h *httpFront) authenticate(w http.ResponseWriter, r *http.Request, id *httpIdentity) bool {
	s := h.s
	sid := r.Header.Get(HeaderSessionID)
	if sid == "" {
		sid = r.URL.Query().Get(QuerySessionID)
	}
	if sid != "" {
		if id.sess = s.lookupSession(&caller{}, sid); id.sess == nil {
			s.stats.requestsRefused.Add(1)
			unauthorized(w, r, "unknown or ended session")
			return false
		}
		return true
	}
	user, password, ok := r.BasicAuth()
	if !ok {
		return true
	}
	if good, retry := s.authenticate(user, password, true, id.ip, SOAPTransport{}); retry > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((retry+time.Second-1)/time.Second)))
		refuse(w, r, http.StatusTooManyRequests, "too many failed logins")
		return false
	} else if !good {
		unauthorized(w, r, "wrong user or password")
		return false
	}
	id.user = user
	return true
}

// readBody reads the body of a POST within its bounds, or answers the
// request and reports false.
func (h *httpFront) readBody(w http.ResponseWriter, r *http.Request, rc *http.ResponseController, anonymous bool, start time.Time) ([]byte, bool) {
	s := h.s
	limit := int64(s.cfg.MaxMessageSize)
	if anonymous {
		if r.ContentLength > loginBodyLimit {
			s.stats.requestsRefused.Add(1)
			unauthorized(w, r, "credentials required: a session id or Basic")
			return nil, false
		}
		limit = loginBodyLimit
		_ = rc.SetReadDeadline(start.Add(min(loginBodyTimeout, s.cfg.HTTPBodyTimeout)))
	}
	if r.ContentLength > limit {
		refuse(w, r, http.StatusRequestEntityTooLarge, "request body too large")
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var ne net.Error
	switch {
	case err == nil:
		// A PBX request may take longer than the body did; net/http's
		// watch for the client going away must not time out meanwhile.
		_ = rc.SetReadDeadline(time.Time{})
		return body, true
	case errors.As(err, &ne) && ne.Timeout():
		s.stats.bodyTimeouts.Add(1)
		s.log.Info("HTTP request body timed out", "ip", hostOf(r.RemoteAddr), "read", len(body),
			"declared", r.ContentLength, "anonymous", anonymous)
		refuse(w, r, http.StatusRequestTimeout, "request body timed out")
	case isMaxBytes(err) && anonymous:
		s.stats.requestsRefused.Add(1)
		unauthorized(w, r, "credentials required: a session id or Basic")
	case isMaxBytes(err):
		refuse(w, r, http.StatusRequestEntityTooLarge, "request body too large")
	default:
		refuse(w, r, http.StatusBadRequest, "cannot read the request body")
	}
	return nil, false
}

func isMaxBytes(err error) bool {
	_, ok := errors.AsType[*http.MaxBytesError](err)
	return ok
}

// sessionRequest reports whether body is a SOAP envelope holding a session
// request, the only kind served without credentials.
func (h *httpFront) sessionRequest(body []byte) bool {
	inner, _, err := ecma323.ExtractSOAP(body)
	if err != nil {
		return false
	}
	m, err := h.s.dec.Decode(inner)
	return err == nil && m != nil && m.Session && m.Kind == ecma323.KindRequest
}

// unauthorized answers 401 with the Basic challenge.
func unauthorized(w http.ResponseWriter, r *http.Request, msg string) {
	w.Header().Set("WWW-Authenticate", challenge)
	refuse(w, r, http.StatusUnauthorized, msg)
}

// refuse answers an error and closes the connection without reading the
// rest of the body: the deadline in the past makes net/http give up on
// it at once instead of draining up to 256 KiB.
func refuse(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if r.ContentLength != 0 {
		w.Header().Set("Connection", "close")
		_ = http.NewResponseController(w).SetReadDeadline(time.Now())
	}
	http.Error(w, msg, status)
}
