package hipathsim

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// pbx is the call model: devices, calls and their connections, and the
// monitors that watch devices. One mutex guards all of it; every operation
// runs whole under it, collects the events it causes in out, and flush
// hands them to the links' queues before the lock is released, so every
// link sees the events of all operations in one global order.
type pbx struct {
	s        *Server
	loc      *time.Location
	apsStamp [16]byte

	mu       sync.Mutex
	devices  map[string]*device
	order    []*device // by number, for the traffic generator
	calls    map[uint16]*call
	nextCall uint16
	monitors map[uint16]*monitor
	nextRef  uint16

	// The current operation: its timestamp and the events it caused.
	ext cstav3.CommonArguments
	out []delivery
}

// A device is one extension.
type device struct {
	number   string
	id       cstav3.DeviceID
	conns    []*conn // its connections to calls, oldest first
	monitors []*monitor
	reserved bool // by a traffic scenario
}

// A call is a set of connections, in the order the devices joined.
type call struct {
	id      uint16
	cid     cstav3.CallID
	parties []*conn
	// calling and called are the devices the events name; lastRedirection
	// is nil (notKnown) until the call is deflected or transferred.
	calling, called, lastRedirection *device
	// cause is the cause of the setup events (Delivered, Established):
	// newCall, or consultation for a consultation call.
	cause cstav3.EventCause
}

// A conn is one device's connection to a call, with its
// LocalConnectionState.
type conn struct {
	call  *call
	dev   *device
	state cstav3.ConnectionState
}

func (c *conn) id() cstav3.ConnectionID { return cstav3.NewConnectionID(c.call.cid, c.dev.id) }

func newPBX(s *Server, cfg Config) *pbx {
	p := &pbx{
		s:        s,
		loc:      cfg.Location,
		devices:  map[string]*device{},
		calls:    map[uint16]*call{},
		monitors: map[uint16]*monitor{},
	}
	for n := cfg.FirstDevice; n <= cfg.LastDevice; n++ {
		num := strconv.Itoa(n)
		d := &device{number: num, id: cstav3.Dialing(num)}
		p.devices[num] = d
		p.order = append(p.order, d)
	}
	// The aps-stamp identifies the switch's start, as the 16 digits of its
	// start time.
	copy(p.apsStamp[:], time.Now().In(p.loc).Format("2006010215040500"))
	return p
}

// begin starts an operation: its events carry the time it started, in the
// switch's zone-less HiPath form.
func (p *pbx) begin() {
	ts := cstav3.TimestampOf(time.Now().In(p.loc).Truncate(time.Second), false)
	p.ext = cstav3.CommonArguments{Security: true, Timestamp: ts}
}

// device returns the device an id names, or nil.
func (p *pbx) device(id cstav3.DeviceID) *device {
	if id.IsZero() {
		return nil
	}
	return p.devices[id.String()]
}

func (p *pbx) deviceByNumber(number string) *device { return p.devices[number] }

// extensions returns the extensions numbers, in service or not, or an error
// naming the first number that is none. p.mu must be held.
func (p *pbx) extensions(numbers []string) ([]*device, error) {
	devs := make([]*device, 0, len(numbers))
	for _, n := range numbers {
		i := slices.IndexFunc(p.order, func(d *device) bool { return d.number == n })
		if i < 0 {
			return nil, fmt.Errorf("hipathsim: no extension %q: %w", n, errInvalidDeviceID)
		}
		devs = append(devs, p.order[i])
	}
	return devs, nil
}

// connection resolves a ConnectionID: both forms name one party of a call;
// a call id alone names the call's first party, a device alone the device's
// newest connection.
func (p *pbx) connection(id cstav3.ConnectionID) *conn {
	d := p.device(id.Device)
	if id.Call == nil {
		if d == nil || len(d.conns) == 0 {
			return nil
		}
		return d.conns[len(d.conns)-1]
	}
	c := p.call(id.Call)
	if c == nil || len(c.parties) == 0 {
		return nil
	}
	if id.Device.IsZero() && id.DynamicID == nil {
		return c.parties[0]
	}
	for _, cn := range c.parties {
		if cn.dev == d {
			return cn
		}
	}
	return nil
}

