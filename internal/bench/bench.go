package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/internal/bench/pace"
	"github.com/cstav3/cstav3/internal/histogram"
)

// Params say what one run sends and measures (the flags of
// cstav3-monitor bench).
type Params struct {
	Events    int           // events to send; 0: until Duration ends
	Monitors  int           // extensions monitored (1 to MaxMonitors); events go to each in turn
	Consumers int           // TCP XML consumers behind the bridge; 0: no bridge, measured at the client callback
	Rate      float64       // events per second; 0: as fast as the receivers take them
	Duration  time.Duration // stop sending after this long; 0: after Events
	Mix       []string      // event types sent in turn (pace.EventTypes); Delivered only when empty
	// CPUProfile and MemProfile, if set, are the files the CPU profile of
	// the measured run and the allocation profile after it are written to.
	CPUProfile, MemProfile string
	// Probe is how long the machine's timer lag is measured before the run.
	Probe time.Duration
	// Logger receives the simulator's, the client's and the bridge's logs.
	Logger *slog.Logger
}

// The simulated extensions are FirstDevice and up, MaxMonitors of them at
// most (the five-digit numbers).
const (
	FirstDevice = 10000
	MaxMonitors = 89999
)

// receivers counts what reaches the end of the path under test and when.
type receivers struct {
	stamps *pace.Stamps
	start  time.Time
	got    atomic.Uint64
	want   atomic.Uint64 // 0 until the simulator has sent everything
	last   atomic.Int64  // nanoseconds since start of the last receipt
	done   chan struct{}
	once   sync.Once
}

func (r *receivers) received(n uint64) {
	r.last.Store(int64(time.Since(r.start)))
	if w := r.want.Load(); w != 0 && n >= w {
		r.once.Do(func() { close(r.done) })
	}
}

// hold tells the simulator to wait while the events sent but not yet
// received by the slowest receiver fill a window: half the client's default
// event queue (callbacks), or half a bridge consumer's default queue.
// Without it a run at full speed would overflow them and measure the drops.
func hold(got func() uint64, bridged bool) func(sent int) bool {
	window := uint64(4096) // of 8192 events
	if bridged {
		window = 2048 // of 4096 documents
	}
	return func(sent int) bool { return uint64(sent) > got()+window }
}

// expect sets how many receipts end the run.
func (r *receivers) expect(n uint64) {
	r.want.Store(n)
	if n == 0 || r.got.Load() >= n {
		r.once.Do(func() { close(r.done) })
	}
}

