package xmlbridge

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// The attack of issue 13, item 1, at a bounded scale: connections that
// send a POST header with Content-Length: 65000 and then stall. Before,
// the bridge read the body without a deadline before checking any
// credentials and had no cap: every such connection was held until the
// attacker let go, and 20,000 of them took every file descriptor.

// stalledPOST sends a POST header declaring length bytes of body, with
// Basic credentials unless auth is empty, and nothing more. The returned
// channel gets what the bridge wrote before it closed the connection, and
// how long after the header that was; it gets nothing if the bridge kept
// the connection open for waitLong.
type stalled struct {
	kind   string
	answer string        // the status line, or "" for a connection closed unanswered
	after  time.Duration // from the end of the header to the close
	open   bool          // still open after waitLong
}

func stalledPOST(t *testing.T, addr, kind, auth string, length int, wg *sync.WaitGroup, out chan<- stalled) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	hdr := "POST " + DefaultSOAPPath + " HTTP/1.1\r\nHost: bridge\r\nContent-Type: text/xml\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n", length)
	if auth != "" {
		hdr += "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(auth)) + "\r\n"
	}
	// A connection the bridge refused at once may be gone already.
	_, _ = conn.Write([]byte(hdr + "\r\n"))
	sent := time.Now()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer conn.Close()
		_ = conn.SetReadDeadline(sent.Add(waitLong))
		b, err := io.ReadAll(conn)
		r := stalled{kind: kind, after: time.Since(sent)}
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			r.open = true
		}
		r.answer, _, _ = strings.Cut(string(b), "\r\n")
		out <- r
	}()
}

// TestHTTPStalledBodies: 120 stalled POSTs against an HTTP listener capped
// at 40 connections. Those beyond the cap are closed as they are accepted;
// an anonymous one declaring more than 8 KiB is answered 401 before its
// body is read; an anonymous one within 8 KiB and one with valid Basic
// credentials are closed with 408 at the body timeout. Throughout, a TCP
// consumer logs in and gets its events at once (the bridge-wide cap leaves
// it room), and a SOAP login succeeds as soon as the stalled connections
// are gone.
func TestHTTPStalledBodies(t *testing.T) {
	const (
		httpCap  = 40
		attack   = 120
		bodyWait = 300 * time.Millisecond
	)
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.HTTPMaxConns, c.HTTPMaxConnsPerIP, c.MaxConns = httpCap, httpCap, httpCap+20
		c.HTTPBodyTimeout = bodyWait
	}})
	addr := strings.TrimSuffix(strings.TrimPrefix(e.soapURL, "http://"), DefaultSOAPPath)
	// The TCP consumer connects first: the attack is on HTTP.
	tc := dialConsumer(t, e.header, framingHeader, nil)

	var wg sync.WaitGroup
	results := make(chan stalled, attack)
	start := time.Now()
	for i := range attack {
		switch i % 3 {
		case 0:
			stalledPOST(t, addr, "anonymous 65000", "", 65000, &wg, results)
		case 1:
			stalledPOST(t, addr, "anonymous 4000", "", 4000, &wg, results)
		default:
			stalledPOST(t, addr, "basic 65000", userSnom+":"+passSnom, 65000, &wg, results)
		}
	}
	held := e.srv.Stats().Conns

	// During the attack: a TCP login, a monitor and its first event.
	t0 := time.Now()
	tc.login()
	tc.monitor(2, "770")
	if _, err := e.sim.Dial("771", "770"); err != nil {
		t.Fatal(err)
	}
	tc.expectEvent("DeliveredEvent")
	tcpTime := time.Since(t0)

	// A SOAP login, retried while the listener is full.
	t0 = time.Now()
	soapLogin := loginUntil(t, e.soapURL, start.Add(waitLong))
	soapTime := time.Since(t0)

	wg.Wait()
	close(results)
	kinds := map[string]int{}
	var slowest time.Duration
	for r := range results {
		if r.open {
			t.Errorf("%s: still open after %v", r.kind, waitLong)
			continue
		}
		kinds[r.kind+" → "+r.answer]++
		slowest = max(slowest, r.after)
	}
	st := e.srv.Stats()
	t.Logf("held at the peak %d (cap %d), closed by %v; refused %d, body timeouts %d; %v",
		held, httpCap, slowest, st.RefusedHTTPConns, st.BodyTimeouts, kinds)
	t.Logf("during the attack: TCP login+monitor+event %v, SOAP login %v", tcpTime, soapTime)
	if held > httpCap+1 { // +1: the TCP consumer
		t.Errorf("%d connections held, cap %d", held, httpCap)
	}
	if st.RefusedHTTPConns == 0 || st.BodyTimeouts == 0 {
		t.Errorf("stats %+v", st)
	}
	if kinds["basic 65000 → HTTP/1.1 408 Request Timeout"] == 0 || kinds["anonymous 4000 → HTTP/1.1 408 Request Timeout"] == 0 ||
		kinds["anonymous 65000 → HTTP/1.1 401 Unauthorized"] == 0 {
		t.Errorf("answers %v", kinds)
	}
	for k := range kinds {
		if strings.HasPrefix(k, "anonymous 65000") && !strings.HasSuffix(k, "401 Unauthorized") && !strings.HasSuffix(k, "→ ") {
			t.Errorf("anonymous POST over 8 KiB: %s", k)
		}
	}
	if slowest > bodyWait+2*time.Second {
		t.Errorf("a stalled connection lasted %v, body timeout %v", slowest, bodyWait)
	}
	if tcpTime > 2*time.Second || soapLogin == "" {
		t.Errorf("TCP consumer %v, SOAP login %q", tcpTime, soapLogin)
	}
	if st.Conns > 2 { // the TCP consumer and the SOAP client's kept-alive connection
		t.Errorf("%d connections open after the attack", st.Conns)
	}
}

