package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// clientMetrics are the Prometheus metrics of a client: what the CLI counts
// itself (events by type, requests by outcome and latency, link changes),
// and the client's own counters, read from Client.Stats at each scrape.
type clientMetrics struct {
	events      *prometheus.CounterVec
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	linkChanges *prometheus.CounterVec

	mu       sync.Mutex
	client   *cstav3.Client
	monitors []*cstav3.Monitor
}

func newClientMetrics(reg prometheus.Registerer) *clientMetrics {
	m := &clientMetrics{
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cstav3_events_total", Help: "Events delivered to the monitors, by ASN.1 event type.",
		}, []string{"type"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cstav3_requests_total", Help: "CSTA requests sent, by operation and outcome (ok, csta_error, rejected, link_down, timeout, error).",
		}, []string{"operation", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "cstav3_request_duration_seconds", Help: "Time from a CSTA request to its answer, by operation.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16),
		}, []string{"operation"}),
		linkChanges: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "cstav3_link_state_changes_total", Help: "Changes of the link state, by new state (up, down, closed).",
		}, []string{"state"}),
	}
	reg.MustRegister(m.events, m.requests, m.latency, m.linkChanges, m)
	return m
}

// observer is the client option that feeds the request and event
// counters; nil metrics give none.
func (m *clientMetrics) observer() []cstav3.Option {
	if m == nil {
		return nil
	}
	return []cstav3.Option{cstav3.WithObserver(cstav3.Observer{Request: m.request, Event: m.event})}
}

// attach makes the metrics read the counters and the link state of c and
// its monitors, and count its link changes (a link already up counts as
// one change to up).
func (m *clientMetrics) attach(c *cstav3.Client) {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.client = c
	m.mu.Unlock()
	c.NotifyLinkState(m.link)
	if c.State() == cstav3.LinkUp {
		m.linkChanges.WithLabelValues(cstav3.LinkUp.String()).Inc()
	}
}

func (m *clientMetrics) addMonitor(mon *cstav3.Monitor) {
	m.mu.Lock()
	m.monitors = append(m.monitors, mon)
	m.mu.Unlock()
}

// request records one request.
func (m *clientMetrics) request(op cstav3.Opcode, d time.Duration, err error) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(op.String(), outcome(err)).Inc()
	m.latency.WithLabelValues(op.String()).Observe(d.Seconds())
}

func (m *clientMetrics) event(ev cstav3.Event) {
	if m == nil {
		return
	}
	m.events.WithLabelValues(ev.Type().String()).Inc()
}

func (m *clientMetrics) link(ev cstav3.LinkEvent) {
	if m == nil {
		return
	}
	m.linkChanges.WithLabelValues(ev.State.String()).Inc()
}

var clientStatDescs = struct {
	linkUp, received, dropped, monDropped, unknownXref, badPDUs, unmatched, statusAnswered, rejectsSent, reconnects, heartbeat, inFlight *prometheus.Desc
}{
	linkUp:         prometheus.NewDesc("cstav3_link_up", "1 while the link to the PBX is associated, else 0.", nil, nil),
	received:       prometheus.NewDesc("cstav3_events_received_total", "Event reports decoded by the client.", nil, nil),
	dropped:        prometheus.NewDesc("cstav3_events_dropped_total", "Events dropped because the client's event queue or a monitor's channel was full.", nil, nil),
	monDropped:     prometheus.NewDesc("cstav3_monitor_events_dropped_total", "Events dropped by the monitors' channels, by device.", []string{"device"}, nil),
	unknownXref:    prometheus.NewDesc("cstav3_events_unknown_crossref_total", "Events for no known monitor.", nil, nil),
	badPDUs:        prometheus.NewDesc("cstav3_bad_pdus_total", "PDUs from the PBX that could not be decoded.", nil, nil),
	unmatched:      prometheus.NewDesc("cstav3_unmatched_answers_total", "Answers to no pending request.", nil, nil),
	statusAnswered: prometheus.NewDesc("cstav3_pbx_status_answered_total", "SystemStatus requests of the PBX answered.", nil, nil),
	rejectsSent:    prometheus.NewDesc("cstav3_rejects_sent_total", "Unsupported invokes of the PBX rejected.", nil, nil),
	reconnects:     prometheus.NewDesc("cstav3_reconnects_total", "Successful re-associations after a link loss.", nil, nil),
	heartbeat:      prometheus.NewDesc("cstav3_heartbeat_failures_total", "Links declared dead by supervision.", nil, nil),
	inFlight:       prometheus.NewDesc("cstav3_requests_in_flight", "Requests waiting for their answer.", nil, nil),
}

// Describe and Collect make clientMetrics a collector of Client.Stats.
func (m *clientMetrics) Describe(ch chan<- *prometheus.Desc) {
	d := clientStatDescs
	for _, x := range []*prometheus.Desc{d.linkUp, d.received, d.dropped, d.monDropped, d.unknownXref, d.badPDUs, d.unmatched, d.statusAnswered, d.rejectsSent, d.reconnects, d.heartbeat, d.inFlight} {
		ch <- x
	}
}

