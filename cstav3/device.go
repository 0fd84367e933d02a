package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// DeviceIDKind is the form of a DeviceID's identifier: the alternatives of
// the deviceIdentifier CHOICE. The zero value means "no device".
type DeviceIDKind uint8

// DeviceID forms, in the order of the ASN.1 CHOICE (tag = kind - 1).
const (
	NoDevice        DeviceIDKind = iota
	DialingNumber                // [0] NumberDigits: what HiPath uses
	DeviceNumber                 // [1] INTEGER
	ImplicitPublic               // [2] NumberDigits
	ExplicitPublic               // [3] PublicTON
	ImplicitPrivate              // [4] NumberDigits
	ExplicitPrivate              // [5] PrivateTON
	OtherPlan                    // [6] OCTET STRING
)

var deviceIDKindNames = [...]string{"", "dialingNumber", "deviceNumber", "implicitPublic",
	"explicitPublic", "implicitPrivate", "explicitPrivate", "other"}

// String returns the ASN.1 name of the form, "" for NoDevice.
func (k DeviceIDKind) String() string { return indexString(deviceIDKindNames[:], k, "DeviceIDKind") }

// TypeOfNumber names the alternatives of PublicTON and PrivateTON; which of
// the two applies depends on the DeviceID's kind.
var (
	publicTONNames  = [...]string{"unknown", "international", "national", "networkspecific", "subscriber", "abbreviated"}
	privateTONNames = [...]string{"unknown", "level3RegionalNumber", "level2RegionalNumber", "level1RegionalNumber",
		"pTNSpecificNumber", "localNumber", "abbreviated"}
)

// A DeviceID identifies a device (ECMA-269 12.3.19). HiPath always sends a
// DialingNumber such as "100".
//
// It is four words: events carry up to a dozen of them, and what HiPath
// never sends lives behind Details.
type DeviceID struct {
	// Number holds the digits for the string forms, the octets of the
	// other-plan form, and the decimal value of the DeviceNumber form.
	Number string
	Kind   DeviceIDKind
	// TON is the type of number for ExplicitPublic (PublicTON) and
	// ExplicitPrivate (PrivateTON): the index of the CHOICE alternative.
	TON uint8
	// Details holds the optional parts of the DeviceID; nil when none is
	// present.
	Details *DeviceDetails
}

// DeviceDetails are the optional parts of a DeviceID.
type DeviceDetails struct {
	PrivateNumber string // privateNumber [0]; "" when absent
	PrivateName   string // privateName [1]; "" when absent
	// MediaCallCharacteristics is kept as its encoded element, if present.
	MediaCallCharacteristics []byte
}

// Numbered returns the DeviceID of the DeviceNumber form.
func Numbered(n int64) DeviceID {
	return DeviceID{Kind: DeviceNumber, Number: strconv.FormatInt(n, 10)}
}

// Dialing returns the DeviceID of a dialling number, the usual form.
func Dialing(number string) DeviceID { return DeviceID{Kind: DialingNumber, Number: number} }

// IsZero reports whether d holds no device.
func (d DeviceID) IsZero() bool { return d.Kind == NoDevice }

// String returns the number (or device number) of d, which is how people
// name devices; use Kind for the form.
func (d DeviceID) String() string { return d.Number }

// TONName returns the ASN.1 name of the type of number of an explicit form.
func (d DeviceID) TONName() string {
	switch {
	case d.Kind == ExplicitPublic && int(d.TON) < len(publicTONNames):
		return publicTONNames[d.TON]
	case d.Kind == ExplicitPrivate && int(d.TON) < len(privateTONNames):
		return privateTONNames[d.TON]
	}
	return ""
}

var (
	tagPrivateNumber = ber.Context(0).Constructed()
	tagPrivateName   = ber.Context(1).Constructed()
)

// encode writes d as a SEQUENCE with tag t.
func (d *DeviceID) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		d.encodeFields(b)
	})
}

func (d *DeviceID) encodeFields(b *ber.Builder) {
	switch d.Kind {
	case DeviceNumber:
		n, err := strconv.ParseInt(d.Number, 10, 64)
		if err != nil {
			b.SetError(ber.Field("deviceNumber", err))
			return
		}
		b.AddInt64(ber.Context(1), n)
	case ExplicitPublic, ExplicitPrivate:
		b.AddConstructed(ber.Context(uint32(d.Kind-1)), func(b *ber.Builder) {
			b.AddString(ber.Context(uint32(d.TON)), d.Number)
		})
	case DialingNumber, ImplicitPublic, ImplicitPrivate, OtherPlan:
		b.AddString(ber.Context(uint32(d.Kind-1)), d.Number)
	default:
		b.SetError(errNoDevice)
		return
	}
	x := d.Details
	if x == nil {
		return
	}
	if x.PrivateNumber != "" {
		b.AddConstructed(tagPrivateNumber, func(b *ber.Builder) {
			b.AddString(ber.TagIA5String, x.PrivateNumber)
		})
	}
	if x.PrivateName != "" {
		b.AddConstructed(tagPrivateName, func(b *ber.Builder) {
			b.AddString(ber.TagIA5String, x.PrivateName)
		})
	}
	b.AddRaw(x.MediaCallCharacteristics)
}

