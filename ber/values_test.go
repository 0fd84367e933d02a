package ber

import (
	"bytes"
	"math"
	"testing"
)

// elem decodes the single element in hex s.
func elem(t *testing.T, s string) *Element {
	t.Helper()
	r := NewReader(hx(s))
	e, err := r.Next()
	if err != nil {
		t.Fatalf("Next(%s): %v", s, err)
	}
	if !r.Empty() {
		t.Fatalf("Next(%s): trailing bytes", s)
	}
	return &e
}

// build runs f on a fresh Builder and returns the bytes.
func build(t *testing.T, f func(*Builder)) []byte {
	t.Helper()
	var b Builder
	f(&b)
	out, err := b.Bytes()
	if err != nil {
		t.Fatalf("Builder: %v", err)
	}
	return out
}

func TestIntegerEncode(t *testing.T) {
	tests := []struct {
		v   int64
		enc string
	}{
		{0, "02 01 00"},
		{1, "02 01 01"},
		{-1, "02 01 ff"},
		{127, "02 01 7f"},
		{128, "02 02 00 80"},
		{-128, "02 01 80"},
		{-129, "02 02 ff 7f"},
		{211, "02 02 00 d3"},
		{255, "02 02 00 ff"},
		{256, "02 02 01 00"},
		{-256, "02 02 ff 00"},
		{-257, "02 02 fe ff"},
		{32767, "02 02 7f ff"},
		{32768, "02 03 00 80 00"},
		{-32768, "02 02 80 00"},
		{-32769, "02 03 ff 7f ff"},
		{1<<31 - 1, "02 04 7f ff ff ff"},
		{1 << 31, "02 05 00 80 00 00 00"},
		{-1 << 31, "02 04 80 00 00 00"},
		{1 << 56, "02 08 01 00 00 00 00 00 00 00"},
		{math.MaxInt64, "02 08 7f ff ff ff ff ff ff ff"},
		{math.MinInt64, "02 08 80 00 00 00 00 00 00 00"},
		{math.MinInt64 + 1, "02 08 80 00 00 00 00 00 00 01"},
	}
	for _, tt := range tests {
		want := hx(tt.enc)
		got := build(t, func(b *Builder) { b.AddInt64(TagInteger, tt.v) })
		if !bytes.Equal(got, want) {
			t.Errorf("AddInt64(%d) = % x, want % x", tt.v, got, want)
		}
		v, err := elem(t, tt.enc).Int64()
		if err != nil || v != tt.v {
			t.Errorf("Int64(%s) = %d, %v; want %d", tt.enc, v, err, tt.v)
		}
		if tt.v >= math.MinInt32 && tt.v <= math.MaxInt32 {
			got := build(t, func(b *Builder) { b.AddInt(TagInteger, int(tt.v)) })
			if !bytes.Equal(got, want) {
				t.Errorf("AddInt(%d) = % x, want % x", tt.v, got, want)
			}
			n, err := elem(t, tt.enc).Int()
			if err != nil || int64(n) != tt.v {
				t.Errorf("Int(%s) = %d, %v", tt.enc, n, err)
			}
		} else {
			_, err := elem(t, tt.enc).Int()
			checkErr(t, err, ErrOverflow, 2)
		}
	}
}

