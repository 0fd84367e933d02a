package cstav3

import (
	"errors"
	"sync"
	"unsafe"

	"github.com/cstav3/cstav3/ber"
)

// Small helpers shared by the decoders and encoders of every PDU type.

var errNoDevice = errors.New("cstav3: device role has no device and no valid status")

// tagError reports an element whose tag is not one the field allows.
func tagError(e ber.Element) error {
	return &ber.SyntaxError{Offset: e.Offset, Err: ber.ErrTag, Detail: e.Tag.String()}
}

// missing reports a mandatory field that did not appear in e.
func missing(e ber.Element, field string) error {
	return &ber.SyntaxError{Path: field, Offset: e.End(), Err: ber.ErrMissing}
}

// readExpect is Reader.Expect into *e (see ber.Reader.Read): the errors are
// Expect's, and the hot path reads the element once.
func readExpect(r *ber.Reader, e *ber.Element, t ber.Tag) error {
	r0 := *r
	if err := r.Read(e); err == nil && e.Tag == t {
		return nil
	}
	*r = r0
	var err error
	*e, err = r.Expect(t)
	return err
}

// explicitText reads a string inside an explicit tag.
func explicitText(e ber.Element) (string, error) {
	r := e.Reader()
	v, err := r.Next()
	if err != nil {
		return "", err
	}
	return v.Text()
}

// explicitInner returns the single element inside an explicit tag.
func explicitInner(e ber.Element) (ber.Element, error) {
	r := e.Reader()
	return r.Next()
}

// octets returns the value of an OCTET STRING element, never nil, so that
// "present but empty" survives a round trip.
func octets(e ber.Element) ([]byte, error) {
	v, err := e.Bytes()
	if v == nil && err == nil {
		v = []byte{}
	}
	return v, err
}

// octetsField decodes the OCTET STRING f into *dst (see octets) and names
// the field in the error: what every optional octet-string element of a
// SEQUENCE decodes with.
func octetsField[T ~[]byte](name string, dst *T, f ber.Element) error {
	v, err := octets(f)
	*dst = v
	return ber.Field(name, err)
}

// addOptOctets writes the optional OCTET STRING v with tag t, nothing when
// v is nil (absent): the encoding side of octetsField.
func addOptOctets[T ~[]byte](b *ber.Builder, t ber.Tag, v T) {
	if v != nil {
		b.AddBytes(t, v)
	}
}

// builders recycles ber.Builders for the Append functions: a Builder handed
// to the encode callbacks escapes to the heap, and this saves allocating
// one per PDU.
var builders = sync.Pool{New: func() any { return new(ber.Builder) }}

// appendWith appends to buf what encode writes, with a recycled Builder.
func appendWith(buf []byte, encode func(*ber.Builder)) ([]byte, error) {
	b := builders.Get().(*ber.Builder)
	b.ResetAppend(buf)
	encode(b)
	out, err := b.Bytes()
	b.ResetAppend(nil)
	builders.Put(b)
	return out, err
}

// aliasString returns b as a string without copying, as ber.Element.Text
// does: decoded values alias the input, which the caller must not change.
func aliasString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// shortContent returns the content of x if x is exactly one element with
// the one-octet identifier id and a short definite length; the fast paths
// of the decoders use it to match the shapes HiPath sends.
func shortContent(x []byte, id byte) ([]byte, bool) {
	if len(x) < 2 || x[0] != id || x[1] >= 0x80 || int(x[1]) != len(x)-2 {
		return nil, false
	}
	return x[2:], true
}

// Tags shared by many PDUs.
var (
	tagConnectionState = ber.Application(14)
	tagCrossRef        = ber.Application(21)
	tagUserData        = ber.Application(29).Constructed()
)

// UserData is the [APPLICATION 29] OCTET STRING carried by call-control
// services and events; nil when absent.
type UserData []byte

