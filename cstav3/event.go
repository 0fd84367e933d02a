package cstav3

import (
	"encoding/hex"
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// A CrossRefID is a monitor's cross-reference identifier: the switch names
// the monitor with it in every event report. HiPath uses two octets.
type CrossRefID []byte

// String returns the cross-reference in lowercase hex.
func (c CrossRefID) String() string { return hex.EncodeToString(c) }

// EventCategory is the alternative of EventSpecificInfo an event belongs to.
type EventCategory uint8

// Event categories, numbered by their context tags.
const (
	CallControlEvents EventCategory = iota
	CallAssociatedEvents
	MediaAttachmentEvents
	PhysicalDeviceFeatureEvents
	LogicalDeviceFeatureEvents
	DeviceMaintenanceEvents
	VoiceUnitEvents
	VendorSpecEvents
)

var categoryNames = [...]string{"callControlEvents", "callAssociatedEvents", "mediaAttachmentEvents",
	"physicalDeviceFeatureEvents", "logicalDeviceFeatureEvents", "deviceMaintenanceEvents",
	"voiceUnitEvents", "vendorSpecEvents"}

// String returns the ASN.1 name of the category, e.g. "callControlEvents".
func (c EventCategory) String() string { return indexString(categoryNames[:], c, "EventCategory") }

// EventType identifies an event: its category and its tag in that category.
type EventType uint16

// Type returns the EventType of tag n in category c.
func Type(c EventCategory, n uint32) EventType { return EventType(uint16(c)<<8 | uint16(n&0xFF)) }

// Category returns the category of t.
func (t EventType) Category() EventCategory { return EventCategory(t >> 8) }

// Tag returns the context tag number of t inside its category.
func (t EventType) Tag() uint32 { return uint32(t & 0xFF) }

// Event types the package decodes into typed values.
var (
	EventBridged                    = Type(CallControlEvents, 0)
	EventCallCleared                = Type(CallControlEvents, 1)
	EventConferenced                = Type(CallControlEvents, 2)
	EventConnectionCleared          = Type(CallControlEvents, 3)
	EventDelivered                  = Type(CallControlEvents, 4)
	EventDigitsDialed               = Type(CallControlEvents, 5)
	EventDiverted                   = Type(CallControlEvents, 6)
	EventEstablished                = Type(CallControlEvents, 7)
	EventFailed                     = Type(CallControlEvents, 8)
	EventHeld                       = Type(CallControlEvents, 9)
	EventNetworkCapabilitiesChanged = Type(CallControlEvents, 10)
	EventNetworkReached             = Type(CallControlEvents, 11)
	EventOffered                    = Type(CallControlEvents, 12)
	EventOriginated                 = Type(CallControlEvents, 13)
	EventQueued                     = Type(CallControlEvents, 14)
	EventRetrieved                  = Type(CallControlEvents, 15)
	EventServiceInitiated           = Type(CallControlEvents, 16)
	EventTransferred                = Type(CallControlEvents, 17)

	EventAgentBusy             = Type(LogicalDeviceFeatureEvents, 0)
	EventAgentLoggedOn         = Type(LogicalDeviceFeatureEvents, 1)
	EventAgentLoggedOff        = Type(LogicalDeviceFeatureEvents, 2)
	EventAgentNotReady         = Type(LogicalDeviceFeatureEvents, 3)
	EventAgentReady            = Type(LogicalDeviceFeatureEvents, 4)
	EventAgentWorkingAfterCall = Type(LogicalDeviceFeatureEvents, 5)
	EventDoNotDisturb          = Type(LogicalDeviceFeatureEvents, 11)
	EventForwarding            = Type(LogicalDeviceFeatureEvents, 12)

	EventBackInService = Type(DeviceMaintenanceEvents, 0)
	EventOutOfService  = Type(DeviceMaintenanceEvents, 2)
)

// eventNames lists the ASN.1 identifiers of every EventSpecificInfo
// alternative, typed or not, so that raw events still have a name.
var eventNames = map[EventType]string{
	EventBridged: "bridged", EventCallCleared: "callCleared", EventConferenced: "conferenced",
	EventConnectionCleared: "connectionCleared", EventDelivered: "delivered", EventDigitsDialed: "digitsDialed",
	EventDiverted: "diverted", EventEstablished: "established", EventFailed: "failed", EventHeld: "held",
	EventNetworkCapabilitiesChanged: "networkCapabilitiesChanged", EventNetworkReached: "networkReached",
	EventOffered: "offered", EventOriginated: "originated", EventQueued: "queued", EventRetrieved: "retrieved",
	EventServiceInitiated: "serviceInitiated", EventTransferred: "transferred",

	Type(CallAssociatedEvents, 0): "callInformation", Type(CallAssociatedEvents, 1): "charging",
	Type(CallAssociatedEvents, 2): "digitsGeneratedEvent", Type(CallAssociatedEvents, 3): "telephonyTonesGeneratedEvent",
	Type(CallAssociatedEvents, 4): "serviceCompletionFailure",

	Type(MediaAttachmentEvents, 0): "mediaAttached", Type(MediaAttachmentEvents, 1): "mediaDetached",

	Type(PhysicalDeviceFeatureEvents, 0): "buttonInformation", Type(PhysicalDeviceFeatureEvents, 1): "buttonPress",
	Type(PhysicalDeviceFeatureEvents, 2): "displayUpdated", Type(PhysicalDeviceFeatureEvents, 3): "hookswitch",
	Type(PhysicalDeviceFeatureEvents, 4): "lampMode", Type(PhysicalDeviceFeatureEvents, 5): "messageWaiting",
	Type(PhysicalDeviceFeatureEvents, 6): "microphoneGain", Type(PhysicalDeviceFeatureEvents, 7): "microphoneMute",
	Type(PhysicalDeviceFeatureEvents, 8): "ringerStatus", Type(PhysicalDeviceFeatureEvents, 9): "speakerMute",
	Type(PhysicalDeviceFeatureEvents, 10): "speakerVolume",

	EventAgentBusy: "agentBusy", EventAgentLoggedOn: "agentLoggedOn", EventAgentLoggedOff: "agentLoggedOff",
	EventAgentNotReady: "agentNotReady", EventAgentReady: "agentReady", EventAgentWorkingAfterCall: "agentWorkingAfterCall",
	Type(LogicalDeviceFeatureEvents, 6): "autoAnswer", Type(LogicalDeviceFeatureEvents, 7): "autoWorkMode",
	Type(LogicalDeviceFeatureEvents, 8): "callBack", Type(LogicalDeviceFeatureEvents, 9): "callBackMessage",
	Type(LogicalDeviceFeatureEvents, 10): "callerIDStatus", EventDoNotDisturb: "doNotDisturb",
	EventForwarding: "forwarding", Type(LogicalDeviceFeatureEvents, 13): "routeingMode",
	Type(LogicalDeviceFeatureEvents, 14): "presenceState",

	EventBackInService: "backInService", Type(DeviceMaintenanceEvents, 1): "deviceCapabilityChanged",
	EventOutOfService: "outOfService", Type(DeviceMaintenanceEvents, 3): "partiallyInService",

	Type(VoiceUnitEvents, 0): "play", Type(VoiceUnitEvents, 1): "record", Type(VoiceUnitEvents, 2): "review",
	Type(VoiceUnitEvents, 3): "stop", Type(VoiceUnitEvents, 4): "suspendPlay", Type(VoiceUnitEvents, 5): "suspendRecord",
	Type(VoiceUnitEvents, 6): "voiceAttributesChange", Type(VoiceUnitEvents, 7): "bookmarkReached",
	Type(VoiceUnitEvents, 8): "completed", Type(VoiceUnitEvents, 9): "dtmfDetected", Type(VoiceUnitEvents, 10): "emptied",
	Type(VoiceUnitEvents, 11): "interruptionDetected", Type(VoiceUnitEvents, 12): "notRecognized",
	Type(VoiceUnitEvents, 13): "recognized", Type(VoiceUnitEvents, 14): "silenceTimeoutExpired",
	Type(VoiceUnitEvents, 15): "speechDetected", Type(VoiceUnitEvents, 16): "started",
	Type(VoiceUnitEvents, 17): "voiceErrorOccured",

	Type(VendorSpecEvents, 0): "privateEvent",
}

// String returns the ASN.1 identifier of the event, e.g. "delivered".
func (t EventType) String() string {
	if s, ok := eventNames[t]; ok {
		return s
	}
	return t.Category().String() + "[" + strconv.Itoa(int(t.Tag())) + "]"
}

// Name returns the name of the event's type as ECMA-269 and ECMA-323 write
// it, e.g. "DeliveredEvent".
func (t EventType) Name() string {
	s := t.String()
	if _, ok := eventNames[t]; !ok || s == "" {
		return s
	}
	if s == "digitsGeneratedEvent" || s == "telephonyTonesGeneratedEvent" || s == "privateEvent" {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return string(s[0]-'a'+'A') + s[1:] + "Event"
}

// An Event is the typed value of one event report. Its concrete type is a
// pointer to one of the *Event structs of this package, or *RawEvent for
// events the package does not model.
type Event interface {
	// Type returns the event's type.
	Type() EventType
	encode(b *ber.Builder, t ber.Tag)
	decode(e ber.Element) error
}

// A RawEvent is an event the package does not model: its type and the
// content octets of its element, kept as they came.
type RawEvent struct {
	EventType EventType
	Content   []byte
	// Primitive records an event element that came in primitive form (a
	// malformed or private encoding), so that it is written back as it came.
	Primitive bool
}

// Type returns the event type the raw event was received as.
func (e *RawEvent) Type() EventType { return e.EventType }

func (e *RawEvent) encode(b *ber.Builder, t ber.Tag) {
	if e.Primitive {
		b.AddBytes(t.Primitive(), e.Content)
		return
	}
	b.AddConstructed(t, func(b *ber.Builder) { b.AddRaw(e.Content) })
}

func (e *RawEvent) decode(el ber.Element) error {
	e.Content = el.Content()
	e.Primitive = !el.Tag.IsConstructed()
	return nil
}

// An EventReport is the argument of CSTAEventReport (operation 21): which
// monitor the event belongs to, and the event.
type EventReport struct {
	CrossRef CrossRefID
	Event    Event
}

// encode writes the CSTAEventReportArgument SEQUENCE.
func (r *EventReport) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddBytes(tagCrossRef, r.CrossRef)
		t := r.Event.Type()
		b.AddConstructed(ber.Context(uint32(t.Category())), func(b *ber.Builder) {
			r.Event.encode(b, ber.Context(t.Tag()).Constructed())
		})
	})
}