func TestIntegerDecode(t *testing.T) {
	tests := []struct {
		in   string
		v    int64
		want error
		off  int
	}{
		// Non-minimal encodings are valid BER.
		{"02 02 00 00", 0, nil, 0},
		{"02 02 00 05", 5, nil, 0},
		{"02 03 00 00 7f", 127, nil, 0},
		{"02 02 ff ff", -1, nil, 0},
		{"02 03 ff ff 80", -128, nil, 0},
		{"02 04 00 00 00 d3", 211, nil, 0},
		{"02 08 00 00 00 00 00 00 00 01", 1, nil, 0},
		{"02 08 ff ff ff ff ff ff ff fe", -2, nil, 0},
		// Nine and more bytes with redundant sign octets still fit.
		{"02 09 00 7f ff ff ff ff ff ff ff", math.MaxInt64, nil, 0},
		{"02 09 ff 80 00 00 00 00 00 00 00", math.MinInt64, nil, 0},
		{"02 09 00 00 00 00 00 00 00 00 2a", 42, nil, 0},
		{"02 0a ff ff ff ff ff ff ff ff ff ff", -1, nil, 0},
		{"02 0c 00 00 00 00 00 00 00 00 00 00 00 00", 0, nil, 0},
		// Too large.
		{"02 09 00 80 00 00 00 00 00 00 00", 0, ErrOverflow, 2},
		{"02 09 01 00 00 00 00 00 00 00 00", 0, ErrOverflow, 2},
		{"02 09 ff 7f ff ff ff ff ff ff ff", 0, ErrOverflow, 2},
		{"02 09 80 00 00 00 00 00 00 00 00", 0, ErrOverflow, 2},
		{"02 0a 00 00 80 00 00 00 00 00 00 00", 0, ErrOverflow, 2},
		{"9f 1f 09 7f ff ff ff ff ff ff ff ff", 0, ErrOverflow, 3},
		// Malformed.
		{"02 00", 0, ErrInvalid, 2},
		{"22 03 02 01 05", 0, ErrInvalid, 0},
	}
	for _, tt := range tests {
		e := elem(t, tt.in)
		v, err := e.Int64()
		if tt.want != nil {
			checkErr(t, err, tt.want, tt.off)
			_, err = e.Int()
			checkErr(t, err, tt.want, tt.off)
			continue
		}
		if err != nil || v != tt.v {
			t.Errorf("Int64(%s) = %d, %v; want %d", tt.in, v, err, tt.v)
		}
	}
}

func TestEnumerated(t *testing.T) {
	tests := []struct {
		v   int
		enc string
	}{
		{0, "0a 01 00"},
		{2, "0a 01 02"},
		{22, "0a 01 16"},
		{200, "0a 02 00 c8"},
		{-1, "0a 01 ff"},
	}
	for _, tt := range tests {
		got := build(t, func(b *Builder) { b.AddInt(TagEnumerated, tt.v) })
		if !bytes.Equal(got, hx(tt.enc)) {
			t.Errorf("AddInt(ENUMERATED %d) = % x, want %s", tt.v, got, tt.enc)
		}
		e := elem(t, tt.enc)
		if e.Tag != TagEnumerated {
			t.Errorf("tag %v", e.Tag)
		}
		v, err := e.Int()
		if err != nil || v != tt.v {
			t.Errorf("Int(%s) = %d, %v", tt.enc, v, err)
		}
	}
	// Implicitly tagged: [APPLICATION 14] ENUMERATED.
	got := build(t, func(b *Builder) { b.AddInt(Application(14), 3) })
	if !bytes.Equal(got, hx("4e 01 03")) {
		t.Errorf("implicit ENUMERATED = % x", got)
	}
	// Int range limits.
	if _, err := elem(t, "0a 05 00 80 00 00 00").Int(); err == nil {
		t.Error("Int accepted 2^31")
	}
	if v, err := elem(t, "0a 04 7f ff ff ff").Int(); err != nil || v != math.MaxInt32 {
		t.Errorf("Int(MaxInt32) = %d, %v", v, err)
	}
	if v, err := elem(t, "0a 04 80 00 00 00").Int(); err != nil || v != math.MinInt32 {
		t.Errorf("Int(MinInt32) = %d, %v", v, err)
	}
	_, err := elem(t, "0a 05 ff 7f ff ff ff").Int()
	checkErr(t, err, ErrOverflow, 2)
}

