package ecma323

import (
	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// Rich cstav3 values shared by the event, request and benchmark tests. They
// set every field the XML carries, so that a round trip that drops one
// fails.

var (
	codecCall   = cstav3.CallID{0x0a, 0x1b}
	codecA      = cstav3.Dialing("100")
	codecB      = cstav3.Dialing("101")
	codecConnA  = cstav3.NewConnectionID(codecCall, codecA)
	codecConnB  = cstav3.NewConnectionID(cstav3.CallID{0x0a, 0x1c}, codecB)
	codecTrunk  = cstav3.DeviceID{Kind: cstav3.ExplicitPublic, TON: 2, Number: "0301234567"}
	codecDevNum = cstav3.Numbered(4711)
)

func codecExt() cstav3.CommonArguments {
	var b ber.Builder
	b.AddString(ber.TagOctetString, "release_initiator=system;")
	b.AddBytes(ber.TagOctetString, []byte{0x00, 0xff, 0x10})
	priv, _ := b.Bytes()
	return cstav3.CommonArguments{Security: true, HasSequenceNumber: true, SequenceNumber: 42,
		Timestamp: "20240131235959.5+0100", PrivateData: priv}
}

func codecLink() cstav3.CallLinkageData {
	return cstav3.CallLinkageData{GlobalCallSubDomain: "hipath1", GlobalCallLinkageID: []byte{1, 2, 3},
		GlobalCallTimestamp: "20240131120000Z", HasThread: true, ThreadLinkageID: []byte{9, 9},
		ThreadUnique: true}
}

func codecInfo() *cstav3.ConnectionInformation {
	return &cstav3.ConnectionInformation{HasFlowDirection: true, FlowDirection: cstav3.FlowTransmitAndReceive,
		HasNumberOfChannels: true, NumberOfChannels: 2, MediaSessionInformation: "rtp"}
}

func codecList() cstav3.ConnectionList {
	return cstav3.ConnectionList{
		{NewConnection: codecConnA, OldConnection: codecConnB, Endpoint: cstav3.Known(codecB),
			AssociatedNID: cstav3.Device{Status: cstav3.DeviceNotKnown}, ResultingConnectionInfo: codecInfo()},
		{NewConnection: cstav3.ConnectionID{Call: codecCall}, Endpoint: cstav3.Device{Status: cstav3.DeviceRestricted}},
	}
}

var (
	codecKnownA      = cstav3.Known(codecA)
	codecKnownB      = cstav3.Known(codecB)
	codecNotKnown    = cstav3.Device{Status: cstav3.DeviceNotKnown}
	codecRestricted  = cstav3.Device{Status: cstav3.DeviceRestricted}
	codecNotRequired = cstav3.Device{Status: cstav3.DeviceNotRequired}
)

// codecEvents returns one rich value of every event type cstav3 types.
func codecEvents() []cstav3.Event {
	ext, link := codecExt(), codecLink()
	charge := &cstav3.ChargingInfo{ChargeUnits: []cstav3.ChargeUnits{{ChargingUnits: 12, TypeOfUnits: []byte{1}}},
		TypeOfChargingInfo: cstav3.ChargingTotal}
	money := &cstav3.ChargingInfo{Currency: &cstav3.CurrencyUnits{CurrencyType: []byte("EUR"), CurrencyAmount: 150,
		CurrencyMultiplier: cstav3.MultiplierOneHundredth}}
	netCap := cstav3.NetworkCapability{NetworkType: cstav3.NetworkTypeISDNPublic,
		EventsProvided: cstav3.NewEventsProvided(cstav3.EventDelivered, cstav3.EventTransferred)}
	return []cstav3.Event{
		&cstav3.BridgedEvent{BridgedConnection: codecConnA, BridgedAppearance: codecKnownA,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, CorrelatorData: []byte{7},
			UserData: cstav3.UserData("hi"), Cause: cstav3.CauseNormal, BridgedConnectionInfo: codecInfo(),
			CallLinkageData: &link, Extensions: ext},
		&cstav3.CallClearedEvent{ClearedCall: cstav3.ConnectionID{Call: codecCall}, CorrelatorData: []byte{1, 2},
			UserData: cstav3.UserData{0}, Cause: cstav3.CauseNormalClearing, CallLinkageData: &link, Extensions: ext},
		&cstav3.ConferencedEvent{PrimaryOldCall: codecConnA, SecondaryOldCall: codecConnB,
			ConferencingDevice: codecKnownA, AddedParty: cstav3.Known(codecTrunk), ConferenceConnections: codecList(),
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseConference,
			CallLinkageDataList: cstav3.CallLinkageDataList{NewCallLinkageData: link, OldCallLinkageData: link},
			Extensions:          ext},
		&cstav3.ConnectionClearedEvent{DroppedConnection: codecConnA, ReleasingDevice: codecKnownA,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateNull, ChargingInfo: charge,
			Cause: cstav3.CauseNormalClearing, DroppedConnectionInfo: codecInfo(), CallLinkageData: &link, Extensions: ext},
		&cstav3.DeliveredEvent{Connection: codecConnA, AlertingDevice: codecKnownA, CallingDevice: codecKnownB,
			CalledDevice: codecKnownA, LastRedirectionDevice: cstav3.Known(codecDevNum),
			OriginatingNIDConnection: &codecConnB, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateAlerting,
			CorrelatorData: []byte{5}, UserData: cstav3.UserData("u"), Cause: cstav3.CauseNewCall,
			NetworkCallingDevice: cstav3.Known(codecTrunk), NetworkCalledDevice: codecRestricted,
			AssociatedCallingDevice: codecKnownB, AssociatedCalledDevice: codecNotKnown, CallLinkageData: &link,
			Extensions: ext},
		&cstav3.DigitsDialedEvent{DialingConnection: codecConnA, DialingDevice: codecKnownA,
			DialingSequence: cstav3.Dialing("0049"), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateInitiated,
			Cause: cstav3.CauseNormal, NetworkCalledDevice: codecKnownB, CallLinkageData: &link, Extensions: ext},
		&cstav3.DivertedEvent{Connection: codecConnA, DivertingDevice: codecKnownA, NewDestination: codecKnownB,
			CallingDevice: codecKnownB, LastRedirectionDevice: codecNotRequired, Cause: cstav3.CauseCallForwardBusy,
			AssociatedCalledDevice: codecKnownA, Extensions: ext},
		&cstav3.EstablishedEvent{EstablishedConnection: codecConnA, AnsweringDevice: codecKnownA,
			CallingDevice: codecKnownB, CalledDevice: codecKnownA, LastRedirectionDevice: codecNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNormal,
			EstablishedConnectionInfo: codecInfo(), CallLinkageData: &link, Extensions: ext},
		&cstav3.FailedEvent{FailedConnection: codecConnA, FailingDevice: codecKnownB, CallingDevice: codecKnownA,
			CalledDevice: codecKnownB, LastRedirectionDevice: cstav3.Device{Status: cstav3.DeviceNotSpecified},
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateFail, Cause: cstav3.CauseBusy, Extensions: ext},
		&cstav3.HeldEvent{HeldConnection: codecConnA, HoldingDevice: codecKnownA, HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateHold, CorrelatorData: []byte{3}, Cause: cstav3.CauseNormal,
			HeldConnectionInfo: codecInfo(), CallLinkageData: &link, Extensions: ext},
		&cstav3.NetworkCapabilitiesChangedEvent{OutboundConnection: codecConnA, NetworkInterfaceUsed: cstav3.Known(codecTrunk),
			CalledDevice: codecKnownB, ProgressIndicator: cstav3.ProgressIndicator{
				ProgressLocation: cstav3.ProgressLocationTransitNetwork, ProgressDescription: cstav3.ProgressDescriptionQSIG},
			CorrelatorData: []byte{1}, HasNetworkCapability: true, NetworkCapability: netCap,
			Cause: cstav3.CauseNetworkSignal, Extensions: ext},
		&cstav3.NetworkReachedEvent{OutboundConnection: codecConnA, NetworkInterfaceUsed: cstav3.Known(codecTrunk),
			CallingDevice: codecKnownA, CalledDevice: codecKnownB, LastRedirectionDevice: codecNotKnown,
			OriginatingNIDConnection: &codecConnB, HasNetworkCapability: true, NetworkCapability: netCap,
			Cause: cstav3.CauseNormal, NetworkCallingDevice: codecKnownA, CallLinkageData: &link, Extensions: ext},
		&cstav3.OfferedEvent{OfferedConnection: codecConnA, OfferedDevice: codecKnownA, CallingDevice: codecKnownB,
			CalledDevice: codecKnownA, LastRedirectionDevice: codecNotKnown, CorrelatorData: []byte{2},
			Cause: cstav3.CauseNewCall, Extensions: ext},
		&cstav3.OriginatedEvent{OriginatedConnection: codecConnA, CallingDevice: codecKnownA, CalledDevice: codecKnownB,
			OriginatingDevice: codecA, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseMakeCall, AssociatedCallingDevice: codecKnownA, CallLinkageData: &link, Extensions: ext},
		&cstav3.QueuedEvent{QueuedConnection: codecConnA, Queue: cstav3.Known(cstav3.Dialing("300")),
			CallingDevice: codecKnownB, CalledDevice: codecKnownA, LastRedirectionDevice: codecNotKnown,
			HasNumberQueued: true, NumberQueued: 3, HasCallsInFront: true, CallsInFront: 2,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateQueued, Cause: cstav3.CauseDistributed,
			Extensions: ext},
		&cstav3.RetrievedEvent{RetrievedConnection: codecConnA, RetrievingDevice: codecKnownA,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNormal,
			RetrievedConnectionInfo: codecInfo(), Extensions: ext},
		&cstav3.ServiceInitiatedEvent{InitiatedConnection: codecConnA, InitiatingDevice: codecKnownA,
			CalledDevice: codecNotKnown, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateInitiated,
			Cause: cstav3.CauseNewCall, NetworkCallingDevice: codecKnownA, Extensions: ext},
		&cstav3.TransferredEvent{PrimaryOldCall: codecConnA, SecondaryOldCall: codecConnB,
			TransferringDevice: codecKnownA, TransferredToDevice: codecKnownB, TransferredConnections: codecList(),
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, ChargingInfo: money,
			Cause: cstav3.CauseTransfer, CallLinkageDataList: cstav3.CallLinkageDataList{NewCallLinkageData: link,
				OldCallLinkageData: link}, Extensions: ext},
		&cstav3.DoNotDisturbEvent{Device: codecKnownA, DoNotDisturbOn: true, HasCallOrigination: true,
			CallOrigination:   cstav3.OriginationInternal | cstav3.OriginationExternal,
			CallingDeviceList: []cstav3.DeviceID{codecB, codecDevNum}, Extensions: ext},
		&cstav3.ForwardingEvent{Device: codecKnownA, HasForwardingType: true, ForwardingType: cstav3.ForwardNoAns,
			ForwardStatus: true, ForwardTo: codecB, HasForwardDefault: true, ForwardDefault: cstav3.ForwardDefaultDN,
			HasRingCount: true, RingCount: 4, HasRingDuration: true, RingDuration: 20, Extensions: ext},
		&cstav3.AgentLoggedOnEvent{AgentDevice: codecKnownA, AgentID: cstav3.AgentID("4711"),
			ACDGroup: cstav3.Dialing("300"), AgentPassword: cstav3.AgentPassword("1234"), HasCause: true,
			Cause: cstav3.CauseKeyOperation, Extensions: ext},
		&cstav3.AgentLoggedOffEvent{AgentDevice: codecKnownA, AgentID: cstav3.AgentID("4711"), HasCause: true,
			Cause: cstav3.CauseKeyOperation},
		&cstav3.AgentReadyEvent{AgentDevice: codecKnownA, AgentID: cstav3.AgentID("4711"), ACDGroup: cstav3.Dialing("300")},
		&cstav3.AgentNotReadyEvent{AgentDevice: codecKnownA, HasCause: true, Cause: cstav3.CauseNormal, Extensions: ext},
		&cstav3.AgentBusyEvent{AgentDevice: codecKnownA, AgentID: cstav3.AgentID("4711"), HasPendingAgentState: true,
			PendingAgentState: cstav3.PendingAgentWorkingAfterCall, HasCause: true, Cause: cstav3.CauseDistributed},
		&cstav3.AgentWorkingAfterCallEvent{AgentDevice: codecKnownA, HasPendingAgentState: true,
			PendingAgentState: cstav3.AfterCallPendingReady},
		&cstav3.BackInServiceEvent{Device: codecKnownA, HasCause: true, Cause: cstav3.CauseMaintenance, Extensions: ext},
		&cstav3.OutOfServiceEvent{Device: codecKnownA},
	}
}
