package cstav3

import (
	"github.com/cstav3/cstav3/ber"
)

func init() {
	register[NetworkCapabilitiesChangedEvent](EventNetworkCapabilitiesChanged)
	register[NetworkReachedEvent](EventNetworkReached)
}

// NetworkType is the networkType of a NetworkCapability: the kind of network
// a call has left the switch for.
type NetworkType int

// Values of NetworkType (ASN.1 NetworkCapability.networkType).
const (
	NetworkTypeISDNPublic     NetworkType = 0
	NetworkTypeNonISDNPublic  NetworkType = 1
	NetworkTypeISDNPrivate    NetworkType = 2
	NetworkTypeNonISDNPrivate NetworkType = 3
	NetworkTypeOther          NetworkType = 4
)

var networkTypeNames = map[NetworkType]string{
	NetworkTypeISDNPublic: "iSDNPublic", NetworkTypeNonISDNPublic: "nonISDNPublic",
	NetworkTypeISDNPrivate: "iSDNPrivate", NetworkTypeNonISDNPrivate: "nonISDNPrivate",
	NetworkTypeOther: "other",
}

// String returns the ASN.1 name of the network type.
func (t NetworkType) String() string { return enumString(networkTypeNames, t, "NetworkType") }

// ParseNetworkType returns the network type with ASN.1 name s.
func ParseNetworkType(s string) (NetworkType, bool) { return enumParse(networkTypeNames, s) }

// EventsProvided is the eventsProvided BIT STRING of a NetworkCapability, as
// it was on the wire: bit n set means the network reports the call control
// event whose tag is n (bridged 0, allCleared 1 … transferred 17), so the
// bits are numbered like the EventType tags of CallControlEvents. Bytes is
// nil when the field is absent.
type EventsProvided ber.BitString

// NewEventsProvided returns the bit string with the bits of the given call
// control events set, in the minimal form (no trailing zero bits) that
// DER and most encoders use. Events of other categories are ignored.
func NewEventsProvided(types ...EventType) EventsProvided {
	n := 0
	for _, t := range types {
		if t.Category() == CallControlEvents && int(t.Tag())+1 > n {
			n = int(t.Tag()) + 1
		}
	}
	p := EventsProvided{Bytes: make([]byte, (n+7)/8), Length: n}
	for _, t := range types {
		if t.Category() == CallControlEvents {
			p.Bytes[t.Tag()/8] |= 0x80 >> (t.Tag() % 8)
		}
	}
	return p
}

// IsZero reports whether the field is absent.
func (p EventsProvided) IsZero() bool { return p.Bytes == nil }

// Has reports whether the network provides events of type t.
func (p EventsProvided) Has(t EventType) bool {
	return t.Category() == CallControlEvents && ber.BitString(p).At(int(t.Tag()))
}

// Events lists the call control events whose bits are set, in bit order.
func (p EventsProvided) Events() []EventType {
	var out []EventType
	for i := 0; i < p.Length && i <= 0xFF; i++ {
		if ber.BitString(p).At(i) {
			out = append(out, Type(CallControlEvents, uint32(i)))
		}
	}
	return out
}

// NetworkCapability describes the network a call has reached and which call
// control events it can report (ECMA-269 12.3.17).
type NetworkCapability struct {
	NetworkType    NetworkType
	EventsProvided EventsProvided // optional; Bytes nil when absent
}

// encode writes the NetworkCapability SEQUENCE with tag t.
func (c *NetworkCapability) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		b.AddInt(ber.TagEnumerated, int(c.NetworkType))
		if c.EventsProvided.Bytes != nil {
			b.AddBitString(ber.TagBitString, ber.BitString(c.EventsProvided))
		}
	})
}

func (c *NetworkCapability) decode(e ber.Element) error {
	*c = NetworkCapability{}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagEnumerated:
			d.seen(0)
			err = ber.Field("networkType", decodeEnum(f, &c.NetworkType))
		case ber.TagBitString:
			var v ber.BitString
			v, err = f.BitString()
			c.EventsProvided = EventsProvided(v)
			err = ber.Field("eventsProvided", err)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "networkType")
}

// ProgressLocation is the progressLocation of a ProgressIndicator: where in
// the network the progress was reported (the Q.931 location).
type ProgressLocation int

// Values of ProgressLocation (ASN.1 ProgressIndicator.progressLocation).
const (
	ProgressLocationUser                    ProgressLocation = 0
	ProgressLocationPrivateNetServingLocal  ProgressLocation = 1
	ProgressLocationPublicNetServingLocal   ProgressLocation = 2
	ProgressLocationTransitNetwork          ProgressLocation = 3
	ProgressLocationPublicNetServingRemote  ProgressLocation = 4
	ProgressLocationPrivateNetServingRemote ProgressLocation = 5
	ProgressLocationLocalInterface          ProgressLocation = 6
	ProgressLocationInternationalNetwork    ProgressLocation = 7
	ProgressLocationNetworkBeyondInterwk    ProgressLocation = 8
	ProgressLocationOther                   ProgressLocation = 9
)