func TestBoolean(t *testing.T) {
	tests := []struct {
		in   string
		v    bool
		want error
	}{
		{"01 01 00", false, nil},
		{"01 01 ff", true, nil},
		{"01 01 01", true, nil}, // any non-zero octet is true in BER
		{"01 01 80", true, nil},
		{"81 01 ff", true, nil},
		{"01 00", false, ErrInvalid},
		{"01 02 00 00", false, ErrInvalid},
		{"21 03 01 01 ff", false, ErrInvalid},
	}
	for _, tt := range tests {
		v, err := elem(t, tt.in).Bool()
		if tt.want != nil {
			checkErr(t, err, tt.want, 0)
		} else if err != nil || v != tt.v {
			t.Errorf("Bool(%s) = %v, %v", tt.in, v, err)
		}
	}
	for v, enc := range map[bool]string{true: "01 01 ff", false: "01 01 00"} {
		got := build(t, func(b *Builder) { b.AddBool(TagBoolean, v) })
		if !bytes.Equal(got, hx(enc)) {
			t.Errorf("AddBool(%v) = % x, want %s", v, got, enc)
		}
	}
	got := build(t, func(b *Builder) { b.AddBool(Context(2), true) })
	if !bytes.Equal(got, hx("82 01 ff")) {
		t.Errorf("AddBool([2]) = % x", got)
	}
}

func TestNull(t *testing.T) {
	for _, in := range []string{"05 00", "80 00", "9f 81 00 00", "05 81 00"} {
		if err := elem(t, in).Null(); err != nil {
			t.Errorf("Null(%s): %v", in, err)
		}
	}
	for _, in := range []string{"05 01 00", "25 00", "25 02 05 00"} {
		checkErr(t, elem(t, in).Null(), ErrInvalid, 0)
	}
	for _, tt := range []struct {
		tag Tag
		enc string
	}{{TagNull, "05 00"}, {Context(0), "80 00"}, {Context(200), "9f 81 48 00"}} {
		got := build(t, func(b *Builder) { b.AddNull(tt.tag) })
		if !bytes.Equal(got, hx(tt.enc)) {
			t.Errorf("AddNull(%v) = % x, want %s", tt.tag, got, tt.enc)
		}
	}
}

func TestOctetString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"primitive", "04 03 61 62 63", "abc"},
		{"empty", "04 00", ""},
		{"constructed empty", "24 00", ""},
		{"constructed indefinite empty", "24 80 00 00", ""},
		{"constructed", "24 07 04 02 61 62 04 01 63", "abc"},
		{"constructed with empty segment", "24 09 04 02 61 62 04 00 04 01 63", "abc"},
		{"constructed indefinite", "24 80 04 02 61 62 04 01 63 00 00", "abc"},
		{"nested segments", "24 0d 04 01 61 24 05 04 01 62 24 00 04 01 63", "abc"},
		{"nested indefinite", "24 80 04 01 61 24 80 04 01 62 04 01 63 00 00 00 00", "abc"},
		{"indefinite in definite", "24 0c 24 80 04 01 61 04 01 62 00 00 04 00", "ab"},
		{"long segment", "24 84 00 00 00 05 04 81 02 61 62", "ab"},
		{"implicit [0] constructed", "a0 06 04 04 62 31 36 34", "b164"},
		{"IA5String constructed", "36 08 16 03 31 30 30 16 01 32", "1002"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := elem(t, tt.in)
			b, err := e.Bytes()
			if err != nil || string(b) != tt.want {
				t.Errorf("Bytes = %q, %v; want %q", b, err, tt.want)
			}
			if cap(b) > len(e.Content()) && e.Tag.IsConstructed() {
				t.Errorf("Bytes allocated %d > %d", cap(b), len(e.Content()))
			}
			s, err := e.Text()
			if err != nil || s != tt.want {
				t.Errorf("Text = %q, %v; want %q", s, err, tt.want)
			}
		})
	}
	// The primitive form aliases the input.
	in := hx("04 03 61 62 63")
	r := NewReader(in)
	e, _ := r.Next()
	b, _ := e.Bytes()
	s, _ := e.Text()
	if &b[0] != &in[2] {
		t.Error("Bytes copied a primitive string")
	}
	in[2] = 'X'
	if s != "Xbc" {
		t.Errorf("Text does not alias the input: %q", s)
	}
}

func TestOctetStringErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		off  int
	}{
		{"24 03 80 01 61", ErrTag, 2},                // context-class segment
		{"24 05 24 03 41 01 61", ErrTag, 4},          // application-class segment, nested
		{"24 03 04 05 61", ErrTruncated, 3},          // segment longer than its parent
		{"24 02 04 ff", ErrLength, 3},                // bad length in segment
		{"24 80 04 01 61 c4 01 62 00 00", ErrTag, 5}, // private class, indefinite
		{"24 03 1f 80 01", ErrInvalid, 3},
	}
	for _, tt := range tests {
		e := elem(t, tt.in)
		b, err := e.Bytes()
		checkErr(t, err, tt.want, tt.off)
		if b != nil {
			t.Errorf("Bytes(%s) returned data with an error", tt.in)
		}
		_, err = e.Text()
		checkErr(t, err, tt.want, tt.off)
	}
}

func TestStringBuild(t *testing.T) {
	got := build(t, func(b *Builder) {
		b.AddString(TagIA5String, "100")
		b.AddBytes(Application(21), []byte{0, 1})
		b.AddString(Context(0), "")
		b.AddBytes(TagOctetString, nil)
	})
	if want := hx("16 03 31 30 30 55 02 00 01 80 00 04 00"); !bytes.Equal(got, want) {
		t.Errorf("got % x, want % x", got, want)
	}
	for _, n := range []int{127, 128, 255, 256, 65535, 65536, 1<<24 - 1, 1 << 24} {
		v := repeat(n)
		got := build(t, func(b *Builder) { b.AddBytes(TagOctetString, v) })
		gs := build(t, func(b *Builder) { b.AddString(TagUTF8String, string(v)) })
		var hdr []byte
		switch {
		case n < 128:
			hdr = []byte{byte(n)}
		case n < 256:
			hdr = []byte{0x81, byte(n)}
		case n < 65536:
			hdr = []byte{0x82, byte(n >> 8), byte(n)}
		case n < 1<<24:
			hdr = []byte{0x83, byte(n >> 16), byte(n >> 8), byte(n)}
		default:
			hdr = []byte{0x84, byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}
		}
		want := append(append([]byte{0x04}, hdr...), v...)
		if !bytes.Equal(got, want) {
			t.Errorf("AddBytes(%d bytes): header % x, want % x", n, got[:len(hdr)+1], want[:len(hdr)+1])
		}
		want[0] = 0x0c
		if !bytes.Equal(gs, want) {
			t.Errorf("AddString(%d bytes): header % x", n, gs[:len(hdr)+1])
		}
	}
}

func TestBitString(t *testing.T) {
	tests := []struct {
		in     string
		length int
		bits   string // '1' and '0'
	}{
		{"03 01 00", 0, ""},
		{"03 02 07 80", 1, "1"},
		{"03 02 07 00", 1, "0"},
		{"03 02 00 a5", 8, "10100101"},
		{"03 02 04 f0", 4, "1111"},
		{"03 02 04 ff", 4, "1111"}, // unused bits need not be zero in BER
		{"03 03 00 10 00", 16, "0001000000000000"},
		{"03 04 06 6e 5d c0", 18, "011011100101110111"}, // X.690 8.6.4.2
		{"83 02 01 fe", 7, "1111111"},
	}
	for _, tt := range tests {
		bs, err := elem(t, tt.in).BitString()
		if err != nil {
			t.Errorf("BitString(%s): %v", tt.in, err)
			continue
		}
		if bs.Length != tt.length {
			t.Errorf("BitString(%s).Length = %d, want %d", tt.in, bs.Length, tt.length)
		}
		var got []byte
		for i := 0; i < bs.Length; i++ {
			c := byte('0')
			if bs.At(i) {
				c = '1'
			}
			got = append(got, c)
		}
		if string(got) != tt.bits {
			t.Errorf("BitString(%s) bits %s, want %s", tt.in, got, tt.bits)
		}
		if bs.At(-1) || bs.At(bs.Length) || bs.At(bs.Length+100) {
			t.Errorf("BitString(%s): bits outside the string are set", tt.in)
		}
	}
	bad := []struct {
		in   string
		want error
		off  int
	}{
		{"03 00", ErrInvalid, 2},
		{"03 01 01", ErrInvalid, 2}, // unused bits without data
		{"03 01 07", ErrInvalid, 2},
		{"03 02 08 00", ErrInvalid, 2}, // unused > 7
		{"03 02 ff 00", ErrInvalid, 2},
		{"23 04 03 02 00 ff", ErrUnsupported, 0},
	}
	for _, tt := range bad {
		_, err := elem(t, tt.in).BitString()
		checkErr(t, err, tt.want, tt.off)
	}
}

