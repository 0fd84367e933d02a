package xmlbridge

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// fakeClock is the lockouts' clock in tests: it moves when told to.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Unix(1e9, 0)} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestLoginLimiter: failures lock out a user at an address, not the other
// users there nor that user elsewhere; many user names lock out the
// address; lockouts end after LoginLockout; a good login forgets its
// pair's failures; the tables stay bounded.
func TestLoginLimiter(t *testing.T) {
	l := newLoginLimiter(Config{LoginFailures: 3, LoginFailuresPerIP: 6, LoginFailureWindow: time.Minute, LoginLockout: 2 * time.Minute})
	now := time.Unix(0, 0)
	locked := func(user, ip string, at time.Time) string {
		scope, left := l.check(user, ip, at)
		if left > 0 {
			return scope
		}
		return ""
	}
	for i := range 3 {
		if s := locked("a", "ip", now); s != "" {
			t.Fatalf("locked (%s) after %d failures", s, i)
		}
		started := l.failed("a", "ip", now)
		if (i == 2) != (len(started) == 1 && started[0] == scopePair) {
			t.Fatalf("failure %d started %v", i, started)
		}
	}
	if locked("a", "ip", now) != scopePair || locked("b", "ip", now) != "" || locked("a", "other", now) != "" {
		t.Fatal("lockout not per user and address")
	}
	if _, left := l.check("a", "ip", now.Add(time.Minute)); left != time.Minute {
		t.Fatalf("%v left of a 2-minute lockout after 1 minute", left)
	}
	now = now.Add(2 * time.Minute)
	if locked("a", "ip", now) != "" {
		t.Fatal("still locked after LoginLockout")
	}

	// Failures spread over more than the window do not add up.
	l.failed("c", "ip2", now)
	l.failed("c", "ip2", now)
	now = now.Add(time.Minute)
	l.failed("c", "ip2", now)
	l.failed("c", "ip2", now)
	if locked("c", "ip2", now) != "" {
		t.Fatal("locked by failures of two windows")
	}
	// A good login forgets them.
	l.succeeded("c", "ip2")
	l.failed("c", "ip2", now)
	l.failed("c", "ip2", now)
	if locked("c", "ip2", now) != "" {
		t.Fatal("failures before a good login counted")
	}

	// Many user names from one address lock out the address.
	for i := range 6 {
		l.failed(fmt.Sprint("user", i), "ip3", now)
	}
	if locked("anybody", "ip3", now) != scopeIP || locked("anybody", "ip4", now) != "" {
		t.Fatal("spraying user names does not lock out the address")
	}

	// Stale entries are forgotten; guesses from many addresses for many
	// names do not grow the tables without bound.
	for i := range 20000 {
		l.failed(fmt.Sprint(i), fmt.Sprint(i%5000), now.Add(time.Duration(i)*time.Second))
	}
	if len(l.pairs) > 2*minPrune || len(l.ips) > 2*minPrune {
		t.Fatalf("tables grew to %d pairs, %d addresses", len(l.pairs), len(l.ips))
	}
}

