package xmlbridge

import "sync/atomic"

// Stats are the counters of a Server, for metrics and tests. The first four
// are gauges (the state now); the others count since NewServer.
type Stats struct {
	Sessions         int // open sessions
	Consumers        int // TCP connections plus open HTTP event streams
	ConsumerMonitors int // monitors of consumers
	PBXMonitors      int // monitors at the PBX (starting ones included)

	SessionsStarted uint64
	SessionsExpired uint64 // ended because they were not renewed
	FailedLogins    uint64 // wrong user or password
	ThrottledLogins uint64 // refused unchecked after too many failures

	EventsIn       uint64 // events of the PBX monitors
	EventsOut      uint64 // event documents queued to consumers
	EventsFiltered uint64 // suppressed by a consumer's filter
	EventsDropped  uint64 // lost: queue full under SlowDropEvents, or not encodable
	StatusEvents   uint64 // SystemStatus documents queued on PBX link changes

	ConsumersDropped uint64 // disconnected as slow: queue overflow or write timeout
	BadFrames        uint64 // connections closed for bad framing or oversize messages
	RefusedConns     uint64 // TCP, closed at once: MaxPendingLogins connections were waiting for a login, or MaxConns reached

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
	sessionsStarted, sessionsExpired, failedLogins, throttledLogins  atomic.Uint64
	eventsIn, eventsOut, eventsFiltered, eventsDropped, statusEvents atomic.Uint64
	consumersDropped, badFrames, refusedConns                        atomic.Uint64
	requestsOK, requestsFailed, requestsRefused, requestsMalformed   atomic.Uint64
	streams                                                          atomic.Int64 // open HTTP event streams

	refusedHTTPConns, bodyTimeouts, httpBufferDrops atomic.Uint64
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	st := Stats{
		Sessions:         len(s.sessions),
		Consumers:        len(s.consumers),
		ConsumerMonitors: s.consumerMonitors,
		PBXMonitors:      len(s.devices),
	}
	s.mu.Unlock()
	c := &s.stats
	st.Consumers += int(c.streams.Load())
	st.SessionsStarted = c.sessionsStarted.Load()
	st.SessionsExpired = c.sessionsExpired.Load()
	st.FailedLogins = c.failedLogins.Load()
	st.ThrottledLogins = c.throttledLogins.Load()
	st.EventsIn = c.eventsIn.Load()
	st.EventsOut = c.eventsOut.Load()
	st.EventsFiltered = c.eventsFiltered.Load()
	st.EventsDropped = c.eventsDropped.Load()
	st.StatusEvents = c.statusEvents.Load()
	st.ConsumersDropped = c.consumersDropped.Load()
	st.BadFrames = c.badFrames.Load()
	st.RefusedConns = c.refusedConns.Load()
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