// call returns the call with id, or nil.
func (p *pbx) call(id cstav3.CallID) *call {
	if len(id) != 2 {
		return nil
	}
	return p.calls[uint16(id[0])<<8|uint16(id[1])]
}

// newCall allocates the next free 2-byte call id (never 0).
func (p *pbx) newCall(cause cstav3.EventCause) *call {
	for {
		p.nextCall++
		if p.nextCall == 0 {
			continue
		}
		if _, used := p.calls[p.nextCall]; !used {
			break
		}
	}
	c := &call{id: p.nextCall, cid: cstav3.CallID{byte(p.nextCall >> 8), byte(p.nextCall)}, cause: cause}
	p.calls[c.id] = c
	p.s.stats.callsStarted.Add(1)
	return c
}

// join adds a device to a call.
func (p *pbx) join(c *call, d *device, st cstav3.ConnectionState) *conn {
	cn := &conn{call: c, dev: d, state: st}
	c.parties = append(c.parties, cn)
	d.conns = append(d.conns, cn)
	return cn
}

// leave removes a connection from its call and its device.
func (p *pbx) leave(cn *conn) {
	cn.call.parties = slices.DeleteFunc(cn.call.parties, func(x *conn) bool { return x == cn })
	cn.dev.conns = slices.DeleteFunc(cn.dev.conns, func(x *conn) bool { return x == cn })
	cn.state = cstav3.StateNull
}

// busy reports whether a device has any connection: a simulated phone takes
// one call at a time (plus those it holds), so a busy device rejects new
// calls.
func (d *device) busy() bool { return len(d.conns) > 0 }

// active returns the device's connection that is not on hold, if any.
func (d *device) active() *conn {
	for _, cn := range d.conns {
		if cn.state != cstav3.StateHold {
			return cn
		}
	}
	return nil
}

// stateIn returns the state of d's connection to c, null if it has none.
func (d *device) stateIn(c *call) cstav3.ConnectionState {
	for _, cn := range d.conns {
		if cn.call == c {
			return cn.state
		}
	}
	return cstav3.StateNull
}

// devices returns the devices of the calls' parties, each once, in order.
func devicesOf(calls ...*call) []*device {
	var ds []*device
	for _, c := range calls {
		for _, cn := range c.parties {
			if !slices.Contains(ds, cn.dev) {
				ds = append(ds, cn.dev)
			}
		}
	}
	return ds
}

// other returns the parties of c but cn.
func (c *call) others(cn *conn) []*conn {
	var os []*conn
	for _, x := range c.parties {
		if x != cn {
			os = append(os, x)
		}
	}
	return os
}

// originate goes off-hook at a and dials b: ServiceInitiated and Originated
// to a's monitors, then the call is delivered to b.
func (p *pbx) originate(a, b *device, cause cstav3.EventCause) (*conn, *cstav3.Error) {
	switch {
	case a == b:
		return nil, errNotDifferentDevices
	case a.active() != nil:
		return nil, errCallingDeviceState
	}
	c := p.newCall(cause)
	c.calling, c.called = a, b
	ca := p.join(c, a, cstav3.StateInitiated)
	p.emitServiceInitiated(ca, cause)
	ca.state = cstav3.StateConnected
	p.emitOriginated(ca, cause)
	p.deliver(c, b)
	return ca, nil
}

// deliver offers call c to device b: Delivered to every party, or, if b is
// busy, Failed and the caller's connection in the fail state.
func (p *pbx) deliver(c *call, b *device) {
	if b.busy() {
		for _, cn := range c.parties {
			if cn.dev == c.calling {
				cn.state = cstav3.StateFail
			}
		}
		p.emitFailed(c, b, cstav3.CauseBusy)
		return
	}
	cb := p.join(c, b, cstav3.StateAlerting)
	p.emitDelivered(cb, c.cause)
}

// answer connects an alerting connection: Established to every party.
func (p *pbx) answer(cn *conn) *cstav3.Error {
	if cn.state != cstav3.StateAlerting {
		return errNoCallToAnswer
	}
	cn.state = cstav3.StateConnected
	p.emitEstablished(cn, cn.call.cause)
	return nil
}

