package xmlbridge

import (
	"bytes"
	"encoding/base64"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/internal/testutil"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// Security of the bridge's consumer side, beyond TestWrongPassword and
// TestBasicAuth (server_session_test.go), TestCredentials and
// TestLoginLimiter (server_unit_test.go), TestTLS (server_tls_test.go) and
// the size limits of TestBadFraming and TestBadSOAP
// (server_malformed_test.go).

// debugLogger logs everything, debug level included, as JSON into a buffer.
func debugLogger() (*slog.Logger, *testutil.SyncBuffer) {
	b := &testutil.SyncBuffer{}
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug})), b
}

// TestPasswordsNeverLogged: failed and successful logins on every
// transport, a login document cut in the middle of its password, and HTTP
// Basic credentials, with the bridge logging at debug level: the log names
// the user and the address of each failure and never holds a password, in
// clear or in the Basic header's base64.
func TestPasswordsNeverLogged(t *testing.T) {
	const (
		user  = "alice"
		good  = "Corr3ct-Horse-7781"
		wrong = "Wr0ng-Guess-5531"
	)
	logger, logs := debugLogger()
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.Users[user] = good
		c.Logger = logger
		c.LoginFailures = 100
	}})
	h := dialConsumer(t, e.header, framingHeader, nil)
	if f := h.request(1, loginDoc(user, wrong, 60)); f.msg.Name != "StartApplicationSessionNegResponse" {
		t.Fatalf("wrong password: %s", f.doc)
	}
	// Cut inside the password: malformed, answered with a CSTA error.
	doc := loginDoc(user, good, 60)
	cut := doc[:bytes.Index(doc, []byte(good))+len(good)-3]
	if f := h.request(2, cut); cstaError(t, f).Operation != "generic" {
		t.Fatalf("cut login: %s", f.doc)
	}
	if f := h.request(3, loginDoc(user, good, 60)); f.msg.Name != "StartApplicationSessionPosResponse" {
		t.Fatalf("login: %s", f.doc)
	}
	n := dialConsumer(t, e.nul, framingNUL, nil)
	if f := n.request(0, loginDoc(user, wrong, 60)); f.msg.Name != "StartApplicationSessionNegResponse" {
		t.Fatalf("NUL wrong password: %s", f.doc)
	}
	if f := n.request(0, loginDoc(user, good, 60)); f.msg.Name != "StartApplicationSessionPosResponse" {
		t.Fatalf("NUL login: %s", f.doc)
	}
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.user, sc.pass = user, wrong
	if status, _, _ := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))); status != http.StatusUnauthorized {
		t.Fatalf("wrong Basic password: %d", status)
	}
	sc.pass = good
	if status, _, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))); status != http.StatusOK {
		t.Fatalf("Basic login: %d %s", status, body)
	}
	sc.user = ""
	if status, _, body := sc.post(AppendSOAPEnvelope(nil, loginDoc(user, good, 60))); status != http.StatusOK {
		t.Fatalf("SOAP login: %d %s", status, body)
	}

	out := logs.String()
	for _, secret := range []string{good, wrong, good[:len(good)-3],
		base64.StdEncoding.EncodeToString([]byte(user + ":" + good)),
		base64.StdEncoding.EncodeToString([]byte(user + ":" + wrong))} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
	if got := strings.Count(out, `"msg":"login failed"`); got != 3 {
		t.Errorf("%d failed logins logged, want 3:\n%s", got, out)
	}
	if !strings.Contains(out, `"user":"alice"`) || !strings.Contains(out, `"ip":"127.0.0.1"`) {
		t.Errorf("failures logged without user or address:\n%s", out)
	}
	if st := e.srv.Stats(); st.FailedLogins != 3 || st.Sessions != 3 {
		t.Errorf("stats %+v", st)
	}
}

