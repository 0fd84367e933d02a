package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[OriginatedEvent](EventOriginated) }

// OriginatedEvent reports that CallingDevice has placed a call to
// CalledDevice (ECMA-269 17.2.13).
type OriginatedEvent struct {
	OriginatedConnection ConnectionID
	// CallingDevice is the subject of the event: it is tagged as a
	// SubjectDeviceID, not a CallingDeviceID.
	CallingDevice           Device
	CalledDevice            Device
	OriginatingDevice       DeviceID // optional; zero when absent
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte // optional [2]
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	AssociatedCalledDevice  Device           // optional
	CallLinkageData         *CallLinkageData // optional [7]
	// Optional elements kept encoded: servicesPermitted [3],
	// mediaCallCharacteristics [4], callCharacteristics [5],
	// originatedConnectionInfo [6], subjectOfCall [8], messageInfo [9],
	// languagePreferences [10], locationInfo [11].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventOriginated.
func (*OriginatedEvent) Type() EventType { return EventOriginated }

func (e *OriginatedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.OriginatedConnection.encode(b, tagConnectionID)
		e.CallingDevice.encodeRole(b, tagSubjectDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		if !e.OriginatingDevice.IsZero() {
			e.OriginatingDevice.encode(b, ber.TagSequence)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(2), e.CorrelatorData)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encode(b, 3)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		e.Unmodelled.encodeRange(b, 4, 6)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(7).Constructed())
		}
		e.Unmodelled.encodeRange(b, 8, 11)
		e.Extensions.encode(b)
	})
}

func (e *OriginatedEvent) decode(el ber.Element) error {
	*e = OriginatedEvent{}
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
			err = ber.Field("originatedConnection", e.OriginatedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("callingDevice", e.CallingDevice.decodeRole(f))
		case tagCalledDevice:
			d.seen(2)
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case ber.TagSequence:
			err = ber.Field("originatingDevice", e.OriginatingDevice.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(2):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case ber.TagEnumerated:
			d.seen(3)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case tagNetworkCallingDevice:
			err = ber.Field("networkCallingDevice", e.NetworkCallingDevice.decodeRole(f))
		case tagNetworkCalledDevice:
			err = ber.Field("networkCalledDevice", e.NetworkCalledDevice.decodeRole(f))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDevice", e.AssociatedCallingDevice.decodeRole(f))
		case tagAssociatedCalledDevice:
			err = ber.Field("associatedCalledDevice", e.AssociatedCalledDevice.decodeRole(f))
		case ber.Context(7).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 3, 11)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "originatedConnection", "callingDevice", "calledDevice", "cause")
}
