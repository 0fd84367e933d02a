package ecma323

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/cstav3/cstav3/cstav3"
)

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

// String returns the name of the kind ("request", "response", "event",
// "error"), or "unknown".
func (k Kind) String() string {
	if int(k) < len(codecKindNames) && k != 0 {
		return codecKindNames[k]
	}
	return "unknown"
}

// message is the row of one document element the codec knows: its name and
// kind, how to make its XML struct, and its mapping to and from cstav3.
type message struct {
	name    string
	kind    Kind
	session bool         // ECMA-354, written in the session namespace
	typ     reflect.Type // the XML struct, a pointer
	new     func() any
	// event is the cstav3 event type of an event, op the operation of a
	// request or response; the key by which a cstav3 value finds its row.
	event cstav3.EventType
	op    cstav3.Opcode
	// slot is the row's box in a mapScratch, -1 for rows without one.
	slot int
	// toXML maps a cstav3 value (an Event, Argument or Result) to the XML
	// struct; ok is false when v is not the row's cstav3 type. Boxed rows
	// write into the box of slot in s (a new box when s is nil) and return
	// it, to be reset once the values are written. nil: no cstav3 mapping.
	toXML func(s *mapScratch, slot int, v any, xref string) (x any, box resetter, ok bool)
	// fromXML maps the XML struct back to its cstav3 value and the
	// monitorCrossRefID it carries; errors are collected in m. nil: no
	// cstav3 mapping.
	fromXML func(m *codecMapper, x any) (v any, xref string)
	// plan is the writer's plan of the XML struct, looked up once, so
	// that encoding a message whose row is known (Encoder.AppendEvent)
	// costs no lookup by type.
	plan func() *codecPlan
}

