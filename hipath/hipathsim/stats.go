package hipathsim

import (
	"sync"
	"sync/atomic"

	"github.com/cstav3/cstav3/cstav3"
)

// Stats are counters of a server's life, for tests, benchmarks and the
// demo.
type Stats struct {
	LinksAccepted   uint64 // TCP connections accepted
	LinksAssociated uint64 // AARQs accepted
	LinksRejected   uint64 // AARQs rejected (bad credentials or context)
	LinksClosed     uint64 // links ended, for any reason
	// LinksDropped counts the links the switch dropped: queue overflows,
	// missed heartbeats and DropLinks.
	LinksDropped   uint64
	QueueOverflows uint64 // links dropped because their client did not read
	HeartbeatDrops uint64 // links dropped after StatusMisses unanswered SystemStatus

	StatusSent     uint64 // SystemStatus invokes sent
	StatusAnswered uint64 // answers to them received
	EventsSent     uint64 // event reports written to sockets
	GarbageSent    uint64 // malformed frames sent by SendGarbage

	// MonitorStopsSent counts the MonitorStop invokes of StopMonitors,
	// MonitorStopsAnswered the results the clients returned for them.
	MonitorStopsSent     uint64
	MonitorStopsAnswered uint64

	// Requests counts the client invokes received, by operation, including
	// those answered with an error or a reject.
	Requests map[cstav3.Opcode]uint64
	Errors   uint64 // requests answered with universalFailure
	Rejects  uint64 // PDUs answered with a ROSE Reject

	CallsStarted   uint64 // calls created, by any means
	TrafficCalls   uint64 // scenarios the traffic generator started
	TrafficSkipped uint64 // scenarios it skipped for want of idle devices
}

type counters struct {
	linksAccepted, linksAssociated, linksRejected, linksClosed, linksDropped atomic.Uint64
	overflows, heartbeatDrops                                                atomic.Uint64
	statusSent, statusAnswered, eventsSent, garbageSent                      atomic.Uint64
	monitorStopsSent, monitorStopsAnswered                                   atomic.Uint64
	errors, rejects                                                          atomic.Uint64
	callsStarted, trafficCalls, trafficSkipped                               atomic.Uint64

	mu       sync.Mutex
	requests map[cstav3.Opcode]uint64
}

func (c *counters) request(op cstav3.Opcode) {
	c.mu.Lock()
	if c.requests == nil {
		c.requests = map[cstav3.Opcode]uint64{}
	}
	c.requests[op]++
	c.mu.Unlock()
}

// Stats returns a snapshot of the server's counters.
func (s *Server) Stats() Stats {
	c := &s.stats
	st := Stats{
		LinksAccepted: c.linksAccepted.Load(), LinksAssociated: c.linksAssociated.Load(),
		LinksRejected: c.linksRejected.Load(), LinksClosed: c.linksClosed.Load(),
		LinksDropped: c.linksDropped.Load(), QueueOverflows: c.overflows.Load(),
		HeartbeatDrops: c.heartbeatDrops.Load(), StatusSent: c.statusSent.Load(),
		StatusAnswered: c.statusAnswered.Load(), EventsSent: c.eventsSent.Load(),
		GarbageSent: c.garbageSent.Load(), Errors: c.errors.Load(), Rejects: c.rejects.Load(),
		CallsStarted: c.callsStarted.Load(), TrafficCalls: c.trafficCalls.Load(),
		TrafficSkipped: c.trafficSkipped.Load(), MonitorStopsSent: c.monitorStopsSent.Load(),
		MonitorStopsAnswered: c.monitorStopsAnswered.Load(),
		Requests:             map[cstav3.Opcode]uint64{},
	}
	c.mu.Lock()
	for op, n := range c.requests {
		st.Requests[op] = n
	}
	c.mu.Unlock()
	return st
}
