package cstav3_test

import (
	"bytes"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// monitorWatch records what a monitor's OnError and OnResume are told.
type monitorWatch struct {
	errs    chan error
	resumed chan struct{}
}

func newMonitorWatch(cfg *cstav3.MonitorConfig) *monitorWatch {
	w := &monitorWatch{errs: make(chan error, 16), resumed: make(chan struct{}, 16)}
	cfg.OnError = func(err error) { w.errs <- err }
	cfg.OnResume = func() { w.resumed <- struct{}{} }
	return w
}

func (w *monitorWatch) wantError(t *testing.T, match func(error) bool) error {
	t.Helper()
	select {
	case err := <-w.errs:
		if !match(err) {
			t.Fatalf("OnError: %v", err)
		}
		return err
	case <-time.After(waitLong):
		t.Fatal("OnError not told")
		return nil
	}
}

func (w *monitorWatch) wantResume(t *testing.T) {
	t.Helper()
	select {
	case <-w.resumed:
	case err := <-w.errs:
		t.Fatalf("OnError before OnResume: %v", err)
	case <-time.After(waitLong):
		t.Fatal("OnResume not told")
	}
}

// TestSwitchEndsMonitor: the switch ends a monitor with a MonitorStop of its
// own (ECMA-269 lets either side invoke it). The client answers it, reports
// ErrMonitorEnded and starts the monitor again on the same link; while the
// switch refuses (the extension is out of service) it keeps trying, reports
// the new error once, and resumes when the extension is back. Stopping the
// monitor ends the retries.
func TestSwitchEndsMonitor(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	c := dial(t, sim, cstav3.WithReconnect(2*time.Millisecond, 20*time.Millisecond))
	ctx := ctxT(t)
	rec := newRecorder()
	cfg := rec.config()
	w := newMonitorWatch(&cfg)
	m, err := c.Monitor(ctx, cstav3.Dialing("105"), cfg)
	if err != nil {
		t.Fatal(err)
	}
	first := m.CrossRef()
	ended := func(err error) bool { return errors.Is(err, cstav3.ErrMonitorEnded) }

	// Ended, started again at once.
	if n, err := sim.StopMonitors("105"); n != 1 || err != nil {
		t.Fatalf("StopMonitors: %d, %v", n, err)
	}
	w.wantError(t, ended)
	w.wantResume(t)
	if m.Err() != nil || m.CrossRef() == nil || string(m.CrossRef()) == string(first) {
		t.Fatalf("after the re-start: err %v, cross-ref %x (was %x)", m.Err(), m.CrossRef(), first)
	}
	// The switch had the result of its MonitorStop before the new
	// MonitorStart: the client writes them in that order.
	if st := sim.Stats(); st.MonitorStopsSent != 1 || st.MonitorStopsAnswered != 1 {
		t.Fatalf("simulator: %d MonitorStop sent, %d answered", st.MonitorStopsSent, st.MonitorStopsAnswered)
	}
	if n := c.Stats().MonitorsEnded; n != 1 {
		t.Fatalf("client: %d monitors ended", n)
	}
	if _, err := sim.Dial("105", "106"); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, cstav3.EventOriginated)

	// Ended, and refused while the extension is out of service.
	if err := sim.SetOutOfService(true, "105"); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.StopMonitors("105"); err != nil {
		t.Fatal(err)
	}
	w.wantError(t, ended)
	refused := w.wantError(t, func(err error) bool {
		var ce *cstav3.Error
		return errors.As(err, &ce) && ce.Name() == "invalidMonitorObject"
	})
	if got := m.Err(); got == nil || got.Error() != refused.Error() || m.CrossRef() != nil {
		t.Fatalf("while refused: err %v, cross-ref %x", got, m.CrossRef())
	}
	if err := sim.SetOutOfService(false, "105"); err != nil {
		t.Fatal(err)
	}
	w.wantResume(t)
	if err := sim.Hangup("105"); err != nil {
		t.Fatal(err)
	}
	rec.waitFor(t, cstav3.EventConnectionCleared)

	// Stopped while refused: the retries end (the goroutine check of
	// TestMain holds Close to that).
	if err := sim.SetOutOfService(true, "105"); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.StopMonitors("105"); err != nil {
		t.Fatal(err)
	}
	w.wantError(t, ended)
	if err := m.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if n := c.Stats().MonitorsEnded; n != 3 {
		t.Fatalf("client: %d monitors ended", n)
	}
}

