package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"time"
)

// Matrix is the set of runs of cstav3-monitor bench --matrix: every
// combination of its rates, consumer counts and monitor counts.
type Matrix struct {
	Rates     []float64
	Consumers []int
	Monitors  []int
	// MaxConsumerMonitors skips the runs whose consumers × monitors exceed
	// it (0: none): 100 consumers of 10,000 devices each are a million XML
	// monitors.
	MaxConsumerMonitors int
}

// MatrixOutput says where RunMatrix writes: the table (or JSON) to
// Stdout, the skipped runs to Stderr, the plot to Plot if set.
type MatrixOutput struct {
	Stdout, Stderr io.Writer
	JSON           bool   // a JSON array of the Results instead of a Markdown table
	Plot           string // PNG file of WritePlot
}

// RunMatrix runs every combination of m for p.Duration (5 s if zero)
// each, events without limit, and prints a Markdown table, or a JSON
// array; it returns nil when ctx ends (Ctrl-C).
func RunMatrix(ctx context.Context, p Params, m Matrix, out MatrixOutput) error {
	if p.Duration == 0 {
		p.Duration = 5 * time.Second
	}
	p.Events = 0
	var all []*Result
	if !out.JSON {
		printMatrixHeader(out.Stdout)
	}
	for _, mon := range m.Monitors {
		for _, k := range m.Consumers {
			if m.MaxConsumerMonitors > 0 && k*mon > m.MaxConsumerMonitors {
				fmt.Fprintf(out.Stderr, "bench: skipping %d consumers × %d monitors (over %d consumer monitors)\n", k, mon, m.MaxConsumerMonitors)
				continue
			}
			for _, r := range m.Rates {
				q := p
				q.Rate, q.Consumers, q.Monitors = r, k, mon
				resetPeakRSS()
				res, err := Run(ctx, q)
				if err != nil {
					if ctx.Err() != nil {
						return nil // Ctrl-C
					}
					return fmt.Errorf("rate %g, %d consumers, %d monitors: %w", r, k, mon, err)
				}
				all = append(all, res)
				if !out.JSON {
					printMatrixRow(out.Stdout, res)
				}
			}
		}
	}
	if out.Plot != "" {
		if err := WritePlot(out.Plot, m, all); err != nil {
			return err
		}
	}
	if out.JSON {
		enc := json.NewEncoder(out.Stdout)
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

// printMatrixHeader writes the head of the Markdown table.
func printMatrixHeader(w io.Writer) {
	fmt.Fprintln(w, "| rate (events/s) | monitors | consumers | PBX events/s | received events/s | p50 | p90 | p99 | max | CPU µs/event | peak RSS | B/monitor | allocs/event | lost |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
}

// printMatrixRow writes the table's row of r.
func printMatrixRow(w io.Writer, r *Result) {
	rate := "max"
	if r.Rate > 0 {
		rate = strconv.FormatFloat(r.Rate, 'f', -1, 64)
	}
	recv, lat := r.CallbackEventsPerSec, r.LatencyCallback
	if r.Consumers > 0 {
		recv, lat = r.ConsumerEventsPerSec, r.LatencyConsumer
	}
	l := Latency{}
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
