package cstav3

import (
	"github.com/cstav3/cstav3/ber"
)

// Agent state events (ECMA-269 21.2.1–21.2.6): the logical device feature
// events an ACD agent's device reports when the agent logs on or off or
// changes state. All six share one shape (agentDevice, agentID, acdGroup,
// an optional extra element, cause, extensions) but tag some of their
// fields differently; ldAgentShape records the differences and one codec,
// ldEncodeAgent / ldDecodeAgent, serves them all.

func init() {
	register[AgentBusyEvent](EventAgentBusy)
	register[AgentLoggedOnEvent](EventAgentLoggedOn)
	register[AgentLoggedOffEvent](EventAgentLoggedOff)
	register[AgentNotReadyEvent](EventAgentNotReady)
	register[AgentReadyEvent](EventAgentReady)
	register[AgentWorkingAfterCallEvent](EventAgentWorkingAfterCall)
}

// An AgentID identifies an ACD agent (ASN.1 AgentID, an OCTET STRING); nil
// when absent. HiPath sends the agent's digits.
type AgentID []byte

// String returns the agent id as text.
func (a AgentID) String() string { return string(a) }

// An AgentPassword is the password an agent logged on or off with (ASN.1
// AgentPassword, an OCTET STRING); nil when absent.
type AgentPassword []byte

// PendingAgentState is the state an agent will enter when the current call
// ends (ASN.1 PendingAgentState), as reported by AgentBusyEvent.
type PendingAgentState int

// Values of PendingAgentState.
const (
	PendingAgentNotReady         PendingAgentState = 0 // agentNotReady
	PendingAgentNull             PendingAgentState = 1 // agentNull
	PendingAgentReady            PendingAgentState = 2 // agentReady
	PendingAgentWorkingAfterCall PendingAgentState = 3 // agentWorkingAfterCall
)

var pendingAgentStateNames = map[PendingAgentState]string{
	PendingAgentNotReady: "agentNotReady", PendingAgentNull: "agentNull",
	PendingAgentReady: "agentReady", PendingAgentWorkingAfterCall: "agentWorkingAfterCall",
}

// String returns the ASN.1 identifier of s, e.g. "agentReady".
func (s PendingAgentState) String() string {
	return enumString(pendingAgentStateNames, s, "PendingAgentState")
}

// ParsePendingAgentState returns the state with ASN.1 name s.
func ParsePendingAgentState(s string) (PendingAgentState, bool) {
	return enumParse(pendingAgentStateNames, s)
}

// AfterCallPendingState is the state an agent working after a call will
// enter next: the pendingAgentState of AgentWorkingAfterCallEvent, which
// ECMA-285 defines as its own ENUMERATED, numbered unlike PendingAgentState.
type AfterCallPendingState int

// Values of AfterCallPendingState.
const (
	AfterCallPendingNotReady AfterCallPendingState = 0 // notReady
	AfterCallPendingReady    AfterCallPendingState = 1 // ready
	AfterCallPendingNull     AfterCallPendingState = 2 // null
)

var afterCallPendingStateNames = map[AfterCallPendingState]string{
	AfterCallPendingNotReady: "notReady", AfterCallPendingReady: "ready", AfterCallPendingNull: "null",
}

// String returns the ASN.1 identifier of s, e.g. "ready".
func (s AfterCallPendingState) String() string {
	return enumString(afterCallPendingStateNames, s, "AfterCallPendingState")
}

// ParseAfterCallPendingState returns the state with ASN.1 name s.
func ParseAfterCallPendingState(s string) (AfterCallPendingState, bool) {
	return enumParse(afterCallPendingStateNames, s)
}

// PendingAgentState returns s as the equivalent PendingAgentState, so that
// both pending states can be handled alike; ok is false for an unknown value.
func (s AfterCallPendingState) PendingAgentState() (p PendingAgentState, ok bool) {
	switch s {
	case AfterCallPendingNotReady:
		return PendingAgentNotReady, true
	case AfterCallPendingReady:
		return PendingAgentReady, true
	case AfterCallPendingNull:
		return PendingAgentNull, true
	}
	return 0, false
}

// AgentBusyEvent reports that an agent is busy with an ACD call (ECMA-269
// 21.2.1).
type AgentBusyEvent struct {
	AgentDevice          Device
	AgentID              AgentID  // optional
	ACDGroup             DeviceID // optional acdGroup
	HasPendingAgentState bool
	PendingAgentState    PendingAgentState // [2], valid if HasPendingAgentState
	HasCause             bool
	Cause                EventCause // [3], valid if HasCause
	Extensions           CommonArguments
}

