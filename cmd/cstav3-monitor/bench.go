package main

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/internal/bench"
	"github.com/cstav3/cstav3/internal/bench/pace"
)

// newBenchCmd measures the whole path in one process: the simulator's
// paced events → client → (with --consumers) bridge → TCP XML consumers.
func newBenchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench [--events N] [--monitors M] [--consumers K] [--rate R] [--duration D] [--format text|json]",
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
  cstav3-monitor bench --consumers 100 --events 200000 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runBench(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	f.Int("events", 200000, "events to send (with --duration, whichever ends first)")
	f.Int("monitors", 100, "extensions monitored; events go to each in turn")
	f.Int("consumers", 0, "TCP XML consumers behind the bridge (0: no bridge, measure at the client callback)")
	f.Float64("rate", 0, "events per second the simulator sends (0: as fast as the client takes them)")
	f.Duration("duration", 0, "stop sending after this long (0: after --events)")
	f.String("mix", "Delivered", "event types sent in turn, comma-separated, or \"call\" for all of "+strings.Join(pace.EventTypes, ","))
	f.String("format", "text", "output: text (with --matrix, a Markdown table) or json (one indented object; with --matrix, an array of them)")
	f.Bool("json", false, "deprecated: use --format json")
	deprecate(f, "json", "use --format json instead")
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

// benchFlags reads and checks the flags of one run.
func benchFlags(a *app, cmd *cobra.Command) (bench.Params, error) {
	f := cmd.Flags()
	p := bench.Params{Logger: a.logger}
	p.Events, _ = f.GetInt("events")
	p.Monitors, _ = f.GetInt("monitors")
	p.Consumers, _ = f.GetInt("consumers")
	p.Rate, _ = f.GetFloat64("rate")
	p.Duration, _ = f.GetDuration("duration")
	p.Probe, _ = f.GetDuration("probe")
	p.CPUProfile, _ = f.GetString("cpuprofile")
	p.MemProfile, _ = f.GetString("memprofile")
	mix, _ := f.GetString("mix")
	switch {
	case p.Monitors < 1 || p.Monitors > bench.MaxMonitors:
		return p, usageErrorf("--monitors: 1 to %d", bench.MaxMonitors)
	case p.Consumers < 0 || p.Consumers > 1000:
		return p, usageErrorf("--consumers: 0 to 1000")
	case p.Rate < 0 || p.Duration < 0:
		return p, usageErrorf("--rate and --duration cannot be negative")
	case p.Events <= 0 && p.Duration == 0:
		return p, usageErrorf("give --events or --duration")
	case p.Events > 1<<31:
		return p, usageErrorf("--events: at most %d", 1<<31)
	}
	if mix == "call" {
		p.Mix = pace.EventTypes
	} else {
		for _, t := range strings.Split(mix, ",") {
			t = strings.TrimSpace(t)
			if !slices.Contains(pace.EventTypes, t) {
				return p, usageErrorf("--mix: %q is not one of %s", t, strings.Join(pace.EventTypes, ","))
			}
			p.Mix = append(p.Mix, t)
		}
	}
	return p, nil
}

// runBench is the bench command: the flags, then the harness of
// internal/bench.
func runBench(ctx context.Context, a *app, cmd *cobra.Command) error {
	p, err := benchFlags(a, cmd)
	if err != nil {
		return err
	}
	if err := runBenchParams(ctx, a, cmd, p); err != nil {
		var pe *bench.ParamError
		if errors.As(err, &pe) {
			return &usageError{err.Error()}
		}
		return err
	}
	return nil
}

// runBenchParams runs the matrix or the one run of p and prints it.
func runBenchParams(ctx context.Context, a *app, cmd *cobra.Command, p bench.Params) error {
	format := a.str(cmd, "format")
	if old, _ := cmd.Flags().GetBool("json"); old {
		format = "json"
	}
	if format != "text" && format != "json" {
		return usageErrorf("--format %q: use text or json", format)
	}
	asJSON := format == "json"
	if matrix, _ := cmd.Flags().GetBool("matrix"); matrix {
		m, err := parseMatrix(a.str(cmd, "matrix-rates"), a.str(cmd, "matrix-consumers"), a.str(cmd, "matrix-monitors"))
		if err != nil {
			return err
		}
		return bench.RunMatrix(ctx, p, m, bench.MatrixOutput{Stdout: a.stdout, Stderr: a.stderr, JSON: asJSON,
			Plot: a.str(cmd, "plot")})
	}
	res, err := bench.Run(ctx, p)
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
	bench.WriteText(a.stdout, res)
	return nil
}

// parseMatrix reads the lists of --matrix-rates, --matrix-consumers and
// --matrix-monitors.
func parseMatrix(rates, consumers, monitors string) (bench.Matrix, error) {
	m := bench.Matrix{MaxConsumerMonitors: 100000}
	for _, f := range strings.Split(rates, ",") {
		r, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || r < 0 {
			return m, usageErrorf("--matrix-rates: %q is not a rate (0 for max)", f)
		}
		m.Rates = append(m.Rates, r)
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
	if m.Consumers, err = ints("--matrix-consumers", consumers, 0, 1000); err != nil {
		return m, err
	}
	if m.Monitors, err = ints("--matrix-monitors", monitors, 1, bench.MaxMonitors); err != nil {
		return m, err
	}
	return m, nil
}
