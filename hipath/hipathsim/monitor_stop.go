package hipathsim

import "slices"

// StopMonitors ends, from the switch's side, every monitor of the
// extensions numbers, as a PBX does when it can no longer report on a
// device: each monitor's client gets a MonitorStop invoke with the
// monitor's cross-reference (ECMA-269 lets either side invoke MonitorStop),
// and no event is sent for it any more. It returns how many monitors it
// ended. Stats counts the invokes and the results the clients return.
func (s *Server) StopMonitors(numbers ...string) (int, error) {
	p := s.pbx
	p.mu.Lock()
	defer p.mu.Unlock()
	devs, err := p.extensions(numbers)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, d := range devs {
		for _, m := range slices.Clone(d.monitors) {
			p.stopMonitor(m)
			m.link.push(item{kind: kindMonitorStop, ref: m.ref})
			n++
		}
	}
	s.log.Info("hipathsim: monitors stopped by the switch", "devices", numbers, "monitors", n)
	return n, nil
}
