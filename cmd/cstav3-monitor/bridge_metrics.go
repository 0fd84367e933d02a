package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/cstav3/cstav3/xmlbridge"
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

// labelled is one value of a counter family split by reason: consumers
// dropped, connections refused, logins throttled.
func labelled(name, help, label, value string) *prometheus.Desc {
	return prometheus.NewDesc("cstav3_bridge_"+name, help, nil, prometheus.Labels{label: value})
}

const (
	droppedHelp  = "Consumers disconnected by the bridge, by reason."
	refusedHelp  = "Consumer connections closed by the bridge's connection bounds, by reason."
	throttleHelp = "Logins refused unchecked during a lockout, by the lockout's scope."
)

var bridgeStats = []bridgeStat{
	{bridgeDesc("sessions", "Consumer sessions open."), true, func(s xmlbridge.Stats) float64 { return float64(s.Sessions) }},
	{bridgeDesc("consumers", "Consumer connections and event streams open."), true, func(s xmlbridge.Stats) float64 { return float64(s.Consumers) }},
	{bridgeDesc("consumer_monitors", "Monitors of consumers."), true, func(s xmlbridge.Stats) float64 { return float64(s.ConsumerMonitors) }},
	{bridgeDesc("pbx_monitors", "Monitors at the PBX."), true, func(s xmlbridge.Stats) float64 { return float64(s.PBXMonitors) }},
	{bridgeDesc("sessions_started_total", "Sessions started."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsStarted) }},
	{bridgeDesc("sessions_expired_total", "Sessions ended because they were not renewed."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsExpired) }},
	{bridgeDesc("failed_logins_total", "Logins with a wrong user or password."), false, func(s xmlbridge.Stats) float64 { return float64(s.FailedLogins) }},
	{labelled("throttled_logins_total", throttleHelp, "scope", "user_ip"), false, func(s xmlbridge.Stats) float64 { return float64(s.ThrottledLogins - s.ThrottledByIP) }},
	{labelled("throttled_logins_total", throttleHelp, "scope", "ip"), false, func(s xmlbridge.Stats) float64 { return float64(s.ThrottledByIP) }},
	{bridgeDesc("events_in_total", "Events of the PBX monitors."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsIn) }},
	{bridgeDesc("events_out_total", "Event documents queued to consumers."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsOut) }},
	{bridgeDesc("events_dropped_total", "Events lost for a consumer."), false, func(s xmlbridge.Stats) float64 { return float64(s.EventsDropped) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "queue_full"), false, func(s xmlbridge.Stats) float64 { return float64(s.DroppedQueueFull) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "reply_timeout"), false, func(s xmlbridge.Stats) float64 { return float64(s.DroppedReplyTimeout) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "write_timeout"), false, func(s xmlbridge.Stats) float64 { return float64(s.DroppedWriteTimeout) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "bad_framing"), false, func(s xmlbridge.Stats) float64 { return float64(s.BadFrames) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "login_timeout"), false, func(s xmlbridge.Stats) float64 { return float64(s.LoginTimeouts) }},
	{labelled("consumers_dropped_total", droppedHelp, "reason", "tls_failure"), false, func(s xmlbridge.Stats) float64 { return float64(s.TLSFailures) }},
	{labelled("refused_connections_total", refusedHelp, "reason", "pending_logins"), false, func(s xmlbridge.Stats) float64 { return float64(s.ReapedAll) }},
	{labelled("refused_connections_total", refusedHelp, "reason", "pending_logins_per_ip"), false, func(s xmlbridge.Stats) float64 { return float64(s.ReapedPerIP) }},
	{labelled("refused_connections_total", refusedHelp, "reason", "max_conns"), false, func(s xmlbridge.Stats) float64 { return float64(s.RefusedMaxConns) }},
	{bridgeDesc("pending_logins", "Consumer connections without a session."), true, func(s xmlbridge.Stats) float64 { return float64(s.PendingLogins) }},
	{bridgeDesc("sessions_ended_total", "Sessions ended, for any reason."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsEnded) }},
	{bridgeDesc("sessions_refused_total", "Sessions refused: the bridge's session limit was reached."), false, func(s xmlbridge.Stats) float64 { return float64(s.SessionsRefused) }},
	{bridgeDesc("user_quota_refusals_total", "Sessions and monitors refused by a user's quota."), false, func(s xmlbridge.Stats) float64 { return float64(s.UserQuotaRefusals) }},
	{bridgeDesc("login_lockouts_total", "Lockouts started, of a user at an IP or of an IP."), false, func(s xmlbridge.Stats) float64 { return float64(s.LoginLockouts) }},
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