// decodeEventReport decodes a CSTAEventReportArgument SEQUENCE, getting the
// typed event for its type from alloc. Events of a type the package does not
// model (alloc returns nil), or of a category it does not know, become
// *RawEvent.
func decodeEventReport(e ber.Element, alloc func(EventType) Event) (CrossRefID, Event, error) {
	rd := e.Reader()
	var x, cat, inner ber.Element
	if err := readExpect(&rd, &x, tagCrossRef); err != nil {
		return nil, nil, ber.Field("crossRefIdentifier", err)
	}
	cross, err := octets(x)
	if err != nil {
		return nil, nil, ber.Field("crossRefIdentifier", err)
	}
	if err := rd.Read(&cat); err != nil {
		return nil, nil, ber.Field("eventSpecificInfo", err)
	}
	if cat.Tag.Class() != ber.ClassContext || !cat.Tag.IsConstructed() || cat.Tag.Number() > 0xFF {
		return nil, nil, ber.Field("eventSpecificInfo", tagError(cat))
	}
	ir := cat.Reader()
	if err := ir.Read(&inner); err != nil {
		return nil, nil, ber.Field("eventSpecificInfo", err)
	}
	if inner.Tag.Class() != ber.ClassContext || inner.Tag.Number() > 0xFF {
		return nil, nil, ber.Field("eventSpecificInfo", tagError(inner))
	}
	t := Type(EventCategory(cat.Tag.Number()), inner.Tag.Number())
	var ev Event
	if inner.Tag.IsConstructed() {
		ev = alloc(t)
	}
	if ev == nil {
		ev = &RawEvent{EventType: t}
	}
	if err := ev.decode(inner); err != nil {
		return nil, nil, ber.Field(t.Name(), err)
	}
	return cross, ev, nil
}

