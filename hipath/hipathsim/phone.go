package hipathsim

import "github.com/cstav3/cstav3/cstav3"

// The phone actions: what a user does at a telephone, with the events a
// CSTA client would see. They fail with a *cstav3.Error, the universalFailure
// the equivalent CSTA service would get.

// do runs one operation of the call model and sends the events it caused.
func (p *pbx) do(f func() *cstav3.Error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.begin()
	err := f()
	p.flush()
	if err != nil {
		return err
	}
	return nil
}

// Dial lifts the handset of from and dials to: ServiceInitiated and
// Originated at from, then Delivered to both (or Failed at from if to is
// busy). It returns the new call's id.
func (s *Server) Dial(from, to string) (cstav3.CallID, error) {
	var id cstav3.CallID
	err := s.pbx.do(func() *cstav3.Error {
		a, b := s.pbx.deviceByNumber(from), s.pbx.deviceByNumber(to)
		switch {
		case a == nil:
			return errInvalidCallingDevice
		case b == nil:
			return errInvalidCalledDevice
		}
		cn, err := s.pbx.originate(a, b, cstav3.CauseNewCall)
		if err == nil {
			id = cn.call.cid
		}
		return err
	})
	return id, err
}

// Answer picks up the call ringing at device: Established to every party.
func (s *Server) Answer(device string) error {
	return s.pbx.do(func() *cstav3.Error {
		d := s.pbx.deviceByNumber(device)
		if d == nil {
			return errInvalidDeviceID
		}
		for _, cn := range d.conns {
			if cn.state == cstav3.StateAlerting {
				return s.pbx.answer(cn)
			}
		}
		return errNoCallToAnswer
	})
}

// Hangup puts device on-hook: its active connection is cleared (its held
// one if it has no other), with ConnectionCleared to every party, and the
// whole call if one party is left.
func (s *Server) Hangup(device string) error {
	return s.pbx.do(func() *cstav3.Error {
		d := s.pbx.deviceByNumber(device)
		switch {
		case d == nil:
			return errInvalidDeviceID
		case len(d.conns) == 0:
			return errNoConnectionToClear
		}
		cn := d.active()
		if cn == nil {
			cn = d.conns[0]
		}
		s.pbx.clear(cn, cstav3.CauseNormalClearing)
		return nil
	})
}
