package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[EstablishedEvent](EventEstablished) }

// EstablishedEvent reports that a call was answered (ECMA-269 17.2.8):
// AnsweringDevice is now connected to it.
type EstablishedEvent struct {
	EstablishedConnection     ConnectionID
	AnsweringDevice           Device
	CallingDevice             Device
	CalledDevice              Device
	LastRedirectionDevice     Device
	OriginatingNIDConnection  *ConnectionID // optional
	HasLocalConnectionInfo    bool
	LocalConnectionInfo       ConnectionState
	CorrelatorData            []byte   // optional [1]
	UserData                  UserData // optional
	Cause                     EventCause
	NetworkCallingDevice      Device                 // optional
	NetworkCalledDevice       Device                 // optional
	AssociatedCallingDevice   Device                 // optional
	AssociatedCalledDevice    Device                 // optional
	EstablishedConnectionInfo *ConnectionInformation // optional [5]
	CallLinkageData           *CallLinkageData       // optional [6]
	// Optional elements kept encoded: servicesPermitted [2],
	// mediaCallCharacteristics [3], callCharacteristics [4],
	// subjectOfCall [7], messageInfo [8], languagePreferences [9],
	// deviceHistory [10], locationInfo [11].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventEstablished.
func (*EstablishedEvent) Type() EventType { return EventEstablished }

func (e *EstablishedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.EstablishedConnection.encode(b, tagConnectionID)
		e.AnsweringDevice.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if e.OriginatingNIDConnection != nil {
			e.OriginatingNIDConnection.encode(b, tagConnectionID)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(1), e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encode(b, 2)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		e.Unmodelled.encodeRange(b, 3, 4)
		if e.EstablishedConnectionInfo != nil {
			e.EstablishedConnectionInfo.encode(b, ber.Context(5).Constructed())
		}
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(6).Constructed())
		}
		e.Unmodelled.encodeRange(b, 7, 11)
		e.Extensions.encode(b)
	})
}

func (e *EstablishedEvent) decode(el ber.Element) error {
	*e = EstablishedEvent{}
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
				err = ber.Field("establishedConnection", e.EstablishedConnection.decode(f))
			} else {
				err = ber.Field("originatingNIDConnection", decodeOptionalConnection(&e.OriginatingNIDConnection, f))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("answeringDevice", e.AnsweringDevice.decodeRole(f))
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
		case ber.Context(1):
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
		case ber.Context(5).Constructed():
			e.EstablishedConnectionInfo = new(ConnectionInformation)
			err = ber.Field("establishedConnectionInfo", e.EstablishedConnectionInfo.decode(f))
		case ber.Context(6).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 2, 11)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "establishedConnection", "answeringDevice", "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