func TestBitStringBuild(t *testing.T) {
	tests := []struct {
		v   BitString
		enc string
	}{
		{BitString{}, "03 01 00"},
		{BitString{Bytes: []byte{0xff}, Length: 0}, "03 01 00"},
		{BitString{Bytes: []byte{0x80}, Length: 1}, "03 02 07 80"},
		{BitString{Bytes: []byte{0xff}, Length: 1}, "03 02 07 80"}, // unused bits cleared
		{BitString{Bytes: []byte{0xa5}, Length: 8}, "03 02 00 a5"},
		{BitString{Bytes: []byte{0x6e, 0x5d, 0xff}, Length: 18}, "03 04 06 6e 5d c0"},
		{BitString{Bytes: []byte{0x00, 0x10, 0x00, 0xff}, Length: 24}, "03 04 00 00 10 00"},
	}
	for _, tt := range tests {
		in := append([]byte(nil), tt.v.Bytes...)
		got := build(t, func(b *Builder) { b.AddBitString(TagBitString, tt.v) })
		if !bytes.Equal(got, hx(tt.enc)) {
			t.Errorf("AddBitString(%+v) = % x, want %s", tt.v, got, tt.enc)
		}
		if !bytes.Equal(in, tt.v.Bytes) {
			t.Errorf("AddBitString modified its argument")
		}
		bs, err := elem(t, tt.enc).BitString()
		if err != nil || bs.Length != tt.v.Length {
			t.Errorf("decode %s: %+v, %v", tt.enc, bs, err)
		}
		for i := 0; i < bs.Length; i++ {
			if bs.At(i) != tt.v.At(i) {
				t.Errorf("decode %s: bit %d differs", tt.enc, i)
			}
		}
	}
	for _, v := range []BitString{{Length: -1}, {Bytes: []byte{1}, Length: 9}, {Length: 1}} {
		var b Builder
		b.AddBitString(TagBitString, v)
		if out, err := b.Bytes(); err != ErrBuild || out != nil {
			t.Errorf("AddBitString(%+v) = % x, %v; want ErrBuild", v, out, err)
		}
	}
}

func TestOID(t *testing.T) {
	tests := []struct {
		oid OID
		enc string
		str string
	}{
		{OID{1, 3, 12, 0, 218}, "06 05 2b 0c 00 81 5a", "1.3.12.0.218"},
		{OID{0, 0}, "06 01 00", "0.0"},
		{OID{0, 39}, "06 01 27", "0.39"},
		{OID{1, 0}, "06 01 28", "1.0"},
		{OID{1, 39}, "06 01 4f", "1.39"},
		{OID{2, 0}, "06 01 50", "2.0"},
		{OID{2, 5, 4, 3}, "06 03 55 04 03", "2.5.4.3"},
		{OID{2, 47}, "06 01 7f", "2.47"},
		{OID{2, 48}, "06 02 81 00", "2.48"},
		{OID{2, 100, 3}, "06 03 81 34 03", "2.100.3"}, // X.690 8.19.5
		{OID{2, 999, 3}, "06 03 88 37 03", "2.999.3"},
		{OID{1, 2, 840, 113549, 1, 1, 11}, "06 09 2a 86 48 86 f7 0d 01 01 0b", "1.2.840.113549.1.1.11"},
		{OID{1, 3, 0, 127, 128, 16383, 16384}, "06 0a 2b 00 7f 81 00 ff 7f 81 80 00", "1.3.0.127.128.16383.16384"},
		{OID{1, 2, 4294967295}, "06 06 2a 8f ff ff ff 7f", "1.2.4294967295"},
		{OID{2, 4294967215}, "06 05 8f ff ff ff 7f", "2.4294967215"},
		{OID{0, 9, 2342, 19200300, 100, 1, 1}, "06 0a 09 92 26 89 93 f2 2c 64 01 01", "0.9.2342.19200300.100.1.1"},
	}
	for _, tt := range tests {
		got := build(t, func(b *Builder) { b.AddOID(TagOID, tt.oid) })
		if !bytes.Equal(got, hx(tt.enc)) {
			t.Errorf("AddOID(%v) = % x, want %s", tt.oid, got, tt.enc)
		}
		o, err := elem(t, tt.enc).OID()
		if err != nil || !o.Equal(tt.oid) {
			t.Errorf("OID(%s) = %v, %v; want %v", tt.enc, o, err, tt.oid)
		}
		if s := tt.oid.String(); s != tt.str {
			t.Errorf("String = %q, want %q", s, tt.str)
		}
	}
	// Many arcs: more than fit in the builder's scratch array.
	long := OID{1, 3}
	for i := 0; i < 30; i++ {
		long = append(long, 1<<31)
	}
	enc := build(t, func(b *Builder) { b.AddOID(Context(5), long) })
	e := elem(t, hxs(enc))
	if o, err := e.OID(); err != nil || !o.Equal(long) {
		t.Errorf("long OID: %v, %v", o, err)
	}
}

