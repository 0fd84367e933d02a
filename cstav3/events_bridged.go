package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[BridgedEvent](EventBridged) }

// BridgedEvent reports that a device joined a call in bridged mode, as a
// shared appearance of another device's line (ECMA-269 17.2.1).
type BridgedEvent struct {
	BridgedConnection      ConnectionID
	BridgedAppearance      Device
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	CorrelatorData         []byte   // optional [0]
	UserData               UserData // optional
	Cause                  EventCause
	BridgedConnectionInfo  *ConnectionInformation // optional [4]
	CallLinkageData        *CallLinkageData       // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// languagePreferences [6], locationInfo [7].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventBridged.
func (*BridgedEvent) Type() EventType { return EventBridged }

func (e *BridgedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.BridgedConnection.encode(b, tagConnectionID)
		e.BridgedAppearance.encodeRole(b, tagSubjectDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 3)
		if e.BridgedConnectionInfo != nil {
			e.BridgedConnectionInfo.encode(b, ber.Context(4).Constructed())
		}
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 7)
		e.Extensions.encode(b)
	})
}

func (e *BridgedEvent) decode(el ber.Element) error {
	*e = BridgedEvent{}
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
			err = ber.Field("bridgedConnection", e.BridgedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("bridgedAppearance", e.BridgedAppearance.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.TagEnumerated:
			d.seen(2)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(4).Constructed():
			e.BridgedConnectionInfo = new(ConnectionInformation)
			err = ber.Field("bridgedConnectionInfo", e.BridgedConnectionInfo.decode(f))
		case ber.Context(5).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 1, 7)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "bridgedConnection", "bridgedAppearance", "cause")
}
