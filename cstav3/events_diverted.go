package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[DivertedEvent](EventDiverted) }

// DivertedEvent reports that a call has been diverted from DivertingDevice
// to NewDestination, for example by call forwarding or deflection
// (ECMA-269 17.2.7).
type DivertedEvent struct {
	Connection              ConnectionID
	DivertingDevice         Device
	NewDestination          Device
	CallingDevice           Device // optional
	CalledDevice            Device // optional
	LastRedirectionDevice   Device
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte   // optional [0]
	UserData                UserData // optional
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	AssociatedCalledDevice  Device           // optional
	CallLinkageData         *CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// connectionInfo [4], subjectOfCall [6], messageInfo [7],
	// languagePreferences [8], deviceHistory [9], locationInfo [10].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventDiverted.
func (*DivertedEvent) Type() EventType { return EventDiverted }

func (e *DivertedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.Connection.encode(b, tagConnectionID)
		e.DivertingDevice.encodeRole(b, tagSubjectDevice)
		e.NewDestination.encodeRole(b, tagSubjectDevice)
		encodeOptionalRole(b, &e.CallingDevice, tagCallingDevice)
		encodeOptionalRole(b, &e.CalledDevice, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 4)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 10)
		e.Extensions.encode(b)
	})
}

// decode reads a DivertedEvent. divertingDevice and newDestination are both
// SubjectDeviceID: the first one seen is the diverting device.
func (e *DivertedEvent) decode(el ber.Element) error {
	*e = DivertedEvent{}
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
			err = ber.Field("connection", e.Connection.decode(f))
		case tagSubjectDevice:
			if !d.seen(1) {
				err = ber.Field("divertingDevice", e.DivertingDevice.decodeRole(f))
			} else {
				d.seen(2)
				err = ber.Field("newDestination", e.NewDestination.decodeRole(f))
			}
		case tagCallingDevice:
			err = ber.Field("callingDevice", e.CallingDevice.decodeRole(f))
		case tagCalledDevice:
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case tagRedirectionDevice:
			d.seen(3)
			err = ber.Field("lastRedirectionDevice", e.LastRedirectionDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.TagEnumerated:
			d.seen(4)
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
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "connection", "divertingDevice", "newDestination", "lastRedirectionDevice", "cause")
}
