package hipathsim

import (
	"slices"

	"github.com/cstav3/cstav3/cstav3"
)

// A monitor watches one device for one link. Its cross-reference is two
// bytes, as HiPath's, and unique in the switch.
type monitor struct {
	key    uint16
	ref    cstav3.CrossRefID
	link   *link
	dev    *device
	filter *cstav3.MonitorFilter // nil: every event
}

// delivery is one event for one monitor, waiting for the end of the
// operation that caused it.
type delivery struct {
	m  *monitor
	ev cstav3.Event
}

// startMonitor adds a monitor of d for l.
func (p *pbx) startMonitor(l *link, d *device, f *cstav3.MonitorFilter) *monitor {
	for {
		p.nextRef++
		if p.nextRef == 0 {
			continue
		}
		if _, used := p.monitors[p.nextRef]; !used {
			break
		}
	}
	m := &monitor{key: p.nextRef, ref: cstav3.CrossRefID{byte(p.nextRef >> 8), byte(p.nextRef)}, link: l, dev: d, filter: f}
	p.monitors[m.key] = m
	d.monitors = append(d.monitors, m)
	return m
}

// monitor returns l's monitor with cross-reference ref, or nil: a link
// cannot see or stop another link's monitors.
func (p *pbx) monitor(l *link, ref cstav3.CrossRefID) *monitor {
	if len(ref) != 2 {
		return nil
	}
	m := p.monitors[uint16(ref[0])<<8|uint16(ref[1])]
	if m == nil || m.link != l {
		return nil
	}
	return m
}

func (p *pbx) stopMonitor(m *monitor) {
	delete(p.monitors, m.key)
	m.dev.monitors = slices.DeleteFunc(m.dev.monitors, func(x *monitor) bool { return x == m })
}

// removeMonitors stops every monitor of a link that has ended.
func (p *pbx) removeMonitors(l *link) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, m := range p.monitors {
		if m.link == l {
			p.stopMonitor(m)
		}
	}
}

// flush queues the events of the current operation on their links.
func (p *pbx) flush() {
	for i, d := range p.out {
		d.m.link.push(item{kind: kindEvent, ref: d.m.ref, ev: d.ev})
		p.out[i] = delivery{}
	}
	p.out = p.out[:0]
}

// emit builds an event for each device in to that has monitors, with that
// device's own connection state in call c, and collects it for every
// monitor of the device whose filter lets it through.
func (p *pbx) emit(to []*device, c *call, build func(local cstav3.ConnectionState) cstav3.Event) {
	for _, d := range to {
		if len(d.monitors) == 0 {
			continue
		}
		ev := build(d.stateIn(c))
		t := ev.Type()
		for _, m := range d.monitors {
			if m.filter != nil && m.filter.Suppressed(t) {
				continue
			}
			p.out = append(p.out, delivery{m, ev})
		}
	}
}

// known returns the device role naming d, notKnown for nil.
func known(d *device) cstav3.Device {
	if d == nil {
		return cstav3.Device{Status: cstav3.DeviceNotKnown}
	}
	return cstav3.Known(d.id)
}

func (p *pbx) emitServiceInitiated(cn *conn, cause cstav3.EventCause) {
	p.emit([]*device{cn.dev}, cn.call, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.ServiceInitiatedEvent{InitiatedConnection: cn.id(), InitiatingDevice: known(cn.dev),
			CalledDevice: known(nil), HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cause,
			Extensions: p.ext}
	})
}

func (p *pbx) emitOriginated(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	p.emit([]*device{cn.dev}, c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.OriginatedEvent{OriginatedConnection: cn.id(), CallingDevice: known(cn.dev),
			CalledDevice: known(c.called), HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cause,
			Extensions: p.ext}
	})
}

func (p *pbx) emitDelivered(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	p.emit(devicesOf(c), c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.DeliveredEvent{Connection: cn.id(), AlertingDevice: known(cn.dev),
			CallingDevice: known(c.calling), CalledDevice: known(c.called),
			LastRedirectionDevice: known(c.lastRedirection), HasLocalConnectionInfo: true,
			LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitFailed(c *call, failing *device, cause cstav3.EventCause) {
	p.emit(devicesOf(c), c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.FailedEvent{FailedConnection: cstav3.NewConnectionID(c.cid, failing.id),
			FailingDevice: known(failing), CallingDevice: known(c.calling), CalledDevice: known(c.called),
			LastRedirectionDevice: known(c.lastRedirection), HasLocalConnectionInfo: true,
			LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitEstablished(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	p.emit(devicesOf(c), c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.EstablishedEvent{EstablishedConnection: cn.id(), AnsweringDevice: known(cn.dev),
			CallingDevice: known(c.calling), CalledDevice: known(c.called),
			LastRedirectionDevice: known(c.lastRedirection), HasLocalConnectionInfo: true,
			LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitConnectionCleared(to []*device, c *call, cn *conn, cause cstav3.EventCause) {
	p.emit(to, c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.ConnectionClearedEvent{DroppedConnection: cn.id(), ReleasingDevice: known(cn.dev),
			HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitCallCleared(to []*device, c *call, cause cstav3.EventCause) {
	var ev cstav3.Event // the same for everybody: it has no local state
	p.emit(to, c, func(cstav3.ConnectionState) cstav3.Event {
		if ev == nil {
			ev = &cstav3.CallClearedEvent{ClearedCall: cstav3.ConnectionID{Call: c.cid}, Cause: cause,
				Extensions: p.ext}
		}
		return ev
	})
}

func (p *pbx) emitHeld(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	p.emit(devicesOf(c), c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.HeldEvent{HeldConnection: cn.id(), HoldingDevice: known(cn.dev),
			HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitRetrieved(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	p.emit(devicesOf(c), c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.RetrievedEvent{RetrievedConnection: cn.id(), RetrievingDevice: known(cn.dev),
			HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitTransferred(to []*device, c *call, primary, secondary cstav3.ConnectionID,
	transferring, target *device, list cstav3.ConnectionList, cause cstav3.EventCause) {
	p.emit(to, c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.TransferredEvent{PrimaryOldCall: primary, SecondaryOldCall: secondary,
			TransferringDevice: known(transferring), TransferredToDevice: known(target),
			TransferredConnections: list, HasLocalConnectionInfo: true, LocalConnectionInfo: local,
			Cause: cause, Extensions: p.ext}
	})
}

func (p *pbx) emitConferenced(to []*device, c *call, primary, secondary cstav3.ConnectionID,
	conferencing, added *device, list cstav3.ConnectionList) {
	p.emit(to, c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.ConferencedEvent{PrimaryOldCall: primary, SecondaryOldCall: secondary,
			ConferencingDevice: known(conferencing), AddedParty: known(added), ConferenceConnections: list,
			HasLocalConnectionInfo: true, LocalConnectionInfo: local, Cause: cstav3.CauseConference,
			Extensions: p.ext}
	})
}

func (p *pbx) emitDiverted(to []*device, c *call, cn *conn, target *device, cause cstav3.EventCause) {
	p.emit(to, c, func(local cstav3.ConnectionState) cstav3.Event {
		return &cstav3.DivertedEvent{Connection: cn.id(), DivertingDevice: known(cn.dev),
			NewDestination: known(target), CallingDevice: known(c.calling), CalledDevice: known(c.called),
			LastRedirectionDevice: known(c.lastRedirection), HasLocalConnectionInfo: true,
			LocalConnectionInfo: local, Cause: cause, Extensions: p.ext}
	})
}