// DecodeEventReport decodes the argument of a CSTAEventReport invoke (the
// whole argument element). The result aliases data.
func DecodeEventReport(data []byte) (*EventReport, error) {
	rd := ber.NewReader(data)
	e, err := rd.Expect(ber.TagSequence)
	if err != nil {
		return nil, ber.Field("CSTAEventReportArgument", err)
	}
	return newEventReport(e)
}

// newEventReport decodes the CSTAEventReportArgument e into a new report,
// allocated together with its event when the package models it.
func newEventReport(e ber.Element) (*EventReport, error) {
	var r *EventReport
	alloc := func(t EventType) Event {
		f, ok := eventFactories[t]
		if !ok {
			return nil
		}
		var ev Event
		r, ev = f.report()
		return ev
	}
	cross, ev, err := decodeEventReport(e, alloc)
	if err != nil {
		return nil, err
	}
	if r == nil {
		r = new(EventReport)
	}
	r.CrossRef, r.Event = cross, ev
	return r, nil
}

// eventFactories maps the modelled event types to constructors. It is filled
// by the init functions of the events_*.go files and never changed after.
var eventFactories = map[EventType]eventFactory{}

type eventFactory struct {
	event func() Event
	// report allocates an EventReport and its event together, in one
	// allocation, for the decoder.
	report func() (*EventReport, Event)
}

// register makes T, an event type with pointer methods, known as t.
func register[T any, P interface {
	*T
	Event
}](t EventType) {
	eventFactories[t] = eventFactory{
		event: func() Event { return P(new(T)) },
		report: func() (*EventReport, Event) {
			x := new(struct {
				r EventReport
				e T
			})
			ev := P(&x.e)
			x.r.Event = ev
			return &x.r, ev
		},
	}
}

func newEvent(t EventType) Event {
	if f, ok := eventFactories[t]; ok {
		return f.event()
	}
	return nil
}

// AppendEventReport appends the encoding of a CSTAEventReportArgument (the
// argument of an Invoke of OpEventReport) to buf.
func AppendEventReport(buf []byte, r *EventReport) ([]byte, error) { return appendWith(buf, r.encode) }
