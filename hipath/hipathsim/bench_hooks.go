package hipathsim

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// Hooks for measuring clients end to end (cstav3-monitor bench): Pace sends
// events at a set rate and notes when it sent each one, so that whoever
// receives an event can tell its latency. The wire format is the switch's
// usual one: the sequence number of an event travels as its call id, four
// octets instead of HiPath's two, which every CSTA client and the XML bridge
// treat as opaque bytes.

// PaceConfig says what Pace sends.
type PaceConfig struct {
	// Devices are the extensions whose monitors receive the events, in
	// turn: event i goes to the monitors of Devices[i%len(Devices)].
	Devices []string
	// Rate is the number of events per second; zero or less sends as fast
	// as the links take them (as Flood).
	Rate float64
	// Events is how many events to send; zero or less sends until ctx
	// ends.
	Events int
	// Mix names the event types sent, in turn (PaceEventTypes lists them);
	// Delivered only when empty.
	Mix []string
	// Stamps, if not nil, receives the send time of every event.
	Stamps *SendStamps
	// Hold, if not nil, is asked before each chunk with the number of
	// events sent so far; Pace waits while it returns true. It bounds what
	// is in flight beyond the link (a client's queue, an XML bridge's
	// consumer queues), which the link's queue alone does not.
	Hold func(sent int) bool
}

// PaceEventTypes are the event types Pace can send.
var PaceEventTypes = []string{"Delivered", "Established", "ConnectionCleared", "Held", "Retrieved",
	"Originated", "Transferred"}

// PaceResult says what Pace did.
type PaceResult struct {
	Sent    int           // events queued on links (one per event, whatever the monitors)
	Elapsed time.Duration // from the first event to the last
	// MaxLag is, at a set rate, the longest time an event was queued after
	// its scheduled time.
	MaxLag time.Duration
}

// SendStamps holds the send times of the last events Pace sent, by
// sequence number, in a ring: the caller keeps fewer events in flight than
// the ring has slots (PaceConfig.Hold), so that an event is looked up
// before its slot is reused. Note and Since are safe for concurrent use.
type SendStamps struct {
	base  time.Time // monotonic origin of the stamps
	ring  []atomic.Int64
	mask  uint32
	count atomic.Uint64
}

// NewSendStamps returns a ring of at least n stamps (rounded up to a power
// of two, at least 1024).
func NewSendStamps(n int) *SendStamps {
	size := 1024
	if n > size {
		size = 1 << bits.Len(uint(n-1))
	}
	return &SendStamps{base: time.Now(), ring: make([]atomic.Int64, size), mask: uint32(size - 1)}
}

// Note records that event seq is sent now.
func (s *SendStamps) Note(seq uint32) { s.NoteAt(seq, time.Now()) }

// NoteAt records that event seq is sent at t.
func (s *SendStamps) NoteAt(seq uint32, t time.Time) {
	s.ring[seq&s.mask].Store(int64(t.Sub(s.base)))
	s.count.Add(1)
}

// Since returns the time from the sending of event seq to now.
func (s *SendStamps) Since(seq uint32) time.Duration {
	return time.Since(s.base) - time.Duration(s.ring[seq&s.mask].Load())
}

// Noted returns how many events were stamped.
func (s *SendStamps) Noted() uint64 { return s.count.Load() }

// PaceSeq returns the sequence number of an event Pace sent, from its call
// id; ok is false for another call id.
func PaceSeq(call cstav3.CallID) (seq uint32, ok bool) {
	if len(call) != 4 {
		return 0, false
	}
	return binary.BigEndian.Uint32(call), true
}

// PaceEventSeq returns the sequence number of an event Pace sent, from the
// call id of its first connection; ok is false for other events.
func PaceEventSeq(ev cstav3.Event) (seq uint32, ok bool) {
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
	return PaceSeq(call)
}

// paceScratch holds one value of each event type Pace sends: each event
// is encoded as soon as it is built, so one value serves them all.
type paceScratch struct {
	cid         [4]byte
	delivered   cstav3.DeliveredEvent
	established cstav3.EstablishedEvent
	cleared     cstav3.ConnectionClearedEvent
	held        cstav3.HeldEvent
	retrieved   cstav3.RetrievedEvent
	originated  cstav3.OriginatedEvent
	transferred cstav3.TransferredEvent
	list        [1]cstav3.ConnectionListEntry
}

