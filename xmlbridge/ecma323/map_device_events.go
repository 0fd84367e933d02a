package ecma323

import (
	"strconv"
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the logical device feature and maintenance events.

func deviceEventToXML(ev cstav3.Event, xref string) (any, bool) {
	switch e := ev.(type) {
	case *cstav3.DoNotDisturbEvent:
		x := &DoNotDisturbEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
			DoNotDisturbOn: e.DoNotDisturbOn, CallingDeviceList: deviceListToXML(e.CallingDeviceList),
			Extensions: extToXML(&e.Extensions)}
		if e.HasCallOrigination {
			x.CallOrigination = e.CallOrigination.String()
		}
		return x, true
	case *cstav3.ForwardingEvent:
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
		return x, true
	case *cstav3.AgentLoggedOnEvent:
		return &AgentLoggedOnEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup), AgentPassword: string(e.AgentPassword),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	case *cstav3.AgentLoggedOffEvent:
		return &AgentLoggedOffEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup), AgentPassword: string(e.AgentPassword),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	case *cstav3.AgentReadyEvent:
		return &AgentReadyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	case *cstav3.AgentNotReadyEvent:
		return &AgentNotReadyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	case *cstav3.AgentBusyEvent:
		x := &AgentBusyEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
		if e.HasPendingAgentState {
			x.PendingAgentState = e.PendingAgentState.String()
		}
		return x, true
	case *cstav3.AgentWorkingAfterCallEvent:
		x := &AgentWorkingAfterCallEvent{MonitorCrossRefID: xref, AgentDevice: roleToXML(e.AgentDevice, false),
			AgentID: string(e.AgentID), ACDGroup: optDeviceIDToXML(e.ACDGroup),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}
		if e.HasPendingAgentState {
			x.PendingAgentState = e.PendingAgentState.String()
		}
		return x, true
	case *cstav3.BackInServiceEvent:
		return &BackInServiceEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	case *cstav3.OutOfServiceEvent:
		return &OutOfServiceEvent{MonitorCrossRefID: xref, Device: roleToXML(e.Device, false),
			Cause: optCauseToXML(e.HasCause, e.Cause), Extensions: extToXML(&e.Extensions)}, true
	}
	return nil, false
}

func (m *codecMapper) deviceEvent(v any) (cstav3.Event, string, bool) {
	switch x := v.(type) {
	case *DoNotDisturbEvent:
		e := &cstav3.DoNotDisturbEvent{Device: m.role("device", x.Device), DoNotDisturbOn: x.DoNotDisturbOn,
			CallingDeviceList: m.deviceList("callingDeviceList", x.CallingDeviceList),
			Extensions:        m.ext("extensions", x.Extensions)}
		e.HasCallOrigination, e.CallOrigination = m.callOrigination("callOrigination", x.CallOrigination)
		return e, x.MonitorCrossRefID, true
	case *ForwardingEvent:
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
		return e, x.MonitorCrossRefID, true
	case *AgentLoggedOnEvent:
		e := &cstav3.AgentLoggedOnEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
			AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
			AgentPassword: cstav3.AgentPassword(textBytes(x.AgentPassword)), Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	case *AgentLoggedOffEvent:
		e := &cstav3.AgentLoggedOffEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
			AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
			AgentPassword: cstav3.AgentPassword(textBytes(x.AgentPassword)), Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	case *AgentReadyEvent:
		e := &cstav3.AgentReadyEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
			AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
			Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	case *AgentNotReadyEvent:
		e := &cstav3.AgentNotReadyEvent{AgentDevice: m.role("agentDevice", x.AgentDevice),
			AgentID: cstav3.AgentID(textBytes(x.AgentID)), ACDGroup: m.optDevice("acdGroup", x.ACDGroup),
			Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	case *AgentBusyEvent:
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
		return e, x.MonitorCrossRefID, true
	case *AgentWorkingAfterCallEvent:
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
		return e, x.MonitorCrossRefID, true
	case *BackInServiceEvent:
		e := &cstav3.BackInServiceEvent{Device: m.role("device", x.Device), Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	case *OutOfServiceEvent:
		e := &cstav3.OutOfServiceEvent{Device: m.role("device", x.Device), Extensions: m.ext("extensions", x.Extensions)}
		e.HasCause, e.Cause = m.optCause("cause", x.Cause)
		return e, x.MonitorCrossRefID, true
	}
	return nil, "", false
}

// callOrigination reads the list form "internal external"; numbers stand
// for unnamed bits, as cstav3.CallOrigination.String writes them.
func (m *codecMapper) callOrigination(path, s string) (bool, cstav3.CallOrigination) {
	if s == "" {
		return false, 0
	}
	var c cstav3.CallOrigination
	for _, f := range strings.Fields(s) {
		switch f {
		case "internal":
			c |= cstav3.OriginationInternal
		case "external":
			c |= cstav3.OriginationExternal
		default:
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 || n > 7 {
				m.fail(path, s, "unknown call origination")
				continue
			}
			c |= 1 << n
		}
	}
	return true, c
}