// loginUntil opens a SOAP session, retrying connections refused by a cap
// until deadline; it returns the session id, "" if none was opened.
func loginUntil(t *testing.T, url string, deadline time.Time) string {
	t.Helper()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: waitLong}
	for time.Now().Before(deadline) {
		req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(AppendSOAPEnvelope(nil, loginDoc(userECSS, passECSS, 60))))
		req.Header.Set("Content-Type", "text/xml")
		resp, err := hc.Do(req)
		if err != nil {
			continue // refused by the cap: closed before an answer
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m, _ := ecma323.Decode(b)
		if pos, ok := m.XML.(*ecma323.StartApplicationSessionPosResponse); ok && resp.StatusCode == http.StatusOK {
			return pos.SessionID
		}
		t.Fatalf("SOAP login: %s %s", resp.Status, b)
	}
	return ""
}

// TestSOAPChallenge: a client that sends its credentials only when
// challenged, as most HTTP libraries do with Basic, logs in: the request
// without them gets 401 and the Basic challenge, the retry with them is
// served; wrong credentials get 401 and the challenge again.
func TestSOAPChallenge(t *testing.T) {
	e := newEnv(t, envOpts{})
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: waitLong}
	// do sends the snapshot as a challenge-driven client does: first
	// without credentials, then, if challenged for Basic, with them.
	do := func(user, pass string) (first, second *http.Response) {
		body := AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))
		send := func(auth bool) *http.Response {
			req, _ := http.NewRequest(http.MethodPost, e.soapURL, bytes.NewReader(body))
			req.Header.Set("Content-Type", "text/xml")
			if auth {
				req.SetBasicAuth(user, pass)
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp
		}
		first = send(false)
		if first.StatusCode == http.StatusUnauthorized && strings.HasPrefix(first.Header.Get("WWW-Authenticate"), "Basic ") {
			second = send(true)
		}
		return first, second
	}
	first, second := do(userSnom, passSnom)
	if first.StatusCode != http.StatusUnauthorized || first.Header.Get("WWW-Authenticate") != `Basic realm="cstav3", charset="UTF-8"` {
		t.Fatalf("without credentials: %s %q", first.Status, first.Header.Get("WWW-Authenticate"))
	}
	if second == nil || second.StatusCode != http.StatusOK {
		t.Fatalf("after the challenge: %+v", second)
	}
	_, second = do(userSnom, "wrong")
	if second == nil || second.StatusCode != http.StatusUnauthorized || second.Header.Get("WWW-Authenticate") == "" {
		t.Fatalf("wrong credentials after the challenge: %+v", second)
	}
	if st := e.srv.Stats(); st.FailedLogins != 1 || st.RequestsOK != 1 || st.RequestsRefused != 2 {
		t.Fatalf("stats %+v", st)
	}
}

// TestConnLimits: the bridge-wide cap applies to the TCP listeners too,
// and the per-IP cap of an HTTP listener to each remote address.
func TestConnLimits(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.MaxConns = 2 }})
	a := dialConsumer(t, e.header, framingHeader, nil)
	a.login()
	b := dialConsumer(t, e.nul, framingNUL, nil)
	b.login()
	c := dialConsumer(t, e.header, framingHeader, nil)
	c.expectClosed()
	if st := e.srv.Stats(); st.RefusedConns != 1 || st.Conns != 2 {
		t.Fatalf("stats %+v", st)
	}
	a.conn.Close()
	<-a.done
	waitUntil(t, "place freed", func() bool { return e.srv.Stats().Conns == 1 })
	dialConsumer(t, e.header, framingHeader, nil).login()

	l := (&Server{cfg: Config{MaxConns: 100}}).limitListener(nil, true)
	l.max, l.maxPer = 3, 2
	for i, want := range []string{"", "", "ip", "", "listener"} {
		ip := "192.0.2.1"
		if i >= 3 {
			ip = "192.0.2.2"
		}
		if got := l.admit(ip); got != want {
			t.Fatalf("connection %d from %s: %q, want %q", i, ip, got, want)
		}
	}
	l.release("192.0.2.1")
	if got := l.admit("192.0.2.1"); got != "" {
		t.Fatalf("after a release: %q", got)
	}
}

// TestDefaultMaxConns: RLIMIT_NOFILE minus the reserve, half of a limit
// too low for that, and a fixed limit where the system has none.
func TestDefaultMaxConns(t *testing.T) {
	for _, c := range []struct{ limit, reserve, want int }{
		{1024, 64, 960}, {100, 64, 50}, {0, 64, defaultFDLimit - 64}, {1, 64, 1},
	} {
		if got := defaultMaxConns(c.limit, c.reserve); got != c.want {
			t.Errorf("defaultMaxConns(%d, %d) = %d, want %d", c.limit, c.reserve, got, c.want)
		}
	}
	cfg, err := Config{Client: newEnv(t, envOpts{}).client, Users: map[string]string{"u": "p"}}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if n := fdLimit(); n > 0 && cfg.MaxConns != defaultMaxConns(n, DefaultFDReserve) {
		t.Fatalf("MaxConns %d with RLIMIT_NOFILE %d", cfg.MaxConns, n)
	}
}
