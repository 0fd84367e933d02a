package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/internal/capture"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"
)

func newWatchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "watch --pbx HOST:PORT --device N [--device N …]",
		Short: "Monitor extensions of a PBX and print their call events live",
		Long: `Associate with the PBX, start a monitor on every --device and print each call
event as it arrives, with the changes of the link's state, until Ctrl-C.

The link is kept alive (the PBX's SystemStatus requests are answered, and the
client sends its own when the link is idle); when it is lost the client
reconnects with backoff and starts the monitors again.

--format text prints aligned columns (coloured on a terminal); json prints one
object per line: {"time", "monitor", "crossRefIdentifier", "type", "name",
and the event's fields}, enumerations by their ASN.1 names, call ids and
cross-references as lowercase hex, devices as their number text. Link changes
are {"time", "link": "up|down|closed", "pbx", "error"}; a started monitor is
{"time", "monitor", "crossRefIdentifier", "status": "monitoring"}.`,
		Example: `  cstav3-monitor watch --pbx 10.0.0.5:7001 --device 100 --device 101
  cstav3-monitor watch --pbx 10.0.0.5 --device 100-120,200 --format json | jq .
  cstav3-monitor watch --pbx 10.0.0.5 --device 100 --capture link.pcap --metrics 127.0.0.1:9464
  CSTAV3_PBX=10.0.0.5:8800 CSTAV3_PASSWORD=secret cstav3-monitor watch --device 100`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWatch(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	connFlags(f)
	heartbeatFlags(f)
	f.StringSlice("device", nil, "extension to monitor; repeat it, or give lists and ranges: 100,101 or 100-110")
	f.String("format", "text", "output: text, json (one object per line) or xml (ECMA-323 documents, one per line)")
	f.String("capture", "", "write the PBX link traffic to this pcap file")
	f.String("metrics", "", "serve Prometheus metrics on HOST:PORT/metrics")
	f.Bool("retry", false, "when the PBX cannot be reached, keep dialling (with backoff) instead of failing; a rejected password still fails")
	return cmd
}

// parseDevices expands lists and ranges of extensions.
func parseDevices(items []string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(d string) {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, item := range items {
		for _, part := range strings.FieldsFunc(item, func(r rune) bool { return r == ',' || r == ' ' }) {
			lo, hi, isRange := strings.Cut(part, "-")
			if !isRange {
				if !validDevice(part) {
					return nil, fmt.Errorf("device %q: not a dialling number (digits, *, #, +)", part)
				}
				add(part)
				continue
			}
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || a < 0 || b < a {
				return nil, fmt.Errorf("device range %q: use LOW-HIGH, e.g. 100-110", part)
			}
			if b-a >= 1000 {
				return nil, fmt.Errorf("device range %q: more than 1000 devices", part)
			}
			for n := a; n <= b; n++ {
				add(strconv.Itoa(n))
			}
		}
	}
	return out, nil
}

func validDevice(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789*#+", r) {
			return false
		}
	}
	return true
}

// extras are the optional capture file and metrics server of watch and
// sim.
type extras struct {
	capture     *capture.Writer
	reg         *prometheus.Registry
	stopMetrics func()
}

func (a *app) startExtras(cmd *cobra.Command) (*extras, error) {
	x := &extras{}
	if path := a.str(cmd, "capture"); path != "" {
		w, err := capture.Create(path)
		if err != nil {
			return nil, err
		}
		x.capture = w
		fmt.Fprintf(a.stderr, "capturing the PBX link to %s\n", path)
	}
	if addr := a.str(cmd, "metrics"); addr != "" {
		x.reg = newRegistry()
		bound, stop, err := serveMetrics(addr, x.reg)
		if err != nil {
			x.close()
			return nil, err
		}
		x.stopMetrics = stop
		fmt.Fprintf(a.stderr, "metrics on http://%s/metrics\n", bound)
	}
	return x, nil
}

func (x *extras) close() error {
	if x.stopMetrics != nil {
		x.stopMetrics()
	}
	if x.capture != nil {
		return x.capture.Close()
	}
	return nil
}