func (m *clientMetrics) Collect(ch chan<- prometheus.Metric) {
	m.mu.Lock()
	c, mons := m.client, append([]*cstav3.Monitor(nil), m.monitors...)
	m.mu.Unlock()
	if c == nil {
		return
	}
	s := c.Stats()
	d := clientStatDescs
	counter := func(desc *prometheus.Desc, v uint64) {
		ch <- prometheus.MustNewConstMetric(desc, prometheus.CounterValue, float64(v))
	}
	counter(d.received, s.EventsReceived)
	counter(d.dropped, s.EventsDropped)
	counter(d.unknownXref, s.UnknownCrossRef)
	counter(d.badPDUs, s.BadPDUs)
	counter(d.unmatched, s.Unmatched)
	counter(d.statusAnswered, s.StatusAnswered)
	counter(d.rejectsSent, s.RejectsSent)
	counter(d.reconnects, s.Reconnects)
	counter(d.heartbeat, s.HeartbeatFailures)
	ch <- prometheus.MustNewConstMetric(d.inFlight, prometheus.GaugeValue, float64(s.InFlight))
	up := 0.0
	if c.State() == cstav3.LinkUp {
		up = 1
	}
	ch <- prometheus.MustNewConstMetric(d.linkUp, prometheus.GaugeValue, up)
	for _, mon := range mons {
		ch <- prometheus.MustNewConstMetric(d.monDropped, prometheus.CounterValue, float64(mon.Dropped()), mon.Device().String())
	}
}

// simCollector exports hipathsim.Server.Stats.
type simCollector struct{ s *hipathsim.Server }

var simDescs = map[string]*prometheus.Desc{}

func simDesc(name, help string, labels ...string) *prometheus.Desc {
	if d, ok := simDescs[name]; ok {
		return d
	}
	d := prometheus.NewDesc("hipathsim_"+name, help, labels, nil)
	simDescs[name] = d
	return d
}

type simStat struct {
	name, help string
	get        func(hipathsim.Stats) uint64
}

var simStats = []simStat{
	{"links_accepted_total", "TCP connections accepted.", func(s hipathsim.Stats) uint64 { return s.LinksAccepted }},
	{"links_associated_total", "Associations (AARQs) accepted.", func(s hipathsim.Stats) uint64 { return s.LinksAssociated }},
	{"links_rejected_total", "Associations rejected (bad credentials or context).", func(s hipathsim.Stats) uint64 { return s.LinksRejected }},
	{"links_closed_total", "Links ended, for any reason.", func(s hipathsim.Stats) uint64 { return s.LinksClosed }},
	{"links_dropped_total", "Links the switch dropped (queue overflow, heartbeat, DropLinks).", func(s hipathsim.Stats) uint64 { return s.LinksDropped }},
	{"queue_overflows_total", "Links dropped because their client did not read.", func(s hipathsim.Stats) uint64 { return s.QueueOverflows }},
	{"heartbeat_drops_total", "Links dropped after unanswered SystemStatus requests.", func(s hipathsim.Stats) uint64 { return s.HeartbeatDrops }},
	{"status_sent_total", "SystemStatus invokes sent.", func(s hipathsim.Stats) uint64 { return s.StatusSent }},
	{"status_answered_total", "Answers to SystemStatus received.", func(s hipathsim.Stats) uint64 { return s.StatusAnswered }},
	{"events_sent_total", "Event reports written to sockets.", func(s hipathsim.Stats) uint64 { return s.EventsSent }},
	{"errors_total", "Requests answered with universalFailure.", func(s hipathsim.Stats) uint64 { return s.Errors }},
	{"rejects_total", "PDUs answered with a ROSE Reject.", func(s hipathsim.Stats) uint64 { return s.Rejects }},
	{"calls_started_total", "Calls created, by any means.", func(s hipathsim.Stats) uint64 { return s.CallsStarted }},
	{"traffic_calls_total", "Scenarios the traffic generator started.", func(s hipathsim.Stats) uint64 { return s.TrafficCalls }},
	{"traffic_skipped_total", "Scenarios skipped for want of idle devices.", func(s hipathsim.Stats) uint64 { return s.TrafficSkipped }},
}

func init() {
	for _, st := range simStats {
		simDesc(st.name, st.help)
	}
	simDesc("requests_total", "Client invokes received, by operation.", "operation")
	simDesc("links_open", "Client connections open now.")
}

func (c simCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range simDescs {
		ch <- d
	}
}

func (c simCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.s.Stats()
	for _, st := range simStats {
		ch <- prometheus.MustNewConstMetric(simDescs[st.name], prometheus.CounterValue, float64(st.get(s)))
	}
	for op, n := range s.Requests {
		ch <- prometheus.MustNewConstMetric(simDescs["requests_total"], prometheus.CounterValue, float64(n), op.String())
	}
	ch <- prometheus.MustNewConstMetric(simDescs["links_open"], prometheus.GaugeValue, float64(c.s.Links()))
}

// newRegistry returns a registry with the Go and process collectors.
func newRegistry() *prometheus.Registry {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return reg
}

// serveMetrics serves reg on http://addr/metrics until stop is called. It
// returns the address it listens on (useful with port 0).
func serveMetrics(addr string, reg *prometheus.Registry) (string, func(), error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", nil, usageErrorf("--metrics %q: not a HOST:PORT address", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("metrics: cannot listen on %s: %v", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{Registry: reg}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			_ = err // the listener failed: nothing to do but stop
		}
	}()
	stop := func() {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-done
	}
	return ln.Addr().String(), stop, nil
}
