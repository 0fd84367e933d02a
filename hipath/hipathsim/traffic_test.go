package hipathsim

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

func TestTraffic(t *testing.T) {
	s, c := startConnected(t)
	for n := DefaultFirstDevice; n <= DefaultLastDevice; n++ {
		c.monitor(strconv.Itoa(n))
	}
	const rate = 100
	stop := s.StartTraffic(t.Context(), TrafficConfig{Rate: rate, Answered: 1, Unanswered: 1, Transferred: 1,
		Conferenced: 1, HoldTime: 40 * time.Millisecond, Seed: 1})

	counts := map[cstav3.EventType]int{}
	started := map[string]bool{} // calls seen in ServiceInitiated
	ended := map[string]bool{}   // calls cleared, or merged by a transfer or conference
	record := func(e event) {
		ev := e.rep.Event
		counts[ev.Type()]++
		switch ev := ev.(type) {
		case *cstav3.ServiceInitiatedEvent:
			started[ev.InitiatedConnection.Call.String()] = true
		case *cstav3.CallClearedEvent:
			ended[ev.ClearedCall.Call.String()] = true
		case *cstav3.TransferredEvent:
			ended[ev.SecondaryOldCall.Call.String()] = true
		case *cstav3.ConferencedEvent:
			ended[ev.SecondaryOldCall.Call.String()] = true
		}
		checkTime(t, commonArgs(ev), time.Local)
	}
	t0 := time.Now()
	window := time.NewTimer(time.Second)
	defer window.Stop()
collect:
	for {
		select {
		case e := <-c.events:
			record(e)
		case <-window.C:
			break collect
		}
	}
	elapsed, atWindow := time.Since(t0), s.Stats()
	stop()
	// Stopping cleared what was in progress: drain those events.
	c.sync()
	for len(c.events) > 0 {
		record(<-c.events)
	}

	st := s.Stats()
	t.Logf("%d scenarios (%d skipped), %d calls, %d events in %v: %v", st.TrafficCalls, st.TrafficSkipped,
		st.CallsStarted, st.EventsSent, elapsed, counts)
	// Generous bounds: a loaded machine (the race detector, two cores)
	// delays the generator, and a busy PBX skips calls.
	want := rate * elapsed.Seconds()
	if got := float64(atWindow.TrafficCalls + atWindow.TrafficSkipped); got < want/5 || got > want*3 {
		t.Fatalf("%v scenarios in %v, want about %v", got, elapsed, want)
	}
	if st.TrafficSkipped > st.TrafficCalls {
		t.Fatalf("%d of %d scenarios skipped", st.TrafficSkipped, st.TrafficCalls+st.TrafficSkipped)
	}
	for _, typ := range []cstav3.EventType{siEv, orEv, delEv, estEv, ccEv, clrEv, cstav3.EventHeld,
		cstav3.EventTransferred, cstav3.EventConferenced} {
		if counts[typ] == 0 {
			t.Errorf("no %v event in %v", typ, counts)
		}
	}
	if uint64(len(started)) != st.CallsStarted {
		t.Errorf("%d calls seen, %d started", len(started), st.CallsStarted)
	}
	for call := range started {
		if !ended[call] {
			t.Errorf("call %s never ended", call)
		}
	}
	s.pbx.mu.Lock()
	defer s.pbx.mu.Unlock()
	if len(s.pbx.calls) != 0 {
		t.Fatalf("%d calls left after stop", len(s.pbx.calls))
	}
	for _, d := range s.pbx.order {
		if d.busy() || d.reserved {
			t.Fatalf("device %s still in use", d.number)
		}
	}
}

func TestTrafficStopsWithContext(t *testing.T) {
	s, c := startConnected(t)
	m := c.monitor("100")
	ctx, cancel := context.WithCancel(t.Context())
	stop := s.StartTraffic(ctx, TrafficConfig{Rate: 1000, HoldTime: time.Hour})
	c.event() // traffic is flowing: soon every phone rings or talks, for an hour
	cancel()
	stop() // waits for the generator, which clears its calls
	stop()
	s.pbx.mu.Lock()
	left := len(s.pbx.calls)
	s.pbx.mu.Unlock()
	if left != 0 {
		t.Fatalf("%d calls left", left)
	}
	c.sync()
	for len(c.events) > 0 {
		<-c.events
	}
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m, siEv})
	// A generator without rate starts nothing.
	n := s.Stats().TrafficCalls
	s.StartTraffic(t.Context(), TrafficConfig{})()
	if got := s.Stats().TrafficCalls; got != n {
		t.Fatalf("%d calls started without rate", got-n)
	}
}

func commonArgs(ev cstav3.Event) cstav3.CommonArguments {
	switch ev := ev.(type) {
	case *cstav3.ServiceInitiatedEvent:
		return ev.Extensions
	case *cstav3.OriginatedEvent:
		return ev.Extensions
	case *cstav3.DeliveredEvent:
		return ev.Extensions
	case *cstav3.EstablishedEvent:
		return ev.Extensions
	case *cstav3.ConnectionClearedEvent:
		return ev.Extensions
	case *cstav3.CallClearedEvent:
		return ev.Extensions
	case *cstav3.HeldEvent:
		return ev.Extensions
	case *cstav3.RetrievedEvent:
		return ev.Extensions
	case *cstav3.TransferredEvent:
		return ev.Extensions
	case *cstav3.ConferencedEvent:
		return ev.Extensions
	case *cstav3.FailedEvent:
		return ev.Extensions
	case *cstav3.DivertedEvent:
		return ev.Extensions
	}
	panic("no extensions in " + ev.Type().String())
}
