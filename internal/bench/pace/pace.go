package pace

import (
	"context"
	"encoding/binary"
	"fmt"
	"math/bits"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// Config says what the simulator sends.
type Config struct {
	// Devices are the extensions whose monitors receive the events, in
	// turn: event i goes to the monitors of Devices[i%len(Devices)].
	Devices []string
	// Rate is the number of events per second; zero or less sends as fast
	// as the links take them (as Flood).
	Rate float64
	// Events is how many events to send; zero or less sends until ctx
	// ends.
	Events int
	// Mix names the event types sent, in turn (EventTypes lists them);
	// Delivered only when empty.
	Mix []string
	// Stamps, if not nil, receives the send time of every event.
	Stamps *Stamps
	// Hold, if not nil, is asked before each chunk with the number of
	// events sent so far; the simulator waits while it returns true. It
	// bounds what is in flight beyond the link (a client's queue, an XML
	// bridge's consumer queues), which the link's queue alone does not.
	Hold func(sent int) bool
}

// Result says what the simulator sent.
type Result struct {
	Sent    int           // events queued on links (one per event, whatever the monitors)
	Elapsed time.Duration // from the first event to the last
	// MaxLag is, at a set rate, the longest time an event was queued after
	// its scheduled time.
	MaxLag time.Duration
}

// hook is the simulator's pacing function, a
// func(S, context.Context, Config) (Result, error) for its server type S.
var hook any

// SetHook registers the simulator's pacing function; hipathsim calls it
// from an init function with the method expression of its unexported
// pacing method, so that pacing is no exported method of its server.
func SetHook[S any](f func(S, context.Context, Config) (Result, error)) { hook = f }

// Run has server s send the events of cfg (see hipathsim's pace method):
// it returns when cfg.Events are sent, when ctx ends (with ctx's error) or
// when a link ends. S must be the type the simulator registered, its
// *hipathsim.Server.
func Run[S any](ctx context.Context, s S, cfg Config) (Result, error) {
	f, ok := hook.(func(S, context.Context, Config) (Result, error))
	if !ok {
		return Result{}, fmt.Errorf("pace: no pacing function registered for %T", s)
	}
	return f(s, ctx, cfg)
}

// Stamps holds the send times of the last events sent, by sequence
// number, in a ring: the caller keeps fewer events in flight than the ring
// has slots (Config.Hold), so that an event is looked up before its slot
// is reused. Note, NoteAt and Since are safe for concurrent use.
type Stamps struct {
	base  time.Time // monotonic origin of the stamps
	ring  []atomic.Int64
	mask  uint32
	count atomic.Uint64
}

// NewStamps returns a ring of at least n stamps (rounded up to a power of
// two, at least 1024).
func NewStamps(n int) *Stamps {
	size := 1024
	if n > size {
		size = 1 << bits.Len(uint(n-1))
	}
	return &Stamps{base: time.Now(), ring: make([]atomic.Int64, size), mask: uint32(size - 1)}
}

// Note records that event seq is sent now.
func (s *Stamps) Note(seq uint32) { s.NoteAt(seq, time.Now()) }

// NoteAt records that event seq is sent at t.
func (s *Stamps) NoteAt(seq uint32, t time.Time) {
	s.ring[seq&s.mask].Store(int64(t.Sub(s.base)))
	s.count.Add(1)
}

// Since returns the time from the sending of event seq to now.
func (s *Stamps) Since(seq uint32) time.Duration {
	return time.Since(s.base) - time.Duration(s.ring[seq&s.mask].Load())
}

// Noted returns how many events were stamped.
func (s *Stamps) Noted() uint64 { return s.count.Load() }

// Seq returns the sequence number of a paced event from its call id; ok is
// false for another call id.
func Seq(call cstav3.CallID) (seq uint32, ok bool) {
	if len(call) != 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(call), true
}

// EventSeq returns the sequence number of a paced event from the call id
// of its first connection; ok is false for other events.
func EventSeq(ev cstav3.Event) (seq uint32, ok bool) {
	var call cstav3.CallID
	switch e := ev.(type) {
	case *cstav3.DeliveredEvent:
		call = e.Connection.Call
	case *cstav3.EstablishedEvent:
		call = e.EstablishedConnection.Call
	case *cstav3.ConnectionClearedEvent:
		call = e.DroppedConnection.Call
	case *cstav3.HeldEvent:
		call = e.HeldConnection.Call
	case *cstav3.RetrievedEvent:
		call = e.RetrievedConnection.Call
	case *cstav3.OriginatedEvent:
		call = e.OriginatedConnection.Call
	case *cstav3.TransferredEvent:
		call = e.PrimaryOldCall.Call
	}
	return Seq(call)
}
