package main

import (
	"github.com/cstav3/cstav3/xmlbridge"
	"github.com/prometheus/client_golang/prometheus"
)

// bridgeCollector exports the counters of an xmlbridge.Server.
type bridgeCollector struct{ s *xmlbridge.Server }

type bridgeStat struct {
	desc  *prometheus.Desc
	gauge bool
	get   func(xmlbridge.Stats) float64
}

func bridgeDesc(name, help string) *prometheus.Desc {
	return prometheus.NewDesc("cstav3_bridge_"+name, help, nil, nil)
}

// droppedDesc is the consumers dropped for one reason: slow (queue
// overflow or write timeout) or bad_framing (bad framing or an oversize
// message).
func droppedDesc(reason string) *prometheus.Desc {
	return prometheus.NewDesc("cstav3_bridge_consumers_dropped_total",
		"Consumers disconnected by the bridge, by reason (slow, bad_framing).", nil, prometheus.Labels{"reason": reason})
}

var bridgeStats = []bridgeStat{
	{bridgeDesc("sessions", "Consumer sessions open."), true, func(s xmlbridge.Stats) float64 { return float64(s.Sessions) }},
	{bridgeDesc("consumers", "Consumer connections and event streams open."), true, func(s xmlbridge.Stats) float64 { return float64(s.Consumers) }},
	{bridgeDesc("consumer_monitors", "Monitors of consumers."), true, func(s xmlbridge.Stats) float64 { return float64(s.ConsumerMonitors) }},
	{bridgeDesc("pbx_monitors", "Monitors at the PBX."), true, func(s xmlbridge.Stats) float64 { return float64(s.PBXMonitors) }},
	{bridgeDesc("sessions_started_total", "Sessions started."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsStarted) }},
	{bridgeDesc("sessions_expired_total", "Sessions ended because they were not renewed."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsExpired) }},
	{bridgeDesc("failed_logins_total", "Logins with a wrong user or password."), false, func(s xmlbridge.Stats) float64 { return float64(s.FailedLogins) }},
	{bridgeDesc("throttled_logins_total", "Logins refused after too many failures."), false, func(s xmlbridge.Stats) float64 { return float64(s.ThrottledLogins) }},
	{bridgeDesc("events_in_total", "Events of the PBX monitors."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsIn) }},
	{bridgeDesc("events_out_total", "Event documents queued to consumers."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsOut) }},
	{bridgeDesc("events_dropped_total", "Events lost for a consumer."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsDropped) }},
	{droppedDesc("slow"), false, func(s xmlbridge.Stats) float64 { return float64(s.ConsumersDropped) }},
	{droppedDesc("bad_framing"), false, func(s xmlbridge.Stats) float64 { return float64(s.BadFrames) }},
	{bridgeDesc("refused_connections_total", "TCP consumer connections closed at once: too many were waiting for a login, or the connection cap was reached."), false, func(s xmlbridge.Stats) float64 { return float64(s.RefusedConns) }},
	{bridgeDesc("events_filtered_total", "Event documents suppressed by a consumer's filter."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsFiltered) }},
	{bridgeDesc("status_events_total", "SystemStatus documents queued to consumers on PBX link changes."), false, func(s xmlbridge.Stats) float64 { return float64(s.StatusEvents) }},
	{bridgeDesc("requests_ok_total", "Consumer requests answered with a response."), false, func(s xmlbridge.Stats) float64 { return float64(s.RequestsOK) }},
	{bridgeDesc("requests_failed_total", "Consumer requests answered with a CSTA error."), false, func(s xmlbridge.Stats) float64 { return float64(s.RequestsFailed) }},
	{bridgeDesc("requests_refused_total", "Consumer requests refused by the bridge."), false, func(s xmlbridge.Stats) float64 { return float64(s.RequestsRefused) }},
	{bridgeDesc("requests_malformed_total", "Consumer messages that were not valid requests."), false, func(s xmlbridge.Stats) float64 { return float64(s.RequestsMalformed) }},
	{bridgeDesc("connections", "Consumer connections open, TCP and HTTP."), true, func(s xmlbridge.Stats) float64 { return float64(s.Conns) }},
	{bridgeDesc("refused_http_connections_total", "HTTP connections closed at once: a connection cap was reached."), false, func(s xmlbridge.Stats) float64 { return float64(s.RefusedHTTPConns) }},
	{bridgeDesc("http_body_timeouts_total", "HTTP requests whose body did not arrive in time."), false, func(s xmlbridge.Stats) float64 { return float64(s.BodyTimeouts) }},
	{bridgeDesc("http_buffer_drops_total", "Documents dropped by HTTP sessions without an event stream."), false, func(s xmlbridge.Stats) float64 { return float64(s.HTTPBufferDrops) }},
}

func (c bridgeCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, st := range bridgeStats {
		ch <- st.desc
	}
}

func (c bridgeCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.s.Stats()
	for _, st := range bridgeStats {
		t := prometheus.CounterValue
		if st.gauge {
			t = prometheus.GaugeValue
		}
		ch <- prometheus.MustNewConstMetric(st.desc, t, st.get(s))
	}
}