// AgentLoggedOnEvent reports that an agent has logged on at AgentDevice,
// into ACDGroup if given (ECMA-269 21.2.2).
type AgentLoggedOnEvent struct {
	AgentDevice   Device
	AgentID       AgentID  // optional [2]
	ACDGroup      DeviceID // optional acdGroup
	AgentPassword AgentPassword
	HasCause      bool
	Cause         EventCause // valid if HasCause
	Extensions    CommonArguments
}

// AgentLoggedOffEvent reports that an agent has logged off at AgentDevice,
// from ACDGroup if given (ECMA-269 21.2.3).
type AgentLoggedOffEvent struct {
	AgentDevice   Device
	AgentID       AgentID  // optional [2]
	ACDGroup      DeviceID // optional acdGroup
	AgentPassword AgentPassword
	HasCause      bool
	Cause         EventCause // valid if HasCause
	Extensions    CommonArguments
}

// AgentNotReadyEvent reports that an agent is not ready to take ACD calls
// (ECMA-269 21.2.4).
type AgentNotReadyEvent struct {
	AgentDevice Device
	AgentID     AgentID  // optional
	ACDGroup    DeviceID // optional acdGroup
	HasCause    bool
	Cause       EventCause // valid if HasCause
	Extensions  CommonArguments
}

// AgentReadyEvent reports that an agent is ready to take ACD calls
// (ECMA-269 21.2.5).
type AgentReadyEvent struct {
	AgentDevice Device
	AgentID     AgentID  // optional
	ACDGroup    DeviceID // optional acdGroup
	HasCause    bool
	Cause       EventCause // valid if HasCause
	Extensions  CommonArguments
}

// AgentWorkingAfterCallEvent reports that an agent is doing after-call
// work and takes no ACD calls meanwhile (ECMA-269 21.2.6).
type AgentWorkingAfterCallEvent struct {
	AgentDevice          Device
	AgentID              AgentID  // optional
	ACDGroup             DeviceID // optional acdGroup
	HasPendingAgentState bool
	PendingAgentState    AfterCallPendingState // [2], valid if HasPendingAgentState
	HasCause             bool
	Cause                EventCause // [3], valid if HasCause
	Extensions           CommonArguments
}

// Type returns EventAgentBusy.
func (*AgentBusyEvent) Type() EventType { return EventAgentBusy }

// Type returns EventAgentLoggedOn.
func (*AgentLoggedOnEvent) Type() EventType { return EventAgentLoggedOn }

// Type returns EventAgentLoggedOff.
func (*AgentLoggedOffEvent) Type() EventType { return EventAgentLoggedOff }

// Type returns EventAgentNotReady.
func (*AgentNotReadyEvent) Type() EventType { return EventAgentNotReady }

// Type returns EventAgentReady.
func (*AgentReadyEvent) Type() EventType { return EventAgentReady }

// Type returns EventAgentWorkingAfterCall.
func (*AgentWorkingAfterCallEvent) Type() EventType { return EventAgentWorkingAfterCall }

// ldAgentShape says how one agent event tags its fields: agentID is a plain
// OCTET STRING or [2] IMPLICIT; the element between acdGroup and cause is
// pendingAgentState [2], agentPassword [3] or absent; cause is a plain
// ENUMERATED or [3] IMPLICIT.
type ldAgentShape struct {
	agentID  ber.Tag
	pending  bool // pendingAgentState [2] IMPLICIT ENUMERATED
	password bool // agentPassword [3] IMPLICIT OCTET STRING
	cause    ber.Tag
}

var (
	ldAgentPlainShape   = ldAgentShape{agentID: ber.TagOctetString, cause: ber.TagEnumerated}
	ldAgentPendingShape = ldAgentShape{agentID: ber.TagOctetString, pending: true, cause: ber.Context(3)}
	ldAgentLogShape     = ldAgentShape{agentID: ber.Context(2), password: true, cause: ber.TagEnumerated}
)

// ldAgentFields points at the fields of one agent event; pending and
// password are nil for the events that have no such field.
type ldAgentFields struct {
	device     *Device
	agentID    *AgentID
	acdGroup   *DeviceID
	hasPending *bool
	pending    *int
	password   *AgentPassword
	hasCause   *bool
	cause      *EventCause
	extensions *CommonArguments
}