// Run runs the simulator, the client and, with p.Consumers, the XML bridge
// and its consumers on loopback, sends the events of p and reports what
// arrived, how fast, how late and at what cost. A profile file that cannot
// be created is a *ParamError.
func Run(ctx context.Context, p Params) (*Result, error) {
	sim, err := hipathsim.Start(hipathsim.Config{FirstDevice: FirstDevice,
		LastDevice: FirstDevice + p.Monitors - 1, Logger: p.Logger})
	if err != nil {
		return nil, fmt.Errorf("cannot start the simulator: %w", err)
	}
	defer sim.Close()
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	// The client and the bridge keep their default queues (8192 events,
	// 4096 documents per consumer): the figures are those of the defaults.
	client, err := hipath.Dial(dctx, sim.Addr(), cstav3.WithLogger(p.Logger))
	cancel()
	if err != nil {
		return nil, fmt.Errorf("cannot connect to the simulator: %w", err)
	}
	defer client.Close()
	devices := make([]string, p.Monitors)
	for i := range devices {
		devices[i] = strconv.Itoa(FirstDevice + i)
	}
	// The flow-control window (hold) keeps fewer than 5,000 events unread,
	// far fewer than the ring's slots. start is set before the monitors
	// exist: the callbacks read it.
	r := &receivers{stamps: pace.NewStamps(1 << 16), done: make(chan struct{}), start: time.Now()}
	var (
		cbMu   sync.Mutex // the dispatcher records, bench reads even after a stall
		cbHist histogram.Histogram
	)

	var bridge *xmlBridge
	if p.Consumers > 0 {
		if bridge, err = startBridge(ctx, p.Logger, client, p.Monitors, p.Consumers); err != nil {
			return nil, err
		}
		defer bridge.close()
	}
	before := heapInUse()
	setup := time.Now()
	if p.Consumers == 0 {
		onEvent := func(ev cstav3.Event) {
			if seq, ok := pace.EventSeq(ev); ok {
				d := r.stamps.Since(seq)
				cbMu.Lock()
				cbHist.Record(int64(d))
				cbMu.Unlock()
			}
			r.received(r.got.Add(1))
		}
		for _, d := range devices {
			if _, err := client.Monitor(ctx, cstav3.Dialing(d), cstav3.MonitorConfig{OnEvent: onEvent}); err != nil {
				return nil, fmt.Errorf("monitor %s: %w", d, err)
			}
		}
	} else if err := bridge.monitor(ctx, devices, r); err != nil {
		return nil, err
	}
	setupTime := time.Since(setup)
	grown := float64(heapInUse()) - float64(before)
	perMonitor := grown / float64(p.Monitors)

	if p.CPUProfile != "" {
		f, err := os.Create(p.CPUProfile)
		if err != nil {
			return nil, &ParamError{"--cpuprofile: " + err.Error()}
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return nil, fmt.Errorf("cpu profile: %w", err)
		}
		defer pprof.StopCPUProfile()
	}

	// The machine's own stalls, measured just before (not during: a
	// goroutine waking every millisecond keeps the scheduler awake and
	// shortens the latencies measured).
	timerLag := probeTimer(ctx, p.Probe)

	// The measured run.
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	pctx, pcancel := context.WithCancel(ctx)
	if p.Duration > 0 {
		pctx, pcancel = context.WithTimeout(ctx, p.Duration)
	}
	fanout := uint64(max(p.Consumers, 1))
	slowest := r.got.Load
	if bridge != nil {
		slowest = bridge.slowest
	}
	paceStart := time.Since(r.start)
	pres, perr := pace.Run(pctx, sim, pace.Config{Devices: devices, Rate: p.Rate, Events: p.Events,
		Mix: p.Mix, Stamps: r.stamps, Hold: hold(slowest, p.Consumers > 0)})
	pcancel()
	if perr != nil && !(p.Duration > 0 && errors.Is(perr, context.DeadlineExceeded) && ctx.Err() == nil) {
		return nil, fmt.Errorf("simulator: %w", perr)
	}
	want := uint64(pres.Sent) * fanout
	r.expect(want)
	// Wait for the rest, as long as it keeps coming.
	for waiting := true; waiting; {
		n := r.got.Load()
		select {
		case <-r.done:
			waiting = false
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(3 * time.Second):
			waiting = r.got.Load() != n // stalled: the rest is lost
		}
	}
	elapsed := max(time.Duration(r.last.Load())-paceStart, 0)
	cpu1 := cpuTime()
	runtime.ReadMemStats(&ms1)
	if p.MemProfile != "" {
		if err := writeHeapProfile(p.MemProfile); err != nil {
			return nil, err
		}
	}

	got := r.got.Load()
	res := &Result{
		Events: pres.Sent, Monitors: p.Monitors, Consumers: p.Consumers, Rate: p.Rate, Mix: p.Mix,
		Received: got, ClientDropped: client.Stats().EventsDropped,
		ElapsedSeconds:      elapsed.Seconds(),
		CPUUserSeconds:      (cpu1.user - cpu0.user).Seconds(),
		CPUSystemSeconds:    (cpu1.sys - cpu0.sys).Seconds(),
		PeakRSSBytes:        peakRSS(),
		BytesPerMonitor:     perMonitor,
		MonitorSetupSeconds: setupTime.Seconds(),
		GoMaxProcs:          runtime.GOMAXPROCS(0),
		GoVersion:           runtime.Version(),
	}
	if got < want {
		res.Lost = want - got
	}
	res.CPUSeconds = res.CPUUserSeconds + res.CPUSystemSeconds
	if pres.Sent > 0 {
		n := float64(pres.Sent)
		res.AllocsPerEvent = float64(ms1.Mallocs-ms0.Mallocs) / n
		res.AllocBytesPerEvent = float64(ms1.TotalAlloc-ms0.TotalAlloc) / n
		res.CPUPerEventMicros = res.CPUSeconds * 1e6 / n
	}
	res.PBXMaxLagMicros = float64(pres.MaxLag) / 1e3
	res.TimerLag = latencyOf(timerLag)
	if s := pres.Elapsed.Seconds(); s > 0 {
		res.PBXEventsPerSec = float64(pres.Sent) / s
	}
	if s := elapsed.Seconds(); s > 0 {
		if p.Consumers == 0 {
			res.CallbackEventsPerSec = float64(got) / s
		} else {
			res.ConsumerDocsPerSec = float64(got) / s
			res.ConsumerEventsPerSec = float64(got) / float64(p.Consumers) / s
		}
	}
	if p.Consumers == 0 {
		cbMu.Lock()
		res.LatencyCallback = latencyOf(&cbHist)
		cbMu.Unlock()
	} else {
		bridge.stop()
		res.LatencyConsumer = latencyOf(bridge.latency())
		st := bridge.srv.Stats()
		res.BridgeDropped, res.BridgeConsumersDropped = st.EventsDropped, st.ConsumersDropped
		res.BytesPerConsumerMonitor = grown / float64(p.Monitors*p.Consumers)
	}
	return res, nil
}

// probeTimer sleeps 1 ms at a time for d and records how late it wakes.
func probeTimer(ctx context.Context, d time.Duration) *histogram.Histogram {
	h := new(histogram.Histogram)
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	for end := time.Now().Add(d); time.Now().Before(end); {
		start := time.Now()
		t.Reset(time.Millisecond)
		select {
		case <-ctx.Done():
			return h
		case <-t.C:
			h.Record(int64(time.Since(start) - time.Millisecond))
		}
	}
	return h
}

// heapInUse returns the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// writeHeapProfile writes the allocation profile to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return &ParamError{"--memprofile: " + err.Error()}
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	return nil
}
