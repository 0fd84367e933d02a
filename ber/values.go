package ber

import (
	"strconv"
	"unsafe"
)

// Int64 decodes the content as a two's complement INTEGER or ENUMERATED.
// Non-minimal encodings are accepted, as BER allows; values that do not fit
// in an int64 give ErrOverflow.
func (e *Element) Int64() (int64, error) {
	// Fast path: a primitive one-octet value, as most CSTA integers and
	// enumerations are.
	if len(e.Raw) == 3 && e.meta&(0xFF|metaIndefinite) == 2 && !e.Tag.IsConstructed() {
		return int64(int8(e.Raw[2])), nil
	}
	return e.int64()
}

func (e *Element) int64() (int64, error) {
	c := e.Content()
	if e.Tag.IsConstructed() {
		return 0, syntaxErr(ErrInvalid, e.Offset, "constructed integer")
	}
	if len(c) == 0 {
		return 0, syntaxErr(ErrInvalid, e.ContentOffset(), "empty integer")
	}
	// Drop redundant sign octets so that long but small values still fit.
	for len(c) > 1 && ((c[0] == 0 && c[1] < 0x80) || (c[0] == 0xFF && c[1] >= 0x80)) {
		c = c[1:]
	}
	if len(c) > 8 {
		return 0, syntaxErr(ErrOverflow, e.ContentOffset(), "")
	}
	v := int64(int8(c[0]))
	for _, b := range c[1:] {
		v = v<<8 | int64(b)
	}
	return v, nil
}

// Int decodes an INTEGER or ENUMERATED that must fit in an int32-sized range,
// which is what every enumeration and small count in CSTA is.
func (e *Element) Int() (int, error) {
	v, err := e.Int64()
	if err != nil {
		return 0, err
	}
	if v < -1<<31 || v > 1<<31-1 {
		return 0, syntaxErr(ErrOverflow, e.ContentOffset(), "")
	}
	return int(v), nil
}

// Bool decodes a BOOLEAN; any non-zero octet is true, as BER allows.
func (e *Element) Bool() (bool, error) {
	if len(e.Content()) != 1 || e.Tag.IsConstructed() {
		return false, syntaxErr(ErrInvalid, e.Offset, "boolean")
	}
	return e.Content()[0] != 0, nil
}

// Null checks that the element is a well-formed NULL.
func (e *Element) Null() error {
	if len(e.Content()) != 0 || e.Tag.IsConstructed() {
		return syntaxErr(ErrInvalid, e.Offset, "null")
	}
	return nil
}

// Bytes returns the value of an OCTET STRING (or any string type). The
// primitive form is returned without copying; the constructed form is
// reassembled into a new slice no longer than the element itself.
func (e *Element) Bytes() ([]byte, error) {
	if !e.Tag.IsConstructed() {
		return e.Content(), nil
	}
	out := make([]byte, 0, len(e.Content()))
	return e.appendSegments(out)
}

func (e *Element) appendSegments(out []byte) ([]byte, error) {
	r := e.Reader()
	for !r.Empty() {
		seg, err := r.Next()
		if err != nil {
			return nil, err
		}
		if seg.Tag.Class() != ClassUniversal {
			return nil, syntaxErr(ErrTag, seg.Offset, "in constructed string: "+seg.Tag.String())
		}
		if seg.Tag.IsConstructed() {
			out, err = seg.appendSegments(out)
			if err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, seg.Content()...)
	}
	return out, nil
}

// Text returns the value of a character string (IA5String, NumberDigits …)
// as a Go string that shares memory with the input: the input must not be
// modified afterwards. Characters are not checked: PBXs put Latin-1 names in
// IA5Strings, and the caller decides what to do with them.
func (e *Element) Text() (string, error) {
	b, err := e.Bytes()
	if err != nil || len(b) == 0 {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// A BitString is a BIT STRING value: Bytes holds the bits, most significant
// first, and Length the number of bits used.
type BitString struct {
	Bytes  []byte
	Length int
}

// At returns bit i (0 is the first, leftmost bit); bits past the end are 0.
func (b BitString) At(i int) bool {
	if i < 0 || i >= b.Length {
		return false
	}
	return b.Bytes[i/8]&(0x80>>(i%8)) != 0
}

// BitString decodes a primitive BIT STRING.
func (e *Element) BitString() (BitString, error) {
	c := e.Content()
	if e.Tag.IsConstructed() {
		return BitString{}, syntaxErr(ErrUnsupported, e.Offset, "constructed bit string")
	}
	if len(c) == 0 || c[0] > 7 || (len(c) == 1 && c[0] != 0) {
		return BitString{}, syntaxErr(ErrInvalid, e.ContentOffset(), "bit string")
	}
	return BitString{Bytes: c[1:], Length: (len(c)-1)*8 - int(c[0])}, nil
}

// An OID is an OBJECT IDENTIFIER as its arcs.
type OID []uint32

// Equal reports whether two OIDs are the same.
func (o OID) Equal(p OID) bool {
	if len(o) != len(p) {
		return false
	}
	for i := range o {
		if o[i] != p[i] {
			return false
		}
	}
	return true
}

// String returns the OID in dotted form, e.g. "1.3.12.0.285".
func (o OID) String() string {
	var b []byte
	for i, a := range o {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(a), 10)
	}
	return string(b)
}

// OID decodes an OBJECT IDENTIFIER.
func (e *Element) OID() (OID, error) {
	c := e.Content()
	if len(c) == 0 || e.Tag.IsConstructed() {
		return nil, syntaxErr(ErrInvalid, e.Offset, "object identifier")
	}
	out := make(OID, 0, len(c)+1)
	var v uint64
	for i, b := range c {
		if v == 0 && b == 0x80 {
			return nil, syntaxErr(ErrInvalid, e.ContentOffset()+i, "object identifier padding")
		}
		v = v<<7 | uint64(b&0x7F)
		// The first subidentifier holds 40*X+Y, so for X = 2 it may
		// exceed 32 bits by up to 80 while Y still fits in a uint32.
		if v > 1<<32-1 && (len(out) > 0 || v > 1<<32-1+80) {
			return nil, syntaxErr(ErrOverflow, e.ContentOffset()+i, "object identifier arc")
		}
		if b&0x80 != 0 {
			continue
		}
		if len(out) == 0 {
			switch {
			case v < 40:
				out = append(out, 0, uint32(v))
			case v < 80:
				out = append(out, 1, uint32(v-40))
			default:
				out = append(out, 2, uint32(v-80))
			}
		} else {
			out = append(out, uint32(v))
		}
		v = 0
	}
	if c[len(c)-1]&0x80 != 0 {
		return nil, syntaxErr(ErrTruncated, e.End(), "object identifier")
	}
	return out, nil
}
