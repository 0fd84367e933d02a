package xmlbridge

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// login returns an ECSS-10 style StartApplicationSession.
func loginDoc(user, password string, duration int) []byte {
	return fmt.Appendf(nil, `<StartApplicationSession xmlns="%s"><applicationInfo><applicationID>test</applicationID>`+
		`<applicationSpecificInfo><ns1:SessionLoginInfo xmlns:ns1="%s"><ns1:userName>%s</ns1:userName>`+
		`<ns1:password>%s</ns1:password></ns1:SessionLoginInfo></applicationSpecificInfo></applicationInfo>`+
		`<requestedProtocolVersions><protocolVersion>%s</protocolVersion></requestedProtocolVersions>`+
		`<requestedSessionDuration>%d</requestedSessionDuration></StartApplicationSession>`,
		ecma323.NamespaceSession, ecma323.NamespaceEltex, user, password, nsEd3, duration)
}

// TestLoginRequired: before a session, every transport refuses CSTA
// requests with a CSTAErrorCode and keeps the connection.
func TestLoginRequired(t *testing.T) {
	e := newEnv(t, envOpts{})
	for _, fr := range []frameFormat{framingHeader, framingNUL} {
		addr := e.header
		if fr == framingNUL {
			addr = e.nul
		}
		c := dialConsumer(t, addr, fr, nil)
		for i, seed := range []string{"ecss10-monitor-start", "ecss10-snapshot-device", "unitel-make-call"} {
			f := c.request(10+i, codecSeed(t, seed))
			checks(t, seed, "operation", cstaError(t, f).Operation, "securityViolation")
		}
		c.login()
		c.monitor(20, "770")
	}
	sc := newSOAPClient(t, e.soapURL, nil)
	// HTTP has its own way to say it: 401 and a Basic challenge.
	status, hdr, body := sc.postRaw(codecSeed(t, "snom-soap-hold-call"))
	if status != http.StatusUnauthorized || hdr.Get("WWW-Authenticate") != challenge {
		t.Fatalf("SOAP without login: %d %q %s", status, hdr.Get("WWW-Authenticate"), body)
	}
	if st := e.srv.Stats(); st.RequestsRefused != 7 {
		t.Errorf("RequestsRefused = %d, want 7", st.RequestsRefused)
	}
}

// TestWrongPassword: a wrong login gets a NegResponse; too many for one
// user from one address are refused unchecked, on TCP and HTTP alike.
func TestWrongPassword(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.LoginFailures, c.LoginFailureWindow = 2, time.Hour }})
	c := dialConsumer(t, e.header, framingHeader, nil)
	for i := range 2 {
		f := c.request(i+1, loginDoc(userECSS, "wrong", 60))
		neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse)
		if !ok || neg.ErrorCode.DefinedError != "invalidApplicationInfo" || f.msg.Namespace != ecma323.NamespaceSession {
			t.Fatalf("wrong password answered %s", f.doc)
		}
	}
	f := c.request(3, loginDoc(userECSS, passECSS, 60))
	if neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse); !ok || neg.ErrorCode.ApplicationError != "tooManyFailedLogins" {
		t.Fatalf("login after too many failures answered %s", f.doc)
	}
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.user, sc.pass = userECSS, passECSS // the same user at the same address
	if status, _, _ := sc.post(codecSeed(t, "snom-soap-hold-call")); status != http.StatusTooManyRequests {
		t.Fatalf("Basic login after too many failures: %d", status)
	}
	st := e.srv.Stats()
	if st.FailedLogins != 2 || st.ThrottledLogins != 2 || st.Sessions != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestBasicAuth: wrong Basic credentials get 401; right ones serve
// stateless requests but no monitors.
func TestBasicAuth(t *testing.T) {
	e := newEnv(t, envOpts{})
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.user, sc.pass = userSnom, "wrong"
	if status, _, _ := sc.post(codecSeed(t, "snom-soap-hold-call")); status != http.StatusUnauthorized {
		t.Fatalf("wrong Basic password: %d", status)
	}
	sc.pass = passSnom
	status, m, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-monitor-start")))
	if status != http.StatusInternalServerError || m == nil {
		t.Fatalf("MonitorStart without session: %d %s", status, body)
	}
	checks(t, "MonitorStart without session", "operation", m.XML.(*ecma323.CSTAErrorCode).Operation, "requestIncompatibleWithObject")
	status, m, body = sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device")))
	if _, ok := m.XML.(*ecma323.SnapshotDeviceResponse); status != http.StatusOK || !ok {
		t.Fatalf("SnapshotDevice with Basic credentials: %d %s", status, body)
	}
	sc.user = ""
	sc.session = "no-such-session"
	if status, _, _ := sc.post(codecSeed(t, "snom-soap-hold-call")); status != http.StatusUnauthorized {
		t.Fatalf("unknown session: %d", status)
	}
}