var progressLocationNames = map[ProgressLocation]string{
	ProgressLocationUser: "user", ProgressLocationPrivateNetServingLocal: "privateNetServingLocal",
	ProgressLocationPublicNetServingLocal: "publicNetServingLocal", ProgressLocationTransitNetwork: "transitNetwork",
	ProgressLocationPublicNetServingRemote: "publicNetServingRemote", ProgressLocationPrivateNetServingRemote: "privateNetServingRemote",
	ProgressLocationLocalInterface: "localInterface", ProgressLocationInternationalNetwork: "internationalNetwork",
	ProgressLocationNetworkBeyondInterwk: "networkBeyondInterwk", ProgressLocationOther: "other",
}

// String returns the ASN.1 name of the location.
func (l ProgressLocation) String() string {
	return enumString(progressLocationNames, l, "ProgressLocation")
}

// ParseProgressLocation returns the location with ASN.1 name s.
func ParseProgressLocation(s string) (ProgressLocation, bool) {
	return enumParse(progressLocationNames, s)
}

// ProgressDescription is the progressDescription of a ProgressIndicator:
// which signalling system's progress description applies.
type ProgressDescription int

// Values of ProgressDescription (ASN.1 ProgressIndicator.progressDescription).
const (
	ProgressDescriptionISDN  ProgressDescription = 0 // iSDNProgressDesc
	ProgressDescriptionQSIG  ProgressDescription = 1 // qSIGProgressDesc
	ProgressDescriptionOther ProgressDescription = 2
)

var progressDescriptionNames = map[ProgressDescription]string{
	ProgressDescriptionISDN: "iSDNProgressDesc", ProgressDescriptionQSIG: "qSIGProgressDesc",
	ProgressDescriptionOther: "other",
}

// String returns the ASN.1 name of the description.
func (d ProgressDescription) String() string {
	return enumString(progressDescriptionNames, d, "ProgressDescription")
}

// ParseProgressDescription returns the description with ASN.1 name s.
func ParseProgressDescription(s string) (ProgressDescription, bool) {
	return enumParse(progressDescriptionNames, s)
}

// ProgressIndicator reports call progress from a network (ECMA-269
// 12.3.22), as carried by NetworkCapabilitiesChangedEvent.
type ProgressIndicator struct {
	ProgressLocation    ProgressLocation
	ProgressDescription ProgressDescription
}

// encode writes the ProgressIndicator SEQUENCE with tag t.
func (p *ProgressIndicator) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		b.AddInt(ber.TagEnumerated, int(p.ProgressLocation))
		b.AddInt(ber.TagEnumerated, int(p.ProgressDescription))
	})
}

// decode reads a ProgressIndicator; both fields are ENUMERATED, so they are
// told apart by position.
func (p *ProgressIndicator) decode(e ber.Element) error {
	*p = ProgressIndicator{}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		if f.Tag != ber.TagEnumerated {
			continue
		}
		switch {
		case !d.seen(0):
			err = ber.Field("progressLocation", decodeEnum(f, &p.ProgressLocation))
		case !d.seen(1):
			err = ber.Field("progressDescription", decodeEnum(f, &p.ProgressDescription))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "progressLocation", "progressDescription")
}

// NetworkCapabilitiesChangedEvent reports that the capabilities of the
// network a call went out to have changed, with the network's progress
// indication (ECMA-269 17.2.10).
type NetworkCapabilitiesChangedEvent struct {
	OutboundConnection     ConnectionID
	NetworkInterfaceUsed   Device
	CalledDevice           Device
	ProgressIndicator      ProgressIndicator
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	// CorrelatorData is optional; unlike most events it is an untagged
	// OCTET STRING here.
	CorrelatorData       []byte
	UserData             UserData // optional
	HasNetworkCapability bool
	NetworkCapability    NetworkCapability // optional [0]
	Cause                EventCause
	CallLinkageData      *CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// outboundConnectionInfo [4], languagePreferences [6], locationInfo [7].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventNetworkCapabilitiesChanged.
func (*NetworkCapabilitiesChangedEvent) Type() EventType { return EventNetworkCapabilitiesChanged }

func (e *NetworkCapabilitiesChangedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.OutboundConnection.encode(b, tagConnectionID)
		e.NetworkInterfaceUsed.encodeRole(b, tagSubjectDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.ProgressIndicator.encode(b, ber.TagSequence)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.TagOctetString, e.CorrelatorData)
		e.UserData.encode(b)
		if e.HasNetworkCapability {
			e.NetworkCapability.encode(b, ber.Context(0).Constructed())
		}
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 1, 4)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(5).Constructed())
		}
		e.Unmodelled.encodeRange(b, 6, 7)
		e.Extensions.encode(b)
	})
}

