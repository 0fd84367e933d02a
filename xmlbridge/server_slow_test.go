package xmlbridge

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// rawConsumer logs in and monitors device on the header framing, reading
// only the two replies, and then never reads again.
func rawConsumer(t *testing.T, addr, device string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	// A small receive buffer fills sooner.
	_ = conn.(*net.TCPConn).SetReadBuffer(4096)
	hr := framing.NewHeaderReader(conn, framing.HeaderOptions{})
	rawLoginMonitor(t, conn, hr, device, 60)
	return conn
}

// TestSlowConsumer: a consumer that stops reading is disconnected once its
// queue overflows; the other consumer of the same device gets every event
// and the PBX link drops nothing.
func TestSlowConsumer(t *testing.T) {
	const n = 20000
	e := newEnv(t, envOpts{client: []cstav3.Option{cstav3.WithEventQueue(1 << 16)}})
	fast := dialConsumer(t, e.header, framingHeader, nil)
	fast.login()
	xref := fast.monitor(2, "750")
	rawConsumer(t, e.header, "750")

	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	// In batches that the reading consumer takes in before the next: it
	// keeps up, while the one that never reads falls behind by them all.
	const batch = 500
	for i := 0; i < n; {
		if err := e.sim.Flood(ctx, "750", batch); err != nil {
			t.Fatal(err)
		}
		for end := i + batch; i < end; i++ {
			select {
			case f := <-fast.events:
				if f.invokeID != framing.EventInvokeID {
					t.Fatalf("event %d with invoke id %04d", i, f.invokeID)
				}
			case <-fast.done:
				t.Fatalf("the reading consumer was disconnected after %d events: %v", i, fast.readErr)
			case <-time.After(waitLong):
				t.Fatalf("the reading consumer got %d of %d events", i, n)
			}
		}
	}
	waitUntil(t, "slow consumer dropped", func() bool { return e.srv.Stats().ConsumersDropped == 1 })
	waitUntil(t, "slow consumer gone", func() bool { return e.srv.Stats().Consumers == 1 })
	if d := e.client.Stats().EventsDropped; d != 0 {
		t.Fatalf("the PBX client dropped %d events", d)
	}
	// The survivor's monitor and the PBX monitor are intact.
	if _, err := e.sim.Dial("750", "751"); err != nil {
		t.Fatal(err)
	}
	if f := fast.expectEvent("ServiceInitiatedEvent"); xrefOf(f.msg.XML) != xref {
		t.Fatalf("survivor: %s", f.doc)
	}
	if st := e.srv.Stats(); st.PBXMonitors != 1 || st.ConsumerMonitors != 1 || st.EventsOut < n || st.DroppedQueueFull != 1 {
		t.Fatalf("stats %+v", st)
	}
}

// TestSlowConsumerDropEvents: under SlowDropEvents, a consumer that does
// not read loses events but stays until a write times out.
func TestSlowConsumerDropEvents(t *testing.T) {
	const n = 20000
	e := newEnv(t, envOpts{
		cfg: func(c *Config) {
			c.QueueLength, c.SlowConsumer, c.WriteTimeout = 256, SlowDropEvents, 200*time.Millisecond
		},
		client: []cstav3.Option{cstav3.WithEventQueue(1 << 16)},
	})
	rawConsumer(t, e.header, "752")
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	// The queue overflows first; the writer times out only once the
	// socket buffers are full, however many events were dropped on the way.
	for e.srv.Stats().ConsumersDropped == 0 {
		if err := e.sim.Flood(ctx, "752", n); err != nil {
			t.Fatal(err)
		}
		if e.srv.Stats().EventsDropped == 0 {
			continue
		}
		select {
		case <-ctx.Done():
			t.Fatal("slow consumer never dropped")
		default:
		}
	}
	waitUntil(t, "PBX monitor stopped", func() bool { return e.srv.Stats().PBXMonitors == 0 })
	if st := e.srv.Stats(); st.EventsDropped == 0 || st.DroppedWriteTimeout != 1 || st.DroppedQueueFull != 0 {
		t.Fatalf("stats %+v", st)
	}
}

// TestSlowHTTPConsumer: an HTTP session whose events nobody streams keeps
// the newest HTTPBufferedEvents and stays open, its monitor running; a
// stream opened later gets those, then the live events.
func TestSlowHTTPConsumer(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.QueueLength, c.HTTPBufferedEvents = 64, 16 }})
	sc := newSOAPClient(t, e.soapURL, nil)
	_, m, _ := sc.post(AppendSOAPEnvelope(nil, loginDoc(userECSS, passECSS, 60)))
	sc.session = m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	if status, _, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-monitor-start"))); status != http.StatusOK {
		t.Fatalf("MonitorStart: %d %s", status, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	if err := e.sim.Flood(ctx, "725", 65); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "events buffered", func() bool { return e.srv.Stats().EventsOut == 65 })
	st := e.srv.Stats()
	if st.ConsumersDropped != 0 || st.HTTPBufferDrops != 65-16 || st.Sessions != 1 || st.PBXMonitors != 1 {
		t.Fatalf("stats %+v", st)
	}
	events := sc.stream()
	for range 16 {
		if f := nextDoc(t, events); f.msg.Name != "DeliveredEvent" {
			t.Fatalf("buffered: %s", f.doc)
		}
	}
	if _, err := e.sim.Dial("724", "725"); err != nil {
		t.Fatal(err)
	}
	// The flood's events come from 200; the next one is the call's.
	if f := nextDoc(t, events); !bytes.Contains(f.doc, []byte(">724<")) {
		t.Fatalf("more than the buffer held: %s", f.doc)
	}
	if st := e.srv.Stats(); st.HTTPBufferDrops != 65-16 || st.ConsumersDropped != 0 {
		t.Fatalf("stats %+v", st)
	}
}
