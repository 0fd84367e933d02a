package hipathsim

import (
	"errors"
	"net"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/testutil"
)

// A minimal CSTA client on the cstav3 codec, for the tests: a reader
// goroutine sorts what the switch sends into channels, so that tests wait
// with deadlines instead of sleeps.

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const wait = 5 * time.Second // deadline for anything that must arrive

type event struct {
	invokeID int64
	rep      *cstav3.EventReport
}

type client struct {
	t    testing.TB
	conn net.Conn

	wmu    sync.Mutex
	nextID int64

	autoStatus bool // answer SystemStatus invokes
	events     chan event
	answers    chan cstav3.Message // ReturnResult, ReturnError, Reject
	status     chan cstav3.Message // SystemStatus invokes
	acse       chan cstav3.APDU
	bad        chan []byte // PDUs that did not decode
	done       chan struct{}
	err        error // why the reader ended, once done is closed
}

// open connects to s without associating.
func open(t testing.TB, s *Server, autoStatus bool) *client {
	t.Helper()
	return openAddr(t, s.Addr(), autoStatus)
}

func openAddr(t testing.TB, addr string, autoStatus bool) *client {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c := &client{t: t, conn: conn, autoStatus: autoStatus,
		events: make(chan event, 1<<16), answers: make(chan cstav3.Message, 1024),
		status: make(chan cstav3.Message, 1024), acse: make(chan cstav3.APDU, 16),
		bad: make(chan []byte, 16), done: make(chan struct{})}
	go c.read()
	t.Cleanup(c.close)
	return c
}

// associate sends an AARQ and returns the AARE.
func (c *client) associate(user, password string) *cstav3.AARE {
	c.t.Helper()
	pdu, err := cstav3.AppendAPDU(nil, &cstav3.AARQ{Context: cstav3.ContextCSTA, Authentication: credentials(user, password),
		CSTAVersion: cstav3.DefaultCSTAVersion})
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(pdu)
	a := recv(c, c.acse, "AARE")
	aare, ok := a.(*cstav3.AARE)
	if !ok {
		c.t.Fatalf("got %T, want AARE", a)
	}
	return aare
}

// recv waits for a value from ch, one of the channels the reader fills. It
// fails the test if the link closes first or nothing comes in time.
func recv[T any](c *client, ch <-chan T, what string) T {
	c.t.Helper()
	timeout := time.NewTimer(wait)
	defer timeout.Stop()
	select {
	case v := <-ch:
		return v
	case <-c.done:
		select { // the reader filled ch before it closed done
		case v := <-ch:
			return v
		default:
		}
		c.t.Fatalf("link closed while waiting for %s: %v", what, c.err)
	case <-timeout.C:
		c.t.Fatalf("no %s", what)
	}
	var zero T
	return zero
}

// connect opens an associated link whose client answers SystemStatus, and
// consumes the first SystemStatus invoke.
func connect(t testing.TB, s *Server) *client {
	t.Helper()
	c := open(t, s, true)
	if aare := c.associate(DefaultUser, DefaultPassword); aare.Err() != nil {
		t.Fatal(aare.Err())
	}
	c.nextStatus()
	return c
}

// startConnected starts a server with the default configuration and
// connects one client to it, the setup most tests begin with.
func startConnected(t testing.TB) (*Server, *client) {
	t.Helper()
	s := start(t, Config{})
	return s, connect(t, s)
}

func (c *client) close() {
	c.conn.Close()
	<-c.done
}

func (c *client) read() {
	defer close(c.done)
	fr := cstav3.NewFrameReader(c.conn, hipath.Framing, 0)
	for {
		pdu, err := fr.ReadFrame()
		if err != nil {
			c.err = err
			return
		}
		if cstav3.IsACSE(pdu) {
			a, err := cstav3.DecodeAPDU(pdu)
			if err != nil {
				c.bad <- pdu
				continue
			}
			c.acse <- a
			continue
		}
		var m cstav3.Message
		if err := m.Decode(pdu); err != nil {
			c.bad <- pdu
			continue
		}
		switch {
		case m.Type == cstav3.Invoke && m.Opcode == cstav3.OpEventReport:
			rep, err := cstav3.DecodeEventReport(m.Argument)
			if err != nil {
				c.bad <- pdu
				continue
			}
			c.events <- event{m.InvokeID, rep}
		case m.Type == cstav3.Invoke && m.Opcode == cstav3.OpSystemStatus:
			if c.autoStatus {
				out, _ := (&cstav3.Message{Type: cstav3.ReturnResult, InvokeID: m.InvokeID,
					Opcode: cstav3.OpSystemStatus, Argument: []byte{0x05, 0x00}}).Append(nil)
				c.sendQuiet(out)
			}
			c.status <- m
		default:
			c.answers <- m
		}
	}
}

func (c *client) sendQuiet(pdu []byte) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return cstav3.WriteFrame(c.conn, hipath.Framing, pdu)
}

func (c *client) send(pdu []byte) {
	c.t.Helper()
	if err := c.sendQuiet(pdu); err != nil {
		c.t.Fatal(err)
	}
}

// invoke sends a request and returns its invoke id.
func (c *client) invoke(arg cstav3.Argument) int64 {
	c.t.Helper()
	a, err := cstav3.AppendArgument(nil, arg)
	if err != nil {
		c.t.Fatal(err)
	}
	c.wmu.Lock()
	c.nextID++
	id := c.nextID
	c.wmu.Unlock()
	c.sendInvoke(id, arg.Opcode(), a)
	return id
}

