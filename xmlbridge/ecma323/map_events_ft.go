package ecma323

import "github.com/cstav3/cstav3/cstav3"

// Mapping of the call control events Failed to Transferred, both ways.

func failedInto(b *eventBox[FailedEvent], e *cstav3.FailedEvent, xref string) *FailedEvent {
	b.ev = FailedEvent{MonitorCrossRefID: xref,
		FailedConnection:         b.conn(e.FailedConnection),
		FailingDevice:            roleToXML(e.FailingDevice, false),
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

func (m *codecMapper) failed(x *FailedEvent) *cstav3.FailedEvent {
	e := &cstav3.FailedEvent{
		FailedConnection:         m.conn("failedConnection", x.FailedConnection),
		FailingDevice:            m.role("failingDevice", x.FailingDevice),
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

func heldInto(b *eventBox[HeldEvent], e *cstav3.HeldEvent, xref string) *HeldEvent {
	b.ev = HeldEvent{MonitorCrossRefID: xref,
		HeldConnection:      b.conn(e.HeldConnection),
		HoldingDevice:       roleToXML(e.HoldingDevice, false),
		LocalConnectionInfo: stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:      hexString(e.CorrelatorData),
		Cause:               e.Cause.String(),
		HeldConnectionInfo:  connInfoToXML(e.HeldConnectionInfo),
		CallLinkageData:     linkToXML(e.CallLinkageData),
		Extensions:          b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) held(x *HeldEvent) *cstav3.HeldEvent {
	e := &cstav3.HeldEvent{
		HeldConnection:     m.conn("heldConnection", x.HeldConnection),
		HoldingDevice:      m.role("holdingDevice", x.HoldingDevice),
		CorrelatorData:     m.hexBytes("correlatorData", x.CorrelatorData),
		Cause:              m.cause("cause", x.Cause),
		HeldConnectionInfo: m.connInfo("heldConnectionInfo", x.HeldConnectionInfo),
		CallLinkageData:    m.link("callLinkageData", x.CallLinkageData),
		Extensions:         m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func netCapsChangedInto(b *eventBox[NetworkCapabilitiesChangedEvent], e *cstav3.NetworkCapabilitiesChangedEvent, xref string) *NetworkCapabilitiesChangedEvent {
	b.ev = NetworkCapabilitiesChangedEvent{MonitorCrossRefID: xref,
		OutboundConnection:   b.conn(e.OutboundConnection),
		NetworkInterfaceUsed: roleToXML(e.NetworkInterfaceUsed, false),
		CalledDevice:         roleToXML(e.CalledDevice, false),
		ProgressIndicator:    progressToXML(e.ProgressIndicator),
		LocalConnectionInfo:  stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:       hexString(e.CorrelatorData),
		UserData:             userDataToXML(e.UserData),
		NetworkCapability:    netCapToXML(e.HasNetworkCapability, e.NetworkCapability),
		Cause:                e.Cause.String(),
		CallLinkageData:      linkToXML(e.CallLinkageData),
		Extensions:           b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) netCapsChanged(x *NetworkCapabilitiesChangedEvent) *cstav3.NetworkCapabilitiesChangedEvent {
	e := &cstav3.NetworkCapabilitiesChangedEvent{
		OutboundConnection:   m.conn("outboundConnection", x.OutboundConnection),
		NetworkInterfaceUsed: m.role("networkInterfaceUsed", x.NetworkInterfaceUsed),
		CalledDevice:         m.role("calledDevice", x.CalledDevice),
		ProgressIndicator:    m.progress("progressIndicator", x.ProgressIndicator),
		CorrelatorData:       m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:             m.userData("userData", x.UserData),
		Cause:                m.cause("cause", x.Cause),
		CallLinkageData:      m.link("callLinkageData", x.CallLinkageData),
		Extensions:           m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	e.HasNetworkCapability, e.NetworkCapability = m.netCap("networkCapability", x.NetworkCapability)
	return e
}

func networkReachedInto(b *eventBox[NetworkReachedEvent], e *cstav3.NetworkReachedEvent, xref string) *NetworkReachedEvent {
	b.ev = NetworkReachedEvent{MonitorCrossRefID: xref,
		OutboundConnection:       b.conn(e.OutboundConnection),
		NetworkInterfaceUsed:     roleToXML(e.NetworkInterfaceUsed, false),
		CallingDevice:            roleToXML(e.CallingDevice, false),
		CalledDevice:             roleToXML(e.CalledDevice, false),
		LastRedirectionDevice:    roleToXML(e.LastRedirectionDevice, true),
		OriginatingNIDConnection: b.optConnPtr(e.OriginatingNIDConnection),
		LocalConnectionInfo:      stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:           hexString(e.CorrelatorData),
		UserData:                 userDataToXML(e.UserData),
		NetworkCapability:        netCapToXML(e.HasNetworkCapability, e.NetworkCapability),
		Cause:                    e.Cause.String(),
		NetworkCallingDevice:     optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:      optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice:  optRoleToXML(e.AssociatedCallingDevice),
		CallLinkageData:          linkToXML(e.CallLinkageData),
		Extensions:               b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) networkReached(x *NetworkReachedEvent) *cstav3.NetworkReachedEvent {
	e := &cstav3.NetworkReachedEvent{
		OutboundConnection:       m.conn("outboundConnection", x.OutboundConnection),
		NetworkInterfaceUsed:     m.role("networkInterfaceUsed", x.NetworkInterfaceUsed),
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
		CallLinkageData:          m.link("callLinkageData", x.CallLinkageData),
		Extensions:               m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	e.HasNetworkCapability, e.NetworkCapability = m.netCap("networkCapability", x.NetworkCapability)
	return e
}

func offeredInto(b *eventBox[OfferedEvent], e *cstav3.OfferedEvent, xref string) *OfferedEvent {
	b.ev = OfferedEvent{MonitorCrossRefID: xref,
		OfferedConnection:        b.conn(e.OfferedConnection),
		OfferedDevice:            roleToXML(e.OfferedDevice, false),
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

func (m *codecMapper) offered(x *OfferedEvent) *cstav3.OfferedEvent {
	e := &cstav3.OfferedEvent{
		OfferedConnection:        m.conn("offeredConnection", x.OfferedConnection),
		OfferedDevice:            m.role("offeredDevice", x.OfferedDevice),
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

func originatedInto(b *eventBox[OriginatedEvent], e *cstav3.OriginatedEvent, xref string) *OriginatedEvent {
	b.ev = OriginatedEvent{MonitorCrossRefID: xref,
		OriginatedConnection:    b.conn(e.OriginatedConnection),
		CallingDevice:           roleToXML(e.CallingDevice, false),
		CalledDevice:            roleToXML(e.CalledDevice, false),
		OriginatingDevice:       optDeviceIDToXML(e.OriginatingDevice),
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

func (m *codecMapper) originated(x *OriginatedEvent) *cstav3.OriginatedEvent {
	e := &cstav3.OriginatedEvent{
		OriginatedConnection:    m.conn("originatedConnection", x.OriginatedConnection),
		CallingDevice:           m.role("callingDevice", x.CallingDevice),
		CalledDevice:            m.role("calledDevice", x.CalledDevice),
		OriginatingDevice:       m.optDevice("originatingDevice", x.OriginatingDevice),
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

func queuedInto(b *eventBox[QueuedEvent], e *cstav3.QueuedEvent, xref string) *QueuedEvent {
	b.ev = QueuedEvent{MonitorCrossRefID: xref,
		QueuedConnection:        b.conn(e.QueuedConnection),
		Queue:                   roleToXML(e.Queue, false),
		CallingDevice:           roleToXML(e.CallingDevice, false),
		CalledDevice:            roleToXML(e.CalledDevice, false),
		LastRedirectionDevice:   roleToXML(e.LastRedirectionDevice, true),
		NumberQueued:            optInt(e.HasNumberQueued, e.NumberQueued),
		CallsInFront:            optInt(e.HasCallsInFront, e.CallsInFront),
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

func (m *codecMapper) queued(x *QueuedEvent) *cstav3.QueuedEvent {
	e := &cstav3.QueuedEvent{
		QueuedConnection:        m.conn("queuedConnection", x.QueuedConnection),
		Queue:                   m.role("queue", x.Queue),
		CallingDevice:           m.role("callingDevice", x.CallingDevice),
		CalledDevice:            m.role("calledDevice", x.CalledDevice),
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
	e.HasNumberQueued, e.NumberQueued = intOf(x.NumberQueued)
	e.HasCallsInFront, e.CallsInFront = intOf(x.CallsInFront)
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func retrievedInto(b *eventBox[RetrievedEvent], e *cstav3.RetrievedEvent, xref string) *RetrievedEvent {
	b.ev = RetrievedEvent{MonitorCrossRefID: xref,
		RetrievedConnection:     b.conn(e.RetrievedConnection),
		RetrievingDevice:        roleToXML(e.RetrievingDevice, false),
		LocalConnectionInfo:     stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:          hexString(e.CorrelatorData),
		Cause:                   e.Cause.String(),
		RetrievedConnectionInfo: connInfoToXML(e.RetrievedConnectionInfo),
		CallLinkageData:         linkToXML(e.CallLinkageData),
		Extensions:              b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) retrieved(x *RetrievedEvent) *cstav3.RetrievedEvent {
	e := &cstav3.RetrievedEvent{
		RetrievedConnection:     m.conn("retrievedConnection", x.RetrievedConnection),
		RetrievingDevice:        m.role("retrievingDevice", x.RetrievingDevice),
		CorrelatorData:          m.hexBytes("correlatorData", x.CorrelatorData),
		Cause:                   m.cause("cause", x.Cause),
		RetrievedConnectionInfo: m.connInfo("retrievedConnectionInfo", x.RetrievedConnectionInfo),
		CallLinkageData:         m.link("callLinkageData", x.CallLinkageData),
		Extensions:              m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func serviceInitiatedInto(b *eventBox[ServiceInitiatedEvent], e *cstav3.ServiceInitiatedEvent, xref string) *ServiceInitiatedEvent {
	b.ev = ServiceInitiatedEvent{MonitorCrossRefID: xref,
		InitiatedConnection:     b.conn(e.InitiatedConnection),
		InitiatingDevice:        roleToXML(e.InitiatingDevice, false),
		CalledDevice:            optRoleToXML(e.CalledDevice),
		LocalConnectionInfo:     stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:          hexString(e.CorrelatorData),
		Cause:                   e.Cause.String(),
		NetworkCallingDevice:    optRoleToXML(e.NetworkCallingDevice),
		NetworkCalledDevice:     optRoleToXML(e.NetworkCalledDevice),
		AssociatedCallingDevice: optRoleToXML(e.AssociatedCallingDevice),
		CallLinkageData:         linkToXML(e.CallLinkageData),
		Extensions:              b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) serviceInitiated(x *ServiceInitiatedEvent) *cstav3.ServiceInitiatedEvent {
	e := &cstav3.ServiceInitiatedEvent{
		InitiatedConnection:     m.conn("initiatedConnection", x.InitiatedConnection),
		InitiatingDevice:        m.role("initiatingDevice", x.InitiatingDevice),
		CalledDevice:            m.optRole("calledDevice", x.CalledDevice),
		CorrelatorData:          m.hexBytes("correlatorData", x.CorrelatorData),
		Cause:                   m.cause("cause", x.Cause),
		NetworkCallingDevice:    m.optRole("networkCallingDevice", x.NetworkCallingDevice),
		NetworkCalledDevice:     m.optRole("networkCalledDevice", x.NetworkCalledDevice),
		AssociatedCallingDevice: m.optRole("associatedCallingDevice", x.AssociatedCallingDevice),
		CallLinkageData:         m.link("callLinkageData", x.CallLinkageData),
		Extensions:              m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}

func transferredInto(b *eventBox[TransferredEvent], e *cstav3.TransferredEvent, xref string) *TransferredEvent {
	b.ev = TransferredEvent{MonitorCrossRefID: xref,
		PrimaryOldCall:         b.conn(e.PrimaryOldCall),
		SecondaryOldCall:       b.optConn(e.SecondaryOldCall),
		TransferringDevice:     roleToXML(e.TransferringDevice, false),
		TransferredToDevice:    roleToXML(e.TransferredToDevice, false),
		TransferredConnections: b.connList(e.TransferredConnections),
		LocalConnectionInfo:    stateToXML(e.HasLocalConnectionInfo, e.LocalConnectionInfo),
		CorrelatorData:         hexString(e.CorrelatorData),
		UserData:               userDataToXML(e.UserData),
		ChargingInfo:           chargingToXML(e.ChargingInfo),
		Cause:                  e.Cause.String(),
		CallLinkageDataList:    linkListToXML(&e.CallLinkageDataList),
		Extensions:             b.ext(&e.Extensions)}
	return &b.ev
}

func (m *codecMapper) transferred(x *TransferredEvent) *cstav3.TransferredEvent {
	e := &cstav3.TransferredEvent{
		PrimaryOldCall:         m.conn("primaryOldCall", x.PrimaryOldCall),
		SecondaryOldCall:       m.optConn("secondaryOldCall", x.SecondaryOldCall),
		TransferringDevice:     m.role("transferringDevice", x.TransferringDevice),
		TransferredToDevice:    m.role("transferredToDevice", x.TransferredToDevice),
		TransferredConnections: m.connList("transferredConnections", &x.TransferredConnections),
		CorrelatorData:         m.hexBytes("correlatorData", x.CorrelatorData),
		UserData:               m.userData("userData", x.UserData),
		ChargingInfo:           m.charging("chargingInfo", x.ChargingInfo),
		Cause:                  m.cause("cause", x.Cause),
		CallLinkageDataList:    m.linkList("callLinkageDataList", x.CallLinkageDataList),
		Extensions:             m.ext("extensions", x.Extensions)}
	e.HasLocalConnectionInfo, e.LocalConnectionInfo = m.state("localConnectionInfo", x.LocalConnectionInfo)
	return e
}
