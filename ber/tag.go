package ber

import "strconv"

// Class is the class of a tag, already shifted to its place in the
// identifier octet.
type Class uint8

// The four tag classes.
const (
	ClassUniversal   Class = 0x00
	ClassApplication Class = 0x40
	ClassContext     Class = 0x80
	ClassPrivate     Class = 0xC0
)

// A Tag is an identifier: class, primitive/constructed bit and tag number.
// It is packed into one integer so that comparing tags is one instruction:
// the class occupies bits 30–31, the constructed flag bit 29 and the number
// the low 29 bits.
type Tag uint32

const (
	classShift       = 24
	constructedFlag  = 1 << 29
	maxTagNumber     = 1<<29 - 1
	tagClassMask     = 0xC0 << classShift
	tagNumberMaskAll = maxTagNumber
)

// NewTag returns the primitive tag of the given class and number.
func NewTag(c Class, n uint32) Tag { return Tag(uint32(c)<<classShift | n&tagNumberMaskAll) }

// Context returns the primitive context-specific tag [n].
func Context(n uint32) Tag { return NewTag(ClassContext, n) }

// Application returns the primitive application tag [APPLICATION n].
func Application(n uint32) Tag { return NewTag(ClassApplication, n) }

// Universal returns the primitive universal tag n.
func Universal(n uint32) Tag { return NewTag(ClassUniversal, n) }

// Constructed returns t with the constructed bit set.
func (t Tag) Constructed() Tag { return t | constructedFlag }

// Primitive returns t with the constructed bit cleared.
func (t Tag) Primitive() Tag { return t &^ constructedFlag }

// IsConstructed reports whether t has the constructed bit set.
func (t Tag) IsConstructed() bool { return t&constructedFlag != 0 }

// Class returns the class of t.
func (t Tag) Class() Class { return Class(uint32(t&tagClassMask) >> classShift) }

// Number returns the tag number of t.
func (t Tag) Number() uint32 { return uint32(t & tagNumberMaskAll) }

// Universal tags used by the CSTA modules.
var (
	TagBoolean          = Universal(1)
	TagInteger          = Universal(2)
	TagBitString        = Universal(3)
	TagOctetString      = Universal(4)
	TagNull             = Universal(5)
	TagOID              = Universal(6)
	TagExternal         = Universal(8).Constructed()
	TagEnumerated       = Universal(10)
	TagUTF8String       = Universal(12)
	TagSequence         = Universal(16).Constructed()
	TagSet              = Universal(17).Constructed()
	TagIA5String        = Universal(22)
	TagGeneralizedTime  = Universal(24)
	TagVisibleString    = Universal(26)
	TagGraphicString    = Universal(25)
	TagUniversalString  = Universal(28)
	TagPrintableString  = Universal(19)
	TagUTCTime          = Universal(23)
	TagObjectDescriptor = Universal(7)
)

// String formats t the way ASN.1 writes it, e.g. "[APPLICATION 21]" or
// "[3] constructed"; universal tags are shown as "UNIVERSAL n".
func (t Tag) String() string {
	var s string
	n := strconv.FormatUint(uint64(t.Number()), 10)
	switch t.Class() {
	case ClassUniversal:
		s = "[UNIVERSAL " + n + "]"
	case ClassApplication:
		s = "[APPLICATION " + n + "]"
	case ClassContext:
		s = "[" + n + "]"
	default:
		s = "[PRIVATE " + n + "]"
	}
	if t.IsConstructed() {
		s += " constructed"
	}
	return s
}

// appendTag appends the identifier octets of t.
func appendTag(b []byte, t Tag) []byte {
	first := byte(t.Class())
	if t.IsConstructed() {
		first |= 0x20
	}
	n := t.Number()
	if n < 31 {
		return append(b, first|byte(n))
	}
	b = append(b, first|0x1F)
	var tmp [5]byte
	i := len(tmp)
	for {
		i--
		tmp[i] = byte(n & 0x7F)
		n >>= 7
		if n == 0 {
			break
		}
	}
	for j := i; j < len(tmp)-1; j++ {
		tmp[j] |= 0x80
	}
	return append(b, tmp[i:]...)
}