func (c *client) sendInvoke(id int64, op cstav3.Opcode, arg []byte) {
	c.t.Helper()
	pdu, err := (&cstav3.Message{Type: cstav3.Invoke, InvokeID: id, Opcode: op, Argument: arg}).Append(nil)
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(pdu)
}

// answer waits for the answer to invoke id.
func (c *client) answer(id int64) cstav3.Message {
	c.t.Helper()
	m := recv(c, c.answers, "answer")
	if m.InvokeID != id {
		c.t.Fatalf("answer to %d while waiting for %d", m.InvokeID, id)
	}
	return m
}

// do sends a request and returns its result, or a *cstav3.Error or a
// *cstav3.RejectError.
func (c *client) do(arg cstav3.Argument) (cstav3.Result, error) {
	c.t.Helper()
	m := c.answer(c.invoke(arg))
	switch m.Type {
	case cstav3.ReturnResult:
		if m.Opcode != arg.Opcode() {
			c.t.Fatalf("result of %v for %v", m.Opcode, arg.Opcode())
		}
		res, err := cstav3.DecodeResult(m.Opcode, m.Argument)
		if err != nil {
			c.t.Fatalf("result of %v: %v", arg.Opcode(), err)
		}
		return res, nil
	case cstav3.ReturnError:
		e, err := cstav3.DecodeError(m.Argument)
		if err != nil || m.ErrorCode != cstav3.ErrorCodeUniversalFailure {
			c.t.Fatalf("error %d: %v", m.ErrorCode, err)
		}
		return nil, e
	}
	return nil, &cstav3.RejectError{Problem: m.Problem}
}

// must sends a request that must succeed.
func (c *client) must(arg cstav3.Argument) cstav3.Result {
	c.t.Helper()
	res, err := c.do(arg)
	if err != nil {
		c.t.Fatalf("%v: %v", arg.Opcode(), err)
	}
	return res
}

// fails sends a request that must fail with want.
func (c *client) fails(arg cstav3.Argument, want error) {
	c.t.Helper()
	_, err := c.do(arg)
	if wr, ok := want.(*cstav3.RejectError); ok {
		var re *cstav3.RejectError
		if errors.As(err, &re) && re.Problem == wr.Problem {
			return
		}
	} else if errors.Is(err, want) {
		return
	}
	c.t.Fatalf("%v: got %v, want %v", arg.Opcode(), err, want)
}

// monitor starts a HiPath monitor on a device.
func (c *client) monitor(dev string) cstav3.CrossRefID {
	c.t.Helper()
	res := c.must(hipath.MonitorStart(cstav3.Dialing(dev))).(*cstav3.MonitorStartResult)
	if len(res.CrossRefIdentifier) != 2 {
		c.t.Fatalf("cross-ref %x is not 2 bytes", res.CrossRefIdentifier)
	}
	return res.CrossRefIdentifier
}

// sync returns once every event the switch queued for this link before
// now is in c.events: the answer to a request follows them on the link.
func (c *client) sync() {
	c.t.Helper()
	c.must(&cstav3.SystemStatusArgument{SystemStatus: cstav3.SystemNormal})
}

// event waits for the next event report.
func (c *client) event() event {
	c.t.Helper()
	return recv(c, c.events, "event")
}

// want is one expected event: the monitor and the type.
type want struct {
	ref cstav3.CrossRefID
	typ cstav3.EventType
}

// expect reads the next events and checks their monitors and types, in
// order; it returns the events.
func (c *client) expect(ws ...want) []cstav3.Event {
	c.t.Helper()
	evs := make([]cstav3.Event, len(ws))
	for i, w := range ws {
		e := c.event()
		if got := e.rep.Event.Type(); got != w.typ || string(e.rep.CrossRef) != string(w.ref) {
			c.t.Fatalf("event %d: got %v for %v, want %v for %v", i, got, e.rep.CrossRef, w.typ, w.ref)
		}
		evs[i] = e.rep.Event
	}
	return evs
}

// quiet checks that no event arrives for a short while.
func (c *client) quiet() {
	c.t.Helper()
	select {
	case e := <-c.events:
		c.t.Fatalf("unexpected %v for %v", e.rep.Event.Type(), e.rep.CrossRef)
	case <-time.After(50 * time.Millisecond):
	}
}

// nextStatus waits for a SystemStatus invoke.
func (c *client) nextStatus() cstav3.Message {
	c.t.Helper()
	return recv(c, c.status, "SystemStatus")
}

// closed waits until the switch has closed the link.
func (c *client) closed() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(wait):
		c.t.Fatal("link not closed")
	}
}

// vector reads one of the shared reference PDUs in testdata/vectors.
func vector(t testing.TB, name string) []byte { return testutil.Vector(t, name) }

// start starts a server that is closed when the test ends.
func start(t testing.TB, cfg Config) *Server {
	t.Helper()
	s, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func cid(call cstav3.CallID, dev string) cstav3.ConnectionID {
	return cstav3.NewConnectionID(call, cstav3.Dialing(dev))
}

func uf(b cstav3.ErrorBranch, name string) *cstav3.Error { return cstav3.MustError(b, name) }

// credentials is the encoded HiPath authentication value of user and
// password, for an AARQ written by hand.
func credentials(user, password string) []byte {
	v, err := hipath.Credentials{User: user, Password: password}.AppendBinary(nil)
	if err != nil {
		panic(err)
	}
	return v
}