// messages is the table: one row per message, in the order Messages
// reports them. Adding a message is adding its XML struct (events.go,
// services.go...), its mapping (map_*.go) and its row here.
var messages = []message{
	boxedEvent(cstav3.EventBridged, bridgedInto, (*codecMapper).bridged),
	boxedEvent(cstav3.EventCallCleared, callClearedInto, (*codecMapper).callCleared),
	boxedEvent(cstav3.EventConferenced, conferencedInto, (*codecMapper).conferenced),
	boxedEvent(cstav3.EventConnectionCleared, connectionClearedInto, (*codecMapper).connectionCleared),
	boxedEvent(cstav3.EventDelivered, deliveredInto, (*codecMapper).delivered),
	boxedEvent(cstav3.EventDigitsDialed, digitsDialedInto, (*codecMapper).digitsDialed),
	boxedEvent(cstav3.EventDiverted, divertedInto, (*codecMapper).diverted),
	boxedEvent(cstav3.EventEstablished, establishedInto, (*codecMapper).established),
	boxedEvent(cstav3.EventFailed, failedInto, (*codecMapper).failed),
	boxedEvent(cstav3.EventHeld, heldInto, (*codecMapper).held),
	boxedEvent(cstav3.EventNetworkCapabilitiesChanged, netCapsChangedInto, (*codecMapper).netCapsChanged),
	boxedEvent(cstav3.EventNetworkReached, networkReachedInto, (*codecMapper).networkReached),
	boxedEvent(cstav3.EventOffered, offeredInto, (*codecMapper).offered),
	boxedEvent(cstav3.EventOriginated, originatedInto, (*codecMapper).originated),
	boxedEvent(cstav3.EventQueued, queuedInto, (*codecMapper).queued),
	boxedEvent(cstav3.EventRetrieved, retrievedInto, (*codecMapper).retrieved),
	boxedEvent(cstav3.EventServiceInitiated, serviceInitiatedInto, (*codecMapper).serviceInitiated),
	boxedEvent(cstav3.EventTransferred, transferredInto, (*codecMapper).transferred),
	event(cstav3.EventDoNotDisturb, doNotDisturbEventToXML, (*codecMapper).doNotDisturbEvent),
	event(cstav3.EventForwarding, forwardingEventToXML, (*codecMapper).forwardingEvent),
	event(cstav3.EventAgentLoggedOn, agentLoggedOnEventToXML, (*codecMapper).agentLoggedOnEvent),
	event(cstav3.EventAgentLoggedOff, agentLoggedOffEventToXML, (*codecMapper).agentLoggedOffEvent),
	event(cstav3.EventAgentReady, agentReadyEventToXML, (*codecMapper).agentReadyEvent),
	event(cstav3.EventAgentNotReady, agentNotReadyEventToXML, (*codecMapper).agentNotReadyEvent),
	event(cstav3.EventAgentBusy, agentBusyEventToXML, (*codecMapper).agentBusyEvent),
	event(cstav3.EventAgentWorkingAfterCall, agentWorkingAfterCallEventToXML, (*codecMapper).agentWorkingAfterCallEvent),
	event(cstav3.EventBackInService, backInServiceEventToXML, (*codecMapper).backInServiceEvent),
	event(cstav3.EventOutOfService, outOfServiceEventToXML, (*codecMapper).outOfServiceEvent),

	request(cstav3.OpMakeCall, makeCallToXML, (*codecMapper).makeCall),
	request(cstav3.OpAnswerCall, answerCallToXML, (*codecMapper).answerCall),
	request(cstav3.OpClearConnection, clearConnectionToXML, (*codecMapper).clearConnection),
	request(cstav3.OpClearCall, clearCallToXML, (*codecMapper).clearCall),
	request(cstav3.OpHoldCall, holdCallToXML, (*codecMapper).holdCall),
	request(cstav3.OpRetrieveCall, retrieveCallToXML, (*codecMapper).retrieveCall),
	request(cstav3.OpConsultationCall, consultationCallToXML, (*codecMapper).consultationCall),
	request(cstav3.OpTransferCall, transferCallToXML, (*codecMapper).transferCall),
	request(cstav3.OpSingleStepTransferCall, singleStepTransferCallToXML, (*codecMapper).singleStepTransferCall),
	request(cstav3.OpConferenceCall, conferenceCallToXML, (*codecMapper).conferenceCall),
	request(cstav3.OpAlternateCall, alternateCallToXML, (*codecMapper).alternateCall),
	request(cstav3.OpReconnectCall, reconnectCallToXML, (*codecMapper).reconnectCall),
	request(cstav3.OpDeflectCall, deflectCallToXML, (*codecMapper).deflectCall),
	request(cstav3.OpMonitorStart, monitorStartToXML, (*codecMapper).monitorStart),
	request(cstav3.OpMonitorStop, monitorStopToXML, (*codecMapper).monitorStop),
	request(cstav3.OpChangeMonitorFilter, changeMonitorFilterToXML, (*codecMapper).changeMonitorFilter),
	request(cstav3.OpSnapshotDevice, snapshotDeviceToXML, (*codecMapper).snapshotDevice),
	request(cstav3.OpSnapshotCall, snapshotCallToXML, (*codecMapper).snapshotCall),
	request(cstav3.OpSystemStatus, systemStatusToXML, (*codecMapper).systemStatus),
	plain[RequestSystemStatus](KindRequest, false), // the bridge answers it itself

	response(cstav3.OpMakeCall, makeCallResponseToXML, (*codecMapper).makeCallResponse),
	emptyResponse[AnswerCallResponse](cstav3.OpAnswerCall),
	emptyResponse[ClearConnectionResponse](cstav3.OpClearConnection),
	emptyResponse[ClearCallResponse](cstav3.OpClearCall),
	emptyResponse[HoldCallResponse](cstav3.OpHoldCall),
	emptyResponse[RetrieveCallResponse](cstav3.OpRetrieveCall),
	response(cstav3.OpConsultationCall, consultationCallResponseToXML, (*codecMapper).consultationCallResponse),
	response(cstav3.OpTransferCall, transferCallResponseToXML, (*codecMapper).transferCallResponse),
	response(cstav3.OpSingleStepTransferCall, singleStepTransferCallResponseToXML, (*codecMapper).singleStepTransferCallResponse),
	response(cstav3.OpConferenceCall, conferenceCallResponseToXML, (*codecMapper).conferenceCallResponse),
	emptyResponse[AlternateCallResponse](cstav3.OpAlternateCall),
	emptyResponse[ReconnectCallResponse](cstav3.OpReconnectCall),
	emptyResponse[DeflectCallResponse](cstav3.OpDeflectCall),
	response(cstav3.OpMonitorStart, monitorStartResponseToXML, (*codecMapper).monitorStartResponse),
	emptyResponse[MonitorStopResponse](cstav3.OpMonitorStop),
	response(cstav3.OpChangeMonitorFilter, changeMonitorFilterResponseToXML, (*codecMapper).changeMonitorFilterResponse),
	response(cstav3.OpSnapshotDevice, snapshotDeviceResponseToXML, (*codecMapper).snapshotDeviceResponse),
	response(cstav3.OpSnapshotCall, snapshotCallResponseToXML, (*codecMapper).snapshotCallResponse),
	emptyResponse[SystemStatusResponse](cstav3.OpSystemStatus),
	plain[RequestSystemStatusResponse](KindResponse, false),

	plain[CSTAErrorCode](KindError, false), // ErrorToXML, ErrorFromXML

	plain[StartApplicationSession](KindRequest, true),
	plain[ResetApplicationSessionTimer](KindRequest, true),
	plain[StopApplicationSession](KindRequest, true),
	plain[StartApplicationSessionPosResponse](KindResponse, true),
	plain[StartApplicationSessionNegResponse](KindResponse, true),
	plain[ResetApplicationSessionTimerPosResponse](KindResponse, true),
	plain[ResetApplicationSessionTimerNegResponse](KindResponse, true),
	plain[StopApplicationSessionPosResponse](KindResponse, true),
}