// startResult frames the result of the MonitorStart inv with cross-reference
// {0, xref}.
func (s *fakeSwitch) startResult(inv cstav3.Message, xref byte) []byte {
	res, _ := cstav3.AppendResult(nil, &cstav3.MonitorStartResult{CrossRefIdentifier: cstav3.CrossRefID{0, xref}})
	return s.frame(&cstav3.Message{Type: cstav3.ReturnResult, InvokeID: inv.InvokeID, Opcode: cstav3.OpMonitorStart, Argument: res})
}

// stopInvoke frames a MonitorStop of the switch, invoke id, for {0, xref}.
func (s *fakeSwitch) stopInvoke(id int64, xref byte) []byte {
	arg, _ := cstav3.AppendArgument(nil, &cstav3.MonitorStopArgument{CrossRefIdentifier: cstav3.CrossRefID{0, xref}})
	return s.frame(&cstav3.Message{Type: cstav3.Invoke, InvokeID: id, Opcode: cstav3.OpMonitorStop, Argument: arg})
}

// monitorAsync starts a monitor of device 100 on another goroutine, for a
// switch that answers by hand.
func monitorAsync(t *testing.T, c *cstav3.Client, cfg cstav3.MonitorConfig) <-chan *cstav3.Monitor {
	started := make(chan *cstav3.Monitor, 1)
	go func() {
		m, err := c.Monitor(ctxT(t), cstav3.Dialing("100"), cfg)
		if err != nil {
			t.Error(err)
		}
		started <- m
	}()
	return started
}

// TestSwitchEndsMonitorAgainAtOnce: the switch answers the re-start of a
// monitor it ended and ends the new one in the same write. Whether the
// client's reader sees the second MonitorStop before or after its retry
// finishes, the monitor is started a third time: no retry is lost.
func TestSwitchEndsMonitorAgainAtOnce(t *testing.T) {
	c, sw := fakeClient(t, cstav3.WithReconnect(time.Millisecond, 2*time.Millisecond))
	var cfg cstav3.MonitorConfig
	w := newMonitorWatch(&cfg)
	started := monitorAsync(t, c, cfg)
	stopped := func(id int64) {
		t.Helper()
		if m := sw.next(); m.Type != cstav3.ReturnResult || m.InvokeID != id || m.Opcode != cstav3.OpMonitorStop {
			t.Fatalf("got %+v, want the result of MonitorStop %d", m, id)
		}
	}
	// Started, and ended at once; the re-start, ended at once; the third
	// start, kept.
	sw.write(sw.startResult(sw.expectInvoke(cstav3.OpMonitorStart), 1), sw.stopInvoke(101, 1))
	m := <-started
	stopped(101)
	sw.write(sw.startResult(sw.expectInvoke(cstav3.OpMonitorStart), 2), sw.stopInvoke(102, 2))
	stopped(102)
	sw.write(sw.startResult(sw.expectInvoke(cstav3.OpMonitorStart), 3))
	ended := func(err error) bool { return errors.Is(err, cstav3.ErrMonitorEnded) }
	w.wantError(t, ended)
	w.wantError(t, ended)
	// When the retry finished before the reader saw the second MonitorStop,
	// the monitor was back (OnResume) before it was ended again: the
	// client's answer to a SystemStatus sent after the third result tells
	// that the reader has bound its cross-reference.
	w.wantResume(t)
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 8, Opcode: cstav3.OpSystemStatus, Argument: []byte{0x30, 0x03, 0x0a, 0x01, 0x02}})
	if a := sw.next(); a.Type != cstav3.ReturnResult || a.InvokeID != 8 {
		t.Fatalf("got %+v, want the answer to SystemStatus 8", a)
	}
	if x := m.CrossRef(); string(x) != string(cstav3.CrossRefID{0, 3}) || m.Err() != nil {
		t.Fatalf("cross-ref %x, err %v", x, m.Err())
	}
	if n := c.Stats().MonitorsEnded; n != 2 {
		t.Fatalf("%d monitors ended", n)
	}
}

