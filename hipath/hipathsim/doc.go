// Package hipathsim is a simulated Siemens HiPath: the switch side of a CSTA
// Phase III link (ECMA-269 services in ECMA-285 ASN.1/BER over TCP with the
// HiPath frame header), with a call model behind it. Tests, benchmarks and
// the command line demo run it in-process (Start); ListenAndServe runs it as
// a standalone server. It speaks through the same cstav3 codec as the
// client: arguments are decoded with cstav3.DecodeArgument, results, errors
// and events encoded with cstav3.AppendResult, AppendError and
// AppendEventReport.
//
// # Links
//
// Every TCP connection is a link. The client associates with an AARQ
// carrying the application context 1.3.12.0.218 and the Siemens private
// credentials (Config.User and Password, AMHOST/77777 by default). A wrong
// context or wrong credentials get an AARE rejected-permanent with the
// service-user diagnostic 2 (context not supported) or 13 (authentication
// failure), and the connection is closed. An accepted association gets an
// AARE with responder requirements, a 16-byte aps-stamp, the system version
// and the client's cSTAVersion echoed, and at once a SystemStatus invoke
// (status normal), repeated every Config.StatusInterval. A link whose
// client leaves Config.StatusMisses of them in a row unanswered is dropped.
// RLRQ is answered with RLRE, then the link closes; ABRT closes it at once;
// anything else before the association is answered with ABRT.
//
// Each link has a reader goroutine, which decodes and serves requests in
// order, and a writer goroutine, which owns the socket for writing: it
// encodes what the link's bounded queue holds (answers, events,
// heartbeats), numbers the switch's own invokes in increasing order as they
// reach the wire, and writes them in batches. Nothing ever waits for a
// client: a client that does not read fills its queue (Config.EventQueue)
// and is dropped; the other links do not notice.
//
// # Call model
//
// The extensions Config.FirstDevice to LastDevice exist and are idle. A
// call has a 2-byte call id and one connection per device in it, named in
// the HiPath "both" form {call id, dialling number}, each with its
// LocalConnectionState: initiated, alerting, connected, hold or fail. A
// phone takes one call at a time besides those it holds: a call to a busy
// phone fails (Failed, cause busy, the caller's connection in the fail
// state). Calls change by CSTA requests and by the phone actions Dial,
// Answer and Hangup, which do what a user does at the phone. The model is
// one mutex-guarded state; every operation runs whole and its events are
// queued, in order, before the next starts, so all links see one history.
// Over a link a request's answer comes before the events it caused.
//
// Services: MonitorStart (devices only; 2-byte cross-reference), MonitorStop,
// ChangeMonitorFilter, MakeCall, AnswerCall, ClearConnection, ClearCall,
// HoldCall, RetrieveCall, ConsultationCall, AlternateCall, ReconnectCall,
// TransferCall, SingleStepTransferCall, ConferenceCall, DeflectCall,
// SnapshotDevice, SnapshotCall, SetDisplay (accepted, no effect) and
// SystemStatus. Other operations are rejected with the ROSE problem
// invoke-unrecognizedOperation, undecodable arguments with
// invoke-mistypedArgument, PDUs that are not ROSE with a general problem.
//
// # Events
//
// An event goes to every monitor of every device in the call, each built
// with that device's own connection state as localConnectionInfo, and
// carries the time of the operation as a zone-less GeneralizedTime in
// Config.Location. A monitor filter bit set to 1 suppresses that event
// type. With A calling B (and C as a third party), the sequences are:
//
//	MakeCall / Dial A→B   A: ServiceInitiated, Originated (newCall); A, B: Delivered
//	                      (or A: Failed, cause busy)
//	AnswerCall / Answer   A, B: Established (newCall)
//	ClearConnection B     A, B: ConnectionCleared B; then, as only A is left,
//	                      A, B: ConnectionCleared A, CallCleared (normalClearing)
//	ClearCall             everybody: ConnectionCleared for each party, CallCleared
//	HoldCall / Retrieve   A, B: Held / Retrieved (normal)
//	ConsultationCall A→C  A, B: Held (consultation); A: ServiceInitiated, Originated;
//	                      A, C: Delivered (consultation); then Established when C answers
//	AlternateCall         active call's parties: Held; held call's: Retrieved (alternate)
//	ReconnectCall         the active call cleared as by ClearConnection, then Retrieved
//	TransferCall          A, B, C: Transferred (transfer) with A transferring, C
//	                      transferred-to and the ConnectionList; the held call lives on
//	                      with B and C, the consultation call is merged into it
//	SingleStepTransfer A→C  A, B: Transferred (singleStepTransfer); B, C: Delivered
//	ConferenceCall        A, B, C: Conferenced (conference), C the added party
//	DeflectCall B→C       A, B: Diverted (redirected); A, C: Delivered with B as
//	                      last redirection device
//
// In a call of three or more, a party that leaves is cleared alone; the
// call ends when one party is left.
//
// # Errors
//
// Failed requests get universalFailure. Unknown devices get the operation
// error invalidDeviceID, invalidCallingDeviceID, invalidCalledDeviceID,
// invalidDestinationDeviceID or invalidMonitorObject, after the argument
// that names them; unknown connections and calls invalidConnectionID,
// invalidHeldConnectionID, invalidActiveConnectionID or invalidCallID;
// unknown monitors invalidCrossRefID; a device calling itself
// notDifferentDevices; two-call services on two devices notSameDevice.
// Requests on connections in the wrong state get the stateIncompatibility
// error invalidConnectionState,
// noCallToAnswer, noHeldCall, invalidHeldConnectionState,
// invalidActiveConnectionState, invalidCallingDeviceState,
// invalidDestinationDeviceState, invalidDeviceState or noCallToComplete.
// The phone actions return the same values as *cstav3.Error.
//
// # Faults and traffic
//
// DropLinks, SetSilent, SetDelay, SendGarbage, ForgetMonitors,
// SetOutOfService and StopMonitors (the switch ends monitors with a
// MonitorStop of its own) reproduce what goes wrong with real links; StartTraffic generates calls at a rate,
// in a mix of answered, unanswered, transferred and conferenced calls.
// Stats counts what happened.
//
// Not modelled: trunks and external numbers, call forwarding, pickup,
// queues and ACD agents, do-not-disturb, call-based monitors, snapshot
// services by cross-reference, private data and the other event
// categories (physical device, maintenance …).
package hipathsim
