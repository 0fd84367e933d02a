package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[DigitsDialedEvent](EventDigitsDialed) }

// DigitsDialedEvent reports the digits a device has dialled so far, before
// the call is placed (ECMA-269 17.2.6).
type DigitsDialedEvent struct {
	DialingConnection       ConnectionID
	DialingDevice           Device
	DialingSequence         DeviceID // the digits dialled, as a DeviceID
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte // optional [0]
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	AssociatedCalledDevice  Device           // optional
	CallLinkageData         *CallLinkageData // optional [4]
	// Optional elements kept encoded: servicesPermitted [1],
	// dialingConnectionInfo [2], callCharacteristics [3],
	// languagePreferences [5], locationInfo [6].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventDigitsDialed.
func (*DigitsDialedEvent) Type() EventType { return EventDigitsDialed }

func (e *DigitsDialedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.DialingConnection.encode(b, tagConnectionID)
		e.DialingDevice.encodeRole(b, tagSubjectDevice)
		e.DialingSequence.encode(b, ber.TagSequence)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encode(b, 1)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		e.Unmodelled.encodeRange(b, 2, 3)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(4).Constructed())
		}
		e.Unmodelled.encodeRange(b, 5, 6)
		e.Extensions.encode(b)
	})
}

func (e *DigitsDialedEvent) decode(el ber.Element) error {
	*e = DigitsDialedEvent{}
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
			err = ber.Field("dialingConnection", e.DialingConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("dialingDevice", e.DialingDevice.decodeRole(f))
		case ber.TagSequence:
			d.seen(2)
			err = ber.Field("dialingSequence", e.DialingSequence.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
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
		case ber.Context(4).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 6)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "dialingConnection", "dialingDevice", "dialingSequence", "cause")
}
