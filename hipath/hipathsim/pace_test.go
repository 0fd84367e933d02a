package hipathsim

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cstav3/cstav3/internal/bench/pace"
)

// TestPace: every event goes, in order, to the monitor of its device, with
// its sequence number as call id and the types of the mix in turn; each
// send is stamped.
func TestPace(t *testing.T) {
	s, c := startConnected(t)
	refs := map[string]string{"100": string(c.monitor("100")), "101": string(c.monitor("101"))}
	stamps := pace.NewStamps(10)
	n := 2 * len(pace.EventTypes)
	res, err := s.pace(context.Background(), pace.Config{Devices: []string{"100", "101"}, Events: n,
		Mix: pace.EventTypes, Stamps: stamps})
	if err != nil || res.Sent != n {
		t.Fatalf("Pace: %+v, %v", res, err)
	}
	if stamps.Noted() != uint64(n) {
		t.Fatalf("%d stamps, want %d", stamps.Noted(), n)
	}
	for i := range n {
		e := c.event()
		dev := []string{"100", "101"}[i%2]
		if string(e.rep.CrossRef) != refs[dev] {
			t.Fatalf("event %d for cross-ref %x, want %s's %x", i, e.rep.CrossRef, dev, refs[dev])
		}
		if got, want := e.rep.Event.Type().Name(), pace.EventTypes[i%len(pace.EventTypes)]+"Event"; got != want {
			t.Fatalf("event %d is %s, want %s", i, got, want)
		}
		if seq, ok := pace.EventSeq(e.rep.Event); !ok || seq != uint32(i) {
			t.Fatalf("event %d (%T) gives sequence number %d, %v", i, e.rep.Event, seq, ok)
		}
		if d := stamps.Since(uint32(i)); d <= 0 || d > time.Minute {
			t.Fatalf("event %d sent %v ago", i, d)
		}
	}
}

// TestPaceRate: at a set rate, n events take (n-1)/rate at least.
func TestPaceRate(t *testing.T) {
	s, c := startConnected(t)
	c.monitor("100")
	const n, rate = 40, 2000.0
	res, err := s.pace(context.Background(), pace.Config{Devices: []string{"100"}, Events: n, Rate: rate})
	if err != nil || res.Sent != n {
		t.Fatalf("Pace: %+v, %v", res, err)
	}
	if min := time.Duration(float64(n-1) / rate * float64(time.Second)); res.Elapsed < min {
		t.Fatalf("%d events in %v at %g/s, want at least %v", n, res.Elapsed, rate, min)
	}
	for range n {
		c.event()
	}
}

// TestPaceStops: without a count Pace runs until ctx ends, and refuses
// what it cannot send.
func TestPaceStops(t *testing.T) {
	s, c := startConnected(t)
	c.monitor("100")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.pace(ctx, pace.Config{Devices: []string{"100"}, Rate: 1000})
		done <- err
	}()
	for range 3 {
		c.event()
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("Pace after cancel: %v", err)
	}
	for _, cfg := range []pace.Config{
		{},
		{Devices: []string{"999"}, Events: 1},
		{Devices: []string{"100"}, Events: 1, Mix: []string{"Bridged"}},
	} {
		if res, err := s.pace(context.Background(), cfg); err == nil || res.Sent != 0 {
			t.Errorf("Pace(%+v): %+v, %v", cfg, res, err)
		}
	}
}

// TestPaceHold: Pace sends nothing more while Hold says so.
func TestPaceHold(t *testing.T) {
	s, c := startConnected(t)
	c.monitor("100")
	const n = 100
	release := make(chan struct{})
	held := make(chan int, 1) // how many were sent when Hold first held
	hold := func(sent int) bool {
		if sent < 5 {
			return false
		}
		select {
		case held <- sent:
		default:
		}
		select {
		case <-release:
			return false
		default:
			return true
		}
	}
	done := make(chan pace.Result, 1)
	go func() {
		res, _ := s.pace(context.Background(), pace.Config{Devices: []string{"100"}, Events: n, Rate: 2000, Hold: hold})
		done <- res
	}()
	var at int
	select {
	case at = <-held:
	case res := <-done:
		t.Fatalf("Pace never held: %+v", res)
	}
	for range at {
		c.event()
	}
	c.sync() // the switch has nothing more queued…
	select {
	case e := <-c.events:
		t.Fatalf("event %v sent while held", e.rep.Event.Type())
	case res := <-done:
		t.Fatalf("Pace ended while held: %+v", res)
	default:
	}
	close(release) // …and the rest come once released
	for range n - at {
		c.event()
	}
	if res := <-done; res.Sent != n {
		t.Fatalf("sent %d", res.Sent)
	}
}

// TestPaceHook: the harness reaches the pacing method through the hook
// registered at init, with the server's own type.
func TestPaceHook(t *testing.T) {
	s, c := startConnected(t)
	c.monitor("100")
	res, err := pace.Run(context.Background(), s, pace.Config{Devices: []string{"100"}, Events: 3})
	if err != nil || res.Sent != 3 {
		t.Fatalf("pace.Run: %+v, %v", res, err)
	}
	for range 3 {
		c.event()
	}
}
