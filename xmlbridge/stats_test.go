package xmlbridge

import (
	"testing"
	"time"
)

// TestStatsByReason: the gauge of connections without a session, the
// sessions ended, and the connections closed for want of a login in time,
// each counted where it happens.
func TestStatsByReason(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.LoginTimeout = time.Second }})
	a := dialRaw(t, e.header)
	dialRaw(t, e.header)
	waitUntil(t, "two connections without a session", func() bool { return e.srv.Stats().PendingLogins == 2 })
	sid, err := a.login(userECSS, passECSS)
	if err != nil {
		t.Fatal(err)
	}
	if st := e.srv.Stats(); st.PendingLogins > 1 {
		t.Fatalf("stats %+v", st)
	}
	// The idle one runs out of time and is closed.
	waitUntil(t, "the idle connection closed", func() bool {
		st := e.srv.Stats()
		return st.LoginTimeouts == 1 && st.PendingLogins == 0
	})
	if m, err := a.request(2, withSession(codecSeed(t, "ecss10-stop-application-session"), sid)); err != nil || m.Name != "StopApplicationSessionPosResponse" {
		t.Fatalf("stop: %v %v", m, err)
	}
	st := e.srv.Stats()
	if st.SessionsStarted != 1 || st.SessionsEnded != 1 || st.Sessions != 0 || st.PendingLogins != 1 {
		t.Fatalf("stats %+v", st)
	}
	// Without a session again, it gets LoginTimeout again.
	waitUntil(t, "the stopped connection closed", func() bool {
		st := e.srv.Stats()
		return st.LoginTimeouts == 2 && st.PendingLogins == 0 && st.Consumers == 0
	})
	if n := e.srv.Stats().RefusedConns; n != 0 {
		t.Fatalf("RefusedConns = %d", n)
	}
}
