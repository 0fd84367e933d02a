package ecma323

import (
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// codecMoreHiPathEvents are the call events of codecHiPathEvents'
// benchmarks that BenchmarkEncodeEvent leaves out, as a HiPath sends them.
func codecMoreHiPathEvents() map[string]cstav3.Event {
	ts := cstav3.CommonArguments{Security: true, Timestamp: "20240131120000"}
	c100 := cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2c}, cstav3.Dialing("100"))
	c101 := cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2d}, cstav3.Dialing("101"))
	c102 := cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2d}, cstav3.Dialing("102"))
	known102 := cstav3.Known(cstav3.Dialing("102"))
	return map[string]cstav3.Event{
		"Held": &cstav3.HeldEvent{HeldConnection: c100, HoldingDevice: codecKnownA, HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateHold, Cause: cstav3.CauseNewCall, Extensions: ts},
		"Retrieved": &cstav3.RetrievedEvent{RetrievedConnection: c100, RetrievingDevice: codecKnownA,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNewCall,
			Extensions: ts},
		"Conferenced": &cstav3.ConferencedEvent{PrimaryOldCall: c100, SecondaryOldCall: c101,
			ConferencingDevice: codecKnownA, AddedParty: known102,
			ConferenceConnections: cstav3.ConnectionList{
				{NewConnection: c100, OldConnection: c100, Endpoint: codecKnownA},
				{NewConnection: c102, OldConnection: c101, Endpoint: known102}},
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseConference,
			Extensions: ts},
		"Diverted": &cstav3.DivertedEvent{Connection: c101, DivertingDevice: codecKnownB, NewDestination: known102,
			CallingDevice: codecKnownA, CalledDevice: codecKnownB, LastRedirectionDevice: codecNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateNull, Cause: cstav3.CauseRedirected,
			Extensions: ts},
		"Failed": &cstav3.FailedEvent{FailedConnection: c101, FailingDevice: codecKnownB, CallingDevice: codecKnownA,
			CalledDevice: codecKnownB, LastRedirectionDevice: codecNotKnown, HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseBusy, Extensions: ts},
		"Originated": &cstav3.OriginatedEvent{OriginatedConnection: c100, CallingDevice: codecKnownA,
			CalledDevice: codecKnownB, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseNewCall, Extensions: ts},
		"CallCleared": &cstav3.CallClearedEvent{ClearedCall: cstav3.ConnectionID{Call: c100.Call},
			Cause: cstav3.CauseNormalClearing, Extensions: ts},
		"ServiceInitiated": &cstav3.ServiceInitiatedEvent{InitiatedConnection: c100, InitiatingDevice: codecKnownA,
			CalledDevice: codecNotKnown, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateInitiated,
			Cause: cstav3.CauseNewCall, Extensions: ts},
	}
}

// BenchmarkEncodeEventTypes extends BenchmarkEncodeEvent to the other call
// events a HiPath sends: a decoded BER event to its ECMA-323 document.
func BenchmarkEncodeEventTypes(b *testing.B) {
	benchEncodeEvents(b, codecMoreHiPathEvents(), "Held", "Retrieved", "Conferenced", "Diverted", "Failed",
		"Originated", "CallCleared", "ServiceInitiated")
}
