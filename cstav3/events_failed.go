package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { registerEvent(EventFailed, func() Event { return new(FailedEvent) }) }

// FailedEvent reports that a call cannot be completed, or that a connection
// has entered the fail state, e.g. because the called device is busy
// (ECMA-269 17.2.9).
type FailedEvent struct {
	FailedConnection         ConnectionID
	FailingDevice            Device
	CallingDevice            Device
	CalledDevice             Device
	LastRedirectionDevice    Device
	OriginatingNIDConnection ConnectionID // optional
	HasLocalConnectionInfo   bool
	LocalConnectionInfo      ConnectionState
	CorrelatorData           []byte   // optional [0]
	UserData                 UserData // optional
	Cause                    EventCause
	NetworkCallingDevice     Device          // optional
	NetworkCalledDevice      Device          // optional
	AssociatedCallingDevice  Device          // optional
	AssociatedCalledDevice   Device          // optional
	CallLinkageData          CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// failedConnectionInfo [4], subjectOfCall [6], messageInfo [7],
	// languagePreferences [8], deviceHistory [9], locationInfo [10].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventFailed.
func (*FailedEvent) Type() EventType { return EventFailed }

func (e *FailedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.FailedConnection.encode(b, tagConnectionID)
		e.FailingDevice.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if !e.OriginatingNIDConnection.IsZero() {
			e.OriginatingNIDConnection.encode(b, tagConnectionID)
		}
		if e.HasLocalConnectionInfo {
			b.AddInt(tagConnectionState, int(e.LocalConnectionInfo))
		}
		if e.CorrelatorData != nil {
			b.AddBytes(ber.Context(0), e.CorrelatorData)
		}
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encode(b, 1)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &e.AssociatedCalledDevice, tagAssociatedCalledDevice)
		e.Unmodelled.encodeRange(b, 2, 4)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 10)
		e.Extensions.encode(b)
	})
}

func (e *FailedEvent) decode(el ber.Element) error {
	*e = FailedEvent{}
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
				err = ber.Field("failedConnection", e.FailedConnection.decode(f))
			} else {
				err = ber.Field("originatingNIDConnection", e.OriginatingNIDConnection.decode(f))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("failingDevice", e.FailingDevice.decodeRole(f))
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
			e.HasLocalConnectionInfo = true
			err = ber.Field("localConnectionInfo", decodeEnum(f, &e.LocalConnectionInfo))
		case ber.Context(0):
			e.CorrelatorData, err = octets(f)
			err = ber.Field("correlatorData", err)
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
			err = ber.Field("callLinkageData", e.CallLinkageData.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "failedConnection", "failingDevice", "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