func (u UserData) encode(b *ber.Builder) {
	if u == nil {
		return
	}
	b.AddConstructed(tagUserData, func(b *ber.Builder) {
		b.AddBytes(ber.TagOctetString, u)
	})
}

func (u *UserData) decode(e ber.Element) error {
	in, err := explicitInner(e)
	if err != nil {
		return err
	}
	v, err := octets(in)
	*u = v
	return err
}

// fieldDecoder tracks which mandatory fields a SEQUENCE decoder has seen, by
// index, so that one missing is reported by name.
type fieldDecoder struct{ mask uint64 }

// seen marks field i and reports whether it had been seen before.
func (d *fieldDecoder) seen(i int) bool {
	was := d.mask&(1<<i) != 0
	d.mask |= 1 << i
	return was
}

// require returns ErrMissing for the first of names (indexed 0…) not seen.
func (d *fieldDecoder) require(e ber.Element, names ...string) error {
	for i, n := range names {
		if d.mask&(1<<i) == 0 {
			return missing(e, n)
		}
	}
	return nil
}

// decodeEnum reads an ENUMERATED (or INTEGER) into any int-based type.
func decodeEnum[T ~int](e ber.Element, v *T) error {
	n, err := e.Int()
	*v = T(n)
	return err
}

// optEnumField decodes the optional ENUMERATED f into *v, records that it
// is present in *has and names the field in the error.
func optEnumField[T ~int](name string, has *bool, v *T, f ber.Element) error {
	*has = true
	return ber.Field(name, decodeEnum(f, v))
}

// addOptEnum writes the optional ENUMERATED v with tag t if has: the
// encoding side of optEnumField.
func addOptEnum[T ~int](b *ber.Builder, t ber.Tag, has bool, v T) {
	if has {
		b.AddInt(t, int(v))
	}
}

// encodeOptionalRole writes an optional device role unless it is absent.
func encodeOptionalRole(b *ber.Builder, d *Device, t ber.Tag) {
	if !d.IsZero() {
		d.encodeRole(b, t)
	}
}

// Unmodelled keeps optional elements of a SEQUENCE that the package does not
// type (media characteristics, services permitted, location …), encoded, by
// their context tag number, so that they survive a decode/encode round trip.
// Tags 0–15 are kept; the elements are slices of the input. Most PDUs carry
// none, and then Unmodelled costs one nil slice.
type Unmodelled struct {
	elems []unmodelledElem
}

type unmodelledElem struct {
	n   int
	raw []byte
}

// Get returns the encoded element with context tag n, or nil.
func (u *Unmodelled) Get(n int) []byte {
	for _, e := range u.elems {
		if e.n == n {
			return e.raw
		}
	}
	return nil
}

// Set stores an encoded element under context tag n (nil removes it).
func (u *Unmodelled) Set(n int, raw []byte) {
	if n < 0 || n > 15 {
		return
	}
	for i, e := range u.elems {
		if e.n == n {
			if raw == nil {
				u.elems = append(u.elems[:i], u.elems[i+1:]...)
			} else {
				u.elems[i].raw = raw
			}
			return
		}
	}
	if raw != nil {
		u.elems = append(u.elems, unmodelledElem{n, raw})
	}
}

// keep stores f if it is a context tag between lo and hi; other elements are
// unknown extensions and are skipped.
func (u *Unmodelled) keep(f ber.Element, lo, hi uint32) {
	n := f.Tag.Number()
	if f.Tag.Class() == ber.ClassContext && n >= lo && n <= hi && n <= 15 {
		u.Set(int(n), f.Raw)
	}
}

func (u *Unmodelled) encode(b *ber.Builder, n int) { b.AddRaw(u.Get(n)) }

func (u *Unmodelled) encodeRange(b *ber.Builder, lo, hi int) {
	if len(u.elems) == 0 {
		return
	}
	for n := lo; n <= hi; n++ {
		b.AddRaw(u.Get(n))
	}
}

var errBadMessageType = errors.New("cstav3: invalid ROSE message type")
