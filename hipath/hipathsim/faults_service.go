package hipathsim

// SetOutOfService takes extensions out of service (out true) or puts them
// back, as a PBX that comes back from a restart with part of its
// configuration not yet loaded: while out, MonitorStart on them fails with
// invalidMonitorObject and every other service naming them with
// invalidDeviceID, and phone actions on them fail. Calls and monitors they
// already have are left alone. It changes nothing and returns an error if a
// number is not an extension of the simulator.
func (s *Server) SetOutOfService(out bool, numbers ...string) error {
	p := s.pbx
	p.mu.Lock()
	defer p.mu.Unlock()
	devs, err := p.extensions(numbers)
	if err != nil {
		return err
	}
	for _, d := range devs {
		if out {
			delete(p.devices, d.number)
		} else {
			p.devices[d.number] = d
		}
	}
	s.log.Info("hipathsim: out of service", "on", out, "devices", numbers)
	return nil
}
