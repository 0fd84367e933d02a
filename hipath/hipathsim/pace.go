package hipathsim

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/bench/pace"
)

// The simulator's paced traffic for measuring clients end to end
// (cstav3-monitor bench, internal/bench): the types and the wire format are
// in internal/bench/pace, which calls the pacing method through the hook
// registered here, so that it is no part of the tester's API.
func init() { pace.SetHook((*Server).pace) }

// paceOut is the frames of one chunk of events for one link.
type paceOut struct {
	l   *link
	buf []byte
	n   int // events in buf
}

// pace sends events to the monitors of cfg.Devices at cfg.Rate, each with
// its sequence number (from 0) as call id, and notes in cfg.Stamps the
// time each is queued on its link. At a set rate it sends the events due
// whenever it wakes up (Go's timers may oversleep by up to a millisecond),
// and reports in Result.MaxLag how far behind the schedule it ever
// fell: a lag well beyond that millisecond means the receiver could not
// keep up and the latencies omit the time the unsent events waited.
//
// Unlike the phone actions, pace encodes the events itself, a chunk at a
// time into one frame buffer per link, so that the switch costs the
// process under test one small allocation per chunk rather than an event
// value per event. Like Flood it keeps each link's queue short, so a
// client that keeps up is never dropped; one that does not makes the
// achieved rate fall below cfg.Rate. It returns when cfg.Events are sent,
// when ctx ends (with ctx's error) or when a link ends (ErrNoLinks).
func (s *Server) pace(ctx context.Context, cfg pace.Config) (pace.Result, error) {
	builds, err := pace.Builders(cfg.Mix)
	if err != nil {
		return pace.Result{}, fmt.Errorf("hipathsim: Pace %w", err)
	}
	if len(cfg.Devices) == 0 {
		return pace.Result{}, errors.New("hipathsim: Pace needs devices")
	}
	// The devices, their monitors and the links these use, as they are now.
	s.pbx.mu.Lock()
	devs := make([]*device, len(cfg.Devices))
	targets := make([][]*monitor, len(cfg.Devices))
	var outs []*paceOut
	for i, n := range cfg.Devices {
		if devs[i] = s.pbx.deviceByNumber(n); devs[i] == nil {
			s.pbx.mu.Unlock()
			return pace.Result{}, fmt.Errorf("hipathsim: no extension %q: %w", n, errInvalidDeviceID)
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
		scratch  pace.Scratch
		rep      cstav3.EventReport
		invokeID int64
		res      pace.Result
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
			binary.BigEndian.PutUint32(scratch.CID[:], uint32(res.Sent))
			ev := builds[res.Sent%len(builds)](&scratch, devs[i].id, ext)
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
