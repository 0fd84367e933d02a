package cstav3

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cstav3/cstav3/ber"
)

// Logical device feature events for do-not-disturb and forwarding
// (ECMA-269 21.2.12, 21.2.13), with the forwarding enumerations of
// CSTA-device-feature-types.

func init() {
	register[DoNotDisturbEvent](EventDoNotDisturb)
	register[ForwardingEvent](EventForwarding)
}

// CallOrigination is the ASN.1 BIT STRING CallOrigination: which calls a
// feature such as do-not-disturb applies to. Bit n of the BIT STRING is
// 1<<n here; bits past the eighth are not kept.
type CallOrigination uint8

// Named bits of CallOrigination.
const (
	OriginationInternal CallOrigination = 1 << 0 // internal: calls from inside the switch
	OriginationExternal CallOrigination = 1 << 1 // external: calls from outside
)

var callOriginationNames = [...]string{"internal", "external"}

// String returns the names of the bits set, separated by spaces (the
// ECMA-323 list form), e.g. "internal external"; unnamed bits are written as
// their numbers.
func (c CallOrigination) String() string {
	var parts []string
	for i := 0; i < 8; i++ {
		if c&(1<<i) == 0 {
			continue
		}
		if i < len(callOriginationNames) {
			parts = append(parts, callOriginationNames[i])
		} else {
			parts = append(parts, strconv.Itoa(i))
		}
	}
	return strings.Join(parts, " ")
}

// ParseCallOrigination reads the list form String writes: bit names and
// bit numbers 0 to 7, separated by white space.
func ParseCallOrigination(s string) (CallOrigination, bool) {
	var c CallOrigination
	for _, f := range strings.Fields(s) {
		n := slices.Index(callOriginationNames[:], f)
		if n < 0 {
			var err error
			if n, err = strconv.Atoi(f); err != nil || n < 0 || n > 7 {
				return 0, false
			}
		}
		c |= 1 << n
	}
	return c, true
}

// ldEncodeBits8 writes the bits of v (bit n = 1<<n) as a BIT STRING with
// tag t, without trailing zero bits, as named bit strings are encoded.
func ldEncodeBits8(b *ber.Builder, t ber.Tag, v uint8) {
	var octet byte
	n := 0
	for i := 0; i < 8; i++ {
		if v&(1<<i) != 0 {
			octet |= 0x80 >> i
			n = i + 1
		}
	}
	b.AddBitString(t, ber.BitString{Bytes: []byte{octet}, Length: n})
}

// ldDecodeBits8 reads the first eight bits of a BIT STRING (bit n = 1<<n).
func ldDecodeBits8(e ber.Element) (uint8, error) {
	bs, err := e.BitString()
	if err != nil {
		return 0, err
	}
	var v uint8
	for i := 0; i < 8; i++ {
		if bs.At(i) {
			v |= 1 << i
		}
	}
	return v, nil
}

// ForwardingType is the kind of call forwarding (ASN.1 ForwardingType):
// immediate, on busy, on no answer or on do-not-disturb, for all calls or
// only internal or external ones.
type ForwardingType int

// Values of ForwardingType.
const (
	ForwardImmediate ForwardingType = 0  // forwardImmediate
	ForwardBusy      ForwardingType = 1  // forwardBusy
	ForwardNoAns     ForwardingType = 2  // forwardNoAns
	ForwardBusyInt   ForwardingType = 3  // forwardBusyInt
	ForwardBusyExt   ForwardingType = 4  // forwardBusyExt
	ForwardNoAnsInt  ForwardingType = 5  // forwardNoAnsInt
	ForwardNoAnsExt  ForwardingType = 6  // forwardNoAnsExt
	ForwardImmInt    ForwardingType = 7  // forwardImmInt
	ForwardImmExt    ForwardingType = 8  // forwardImmExt
	ForwardDND       ForwardingType = 9  // forwardDND
	ForwardDNDInt    ForwardingType = 10 // forwardDNDInt
	ForwardDNDExt    ForwardingType = 11 // forwardDNDExt
)

var forwardingTypeNames = map[ForwardingType]string{
	ForwardImmediate: "forwardImmediate", ForwardBusy: "forwardBusy", ForwardNoAns: "forwardNoAns",
	ForwardBusyInt: "forwardBusyInt", ForwardBusyExt: "forwardBusyExt", ForwardNoAnsInt: "forwardNoAnsInt",
	ForwardNoAnsExt: "forwardNoAnsExt", ForwardImmInt: "forwardImmInt", ForwardImmExt: "forwardImmExt",
	ForwardDND: "forwardDND", ForwardDNDInt: "forwardDNDInt", ForwardDNDExt: "forwardDNDExt",
}

// String returns the ASN.1 identifier of f, e.g. "forwardBusy".
func (f ForwardingType) String() string { return enumString(forwardingTypeNames, f, "ForwardingType") }

// ParseForwardingType returns the forwarding type with ASN.1 name s.
func ParseForwardingType(s string) (ForwardingType, bool) { return enumParse(forwardingTypeNames, s) }

// ForwardDefault says which default of the device a forwarding uses (ASN.1
// ForwardDefault): the default forwarding type and destination, the default
// type only, or the default destination only.
type ForwardDefault int

// Values of ForwardDefault.
const (
	ForwardDefaultTypeAndDN ForwardDefault = 0 // forwardingTypeAndForwardDN
	ForwardDefaultType      ForwardDefault = 1 // forwardingType
	ForwardDefaultDN        ForwardDefault = 2 // forwardDN
)

var forwardDefaultNames = map[ForwardDefault]string{
	ForwardDefaultTypeAndDN: "forwardingTypeAndForwardDN", ForwardDefaultType: "forwardingType",
	ForwardDefaultDN: "forwardDN",
}

