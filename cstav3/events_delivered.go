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

func (*DeliveredEvent) Type() EventType { return EventDelivered }

func (e *DeliveredEvent) encode(b *ber.Builder, t ber.Tag) {
	f := e.fields()
	f.encode(b, t)
}

func (e *DeliveredEvent) decode(el ber.Element) error {
	*e = DeliveredEvent{}
	f := e.fields()
	return f.decode(el)
}

func (e *DeliveredEvent) fields() alertingFields {
	return alertingFields{"connection", "alertingDevice", &e.Connection, &e.AlertingDevice, &e.CallingDevice,
		&e.CalledDevice, &e.LastRedirectionDevice, &e.OriginatingNIDConnection, &e.HasLocalConnectionInfo,
		&e.LocalConnectionInfo, &e.CorrelatorData, &e.UserData, &e.Cause, &e.NetworkCallingDevice,
		&e.NetworkCalledDevice, &e.AssociatedCallingDevice, &e.AssociatedCalledDevice, &e.CallLinkageData,
		&e.Unmodelled, &e.Extensions}
}

// alertingFields points at the fields of an event laid out as DeliveredEvent:
// DeliveredEvent and FailedEvent share the ASN.1 layout and differ only in
// the names of the first two fields, so one codec serves both.
type alertingFields struct {
	connName, deviceName                 string
	conn                                 *ConnectionID
	device, calling, called, redirection *Device
	originatingNID                       **ConnectionID
	hasState                             *bool
	state                                *ConnectionState
	correlator                           *[]byte
	userData                             *UserData
	cause                                *EventCause
	netCalling, netCalled                *Device
	assocCalling, assocCalled            *Device
	linkage                              **CallLinkageData
	unmodelled                           *Unmodelled
	ext                                  *CommonArguments
}

func (f *alertingFields) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		f.conn.encode(b, tagConnectionID)
		f.device.encodeRole(b, tagSubjectDevice)
		f.calling.encodeRole(b, tagCallingDevice)
		f.called.encodeRole(b, tagCalledDevice)
		f.redirection.encodeRole(b, tagRedirectionDevice)
		if c := *f.originatingNID; c != nil {
			c.encode(b, tagConnectionID)
		}
		if *f.hasState {
			b.AddInt(tagConnectionState, int(*f.state))
		}
		if *f.correlator != nil {
			b.AddBytes(ber.Context(0), *f.correlator)
		}
		f.userData.encode(b)
		b.AddInt(ber.TagEnumerated, int(*f.cause))
		f.unmodelled.encode(b, 1)
		encodeOptionalRole(b, f.netCalling, tagNetworkCallingDevice)
		encodeOptionalRole(b, f.netCalled, tagNetworkCalledDevice)
		encodeOptionalRole(b, f.assocCalling, tagAssociatedCallingDevice)
		encodeOptionalRole(b, f.assocCalled, tagAssociatedCalledDevice)
		f.unmodelled.encodeRange(b, 2, 4)
		if l := *f.linkage; !l.IsZero() {
			l.encode(b, ber.Context(5).Constructed())
		}
		f.unmodelled.encodeRange(b, 6, 10)
		f.ext.encode(b)
	})
}

func (f *alertingFields) decode(el ber.Element) error {
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
				err = ber.Field(f.connName, f.conn.decode(x))
			} else {
				err = ber.Field("originatingNIDConnection", decodeOptionalConnection(f.originatingNID, x))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field(f.deviceName, f.device.decodeRole(x))
		case tagCallingDevice:
			d.seen(2)
			err = ber.Field("callingDevice", f.calling.decodeRole(x))
		case tagCalledDevice:
			d.seen(3)
			err = ber.Field("calledDevice", f.called.decodeRole(x))
		case tagRedirectionDevice:
			d.seen(4)
			err = ber.Field("lastRedirectionDevice", f.redirection.decodeRole(x))
		case tagConnectionState:
			*f.hasState = true
			err = ber.Field("localConnectionInfo", decodeEnum(x, f.state))
		case ber.Context(0):
			*f.correlator, err = octets(x)
			err = ber.Field("correlatorData", err)
		case tagUserData:
			err = ber.Field("userData", f.userData.decode(x))
		case ber.TagEnumerated:
			d.seen(5)
			err = ber.Field("cause", decodeEnum(x, f.cause))
		case tagNetworkCallingDevice:
			err = ber.Field("networkCallingDevice", f.netCalling.decodeRole(x))
		case tagNetworkCalledDevice:
			err = ber.Field("networkCalledDevice", f.netCalled.decodeRole(x))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDevice", f.assocCalling.decodeRole(x))
		case tagAssociatedCalledDevice:
			err = ber.Field("associatedCalledDevice", f.assocCalled.decodeRole(x))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(f.linkage, x))
		case tagCommonArguments:
			err = ber.Field("extensions", f.ext.decode(x))
		default:
			f.unmodelled.keep(x, 1, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, f.connName, f.deviceName, "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
