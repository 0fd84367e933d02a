package cstav3_test

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/internal/testutil"
)

// The chaos tests: what a link that runs for months meets (the switch
// restarting, hanging, losing its state, flooding a slow application), on
// the real client and simulator over loopback. Each prints its figures with
// t.Logf ("chaos: …"); RELIABILITY.md records them.

// monitorAll monitors every extension of the simulator's default range,
// counting events in n.
func monitorAll(t *testing.T, c *cstav3.Client, n *atomic.Int64) []*cstav3.Monitor {
	t.Helper()
	var ms []*cstav3.Monitor
	for d := hipathsim.DefaultFirstDevice; d <= hipathsim.DefaultLastDevice; d++ {
		m, err := c.Monitor(ctxT(t), cstav3.Dialing(strconv.Itoa(d)), cstav3.MonitorConfig{
			OnEvent: func(cstav3.Event) { n.Add(1) },
		})
		if err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return ms
}

// waitCount waits until n exceeds from.
func waitCount(t *testing.T, n *atomic.Int64, from int64, what string) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for n.Load() <= from {
		if time.Now().After(deadline) {
			t.Fatalf("%s: nothing after %d", what, from)
		}
		runtimeGosched()
	}
}

// TestChaosLinkDrops: under about 1,000 events/s, the switch resets the
// link every second (5 times; 60 with -chaos.full or CSTAV3_CHAOS_FULL=1).
// Every time a request in flight fails with ErrLinkDown, the client
// re-associates with its default backoff and has all 100 monitors back
// within a second, events flow again, and across the run neither
// goroutines nor the live heap grow.
func TestChaosLinkDrops(t *testing.T) {
	cycles := 5
	if testutil.ChaosLong() {
		cycles = 60
	}
	const period = time.Second
	sim := startSim(t, hipathsim.Config{})
	// The default backoff: 100 ms, doubling, ±50 %; links that lived half
	// a period count as healthy, so that each drop starts the backoff
	// afresh (by default a link must live 30 s, and a switch dropping it
	// every second is dialled ever more slowly: TestReconnectStormBackoffGrows).
	c := dial(t, sim, cstav3.WithHealthyLink(period/2))
	var events atomic.Int64
	ms := monitorAll(t, c, &events)
	states := c.LinkStates()
	<-states // the initial LinkUp

	// About 85 calls/s of the four kinds, 12 events each on average on the
	// monitored extensions: some 1,000 events/s.
	stop := sim.StartTraffic(context.Background(), hipathsim.TrafficConfig{
		Rate: 85, Answered: 3, Unanswered: 1, Transferred: 1, Conferenced: 1,
		HoldTime: 200 * time.Millisecond, Seed: 7})
	defer stop()
	waitCount(t, &events, 0, "traffic")

	heap0, gr0 := testutil.HeapAndGoroutines()
	ev0, t0 := events.Load(), time.Now()
	var recovery, failAfter []time.Duration
	next := time.Now()
	for i := range cycles {
		// A request the switch holds on to is in flight when the link drops.
		sim.SetDelay(time.Minute)
		errc := make(chan error, 1)
		go func() {
			_, err := c.SnapshotDevice(context.Background(), cstav3.Dialing("100"))
			errc <- err
		}()
		waitUntil(t, func() bool { return c.Stats().InFlight > 0 })

		drop := time.Now()
		sim.DropLinks()
		sim.SetDelay(0)
		select {
		case err := <-errc:
			if !errors.Is(err, cstav3.ErrLinkDown) {
				t.Fatalf("cycle %d: in-flight request: %v", i, err)
			}
			failAfter = append(failAfter, time.Since(drop))
		case <-time.After(waitLong):
			t.Fatalf("cycle %d: in-flight request did not fail", i)
		}
		expectState(t, states, cstav3.LinkDown)
		up := expectState(t, states, cstav3.LinkUp)
		// LinkUp is reported once every monitor has been started again.
		d := up.Time.Sub(drop)
		recovery = append(recovery, d)
		for _, m := range ms {
			if m.CrossRef() == nil || m.Err() != nil {
				t.Fatalf("cycle %d: monitor of %v not back: %v", i, m.Device(), m.Err())
			}
		}
		if d > time.Second {
			t.Errorf("cycle %d: monitors back after %v", i, d)
		}
		waitCount(t, &events, events.Load(), "events after reconnection")

		next = next.Add(period)
		if w := time.Until(next); w > 0 {
			<-time.After(w) // the schedule of the drops, not a wait for an event
		}
	}
	rate := float64(events.Load()-ev0) / time.Since(t0).Seconds()
	stop()
	heap1, gr1 := testutil.HeapAndGoroutines()
	st := c.Stats()
	t.Logf("chaos: link drops: %d cycles of %v at %.0f events/s; monitors back p50 %v max %v; in-flight failed within max %v; "+
		"reconnects %d; heap %d KiB -> %d KiB; goroutines %d -> %d",
		cycles, period, rate, testutil.Percentile(recovery, 50).Round(time.Millisecond), testutil.Percentile(recovery, 100).Round(time.Millisecond),
		testutil.Percentile(failAfter, 100).Round(time.Microsecond), st.Reconnects, heap0>>10, heap1>>10, gr0, gr1)
	if st.Reconnects != uint64(cycles) {
		t.Errorf("reconnects %d, want %d", st.Reconnects, cycles)
	}
	// The traffic generator stopped meanwhile: one goroutine fewer.
	if gr1 > gr0 {
		t.Errorf("goroutines grew from %d to %d", gr0, gr1)
	}
	if heap1 > heap0+4<<20 {
		t.Errorf("live heap grew from %d to %d bytes", heap0, heap1)
	}
	if rate < 500 {
		t.Errorf("only %.0f events/s", rate)
	}
}

