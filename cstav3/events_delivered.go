package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[DeliveredEvent](EventDelivered) }

// DeliveredEvent reports that a call is alerting a device (ECMA-269 17.2.5):
// the phone rings at AlertingDevice.
type DeliveredEvent struct {
	Connection               ConnectionID
	AlertingDevice           Device
	CallingDevice            Device
	CalledDevice             Device
	LastRedirectionDevice    Device
	OriginatingNIDConnection *ConnectionID // optional
	HasLocalConnectionInfo   bool
	LocalConnectionInfo      ConnectionState
	CorrelatorData           []byte   // optional [0]
	UserData                 UserData // optional
	Cause                    EventCause
	NetworkCallingDevice     Device           // optional
	NetworkCalledDevice      Device           // optional
	AssociatedCallingDevice  Device           // optional
	AssociatedCalledDevice   Device           // optional
	CallLinkageData          *CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// connectionInfo [4], subjectOfCall [6], messageInfo [7],
	// languagePreferences [8], deviceHistory [9], locationInfo [10].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventDelivered.
func (*DeliveredEvent) Type() EventType { return EventDelivered }

func (e *DeliveredEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.Connection.encode(b, tagConnectionID)
		e.AlertingDevice.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if c := e.OriginatingNIDConnection; c != nil {
			c.encode(b, tagConnectionID)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
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

func (e *DeliveredEvent) decode(el ber.Element) error {
	return e.decodeNamed(el, "connection", "alertingDevice")
}

// decodeNamed decodes the DeliveredEvent layout, which FailedEvent shares,
// naming its first two fields connName and deviceName in errors.
func (e *DeliveredEvent) decodeNamed(el ber.Element, connName, deviceName string) error {
	*e = DeliveredEvent{}
	var d fieldDecoder
	r := el.Reader()
	var x ber.Element
	for !r.Empty() {
		if err := r.Read(&x); err != nil {
			return err
		}
		var err error
		switch x.Tag {
		case tagConnectionID:
			if !d.seen(0) {
				err = ber.Field(connName, e.Connection.decode(x))
			} else {
				err = ber.Field("originatingNIDConnection", decodeOptionalConnection(&e.OriginatingNIDConnection, x))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field(deviceName, e.AlertingDevice.decodeRole(x))
		case tagCallingDevice:
			d.seen(2)
			err = ber.Field("callingDevice", e.CallingDevice.decodeRole(x))
		case tagCalledDevice:
			d.seen(3)
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(x))
		case tagRedirectionDevice:
			d.seen(4)
			err = ber.Field("lastRedirectionDevice", e.LastRedirectionDevice.decodeRole(x))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, x)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, x)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(x))
		case ber.TagEnumerated:
			d.seen(5)
			err = ber.Field("cause", decodeEnum(x, &e.Cause))
		case tagNetworkCallingDevice:
			err = ber.Field("networkCallingDevice", e.NetworkCallingDevice.decodeRole(x))
		case tagNetworkCalledDevice:
			err = ber.Field("networkCalledDevice", e.NetworkCalledDevice.decodeRole(x))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDevice", e.AssociatedCallingDevice.decodeRole(x))
		case tagAssociatedCalledDevice:
			err = ber.Field("associatedCalledDevice", e.AssociatedCalledDevice.decodeRole(x))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, x))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(x))
		default:
			e.Unmodelled.keep(x, 1, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, connName, deviceName, "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