// TestLoginThrottleLogged: past the allowed failures, logins from that
// address are refused unchecked, the right password included, and each
// refusal is logged; another address is not affected (TestLoginLimiter).
func TestLoginThrottleLogged(t *testing.T) {
	logger, logs := debugLogger()
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.LoginFailures, c.LoginFailureWindow, c.Logger = 3, time.Hour, logger
	}})
	c := dialConsumer(t, e.header, framingHeader, nil)
	for i := range 3 {
		if f := c.request(i+1, loginDoc(userECSS, "guess", 60)); f.msg.Name != "StartApplicationSessionNegResponse" {
			t.Fatalf("guess %d: %s", i, f.doc)
		}
	}
	f := c.request(4, loginDoc(userECSS, passECSS, 60))
	if neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse); !ok || neg.ErrorCode.ApplicationError != "tooManyFailedLogins" {
		t.Fatalf("right password while throttled: %s", f.doc)
	}
	out := logs.String()
	if strings.Count(out, `"msg":"login failed"`) != 3 || strings.Count(out, `"msg":"login refused: too many failures"`) != 1 {
		t.Fatalf("log:\n%s", out)
	}
	if st := e.srv.Stats(); st.FailedLogins != 3 || st.ThrottledLogins != 1 || st.Sessions != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestSessionIsolation: a session can neither stop, refilter nor see
// another session's monitors, nor renew, stop or borrow its session, on
// any transport; the victim's monitor keeps working throughout.
func TestSessionIsolation(t *testing.T) {
	e := newEnv(t, envOpts{})
	a := dialConsumer(t, e.header, framingHeader, nil)
	aSession := a.login()
	ax := a.monitor(2, "780")
	b := dialConsumer(t, e.nul, framingNUL, nil)
	b.login()
	bx := b.monitor(0, "781")

	stop := []byte(`<MonitorStop xmlns="` + nsEd3 + `"><monitorCrossRefID>` + ax + `</monitorCrossRefID></MonitorStop>`)
	if ce := cstaError(t, b.request(0, stop)); ce.Operation != "invalidCrossRefID" {
		t.Errorf("MonitorStop of another session's monitor: %+v", ce)
	}
	filter := []byte(`<ChangeMonitorFilter xmlns="` + nsEd3 + `"><monitorCrossRefID>` + ax +
		`</monitorCrossRefID><filterlist><callControl><delivered>true</delivered></callControl></filterlist></ChangeMonitorFilter>`)
	if ce := cstaError(t, b.request(0, filter)); ce.Operation != "invalidCrossRefID" {
		t.Errorf("ChangeMonitorFilter of another session's monitor: %+v", ce)
	}
	f := b.request(0, withSession(codecSeed(t, "ecss10-reset-application-session-timer"), aSession))
	if _, ok := f.msg.XML.(*ecma323.ResetApplicationSessionTimerNegResponse); !ok {
		t.Errorf("renewing another session: %s", f.doc)
	}
	// The codec has no StopApplicationSessionNegResponse: a CSTA error.
	f = b.request(0, withSession(codecSeed(t, "ecss10-stop-application-session"), aSession))
	if ce := cstaError(t, f); ce.Operation != "invalidParameterValue" {
		t.Errorf("stopping another session: %s", f.doc)
	}
	// A TCP session's id is no HTTP credential.
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.session = aSession
	if status, _, _ := sc.post(AppendSOAPEnvelope(nil, stop)); status != http.StatusUnauthorized {
		t.Errorf("HTTP request with a TCP session's id: %d", status)
	}
	if st := e.srv.Stats(); st.Sessions != 2 || st.ConsumerMonitors != 2 {
		t.Fatalf("stats %+v", st)
	}

	// Each sees its own device's events only, under its own reference.
	if _, err := e.sim.Dial("780", "782"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.sim.Dial("781", "783"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		cons *tcpConsumer
		xref string
	}{{a, ax}, {b, bx}} {
		for range 3 { // ServiceInitiated, Originated, Delivered or what the PBX sends first
			if f := c.cons.event(); xrefOf(f.msg.XML) != c.xref {
				t.Fatalf("event under cross-reference %q, want %q: %s", xrefOf(f.msg.XML), c.xref, f.doc)
			}
		}
	}
}

// TestSessionLimits: Config.MaxSessions and MaxMonitorsPerSession refuse
// what is over them with the ECMA-354 and CSTA errors for it, and free
// their places when a session or monitor ends.
func TestSessionLimits(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.MaxSessions, c.MaxMonitorsPerSession = 2, 2
		c.MaxSessionsPerUser = 2 // one user name in this test: TestUserQuotas has the quota
	}})
	a := dialConsumer(t, e.header, framingHeader, nil)
	a.login()
	b := dialConsumer(t, e.header, framingHeader, nil)
	b.login()
	c := dialConsumer(t, e.header, framingHeader, nil)
	f := c.request(1, codecSeed(t, "ecss10-start-application-session"))
	if neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse); !ok || neg.ErrorCode.ApplicationError != "sessionLimitExceeded" {
		t.Fatalf("third session: %s", f.doc)
	}
	x1 := a.monitor(2, "784")
	a.monitor(3, "785")
	over := []byte(`<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>786</deviceObject></monitorObject></MonitorStart>`)
	if ce := cstaError(t, a.request(4, over)); ce.SubscribedResourceAvailability != "objectMonitorLimitExceeded" {
		t.Fatalf("third monitor: %+v", ce)
	}
	stop := []byte(`<MonitorStop xmlns="` + nsEd3 + `"><monitorCrossRefID>` + x1 + `</monitorCrossRefID></MonitorStop>`)
	if f := a.request(5, stop); f.msg.Name != "MonitorStopResponse" {
		t.Fatalf("MonitorStop: %s", f.doc)
	}
	a.monitor(6, "786")
	b.conn.Close() // its session ends with its connection
	waitUntil(t, "session of a closed connection ended", func() bool { return e.srv.Stats().Sessions == 1 })
	c.login()
}

