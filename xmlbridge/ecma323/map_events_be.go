package ecma323

import "github.com/cstav3/cstav3/cstav3"

// Mapping of the call control events Bridged to Established, both ways.

func bridgedInto(b *eventBox[BridgedEvent], e *cstav3.BridgedEvent, xref string) *BridgedEvent {
	b.ev = BridgedEvent{MonitorCrossRefID: xref,
		BridgedConnection:     b.conn(e.BridgedConnection),
		BridgedAppearance:     roleToXML(e.BridgedAppearance, false),
		LocalConnectionInfo:   stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:        hexString(e.CorrelatorData),
		UserData:              userDataToXML(e.UserData),
		Cause:                 e.Cause.String(),
		BridgedConnectionInfo: connInfoToXML(e.BridgedConnectionInfo),
		CallLinkageData:       linkToXML(e.CallLinkageData),
		Extensions:            b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) bridged(x *BridgedEvent) *cstav3.BridgedEvent {
	e := &cstav3.BridgedEvent{
		BridgedConnection:     m.conn("bridgedConnection", x.BridgedConnection),
		BridgedAppearance:     m.role("bridgedAppearance", x.BridgedAppearance),
		CorrelatorData:        m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:              m.userData("userData", x.UserData),
		Cause:                 m.cause("cause", x.Cause),
		BridgedConnectionInfo: m.connInfo("bridgedConnectionInfo", x.BridgedConnectionInfo),
		CallLinkageData:       m.link("callLinkageData", x.CallLinkageData),
		Extensions:            m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func callClearedInto(b *eventBox[CallClearedEvent], e *cstav3.CallClearedEvent, xref string) *CallClearedEvent {
	b.ev = CallClearedEvent{MonitorCrossRefID: xref,
		ClearedCall:     b.conn(e.ClearedCall),
		CorrelatorData:  hexString(e.CorrelatorData),
		UserData:        userDataToXML(e.UserData),
		Cause:           e.Cause.String(),
		CallLinkageData: linkToXML(e.CallLinkageData),
		Extensions:      b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) callCleared(x *CallClearedEvent) *cstav3.CallClearedEvent {
	return &cstav3.CallClearedEvent{
		ClearedCall:     m.conn("clearedCall", x.ClearedCall),
		CorrelatorData:  m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:        m.userData("userData", x.UserData),
		Cause:           m.cause("cause", x.Cause),
		CallLinkageData: m.link("callLinkageData", x.CallLinkageData),
		Extensions:      m.ext("extensions", x.Extensions)}
}

func conferencedInto(b *eventBox[ConferencedEvent], e *cstav3.ConferencedEvent, xref string) *ConferencedEvent {
	b.ev = ConferencedEvent{MonitorCrossRefID: xref,
		PrimaryOldCall:        b.conn(e.PrimaryOldCall),
		SecondaryOldCall:      b.optConn(e.SecondaryOldCall),
		ConferencingDevice:    roleToXML(e.ConferencingDevice, false),
		AddedParty:            roleToXML(e.AddedParty, false),
		ConferenceConnections: b.connList(e.ConferenceConnections),
		LocalConnectionInfo:   stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:        hexString(e.CorrelatorData),
		UserData:              userDataToXML(e.UserData),
		Cause:                 e.Cause.String(),
		CallLinkageDataList:   linkListToXML(&e.CallLinkageDataList),
		Extensions:            b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) conferenced(x *ConferencedEvent) *cstav3.ConferencedEvent {
	e := &cstav3.ConferencedEvent{
		PrimaryOldCall:        m.conn("primaryOldCall", x.PrimaryOldCall),
		SecondaryOldCall:      m.optConn("secondaryOldCall", x.SecondaryOldCall),
		ConferencingDevice:    m.role("conferencingDevice", x.ConferencingDevice),
		AddedParty:            m.role("addedParty", x.AddedParty),
		ConferenceConnections: m.connList("conferenceConnections", &x.ConferenceConnections),
		CorrelatorData:        m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:              m.userData("userData", x.UserData),
		Cause:                 m.cause("cause", x.Cause),
		CallLinkageDataList:   m.linkList("callLinkageDataList", x.CallLinkageDataList),
		Extensions:            m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func connectionClearedInto(b *eventBox[ConnectionClearedEvent], e *cstav3.ConnectionClearedEvent, xref string) *ConnectionClearedEvent {
	b.ev = ConnectionClearedEvent{MonitorCrossRefID: xref,
		DroppedConnection:     b.conn(e.DroppedConnection),
		ReleasingDevice:       roleToXML(e.ReleasingDevice, false),
		LocalConnectionInfo:   stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:        hexString(e.CorrelatorData),
		UserData:              userDataToXML(e.UserData),
		ChargingInfo:          chargingToXML(e.ChargingInfo),
		Cause:                 e.Cause.String(),
		DroppedConnectionInfo: connInfoToXML(e.DroppedConnectionInfo),
		CallLinkageData:       linkToXML(e.CallLinkageData),
		Extensions:            b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) connectionCleared(x *ConnectionClearedEvent) *cstav3.ConnectionClearedEvent {
	e := &cstav3.ConnectionClearedEvent{
		DroppedConnection:     m.conn("droppedConnection", x.DroppedConnection),
		ReleasingDevice:       m.role("releasingDevice", x.ReleasingDevice),
		CorrelatorData:        m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:              m.userData("userData", x.UserData),
		ChargingInfo:          m.charging("chargingInfo", x.ChargingInfo),
		Cause:                 m.cause("cause", x.Cause),
		DroppedConnectionInfo: m.connInfo("droppedConnectionInfo", x.DroppedConnectionInfo),
		CallLinkageData:       m.link("callLinkageData", x.CallLinkageData),
		Extensions:            m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func deliveredInto(b *eventBox[DeliveredEvent], e *cstav3.DeliveredEvent, xref string) *DeliveredEvent {
	b.ev = DeliveredEvent{MonitorCrossRefID: xref,
		Connection:               b.conn(e.Connection),
		AlertingDevice:           roleToXML(e.AlertingDevice, false),
		CallingDevice:            roleToXML(e.CallingDevice, false),
		CalledDevice:             roleToXML(e.CalledDevice, false),
		LastRedirectionDevice:    roleToXML(e.LastRedirectionDevice, true),
		OriginatingNIDConnection: b.optConnPtr(e.OriginatingNIDConnection),
		LocalConnectionInfo:      stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:           hexString(e.CorrelatorData),
		UserData:                 userDataToXML(e.UserData),
		Cause:                    e.Cause.String(),
		NetworkCallingDevice:     optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:      optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice:  optRoleToXML(e.AssociatedCallingDevice),
		AssociatedCalledDevice:   optRoleToXML(e.AssociatedCalledDevice),
		CallLinkageData:          linkToXML(e.CallLinkageData),
		Extensions:               b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) delivered(x *DeliveredEvent) *cstav3.DeliveredEvent {
	e := &cstav3.DeliveredEvent{
		Connection:               m.conn("connection", x.Connection),
		AlertingDevice:           m.role("alertingDevice", x.AlertingDevice),
		CallingDevice:            m.role("callingDevice", x.CallingDevice),
		CalledDevice:             m.role("calledDevice", x.CalledDevice),
		LastRedirectionDevice:    m.role("lastRedirectionDevice", x.LastRedirectionDevice),
		OriginatingNIDConnection: m.optConnPtr("originatingNIDConnection", x.OriginatingNIDConnection),
		CorrelatorData:           m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:                 m.userData("userData", x.UserData),
		Cause:                    m.cause("cause", x.Cause),
		NetworkCallingDevice:     m.optRole("networkCallingDevice", x.NetworkCallingDevice),
		NetworkCalledDevice:      m.optRole("networkCalledDevice", x.NetworkCalledDevice),
		AssociatedCallingDevice:  m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		AssociatedCalledDevice:   m.optRole("associatedCalledDevice", x.AssociatedCalledDevice),
		CallLinkageData:          m.link("callLinkageData", x.CallLinkageData),
		Extensions:               m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func digitsDialedInto(b *eventBox[DigitsDialedEvent], e *cstav3.DigitsDialedEvent, xref string) *DigitsDialedEvent {
	b.ev = DigitsDialedEvent{MonitorCrossRefID: xref,
		DialingConnection:       b.conn(e.DialingConnection),
		DialingDevice:           roleToXML(e.DialingDevice, false),
		DialingSequence:         deviceIDToXML(e.DialingSequence),
		LocalConnectionInfo:     stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:          hexString(e.CorrelatorData),
		Cause:                   e.Cause.String(),
		NetworkCallingDevice:    optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:     optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice: optRoleToXML(e.AssociatedCallingDevice),
		AssociatedCalledDevice:  optRoleToXML(e.AssociatedCalledDevice),
		CallLinkageData:         linkToXML(e.CallLinkageData),
		Extensions:              b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) digitsDialed(x *DigitsDialedEvent) *cstav3.DigitsDialedEvent {
	e := &cstav3.DigitsDialedEvent{
		DialingConnection:       m.conn("dialingConnection", x.DialingConnection),
		DialingDevice:           m.role("dialingDevice", x.DialingDevice),
		DialingSequence:         m.device("dialingSequence", x.DialingSequence),
		CorrelatorData:          m.hexBytes("correlatorData", x.CorrelatorData),
		Cause:                   m.cause("cause", x.Cause),
		NetworkCallingDevice:    m.optRole("networkCallingDevice", x.NetworkCallingDevice),
		NetworkCalledDevice:     m.optRole("networkCalledDevice", x.NetworkCalledDevice),
		AssociatedCallingDevice: m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		AssociatedCalledDevice:  m.optRole("associatedCalledDevice", x.AssociatedCalledDevice),
		CallLinkageData:         m.link("callLinkageData", x.CallLinkageData),
		Extensions:              m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func divertedInto(b *eventBox[DivertedEvent], e *cstav3.DivertedEvent, xref string) *DivertedEvent {
	b.ev = DivertedEvent{MonitorCrossRefID: xref,
		Connection:              b.conn(e.Connection),
		DivertingDevice:         roleToXML(e.DivertingDevice, false),
		NewDestination:          roleToXML(e.NewDestination, false),
		CallingDevice:           optRoleToXML(e.CallingDevice),
		CalledDevice:            optRoleToXML(e.CalledDevice),
		LastRedirectionDevice:   roleToXML(e.LastRedirectionDevice, true),
		LocalConnectionInfo:     stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:          hexString(e.CorrelatorData),
		UserData:                userDataToXML(e.UserData),
		Cause:                   e.Cause.String(),
		NetworkCallingDevice:    optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:     optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice: optRoleToXML(e.AssociatedCallingDevice),
		AssociatedCalledDevice:  optRoleToXML(e.AssociatedCalledDevice),
		CallLinkageData:         linkToXML(e.CallLinkageData),
		Extensions:              b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) diverted(x *DivertedEvent) *cstav3.DivertedEvent {
	e := &cstav3.DivertedEvent{
		Connection:              m.conn("connection", x.Connection),
		DivertingDevice:         m.role("divertingDevice", x.DivertingDevice),
		NewDestination:          m.role("newDestination", x.NewDestination),
		CallingDevice:           m.optRole("callingDevice", x.CallingDevice),
		CalledDevice:            m.optRole("calledDevice", x.CalledDevice),
		LastRedirectionDevice:   m.role("lastRedirectionDevice", x.LastRedirectionDevice),
		CorrelatorData:          m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:                m.userData("userData", x.UserData),
		Cause:                   m.cause("cause", x.Cause),
		NetworkCallingDevice:    m.optRole("networkCallingDevice", x.NetworkCallingDevice),
		NetworkCalledDevice:     m.optRole("networkCalledDevice", x.NetworkCalledDevice),
		AssociatedCallingDevice: m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		AssociatedCalledDevice:  m.optRole("associatedCalledDevice", x.AssociatedCalledDevice),
		CallLinkageData:         m.link("callLinkageData", x.CallLinkageData),
		Extensions:              m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func establishedInto(b *eventBox[EstablishedEvent], e *cstav3.EstablishedEvent, xref string) *EstablishedEvent {
	b.ev = EstablishedEvent{MonitorCrossRefID: xref,
		EstablishedConnection:     b.conn(e.EstablishedConnection),
		AnsweringDevice:           roleToXML(e.AnsweringDevice, false),
		CallingDevice:             roleToXML(e.CallingDevice, false),
		CalledDevice:              roleToXML(e.CalledDevice, false),
		LastRedirectionDevice:     roleToXML(e.LastRedirectionDevice, true),
		OriginatingNIDConnection:  b.optConnPtr(e.OriginatingNIDConnection),
		LocalConnectionInfo:       stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:            hexString(e.CorrelatorData),
		UserData:                  userDataToXML(e.UserData),
		Cause:                     e.Cause.String(),
		NetworkCallingDevice:      optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:       optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice:   optRoleToXML(e.AssociatedCallingDevice),
		AssociatedCalledDevice:    optRoleToXML(e.AssociatedCalledDevice),
		EstablishedConnectionInfo: connInfoToXML(e.EstablishedConnectionInfo),
		CallLinkageData:           linkToXML(e.CallLinkageData),
		Extensions:                b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) established(x *EstablishedEvent) *cstav3.EstablishedEvent {
	e := &cstav3.EstablishedEvent{
		EstablishedConnection:     m.conn("establishedConnection", x.EstablishedConnection),
		AnsweringDevice:           m.role("answeringDevice", x.AnsweringDevice),
		CallingDevice:             m.role("callingDevice", x.CallingDevice),
		CalledDevice:              m.role("calledDevice", x.CalledDevice),
		LastRedirectionDevice:     m.role("lastRedirectionDevice", x.LastRedirectionDevice),
		OriginatingNIDConnection:  m.optConnPtr("originatingNIDConnection", x.OriginatingNIDConnection),
		CorrelatorData:            m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:                  m.userData("userData", x.UserData),
		Cause:                     m.cause("cause", x.Cause),
		NetworkCallingDevice:      m.optRole("networkCallingDevice", x.NetworkCallingDevice),
		NetworkCalledDevice:       m.optRole("networkCalledDevice", x.NetworkCalledDevice),
		AssociatedCallingDevice:   m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		AssociatedCalledDevice:    m.optRole("associatedCalledDevice", x.AssociatedCalledDevice),
		EstablishedConnectionInfo: m.connInfo("establishedConnectionInfo", x.EstablishedConnectionInfo),
		CallLinkageData:           m.link("callLinkageData", x.CallLinkageData),
		Extensions:                m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}
