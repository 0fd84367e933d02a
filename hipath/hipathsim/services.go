package hipathsim

import (
	"errors"

	"github.com/cstav3/cstav3/cstav3"
)

// The universalFailure values the simulator answers with, by ASN.1 name
// (error-definition.asn1).
var (
	errInvalidDeviceID         = cstav3.MustError(cstav3.OperationError, "invalidDeviceID")
	errInvalidCallingDevice    = cstav3.MustError(cstav3.OperationError, "invalidCallingDeviceID")
	errInvalidCalledDevice     = cstav3.MustError(cstav3.OperationError, "invalidCalledDeviceID")
	errInvalidDestination      = cstav3.MustError(cstav3.OperationError, "invalidDestinationDeviceID")
	errInvalidConnectionID     = cstav3.MustError(cstav3.OperationError, "invalidConnectionID")
	errInvalidCallID           = cstav3.MustError(cstav3.OperationError, "invalidCallID")
	errInvalidHeldConnection   = cstav3.MustError(cstav3.OperationError, "invalidHeldConnectionID")
	errInvalidActiveConnection = cstav3.MustError(cstav3.OperationError, "invalidActiveConnectionID")
	errInvalidMonitorObject    = cstav3.MustError(cstav3.OperationError, "invalidMonitorObject")
	errInvalidCrossRefID       = cstav3.MustError(cstav3.OperationError, "invalidCrossRefID")
	errNotDifferentDevices     = cstav3.MustError(cstav3.OperationError, "notDifferentDevices")
	errNotSameDevice           = cstav3.MustError(cstav3.OperationError, "notSameDevice")

	errConnectionState       = cstav3.MustError(cstav3.StateIncompatibility, "invalidConnectionState")
	errHeldConnectionState   = cstav3.MustError(cstav3.StateIncompatibility, "invalidHeldConnectionState")
	errActiveConnectionState = cstav3.MustError(cstav3.StateIncompatibility, "invalidActiveConnectionState")
	errCallingDeviceState    = cstav3.MustError(cstav3.StateIncompatibility, "invalidCallingDeviceState")
	errDestinationState      = cstav3.MustError(cstav3.StateIncompatibility, "invalidDestinationDeviceState")
	errDeviceState           = cstav3.MustError(cstav3.StateIncompatibility, "invalidDeviceState")
	errNoCallToAnswer        = cstav3.MustError(cstav3.StateIncompatibility, "noCallToAnswer")
	errNoHeldCall            = cstav3.MustError(cstav3.StateIncompatibility, "noHeldCall")
	errNoCallToComplete      = cstav3.MustError(cstav3.StateIncompatibility, "noCallToComplete")
	errNoConnectionToClear   = cstav3.MustError(cstav3.StateIncompatibility, "noConnectionToClear")
)