// Indexes of the table, built once by init.
var (
	messageByName = map[string]*message{}
	messageByType = map[reflect.Type]*message{}
	requestByOp   = map[cstav3.Opcode]*message{}
	responseByOp  = map[cstav3.Opcode]*message{}
	// eventRows is indexed by category and tag: the event hot path looks
	// its row up without hashing.
	eventRows [8][32]*message
)

// eventMessage returns the row of event type t, or nil.
func eventMessage(t cstav3.EventType) *message {
	c, n := int(t.Category()), int(t.Tag())
	if c >= len(eventRows) || n >= len(eventRows[c]) {
		return nil
	}
	return eventRows[c][n]
}

func init() {
	slots := 0
	for i := range messages {
		r := &messages[i]
		if messageByName[r.name] != nil {
			panic("ecma323: message " + r.name + " in the table twice")
		}
		messageByName[r.name] = r
		messageByType[r.typ] = r
		if r.toXML == nil {
			continue
		}
		switch r.kind {
		case KindEvent:
			c, n := int(r.event.Category()), int(r.event.Tag())
			if c >= len(eventRows) || n >= len(eventRows[c]) || eventRows[c][n] != nil {
				panic("ecma323: event row " + r.name + " has no free place")
			}
			eventRows[c][n] = r
		case KindRequest:
			requestByOp[r.op] = r
		case KindResponse:
			responseByOp[r.op] = r
		}
		if r.slot >= 0 {
			if slots == maxBoxedEvents {
				panic("ecma323: more boxed events than maxBoxedEvents")
			}
			r.slot = slots
			slots++
		}
	}
}

// plain is the row of a message without a cstav3 mapping: X is its XML
// struct, whose type name is the element name.
func plain[X any](kind Kind, session bool) message {
	t := reflect.TypeFor[*X]()
	return message{name: t.Elem().Name(), kind: kind, session: session, typ: t,
		new: func() any { return new(X) }, slot: -1,
		plan: sync.OnceValue(func() *codecPlan { return codecPlanFor(t.Elem()) })}
}

// boxedEvent is the row of an event whose XML values are written into a
// reusable eventBox (the call-control events, the bridge's hot path): into
// fills the box from the cstav3 event E, from maps the XML back.
func boxedEvent[E cstav3.Event, X any, F cstav3.Event](t cstav3.EventType, into func(*eventBox[X], E, string) *X,
	from func(*codecMapper, *X) F) message {
	r := plain[X](KindEvent, false)
	r.event, r.slot = t, 0 // init numbers the slots
	r.toXML = func(s *mapScratch, slot int, v any, xref string) (any, resetter, bool) {
		e, ok := v.(E)
		if !ok {
			return nil, nil, false
		}
		b := boxAt[X](s, slot)
		return into(b, e, xref), b, true
	}
	r.fromXML = eventFromXML(from)
	return r
}

// event is the row of an event mapped to new values each time.
func event[E cstav3.Event, X any, F cstav3.Event](t cstav3.EventType, to func(E, string) any,
	from func(*codecMapper, *X) F) message {
	r := plain[X](KindEvent, false)
	r.event = t
	r.toXML = toXMLOf(to)
	r.fromXML = eventFromXML(from)
	return r
}