// hxs is the inverse of hx.
func hxs(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 3*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15], ' ')
	}
	return string(out)
}

// TestOIDSecondArcMax: the arcs of 2.x OIDs are uint32 like all others, but
// their first subidentifier is x+80, which can exceed 32 bits.
func TestOIDSecondArcMax(t *testing.T) {
	oid := OID{2, 4294967295}
	const enc = "06 05 90 80 80 80 4f" // 4294967295+80 = 2^32+79
	got := build(t, func(b *Builder) { b.AddOID(TagOID, oid) })
	if !bytes.Equal(got, hx(enc)) {
		t.Errorf("AddOID(%v) = % x, want %s", oid, got, enc)
	}
	o, err := elem(t, enc).OID()
	if err != nil || !o.Equal(oid) {
		t.Errorf("OID(%s) = %v, %v; want %v", enc, o, err, oid)
	}
	// One more does not fit.
	_, err = elem(t, "06 05 90 80 80 80 50").OID()
	checkErr(t, err, ErrOverflow, -1)
}

func TestOIDErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		off  int
	}{
		{"06 00", ErrInvalid, 0},
		{"26 03 06 01 2a", ErrInvalid, 0},
		{"06 01 80", ErrInvalid, 2},                 // padding in the first subidentifier
		{"06 03 2a 80 01", ErrInvalid, 3},           // padding
		{"06 04 2a 01 80 7f", ErrInvalid, 4},        // padding in a later arc
		{"06 01 81", ErrTruncated, 3},               // last octet has the continuation bit
		{"06 02 2a 81", ErrTruncated, 4},            // same, after a complete arc
		{"06 06 2a 90 80 80 80 00", ErrOverflow, 7}, // 2^32
		{"06 07 2a ff ff ff ff ff 7f", ErrOverflow, 7},
		{"06 0b 2a 81 81 81 81 81 81 81 81 81 01", ErrOverflow, 8},
	}
	for _, tt := range tests {
		o, err := elem(t, tt.in).OID()
		if o != nil {
			t.Errorf("OID(%s) returned %v with an error", tt.in, o)
		}
		checkErr(t, err, tt.want, tt.off)
	}
	for _, o := range []OID{nil, {1}, {3, 1}, {0, 40}, {1, 40}, {4, 0}} {
		var b Builder
		b.AddOID(TagOID, o)
		if out, err := b.Bytes(); err != ErrBuild || out != nil {
			t.Errorf("AddOID(%v) = % x, %v; want ErrBuild", o, out, err)
		}
	}
}

func TestOIDEqual(t *testing.T) {
	a := OID{1, 3, 12, 0, 218}
	if !a.Equal(OID{1, 3, 12, 0, 218}) || a.Equal(OID{1, 3, 12, 0}) || a.Equal(OID{1, 3, 12, 0, 219}) || a.Equal(nil) {
		t.Error("Equal wrong")
	}
	if !OID(nil).Equal(OID{}) || OID(nil).String() != "" {
		t.Error("empty OIDs")
	}
}
