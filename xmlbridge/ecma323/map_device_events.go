package ecma323

import (
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the logical device feature and maintenance events.

func doNotDisturbEventToXML(e *cstav3.DoNotDisturbEvent, xref string) any {
	x := &DoNotDisturbEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
		DoNotDisturbOn: e.DoNotDisturbOn, CallingDeviceList: deviceListToXML(e.CallingDeviceList),
		Extensions: extToXML(&e.Extensions)}
	if e.HasCallOrigination {
		x.CallOrigination = e.CallOrigination.String()
	}
	return x
}

func forwardingEventToXML(e *cstav3.ForwardingEvent, xref string) any {
	x := &ForwardingEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
		ForwardStatus: e.ForwardStatus, ForwardTo: optDeviceIDToXML(e.ForwardTo),
		RingCount: optInt(e.HasRingCount, e.RingCount), RingDuration: optInt(e.HasRingDuration, e.RingDuration),
		Extensions: extToXML(&e.Extensions)}
	if e.HasForwardingType {
		x.ForwardingType = e.ForwardingType.String()
	}
	if e.HasForwardDefault {
		x.ForwardDefault = e.ForwardDefault.String()
	}
	return x
}

func agentLoggedOnEventToXML(e *cstav3.AgentLoggedOnEvent, xref string) any {
	return &AgentLoggedOnEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup), AgentPassword: string(e.AgentPassword),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func agentLoggedOffEventToXML(e *cstav3.AgentLoggedOffEvent, xref string) any {
	return &AgentLoggedOffEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup), AgentPassword: string(e.AgentPassword),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func agentReadyEventToXML(e *cstav3.AgentReadyEvent, xref string) any {
	return &AgentReadyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func agentNotReadyEventToXML(e *cstav3.AgentNotReadyEvent, xref string) any {
	return &AgentNotReadyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func agentBusyEventToXML(e *cstav3.AgentBusyEvent, xref string) any {
	x := &AgentBusyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
	if e.HasPendingAgentState {
		x.PendingAgentState = e.PendingAgentState.String()
	}
	return x
}

func agentWorkingAfterCallEventToXML(e *cstav3.AgentWorkingAfterCallEvent, xref string) any {
	x := &AgentWorkingAfterCallEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
		AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
	if e.HasPendingAgentState {
		x.PendingAgentState = e.PendingAgentState.String()
	}
	return x
}

func backInServiceEventToXML(e *cstav3.BackInServiceEvent, xref string) any {
	return &BackInServiceEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func outOfServiceEventToXML(e *cstav3.OutOfServiceEvent, xref string) any {
	return &OutOfServiceEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
		Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
}

func (m *codecMapper) doNotDisturbEvent(x *DoNotDisturbEvent) cstav3.Event {
	e := &cstav3.DoNotDisturbEvent{Device: m.role("device", x.Device), DoNotDisturbOn: x.DoNotDisturbOn,
		CallingDeviceList: m.deviceList("callingDeviceList", x.CallingDeviceList),
		Extensions:        m.ext("extensions", x.Extensions)}
	e.HasCallOrigination, e.CallOrigination = m.callOrigination("callOrigination", x.CallOrigination)
	return e
}

func (m *codecMapper) forwardingEvent(x *ForwardingEvent) cstav3.Event {
	e := &cstav3.ForwardingEvent{Device: m.role("device", x.Device), ForwardStatus: x.ForwardStatus,
		ForwardTo: m.optDevice("forwardTo", x.ForwardTo), Extensions: m.ext("extensions", x.Extensions)}
	if x.ForwardingType != "" {
		t, ok := cstav3.ParseForwardingType(strings.TrimSpace(x.ForwardingType))
		if !ok {
			m.fail("forwardingType", x.ForwardingType, "unknown value")
		}
		e.HasForwardingType, e.ForwardingType = true, t
	}
	if x.ForwardDefault != "" {
		d, ok := cstav3.ParseForwardDefault(strings.TrimSpace(x.ForwardDefault))
		if !ok {
			m.fail("forwardDefault", x.ForwardDefault, "unknown value")
		}
		e.HasForwardDefault, e.ForwardDefault = true, d
	}
	e.HasRingCount, e.RingCount = intOf(x.RingCount)
	e.HasRingDuration, e.RingDuration = intOf(x.RingDuration)
	return e
}

func (m *codecMapper) agentLoggedOnEvent(x *AgentLoggedOnEvent) cstav3.Event {
	e := &cstav3.AgentLoggedOnEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		AgentPassword: cstav3.AgentPassword(textBytes(x.AgentPassword)), Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) agentLoggedOffEvent(x *AgentLoggedOffEvent) cstav3.Event {
	e := &cstav3.AgentLoggedOffEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		AgentPassword: cstav3.AgentPassword(textBytes(x.AgentPassword)), Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) agentReadyEvent(x *AgentReadyEvent) cstav3.Event {
	e := &cstav3.AgentReadyEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) agentNotReadyEvent(x *AgentNotReadyEvent) cstav3.Event {
	e := &cstav3.AgentNotReadyEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) agentBusyEvent(x *AgentBusyEvent) cstav3.Event {
	e := &cstav3.AgentBusyEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		Extensions: m.ext("extensions", x.Extensions)}
	if x.PendingAgentState != "" {
		s, ok := cstav3.ParsePendingAgentState(strings.TrimSpace(x.PendingAgentState))
		if !ok {
			m.fail("pendingAgentState", x.PendingAgentState, "unknown value")
		}
		e.HasPendingAgentState, e.PendingAgentState = true, s
	}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) agentWorkingAfterCallEvent(x *AgentWorkingAfterCallEvent) cstav3.Event {
	e := &cstav3.AgentWorkingAfterCallEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
		AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
		Extensions: m.ext("extensions", x.Extensions)}
	if x.PendingAgentState != "" {
		s, ok := cstav3.ParseAfterCallPendingState(strings.TrimSpace(x.PendingAgentState))
		if !ok {
			m.fail("pendingAgentState", x.PendingAgentState, "unknown value")
		}
		e.HasPendingAgentState, e.PendingAgentState = true, s
	}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) backInServiceEvent(x *BackInServiceEvent) cstav3.Event {
	e := &cstav3.BackInServiceEvent{Device: m.role("device", x.Device), Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

func (m *codecMapper) outOfServiceEvent(x *OutOfServiceEvent) cstav3.Event {
	e := &cstav3.OutOfServiceEvent{Device: m.role("device", x.Device), Extensions: m.ext("extensions", x.Extensions)}
	e.HasCause, e.Cause = m.optCause("cause", x.Cause)
	return e
}

// callOrigination reads the list form "internal external"
// (cstav3.ParseCallOrigination).
func (m *codecMapper) callOrigination(path, s string) (bool, cstav3.CallOrigination) {
	if s == "" {
		return false, 0
	}
	c, ok := cstav3.ParseCallOrigination(s)
	if !ok {
		m.fail(path, s, "unknown call origination")
	}
	return true, c
}