// clear drops a connection: ConnectionCleared to every party, including the
// one leaving. A call left with one party is over: that party is cleared
// too and CallCleared follows, to everybody who was in the call.
func (p *pbx) clear(cn *conn, cause cstav3.EventCause) {
	c := cn.call
	to := devicesOf(c)
	p.leave(cn)
	p.emitConnectionCleared(to, c, cn, cause)
	if len(c.parties) > 1 {
		return
	}
	if len(c.parties) == 1 {
		last := c.parties[0]
		p.leave(last)
		p.emitConnectionCleared(to, c, last, cause)
	}
	p.emitCallCleared(to, c, cause)
	delete(p.calls, c.id)
}

// clearCall drops every connection of a call, then the call.
func (p *pbx) clearCall(c *call, cause cstav3.EventCause) {
	to := devicesOf(c)
	for len(c.parties) > 0 {
		cn := c.parties[0]
		p.leave(cn)
		p.emitConnectionCleared(to, c, cn, cause)
	}
	p.emitCallCleared(to, c, cause)
	delete(p.calls, c.id)
}

// hold puts a connected connection on hold.
func (p *pbx) hold(cn *conn, cause cstav3.EventCause) *cstav3.Error {
	if cn.state != cstav3.StateConnected {
		return errConnectionState
	}
	cn.state = cstav3.StateHold
	p.emitHeld(cn, cause)
	return nil
}

// retrieve takes a held connection back; the device must have no other
// active one.
func (p *pbx) retrieve(cn *conn, cause cstav3.EventCause) *cstav3.Error {
	if cn.state != cstav3.StateHold {
		return errNoHeldCall
	}
	if cn.dev.active() != nil {
		return errDeviceState
	}
	cn.state = cstav3.StateConnected
	p.emitRetrieved(cn, cause)
	return nil
}

// consult holds the device's active call and calls another device from the
// same device.
func (p *pbx) consult(cn *conn, to *device) (*conn, *cstav3.Error) {
	switch {
	case cn.state != cstav3.StateConnected:
		return nil, errConnectionState
	case to == cn.dev:
		return nil, errNotDifferentDevices
	}
	if err := p.hold(cn, cstav3.CauseConsultation); err != nil {
		return nil, err
	}
	return p.originate(cn.dev, to, cstav3.CauseConsultation)
}

// pair checks the held and active connections of two-call services: both
// of one device, on two calls, in the states their names say.
func pair(held, active *conn) *cstav3.Error {
	switch {
	case held.dev != active.dev:
		return errNotSameDevice
	case held.call == active.call:
		return errInvalidHeldConnection
	case held.state != cstav3.StateHold:
		return errHeldConnectionState
	case active.state != cstav3.StateConnected && active.state != cstav3.StateFail:
		return errActiveConnectionState
	}
	return nil
}

// alternate holds the active call and retrieves the held one.
func (p *pbx) alternate(held, active *conn) *cstav3.Error {
	if err := pair(held, active); err != nil {
		return err
	}
	if active.state != cstav3.StateConnected {
		return errActiveConnectionState
	}
	active.state = cstav3.StateHold
	p.emitHeld(active, cstav3.CauseAlternate)
	held.state = cstav3.StateConnected
	p.emitRetrieved(held, cstav3.CauseAlternate)
	return nil
}

// reconnect clears the active call and retrieves the held one.
func (p *pbx) reconnect(active, held *conn) *cstav3.Error {
	if err := pair(held, active); err != nil {
		return err
	}
	p.clear(active, cstav3.CauseNormalClearing)
	held.state = cstav3.StateConnected
	p.emitRetrieved(held, cstav3.CauseNormal)
	return nil
}

// merge moves the parties of c2 but the joining device's connection into
// c1, drops the joining device's connection to c2 and ends c2. It returns
// the ConnectionList of c1's parties afterwards (new and old connection),
// and the first party that came from c2.
func (p *pbx) merge(c1, c2 *call, joining *conn) (cstav3.ConnectionList, *device) {
	old := map[*conn]cstav3.ConnectionID{}
	for _, cn := range c1.parties {
		old[cn] = cn.id()
	}
	p.leave(joining)
	var added *device
	for _, cn := range c2.parties {
		old[cn] = cn.id()
		cn.call = c1
		c1.parties = append(c1.parties, cn)
		if added == nil {
			added = cn.dev
		}
	}
	c2.parties = nil
	delete(p.calls, c2.id)
	list := make(cstav3.ConnectionList, 0, len(c1.parties))
	for _, cn := range c1.parties {
		list = append(list, cstav3.ConnectionListEntry{NewConnection: cn.id(), OldConnection: old[cn],
			Endpoint: cstav3.Known(cn.dev.id)})
	}
	return list, added
}

