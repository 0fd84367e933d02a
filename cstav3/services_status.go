package cstav3

import (
	"errors"

	"github.com/cstav3/cstav3/ber"
)

// SystemStatus (system-status.asn1), which both the switch and the computer
// send and both must answer, and HiPath's SetDisplay (set-display.asn1).

func init() {
	registerOperation(OpSystemStatus, func() Argument { return new(SystemStatusArgument) }, noData(OpSystemStatus))
	registerOperation(OpSetDisplay, func() Argument { return new(SetDisplayArgument) }, noData(OpSetDisplay))
}

// SystemStatusArgument (ASN.1 SystemStatusArg) tells the other side the
// state of the sender's system. A HiPath sends one (normal) right after the
// association and from time to time; each must be answered with the
// *NoData result, and a client may send its own as a heartbeat.
type SystemStatusArgument struct {
	SysStatRegisterID []byte // optional; nil when absent
	SystemStatus      SystemStatus
	Extensions        CommonArguments
}

// Opcode returns OpSystemStatus.
func (*SystemStatusArgument) Opcode() Opcode { return OpSystemStatus }

func (a *SystemStatusArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		monAddOctets(b, ber.TagOctetString, a.SysStatRegisterID)
		b.AddInt(ber.TagEnumerated, int(a.SystemStatus))
		a.Extensions.encode(b)
	})
}

func (a *SystemStatusArgument) decode(e ber.Element) error {
	*a = SystemStatusArgument{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagOctetString:
			err = octetsField("sysStatRegisterID", &a.SysStatRegisterID, f)
		case ber.TagEnumerated:
			d.seen(0)
			err = ber.Field("systemStatus", decodeEnum(f, &a.SystemStatus))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "systemStatus")
}

// CharacterSet is the character set of a display's contents (ASN.1
// CharacterSet, physical-device-feature.asn1).
type CharacterSet int

// Values of CharacterSet.
const (
	CharacterSetASCII       CharacterSet = 0 // ascii
	CharacterSetUnicode     CharacterSet = 1 // unicode
	CharacterSetProprietary CharacterSet = 2 // proprietary
)

var characterSetNames = map[CharacterSet]string{0: "ascii", 1: "unicode", 2: "proprietary"}

// String returns the ASN.1 name of the character set.
func (c CharacterSet) String() string { return enumString(characterSetNames, c, "CharacterSet") }

// ParseCharacterSet returns the character set with ASN.1 name s.
func ParseCharacterSet(s string) (CharacterSet, bool) { return enumParse(characterSetNames, s) }

// maxDisplayContents is the SIZE limit of contentsOfDisplay.
const maxDisplayContents = 240

var errDisplayTooLong = errors.New("cstav3: contentsOfDisplay longer than 240 characters")

// SetDisplayArgument writes text on a device's display (setDisplay,
// operation 274), which HiPath supports. The result is a *NoData.
//
// The operation is not in the oracle's ROSE harness; its tags were checked
// by hand against set-display.asn1 (a module without default tagging, so
// untagged fields keep their universal tags and [n] IMPLICIT replaces them):
// device DeviceID 0x30, display DisplayID OCTET STRING 0x04,
// physicalBaseRowNumber [0] IMPLICIT INTEGER 0x80,
// physicalBaseColumnNumber [1] IMPLICIT INTEGER 0x81, contentsOfDisplay
// IA5String 0x16, offset [2] IMPLICIT INTEGER 0x82, characterSet [3]
// IMPLICIT ENUMERATED 0x83, extensions [APPLICATION 30] 0x7E; the result is
// CHOICE { extensions, noData NULL }. The test bytes come from the oracle's
// compiled CSTA-set-display module (type SetDisplayArgument) directly.
type SetDisplayArgument struct {
	Device                      DeviceID
	Display                     []byte // optional DisplayID; nil when absent
	HasPhysicalBaseRowNumber    bool
	PhysicalBaseRowNumber       int // optional [0], if HasPhysicalBaseRowNumber
	HasPhysicalBaseColumnNumber bool
	PhysicalBaseColumnNumber    int // optional [1], if HasPhysicalBaseColumnNumber
	// ContentsOfDisplay is the text, at most 240 characters (the encoder
	// refuses more).
	ContentsOfDisplay string
	HasOffset         bool
	Offset            int // optional [2], if HasOffset
	HasCharacterSet   bool
	CharacterSet      CharacterSet // optional [3], if HasCharacterSet
	Extensions        CommonArguments
}

// Opcode returns OpSetDisplay.
func (*SetDisplayArgument) Opcode() Opcode { return OpSetDisplay }

func (a *SetDisplayArgument) encode(b *ber.Builder) {
	if len(a.ContentsOfDisplay) > maxDisplayContents {
		b.SetError(errDisplayTooLong)
	}
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.Device.encode(b, ber.TagSequence)
		monAddOctets(b, ber.TagOctetString, a.Display)
		if a.HasPhysicalBaseRowNumber {
			b.AddInt(ber.Context(0), a.PhysicalBaseRowNumber)
		}
		if a.HasPhysicalBaseColumnNumber {
			b.AddInt(ber.Context(1), a.PhysicalBaseColumnNumber)
		}
		b.AddString(ber.TagIA5String, a.ContentsOfDisplay)
		if a.HasOffset {
			b.AddInt(ber.Context(2), a.Offset)
		}
		addOptEnum(b, ber.Context(3), a.HasCharacterSet, a.CharacterSet)
		a.Extensions.encode(b)
	})
}

func (a *SetDisplayArgument) decode(e ber.Element) error {
	*a = SetDisplayArgument{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagSequence:
			d.seen(0)
			err = ber.Field("device", a.Device.decode(f))
		case ber.TagOctetString:
			err = octetsField("display", &a.Display, f)
		case ber.Context(0):
			a.HasPhysicalBaseRowNumber = true
			a.PhysicalBaseRowNumber, err = f.Int()
			err = ber.Field("physicalBaseRowNumber", err)
		case ber.Context(1):
			a.HasPhysicalBaseColumnNumber = true
			a.PhysicalBaseColumnNumber, err = f.Int()
			err = ber.Field("physicalBaseColumnNumber", err)
		case ber.TagIA5String:
			d.seen(1)
			a.ContentsOfDisplay, err = f.Text()
			err = ber.Field("contentsOfDisplay", err)
		case ber.Context(2):
			a.HasOffset = true
			a.Offset, err = f.Int()
			err = ber.Field("offset", err)
		case ber.Context(3):
			err = optEnumField("characterSet", &a.HasCharacterSet, &a.CharacterSet, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "device", "contentsOfDisplay")
}