// TestChaosSilentPBX: the switch stops answering but keeps the socket open.
// With supervision at interval × misses, the link is declared dead within
// (misses+1) intervals (the last frame may come just after a tick), not
// before misses-1 less half of one (the answer to the heartbeat sent just
// before the silence is lost too); a request in flight fails with
// ErrLinkDown; while the
// switch stays silent the re-associations time out; once it answers again
// the link and every monitor are back.
func TestChaosSilentPBX(t *testing.T) {
	const (
		iv     = 100 * time.Millisecond
		misses = 3
		rounds = 3
	)
	sim := startSim(t, hipathsim.Config{StatusInterval: 0}) // the switch sends no heartbeat of its own
	c := dial(t, sim, cstav3.WithHeartbeat(iv, misses), cstav3.WithReconnect(20*time.Millisecond, 100*time.Millisecond),
		cstav3.WithTimeouts(300*time.Millisecond, time.Second, time.Second))
	var events atomic.Int64
	ms := monitorAll(t, c, &events)
	states := c.LinkStates()
	<-states

	// An idle link is kept: the client's own SystemStatus is answered.
	base := sim.Stats().Requests[cstav3.OpSystemStatus]
	waitUntil(t, func() bool { return sim.Stats().Requests[cstav3.OpSystemStatus] >= base+misses+1 })
	if st := c.Stats(); st.HeartbeatFailures != 0 || c.State() != cstav3.LinkUp {
		t.Fatalf("idle link declared dead: %+v", st)
	}

	var detect, recovery []time.Duration
	for i := range rounds {
		silentAt := time.Now()
		sim.SetSilent(true)
		errc := make(chan error, 1)
		go func() {
			_, err := c.SnapshotDevice(context.Background(), cstav3.Dialing("100"))
			errc <- err
		}()
		down := expectState(t, states, cstav3.LinkDown)
		d := down.Time.Sub(silentAt)
		detect = append(detect, d)
		if !errors.Is(down.Err, cstav3.ErrLinkDown) {
			t.Fatalf("round %d: down because %v", i, down.Err)
		}
		if d < (misses-1)*iv-iv/2 || d > (misses+1)*iv+250*time.Millisecond {
			t.Errorf("round %d: silent switch found after %v (interval %v × %d)", i, d, iv, misses)
		}
		select {
		case err := <-errc:
			if !errors.Is(err, cstav3.ErrLinkDown) {
				t.Fatalf("round %d: request to the silent switch: %v", i, err)
			}
		case <-time.After(waitLong):
			t.Fatalf("round %d: request to the silent switch did not fail", i)
		}
		// The hung switch accepts connections but never associates.
		accepted := sim.Stats().LinksAccepted
		waitUntil(t, func() bool { return sim.Stats().LinksAccepted >= accepted+1 })
		if c.State() != cstav3.LinkDown {
			t.Fatalf("round %d: associated with a silent switch", i)
		}

		back := time.Now()
		sim.SetSilent(false)
		up := expectState(t, states, cstav3.LinkUp)
		recovery = append(recovery, up.Time.Sub(back))
		for _, m := range ms {
			if m.CrossRef() == nil {
				t.Fatalf("round %d: monitor of %v not back", i, m.Device())
			}
		}
		if _, err := sim.Dial("150", "151"); err != nil {
			t.Fatal(err)
		}
		waitCount(t, &events, events.Load(), "events after recovery")
		if err := sim.Hangup("150"); err != nil {
			t.Fatal(err)
		}
	}
	if n := c.Stats().HeartbeatFailures; n != rounds {
		t.Errorf("heartbeat failures %d, want %d", n, rounds)
	}
	t.Logf("chaos: silent PBX: heartbeat %v × %d; detected after p50 %v max %v; back after the switch answered again p50 %v max %v",
		iv, misses, testutil.Percentile(detect, 50).Round(time.Millisecond), testutil.Percentile(detect, 100).Round(time.Millisecond),
		testutil.Percentile(recovery, 50).Round(time.Millisecond), testutil.Percentile(recovery, 100).Round(time.Millisecond))
}

