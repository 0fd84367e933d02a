package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

func demoFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	devicesFlag(f, "100-105", "the extensions of the simulated PBX to monitor (numbers)", "monitor")
	f.Float64("call-rate", 2, "generated calls per second (a mix of answered, unanswered, transferred and conferenced calls)")
	f.Duration("hold-time", 3*time.Second, "talk time of a generated call")
	f.String("format", "text", "output: text, json (one object per line) or xml (ECMA-323 documents, one per line)")
}

// runDemo starts the embedded simulator with generated traffic, monitors
// some of its extensions and prints the events until ctx ends.
func runDemo(ctx context.Context, a *app, cmd *cobra.Command) error {
	format := a.str(cmd, "format")
	if err := checkFormat(format); err != nil {
		return err
	}
	devs, err := devices(cmd)
	if err != nil {
		return err
	}
	lo, hi := 1<<30, 0
	for _, d := range devs {
		n, err := strconv.Atoi(d)
		if err != nil || !digits(d) {
			return usageErrorf("--devices: device %q: the simulated extensions are numbers", d)
		}
		lo, hi = min(lo, n), max(hi, n)
	}
	rate, _ := cmd.Flags().GetFloat64("call-rate")
	hold, _ := cmd.Flags().GetDuration("hold-time")
	if rate < 0 || hold < 0 {
		return usageErrorf("--call-rate and --hold-time cannot be negative")
	}
	color, err := useColor(cmd, a.stdout)
	if err != nil {
		return err
	}

	// Two extensions more than are monitored, so that some calls go to
	// phones nobody watches.
	sim, err := hipathsim.Start(hipathsim.Config{FirstDevice: lo, LastDevice: hi + 2, Logger: a.logger})
	if err != nil {
		return fmt.Errorf("cannot start the simulator: %v", err)
	}
	defer sim.Close()
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	client, err := hipath.Dial(dctx, sim.Addr(), cstav3.WithLogger(a.logger))
	cancel()
	if err != nil {
		return explainConnect(err, sim.Addr(), hipath.DefaultUser, 10*time.Second)
	}
	p := &printer{w: a.stdout, json: format == "json", xml: format == "xml", color: color}
	p.Note(fmt.Sprintf("cstav3-monitor demo: a simulated HiPath on %s (extensions %d-%d) with %g generated calls/s; Ctrl-C to stop.",
		sim.Addr(), lo, hi+2, rate))
	// The XML bridge on a free port, for trying an ECMA-323 consumer.
	stopBridge, err := startBridge(client, map[string]string{"demo": "demo"}, nil, 0, a, "127.0.0.1:0", "", "", p, nil)
	if err != nil {
		client.Close()
		return err
	}
	defer stopBridge()
	p.Note("XML consumers log in with StartApplicationSession as demo/demo (ECMA-323 8-byte header framing).")
	p.Note("Monitoring " + strings.Join(devs, " ") + ". Try: cstav3-monitor watch --pbx " + sim.Addr() + " --devices " + devs[0])
	stop := sim.StartTraffic(ctx, hipathsim.TrafficConfig{
		Rate:     rate,
		Answered: 4, Unanswered: 2, Transferred: 2, Conferenced: 1,
		HoldTime: hold,
		Seed:     time.Now().UnixNano(),
	})
	start := time.Now()
	err = watchLoop(ctx, a, client, nil, sim.Addr(), devs, p, nil)
	stop()
	st := sim.Stats()
	sim.Close()
	if err == nil {
		p.Note(fmt.Sprintf("Stopped after %s: %d calls, %d events shown.",
			time.Since(start).Round(100*time.Millisecond), st.CallsStarted, p.Events()))
	}
	return err
}