// transfer joins the other parties of the held and the active call into
// the held call and drops the transferring device from both.
func (p *pbx) transfer(held, active *conn) (*call, cstav3.ConnectionList, *cstav3.Error) {
	if err := pair(held, active); err != nil {
		return nil, nil, err
	}
	c1, c2, a := held.call, active.call, held.dev
	if len(c1.parties) < 2 || len(c2.parties) < 2 || active.state != cstav3.StateConnected {
		return nil, nil, errNoCallToComplete
	}
	to := devicesOf(c1, c2)
	primary, secondary := held.id(), active.id()
	p.leave(held)
	list, target := p.merge(c1, c2, active)
	c1.redirected(a, target)
	p.emitTransferred(to, c1, primary, secondary, a, target, list, cstav3.CauseTransfer)
	return c1, list, nil
}

// redirected updates the devices a call's events name after a transfer
// away from a: the call now goes to target.
func (c *call) redirected(a, target *device) {
	if c.calling == a && len(c.parties) > 0 {
		c.calling = c.parties[0].dev
	}
	c.called, c.lastRedirection = target, a
}

// singleStep transfers the call of cn to a device that is not in it yet,
// without consultation: cn's device leaves, the target is rung.
func (p *pbx) singleStep(cn *conn, target *device) (cstav3.ConnectionList, *cstav3.Error) {
	c := cn.call
	switch {
	case cn.state != cstav3.StateConnected:
		return nil, errConnectionState
	case len(c.parties) < 2:
		return nil, errNoCallToComplete
	case target.busy():
		return nil, errDestinationState
	}
	to := devicesOf(c)
	primary, a := cn.id(), cn.dev
	p.leave(cn)
	ct := p.join(c, target, cstav3.StateAlerting)
	var list cstav3.ConnectionList
	for _, x := range c.parties {
		e := cstav3.ConnectionListEntry{NewConnection: x.id(), Endpoint: cstav3.Known(x.dev.id)}
		if x != ct {
			e.OldConnection = x.id()
		}
		list = append(list, e)
	}
	c.redirected(a, target)
	p.emitTransferred(to, c, primary, cstav3.ConnectionID{}, a, target, list, cstav3.CauseSingleStepTransfer)
	p.emitDelivered(ct, cstav3.CauseSingleStepTransfer)
	return list, nil
}

// conference joins the held and the active call into the held one, with
// the conferencing device connected.
func (p *pbx) conference(held, active *conn) (*call, cstav3.ConnectionList, *cstav3.Error) {
	if err := pair(held, active); err != nil {
		return nil, nil, err
	}
	c1, c2 := held.call, active.call
	if len(c1.parties) < 2 || len(c2.parties) < 2 || active.state != cstav3.StateConnected {
		return nil, nil, errNoCallToComplete
	}
	to := devicesOf(c1, c2)
	primary, secondary := held.id(), active.id()
	held.state = cstav3.StateConnected
	list, added := p.merge(c1, c2, active)
	p.emitConferenced(to, c1, primary, secondary, held.dev, added, list)
	return c1, list, nil
}

// deflect diverts an alerting call from cn's device to another one.
func (p *pbx) deflect(cn *conn, target *device) *cstav3.Error {
	c := cn.call
	switch {
	case cn.state != cstav3.StateAlerting:
		return errConnectionState
	case target.busy():
		return errDestinationState
	}
	to := devicesOf(c)
	p.leave(cn)
	p.emitDiverted(to, c, cn, target, cstav3.CauseRedirected)
	c.lastRedirection = cn.dev
	ct := p.join(c, target, cstav3.StateAlerting)
	p.emitDelivered(ct, cstav3.CauseRedirected)
	return nil
}
