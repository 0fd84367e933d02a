package cstav3_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"go.uber.org/goleak"
)

// These tests run the real client against the simulator over TCP on
// 127.0.0.1. They wait for events with channels and deadlines, never sleeps.

const waitLong = 5 * time.Second

func startSim(t *testing.T, cfg hipathsim.Config) *hipathsim.Server {
	t.Helper()
	sim, err := hipathsim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

func dial(t *testing.T, sim *hipathsim.Server, opts ...cstav3.Option) *cstav3.Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	c, err := hipath.Dial(ctx, sim.Addr(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	t.Cleanup(cancel)
	return ctx
}

// recorder collects a monitor's events on a channel.
type recorder struct{ ch chan cstav3.Event }

func newRecorder() *recorder { return &recorder{ch: make(chan cstav3.Event, 1024)} }

func (r *recorder) config() cstav3.MonitorConfig {
	return cstav3.MonitorConfig{OnEvent: func(ev cstav3.Event) { r.ch <- ev }}
}

// next waits for the next event of type want, failing on a timeout; events
// of other types before it are returned too, for inspection.
func (r *recorder) waitFor(t *testing.T, want cstav3.EventType) cstav3.Event {
	t.Helper()
	deadline := time.After(waitLong)
	for {
		select {
		case ev := <-r.ch:
			if ev.Type() == want {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %v event", want)
			return nil
		}
	}
}

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestAssociation(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	if c.State() != cstav3.LinkUp {
		t.Fatalf("state %v", c.State())
	}
	if err := c.SystemStatus(ctxT(t), cstav3.SystemNormal); err != nil {
		t.Fatalf("SystemStatus: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if c.State() != cstav3.LinkClosed {
		t.Fatalf("state after Close %v", c.State())
	}
	if _, err := c.MakeCall(ctxT(t), cstav3.Dialing("100"), cstav3.Dialing("101")); !errors.Is(err, cstav3.ErrLinkDown) {
		t.Fatalf("request after Close: %v", err)
	}
}

func TestBadPassword(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	_, err := hipath.Dial(ctxT(t), sim.Addr(), hipath.WithAuth("AMHOST", "wrong"))
	if !errors.Is(err, cstav3.ErrAuthFailed) {
		t.Fatalf("err = %v, want ErrAuthFailed", err)
	}
	var ae *cstav3.AssociationError
	if !errors.As(err, &ae) || ae.Diagnostic.Value != cstav3.DiagnosticAuthenticationFailure {
		t.Fatalf("err = %#v", err)
	}
}

func TestDialRefused(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	addr := sim.Addr()
	sim.Close()
	if _, err := hipath.Dial(ctxT(t), addr); err == nil {
		t.Fatal("dial to a closed port succeeded")
	}
}

func TestSwitchSystemStatusAnswered(t *testing.T) {
	sim := startSim(t, hipathsim.Config{StatusInterval: 20 * time.Millisecond})
	c := dial(t, sim)
	// The simulator would drop a link that leaves two SystemStatus requests
	// unanswered; wait until several were answered.
	deadline := time.Now().Add(waitLong)
	for c.Stats().StatusAnswered < 5 {
		if time.Now().After(deadline) {
			t.Fatalf("answered %d", c.Stats().StatusAnswered)
		}
		runtimeGosched()
	}
	if c.State() != cstav3.LinkUp || sim.Links() != 1 {
		t.Fatalf("state %v, links %d", c.State(), sim.Links())
	}
}

func TestCallFlow(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	ctx := ctxT(t)
	a, b := newRecorder(), newRecorder()
	delivered := make(chan *cstav3.DeliveredEvent, 8)
	established := make(chan *cstav3.EstablishedEvent, 8)
	cleared := make(chan *cstav3.ConnectionClearedEvent, 8)
	cfgB := b.config()
	cfgB.OnDelivered = func(ev *cstav3.DeliveredEvent) { delivered <- ev }
	cfgB.OnEstablished = func(ev *cstav3.EstablishedEvent) { established <- ev }
	cfgB.OnConnectionCleared = func(ev *cstav3.ConnectionClearedEvent) { cleared <- ev }
	ma, err := c.Monitor(ctx, cstav3.Dialing("100"), a.config())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Monitor(ctx, cstav3.Dialing("101"), cfgB); err != nil {
		t.Fatal(err)
	}
	if len(ma.CrossRef()) != 2 {
		t.Fatalf("cross-ref %x", ma.CrossRef())
	}

	res, err := c.MakeCall(ctx, cstav3.Dialing("100"), cstav3.Dialing("101"))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.CallingDevice.Call) != 2 || res.CallingDevice.Device.Number != "100" {
		t.Fatalf("MakeCall result %+v", res.CallingDevice)
	}
	a.waitFor(t, cstav3.EventOriginated)
	var dev *cstav3.DeliveredEvent
	select {
	case dev = <-delivered:
	case <-time.After(waitLong):
		t.Fatal("no Delivered callback")
	}
	if dev.CallingDevice.Number != "100" || dev.AlertingDevice.Number != "101" ||
		string(dev.Connection.Call) != string(res.CallingDevice.Call) || dev.Cause != cstav3.CauseNewCall ||
		!dev.HasLocalConnectionInfo || dev.LocalConnectionInfo != cstav3.StateAlerting {
		t.Fatalf("delivered %+v", dev)
	}
	if _, err := c.Time(dev.Extensions.Timestamp); err != nil {
		t.Fatalf("timestamp %q: %v", dev.Extensions.Timestamp, err)
	}
	a.waitFor(t, cstav3.EventDelivered)

	// Answer at 101 with its connection from the Delivered event.
	if err := c.AnswerCall(ctx, dev.Connection); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-established:
		if ev.AnsweringDevice.Number != "101" {
			t.Fatalf("established %+v", ev)
		}
	case <-time.After(waitLong):
		t.Fatal("no Established callback")
	}

	snap, err := c.SnapshotDevice(ctx, cstav3.Dialing("100"))
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.SnapshotData) != 1 {
		t.Fatalf("snapshot %+v", snap.SnapshotData)
	}

	if err := c.HoldCall(ctx, res.CallingDevice); err != nil {
		t.Fatal(err)
	}
	a.waitFor(t, cstav3.EventHeld)
	if err := c.HoldCall(ctx, res.CallingDevice); err == nil {
		t.Fatal("holding a held call succeeded")
	} else {
		var ce *cstav3.Error
		if !errors.As(err, &ce) {
			t.Fatalf("hold twice: %v", err)
		}
	}
	if err := c.RetrieveCall(ctx, res.CallingDevice); err != nil {
		t.Fatal(err)
	}
	a.waitFor(t, cstav3.EventRetrieved)

	if err := c.ClearConnection(ctx, res.CallingDevice); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-cleared:
		if ev.Cause != cstav3.CauseNormalClearing {
			t.Fatalf("cleared %+v", ev)
		}
	case <-time.After(waitLong):
		t.Fatal("no ConnectionCleared callback")
	}
}