// TestPendingLoginLimit: connections that have not logged in are bounded;
// beyond the bound the oldest of them is closed, not the new one, and
// counted; a login or a disconnection frees a place.
func TestPendingLoginLimit(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.MaxPendingLogins, c.MaxPendingLoginsPerIP = 2, 3 }}) // the bound of all binds first
	a := dialConsumer(t, e.header, framingHeader, nil)
	// a and b arrive on two listeners: b is dialled once a is held, so
	// that a is the oldest whatever order the listeners accept in.
	waitUntil(t, "a connected", func() bool { return e.srv.Stats().Consumers == 1 })
	b := dialConsumer(t, e.nul, framingNUL, nil)
	waitUntil(t, "two consumers connected", func() bool { return e.srv.Stats().Consumers == 2 })

	c := dialConsumer(t, e.header, framingHeader, nil)
	a.expectClosed() // the oldest made room
	if st := e.srv.Stats(); st.RefusedConns != 1 || st.ReapedAll != 1 || st.ReapedPerIP != 0 {
		t.Fatalf("stats %+v", st)
	}
	c.login()

	// A login frees a place: b and two newer ones are all served.
	b.login()
	d := dialConsumer(t, e.header, framingHeader, nil)
	f := dialConsumer(t, e.nul, framingNUL, nil)
	d.login()
	f.login()

	// So does a disconnection of one that never logged in.
	g := dialConsumer(t, e.header, framingHeader, nil)
	h := dialConsumer(t, e.nul, framingNUL, nil)
	waitUntil(t, "two more consumers connected", func() bool { return e.srv.Stats().Consumers == 6 })
	h.conn.Close()
	h.expectClosed()
	waitUntil(t, "the idle consumer gone", func() bool { return e.srv.Stats().Consumers == 5 })
	k := dialConsumer(t, e.nul, framingNUL, nil)
	k.login()
	g.login()
	if n := e.srv.Stats().RefusedConns; n != 1 {
		t.Errorf("RefusedConns = %d after the places were freed, want 1", n)
	}
}
