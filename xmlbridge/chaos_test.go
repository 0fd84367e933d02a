package xmlbridge

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/internal/testutil"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// The bridge's chaos tests: its consumers across PBX link drops, and one
// stalled consumer among a hundred. Each prints its figures with t.Logf
// ("chaos: …"); RELIABILITY.md records them.

// nextStatus skips events until a SystemStatus document and checks it.
func nextStatus(t testing.TB, next func() frame, want string) {
	t.Helper()
	for {
		f := next()
		if _, ok := f.msg.XML.(*ecma323.SystemStatus); ok {
			expectStatus(t, f, want)
			return
		}
	}
}

// nextEvent skips documents until an event named name and returns it.
func nextEvent(t testing.TB, next func() frame, name string) frame {
	t.Helper()
	for {
		if f := next(); f.msg.Name == name {
			return f
		}
	}
}

// TestChaosBridgeLinkDrops: the PBX link drops every second (5 times; 60
// with -chaos.full or CSTAV3_CHAOS_FULL=1). Every time, each consumer (TCP
// header and NUL framing, an HTTP event stream) hears SystemStatus disabled
// then enabled, keeps its session and its monitors with the same
// cross-references, and gets the device's events again; across the run
// neither goroutines nor the live heap grow.
func TestChaosBridgeLinkDrops(t *testing.T) {
	cycles := 5
	if testutil.ChaosLong() {
		cycles = 60
	}
	const period = time.Second
	// The client's and the bridge's own account of a slow cycle.
	logs := &testutil.SyncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.Logger = logger }, client: []cstav3.Option{cstav3.WithLogger(logger)}})
	h := dialConsumer(t, e.header, framingHeader, nil)
	h.login()
	hx := h.monitor(2, "760")
	n := dialConsumer(t, e.nul, framingNUL, nil)
	n.login()
	nx := n.monitor(0, "760")
	sc := newSOAPClient(t, e.soapURL, nil)
	_, m, _ := sc.post(AppendSOAPEnvelope(nil, loginDoc(userECSS, passECSS, 300)))
	sc.session = m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	if _, m, raw := sc.post(AppendSOAPEnvelope(nil, []byte(`<MonitorStart xmlns="`+nsEd3+
		`"><monitorObject><deviceObject>760</deviceObject></monitorObject></MonitorStart>`))); m == nil || m.Name != "MonitorStartResponse" {
		t.Fatalf("HTTP MonitorStart: %s", raw)
	}
	sx := ""
	stream := sc.stream()
	consumers := []struct {
		name string
		next func() frame
		xref *string
	}{
		{"header", h.event, &hx},
		{"NUL", n.event, &nx},
		{"HTTP", func() frame { return nextDoc(t, stream) }, &sx},
	}
	// A first call tells the HTTP session's cross-reference.
	call := func(cycle int) {
		t.Helper()
		if _, err := e.sim.Dial("760", "761"); err != nil {
			t.Fatal(err)
		}
		for _, c := range consumers {
			f := nextEvent(t, c.next, "ServiceInitiatedEvent")
			if *c.xref == "" {
				*c.xref = xrefOf(f.msg.XML)
			}
			if x := xrefOf(f.msg.XML); x != *c.xref {
				t.Fatalf("cycle %d: %s consumer's event has cross-reference %s, want %s", cycle, c.name, x, *c.xref)
			}
		}
		if err := e.sim.Hangup("760"); err != nil {
			t.Fatal(err)
		}
	}
	call(-1)
	ups := make(chan time.Time, 4)
	defer e.client.NotifyLinkState(func(ev cstav3.LinkEvent) {
		if ev.State == cstav3.LinkUp {
			ups <- ev.Time
		}
	})()
	st0 := e.srv.Stats()
	heap0, gr0 := testutil.HeapAndGoroutines()
	var seen, linkUp []time.Duration
	next := time.Now()
	for i := range cycles {
		drop := time.Now()
		e.sim.DropLinks()
		for _, c := range consumers {
			nextStatus(t, c.next, "disabled")
			nextStatus(t, c.next, "enabled")
			d := time.Since(drop)
			seen = append(seen, d)
			if d > time.Second {
				t.Logf("cycle %d: %s consumer told after %v; log:\n%s", i, c.name, d, logs.Tail(4096))
			}
		}
		select {
		case up := <-ups:
			linkUp = append(linkUp, up.Sub(drop))
		case <-time.After(waitLong):
			t.Fatalf("cycle %d: no LinkUp", i)
		}
		if st := e.srv.Stats(); st.Sessions != st0.Sessions || st.ConsumerMonitors != st0.ConsumerMonitors || st.PBXMonitors != 1 {
			t.Fatalf("cycle %d: stats %+v, before %+v", i, st, st0)
		}
		call(i)
		next = next.Add(period)
		if w := time.Until(next); w > 0 {
			<-time.After(w) // the schedule of the drops, not a wait for an event
		}
	}
	heap1, gr1 := testutil.HeapAndGoroutines()
	st := e.srv.Stats()
	t.Logf("chaos: bridge link drops: %d cycles, 3 consumers; PBX link and monitors back after p50 %v max %v; "+
		"enabled seen by the consumers after p50 %v max %v; sessions %d monitors %d kept; "+
		"status documents %d; heap %d KiB -> %d KiB; goroutines %d -> %d",
		cycles, testutil.Percentile(linkUp, 50).Round(time.Millisecond), testutil.Percentile(linkUp, 100).Round(time.Millisecond),
		testutil.Percentile(seen, 50).Round(time.Millisecond), testutil.Percentile(seen, 100).Round(time.Millisecond),
		st.Sessions, st.ConsumerMonitors, st.StatusEvents-st0.StatusEvents, heap0>>10, heap1>>10, gr0, gr1)
	if got, want := st.StatusEvents-st0.StatusEvents, uint64(6*cycles); got != want {
		t.Errorf("status documents %d, want %d", got, want)
	}
	if gr1 > gr0 {
		t.Errorf("goroutines grew from %d to %d", gr0, gr1)
	}
	if heap1 > heap0+4<<20 {
		t.Errorf("live heap grew from %d to %d bytes", heap0, heap1)
	}
	// The client-level test holds recovery to a second; this bound only
	// catches a consumer left uninformed, with room for a loaded CI machine.
	if max := testutil.Percentile(seen, 100); max > 5*time.Second {
		t.Errorf("consumers told of the recovery after %v", max)
	}
}