// A paceBuilder fills in an event for device d in s, with s.cid as its
// call id.
type paceBuilder func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event

var (
	paceCaller = cstav3.Dialing("200")
	paceOther  = cstav3.Dialing("201")
)

var paceBuilders = map[string]paceBuilder{
	"Delivered": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.delivered = cstav3.DeliveredEvent{Connection: cstav3.NewConnectionID(s.cid[:], d.id),
			AlertingDevice: cstav3.Known(d.id), CallingDevice: cstav3.Known(paceCaller), CalledDevice: cstav3.Known(d.id),
			LastRedirectionDevice: known(nil), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateAlerting,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.delivered
	},
	"Established": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.established = cstav3.EstablishedEvent{EstablishedConnection: cstav3.NewConnectionID(s.cid[:], d.id),
			AnsweringDevice: cstav3.Known(d.id), CallingDevice: cstav3.Known(paceCaller), CalledDevice: cstav3.Known(d.id),
			LastRedirectionDevice: known(nil), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.established
	},
	"ConnectionCleared": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.cleared = cstav3.ConnectionClearedEvent{DroppedConnection: cstav3.NewConnectionID(s.cid[:], d.id),
			ReleasingDevice: cstav3.Known(d.id), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateNull,
			Cause: cstav3.CauseNormalClearing, Extensions: ext}
		return &s.cleared
	},
	"Held": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.held = cstav3.HeldEvent{HeldConnection: cstav3.NewConnectionID(s.cid[:], d.id), HoldingDevice: cstav3.Known(d.id),
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateHold, Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.held
	},
	"Retrieved": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.retrieved = cstav3.RetrievedEvent{RetrievedConnection: cstav3.NewConnectionID(s.cid[:], d.id),
			RetrievingDevice: cstav3.Known(d.id), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.retrieved
	},
	"Originated": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		s.originated = cstav3.OriginatedEvent{OriginatedConnection: cstav3.NewConnectionID(s.cid[:], d.id),
			CallingDevice: cstav3.Known(d.id), CalledDevice: cstav3.Known(paceCaller), HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.originated
	},
	"Transferred": func(s *paceScratch, d *device, ext cstav3.CommonArguments) cstav3.Event {
		primary := cstav3.NewConnectionID(s.cid[:], d.id)
		s.list[0] = cstav3.ConnectionListEntry{NewConnection: primary, OldConnection: primary,
			Endpoint: cstav3.Known(paceOther)}
		s.transferred = cstav3.TransferredEvent{PrimaryOldCall: primary, SecondaryOldCall: primary,
			TransferringDevice: cstav3.Known(d.id), TransferredToDevice: cstav3.Known(paceOther),
			TransferredConnections: s.list[:], HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseTransfer, Extensions: ext}
		return &s.transferred
	},
}

// paceOut is the frames of one chunk of events for one link.
type paceOut struct {
	l   *link
	buf []byte
	n   int // events in buf
}