// String returns the ASN.1 identifier of f, e.g. "forwardDN".
func (f ForwardDefault) String() string { return enumString(forwardDefaultNames, f, "ForwardDefault") }

// ParseForwardDefault returns the value with ASN.1 name s.
func ParseForwardDefault(s string) (ForwardDefault, bool) { return enumParse(forwardDefaultNames, s) }

// DoNotDisturbEvent reports that do-not-disturb was switched on or off at
// Device (ECMA-269 21.2.12).
type DoNotDisturbEvent struct {
	Device             Device
	DoNotDisturbOn     bool
	HasCallOrigination bool
	CallOrigination    CallOrigination // valid if HasCallOrigination
	// CallingDeviceList lists the devices whose calls still get through;
	// nil when absent, non-nil (possibly empty) when present.
	CallingDeviceList []DeviceID
	Extensions        CommonArguments
}

// Type returns EventDoNotDisturb.
func (*DoNotDisturbEvent) Type() EventType { return EventDoNotDisturb }

func (e *DoNotDisturbEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.Device.encodeRole(b, tagSubjectDevice)
		b.AddBool(ber.TagBoolean, e.DoNotDisturbOn)
		if e.HasCallOrigination {
			ldEncodeBits8(b, ber.TagBitString, uint8(e.CallOrigination))
		}
		if e.CallingDeviceList != nil {
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
				for i := range e.CallingDeviceList {
					e.CallingDeviceList[i].encode(b, ber.TagSequence)
				}
			})
		}
		e.Extensions.encode(b)
	})
}

func (e *DoNotDisturbEvent) decode(el ber.Element) error {
	*e = DoNotDisturbEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagSubjectDevice:
			d.seen(0)
			err = ber.Field("device", e.Device.decodeRole(f))
		case ber.TagBoolean:
			d.seen(1)
			e.DoNotDisturbOn, err = f.Bool()
			err = ber.Field("doNotDisturbOn", err)
		case ber.TagBitString:
			e.HasCallOrigination = true
			var v uint8
			v, err = ldDecodeBits8(f)
			e.CallOrigination = CallOrigination(v)
			err = ber.Field("callOrigination", err)
		case ber.TagSequence:
			e.CallingDeviceList, err = ldDecodeDeviceList(f)
			err = ber.Field("callingDeviceList", err)
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "device", "doNotDisturbOn")
}

// ldDecodeDeviceList reads a SEQUENCE OF DeviceID; the result is non-nil.
func ldDecodeDeviceList(e ber.Element) ([]DeviceID, error) {
	list := []DeviceID{}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return list, err
		}
		if f.Tag != ber.TagSequence {
			return list, tagError(f)
		}
		var id DeviceID
		if err := id.decode(f); err != nil {
			return list, err
		}
		list = append(list, id)
	}
	return list, nil
}

// ForwardingEvent reports that forwarding was switched on or off at Device
// (ECMA-269 21.2.13): of which type, and to which destination.
type ForwardingEvent struct {
	Device            Device
	HasForwardingType bool
	ForwardingType    ForwardingType // valid if HasForwardingType
	ForwardStatus     bool           // forwarding is on
	ForwardTo         DeviceID       // optional destination
	HasForwardDefault bool
	ForwardDefault    ForwardDefault // valid if HasForwardDefault
	HasRingCount      bool
	RingCount         int // rings before forwarding (1–100), valid if HasRingCount
	HasRingDuration   bool
	RingDuration      int // [4] ring time before forwarding, valid if HasRingDuration
	Extensions        CommonArguments
}

// Type returns EventForwarding.
func (*ForwardingEvent) Type() EventType { return EventForwarding }

func (e *ForwardingEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.Device.encodeRole(b, tagSubjectDevice)
		addOptEnum(b, ber.TagEnumerated, e.HasForwardingType, e.ForwardingType)
		b.AddBool(ber.TagBoolean, e.ForwardStatus)
		if !e.ForwardTo.IsZero() {
			e.ForwardTo.encode(b, ber.TagSequence)
		}
		addOptEnum(b, ber.TagEnumerated, e.HasForwardDefault, e.ForwardDefault)
		if e.HasRingCount {
			b.AddInt(ber.TagInteger, e.RingCount)
		}
		if e.HasRingDuration {
			b.AddInt(ber.Context(4), e.RingDuration)
		}
		e.Extensions.encode(b)
	})
}

// decode reads a ForwardingEvent. forwardingType and forwardDefault are both
// untagged ENUMERATED: one before forwardStatus is the type, one after it
// the default.
func (e *ForwardingEvent) decode(el ber.Element) error {
	*e = ForwardingEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagSubjectDevice:
			d.seen(0)
			err = ber.Field("device", e.Device.decodeRole(f))
		case ber.TagEnumerated:
			if d.mask&(1<<1) == 0 {
				err = optEnumField("forwardingType", &e.HasForwardingType, &e.ForwardingType, f)
			} else {
				err = optEnumField("forwardDefault", &e.HasForwardDefault, &e.ForwardDefault, f)
			}
		case ber.TagBoolean:
			d.seen(1)
			e.ForwardStatus, err = f.Bool()
			err = ber.Field("forwardStatus", err)
		case ber.TagSequence:
			err = ber.Field("forwardTo", e.ForwardTo.decode(f))
		case ber.TagInteger:
			e.HasRingCount = true
			e.RingCount, err = f.Int()
			err = ber.Field("ringCount", err)
		case ber.Context(4):
			e.HasRingDuration = true
			e.RingDuration, err = f.Int()
			err = ber.Field("ringDuration", err)
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "device", "forwardStatus")
}