// TestMonitorStoppedWhileRestarting: the application stops a monitor while
// the client's re-start of it waits for the switch. The monitor the switch
// then starts belongs to nobody: the client stops it at the switch.
func TestMonitorStoppedWhileRestarting(t *testing.T) {
	c, sw := fakeClient(t, cstav3.WithReconnect(time.Millisecond, 2*time.Millisecond))
	var cfg cstav3.MonitorConfig
	w := newMonitorWatch(&cfg)
	started := monitorAsync(t, c, cfg)
	sw.write(sw.startResult(sw.expectInvoke(cstav3.OpMonitorStart), 1))
	m := <-started
	sw.write(sw.stopInvoke(101, 1))
	if a := sw.next(); a.Type != cstav3.ReturnResult || a.InvokeID != 101 {
		t.Fatalf("got %+v, want the result of MonitorStop 101", a)
	}
	w.wantError(t, func(err error) bool { return errors.Is(err, cstav3.ErrMonitorEnded) })
	restart := sw.expectInvoke(cstav3.OpMonitorStart)
	if err := m.Stop(ctxT(t)); err != nil { // no cross-reference: nothing sent
		t.Fatalf("Stop: %v", err)
	}
	sw.write(sw.startResult(restart, 2))
	stop := sw.expectInvoke(cstav3.OpMonitorStop)
	if want := []byte{0x30, 0x04, 0x55, 0x02, 0, 2}; !bytes.Equal(stop.Argument, want) {
		t.Fatalf("MonitorStop % x, want % x", stop.Argument, want)
	}
	sw.write(sw.frame(&cstav3.Message{Type: cstav3.ReturnResult, InvokeID: stop.InvokeID, Opcode: cstav3.OpMonitorStop,
		Argument: []byte{0x05, 0x00}}))
	select {
	case <-w.resumed:
		t.Fatal("OnResume told for a stopped monitor")
	case err := <-w.errs:
		t.Fatalf("OnError told for a stopped monitor: %v", err)
	default:
	}
}

// TestSwitchEndsManyMonitors: the switch ends 500 monitors at once; every
// one is reported once and comes back, the client's MonitorStarts bounded.
func TestSwitchEndsManyMonitors(t *testing.T) {
	const n = 500
	sim := startSim(t, hipathsim.Config{FirstDevice: 1000, LastDevice: 1000 + n - 1})
	c := dial(t, sim, cstav3.WithReconnect(time.Millisecond, 10*time.Millisecond))
	ctx := ctxT(t)
	errs := make(chan error, 2*n)
	resumed := make(chan struct{}, 2*n)
	cfg := cstav3.MonitorConfig{
		OnEvent:  func(cstav3.Event) {},
		OnError:  func(err error) { errs <- err },
		OnResume: func() { resumed <- struct{}{} },
	}
	numbers := make([]string, n)
	monitors := make([]*cstav3.Monitor, n)
	for i := range n {
		numbers[i] = strconv.Itoa(1000 + i)
		m, err := c.Monitor(ctx, cstav3.Dialing(numbers[i]), cfg)
		if err != nil {
			t.Fatal(err)
		}
		monitors[i] = m
	}
	if got, err := sim.StopMonitors(numbers...); got != n || err != nil {
		t.Fatalf("StopMonitors: %d, %v", got, err)
	}
	deadline := time.After(waitLong)
	for i := range n {
		select {
		case <-resumed:
		case <-deadline:
			t.Fatalf("%d of %d monitors back", i, n)
		}
	}
	close(errs)
	ended := 0
	for err := range errs {
		if !errors.Is(err, cstav3.ErrMonitorEnded) {
			t.Fatalf("OnError: %v", err)
		}
		ended++
	}
	if ended != n || c.Stats().MonitorsEnded != n {
		t.Fatalf("OnError told %d times, %d monitors ended; want %d", ended, c.Stats().MonitorsEnded, n)
	}
	for i, m := range monitors {
		if m.CrossRef() == nil || m.Err() != nil {
			t.Fatalf("monitor %s: cross-ref %x, err %v", numbers[i], m.CrossRef(), m.Err())
		}
	}
	if st := sim.Stats(); st.Requests[cstav3.OpMonitorStart] != 2*n || st.MonitorStopsAnswered != n {
		t.Fatalf("simulator: %d MonitorStarts, %d MonitorStops answered", st.Requests[cstav3.OpMonitorStart], st.MonitorStopsAnswered)
	}
}
