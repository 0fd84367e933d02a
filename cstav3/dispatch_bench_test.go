package cstav3

import (
	"encoding/binary"
	"log/slog"
	"testing"
)

// benchDispatcher is a client with no link: only its event queue, its
// dispatcher goroutine and n monitors, so that the benchmarks measure the
// path from the reader's deliver to the callback and nothing else.
func benchDispatcher(b *testing.B, n int, cfg MonitorConfig) (*Client, []CrossRefID) {
	b.Helper()
	c := &Client{
		log:      slog.New(slog.DiscardHandler),
		monitors: make(map[*Monitor]struct{}),
		byXref:   make(map[string]*Monitor),
		quit:     make(chan struct{}),
		events:   make(chan queued, 1<<16),
	}
	refs := make([]CrossRefID, n)
	for i := range n {
		m := &Monitor{c: c, device: Dialing("100"), cfg: cfg}
		if cfg.Channel > 0 {
			m.ch = make(chan Event, cfg.Channel)
		}
		refs[i] = binary.BigEndian.AppendUint16(nil, uint16(i))
		c.byXref[string(refs[i])] = m
		c.monitors[m] = struct{}{}
	}
	c.wg.Add(1)
	go c.dispatch()
	b.Cleanup(func() {
		close(c.quit)
		c.wg.Wait()
	})
	return c, refs
}

// BenchmarkDispatch measures an event from the socket reader's hand-off
// (deliver: cross-reference lookup, bounded queue) through the dispatcher
// goroutine to the monitor's callback or channel. The events are sent in
// rounds the queue holds, each waited for, so that none is dropped.
func BenchmarkDispatch(b *testing.B) {
	ev := oursDeliveredReport().Event
	for _, bc := range []struct {
		name     string
		monitors int
		channel  bool
	}{
		{"Callback/1monitor", 1, false},
		{"Callback/10kMonitors", 10000, false},
		{"Channel/1monitor", 1, true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			const round = 4096
			got := make(chan struct{}, 1)
			n := 0
			cfg := MonitorConfig{OnDelivered: func(*DeliveredEvent) {
				if n++; n%round == 0 {
					got <- struct{}{}
				}
			}}
			if bc.channel {
				cfg = MonitorConfig{Channel: round}
			}
			c, refs := benchDispatcher(b, bc.monitors, cfg)
			if bc.channel {
				// A reader drains the channel and says when a round is in.
				var m *Monitor
				for x := range c.monitors {
					m = x
				}
				go func() {
					k := 0
					for range m.ch {
						if k++; k%round == 0 {
							got <- struct{}{}
						}
					}
				}()
			}
			reps := make([]EventReport, len(refs))
			for i := range reps {
				reps[i] = EventReport{CrossRef: refs[i], Event: ev}
			}
			b.ReportAllocs()
			sent := 0
			for b.Loop() {
				c.deliver(&reps[sent%len(reps)])
				if sent++; sent%round == 0 {
					<-got
				}
			}
			if d := c.stats.eventsDropped.Load(); d != 0 {
				b.Fatalf("%d events dropped", d)
			}
		})
	}
}
