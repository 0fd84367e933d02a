package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[OfferedEvent](EventOffered) }

// OfferedEvent reports that a call is being offered to OfferedDevice, which
// may accept or reject it before it alerts (ECMA-269 17.2.12).
type OfferedEvent struct {
	OfferedConnection        ConnectionID
	OfferedDevice            Device
	CallingDevice            Device
	CalledDevice             Device
	LastRedirectionDevice    Device
	OriginatingNIDConnection *ConnectionID // optional
	HasLocalConnectionInfo   bool
	LocalConnectionInfo      ConnectionState
	// CorrelatorData is optional; unlike most events it is an untagged
	// OCTET STRING here.
	CorrelatorData          []byte
	UserData                UserData // optional
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	AssociatedCalledDevice  Device           // optional
	CallLinkageData         *CallLinkageData // optional [4]
	// Optional elements kept encoded: servicesPermitted [0],
	// mediaCallCharacteristics [1], callCharacteristics [2],
	// offeredConnectionInfo [3], subjectOfCall [5], messageInfo [6],
	// languagePreferences [7], deviceHistory [8], locationInfo [9].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventOffered.
func (*OfferedEvent) Type() EventType { return EventOffered }

func (e *OfferedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.OfferedConnection.encode(b, tagConnectionID)
		e.OfferedDevice.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if e.OriginatingNIDConnection != nil {
			e.OriginatingNIDConnection.encode(b, tagConnectionID)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.TagOctetString, e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encode(b, 0)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		e.Unmodelled.encodeRange(b, 1, 3)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(4).Constructed())
		}
		e.Unmodelled.encodeRange(b, 5, 9)
		e.Extensions.encode(b)
	})
}

func (e *OfferedEvent) decode(el ber.Element) error {
	*e = OfferedEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagConnectionID:
			if !d.seen(0) {
				err = ber.Field("offeredConnection", e.OfferedConnection.decode(f))
			} else {
				err = ber.Field("originatingNIDConnection", decodeOptionalConnection(&e.OriginatingNIDConnection, f))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("offeredDevice", e.OfferedDevice.decodeRole(f))
		case tagCallingDevice:
			d.seen(2)
			err = ber.Field("callingDevice", e.CallingDevice.decodeRole(f))
		case tagCalledDevice:
			d.seen(3)
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case tagRedirectionDevice:
			d.seen(4)
			err = ber.Field("lastRedirectionDevice", e.LastRedirectionDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.TagOctetString:
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.TagEnumerated:
			d.seen(5)
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
			e.Unmodelled.keep(f, 0, 9)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "offeredConnection", "offeredDevice", "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