func (e *AgentBusyEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		hasPending: &e.HasPendingAgentState, pending: (*int)(&e.PendingAgentState),
		hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentLoggedOnEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		password: &e.AgentPassword, hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentLoggedOffEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		password: &e.AgentPassword, hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentNotReadyEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentReadyEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentWorkingAfterCallEvent) fields() ldAgentFields {
	return ldAgentFields{device: &e.AgentDevice, agentID: &e.AgentID, acdGroup: &e.ACDGroup,
		hasPending: &e.HasPendingAgentState, pending: (*int)(&e.PendingAgentState),
		hasCause: &e.HasCause, cause: &e.Cause, extensions: &e.Extensions}
}

func (e *AgentBusyEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentPendingShape, e.fields())
}

func (e *AgentBusyEvent) decode(el ber.Element) error {
	*e = AgentBusyEvent{}
	return ldDecodeAgent(el, ldAgentPendingShape, e.fields())
}

func (e *AgentLoggedOnEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentLogShape, e.fields())
}

func (e *AgentLoggedOnEvent) decode(el ber.Element) error {
	*e = AgentLoggedOnEvent{}
	return ldDecodeAgent(el, ldAgentLogShape, e.fields())
}

func (e *AgentLoggedOffEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentLogShape, e.fields())
}

func (e *AgentLoggedOffEvent) decode(el ber.Element) error {
	*e = AgentLoggedOffEvent{}
	return ldDecodeAgent(el, ldAgentLogShape, e.fields())
}

func (e *AgentNotReadyEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentPlainShape, e.fields())
}

func (e *AgentNotReadyEvent) decode(el ber.Element) error {
	*e = AgentNotReadyEvent{}
	return ldDecodeAgent(el, ldAgentPlainShape, e.fields())
}

func (e *AgentReadyEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentPlainShape, e.fields())
}

func (e *AgentReadyEvent) decode(el ber.Element) error {
	*e = AgentReadyEvent{}
	return ldDecodeAgent(el, ldAgentPlainShape, e.fields())
}

func (e *AgentWorkingAfterCallEvent) encode(b *ber.Builder, t ber.Tag) {
	ldEncodeAgent(b, t, ldAgentPendingShape, e.fields())
}

func (e *AgentWorkingAfterCallEvent) decode(el ber.Element) error {
	*e = AgentWorkingAfterCallEvent{}
	return ldDecodeAgent(el, ldAgentPendingShape, e.fields())
}

// ldEncodeAgent writes an agent event of shape s with tag t.
func ldEncodeAgent(b *ber.Builder, t ber.Tag, s ldAgentShape, f ldAgentFields) {
	b.AddConstructed(t, func(b *ber.Builder) {
		f.device.encodeRole(b, tagSubjectDevice)
		if *f.agentID != nil {
			b.AddBytes(s.agentID, *f.agentID)
		}
		if !f.acdGroup.IsZero() {
			f.acdGroup.encode(b, ber.TagSequence)
		}
		if s.pending && *f.hasPending {
			b.AddInt(ber.Context(2), *f.pending)
		}
		if s.password && *f.password != nil {
			b.AddBytes(ber.Context(3), *f.password)
		}
		if *f.hasCause {
			b.AddInt(s.cause, int(*f.cause))
		}
		f.extensions.encode(b)
	})
}

// ldDecodeAgent reads an agent event of shape s into the zeroed fields f.
func ldDecodeAgent(el ber.Element, s ldAgentShape, f ldAgentFields) error {
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return err
		}
		switch {
		case e.Tag == tagSubjectDevice:
			d.seen(0)
			err = ber.Field("agentDevice", f.device.decodeRole(e))
		case e.Tag == s.agentID || e.Tag == s.agentID.Constructed():
			var v []byte
			v, err = octets(e)
			*f.agentID = v
			err = ber.Field("agentID", err)
		case e.Tag == ber.TagSequence:
			err = ber.Field("acdGroup", f.acdGroup.decode(e))
		case s.pending && e.Tag == ber.Context(2):
			*f.hasPending = true
			err = ber.Field("pendingAgentState", decodeEnum(e, f.pending))
		case s.password && (e.Tag == ber.Context(3) || e.Tag == ber.Context(3).Constructed()):
			var v []byte
			v, err = octets(e)
			*f.password = v
			err = ber.Field("agentPassword", err)
		case e.Tag == s.cause:
			*f.hasCause = true
			err = ber.Field("cause", decodeEnum(e, f.cause))
		case e.Tag == tagCommonArguments:
			err = ber.Field("extensions", f.extensions.decode(e))
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "agentDevice")
}
