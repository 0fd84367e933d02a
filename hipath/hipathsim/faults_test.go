package hipathsim

import (
	"bytes"
	"errors"
	"net"
	"strconv"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

func TestDropLinks(t *testing.T) {
	s := start(t, Config{})
	c1, c2 := connect(t, s), connect(t, s)
	c1.monitor("100")
	c2.monitor("100")
	call, err := s.Dial("100", "101")
	if err != nil {
		t.Fatal(err)
	}
	s.DropLinks()
	c1.closed()
	c2.closed()
	if got := s.Stats(); got.LinksDropped != 2 {
		t.Fatalf("stats %+v", got)
	}
	// The calls go on; a new link sees them and has no monitors yet.
	c3 := connect(t, s)
	sc := c3.must(&cstav3.SnapshotCallArgument{SnapshotObject: cstav3.ConnectionID{Call: call}}).(*cstav3.SnapshotCallResult)
	if len(sc.SnapshotData) != 2 {
		t.Fatalf("snapshot %+v", sc.SnapshotData)
	}
	if err := s.Answer("101"); err != nil {
		t.Fatal(err)
	}
	c3.quiet()
}

func TestSilent(t *testing.T) {
	s := start(t, Config{StatusInterval: 20 * time.Millisecond, StatusMisses: 4})
	c := connect(t, s)
	s.SetSilent(true)
	id := c.invoke(hipath.MonitorStart(cstav3.Dialing("100")))
	// Nothing comes back: no answer, no heartbeat, and missed heartbeats
	// are not counted (four would drop this link).
	select {
	case m := <-c.answers:
		t.Fatalf("answer %+v while silent", m)
	case <-c.done:
		t.Fatalf("link closed while silent: %v", c.err)
	case <-time.After(200 * time.Millisecond):
	}
	for len(c.status) > 0 {
		<-c.status // sent before the switch fell silent
	}
	select {
	case <-c.status:
		t.Fatal("SystemStatus while silent")
	case <-time.After(20 * time.Millisecond):
	}
	// A new client cannot even associate.
	c2 := open(t, s, true)
	pdu, _ := cstav3.AppendAPDU(nil, &cstav3.AARQ{Authentication: credentials(DefaultUser, DefaultPassword)})
	c2.send(pdu)
	select {
	case a := <-c2.acse:
		t.Fatalf("%T while silent", a)
	case <-time.After(20 * time.Millisecond):
	}
	s.SetSilent(false)
	c.nextStatus()
	m := c.monitor("100")
	if id != 1 || len(m) != 2 {
		t.Fatalf("invoke %d, cross-ref %x", id, m)
	}
	if got := s.Stats(); got.LinksClosed != 0 {
		t.Fatalf("stats %+v", got)
	}
}

func TestSetDelay(t *testing.T) {
	s, c := startConnected(t)
	s.SetDelay(50 * time.Millisecond)
	t0 := time.Now()
	c.monitor("100")
	if d := time.Since(t0); d < 50*time.Millisecond {
		t.Fatalf("answered after %v", d)
	}
	s.SetDelay(0)
	c.monitor("101")
}

func TestSendGarbage(t *testing.T) {
	s := start(t, Config{})
	if err := s.SendGarbage(); !errors.Is(err, ErrNoLinks) {
		t.Fatalf("SendGarbage without links: %v", err)
	}
	c := connect(t, s)
	m := c.monitor("100")
	if err := s.SendGarbage(); err != nil {
		t.Fatal(err)
	}
	select {
	case pdu := <-c.bad:
		if !bytes.Equal(pdu, garbageFrame[3:]) {
			t.Fatalf("garbage %x", pdu)
		}
	case <-time.After(wait):
		t.Fatal("no garbage")
	}
	// The link goes on.
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m, siEv}, want{m, orEv}, want{m, delEv})
	if got := s.Stats(); got.GarbageSent != 1 {
		t.Fatalf("stats %+v", got)
	}
}

func TestForgetMonitors(t *testing.T) {
	s, c := startConnected(t)
	m := c.monitor("100")
	s.ForgetMonitors()
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.fails(&cstav3.MonitorStopArgument{CrossRefIdentifier: m}, errInvalidCrossRefID)
	c.quiet()
	m2 := c.monitor("100")
	if bytes.Equal(m, m2) {
		t.Fatalf("cross-ref %x reused", m)
	}
	if err := s.Hangup("101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m2, ccEv}, want{m2, ccEv}, want{m2, clrEv})
}

// TestSlowClient checks that a client that does not read is dropped when
// its queue overflows, and that nobody else waits for it.
func TestSlowClient(t *testing.T) {
	s := start(t, Config{EventQueue: 256})
	fast := connect(t, s)
	fm := fast.monitor("100")

	// The slow client associates, starts 10 monitors and reads no more.
	// One call brings it 30 events, less than its queue: only its not
	// reading can fill the queue.
	slow, err := net.Dial("tcp", s.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.(*net.TCPConn).SetReadBuffer(4096)
	pdu, _ := cstav3.AppendAPDU(nil, &cstav3.AARQ{Authentication: credentials(DefaultUser, DefaultPassword)})
	if err := cstav3.WriteFrame(slow, hipath.Framing, pdu); err != nil {
		t.Fatal(err)
	}
	if _, err := cstav3.NewFrameReader(slow, hipath.Framing, 0).ReadFrame(); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		arg, _ := cstav3.AppendArgument(nil, hipath.MonitorStart(cstav3.Dialing(strconv.Itoa(100+i%2))))
		pdu, _ := (&cstav3.Message{Type: cstav3.Invoke, InvokeID: int64(i + 1), Opcode: cstav3.OpMonitorStart,
			Argument: arg}).Append(nil)
		if err := cstav3.WriteFrame(slow, hipath.Framing, pdu); err != nil {
			t.Fatal(err)
		}
	}
	// Calls until the slow link overflows; the model never waits for it.
	deadline := time.Now().Add(20 * time.Second)
	var calls int
	for s.Stats().QueueOverflows == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no overflow after %d calls", calls)
		}
		if _, err := s.Dial("100", "101"); err != nil {
			t.Fatal(err)
		}
		if err := s.Hangup("100"); err != nil {
			t.Fatal(err)
		}
		calls++
		// The fast client gets every event of every call, in order.
		fast.expect(want{fm, siEv}, want{fm, orEv}, want{fm, delEv}, want{fm, ccEv}, want{fm, ccEv}, want{fm, clrEv})
	}
	t.Logf("overflow after %d calls", calls)
	if got := s.Stats(); got.LinksDropped != 1 || got.QueueOverflows != 1 {
		t.Fatalf("stats %+v", got)
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	s, err := Start(Config{StatusInterval: 2 * time.Millisecond, StatusMisses: 1000})
	if err != nil {
		t.Fatal(err)
	}
	c1, c2 := connect(t, s), open(t, s, false)
	c1.monitor("100")
	stop := s.StartTraffic(t.Context(), TrafficConfig{Rate: 500, HoldTime: time.Millisecond})
	defer stop()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	c1.closed()
	c2.closed()
	c1.close()
	c2.close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestServeAfterClose(t *testing.T) {
	s := New(Config{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	c := openAddr(t, ln.Addr().String(), true)
	if aare := c.associate(DefaultUser, DefaultPassword); aare.Err() != nil {
		t.Fatal(aare.Err())
	}
	s.Close()
	if err := <-done; !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve returned %v", err)
	}
	c.closed()
	if err := s.Serve(ln); !errors.Is(err, ErrServerClosed) {
		t.Fatalf("Serve after Close: %v", err)
	}
}
