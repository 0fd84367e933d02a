package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
)

// benchMatrix is the set of runs of --matrix.
type benchMatrix struct {
	rates     []float64
	consumers []int
	monitors  []int
	// maxConsumerMonitors skips the runs whose consumers × monitors exceed
	// it: 100 consumers of 10,000 devices each are a million XML monitors.
	maxConsumerMonitors int
}

func parseMatrix(rates, consumers, monitors string) (benchMatrix, error) {
	m := benchMatrix{maxConsumerMonitors: 100000}
	for _, f := range strings.Split(rates, ",") {
		r, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || r < 0 {
			return m, usageErrorf("--matrix-rates: %q is not a rate (0 for max)", f)
		}
		m.rates = append(m.rates, r)
	}
	ints := func(flag, list string, lo, hi int) ([]int, error) {
		var out []int
		for _, f := range strings.Split(list, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < lo || n > hi {
				return nil, usageErrorf("%s: %q is not a number from %d to %d", flag, f, lo, hi)
			}
			out = append(out, n)
		}
		return out, nil
	}
	var err error
	if m.consumers, err = ints("--matrix-consumers", consumers, 0, 1000); err != nil {
		return m, err
	}
	if m.monitors, err = ints("--matrix-monitors", monitors, 1, benchMaxMonitors); err != nil {
		return m, err
	}
	return m, nil
}

// runMatrix runs every combination for p.duration each (events without
// limit) and prints a Markdown table, or a JSON array.
func runMatrix(ctx context.Context, a *app, p benchParams, m benchMatrix, asJSON bool, plot string) error {
	if p.duration == 0 {
		p.duration = 5 * time.Second
	}
	p.events = 0
	var all []*benchResult
	if !asJSON {
		printMatrixHeader(a.stdout)
	}
	for _, mon := range m.monitors {
		for _, k := range m.consumers {
			if k*mon > m.maxConsumerMonitors {
				fmt.Fprintf(a.stderr, "bench: skipping %d consumers × %d monitors (over %d consumer monitors)\n", k, mon, m.maxConsumerMonitors)
				continue
			}
			for _, r := range m.rates {
				q := p
				q.rate, q.consumers, q.monitors = r, k, mon
				resetPeakRSS()
				res, err := bench(ctx, a, q)
				if err != nil {
					if ctx.Err() != nil {
						return nil // Ctrl-C
					}
					return fmt.Errorf("rate %g, %d consumers, %d monitors: %w", r, k, mon, err)
				}
				all = append(all, res)
				if !asJSON {
					printMatrixRow(a.stdout, res)
				}
			}
		}
	}
	if plot != "" {
		if err := writePlot(plot, m, all); err != nil {
			return err
		}
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	return nil
}

// resetPeakRSS starts VmHWM again from the current RSS (Linux; ignored
// elsewhere), so that each run of a matrix reports its own peak.
func resetPeakRSS() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

func printMatrixHeader(w io.Writer) {
	fmt.Fprintln(w, "| rate (events/s) | monitors | consumers | PBX events/s | received events/s | p50 | p90 | p99 | max | CPU µs/event | peak RSS | B/monitor | allocs/event | lost |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
}

func printMatrixRow(w io.Writer, r *benchResult) {
	rate := "max"
	if r.Rate > 0 {
		rate = strconv.FormatFloat(r.Rate, 'f', -1, 64)
	}
	recv, lat := r.CallbackEventsPerSec, r.LatencyCallback
	if r.Consumers > 0 {
		recv, lat = r.ConsumerEventsPerSec, r.LatencyConsumer
	}
	l := benchLatency{}
	if lat != nil {
		l = *lat
	}
	fmt.Fprintf(w, "| %s | %d | %d | %.0f | %.0f | %s | %s | %s | %s | %.1f | %.0f MiB | %.0f | %.1f | %d |\n",
		rate, r.Monitors, r.Consumers, r.PBXEventsPerSec, recv, fmtMicros(l.P50us), fmtMicros(l.P90us),
		fmtMicros(l.P99us), fmtMicros(l.MaxUs), r.CPUPerEventMicros, float64(r.PeakRSSBytes)/(1<<20),
		r.BytesPerMonitor, r.AllocsPerEvent, r.Lost)
}

// fmtMicros writes a latency in µs, ms or s.
func fmtMicros(us float64) string {
	switch {
	case us >= 1e6:
		return fmt.Sprintf("%.2f s", us/1e6)
	case us >= 1e3:
		return fmt.Sprintf("%.1f ms", us/1e3)
	}
	return fmt.Sprintf("%.0f µs", us)
}