// decode reads a DeviceID SEQUENCE. The tags [0] and [1] appear at two levels
// (identifier choice, then privateNumber/privateName), so the identifier is
// taken by position and the rest by tag.
func (d *DeviceID) decode(e ber.Element) error {
	if d.decodeDialing(e.Content()) {
		return nil
	}
	return d.decodeFull(e)
}

// decodeFull is decode without the fast path.
func (d *DeviceID) decodeFull(e ber.Element) error {
	*d = DeviceID{}
	r := e.Reader()
	id, err := r.Next()
	if err != nil {
		return err
	}
	if id.Tag.Class() != ber.ClassContext || id.Tag.Number() > 6 {
		return tagError(id)
	}
	d.Kind = DeviceIDKind(id.Tag.Number() + 1)
	switch d.Kind {
	case DeviceNumber:
		n, err := id.Int64()
		if err != nil {
			return ber.Field("deviceNumber", err)
		}
		d.Number = strconv.FormatInt(n, 10)
	case ExplicitPublic, ExplicitPrivate:
		tr := id.Reader()
		ton, err := tr.Next()
		if err != nil {
			return ber.Field(d.Kind.String(), err)
		}
		max := uint32(len(publicTONNames))
		if d.Kind == ExplicitPrivate {
			max = uint32(len(privateTONNames))
		}
		if ton.Tag.Class() != ber.ClassContext || ton.Tag.Number() >= max {
			return ber.Field(d.Kind.String(), tagError(ton))
		}
		d.TON = uint8(ton.Tag.Number())
		if d.Number, err = ton.Text(); err != nil {
			return ber.Field(d.Kind.String(), err)
		}
	default:
		if d.Number, err = id.Text(); err != nil {
			return ber.Field(d.Kind.String(), err)
		}
	}
	var x DeviceDetails
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagPrivateNumber:
			if x.PrivateNumber, err = explicitText(f); err != nil {
				return ber.Field("privateNumber", err)
			}
		case tagPrivateName:
			if x.PrivateName, err = explicitText(f); err != nil {
				return ber.Field("privateName", err)
			}
		case ber.TagSequence:
			x.MediaCallCharacteristics = f.Raw
		}
	}
	if x.PrivateNumber != "" || x.PrivateName != "" || x.MediaCallCharacteristics != nil {
		d.Details = &x
	}
	return nil
}

// decodeDialing is decode's fast path for the form HiPath sends: content
// that is exactly one short dialingNumber (80 n digits). It reports false,
// having changed nothing, for anything else.
func (d *DeviceID) decodeDialing(c []byte) bool {
	if len(c) < 2 || c[0] != 0x80 || c[1] >= 0x80 || int(c[1]) != len(c)-2 {
		return false
	}
	*d = DeviceID{Kind: DialingNumber, Number: aliasString(c[2:])}
	return true
}

// DeviceStatus tells why a device role holds no DeviceID. The zero value
// means the role holds Device (or, for an optional role, that it is absent
// when Device is zero).
type DeviceStatus uint8

// Reasons a device role carries no DeviceID.
const (
	DeviceGiven        DeviceStatus = iota
	DeviceNotKnown                  // notKnown: the switch does not know it
	DeviceRestricted                // restricted: presentation restricted
	DeviceNotRequired               // notRequired (redirection device only)
	DeviceNotSpecified              // notSpecified (redirection device only)
)

var deviceStatusNames = [...]string{"", "notKnown", "restricted", "notRequired", "notSpecified"}

// String returns the ASN.1 name of the status, "" for DeviceGiven.
func (s DeviceStatus) String() string { return indexString(deviceStatusNames[:], s, "DeviceStatus") }

// A Device is the value of a device role in an event or service (calling,
// called, subject, redirection, associated and network devices): a DeviceID,
// or the reason there is none. The zero Device is an absent optional role; a
// mandatory role that is zero is sent as notKnown.
type Device struct {
	DeviceID
	Status DeviceStatus
}

// Known returns the Device of a role that names id.
func Known(id DeviceID) Device { return Device{DeviceID: id} }