// TestSlowGuesser: one guesser for one user, as fast as the lockouts let
// it, behind the address other users log in from (127.0.0.1, as behind a
// NAT), for ten simulated minutes at the defaults: it gets a few guesses a
// minute, and another user at that address logs in every time. Before, the
// limit was per address: that user was refused.
func TestSlowGuesser(t *testing.T) {
	clock := newFakeClock()
	logger, logs := debugLogger()
	e := newEnv(t, envOpts{now: clock.now, cfg: func(c *Config) { c.Logger = logger }})
	guesser := dialRaw(t, e.header)
	user := dialRaw(t, e.header)
	stop := codecSeed(t, "ecss10-stop-application-session")
	const (
		step = 5 * time.Second
		span = 10 * time.Minute
	)
	var guesses, refused, logins, ok int
	for at := time.Duration(0); at < span; at += step {
		m, err := guesser.request(1, loginDoc(userECSS, "guess", 600))
		if err != nil {
			t.Fatal(err)
		}
		switch neg, _ := m.XML.(*ecma323.StartApplicationSessionNegResponse); {
		case neg == nil:
			t.Fatalf("a guess answered %s", m.Name)
		case neg.ErrorCode.DefinedError == "invalidApplicationInfo":
			guesses++
		default:
			refused++
		}
		if at%(30*time.Second) == 0 {
			logins++
			sid, err := user.login(userSnom, passSnom)
			if err != nil {
				t.Errorf("at %v: %v", at, err)
			} else if m, err := user.request(2, withSession(stop, sid)); err != nil || m.Name != "StopApplicationSessionPosResponse" {
				t.Fatalf("stop: %v %v", m, err)
			} else {
				ok++
			}
		}
		clock.advance(step)
	}
	t.Logf("attack: a guesser for one user at one address, %v simulated: %d guesses checked, %d refused unchecked; another user at that address: %d of %d logins succeeded",
		span, guesses, refused, ok, logins)
	// Five per lockout of a minute, plus those of the first window.
	if maxGuesses := DefaultLoginFailures * int(span/DefaultLoginLockout+1); guesses > maxGuesses {
		t.Errorf("%d guesses checked in %v, want at most %d", guesses, span, maxGuesses)
	}
	if ok != logins {
		t.Errorf("%d of %d logins of another user succeeded", ok, logins)
	}
	st := e.srv.Stats()
	if st.FailedLogins != uint64(guesses) || st.ThrottledLogins != uint64(refused) || st.ThrottledByIP != 0 ||
		st.LoginLockouts != uint64(guesses/DefaultLoginFailures) {
		t.Errorf("stats %+v", st)
	}
	out := logs.String()
	if n := strings.Count(out, `"msg":"login lockout started"`); n != int(st.LoginLockouts) {
		t.Errorf("%d lockouts logged, %d counted", n, st.LoginLockouts)
	}
	if n := strings.Count(out, `"msg":"login refused: too many failures"`); n != refused {
		t.Errorf("%d refusals logged, %d made", n, refused)
	}
}

// TestLoginSpray: wrong passwords for many user names from one address
// lock out the address, the right password of another user included, on
// TCP and HTTP, for LoginLockout (configurable), logged with the scope;
// then logins work again.
func TestLoginSpray(t *testing.T) {
	clock := newFakeClock()
	logger, logs := debugLogger()
	const lockout = 10 * time.Minute
	e := newEnv(t, envOpts{now: clock.now, cfg: func(c *Config) {
		c.Logger, c.LoginFailures, c.LoginFailuresPerIP, c.LoginLockout = logger, 5, 8, lockout
	}})
	c := dialRaw(t, e.header)
	for i := range 8 {
		m, err := c.request(1, loginDoc(fmt.Sprint("name", i), "guess", 600))
		if err != nil {
			t.Fatal(err)
		}
		if neg, _ := m.XML.(*ecma323.StartApplicationSessionNegResponse); neg == nil || neg.ErrorCode.DefinedError != "invalidApplicationInfo" {
			t.Fatalf("guess %d answered %+v", i, m.XML)
		}
	}
	if _, err := c.login(userSnom, passSnom); err == nil || !strings.Contains(err.Error(), "NegResponse") {
		t.Fatalf("login from a locked-out address: %v", err)
	}
	clock.advance(lockout - time.Minute)
	sc := newSOAPClient(t, e.soapURL, nil)
	req, err := http.NewRequest(http.MethodPost, e.soapURL, bytes.NewReader(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml")
	req.SetBasicAuth(userSnom, passSnom)
	resp, err := sc.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "60" {
		t.Fatalf("Basic login a minute before the lockout ends: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	clock.advance(time.Minute)
	if _, err := c.login(userSnom, passSnom); err != nil {
		t.Fatalf("login after the lockout: %v", err)
	}
	st := e.srv.Stats()
	if st.FailedLogins != 8 || st.ThrottledLogins != 2 || st.ThrottledByIP != 2 || st.LoginLockouts != 1 {
		t.Errorf("stats %+v", st)
	}
	out := logs.String()
	if !strings.Contains(out, `"msg":"login lockout started"`) || !strings.Contains(out, `"scope":"remote IP"`) ||
		!strings.Contains(out, `"for":600000000000`) || strings.Contains(out, passSnom) || strings.Contains(out, "guess") {
		t.Errorf("log:\n%s", out)
	}
}