// toXMLOf is the toXML of a row mapped to new values each time: to, from
// the row's cstav3 type T.
func toXMLOf[T any](to func(T, string) any) func(*mapScratch, int, any, string) (any, resetter, bool) {
	return func(_ *mapScratch, _ int, v any, xref string) (any, resetter, bool) {
		t, ok := v.(T)
		if !ok {
			return nil, nil, false
		}
		return to(t, xref), nil, true
	}
}

// fromXMLOf is the fromXML of a request or response row: from, on the
// row's XML struct X, giving its cstav3 value V.
func fromXMLOf[X, V any](from func(*codecMapper, *X) (V, string)) func(*codecMapper, any) (any, string) {
	return func(m *codecMapper, v any) (any, string) {
		val, xref := from(m, v.(*X))
		return val, xref
	}
}

// eventFromXML wraps the mapping of an event struct, which carries its
// monitorCrossRefID in its MonitorCrossRefID field.
func eventFromXML[X any, F cstav3.Event](from func(*codecMapper, *X) F) func(*codecMapper, any) (any, string) {
	f, ok := reflect.TypeFor[X]().FieldByName("MonitorCrossRefID")
	if !ok || f.Type.Kind() != reflect.String {
		panic(fmt.Sprintf("ecma323: event %s has no MonitorCrossRefID string", reflect.TypeFor[X]().Name()))
	}
	return func(m *codecMapper, v any) (any, string) {
		x := v.(*X)
		return from(m, x), reflect.ValueOf(x).Elem().FieldByIndex(f.Index).String()
	}
}

// request is the row of a service request: op's argument A to the XML
// struct X and back.
func request[A cstav3.Argument, X any](op cstav3.Opcode, to func(A, string) any,
	from func(*codecMapper, *X) (cstav3.Argument, string)) message {
	r := plain[X](KindRequest, false)
	r.op = op
	r.toXML = toXMLOf(to)
	r.fromXML = fromXMLOf(from)
	return r
}

// response is the row of a service response: op's result R to the XML
// struct X and back.
func response[R cstav3.Result, X any](op cstav3.Opcode, to func(R, string) any,
	from func(*codecMapper, *X) (cstav3.Result, string)) message {
	r := plain[X](KindResponse, false)
	r.op = op
	r.toXML = toXMLOf(to)
	r.fromXML = fromXMLOf(from)
	return r
}

// emptyResponse is the row of the response of an operation whose result is
// noData (*cstav3.NoData of op): X carries nothing but its Extensions field.
func emptyResponse[X any](op cstav3.Opcode) message {
	r := plain[X](KindResponse, false)
	r.op = op
	f, ok := reflect.TypeFor[X]().FieldByName("Extensions")
	if !ok || f.Type != reflect.TypeFor[*Extensions]() {
		panic("ecma323: response " + r.name + " has no Extensions field")
	}
	r.toXML = func(_ *mapScratch, _ int, v any, _ string) (any, resetter, bool) {
		n, ok := v.(*cstav3.NoData)
		if !ok || n.Op != op {
			return nil, nil, false
		}
		x := new(X)
		reflect.ValueOf(x).Elem().FieldByIndex(f.Index).Set(reflect.ValueOf(extToXML(&n.Extensions)))
		return x, nil, true
	}
	r.fromXML = func(m *codecMapper, v any) (any, string) {
		ext := reflect.ValueOf(v).Elem().FieldByIndex(f.Index).Interface().(*Extensions)
		return &cstav3.NoData{Op: op, Extensions: m.ext("extensions", ext)}, ""
	}
	return r
}

// Messages returns the element names of every message the codec reads and
// writes, in a stable order: events, requests, responses, CSTAErrorCode,
// then the ECMA-354 session messages.
func Messages() []string {
	names := make([]string, len(messages))
	for i, e := range messages {
		names[i] = e.name
	}
	return names
}

// NewMessage returns a new, zero XML struct for an element name (e.g.
// *MakeCall for "MakeCall"), its kind, and false for an unknown name.
func NewMessage(name string) (any, Kind, bool) {
	e, ok := messageByName[name]
	if !ok {
		return nil, 0, false
	}
	return e.new(), e.kind, true
}
