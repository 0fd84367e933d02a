package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/internal/capture"
)

func newWatchCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "watch --pbx HOST:PORT --devices LIST",
		Short: "Monitor extensions of a PBX and print their call events live",
		Long: `Associate with the PBX, start a monitor on every extension of --devices
(a list: 100,105,110-119) and print each call event as it arrives, with the
changes of the link's state, until Ctrl-C.

The link is kept alive (the PBX's SystemStatus requests are answered, and the
client sends its own when the link is idle); when it is lost the client
reconnects with backoff and starts the monitors again.

--format text prints aligned columns (coloured on a terminal); json prints one
object per line: {"time", "monitor", "crossRefIdentifier", "type", "name",
and the event's fields}, enumerations by their ASN.1 names, call ids and
cross-references as lowercase hex, devices as their number text. Link changes
are {"time", "link": "up|down|closed", "pbx", "error"}; a started monitor is
{"time", "monitor", "crossRefIdentifier", "status": "monitoring"}.`,
		Example: `  cstav3-monitor watch --pbx 10.0.0.5:7001 --devices 100,101
  cstav3-monitor watch --pbx 10.0.0.5 --devices 100-120,200 --format json | jq .
  cstav3-monitor watch --pbx 10.0.0.5 --devices 100 --capture link.pcap --metrics 127.0.0.1:9464
  CSTAV3_PBX=10.0.0.5:8800 CSTAV3_PASSWORD=secret CSTAV3_DEVICES=100,101 cstav3-monitor watch`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return runWatch(cmd.Context(), a, cmd) },
	}
	f := cmd.Flags()
	connFlags(f)
	heartbeatFlags(f)
	devicesFlag(f, "", "the extensions to monitor", "device")
	f.String("format", "text", "output: text, json (one object per line) or xml (ECMA-323 documents, one per line)")
	f.String("capture", "", "write the PBX link traffic to this pcap file")
	f.String("metrics", "", "serve Prometheus metrics on HOST:PORT/metrics")
	f.Bool("retry", false, "when the PBX cannot be reached, keep dialling (with backoff) instead of failing; a rejected password still fails")
	return cmd
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
	devs, err := devices(cmd)
	if err != nil {
		return err
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
	err = watchLoop(ctx, a, client, first, addr, devs, p, m)
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
func watchLoop(ctx context.Context, a *app, client *cstav3.Client, first *cstav3.LinkEvent, addr string, devs []string, p *printer, m *clientMetrics) error {
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
	for _, dev := range devs {
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
