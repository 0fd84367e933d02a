package cstav3

import "github.com/cstav3/cstav3/ber"

func init() {
	register[ServiceInitiatedEvent](EventServiceInitiated)
}

// ServiceInitiatedEvent reports that a device has gone off-hook or that a
// service (e.g. MakeCall) has started a connection there, before any digits
// are dialled (ECMA-269 17.2.16).
type ServiceInitiatedEvent struct {
	InitiatedConnection     ConnectionID
	InitiatingDevice        Device
	CalledDevice            Device // optional
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte // optional [0]
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	CallLinkageData         *CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// initiatedConnectionInfo [4], subjectOfCall [7], messageInfo [8],
	// languagePreferences [9], locationInfo [10]. The module has no [6].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventServiceInitiated.
func (*ServiceInitiatedEvent) Type() EventType { return EventServiceInitiated }

func (e *ServiceInitiatedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.InitiatedConnection.encode(b, tagConnectionID)
		e.InitiatingDevice.encodeRole(b, tagSubjectDevice)
		encodeOptionalRole(b, &e.CalledDevice, tagCalledDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 4)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 7, 10)
		e.Extensions.encode(b)
	})
}

func (e *ServiceInitiatedEvent) decode(el ber.Element) error {
	*e = ServiceInitiatedEvent{}
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
			err = ber.Field("initiatedConnection", e.InitiatedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("initiatingDevice", e.InitiatingDevice.decodeRole(f))
		case tagCalledDevice:
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case ber.TagEnumerated:
			d.seen(2)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case tagNetworkCallingDevice:
			err = ber.Field("networkCallingDevice", e.NetworkCallingDevice.decodeRole(f))
		case tagNetworkCalledDevice:
			err = ber.Field("networkCalledDevice", e.NetworkCalledDevice.decodeRole(f))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDevice", e.AssociatedCallingDevice.decodeRole(f))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 4)
			e.Unmodelled.keep(f, 7, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "initiatedConnection", "initiatingDevice", "cause")
}
