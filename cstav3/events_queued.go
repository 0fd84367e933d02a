package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[QueuedEvent](EventQueued) }

// QueuedEvent reports that a call has been queued at Queue, e.g. an ACD
// group or a hunt group, with its place in the queue (ECMA-269 17.2.14).
type QueuedEvent struct {
	QueuedConnection        ConnectionID
	Queue                   Device
	CallingDevice           Device
	CalledDevice            Device
	LastRedirectionDevice   Device
	HasNumberQueued         bool
	NumberQueued            int // optional [0]: calls in the queue
	HasCallsInFront         bool
	CallsInFront            int // optional [1]: calls ahead of this one
	HasLocalConnectionInfo  bool
	LocalConnectionInfo     ConnectionState
	CorrelatorData          []byte   // optional [2]
	UserData                UserData // optional
	Cause                   EventCause
	NetworkCallingDevice    Device           // optional
	NetworkCalledDevice     Device           // optional
	AssociatedCallingDevice Device           // optional
	AssociatedCalledDevice  Device           // optional
	CallLinkageData         *CallLinkageData // optional [7]
	// Optional elements kept encoded: servicesPermitted [3],
	// mediaCallCharacteristics [4], callCharacteristics [5],
	// queuedConnectionInfo [6], subjectOfCall [8], messageInfo [9],
	// languagePreferences [10], deviceHistory [11], locationInfo [12].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventQueued.
func (*QueuedEvent) Type() EventType { return EventQueued }

func (e *QueuedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.QueuedConnection.encode(b, tagConnectionID)
		e.Queue.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if e.HasNumberQueued {
			b.AddInt(ber.Context(0), e.NumberQueued)
		}
		if e.HasCallsInFront {
			b.AddInt(ber.Context(1), e.CallsInFront)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(2), e.CorrelatorData)
		e.UserData.encode(b)
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
		e.Unmodelled.encodeRange(b, 8, 12)
		e.Extensions.encode(b)
	})
}

func (e *QueuedEvent) decode(el ber.Element) error {
	*e = QueuedEvent{}
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
			err = ber.Field("queuedConnection", e.QueuedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("queue", e.Queue.decodeRole(f))
		case tagCallingDevice:
			d.seen(2)
			err = ber.Field("callingDevice", e.CallingDevice.decodeRole(f))
		case tagCalledDevice:
			d.seen(3)
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case tagRedirectionDevice:
			d.seen(4)
			err = ber.Field("lastRedirectionDevice", e.LastRedirectionDevice.decodeRole(f))
		case ber.Context(0):
			e.HasNumberQueued = true
			e.NumberQueued, err = f.Int()
			err = ber.Field("numberQueued", err)
		case ber.Context(1):
			e.HasCallsInFront = true
			e.CallsInFront, err = f.Int()
			err = ber.Field("callsInFront", err)
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(2):
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
		case ber.Context(7).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 3, 12)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "queuedConnection", "queue", "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