// latencyConsumer is a header-framing consumer that only counts events and
// notes when each batch of them is complete.
type latencyConsumer struct {
	conn    net.Conn
	batches chan time.Time
	done    chan struct{}
}

func newLatencyConsumer(t *testing.T, addr, device string, batch, batches int) *latencyConsumer {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c := &latencyConsumer{conn: conn, batches: make(chan time.Time, batches), done: make(chan struct{})}
	hr := framing.NewHeaderReader(bufio.NewReaderSize(conn, 64<<10), framing.HeaderOptions{})
	rawLoginMonitor(t, conn, hr, device, 300)
	_ = conn.SetReadDeadline(time.Time{})
	go func() {
		defer close(c.done)
		n := 0
		for {
			id, _, err := hr.ReadMessage()
			if err != nil {
				return
			}
			if id != framing.EventInvokeID {
				continue
			}
			if n++; n%batch == 0 {
				select {
				case c.batches <- time.Now():
				default:
				}
			}
		}
	}()
	t.Cleanup(func() {
		conn.Close()
		<-c.done
	})
	return c
}

// TestChaosStalledConsumerP99: 99 consumers watch one device while the PBX
// sends it batches of events; the time from a batch leaving the simulator
// to each consumer having all of it is measured, first alone, then with a
// hundredth consumer that stops reading. Under the SlowDropEvents policy
// the staller stays connected and loses events; the others' p99 stays
// within a generous bound of what it was without it.
func TestChaosStalledConsumerP99(t *testing.T) {
	const (
		fast    = 99
		batch   = 100
		batches = 20
		device  = "765"
	)
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.QueueLength, c.SlowConsumer, c.WriteTimeout = 256, SlowDropEvents, time.Minute
	}})
	cs := make([]*latencyConsumer, fast)
	for i := range cs {
		cs[i] = newLatencyConsumer(t, e.header, device, batch, 4)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// run sends n batches, each once the last is everywhere, or until stop
	// holds, and returns the latencies.
	run := func(phase string, n int, stop func() bool) []time.Duration {
		var lat []time.Duration
		for b := 0; b < n && !stop(); b++ {
			start := time.Now()
			if err := e.sim.Flood(ctx, device, batch); err != nil {
				t.Fatal(err)
			}
			for i, c := range cs {
				select {
				case got := <-c.batches:
					lat = append(lat, got.Sub(start))
				case <-c.done:
					t.Fatalf("%s: consumer %d disconnected", phase, i)
				case <-time.After(waitLong):
					t.Fatalf("%s: consumer %d did not get batch %d", phase, i, b)
				}
			}
		}
		return lat
	}
	never := func() bool { return false }
	run("warm-up", 5, never)
	base := run("alone", batches, never)
	rawConsumer(t, e.header, device) // logs in, monitors, never reads again
	// Until its socket buffers and its queue are full and it loses events.
	run("stalling", 1000, func() bool { return e.srv.Stats().EventsDropped > 0 })
	stalled := run("with a stalled consumer", batches, never)
	st := e.srv.Stats()
	if st.EventsDropped < batches*batch/2 || st.Consumers != fast+1 {
		t.Fatalf("the staller did not stall, or was dropped: %+v", st)
	}
	if d := e.client.Stats().EventsDropped; d != 0 {
		t.Fatalf("the PBX client dropped %d events", d)
	}
	p50a, p99a := testutil.Percentile(base, 50), testutil.Percentile(base, 99)
	p50b, p99b := testutil.Percentile(stalled, 50), testutil.Percentile(stalled, 99)
	t.Logf("chaos: stalled consumer: %d consumers × %d batches of %d events; batch latency alone p50 %v p99 %v; "+
		"with a stalled consumer p50 %v p99 %v; events dropped for the staller %d",
		fast, batches, batch, p50a.Round(time.Microsecond), p99a.Round(time.Microsecond),
		p50b.Round(time.Microsecond), p99b.Round(time.Microsecond), st.EventsDropped)
	if bound := 3*p99a + 250*time.Millisecond; p99b > bound {
		t.Errorf("p99 with a stalled consumer %v, over %v", p99b, bound)
	}
}