// TestChaosRestartStateLoss: the switch comes back from a restart without
// an extension configured: that monitor's re-start is refused and reported
// (OnError, Monitor.Err, with the switch's CSTA error) while the others
// work; the client keeps trying, and the next reconnection after the
// extension is back restores it in any case.
// Then the switch loses its monitor table with the link up: stopping a
// monitor it no longer knows reports invalidCrossRefID and still frees it
// locally, and monitoring again works.
func TestChaosRestartStateLoss(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim, cstav3.WithReconnect(5*time.Millisecond, 50*time.Millisecond))
	ctx := ctxT(t)
	errs := make(chan error, 4)
	lost, kept := newRecorder(), newRecorder()
	cfg := lost.config()
	cfg.OnError = func(err error) { errs <- err }
	mLost, err := c.Monitor(ctx, cstav3.Dialing("105"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	mKept, err := c.Monitor(ctx, cstav3.Dialing("106"), kept.config())
	if err != nil {
		t.Fatal(err)
	}
	states := c.LinkStates()
	<-states
	isCSTA := func(err error, name string) bool {
		var ce *cstav3.Error
		return errors.As(err, &ce) && ce.Name() == name
	}

	if err := sim.SetOutOfService(true, "105"); err != nil {
		t.Fatal(err)
	}
	sim.DropLinks()
	expectState(t, states, cstav3.LinkDown)
	expectState(t, states, cstav3.LinkUp)
	select {
	case err := <-errs:
		if !isCSTA(err, "invalidMonitorObject") {
			t.Fatalf("OnError: %v", err)
		}
	case <-time.After(waitLong):
		t.Fatal("refused re-start not reported")
	}
	if !isCSTA(mLost.Err(), "invalidMonitorObject") || mLost.CrossRef() != nil {
		t.Fatalf("refused monitor: err %v, cross-ref %v", mLost.Err(), mLost.CrossRef())
	}
	if mKept.CrossRef() == nil || mKept.Err() != nil {
		t.Fatalf("other monitor: %v", mKept.Err())
	}
	if _, err := sim.Dial("106", "107"); err != nil {
		t.Fatal(err)
	}
	kept.waitFor(t, cstav3.EventOriginated)

	if err := sim.SetOutOfService(false, "105"); err != nil {
		t.Fatal(err)
	}
	sim.DropLinks()
	expectState(t, states, cstav3.LinkDown)
	expectState(t, states, cstav3.LinkUp)
	if mLost.Err() != nil || mLost.CrossRef() == nil {
		t.Fatalf("monitor not restored: %v", mLost.Err())
	}
	if _, err := sim.Dial("105", "108"); err != nil {
		t.Fatal(err)
	}
	lost.waitFor(t, cstav3.EventOriginated)

	// The monitor table is lost, the link stays.
	sim.ForgetMonitors()
	if err := mKept.Stop(ctx); !isCSTA(err, "invalidCrossRefID") {
		t.Fatalf("Stop of a forgotten monitor: %v", err)
	}
	if err := mKept.Stop(ctx); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	again := newRecorder()
	if _, err := c.Monitor(ctx, cstav3.Dialing("106"), again.config()); err != nil {
		t.Fatal(err)
	}
	if err := sim.Hangup("107"); err != nil {
		t.Fatal(err)
	}
	again.waitFor(t, cstav3.EventConnectionCleared)
}

// TestChaosOverloadBounded: the switch floods a monitor whose callback is
// stuck. The policy is the bounded event queue (WithEventQueue, 8192 by
// default): the socket reader never waits, the surplus is dropped and
// counted exactly, requests are still answered, and the live heap grows by
// the queue's worth, not by the flood's.
func TestChaosOverloadBounded(t *testing.T) {
	n := 40000
	if testutil.ChaosLong() {
		n = 400000
	}
	const queue = 8192 // the default
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	ctx := ctxT(t)
	release := make(chan struct{})
	var handled atomic.Int64
	if _, err := c.Monitor(ctx, cstav3.Dialing("120"), cstav3.MonitorConfig{
		OnEvent: func(cstav3.Event) { <-release; handled.Add(1) },
	}); err != nil {
		t.Fatal(err)
	}
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	heap0, _ := testutil.HeapAndGoroutines()
	start := time.Now()
	fctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := sim.Flood(fctx, "120", n); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { return c.Stats().EventsReceived == uint64(n) })
	elapsed := time.Since(start)
	heap1, _ := testutil.HeapAndGoroutines()
	st := c.Stats()
	// One event is in the stuck callback, queue wait, the rest are dropped.
	if want := uint64(n - 1 - queue); st.EventsDropped != want {
		t.Errorf("dropped %d, want %d", st.EventsDropped, want)
	}
	if err := c.SystemStatus(ctxT(t), cstav3.SystemNormal); err != nil {
		t.Fatalf("request during the flood: %v", err)
	}
	grown := int64(heap1) - int64(heap0)
	const bound = 32 << 20
	if grown > bound {
		t.Errorf("live heap grew by %d bytes holding %d queued events", grown, queue)
	}
	close(release)
	released = true
	waitUntil(t, func() bool { return handled.Load() == int64(queue+1) })
	if c.State() != cstav3.LinkUp || sim.Stats().QueueOverflows != 0 {
		t.Fatalf("link lost during the flood: %+v", sim.Stats())
	}
	t.Logf("chaos: overload: %d events in %v (%.0f/s) to a stuck callback; queue %d; dropped %d; live heap +%d KiB (bound %d KiB)",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), queue, st.EventsDropped, grown>>10, bound>>10)
}
