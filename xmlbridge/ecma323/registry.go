package ecma323

import "reflect"

// Kind is what a message is: a request, a response, an event or an error.
type Kind uint8

// Kinds of messages. Session requests and responses are KindRequest and
// KindResponse too; Message.Session tells them apart.
const (
	KindRequest Kind = iota + 1
	KindResponse
	KindEvent
	KindError
)

var codecKindNames = [...]string{"", "request", "response", "event", "error"}

func (k Kind) String() string {
	if int(k) < len(codecKindNames) && k != 0 {
		return codecKindNames[k]
	}
	return "unknown"
}

// codecEntry describes one document element the codec knows.
type codecEntry struct {
	name    string
	kind    Kind
	session bool // ECMA-354, written in the session namespace
	new     func() any
}

func codecNew[T any]() any { return new(T) }

// codecEntries lists every message, by element name.
var codecEntries = []codecEntry{
	{"BridgedEvent", KindEvent, false, codecNew[BridgedEvent]},
	{"CallClearedEvent", KindEvent, false, codecNew[CallClearedEvent]},
	{"ConferencedEvent", KindEvent, false, codecNew[ConferencedEvent]},
	{"ConnectionClearedEvent", KindEvent, false, codecNew[ConnectionClearedEvent]},
	{"DeliveredEvent", KindEvent, false, codecNew[DeliveredEvent]},
	{"DigitsDialedEvent", KindEvent, false, codecNew[DigitsDialedEvent]},
	{"DivertedEvent", KindEvent, false, codecNew[DivertedEvent]},
	{"EstablishedEvent", KindEvent, false, codecNew[EstablishedEvent]},
	{"FailedEvent", KindEvent, false, codecNew[FailedEvent]},
	{"HeldEvent", KindEvent, false, codecNew[HeldEvent]},
	{"NetworkCapabilitiesChangedEvent", KindEvent, false, codecNew[NetworkCapabilitiesChangedEvent]},
	{"NetworkReachedEvent", KindEvent, false, codecNew[NetworkReachedEvent]},
	{"OfferedEvent", KindEvent, false, codecNew[OfferedEvent]},
	{"OriginatedEvent", KindEvent, false, codecNew[OriginatedEvent]},
	{"QueuedEvent", KindEvent, false, codecNew[QueuedEvent]},
	{"RetrievedEvent", KindEvent, false, codecNew[RetrievedEvent]},
	{"ServiceInitiatedEvent", KindEvent, false, codecNew[ServiceInitiatedEvent]},
	{"TransferredEvent", KindEvent, false, codecNew[TransferredEvent]},
	{"DoNotDisturbEvent", KindEvent, false, codecNew[DoNotDisturbEvent]},
	{"ForwardingEvent", KindEvent, false, codecNew[ForwardingEvent]},
	{"AgentLoggedOnEvent", KindEvent, false, codecNew[AgentLoggedOnEvent]},
	{"AgentLoggedOffEvent", KindEvent, false, codecNew[AgentLoggedOffEvent]},
	{"AgentReadyEvent", KindEvent, false, codecNew[AgentReadyEvent]},
	{"AgentNotReadyEvent", KindEvent, false, codecNew[AgentNotReadyEvent]},
	{"AgentBusyEvent", KindEvent, false, codecNew[AgentBusyEvent]},
	{"AgentWorkingAfterCallEvent", KindEvent, false, codecNew[AgentWorkingAfterCallEvent]},
	{"BackInServiceEvent", KindEvent, false, codecNew[BackInServiceEvent]},
	{"OutOfServiceEvent", KindEvent, false, codecNew[OutOfServiceEvent]},

	{"MakeCall", KindRequest, false, codecNew[MakeCall]},
	{"AnswerCall", KindRequest, false, codecNew[AnswerCall]},
	{"ClearConnection", KindRequest, false, codecNew[ClearConnection]},
	{"ClearCall", KindRequest, false, codecNew[ClearCall]},
	{"HoldCall", KindRequest, false, codecNew[HoldCall]},
	{"RetrieveCall", KindRequest, false, codecNew[RetrieveCall]},
	{"ConsultationCall", KindRequest, false, codecNew[ConsultationCall]},
	{"TransferCall", KindRequest, false, codecNew[TransferCall]},
	{"SingleStepTransferCall", KindRequest, false, codecNew[SingleStepTransferCall]},
	{"ConferenceCall", KindRequest, false, codecNew[ConferenceCall]},
	{"AlternateCall", KindRequest, false, codecNew[AlternateCall]},
	{"ReconnectCall", KindRequest, false, codecNew[ReconnectCall]},
	{"DeflectCall", KindRequest, false, codecNew[DeflectCall]},
	{"MonitorStart", KindRequest, false, codecNew[MonitorStart]},
	{"MonitorStop", KindRequest, false, codecNew[MonitorStop]},
	{"ChangeMonitorFilter", KindRequest, false, codecNew[ChangeMonitorFilter]},
	{"SnapshotDevice", KindRequest, false, codecNew[SnapshotDevice]},
	{"SnapshotCall", KindRequest, false, codecNew[SnapshotCall]},
	{"SystemStatus", KindRequest, false, codecNew[SystemStatus]},
	{"RequestSystemStatus", KindRequest, false, codecNew[RequestSystemStatus]},

	{"MakeCallResponse", KindResponse, false, codecNew[MakeCallResponse]},
	{"AnswerCallResponse", KindResponse, false, codecNew[AnswerCallResponse]},
	{"ClearConnectionResponse", KindResponse, false, codecNew[ClearConnectionResponse]},
	{"ClearCallResponse", KindResponse, false, codecNew[ClearCallResponse]},
	{"HoldCallResponse", KindResponse, false, codecNew[HoldCallResponse]},
	{"RetrieveCallResponse", KindResponse, false, codecNew[RetrieveCallResponse]},
	{"ConsultationCallResponse", KindResponse, false, codecNew[ConsultationCallResponse]},
	{"TransferCallResponse", KindResponse, false, codecNew[TransferCallResponse]},
	{"SingleStepTransferCallResponse", KindResponse, false, codecNew[SingleStepTransferCallResponse]},
	{"ConferenceCallResponse", KindResponse, false, codecNew[ConferenceCallResponse]},
	{"AlternateCallResponse", KindResponse, false, codecNew[AlternateCallResponse]},
	{"ReconnectCallResponse", KindResponse, false, codecNew[ReconnectCallResponse]},
	{"DeflectCallResponse", KindResponse, false, codecNew[DeflectCallResponse]},
	{"MonitorStartResponse", KindResponse, false, codecNew[MonitorStartResponse]},
	{"MonitorStopResponse", KindResponse, false, codecNew[MonitorStopResponse]},
	{"ChangeMonitorFilterResponse", KindResponse, false, codecNew[ChangeMonitorFilterResponse]},
	{"SnapshotDeviceResponse", KindResponse, false, codecNew[SnapshotDeviceResponse]},
	{"SnapshotCallResponse", KindResponse, false, codecNew[SnapshotCallResponse]},
	{"SystemStatusResponse", KindResponse, false, codecNew[SystemStatusResponse]},
	{"RequestSystemStatusResponse", KindResponse, false, codecNew[RequestSystemStatusResponse]},

	{"CSTAErrorCode", KindError, false, codecNew[CSTAErrorCode]},

	{"StartApplicationSession", KindRequest, true, codecNew[StartApplicationSession]},
	{"ResetApplicationSessionTimer", KindRequest, true, codecNew[ResetApplicationSessionTimer]},
	{"StopApplicationSession", KindRequest, true, codecNew[StopApplicationSession]},
	{"StartApplicationSessionPosResponse", KindResponse, true, codecNew[StartApplicationSessionPosResponse]},
	{"StartApplicationSessionNegResponse", KindResponse, true, codecNew[StartApplicationSessionNegResponse]},
	{"ResetApplicationSessionTimerPosResponse", KindResponse, true, codecNew[ResetApplicationSessionTimerPosResponse]},
	{"ResetApplicationSessionTimerNegResponse", KindResponse, true, codecNew[ResetApplicationSessionTimerNegResponse]},
	{"StopApplicationSessionPosResponse", KindResponse, true, codecNew[StopApplicationSessionPosResponse]},
}

var (
	codecByName = map[string]*codecEntry{}
	codecByType = map[reflect.Type]*codecEntry{}
)

func init() {
	for i := range codecEntries {
		e := &codecEntries[i]
		codecByName[e.name] = e
		t := reflect.TypeOf(e.new())
		if t.Elem().Name() != e.name {
			panic("ecma323: type " + t.Elem().Name() + " registered as " + e.name)
		}
		codecByType[t] = e
	}
}

// Messages returns the element names of every message the codec reads and
// writes, in a stable order: events, requests, responses, CSTAErrorCode,
// then the ECMA-354 session messages.
func Messages() []string {
	names := make([]string, len(codecEntries))
	for i, e := range codecEntries {
		names[i] = e.name
	}
	return names
}

// NewMessage returns a new, zero XML struct for an element name (e.g.
// *MakeCall for "MakeCall"), its kind, and false for an unknown name.
func NewMessage(name string) (any, Kind, bool) {
	e, ok := codecByName[name]
	if !ok {
		return nil, 0, false
	}
	return e.new(), e.kind, true
}