// IsZero reports whether the role is absent.
func (d Device) IsZero() bool { return d.Status == DeviceGiven && d.Kind == NoDevice }

// String returns the device number, or the status of a device that is not
// given (e.g. "notKnown").
func (d Device) String() string {
	if d.Status != DeviceGiven {
		return d.Status.String()
	}
	return d.DeviceID.String()
}

// Device roles: the APPLICATION tags of the role wrappers. Each wraps a
// CHOICE and is therefore explicit.
const (
	roleCalling           = 1
	roleCalled            = 2
	roleSubject           = 3
	roleRedirection       = 4
	roleAssociatedCalling = 5
	roleAssociatedCalled  = 6
	roleNetworkCalling    = 7
	roleNetworkCalled     = 8
)

var (
	tagCallingDevice           = ber.Application(roleCalling).Constructed()
	tagCalledDevice            = ber.Application(roleCalled).Constructed()
	tagSubjectDevice           = ber.Application(roleSubject).Constructed()
	tagRedirectionDevice       = ber.Application(roleRedirection).Constructed()
	tagAssociatedCallingDevice = ber.Application(roleAssociatedCalling).Constructed()
	tagAssociatedCalledDevice  = ber.Application(roleAssociatedCalled).Constructed()
	tagNetworkCallingDevice    = ber.Application(roleNetworkCalling).Constructed()
	tagNetworkCalledDevice     = ber.Application(roleNetworkCalled).Constructed()
)

// statusTag returns the NULL tag number that carries s in a role's CHOICE;
// the redirection role numbers its alternatives differently.
func statusTag(redirection bool, s DeviceStatus) (uint32, bool) {
	if redirection {
		switch s {
		case DeviceNotKnown:
			return 7, true
		case DeviceNotRequired:
			return 8, true
		case DeviceNotSpecified:
			return 9, true
		case DeviceRestricted:
			return 10, true
		}
		return 0, false
	}
	switch s {
	case DeviceNotKnown:
		return 7, true
	case DeviceRestricted:
		return 8, true
	}
	return 0, false
}

// encodeRole writes a device role with wrapper tag t (one of tag*Device).
func (d *Device) encodeRole(b *ber.Builder, t ber.Tag) {
	redir := t == tagRedirectionDevice
	b.AddConstructed(t, func(b *ber.Builder) {
		if d.Status == DeviceGiven && d.Kind != NoDevice {
			d.DeviceID.encode(b, ber.TagSequence)
			return
		}
		st := d.Status
		if st == DeviceGiven {
			st = DeviceNotKnown
		}
		n, ok := statusTag(redir, st)
		if !ok {
			b.SetError(errNoDevice)
			return
		}
		b.AddNull(ber.Context(n))
	})
}

// decodeRole reads a device role; e is the wrapper element.
func (d *Device) decodeRole(e ber.Element) error {
	if d.decodeRoleFast(e) {
		return nil
	}
	return d.decodeRoleFull(e)
}

// decodeRoleFast is decodeRole's fast paths, for what HiPath sends: a
// SEQUENCE holding a dialing number and nothing else, or an empty status
// NULL. It reports false, having changed nothing, for anything else.
func (d *Device) decodeRoleFast(e ber.Element) bool {
	x := e.Content()
	if y, ok := shortContent(x, 0x30); ok && d.DeviceID.decodeDialing(y) {
		d.Status = DeviceGiven
		return true
	}
	if len(x) == 2 && x[1] == 0 && x[0]&0xE0 == 0x80 {
		if s := statusOf(e.Tag == tagRedirectionDevice, uint32(x[0]&0x1F)); s != DeviceGiven {
			*d = Device{Status: s}
			return true
		}
	}
	return false
}

// decodeRoleFull is decodeRole without the fast paths.
func (d *Device) decodeRoleFull(e ber.Element) error {
	*d = Device{}
	r := e.Reader()
	c, err := r.Next()
	if err != nil {
		return err
	}
	if c.Tag == ber.TagSequence {
		return d.DeviceID.decode(c)
	}
	if c.Tag.Class() == ber.ClassContext && !c.Tag.IsConstructed() {
		if s := statusOf(e.Tag == tagRedirectionDevice, c.Tag.Number()); s != DeviceGiven {
			d.Status = s
			return c.Null()
		}
	}
	return tagError(c)
}

// statusOf is the inverse of statusTag: the status carried by the NULL with
// context tag n, or DeviceGiven if n carries none.
func statusOf(redirection bool, n uint32) DeviceStatus {
	for s := DeviceNotKnown; s <= DeviceNotSpecified; s++ {
		if m, ok := statusTag(redirection, s); ok && m == n {
			return s
		}
	}
	return DeviceGiven
}
