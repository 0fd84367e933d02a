package xmlbridge

import (
	"bufio"
	"fmt"
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// Attacks on the connections without a session (issue 13, items 2 and 4):
// each reproduces the attack on 127.0.0.1, bounded, and prints its figures
// as "attack:" lines for RELIABILITY.md.

// lightConsumer is a header-framed test consumer without a reader goroutine
// or queues, light enough to open hundreds of.
type lightConsumer struct {
	conn net.Conn
	hr   *framing.HeaderReader
}

func dialRaw(t testing.TB, addr string) *lightConsumer {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &lightConsumer{conn: conn, hr: framing.NewHeaderReader(bufio.NewReader(conn), framing.HeaderOptions{})}
}

// request sends doc and returns the decoded reply, skipping events.
func (r *lightConsumer) request(invokeID int, doc []byte) (*ecma323.Message, error) {
	b, err := framing.AppendHeader(nil, invokeID, doc)
	if err != nil {
		return nil, err
	}
	_ = r.conn.SetDeadline(time.Now().Add(waitLong))
	if _, err := r.conn.Write(b); err != nil {
		return nil, err
	}
	for {
		id, reply, err := r.hr.ReadMessage()
		if err != nil {
			return nil, err
		}
		if id != framing.EventInvokeID {
			return ecma323.Decode(reply)
		}
	}
}

// login opens a session as user and returns its id.
func (r *lightConsumer) login(user, password string) (string, error) {
	m, err := r.request(1, loginDoc(user, password, 600))
	if err != nil {
		return "", err
	}
	pos, ok := m.XML.(*ecma323.StartApplicationSessionPosResponse)
	if !ok {
		return "", fmt.Errorf("login answered %s", m.Name)
	}
	return pos.SessionID, nil
}

// footprint is the process's live heap after a GC, in KiB, and its
// goroutines: the test's own side included, which is the same before and
// after.
func footprint() (heapKiB uint64, goroutines int) {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc >> 10, runtime.NumGoroutine()
}

// TestStoppedSessionsHeld: logging in, then StopApplicationSession, on
// connection after connection must not hold connections outside both
// MaxPendingLogins and MaxSessions: a connection whose session stopped
// counts as waiting for a login again. Before, each one was held until its
// LoginTimeout (4,000 connections, 562 MB in the issue).
func TestStoppedSessionsHeld(t *testing.T) {
	const (
		conns       = 300
		pending     = 16
		maxSessions = 16
	)
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.MaxPendingLogins, c.MaxSessions, c.MaxSessionsPerUser = pending, maxSessions, maxSessions
	}})
	heap0, g0 := footprint()
	stop := codecSeed(t, "ecss10-stop-application-session")
	for i := range conns {
		c := dialRaw(t, e.header)
		sid, err := c.login(userECSS, passECSS)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		m, err := c.request(2, withSession(stop, sid))
		if err != nil || m.Name != "StopApplicationSessionPosResponse" {
			t.Fatalf("connection %d: stop answered %v %v", i, m, err)
		}
	}
	// The bridge closes what is over the bound as it goes; the last of
	// those closes may still be on their way.
	deadline := time.Now().Add(waitLong)
	for e.srv.Stats().Consumers > pending+maxSessions && time.Now().Before(deadline) {
		runtime.Gosched()
	}
	held := e.srv.Stats().Consumers
	heap1, g1 := footprint()
	t.Logf("attack: %d × (login, StopApplicationSession): %d connections held (bound %d); live heap %d → %d KiB, goroutines %d → %d",
		conns, held, pending+maxSessions, heap0, heap1, g0, g1)
	if held > pending+maxSessions {
		t.Fatalf("%d connections held, over MaxPendingLogins+MaxSessions = %d", held, pending+maxSessions)
	}
	// What is held can still log in.
	c := dialRaw(t, e.header)
	if _, err := c.login(userECSS, passECSS); err != nil {
		t.Fatalf("login after the attack: %v", err)
	}
}

// TestIdleSocketsNoLockout: MaxPendingLogins idle sockets from one address
// (127.0.0.1, as behind a NAT) do not keep a consumer from logging in on
// either TCP transport: the oldest idle one makes room. Before, every new
// connection was closed at once for LoginTimeout.
func TestIdleSocketsNoLockout(t *testing.T) {
	e := newEnv(t, envOpts{})
	heap0, g0 := footprint()
	for range DefaultMaxPendingLogins {
		dialRaw(t, e.header)
	}
	// Accepted in order: the logins below come after every idle socket.
	ok := 0
	h := dialRaw(t, e.header)
	if _, err := h.login(userECSS, passECSS); err != nil {
		t.Errorf("header login behind %d idle sockets: %v", DefaultMaxPendingLogins, err)
	} else {
		ok++
	}
	n, err := net.Dial("tcp", e.nul)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	nul := &tcpConsumer{t: t, conn: n, fr: framingNUL, events: make(chan frame, 16), replies: make(chan frame, 4), done: make(chan struct{})}
	go nul.read()
	t.Cleanup(func() { n.Close(); <-nul.done })
	nul.send(0, codecSeed(t, "unitel-start-application-session"))
	select {
	case f := <-nul.replies:
		if m, _ := ecma323.Decode(f.doc); m != nil && m.Name == "StartApplicationSessionPosResponse" {
			ok++
		} else {
			t.Errorf("NUL login behind the idle sockets answered %s", f.doc)
		}
	case <-nul.done:
		t.Errorf("NUL login behind the idle sockets: closed (%v)", nul.readErr)
	case <-time.After(waitLong):
		t.Error("NUL login behind the idle sockets: no answer")
	}
	heap1, g1 := footprint()
	st := e.srv.Stats()
	t.Logf("attack: %d idle sockets from one address: %d of 2 logins succeeded; %d connections held, %d closed by the bound; live heap %d → %d KiB, goroutines %d → %d",
		DefaultMaxPendingLogins, ok, st.Consumers, st.RefusedConns, heap0, heap1, g0, g1)
}

// TestAdmission: the oldest goes, of its own address first, then of all;
// removal frees places; the newcomer always stays.
func TestAdmission(t *testing.T) {
	a := newAdmission[int](4, 2)
	check := func(k int, ip string, want int, wantScope string) {
		t.Helper()
		v, scope, ok := a.admit(k, ip)
		if !ok {
			v = -1
		}
		if v != want || scope != wantScope {
			t.Fatalf("admit(%d, %s) = %d %q, want %d %q", k, ip, v, scope, want, wantScope)
		}
	}
	check(1, "x", -1, "")
	check(2, "x", -1, "")
	check(3, "x", 1, scopeIP) // x holds its share
	check(4, "y", -1, "")
	check(5, "z", -1, "")
	check(6, "w", 2, scopeAll) // the oldest of all
	check(6, "w", -1, "")      // held already
	if !a.remove(4) || a.remove(4) || a.len() != 3 {
		t.Fatalf("remove: %d held", a.len())
	}
	check(7, "y", -1, "")
	check(8, "y", 3, scopeAll)
	if a.len() != 4 || len(a.ips) != 3 {
		t.Fatalf("%d held, %d addresses", a.len(), len(a.ips))
	}
	for _, k := range []int{5, 6, 7, 8} {
		a.remove(k)
	}
	if a.len() != 0 || len(a.ips) != 0 || a.all.Len() != 0 {
		t.Fatalf("not empty: %d %d %d", a.len(), len(a.ips), a.all.Len())
	}
}
