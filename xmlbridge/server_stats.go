package xmlbridge

import "sync/atomic"

// Stats are the counters of a Server, for metrics and tests. The first five
// are gauges (the state now); the others count since NewServer. Where a
// counter is split by reason, the parts add up to it.
type Stats struct {
	Sessions         int // open sessions
	Consumers        int // TCP connections plus open HTTP event streams
	ConsumerMonitors int // monitors of consumers
	PBXMonitors      int // monitors at the PBX (starting ones included)
	PendingLogins    int // TCP connections without a session (Config.MaxPendingLogins)

	SessionsStarted uint64
	SessionsEnded   uint64 // for any reason: stopped, expired, connection closed, server closed
	SessionsExpired uint64 // of SessionsEnded, those not renewed in time
	SessionsRefused uint64 // StartApplicationSession refused with sessionLimitExceeded: MaxSessions open
	// UserQuotaRefusals counts sessions and monitors refused because their
	// user reached MaxSessionsPerUser or MaxMonitorsPerUser.
	UserQuotaRefusals uint64
	FailedLogins      uint64 // wrong user or password
	ThrottledLogins   uint64 // refused unchecked during a lockout (see Config.LoginFailures)
	ThrottledByIP     uint64 // of ThrottledLogins, those refused for their remote IP's lockout
	LoginLockouts     uint64 // lockouts started, of a user at an IP or of an IP

	EventsIn       uint64 // events of the PBX monitors
	EventsOut      uint64 // event documents queued to consumers
	EventsFiltered uint64 // suppressed by a consumer's filter
	EventsDropped  uint64 // lost: queue full under SlowDropEvents, or not encodable
	StatusEvents   uint64 // SystemStatus documents queued on PBX link changes

	// ConsumersDropped counts the consumers disconnected as slow, by
	// reason: their event queue overflowed (TCP and HTTP), a response
	// waited WriteTimeout for room in the queue, or a write blocked for
	// WriteTimeout.
	ConsumersDropped    uint64
	DroppedQueueFull    uint64
	DroppedReplyTimeout uint64
	DroppedWriteTimeout uint64
	// Other disconnections the bridge makes: LoginTimeouts, TCP
	// connections without a session for LoginTimeout; TLSFailures, failed
	// TLS handshakes on the TCP transports; BadFrames, bad framing or
	// oversize messages.
	LoginTimeouts uint64
	TLSFailures   uint64
	BadFrames     uint64
	// RefusedConns counts the TCP connections closed by the bounds on
	// connections without a session: ReapedAll by MaxPendingLogins,
	// ReapedPerIP by MaxPendingLoginsPerIP (the oldest of them is closed
	// to make room for a new one); and RefusedMaxConns those closed at
	// once because the bridge had MaxConns consumer connections open.
	RefusedConns    uint64
	ReapedAll       uint64
	ReapedPerIP     uint64
	RefusedMaxConns uint64

	RequestsOK        uint64 // answered with a response
	RequestsFailed    uint64 // answered with a CSTA error from the PBX, or the PBX link down or too slow
	RequestsRefused   uint64 // refused by the bridge: no session, not the session's monitor, a limit
	RequestsMalformed uint64 // not XML, unknown, or with values that do not map

	// Connections and HTTP hardening.
	Conns            int    // consumer connections open, TCP and HTTP, against Config.MaxConns
	RefusedHTTPConns uint64 // HTTP connections closed at once: HTTPMaxConns, HTTPMaxConnsPerIP or MaxConns reached
	BodyTimeouts     uint64 // HTTP requests whose body did not arrive in time; their connection was closed
	HTTPBufferDrops  uint64 // oldest documents dropped by HTTP sessions with no event stream (HTTPBufferedEvents)
}

// counters are the atomic counters behind Stats.
type counters struct {
	sessionsStarted, sessionsEnded, sessionsExpired, sessionsRefused atomic.Uint64
	userQuotaRefusals, failedLogins, throttledLogins, throttledByIP  atomic.Uint64
	loginLockouts                                                    atomic.Uint64
	eventsIn, eventsOut, eventsFiltered, eventsDropped, statusEvents atomic.Uint64
	consumersDropped, droppedQueueFull, droppedReply, droppedWrite   atomic.Uint64
	loginTimeouts, tlsFailures, badFrames                            atomic.Uint64
	refusedConns, reapedAll, reapedPerIP, refusedMaxConns            atomic.Uint64
	requestsOK, requestsFailed, requestsRefused, requestsMalformed   atomic.Uint64
	streams                                                          atomic.Int64 // open HTTP event streams

	refusedHTTPConns, bodyTimeouts, httpBufferDrops atomic.Uint64
}

// The reasons a consumer is dropped as slow, in its log line and Stats.
const (
	dropQueueFull    = "event queue full"
	dropReplyTimeout = "response queue full"
	dropWriteTimeout = "write timed out"
)

// countDrop counts a consumer dropped as slow for reason.
func (c *counters) countDrop(reason string) {
	c.consumersDropped.Add(1)
	switch reason {
	case dropQueueFull:
		c.droppedQueueFull.Add(1)
	case dropReplyTimeout:
		c.droppedReply.Add(1)
	case dropWriteTimeout:
		c.droppedWrite.Add(1)
	}
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	st := Stats{
		Sessions:         len(s.sessions),
		Consumers:        len(s.consumers),
		ConsumerMonitors: s.consumerMonitors,
		PBXMonitors:      len(s.devices),
		PendingLogins:    s.pending.len(),
	}
	s.mu.Unlock()
	c := &s.stats
	st.Consumers += int(c.streams.Load())
	st.SessionsStarted = c.sessionsStarted.Load()
	st.SessionsEnded = c.sessionsEnded.Load()
	st.SessionsExpired = c.sessionsExpired.Load()
	st.SessionsRefused = c.sessionsRefused.Load()
	st.UserQuotaRefusals = c.userQuotaRefusals.Load()
	st.FailedLogins = c.failedLogins.Load()
	st.ThrottledLogins = c.throttledLogins.Load()
	st.ThrottledByIP = c.throttledByIP.Load()
	st.LoginLockouts = c.loginLockouts.Load()
	st.EventsIn = c.eventsIn.Load()
	st.EventsOut = c.eventsOut.Load()
	st.EventsFiltered = c.eventsFiltered.Load()
	st.EventsDropped = c.eventsDropped.Load()
	st.StatusEvents = c.statusEvents.Load()
	st.ConsumersDropped = c.consumersDropped.Load()
	st.DroppedQueueFull = c.droppedQueueFull.Load()
	st.DroppedReplyTimeout = c.droppedReply.Load()
	st.DroppedWriteTimeout = c.droppedWrite.Load()
	st.LoginTimeouts = c.loginTimeouts.Load()
	st.TLSFailures = c.tlsFailures.Load()
	st.BadFrames = c.badFrames.Load()
	st.RefusedConns = c.refusedConns.Load()
	st.RefusedMaxConns = c.refusedMaxConns.Load()
	st.ReapedAll = c.reapedAll.Load()
	st.ReapedPerIP = c.reapedPerIP.Load()
	st.RequestsOK = c.requestsOK.Load()
	st.RequestsFailed = c.requestsFailed.Load()
	st.RequestsRefused = c.requestsRefused.Load()
	st.RequestsMalformed = c.requestsMalformed.Load()
	st.Conns = int(s.conns.Load())
	st.RefusedHTTPConns = c.refusedHTTPConns.Load()
	st.BodyTimeouts = c.bodyTimeouts.Load()
	st.HTTPBufferDrops = c.httpBufferDrops.Load()
	return st
}
