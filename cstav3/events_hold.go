package cstav3

import "github.com/cstav3/cstav3/ber"

func init() {
	register[HeldEvent](EventHeld)
	register[RetrievedEvent](EventRetrieved)
}

// HeldEvent reports that HoldingDevice put a call on hold (ECMA-269
// 17.2.10).
type HeldEvent struct {
	HeldConnection         ConnectionID
	HoldingDevice          Device
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	CorrelatorData         []byte // optional [0]
	Cause                  EventCause
	HeldConnectionInfo     *ConnectionInformation // optional [4]
	CallLinkageData        *CallLinkageData       // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// languagePreferences [6], locationInfo [7].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventHeld.
func (*HeldEvent) Type() EventType { return EventHeld }

func (e *HeldEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.HeldConnection.encode(b, tagConnectionID)
		e.HoldingDevice.encodeRole(b, tagSubjectDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 3)
		if e.HeldConnectionInfo != nil {
			e.HeldConnectionInfo.encode(b, ber.Context(4).Constructed())
		}
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 7)
		e.Extensions.encode(b)
	})
}

func (e *HeldEvent) decode(el ber.Element) error {
	*e = HeldEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagConnectionID:
			d.seen(0)
			err = ber.Field("heldConnection", e.HeldConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("holdingDevice", e.HoldingDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case ber.TagEnumerated:
			d.seen(2)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(4).Constructed():
			e.HeldConnectionInfo = new(ConnectionInformation)
			err = ber.Field("heldConnectionInfo", e.HeldConnectionInfo.decode(f))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 7)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "heldConnection", "holdingDevice", "cause")
}

// RetrievedEvent reports that RetrievingDevice took a held call back
// (ECMA-269 17.2.17).
type RetrievedEvent struct {
	RetrievedConnection     ConnectionID
	RetrievingDevice        Device
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte // optional [0]
	Cause                   EventCause
	RetrievedConnectionInfo *ConnectionInformation // optional [4]
	CallLinkageData         *CallLinkageData       // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// languagePreferences [6], locationInfo [7].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventRetrieved.
func (*RetrievedEvent) Type() EventType { return EventRetrieved }

func (e *RetrievedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.RetrievedConnection.encode(b, tagConnectionID)
		e.RetrievingDevice.encodeRole(b, tagSubjectDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 3)
		if e.RetrievedConnectionInfo != nil {
			e.RetrievedConnectionInfo.encode(b, ber.Context(4).Constructed())
		}
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 7)
		e.Extensions.encode(b)
	})
}

func (e *RetrievedEvent) decode(el ber.Element) error {
	*e = RetrievedEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagConnectionID:
			d.seen(0)
			err = ber.Field("retrievedConnection", e.RetrievedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("retrievingDevice", e.RetrievingDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case ber.TagEnumerated:
			d.seen(2)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(4).Constructed():
			e.RetrievedConnectionInfo = new(ConnectionInformation)
			err = ber.Field("retrievedConnectionInfo", e.RetrievedConnectionInfo.decode(f))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 7)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "retrievedConnection", "retrievingDevice", "cause")
}
