package ecma323

import (
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the monitor, snapshot and system status services.

func monitorStartToXML(a *cstav3.MonitorStartArgument, xref string) any {
	x := &MonitorStart{RequestedMonitorFilter: filterToXML(a.RequestedMonitorFilter),
		RequestedMonitorMediaClass: flagsToXML(a.RequestedMonitorMediaClass, codecMediaClassBits),
		Extensions:                 extToXML(&a.Extensions)}
	if a.MonitorObject.IsCall() {
		x.MonitorObject.CallObject = optConnToXML(a.MonitorObject.Call)
	} else {
		x.MonitorObject.DeviceObject = optDeviceIDToXML(a.MonitorObject.Device)
	}
	if a.HasMonitorType {
		x.MonitorType = a.MonitorType.String()
	}
	return x
}

func monitorStopToXML(a *cstav3.MonitorStopArgument, xref string) any {
	return &MonitorStop{MonitorCrossRefID: xref, Extensions: extToXML(&a.Extensions)}
}

func changeMonitorFilterToXML(a *cstav3.ChangeMonitorFilterArgument, xref string) any {
	x := &ChangeMonitorFilter{MonitorCrossRefID: xref, Extensions: extToXML(&a.Extensions)}
	if f := filterToXML(&a.RequestedFilterList); f != nil {
		x.RequestedFilterList = *f
	}
	return x
}

func snapshotDeviceToXML(a *cstav3.SnapshotDeviceArgument, xref string) any {
	return &SnapshotDevice{SnapshotObject: deviceIDToXML(a.SnapshotObject), Extensions: extToXML(&a.Extensions)}
}

func snapshotCallToXML(a *cstav3.SnapshotCallArgument, xref string) any {
	return &SnapshotCall{SnapshotObject: connToXML(a.SnapshotObject), Extensions: extToXML(&a.Extensions)}
}

func systemStatusToXML(a *cstav3.SystemStatusArgument, xref string) any {
	return &SystemStatus{SysStatRegisterID: string(a.SysStatRegisterID), SystemStatus: a.SystemStatus.String(),
		Extensions: extToXML(&a.Extensions)}
}

func (m *codecMapper) monitorStart(x *MonitorStart) (cstav3.Argument, string) {
	a := &cstav3.MonitorStartArgument{
		RequestedMonitorFilter:     m.filter("requestedMonitorFilter", x.RequestedMonitorFilter),
		RequestedMonitorMediaClass: m.flags("requestedMonitorMediaClass", x.RequestedMonitorMediaClass, codecMediaClassBits),
		Extensions:                 m.ext("extensions", x.Extensions)}
	switch o := x.MonitorObject; {
	case o.DeviceObject != nil:
		a.MonitorObject = cstav3.DeviceObject(m.device("monitorObject/deviceObject", *o.DeviceObject))
	case o.CallObject != nil:
		a.MonitorObject = cstav3.CallObject(m.conn("monitorObject/callObject", *o.CallObject))
	default:
		m.fail("monitorObject", "", "neither deviceObject nor callObject")
	}
	if x.MonitorType != "" {
		t, ok := cstav3.ParseMonitorType(strings.TrimSpace(x.MonitorType))
		if !ok {
			m.fail("monitorType", x.MonitorType, "unknown value")
		}
		a.HasMonitorType, a.MonitorType = true, t
	}
	return a, ""
}

func (m *codecMapper) monitorStop(x *MonitorStop) (cstav3.Argument, string) {
	return &cstav3.MonitorStopArgument{Extensions: m.ext("extensions", x.Extensions)},
		strings.TrimSpace(x.MonitorCrossRefID)
}

func (m *codecMapper) changeMonitorFilter(x *ChangeMonitorFilter) (cstav3.Argument, string) {
	a := &cstav3.ChangeMonitorFilterArgument{Extensions: m.ext("extensions", x.Extensions)}
	if f := m.filter("requestedFilterList", &x.RequestedFilterList); f != nil {
		a.RequestedFilterList = *f
	}
	return a, strings.TrimSpace(x.MonitorCrossRefID)
}

func (m *codecMapper) snapshotDevice(x *SnapshotDevice) (cstav3.Argument, string) {
	return &cstav3.SnapshotDeviceArgument{SnapshotObject: m.device("snapshotObject", x.SnapshotObject),
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) snapshotCall(x *SnapshotCall) (cstav3.Argument, string) {
	return &cstav3.SnapshotCallArgument{SnapshotObject: m.conn("snapshotObject", x.SnapshotObject),
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) systemStatus(x *SystemStatus) (cstav3.Argument, string) {
	s, ok := cstav3.ParseSystemStatus(strings.TrimSpace(x.SystemStatus))
	if !ok {
		m.fail("systemStatus", x.SystemStatus, "unknown value")
	}
	return &cstav3.SystemStatusArgument{SysStatRegisterID: textBytes(x.SysStatRegisterID), SystemStatus: s,
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func monitorStartResponseToXML(r *cstav3.MonitorStartResult, xref string) any {
	return &MonitorStartResponse{MonitorCrossRefID: xref,
		ActualMonitorFilter:     filterToXML(r.ActualMonitorFilter),
		ActualMonitorMediaClass: flagsToXML(r.ActualMonitorMediaClass, codecMediaClassBits),
		MonitorExistingCalls:    optBool(r.HasMonitorExistingCalls, r.MonitorExistingCalls),
		Extensions:              extToXML(&r.Extensions)}
}

func changeMonitorFilterResponseToXML(r *cstav3.ChangeMonitorFilterResult, xref string) any {
	return &ChangeMonitorFilterResponse{ActualFilterList: filterToXML(r.ActualFilterList),
		Extensions: extToXML(&r.Extensions)}
}

func snapshotDeviceResponseToXML(r *cstav3.SnapshotDeviceResult, xref string) any {
	x := &SnapshotDeviceResponse{Extensions: extToXML(&r.Extensions)}
	if r.ServiceCrossRefID != nil {
		x.CrossRefIDorSnapshotData.ServiceCrossRefID = hexString(r.ServiceCrossRefID)
		return x
	}
	d := &SnapshotDeviceData{Items: make([]SnapshotDeviceResponseInfo, len(r.SnapshotData))}
	for i, info := range r.SnapshotData {
		d.Items[i] = SnapshotDeviceResponseInfo{ConnectionIdentifier: connToXML(info.ConnectionIdentifier),
			EndpointDevice: optRoleToXML(info.EndpointDevice), LocalCallState: callStateToXML(info.LocalCallState),
			CallLinkageData: linkToXML(info.CallLinkageData)}
	}
	x.CrossRefIDorSnapshotData.SnapshotData = d
	return x
}

func snapshotCallResponseToXML(r *cstav3.SnapshotCallResult, xref string) any {
	x := &SnapshotCallResponse{
		CallCharacteristics:     flagsToXML(r.CallCharacteristics, codecCallCharacteristicsBits),
		CallingDevice:           optRoleToXML(r.CallingDevice),
		CalledDevice:            optRoleToXML(r.CalledDevice),
		AssociatedCallingDevice: optRoleToXML(r.AssociatedCallingDevice),
		AssociatedCalledDevice:  optRoleToXML(r.AssociatedCalledDevice),
		CorrelatorData:          hexString(r.CorrelatorData),
		CallLinkageData:         linkToXML(r.CallLinkageData),
		Extensions:              extToXML(&r.Extensions)}
	if r.ServiceCrossRefID != nil {
		x.CrossRefIDorSnapshotData.ServiceCrossRefID = hexString(r.ServiceCrossRefID)
		return x
	}
	d := &SnapshotCallData{Items: make([]SnapshotCallResponseInfo, len(r.SnapshotData))}
	for i, info := range r.SnapshotData {
		d.Items[i] = SnapshotCallResponseInfo{DeviceOnCall: roleToXML(info.DeviceOnCall, false),
			CallIdentifier:       optConnToXML(info.CallIdentifier),
			LocalConnectionState: stateToXML(info.HasLocalConnectionState, info.LocalConnectionState)}
	}
	x.CrossRefIDorSnapshotData.SnapshotData = d
	return x
}

func (m *codecMapper) monitorStartResponse(x *MonitorStartResponse) (cstav3.Result, string) {
	r := &cstav3.MonitorStartResult{ActualMonitorFilter: m.filter("actualMonitorFilter", x.ActualMonitorFilter),
		ActualMonitorMediaClass: m.flags("actualMonitorMediaClass", x.ActualMonitorMediaClass, codecMediaClassBits),
		Extensions:              m.ext("extensions", x.Extensions)}
	r.HasMonitorExistingCalls, r.MonitorExistingCalls = boolOf(x.MonitorExistingCalls)
	return r, strings.TrimSpace(x.MonitorCrossRefID)
}

func (m *codecMapper) changeMonitorFilterResponse(x *ChangeMonitorFilterResponse) (cstav3.Result, string) {
	return &cstav3.ChangeMonitorFilterResult{ActualFilterList: m.filter("actualFilterList", x.ActualFilterList),
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) snapshotDeviceResponse(x *SnapshotDeviceResponse) (cstav3.Result, string) {
	r := &cstav3.SnapshotDeviceResult{Extensions: m.ext("extensions", x.Extensions)}
	c := x.CrossRefIDorSnapshotData
	if c.SnapshotData == nil {
		r.ServiceCrossRefID = m.hexBytes("crossRefIDorSnapshotData/serviceCrossRefID", strings.TrimSpace(c.ServiceCrossRefID))
		if r.ServiceCrossRefID == nil {
			r.ServiceCrossRefID = []byte{}
		}
		return r, ""
	}
	r.SnapshotData = make(cstav3.SnapshotDeviceData, len(c.SnapshotData.Items))
	p := "crossRefIDorSnapshotData/snapshotData/snapshotDeviceResponseInfo"
	for i, it := range c.SnapshotData.Items {
		r.SnapshotData[i] = cstav3.SnapshotDeviceResponseInfo{
			ConnectionIdentifier: m.conn(p+"/connectionIdentifier", it.ConnectionIdentifier),
			EndpointDevice:       m.optRole(p+"/endpointDevice", it.EndpointDevice),
			LocalCallState:       m.callState(p+"/localCallState", it.LocalCallState),
			CallLinkageData:      m.link(p+"/callLinkageData", it.CallLinkageData)}
	}
	return r, ""
}

func (m *codecMapper) snapshotCallResponse(x *SnapshotCallResponse) (cstav3.Result, string) {
	r := &cstav3.SnapshotCallResult{
		CallCharacteristics:     m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
		CallingDevice:           m.optRole("callingDevice", x.CallingDevice),
		CalledDevice:            m.optRole("calledDevice", x.CalledDevice),
		AssociatedCallingDevice: m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		AssociatedCalledDevice:  m.optRole("associatedCalledDevice", x.AssociatedCalledDevice),
		CorrelatorData:          m.hexBytes("correlatorData", x.CorrelatorData),
		CallLinkageData:         m.link("callLinkageData", x.CallLinkageData),
		Extensions:              m.ext("extensions", x.Extensions)}
	c := x.CrossRefIDorSnapshotData
	if c.SnapshotData == nil {
		r.ServiceCrossRefID = m.hexBytes("crossRefIDorSnapshotData/serviceCrossRefID", strings.TrimSpace(c.ServiceCrossRefID))
		if r.ServiceCrossRefID == nil {
			r.ServiceCrossRefID = []byte{}
		}
		return r, ""
	}
	r.SnapshotData = make(cstav3.SnapshotCallData, len(c.SnapshotData.Items))
	p := "crossRefIDorSnapshotData/snapshotData/snapshotCallResponseInfo"
	for i, it := range c.SnapshotData.Items {
		info := cstav3.SnapshotCallResponseInfo{DeviceOnCall: m.role(p+"/deviceOnCall", it.DeviceOnCall),
			CallIdentifier: m.optConn(p+"/callIdentifier", it.CallIdentifier)}
		info.HasLocalConnectionState, info.LocalConnectionState = m.state(p+"/localConnectionState", it.LocalConnectionState)
		r.SnapshotData[i] = info
	}
	return r, ""
}

func callStateToXML(s cstav3.CallState) CallState {
	switch s.Kind {
	case cstav3.CallStateCompound:
		c := &CompoundCallState{LocalConnectionState: make([]string, len(s.Compound))}
		for i, st := range s.Compound {
			c.LocalConnectionState[i] = st.String()
		}
		return CallState{CompoundCallState: c}
	case cstav3.CallStateSimple:
		return CallState{SimpleCallState: s.Simple.String()}
	}
	return CallState{Unknown: &Empty{}}
}

func (m *codecMapper) callState(path string, x CallState) cstav3.CallState {
	switch {
	case x.CompoundCallState != nil:
		s := cstav3.CallState{Kind: cstav3.CallStateCompound,
			Compound: make([]cstav3.ConnectionState, len(x.CompoundCallState.LocalConnectionState))}
		for i, st := range x.CompoundCallState.LocalConnectionState {
			_, s.Compound[i] = m.state(path+"/compoundCallState/localConnectionState", st)
		}
		return s
	case x.SimpleCallState != "":
		v, ok := cstav3.ParseSimpleCallState(strings.TrimSpace(x.SimpleCallState))
		if !ok {
			m.fail(path+"/simpleCallState", x.SimpleCallState, "unknown value")
		}
		return cstav3.CallState{Kind: cstav3.CallStateSimple, Simple: v}
	}
	return cstav3.CallState{Kind: cstav3.CallStateUnknown}
}
