package hipathsim

import (
	"context"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// Flood sends n Delivered events, all alike, to every monitor of device, as
// fast as the links take them: it measures how many events a client can
// absorb, which the phone actions (a dozen model operations per call)
// cannot. It keeps each link's queue below half its limit, so a client
// that keeps up is never dropped, and returns early if ctx ends.
func (s *Server) Flood(ctx context.Context, device string, n int) error {
	s.pbx.mu.Lock()
	d := s.pbx.deviceByNumber(device)
	if d == nil {
		s.pbx.mu.Unlock()
		return errInvalidDeviceID
	}
	ms := append([]*monitor(nil), d.monitors...)
	s.pbx.mu.Unlock()
	ev := &cstav3.DeliveredEvent{
		Connection:             cstav3.NewConnectionID(cstav3.CallID{0xB1, 0x64}, d.id),
		AlertingDevice:         cstav3.Known(d.id),
		CallingDevice:          cstav3.Known(cstav3.Dialing("200")),
		CalledDevice:           cstav3.Known(d.id),
		LastRedirectionDevice:  cstav3.Device{Status: cstav3.DeviceNotKnown},
		HasLocalConnectionInfo: true,
		LocalConnectionInfo:    cstav3.StateAlerting,
		Cause:                  cstav3.CauseNewCall,
		Extensions:             cstav3.CommonArguments{Security: true, Timestamp: cstav3.TimestampOf(time.Now().Truncate(time.Second), false)},
	}
	high := s.cfg.EventQueue / 2
	const chunk = 256
	for sent := 0; sent < n; {
		for _, m := range ms {
			for m.link.q.len() > high {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-m.link.done:
					return ErrNoLinks
				case <-time.After(50 * time.Microsecond):
				}
			}
		}
		k := min(chunk, n-sent)
		for _, m := range ms {
			for range k {
				m.link.push(item{kind: kindEvent, ref: m.ref, ev: ev})
			}
		}
		sent += k
	}
	return nil
}
