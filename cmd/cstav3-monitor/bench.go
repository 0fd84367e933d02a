package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/internal/histogram"
	"github.com/spf13/cobra"
)

// newBenchCmd measures the whole path in one process: the simulator's
// paced events → client → (with --consumers) bridge → TCP XML consumers.
func newBenchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench [--events N] [--monitors M] [--consumers K] [--rate R] [--duration D] [--json]",
		Short: "Measure throughput, latency and cost end to end against the built-in simulator",
		Long: `Run the simulator, the client and (with --consumers) the XML bridge with K
consumers on loopback, all in this process, send events at --rate and report:
events/s at the PBX and at the receivers, latency from the simulator's send to
the client callback (--consumers 0) or to the consumer's read of the XML
document (--consumers 1 or more) as p50/p90/p99/max, CPU seconds, peak RSS,
heap bytes per monitor and allocations per event.

Each event goes to the next of the M monitored extensions in turn; with
consumers, every consumer monitors all M extensions, so each event is read K
times. The simulator notes the time it queues each event on the link and the
event carries its sequence number as its (four-octet) call id.`,
		Example: `  cstav3-monitor bench                                  # max rate, 100 monitors, callbacks only
  cstav3-monitor bench --rate 10000 --duration 10s --consumers 1
  cstav3-monitor bench --consumers 100 --events 200000 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBench(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	f.Int("events", 200000, "events to send (with --duration, whichever ends first)")
	f.Int("monitors", 100, "extensions monitored; events go to each in turn")
	f.Int("consumers", 0, "TCP XML consumers behind the bridge (0: no bridge, measure at the client callback)")
	f.Float64("rate", 0, "events per second the simulator sends (0: as fast as the client takes them)")
	f.Duration("duration", 0, "stop sending after this long (0: after --events)")
	f.String("mix", "Delivered", "event types sent in turn, comma-separated, or \"call\" for all of "+strings.Join(hipathsim.PaceEventTypes, ","))
	f.Bool("json", false, "print one JSON object instead of text")
	f.Duration("probe", 500*time.Millisecond, "measure the machine's timer lag for this long before the run")
	f.String("cpuprofile", "", "write a CPU profile of the measured run to this file (go tool pprof)")
	f.String("memprofile", "", "write an allocation profile after the run to this file")
	f.Bool("matrix", false, "run every combination of --matrix-rates, --matrix-consumers and --matrix-monitors for --duration (5s) each and print a Markdown table")
	f.String("matrix-rates", "1000,10000,0", "rates of --matrix (0: max)")
	f.String("matrix-consumers", "0,1,10,100", "consumer counts of --matrix")
	f.String("matrix-monitors", "100,10000", "monitor counts of --matrix")
	f.String("plot", "", "with --matrix, draw throughput against consumers and p99 against rate to this PNG file")
	return cmd
}

// benchParams are the flags of one run.
type benchParams struct {
	events, monitors, consumers int
	rate                        float64
	duration                    time.Duration
	mix                         []string
	cpuProfile, memProfile      string
	probe                       time.Duration
}

// benchLatency is a latency distribution in the output, in microseconds.
type benchLatency struct {
	Count  uint64  `json:"count"`
	P50us  float64 `json:"p50_us"`
	P90us  float64 `json:"p90_us"`
	P99us  float64 `json:"p99_us"`
	P999us float64 `json:"p999_us"`
	MaxUs  float64 `json:"max_us"`
	MeanUs float64 `json:"mean_us"`
}

func latencyOf(h *histogram.Histogram) *benchLatency {
	if h.Count() == 0 {
		return nil
	}
	us := func(ns int64) float64 { return float64(ns) / 1e3 }
	return &benchLatency{Count: h.Count(), P50us: us(h.Quantile(0.5)), P90us: us(h.Quantile(0.9)),
		P99us: us(h.Quantile(0.99)), P999us: us(h.Quantile(0.999)), MaxUs: us(h.Max()), MeanUs: h.Mean() / 1e3}
}

// benchResult is what a run reports; --json prints it as it is.
type benchResult struct {
	Events    int      `json:"events"` // sent by the simulator
	Monitors  int      `json:"monitors"`
	Consumers int      `json:"consumers"`
	Rate      float64  `json:"rate"` // asked for; 0 is as fast as possible
	Mix       []string `json:"mix"`

	PBXEventsPerSec float64 `json:"pbx_events_per_sec"` // sent, over the sending time
	// PBXMaxLagMicros is how far the simulator fell behind the schedule
	// of --rate at worst: about 1 ms is its timer; more means the
	// receivers could not keep up (and the unsent events' wait is not in
	// the latencies).
	PBXMaxLagMicros float64 `json:"pbx_max_lag_us"`
	// Events per second at the receivers, from the first send to the last
	// read: callbacks without consumers; with consumers, PBX events read
	// by every consumer, and documents read by all consumers together.
	CallbackEventsPerSec float64       `json:"callback_events_per_sec,omitempty"`
	ConsumerEventsPerSec float64       `json:"consumer_events_per_sec,omitempty"`
	ConsumerDocsPerSec   float64       `json:"consumer_docs_per_sec,omitempty"`
	LatencyCallback      *benchLatency `json:"latency_callback,omitempty"`
	// TimerLag is how late a goroutine sleeping 1 ms at a time woke up in
	// the --probe time (half a second) before the run: the stalls of the machine itself (a
	// shared box), a floor under the latencies' tail.
	TimerLag        *benchLatency `json:"timer_lag"`
	LatencyConsumer *benchLatency `json:"latency_consumer,omitempty"`
	Received        uint64        `json:"received"` // callbacks or consumer documents
	Lost            uint64        `json:"lost"`     // expected but never received
	ClientDropped   uint64        `json:"client_dropped"`
	BridgeDropped   uint64        `json:"bridge_dropped"`
	// BridgeConsumersDropped counts consumers the bridge disconnected as
	// too slow.
	BridgeConsumersDropped uint64  `json:"bridge_consumers_dropped"`
	ElapsedSeconds         float64 `json:"elapsed_seconds"`
	CPUSeconds             float64 `json:"cpu_seconds"` // user+system during the measured run
	CPUUserSeconds         float64 `json:"cpu_user_seconds"`
	CPUSystemSeconds       float64 `json:"cpu_system_seconds"`
	CPUPerEventMicros      float64 `json:"cpu_us_per_event"`
	PeakRSSBytes           uint64  `json:"peak_rss_bytes"`    // VmHWM; 0 where unknown
	BytesPerMonitor        float64 `json:"bytes_per_monitor"` // heap growth per monitored device, whole stack
	// BytesPerConsumerMonitor divides the same heap growth by consumers ×
	// monitors (with consumers only).
	BytesPerConsumerMonitor float64 `json:"bytes_per_consumer_monitor,omitempty"`
	AllocsPerEvent          float64 `json:"allocs_per_event"`
	AllocBytesPerEvent      float64 `json:"alloc_bytes_per_event"`
	MonitorSetupSeconds     float64 `json:"monitor_setup_seconds"`
	GoMaxProcs              int     `json:"gomaxprocs"`
	GoVersion               string  `json:"go_version"`
}

func benchFlags(cmd *cobra.Command) (benchParams, error) {
	f := cmd.Flags()
	var p benchParams
	p.events, _ = f.GetInt("events")
	p.monitors, _ = f.GetInt("monitors")
	p.consumers, _ = f.GetInt("consumers")
	p.rate, _ = f.GetFloat64("rate")
	p.duration, _ = f.GetDuration("duration")
	p.probe, _ = f.GetDuration("probe")
	p.cpuProfile, _ = f.GetString("cpuprofile")
	p.memProfile, _ = f.GetString("memprofile")
	mix, _ := f.GetString("mix")
	switch {
	case p.monitors < 1 || p.monitors > benchMaxMonitors:
		return p, usageErrorf("--monitors: 1 to %d", benchMaxMonitors)
	case p.consumers < 0 || p.consumers > 1000:
		return p, usageErrorf("--consumers: 0 to 1000")
	case p.rate < 0 || p.duration < 0:
		return p, usageErrorf("--rate and --duration cannot be negative")
	case p.events <= 0 && p.duration == 0:
		return p, usageErrorf("give --events or --duration")
	case p.events > 1<<31:
		return p, usageErrorf("--events: at most %d", 1<<31)
	}
	if mix == "call" {
		p.mix = hipathsim.PaceEventTypes
	} else {
		for _, t := range strings.Split(mix, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(hipathsim.PaceEventTypes, t) {
				return p, usageErrorf("--mix: %q is not one of %s", t, strings.Join(hipathsim.PaceEventTypes, ","))
			}
			p.mix = append(p.mix, t)
		}
	}
	return p, nil
}

// The simulated extensions are benchFirstDevice and up.
const (
	benchFirstDevice = 10000
	benchMaxMonitors = 89999
)

func runBench(ctx context.Context, a *app, cmd *cobra.Command) error {
	p, err := benchFlags(cmd)
	if err != nil {
		return err
	}
	asJSON, _ := cmd.Flags().GetBool("json")
	if matrix, _ := cmd.Flags().GetBool("matrix"); matrix {
		m, err := parseMatrix(a.str(cmd, "matrix-rates"), a.str(cmd, "matrix-consumers"), a.str(cmd, "matrix-monitors"))
		if err != nil {
			return err
		}
		return runMatrix(ctx, a, p, m, asJSON, a.str(cmd, "plot"))
	}
	res, err := bench(ctx, a, p)
	if err != nil {
		if ctx.Err() != nil {
			return nil // Ctrl-C
		}
		return err
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printBench(a.stdout, res)
	return nil
}

// receivers counts what reaches the end of the path under test and when.
type receivers struct {
	stamps *hipathsim.SendStamps
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

func bench(ctx context.Context, a *app, p benchParams) (*benchResult, error) {
	sim, err := hipathsim.Start(hipathsim.Config{FirstDevice: benchFirstDevice,
		LastDevice: benchFirstDevice + p.monitors - 1, Logger: a.logger})
	if err != nil {
		return nil, fmt.Errorf("cannot start the simulator: %w", err)
	}
	defer sim.Close()
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	// The client and the bridge keep their default queues (8192 events,
	// 4096 documents per consumer): the figures are those of the defaults.
	client, err := hipath.Dial(dctx, sim.Addr(), cstav3.WithLogger(a.logger))
	cancel()
	if err != nil {
		return nil, fmt.Errorf("cannot connect to the simulator: %w", err)
	}
	defer client.Close()
	devices := make([]string, p.monitors)
	for i := range devices {
		devices[i] = strconv.Itoa(benchFirstDevice + i)
	}
	// The flow-control window (hold) keeps fewer than 5,000 events unread,
	// far fewer than the ring's slots. start is set before the monitors
	// exist: the callbacks read it.
	r := &receivers{stamps: hipathsim.NewSendStamps(1 << 16), done: make(chan struct{}), start: time.Now()}
	var (
		cbMu   sync.Mutex // the dispatcher records, bench reads even after a stall
		cbHist histogram.Histogram
	)

	var bridge *benchBridge
	if p.consumers > 0 {
		if bridge, err = startBenchBridge(ctx, a, client, p.monitors, p.consumers); err != nil {
			return nil, err
		}
		defer bridge.close()
	}
	before := heapInUse()
	setup := time.Now()
	if p.consumers == 0 {
		onEvent := func(ev cstav3.Event) {
			if seq, ok := hipathsim.PaceEventSeq(ev); ok {
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
	perMonitor := grown / float64(p.monitors)

	if p.cpuProfile != "" {
		f, err := os.Create(p.cpuProfile)
		if err != nil {
			return nil, usageErrorf("--cpuprofile: %v", err)
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
	timerLag := probeTimer(ctx, p.probe)

	// The measured run.
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	cpu0 := cpuTime()
	pctx, pcancel := context.WithCancel(ctx)
	if p.duration > 0 {
		pctx, pcancel = context.WithTimeout(ctx, p.duration)
	}
	fanout := uint64(max(p.consumers, 1))
	slowest := r.got.Load
	if bridge != nil {
		slowest = bridge.slowest
	}
	paceStart := time.Since(r.start)
	pres, perr := sim.Pace(pctx, hipathsim.PaceConfig{Devices: devices, Rate: p.rate, Events: p.events,
		Mix: p.mix, Stamps: r.stamps, Hold: hold(slowest, p.consumers > 0)})
	pcancel()
	if perr != nil && !(p.duration > 0 && errors.Is(perr, context.DeadlineExceeded) && ctx.Err() == nil) {
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
	if p.memProfile != "" {
		if err := writeHeapProfile(p.memProfile); err != nil {
			return nil, err
		}
	}

	got := r.got.Load()
	res := &benchResult{
		Events: pres.Sent, Monitors: p.monitors, Consumers: p.consumers, Rate: p.rate, Mix: p.mix,
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
		if p.consumers == 0 {
			res.CallbackEventsPerSec = float64(got) / s
		} else {
			res.ConsumerDocsPerSec = float64(got) / s
			res.ConsumerEventsPerSec = float64(got) / float64(p.consumers) / s
		}
	}
	if p.consumers == 0 {
		cbMu.Lock()
		res.LatencyCallback = latencyOf(&cbHist)
		cbMu.Unlock()
	} else {
		bridge.stop()
		res.LatencyConsumer = latencyOf(bridge.latency())
		st := bridge.srv.Stats()
		res.BridgeDropped, res.BridgeConsumersDropped = st.EventsDropped, st.ConsumersDropped
		res.BytesPerConsumerMonitor = grown / float64(p.monitors*p.consumers)
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

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return usageErrorf("--memprofile: %v", err)
	}
	defer f.Close()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return fmt.Errorf("memory profile: %w", err)
	}
	return nil
}

func printBench(w io.Writer, r *benchResult) {
	rate := "max"
	if r.Rate > 0 {
		rate = fmt.Sprintf("%g/s", r.Rate)
	}
	fmt.Fprintf(w, "events %d (%s), rate %s, %d monitors, %d consumers, GOMAXPROCS %d, %s\n",
		r.Events, strings.Join(r.Mix, ","), rate, r.Monitors, r.Consumers, r.GoMaxProcs, r.GoVersion)
	fmt.Fprintf(w, "  PBX side        %12.0f events/s", r.PBXEventsPerSec)
	if r.Rate > 0 {
		fmt.Fprintf(w, " (at worst %.1f ms behind the schedule)", r.PBXMaxLagMicros/1e3)
	}
	fmt.Fprintln(w)
	if r.Consumers == 0 {
		fmt.Fprintf(w, "  callbacks       %12.0f events/s\n", r.CallbackEventsPerSec)
	} else {
		fmt.Fprintf(w, "  consumers       %12.0f events/s each, %.0f documents/s in all\n", r.ConsumerEventsPerSec, r.ConsumerDocsPerSec)
	}
	for _, l := range []struct {
		name string
		lat  *benchLatency
	}{{"send → callback", r.LatencyCallback}, {"send → consumer", r.LatencyConsumer}, {"1 ms timer lag", r.TimerLag}} {
		if l.lat != nil {
			fmt.Fprintf(w, "  %-15s p50 %.0f µs  p90 %.0f µs  p99 %.0f µs  p99.9 %.0f µs  max %.0f µs  (%d samples)\n",
				l.name, l.lat.P50us, l.lat.P90us, l.lat.P99us, l.lat.P999us, l.lat.MaxUs, l.lat.Count)
		}
	}
	fmt.Fprintf(w, "  received %d, lost %d (client dropped %d, bridge dropped %d and %d consumers) in %.2f s\n",
		r.Received, r.Lost, r.ClientDropped, r.BridgeDropped, r.BridgeConsumersDropped, r.ElapsedSeconds)
	fmt.Fprintf(w, "  CPU %.2f s (user %.2f, system %.2f), %.2f µs per event; peak RSS %.1f MiB\n",
		r.CPUSeconds, r.CPUUserSeconds, r.CPUSystemSeconds, r.CPUPerEventMicros, float64(r.PeakRSSBytes)/(1<<20))
	fmt.Fprintf(w, "  %.0f heap bytes per monitor (set up in %.2f s); %.1f allocations, %.0f bytes per event\n",
		r.BytesPerMonitor, r.MonitorSetupSeconds, r.AllocsPerEvent, r.AllocBytesPerEvent)
}
