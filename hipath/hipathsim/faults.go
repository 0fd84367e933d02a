package hipathsim

import (
	"errors"
	"time"
)

// Fault injection: what goes wrong with real PBX links, on demand.

// garbageFrame is a well-framed PDU whose content is not BER: an Invoke tag
// with a length of four gigabytes.
var garbageFrame = []byte{0x26, 0x80, 0x06, 0xA1, 0x84, 0xFF, 0xFF, 0xFF, 0xFF}

// ErrNoLinks is returned by SendGarbage when no link is associated.
var ErrNoLinks = errors.New("hipathsim: no associated link")

// DropLinks resets every client connection at once, as a PBX reboot or a
// cable pull would. Monitors of the dropped links are gone; calls go on.
func (s *Server) DropLinks() {
	for _, l := range s.linkList() {
		l.shutdown(reasonDropped, true)
	}
	s.log.Info("hipathsim: links dropped")
}

// SetSilent makes the switch hang while keeping its sockets open: it sends
// nothing (no answers, events, or heartbeats: what was queued is discarded)
// and ignores what it receives, AARQs included, until SetSilent(false).
// Missed heartbeats are not counted while silent.
func (s *Server) SetSilent(on bool) {
	s.silent.Store(on)
	s.log.Info("hipathsim: silent", "on", on)
}

// SetDelay delays the processing of every request by d (0 for none): the
// answer and the events the request causes come d later. Events of phone
// actions and traffic are not delayed.
func (s *Server) SetDelay(d time.Duration) {
	s.delay.Store(int64(max(d, 0)))
}

// SendGarbage sends one malformed frame on every associated link: a valid
// frame header around content that is not BER. A client should count it
// and carry on. It returns ErrNoLinks if no link is associated.
func (s *Server) SendGarbage() error {
	n := 0
	for _, l := range s.linkList() {
		if l.associated.Load() {
			l.push(item{kind: kindFrame, pdu: garbageFrame})
			n++
		}
	}
	if n == 0 {
		return ErrNoLinks
	}
	s.stats.garbageSent.Add(uint64(n))
	return nil
}

// ForgetMonitors simulates a PBX restart that loses its monitor table:
// every cross-reference becomes unknown (MonitorStop answers
// invalidCrossRefID) and no event is sent for them any more. Links and calls
// stay; cross-references are not reused.
func (s *Server) ForgetMonitors() {
	p := s.pbx
	p.mu.Lock()
	defer p.mu.Unlock()
	clear(p.monitors)
	for _, d := range p.order {
		d.monitors = nil
	}
	s.log.Info("hipathsim: monitors forgotten")
}