// Pace sends events to the monitors of cfg.Devices at cfg.Rate, each with
// its sequence number (from 0) as call id, and notes in cfg.Stamps the
// time each is queued on its link. At a set rate it sends the events due
// whenever it wakes up (Go's timers may oversleep by up to a millisecond),
// and reports in PaceResult.MaxLag how far behind the schedule it ever
// fell: a lag well beyond that millisecond means the receiver could not
// keep up and the latencies omit the time the unsent events waited.
//
// Unlike the phone actions, Pace encodes the events itself, a chunk at a
// time into one frame buffer per link, so that the switch costs the
// process under test one small allocation per chunk rather than an event
// value per event. Like Flood it keeps each link's queue short, so a
// client that keeps up is never dropped; one that does not makes the
// achieved rate fall below cfg.Rate. It returns when cfg.Events are sent,
// when ctx ends (with ctx's error) or when a link ends (ErrNoLinks).
func (s *Server) Pace(ctx context.Context, cfg PaceConfig) (PaceResult, error) {
	mix := cfg.Mix
	if len(mix) == 0 {
		mix = []string{"Delivered"}
	}
	builds := make([]paceBuilder, len(mix))
	for i, name := range mix {
		if builds[i] = paceBuilders[name]; builds[i] == nil {
			return PaceResult{}, fmt.Errorf("hipathsim: Pace cannot send %q events", name)
		}
	}
	if len(cfg.Devices) == 0 {
		return PaceResult{}, errors.New("hipathsim: Pace needs devices")
	}
	// The devices, their monitors and the links these use, as they are now.
	s.pbx.mu.Lock()
	devs := make([]*device, len(cfg.Devices))
	targets := make([][]*monitor, len(cfg.Devices))
	var outs []*paceOut
	for i, n := range cfg.Devices {
		if devs[i] = s.pbx.deviceByNumber(n); devs[i] == nil {
			s.pbx.mu.Unlock()
			return PaceResult{}, fmt.Errorf("hipathsim: no extension %q: %w", n, errInvalidDeviceID)
		}
		targets[i] = append([]*monitor(nil), devs[i].monitors...)
		for _, m := range targets[i] {
			if !slices.ContainsFunc(outs, func(o *paceOut) bool { return o.l == m.link }) {
				outs = append(outs, &paceOut{l: m.link})
			}
		}
	}
	s.pbx.mu.Unlock()
	outOf := func(l *link) *paceOut {
		for _, o := range outs {
			if o.l == l {
				return o
			}
		}
		return nil
	}

	ext := cstav3.CommonArguments{Security: true, Timestamp: cstav3.TimestampOf(time.Now().Truncate(time.Second), false)}
	const chunk = 256
	// Each queued item holds up to a chunk: this keeps at most about
	// EventQueue/2 events waiting, as Flood does.
	high := max(s.cfg.EventQueue/2/chunk, 4)
	wait := time.NewTimer(time.Hour)
	defer wait.Stop()
	sleep := func(d time.Duration) error {
		wait.Reset(d)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-wait.C:
			return nil
		}
	}
	var (
		scratch  paceScratch
		rep      cstav3.EventReport
		invokeID int64
		res      PaceResult
	)
	start := time.Now()
	due := func(seq int) time.Time { // when event seq is scheduled
		return start.Add(time.Duration(float64(seq) / cfg.Rate * float64(time.Second)))
	}
	for cfg.Events <= 0 || res.Sent < cfg.Events {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		k := chunk
		if cfg.Rate > 0 {
			n := int(cfg.Rate*time.Since(start).Seconds()) + 1 - res.Sent
			if n <= 0 {
				if err := sleep(time.Until(due(res.Sent))); err != nil {
					return res, err
				}
				continue
			}
			k = min(k, n)
		}
		if cfg.Events > 0 {
			k = min(k, cfg.Events-res.Sent)
		}
		for cfg.Hold != nil && cfg.Hold(res.Sent) {
			if err := sleep(50 * time.Microsecond); err != nil {
				return res, err
			}
		}
		for _, o := range outs {
			for o.l.q.len() > high {
				select {
				case <-o.l.done:
					return res, ErrNoLinks
				default:
				}
				if err := sleep(50 * time.Microsecond); err != nil {
					return res, err
				}
			}
		}
		for _, o := range outs {
			o.buf = make([]byte, 0, k*192)
		}
		first := res.Sent
		for range k {
			i := res.Sent % len(devs)
			binary.BigEndian.PutUint32(scratch.cid[:], uint32(res.Sent))
			ev := builds[res.Sent%len(builds)](&scratch, devs[i], ext)
			for _, m := range targets[i] {
				o := outOf(m.link)
				invokeID = invokeID%(1<<30) + 1
				rep = cstav3.EventReport{CrossRef: m.ref, Event: ev}
				var err error
				if o.buf, err = cstav3.AppendEventFrame(o.buf, hipath.Framing, invokeID, &rep); err != nil {
					return res, fmt.Errorf("hipathsim: Pace: %w", err)
				}
				o.n++
			}
			res.Sent++
		}
		now := time.Now()
		if cfg.Rate > 0 {
			res.MaxLag = max(res.MaxLag, now.Sub(due(first)))
		}
		if cfg.Stamps != nil {
			for seq := first; seq < res.Sent; seq++ {
				cfg.Stamps.NoteAt(uint32(seq), now)
			}
		}
		for _, o := range outs {
			if o.n > 0 {
				s.stats.eventsSent.Add(uint64(o.n))
				o.l.push(item{kind: kindFrame, pdu: o.buf})
			}
			o.buf, o.n = nil, 0
			select {
			case <-o.l.done:
				return res, ErrNoLinks
			default:
			}
		}
		res.Elapsed = time.Since(start)
	}
	return res, nil
}