func TestTransferAndConference(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	ctx := ctxT(t)
	transferred := make(chan *cstav3.TransferredEvent, 8)
	r := newRecorder()
	cfg := r.config()
	cfg.OnTransferred = func(ev *cstav3.TransferredEvent) { transferred <- ev }
	if _, err := c.Monitor(ctx, cstav3.Dialing("102"), cfg); err != nil {
		t.Fatal(err)
	}
	// 100 calls 101, who answers; 100 consults 102, who answers; 100
	// transfers: 101 and 102 are connected.
	call1, err := c.MakeCall(ctx, cstav3.Dialing("100"), cstav3.Dialing("101"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Answer("101"); err != nil {
		t.Fatal(err)
	}
	cons, err := c.ConsultationCall(ctx, call1.CallingDevice, cstav3.Dialing("102"))
	if err != nil {
		t.Fatal(err)
	}
	r.waitFor(t, cstav3.EventDelivered)
	if err := sim.Answer("102"); err != nil {
		t.Fatal(err)
	}
	r.waitFor(t, cstav3.EventEstablished)
	if _, err := c.TransferCall(ctx, call1.CallingDevice, cons.InitiatedCall); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-transferred:
		if ev.TransferringDevice.Number != "100" {
			t.Fatalf("transferred %+v", ev)
		}
	case <-time.After(waitLong):
		t.Fatal("no Transferred callback")
	}

	// 103 calls 104, consults 105, conferences.
	call2, err := c.MakeCall(ctx, cstav3.Dialing("103"), cstav3.Dialing("104"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Answer("104"); err != nil {
		t.Fatal(err)
	}
	cons2, err := c.ConsultationCall(ctx, call2.CallingDevice, cstav3.Dialing("105"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Answer("105"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ConferenceCall(ctx, call2.CallingDevice, cons2.InitiatedCall); err != nil {
		t.Fatal(err)
	}
	if err := c.ClearCall(ctx, call2.CallingDevice); err != nil {
		t.Fatal(err)
	}
}

func TestServicesAndErrors(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	ctx := ctxT(t)
	r := newRecorder()
	if _, err := c.Monitor(ctx, cstav3.Dialing("107"), r.config()); err != nil {
		t.Fatal(err)
	}
	// Single-step transfer: 106 calls 107 (answered), transfers it to 108.
	call, err := c.MakeCall(ctx, cstav3.Dialing("106"), cstav3.Dialing("107"))
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Answer("107"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.SingleStepTransferCall(ctx, call.CallingDevice, cstav3.Dialing("108")); err != nil {
		t.Fatal(err)
	}
	r.waitFor(t, cstav3.EventTransferred)

	// Deflect: 109 calls 110, 110 deflects to 111.
	r2 := newRecorder()
	if _, err := c.Monitor(ctx, cstav3.Dialing("110"), r2.config()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.MakeCall(ctx, cstav3.Dialing("109"), cstav3.Dialing("110")); err != nil {
		t.Fatal(err)
	}
	ev := r2.waitFor(t, cstav3.EventDelivered).(*cstav3.DeliveredEvent)
	if err := c.DeflectCall(ctx, ev.Connection, cstav3.Dialing("111")); err != nil {
		t.Fatal(err)
	}
	r2.waitFor(t, cstav3.EventDiverted)

	if err := c.SetDisplay(ctx, cstav3.Dialing("100"), "hello"); err != nil {
		t.Fatal(err)
	}

	// Errors: unknown device, answering a call that is not alerting.
	_, err = c.MakeCall(ctx, cstav3.Dialing("999"), cstav3.Dialing("100"))
	var ce *cstav3.Error
	if !errors.As(err, &ce) {
		t.Fatalf("MakeCall from 999: %v", err)
	}
	if _, err := c.Monitor(ctx, cstav3.Dialing("999"), cstav3.MonitorConfig{}); !errors.As(err, &ce) {
		t.Fatalf("Monitor 999: %v", err)
	}
	bogus := cstav3.NewConnectionID(cstav3.CallID{0xFF, 0xFF}, cstav3.Dialing("100"))
	if err := c.AnswerCall(ctx, bogus); !errors.As(err, &ce) {
		t.Fatalf("AnswerCall on nothing: %v", err)
	}
}

func TestMonitorStopAndChannel(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	ctx := ctxT(t)
	m, err := c.Monitor(ctx, cstav3.Dialing("120"), cstav3.MonitorConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Dial("120", "121"); err != nil {
		t.Fatal(err)
	}
	select {
	case ev := <-m.Events():
		if ev == nil {
			t.Fatal("channel closed early")
		}
	case <-time.After(waitLong):
		t.Fatal("no event on the channel")
	}
	if err := m.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(waitLong)
	for {
		select {
		case _, ok := <-m.Events():
			if !ok {
				return // closed after the queued events
			}
		case <-deadline:
			t.Fatal("channel not closed after Stop")
		}
	}
}

func TestSlowHandlerDoesNotStallReader(t *testing.T) {
	sim := startSim(t, hipathsim.Config{StatusInterval: 10 * time.Millisecond})
	c := dial(t, sim, cstav3.WithEventQueue(4))
	ctx := ctxT(t)
	release := make(chan struct{})
	var once sync.Once
	if _, err := c.Monitor(ctx, cstav3.Dialing("130"), cstav3.MonitorConfig{
		OnEvent: func(cstav3.Event) { once.Do(func() {}); <-release },
	}); err != nil {
		t.Fatal(err)
	}
	defer close(release)
	for i := 0; i < 10; i++ {
		if _, err := sim.Dial("130", "131"); err != nil {
			t.Fatal(err)
		}
		if err := sim.Hangup("130"); err != nil {
			t.Fatal(err)
		}
	}
	// With the handler stuck, the reader still answers requests and the
	// switch's SystemStatus, and surplus events are dropped and counted.
	deadline := time.Now().Add(waitLong)
	for c.Stats().EventsDropped == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("nothing dropped: %+v", c.Stats())
		}
		runtimeGosched()
	}
	if err := c.SystemStatus(ctx, cstav3.SystemNormal); err != nil {
		t.Fatalf("request while handler stalled: %v", err)
	}
}

func TestReconnectRestoresMonitors(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim, cstav3.WithReconnect(5*time.Millisecond, 50*time.Millisecond))
	ctx := ctxT(t)
	r := newRecorder()
	m, err := c.Monitor(ctx, cstav3.Dialing("140"), r.config())
	if err != nil {
		t.Fatal(err)
	}
	states := c.LinkStates()
	<-states // the initial LinkUp
	// Under traffic (devices other than 140, whose events are checked)…
	stop := sim.StartTraffic(ctx, hipathsim.TrafficConfig{Rate: 500, Answered: 2, Unanswered: 1, Transferred: 1, Conferenced: 1, HoldTime: 20 * time.Millisecond, Seed: 1})
	defer stop()
	var busy []*cstav3.Monitor
	for _, d := range []string{"150", "151", "152", "153"} {
		m, err := c.Monitor(ctx, cstav3.Dialing(d), cstav3.MonitorConfig{OnEvent: func(cstav3.Event) {}})
		if err != nil {
			t.Fatal(err)
		}
		busy = append(busy, m)
	}
	// …a request in flight when the link drops fails with ErrLinkDown.
	sim.SetDelay(time.Second)
	errc := make(chan error, 1)
	go func() {
		_, err := c.SnapshotDevice(ctx, cstav3.Dialing("140"))
		errc <- err
	}()
	waitUntil(t, func() bool { return c.Stats().InFlight > 0 })
	sim.DropLinks()
	sim.SetDelay(0)
	select {
	case err := <-errc:
		if !errors.Is(err, cstav3.ErrLinkDown) {
			t.Fatalf("in-flight request: %v", err)
		}
	case <-time.After(waitLong):
		t.Fatal("in-flight request did not fail")
	}
	expectState(t, states, cstav3.LinkDown)
	expectState(t, states, cstav3.LinkUp)
	for _, m := range append(busy, m) {
		if m.CrossRef() == nil {
			t.Fatalf("monitor of %v not re-bound", m.Device())
		}
	}
	stop() // the traffic may have 140 or 141 busy for a moment: retry
	waitUntil(t, func() bool { _, err := sim.Dial("140", "141"); return err == nil })
	r.waitFor(t, cstav3.EventOriginated)
	if c.Stats().Reconnects != 1 {
		t.Fatalf("reconnects %d", c.Stats().Reconnects)
	}
}

func TestSilentSwitchDetected(t *testing.T) {
	sim := startSim(t, hipathsim.Config{StatusInterval: 0})
	c := dial(t, sim, cstav3.WithHeartbeat(20*time.Millisecond, 2), cstav3.WithReconnect(5*time.Millisecond, 20*time.Millisecond))
	states := c.LinkStates()
	<-states
	sim.SetSilent(true)
	start := time.Now()
	ev := expectState(t, states, cstav3.LinkDown)
	if !errors.Is(ev.Err, cstav3.ErrLinkDown) {
		t.Fatalf("down because %v", ev.Err)
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("dead link found after %v", d)
	}
	sim.SetSilent(false)
	expectState(t, states, cstav3.LinkUp)
	if c.Stats().HeartbeatFailures == 0 {
		t.Fatal("no heartbeat failure counted")
	}
}

func TestAbort(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	if err := c.Abort(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, func() bool { return sim.Links() == 0 })
}

func expectState(t *testing.T, states <-chan cstav3.LinkEvent, want cstav3.LinkState) cstav3.LinkEvent {
	t.Helper()
	deadline := time.After(waitLong)
	for {
		select {
		case ev := <-states:
			if ev.State == want {
				return ev
			}
		case <-deadline:
			t.Fatalf("link never %v", want)
		}
	}
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		runtimeGosched()
	}
}

func TestNotifyLinkState(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim, cstav3.WithReconnect(5*time.Millisecond, 20*time.Millisecond))
	got := make(chan cstav3.LinkState, 8)
	cancel := c.NotifyLinkState(func(ev cstav3.LinkEvent) { got <- ev.State })
	sim.DropLinks()
	for _, want := range []cstav3.LinkState{cstav3.LinkDown, cstav3.LinkUp} {
		select {
		case s := <-got:
			if s != want {
				t.Fatalf("state %v, want %v", s, want)
			}
		case <-time.After(waitLong):
			t.Fatalf("no %v", want)
		}
	}
	cancel()
}

func TestRequestSystemStatusFromSwitch(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim)
	st, err := c.RequestSystemStatus(ctxT(t))
	if err != nil || st != cstav3.SystemNormal {
		t.Fatalf("%v %v", st, err)
	}
}
