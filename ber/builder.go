package ber

import (
	"errors"
	"time"
)

// maxContent bounds what a Builder will encode in one element, far above any
// CSTA PDU (a HiPath frame holds at most 32767 bytes).
const maxContent = 1<<31 - 1

// ErrBuild is returned by Builder.Bytes when a value could not be encoded.
var ErrBuild = errors.New("ber: cannot encode")

// A Builder appends BER elements to a byte slice. Constructed elements are
// written through a callback that adds their children; the length octets are
// fixed up afterwards in minimal definite form. Errors are sticky and
// reported once by Bytes, so building code need not check each call.
//
// The zero value is ready to use; Reset hands it a buffer to reuse.
type Builder struct {
	buf []byte
	err error
}

// Reset empties the builder and makes it append to buf[:0].
func (b *Builder) Reset(buf []byte) {
	b.buf = buf[:0]
	b.err = nil
}

// ResetAppend empties the builder's error state and makes it append to buf
// after buf's current contents.
func (b *Builder) ResetAppend(buf []byte) {
	b.buf = buf
	b.err = nil
}

// Bytes returns the encoding built so far, or the first error.
func (b *Builder) Bytes() ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	return b.buf, nil
}

// Len is the number of bytes built so far.
func (b *Builder) Len() int { return len(b.buf) }

// SetError records err (if no earlier error) so that Bytes reports it.
func (b *Builder) SetError(err error) {
	if b.err == nil {
		b.err = err
	}
}

// AddConstructed appends a constructed element with tag t (the constructed
// bit is set for the caller) whose children are added by f.
func (b *Builder) AddConstructed(t Tag, f func(*Builder)) {
	b.buf = appendTag(b.buf, t.Constructed())
	at := len(b.buf)
	b.buf = append(b.buf, 0)
	f(b)
	b.fixLength(at)
}

// fixLength writes the length of everything after buf[at] into buf[at],
// moving the content right when the long form needs more octets.
func (b *Builder) fixLength(at int) {
	n := len(b.buf) - at - 1
	if n < 0x80 {
		b.buf[at] = byte(n)
		return
	}
	if n > maxContent {
		b.SetError(ErrBuild)
		return
	}
	k := 1
	for v := n >> 8; v > 0; v >>= 8 {
		k++
	}
	b.buf = append(b.buf, make([]byte, k)...)
	copy(b.buf[at+1+k:], b.buf[at+1:at+1+n])
	b.buf[at] = 0x80 | byte(k)
	for i := k; i > 0; i-- {
		b.buf[at+i] = byte(n)
		n >>= 8
	}
}

// appendHeader appends tag t and the minimal definite length n.
func appendHeader(buf []byte, t Tag, n int) []byte {
	buf = appendTag(buf, t)
	switch {
	case n < 0x80:
		return append(buf, byte(n))
	case n <= 0xFF:
		return append(buf, 0x81, byte(n))
	case n <= 0xFFFF:
		return append(buf, 0x82, byte(n>>8), byte(n))
	case n <= 0xFFFFFF:
		return append(buf, 0x83, byte(n>>16), byte(n>>8), byte(n))
	default:
		return append(buf, 0x84, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
}

// AddBytes appends a primitive element with tag t and content v (an OCTET
// STRING or any string type, implicitly tagged or not).
func (b *Builder) AddBytes(t Tag, v []byte) {
	b.buf = appendHeader(b.buf, t, len(v))
	b.buf = append(b.buf, v...)
}

// AddString appends a primitive character string element.
func (b *Builder) AddString(t Tag, v string) {
	b.buf = appendHeader(b.buf, t, len(v))
	b.buf = append(b.buf, v...)
}

// AddInt64 appends an INTEGER or ENUMERATED in minimal two's complement.
func (b *Builder) AddInt64(t Tag, v int64) {
	n := 1
	for w := v; w > 127 || w < -128; w >>= 8 {
		n++
	}
	b.buf = appendHeader(b.buf, t, n)
	for i := n - 1; i >= 0; i-- {
		b.buf = append(b.buf, byte(v>>(8*i)))
	}
}

// AddInt is AddInt64 for an int.
func (b *Builder) AddInt(t Tag, v int) { b.AddInt64(t, int64(v)) }

// AddBool appends a BOOLEAN as 0xFF or 0x00 (the DER form).
func (b *Builder) AddBool(t Tag, v bool) {
	c := byte(0)
	if v {
		c = 0xFF
	}
	b.buf = append(appendHeader(b.buf, t, 1), c)
}

// AddNull appends a NULL with tag t.
func (b *Builder) AddNull(t Tag) { b.buf = appendHeader(b.buf, t, 0) }

// AddBitString appends a BIT STRING of v.Length bits; unused trailing bits
// of the last octet are written as zero.
func (b *Builder) AddBitString(t Tag, v BitString) {
	nbytes := (v.Length + 7) / 8
	if v.Length < 0 || nbytes > len(v.Bytes) {
		b.SetError(ErrBuild)
		return
	}
	unused := nbytes*8 - v.Length
	buf := append(appendHeader(b.buf, t, nbytes+1), byte(unused))
	// Byte by byte: the values are a few octets (monitor filters), for
	// which a memmove call costs more than the copy.
	//lint:ignore S1011 a loop is faster than append's memmove for a few octets
	for _, c := range v.Bytes[:nbytes] {
		buf = append(buf, c)
	}
	if unused > 0 {
		buf[len(buf)-1] &= 0xFF << unused
	}
	b.buf = buf
}

// AddOID appends an OBJECT IDENTIFIER.
func (b *Builder) AddOID(t Tag, o OID) {
	if len(o) < 2 || o[0] > 2 || (o[0] < 2 && o[1] >= 40) {
		b.SetError(ErrBuild)
		return
	}
	var tmp [64]byte
	c := appendBase128(tmp[:0], uint64(o[0])*40+uint64(o[1]))
	for _, a := range o[2:] {
		c = appendBase128(c, uint64(a))
	}
	b.AddBytes(t, c)
}

func appendBase128(b []byte, v uint64) []byte {
	var tmp [10]byte
	i := len(tmp) - 1
	tmp[i] = byte(v & 0x7F)
	for v >>= 7; v > 0; v >>= 7 {
		i--
		tmp[i] = byte(v&0x7F) | 0x80
	}
	return append(b, tmp[i:]...)
}

// AddGeneralizedTime appends t as a GeneralizedTime with millisecond
// precision; with zoned it is written in UTC with a Z, otherwise as the
// wall-clock time of t's location without a zone, as HiPath does.
func (b *Builder) AddGeneralizedTime(t Tag, v time.Time, zoned bool) {
	w := v
	if zoned {
		w = v.UTC()
	}
	if y := w.Year(); y < 0 || y > 9999 { // YYYY has four digits
		b.SetError(ErrBuild)
		return
	}
	var tmp [32]byte
	b.AddBytes(t, appendGeneralizedTime(tmp[:0], v, zoned))
}

// AddRaw appends bytes that already hold complete encoded elements.
func (b *Builder) AddRaw(v []byte) { b.buf = append(b.buf, v...) }
