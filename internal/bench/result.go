package bench

import (
	"fmt"
	"io"
	"strings"

	"github.com/cstav3/cstav3/internal/histogram"
)

// ParamError is an error in Params that only shows when the run starts
// (a profile file that cannot be created): the command reports it as an
// error in its command line.
type ParamError struct{ Msg string }

func (e *ParamError) Error() string { return e.Msg }

// Latency is a latency distribution in a Result, in microseconds.
type Latency struct {
	Count  uint64  `json:"count"`
	P50us  float64 `json:"p50_us"`
	P90us  float64 `json:"p90_us"`
	P99us  float64 `json:"p99_us"`
	P999us float64 `json:"p999_us"`
	MaxUs  float64 `json:"max_us"`
	MeanUs float64 `json:"mean_us"`
}

// latencyOf returns the distribution of h, nil when h is empty.
func latencyOf(h *histogram.Histogram) *Latency {
	if h.Count() == 0 {
		return nil
	}
	us := func(ns int64) float64 { return float64(ns) / 1e3 }
	return &Latency{Count: h.Count(), P50us: us(h.Quantile(0.5)), P90us: us(h.Quantile(0.9)),
		P99us: us(h.Quantile(0.99)), P999us: us(h.Quantile(0.999)), MaxUs: us(h.Max()), MeanUs: h.Mean() / 1e3}
}

// Result is what a run reports; cstav3-monitor bench --format json prints it as
// it is, so the JSON names are an interface.
type Result struct {
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
	CallbackEventsPerSec float64  `json:"callback_events_per_sec,omitempty"`
	ConsumerEventsPerSec float64  `json:"consumer_events_per_sec,omitempty"`
	ConsumerDocsPerSec   float64  `json:"consumer_docs_per_sec,omitempty"`
	LatencyCallback      *Latency `json:"latency_callback,omitempty"`
	// TimerLag is how late a goroutine sleeping 1 ms at a time woke up in
	// the --probe time (half a second) before the run: the stalls of the machine itself (a
	// shared box), a floor under the latencies' tail.
	TimerLag        *Latency `json:"timer_lag"`
	LatencyConsumer *Latency `json:"latency_consumer,omitempty"`
	Received        uint64   `json:"received"` // callbacks or consumer documents
	Lost            uint64   `json:"lost"`     // expected but never received
	ClientDropped   uint64   `json:"client_dropped"`
	BridgeDropped   uint64   `json:"bridge_dropped"`
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

// WriteText writes r as the text of cstav3-monitor bench.
func WriteText(w io.Writer, r *Result) {
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
		lat  *Latency
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