// TestSessionExpiry: a session that is not renewed ends; its monitors stop
// at the PBX and its TCP connection is closed, its HTTP stream ended.
func TestSessionExpiry(t *testing.T) {
	// A session second lasts 25ms here.
	e := newEnv(t, envOpts{unit: 25 * time.Millisecond})
	c := dialConsumer(t, e.header, framingHeader, nil)
	f := c.request(1, loginDoc(userECSS, passECSS, 10))
	if pos, ok := f.msg.XML.(*ecma323.StartApplicationSessionPosResponse); !ok || pos.ActualSessionDuration != 10 {
		t.Fatalf("login: %s", f.doc)
	}
	c.monitor(2, "780")

	sc := newSOAPClient(t, e.soapURL, nil)
	status, m, body := sc.post(AppendSOAPEnvelope(nil, loginDoc(userECSS, passECSS, 10)))
	if status != http.StatusOK {
		t.Fatalf("HTTP login: %d %s", status, body)
	}
	sc.session = m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	stream := sc.stream()
	if status, _, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-monitor-start"))); status != http.StatusOK {
		t.Fatalf("HTTP MonitorStart: %d %s", status, body)
	}
	if start, _ := e.monitorStarts(); start != 2 {
		t.Fatalf("PBX monitors %d", start)
	}

	c.expectClosed()
	select {
	case _, ok := <-stream:
		if ok {
			t.Fatal("event on an expiring session")
		}
	case <-time.After(waitLong):
		t.Fatal("HTTP event stream not ended")
	}
	waitUntil(t, "PBX monitors stopped", func() bool { _, stop := e.monitorStarts(); return stop == 2 })
	st := e.srv.Stats()
	if st.SessionsExpired != 2 || st.Sessions != 0 || st.ConsumerMonitors != 0 || st.PBXMonitors != 0 {
		t.Fatalf("stats %+v", st)
	}
	if status, _, _ := sc.post(codecSeed(t, "snom-soap-hold-call")); status != http.StatusUnauthorized {
		t.Fatalf("request on an expired HTTP session: %d", status)
	}
}

// TestSessionRenewed: ResetApplicationSessionTimer moves the deadline.
func TestSessionRenewed(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := dialConsumer(t, e.header, framingHeader, nil)
	f := c.request(1, loginDoc(userECSS, passECSS, 60))
	sid := f.msg.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	before := e.srv.sessionDeadline(sid)
	f = c.request(2, withSession(codecSeed(t, "ecss10-reset-application-session-timer"), sid))
	if r, ok := f.msg.XML.(*ecma323.ResetApplicationSessionTimerPosResponse); !ok || r.ActualSessionDuration != 500 {
		t.Fatalf("reset: %s", f.doc)
	}
	if after := e.srv.sessionDeadline(sid); after.Sub(before) < 400*time.Second {
		t.Fatalf("deadline moved from %v to %v", before, after)
	}
	// Durations beyond the maximum are capped.
	f = c.request(3, []byte(`<ResetApplicationSessionTimer xmlns="`+ecma323.NamespaceSession+`"><sessionID>`+sid+
		`</sessionID><requestedSessionDuration>99999999</requestedSessionDuration></ResetApplicationSessionTimer>`))
	if r, ok := f.msg.XML.(*ecma323.ResetApplicationSessionTimerPosResponse); !ok || r.ActualSessionDuration != 3600 {
		t.Fatalf("reset beyond the maximum: %s", f.doc)
	}
	// A second login on the same connection is refused.
	f = c.request(4, loginDoc(userECSS, passECSS, 60))
	if neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse); !ok || neg.ErrorCode.ApplicationError != "sessionAlreadyStarted" {
		t.Fatalf("second login: %s", f.doc)
	}
}

// sessionDeadline returns when session id expires, for tests.
func (s *Server) sessionDeadline(id string) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss := s.sessions[id]; ss != nil {
		return ss.expires
	}
	return time.Time{}
}

// TestRequestSystemStatus: answered from the link state.
func TestRequestSystemStatus(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := dialConsumer(t, e.header, framingHeader, nil)
	c.login()
	f := c.request(2, codecSeed(t, "uacsta-request-system-status"))
	r, ok := f.msg.XML.(*ecma323.RequestSystemStatusResponse)
	if !ok || r.SystemStatus != "normal" {
		t.Fatalf("RequestSystemStatus: %s", f.doc)
	}
	f = c.request(3, []byte(`<SystemStatus xmlns="`+nsEd3+`"><systemStatus>normal</systemStatus></SystemStatus>`))
	if _, ok := f.msg.XML.(*ecma323.SystemStatusResponse); !ok {
		t.Fatalf("SystemStatus: %s", f.doc)
	}
}
