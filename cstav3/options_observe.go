package cstav3

import "time"

// An Observer is told what a Client does, for metrics that count what the
// client's own counters (Stats) do not split: requests by operation and
// outcome, events by type. Its functions run on the client's goroutines
// and must not block; nil ones are skipped.
type Observer struct {
	// Request is called when a request the client sent is answered or
	// given up, including the client's own (MonitorStarts after a
	// reconnection, heartbeat SystemStatus): its operation, how long it
	// took, and nil, a *Error, a *RejectError, ErrLinkDown or the
	// context's error.
	Request func(op Opcode, d time.Duration, err error)
	// Event is called for each event of a monitor, on the dispatcher's
	// goroutine, before the monitor's callbacks.
	Event func(ev Event)
}

// WithObserver sets the client's Observer.
func WithObserver(o Observer) Option { return func(c *config) { c.observer = o } }