func runWatch(ctx context.Context, a *app, cmd *cobra.Command) error {
	format := a.str(cmd, "format")
	if err := checkFormat(format); err != nil {
		return err
	}
	raw, _ := cmd.Flags().GetStringSlice("device")
	devices, err := parseDevices(raw)
	if err != nil {
		return usageErrorf("--device: %v", err)
	}
	if len(devices) == 0 {
		return usageErrorf("give at least one --device to monitor (e.g. --device 100 --device 101, or --device 100-110)")
	}
	addr, err := pbxAddr(cmd)
	if err != nil {
		return err
	}
	color, err := useColor(cmd, a.stdout)
	if err != nil {
		return err
	}
	x, err := a.startExtras(cmd)
	if err != nil {
		return err
	}
	var m *clientMetrics
	if x.reg != nil {
		m = newClientMetrics(x.reg)
	}
	client, first, err := a.watchClient(ctx, cmd, x.capture, m.observer()...)
	if err != nil || client == nil {
		x.close()
		return err
	}
	p := &printer{w: a.stdout, json: format == "json", xml: format == "xml", color: color}
	err = watchLoop(ctx, a, client, first, addr, devices, p, m)
	if cerr := x.close(); cerr != nil && err == nil {
		err = fmt.Errorf("capture: %v", cerr)
	}
	return err
}

// watchClient connects to the PBX: at once or failing, or with --retry
// dialling until the link is up (or the password is rejected). It returns
// the client, the first link state if it read it, and no client and no
// error when ctx ended first.
func (a *app) watchClient(ctx context.Context, cmd *cobra.Command, w *capture.Writer, opts ...cstav3.Option) (*cstav3.Client, *cstav3.LinkEvent, error) {
	lk, err := a.pbxLink(cmd, w)
	if err != nil {
		return nil, nil, err
	}
	if retry, _ := cmd.Flags().GetBool("retry"); !retry {
		c, err := lk.connect(ctx, opts...)
		return c, nil, err
	}
	c, err := cstav3.Start(append(lk.opts, opts...)...)
	if err != nil {
		return nil, nil, err
	}
	a.logger.Info("dialling the PBX until it answers", "pbx", lk.addr)
	select {
	case ev := <-c.LinkStates():
		if ev.State != cstav3.LinkUp {
			c.Close()
			return nil, nil, explainConnect(ev.Err, lk.addr, lk.user, lk.timeout)
		}
		return c, &ev, nil
	case <-ctx.Done():
		c.Close()
		return nil, nil, nil
	}
}

// watchLoop monitors devices over client and prints until ctx ends or the
// link closes for good; it closes the client. first is the first link
// state if the caller read it.
func watchLoop(ctx context.Context, a *app, client *cstav3.Client, first *cstav3.LinkEvent, addr string, devices []string, p *printer, m *clientMetrics) error {
	var closing atomic.Bool
	linkDone := make(chan error, 1)
	var linkErr error
	link := func(ev cstav3.LinkEvent) {
		if closing.Load() && ev.State == cstav3.LinkClosed {
			return
		}
		p.Link(ev, addr)
		if ev.State == cstav3.LinkClosed && linkErr == nil {
			linkErr = fmt.Errorf("the link to %s closed: %v", addr, ev.Err)
			linkDone <- linkErr
		}
	}
	// The first state, which Connect queued, is printed before the
	// monitors' lines, so that the output reads in the order things happen.
	states := client.LinkStates()
	if first != nil {
		link(*first)
	} else if ev, ok := <-states; ok {
		link(ev)
	}
	m.attach(client)
	go func() {
		for ev := range states {
			link(ev)
		}
		close(linkDone)
	}()
	p.Header()
	var notesMu sync.Mutex
	started := 0
	for _, dev := range devices {
		var mon atomic.Pointer[cstav3.Monitor]
		cfg := cstav3.MonitorConfig{
			OnEvent: func(ev cstav3.Event) {
				var xref cstav3.CrossRefID
				if mn := mon.Load(); mn != nil {
					xref = mn.CrossRef()
				}
				p.Event(time.Now(), dev, xref, ev)
			},
			// These run on the client's retry goroutines, one per monitor.
			OnError: func(err error) {
				notesMu.Lock()
				defer notesMu.Unlock()
				fmt.Fprintf(a.stderr, "cstav3-monitor: monitor of %s down, retrying: %v\n", dev, err)
			},
			OnResume: func() {
				notesMu.Lock()
				defer notesMu.Unlock()
				fmt.Fprintf(a.stderr, "cstav3-monitor: monitor of %s back\n", dev)
			},
		}
		rctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		mn, err := client.Monitor(rctx, cstav3.Dialing(dev), cfg)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			fmt.Fprintf(a.stderr, "cstav3-monitor: cannot monitor %s: %v\n", dev, explainRequest("MonitorStart", err))
			continue
		}
		mon.Store(mn)
		if m != nil {
			m.addMonitor(mn)
		}
		p.Monitoring(dev, mn.CrossRef())
		started++
	}
	var err error
	if started == 0 && ctx.Err() == nil {
		err = &exitError{code: exitFailure, msg: "no device could be monitored"}
	} else {
		select {
		case <-ctx.Done():
		case e, ok := <-linkDone:
			if ok {
				err = e
			}
		}
	}
	closing.Store(true)
	client.Close()
	return err
}