// serve answers one invoke of a client: a ROSE Reject if its operation is
// unknown or its argument undecodable, else the operation's result or
// universalFailure, followed by the events it caused.
func (p *pbx) serve(l *link, m *cstav3.Message) {
	st := &p.s.stats
	st.request(m.Opcode)
	arg, err := cstav3.DecodeArgument(m.Opcode, m.Argument)
	if err != nil {
		problem := cstav3.ProblemMistypedArgument
		var unknown *cstav3.UnknownOperationError
		if errors.As(err, &unknown) {
			problem = cstav3.ProblemUnrecognizedOperation
		}
		p.s.log.Debug("hipathsim: rejected", "link", l.id, "op", m.Opcode.String(), "err", err)
		st.rejects.Add(1)
		l.push(item{kind: kindReject, id: m.InvokeID, problem: problem})
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.begin()
	res, cerr := p.request(l, arg)
	switch {
	case cerr != nil:
		st.errors.Add(1)
		l.push(item{kind: kindError, id: m.InvokeID, err: cerr})
	case res == nil:
		st.rejects.Add(1)
		l.push(item{kind: kindReject, id: m.InvokeID, problem: cstav3.ProblemUnrecognizedOperation})
	default:
		l.push(item{kind: kindResult, id: m.InvokeID, res: res})
	}
	p.flush()
}

// request performs one CSTA service for link l. A nil result and error
// means the simulator does not provide the operation.
func (p *pbx) request(l *link, arg cstav3.Argument) (cstav3.Result, *cstav3.Error) {
	switch a := arg.(type) {
	case *cstav3.SystemStatusArgument:
		return noData(a), nil
	case *cstav3.RequestSystemStatusArgument:
		return &cstav3.RequestSystemStatusResult{SystemStatus: cstav3.SystemNormal}, nil
	case *cstav3.MonitorStartArgument:
		d := p.device(a.MonitorObject.Device)
		if a.MonitorObject.IsCall() || d == nil {
			return nil, errInvalidMonitorObject
		}
		m := p.startMonitor(l, d, a.RequestedMonitorFilter)
		return &cstav3.MonitorStartResult{CrossRefIdentifier: m.ref}, nil
	case *cstav3.MonitorStopArgument:
		m := p.monitor(l, a.CrossRefIdentifier)
		if m == nil {
			return nil, errInvalidCrossRefID
		}
		p.stopMonitor(m)
		return noData(a), nil
	case *cstav3.ChangeMonitorFilterArgument:
		m := p.monitor(l, a.CrossRefIdentifier)
		if m == nil {
			return nil, errInvalidCrossRefID
		}
		f := a.RequestedFilterList
		m.filter = &f
		return &cstav3.ChangeMonitorFilterResult{ActualFilterList: m.filter}, nil
	case *cstav3.SetDisplayArgument:
		if p.device(a.Device) == nil {
			return nil, errInvalidDeviceID
		}
		return noData(a), nil
	case *cstav3.SnapshotDeviceArgument:
		d := p.device(a.SnapshotObject)
		if d == nil {
			return nil, errInvalidDeviceID
		}
		return p.snapshotDevice(d), nil
	case *cstav3.SnapshotCallArgument:
		c := p.call(a.SnapshotObject.Call)
		if cn := p.connection(a.SnapshotObject); c == nil && cn != nil {
			c = cn.call
		}
		if c == nil {
			return nil, errInvalidCallID
		}
		return p.snapshotCall(c), nil
	}
	return p.callControl(arg)
}

// callControl performs the services that change calls.
func (p *pbx) callControl(arg cstav3.Argument) (cstav3.Result, *cstav3.Error) {
	switch a := arg.(type) {
	case *cstav3.MakeCallArgument:
		from, to := p.device(a.CallingDevice), p.device(a.CalledDirectoryNumber)
		switch {
		case from == nil:
			return nil, errInvalidCallingDevice
		case to == nil:
			return nil, errInvalidCalledDevice
		}
		cn, err := p.originate(from, to, cstav3.CauseNewCall)
		if err != nil {
			return nil, err
		}
		return &cstav3.MakeCallResult{CallingDevice: cn.id()}, nil
	case *cstav3.AnswerCallArgument:
		return p.onConnection(a, a.CallToBeAnswered, p.answer)
	case *cstav3.ClearConnectionArgument:
		cause := cstav3.CauseNormalClearing
		if a.HasReason {
			cause = a.Reason
		}
		return p.onConnection(a, a.ConnectionToBeCleared, func(cn *conn) *cstav3.Error {
			p.clear(cn, cause)
			return nil
		})
	case *cstav3.ClearCallArgument:
		c := p.call(a.CallToBeCleared.Call)
		if c == nil {
			return nil, errInvalidCallID
		}
		cause := cstav3.CauseNormalClearing
		if a.HasReason {
			cause = a.Reason
		}
		p.clearCall(c, cause)
		return noData(a), nil
	case *cstav3.HoldCallArgument:
		return p.onConnection(a, a.CallToBeHeld, func(cn *conn) *cstav3.Error {
			return p.hold(cn, cstav3.CauseNormal)
		})
	case *cstav3.RetrieveCallArgument:
		return p.onConnection(a, a.CallToBeRetrieved, func(cn *conn) *cstav3.Error {
			return p.retrieve(cn, cstav3.CauseNormal)
		})
	case *cstav3.DeflectCallArgument:
		target := p.device(a.NewDestination)
		if target == nil {
			return nil, errInvalidDestination
		}
		return p.onConnection(a, a.CallToBeDiverted, func(cn *conn) *cstav3.Error {
			if cn.dev == target {
				return errNotDifferentDevices
			}
			return p.deflect(cn, target)
		})
	}
	return p.twoCalls(arg)
}

// twoCalls performs the services that involve a second call or a third
// device: consultation, transfer, conference, alternate and reconnect.
func (p *pbx) twoCalls(arg cstav3.Argument) (cstav3.Result, *cstav3.Error) {
	switch a := arg.(type) {
	case *cstav3.ConsultationCallArgument:
		cn := p.connection(a.ExistingCall)
		to := p.device(a.ConsultedDevice)
		switch {
		case cn == nil:
			return nil, errInvalidConnectionID
		case to == nil:
			return nil, errInvalidCalledDevice
		}
		nc, err := p.consult(cn, to)
		if err != nil {
			return nil, err
		}
		return &cstav3.ConsultationCallResult{InitiatedCall: nc.id()}, nil
	case *cstav3.SingleStepTransferCallArgument:
		cn := p.connection(a.ActiveCall)
		target := p.device(a.TransferredTo)
		switch {
		case cn == nil:
			return nil, errInvalidConnectionID
		case target == nil:
			return nil, errInvalidDestination
		case target == cn.dev:
			return nil, errNotDifferentDevices
		}
		list, err := p.singleStep(cn, target)
		if err != nil {
			return nil, err
		}
		return &cstav3.SingleStepTransferCallResult{
			TransferredCall: cstav3.NewConnectionID(cn.call.cid, target.id), Connections: list}, nil
	case *cstav3.TransferCallArgument:
		held, active, err := p.heldActive(a.HeldCall, a.ActiveCall)
		if err != nil {
			return nil, err
		}
		c, list, err := p.transfer(held, active)
		if err != nil {
			return nil, err
		}
		return &cstav3.TransferCallResult{TransferredCall: cstav3.ConnectionID{Call: c.cid}, Connections: list}, nil
	case *cstav3.ConferenceCallArgument:
		held, active, err := p.heldActive(a.HeldCall, a.ActiveCall)
		if err != nil {
			return nil, err
		}
		_, list, err := p.conference(held, active)
		if err != nil {
			return nil, err
		}
		return &cstav3.ConferenceCallResult{ConferenceCall: held.id(), Connections: list}, nil
	case *cstav3.AlternateCallArgument:
		held, active, err := p.heldActive(a.HeldCall, a.ActiveCall)
		if err == nil {
			err = p.alternate(held, active)
		}
		return resultOrError(noData(a), err)
	case *cstav3.ReconnectCallArgument:
		held, active, err := p.heldActive(a.HeldCall, a.ActiveCall)
		if err == nil {
			err = p.reconnect(active, held)
		}
		return resultOrError(noData(a), err)
	}
	return nil, nil
}

// onConnection resolves a connection and applies f to it; the result is
// NoData.
func (p *pbx) onConnection(a cstav3.Argument, id cstav3.ConnectionID, f func(*conn) *cstav3.Error) (cstav3.Result, *cstav3.Error) {
	cn := p.connection(id)
	if cn == nil {
		return nil, errInvalidConnectionID
	}
	return resultOrError(noData(a), f(cn))
}

func (p *pbx) heldActive(heldID, activeID cstav3.ConnectionID) (held, active *conn, err *cstav3.Error) {
	if held = p.connection(heldID); held == nil {
		return nil, nil, errInvalidHeldConnection
	}
	if active = p.connection(activeID); active == nil {
		return nil, nil, errInvalidActiveConnection
	}
	return held, active, nil
}

func resultOrError(r cstav3.Result, err *cstav3.Error) (cstav3.Result, *cstav3.Error) {
	if err != nil {
		return nil, err
	}
	return r, nil
}

func noData(a cstav3.Argument) cstav3.Result { return &cstav3.NoData{Op: a.Opcode()} }

// snapshotDevice lists the device's connections, each with the state of
// every connection of its call, the device's own first.
func (p *pbx) snapshotDevice(d *device) *cstav3.SnapshotDeviceResult {
	data := make(cstav3.SnapshotDeviceData, 0, len(d.conns))
	for _, cn := range d.conns {
		others := cn.call.others(cn)
		states := []cstav3.ConnectionState{cn.state}
		for _, o := range others {
			states = append(states, o.state)
		}
		info := cstav3.SnapshotDeviceResponseInfo{ConnectionIdentifier: cn.id(),
			LocalCallState: cstav3.CallState{Kind: cstav3.CallStateCompound, Compound: states}}
		if len(others) == 1 {
			info.EndpointDevice = known(others[0].dev)
		}
		data = append(data, info)
	}
	return &cstav3.SnapshotDeviceResult{SnapshotData: data}
}

// snapshotCall lists the parties of a call with their states.
func (p *pbx) snapshotCall(c *call) *cstav3.SnapshotCallResult {
	res := &cstav3.SnapshotCallResult{CallingDevice: known(c.calling), CalledDevice: known(c.called)}
	res.SnapshotData = make(cstav3.SnapshotCallData, 0, len(c.parties))
	for _, cn := range c.parties {
		res.SnapshotData = append(res.SnapshotData, cstav3.SnapshotCallResponseInfo{DeviceOnCall: known(cn.dev),
			CallIdentifier: cn.id(), HasLocalConnectionState: true, LocalConnectionState: cn.state})
	}
	return res
}