func (e *NetworkCapabilitiesChangedEvent) decode(el ber.Element) error {
	*e = NetworkCapabilitiesChangedEvent{}
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
			err = ber.Field("outboundConnection", e.OutboundConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("networkInterfaceUsed", e.NetworkInterfaceUsed.decodeRole(f))
		case tagCalledDevice:
			d.seen(2)
			err = ber.Field("calledDevice", e.CalledDevice.decodeRole(f))
		case ber.TagSequence:
			d.seen(3)
			err = ber.Field("progressIndicator", e.ProgressIndicator.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.TagOctetString:
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.Context(0).Constructed():
			e.HasNetworkCapability = true
			err = ber.Field("networkCapability", e.NetworkCapability.decode(f))
		case ber.TagEnumerated:
			d.seen(4)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
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
	return d.require(el, "outboundConnection", "networkInterfaceUsed", "calledDevice",
		"progressIndicator", "cause")
}

// NetworkReachedEvent reports that a call has left the switch for another
// network through NetworkInterfaceUsed (a trunk), after which the switch may
// report less about it (ECMA-269 17.2.11).
type NetworkReachedEvent struct {
	OutboundConnection    ConnectionID
	NetworkInterfaceUsed  Device
	CallingDevice         Device
	CalledDevice          Device
	LastRedirectionDevice Device
	// OriginatingNIDConnection is optional; the ASN.1 module spells this
	// field originatingNIDConneciton.
	OriginatingNIDConnection *ConnectionID
	HasLocalConnectionInfo   bool
	LocalConnectionInfo      ConnectionState
	CorrelatorData           []byte   // optional [0]
	UserData                 UserData // optional
	HasNetworkCapability     bool
	NetworkCapability        NetworkCapability // optional [1]
	Cause                    EventCause
	NetworkCallingDevice     Device           // optional
	NetworkCalledDevice      Device           // optional
	AssociatedCallingDevice  Device           // optional
	CallLinkageData          *CallLinkageData // optional [6]
	// Optional elements kept encoded: servicesPermitted [2],
	// mediaCallCharacteristics [3], callCharacteristics [4],
	// outboundConnectionInfo [5], languagePreferences [7],
	// deviceHistory [8], locationInfo [9].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventNetworkReached.
func (*NetworkReachedEvent) Type() EventType { return EventNetworkReached }

func (e *NetworkReachedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.OutboundConnection.encode(b, tagConnectionID)
		e.NetworkInterfaceUsed.encodeRole(b, tagSubjectDevice)
		e.CallingDevice.encodeRole(b, tagCallingDevice)
		e.CalledDevice.encodeRole(b, tagCalledDevice)
		e.LastRedirectionDevice.encodeRole(b, tagRedirectionDevice)
		if e.OriginatingNIDConnection != nil {
			e.OriginatingNIDConnection.encode(b, tagConnectionID)
		}
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		e.UserData.encode(b)
		if e.HasNetworkCapability {
			e.NetworkCapability.encode(b, ber.Context(1).Constructed())
		}
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 2, 5)
		encodeOptionalRole(b, &e.NetworkCallingDevice, tagNetworkCallingDevice)
		encodeOptionalRole(b, &e.NetworkCalledDevice, tagNetworkCalledDevice)
		encodeOptionalRole(b, &e.AssociatedCallingDevice, tagAssociatedCallingDevice)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(6).Constructed())
		}
		e.Unmodelled.encodeRange(b, 7, 9)
		e.Extensions.encode(b)
	})
}

func (e *NetworkReachedEvent) decode(el ber.Element) error {
	*e = NetworkReachedEvent{}
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
				err = ber.Field("outboundConnection", e.OutboundConnection.decode(f))
			} else {
				err = ber.Field("originatingNIDConnection", decodeOptionalConnection(&e.OriginatingNIDConnection, f))
			}
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("networkInterfaceUsed", e.NetworkInterfaceUsed.decodeRole(f))
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
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.Context(1).Constructed():
			e.HasNetworkCapability = true
			err = ber.Field("networkCapability", e.NetworkCapability.decode(f))
		case ber.TagEnumerated:
			d.seen(5)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case tagNetworkCallingDevice:
			err = ber.Field("networkCallingDevice", e.NetworkCallingDevice.decodeRole(f))
		case tagNetworkCalledDevice:
			err = ber.Field("networkCalledDevice", e.NetworkCalledDevice.decodeRole(f))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDevice", e.AssociatedCallingDevice.decodeRole(f))
		case ber.Context(6).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 2, 9)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "outboundConnection", "networkInterfaceUsed", "callingDevice", "calledDevice",
		"lastRedirectionDevice", "cause")
}
