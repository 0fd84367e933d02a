package ber

import (
	"bytes"
	"testing"
)

func TestTagEncodeDecode(t *testing.T) {
	for _, tt := range tagTests {
		t.Run(tt.str, func(t *testing.T) {
			want := hx(tt.enc)
			if got := appendTag(nil, tt.tag); !bytes.Equal(got, want) {
				t.Errorf("appendTag(%v) = % x, want % x", tt.tag, got, want)
			}
			got, n, err := parseTag(append(want, 0x05, 0x00), 0)
			if err != nil || got != tt.tag || n != len(want) {
				t.Errorf("parseTag(% x) = %v, %d, %v; want %v, %d", want, got, n, err, tt.tag, len(want))
			}
			if s := tt.tag.String(); s != tt.str {
				t.Errorf("String() = %q, want %q", s, tt.str)
			}
			// Through the public API: a primitive or constructed empty element.
			var b Builder
			if tt.tag.IsConstructed() {
				b.AddConstructed(tt.tag, func(*Builder) {})
			} else {
				b.AddNull(tt.tag)
			}
			enc, err := b.Bytes()
			if err != nil || !bytes.Equal(enc, append(want, 0)) {
				t.Errorf("Builder = % x, %v; want % x 00", enc, err, want)
			}
			r := NewReader(enc)
			e, err := r.Next()
			if err != nil || e.Tag != tt.tag || e.Header() != len(want)+1 || !r.Empty() {
				t.Errorf("Next = %+v, %v", e, err)
			}
			r = NewReader(enc)
			if pt, ok := r.PeekTag(); !ok || pt != tt.tag {
				t.Errorf("PeekTag = %v, %v", pt, ok)
			}
		})
	}
}

func TestTagAccessors(t *testing.T) {
	for _, c := range []Class{ClassUniversal, ClassApplication, ClassContext, ClassPrivate} {
		for _, n := range []uint32{0, 1, 30, 31, 127, 128, 16383, 1 << 21, maxTagNumber} {
			p := NewTag(c, n)
			k := p.Constructed()
			if p.Class() != c || k.Class() != c {
				t.Errorf("Class(%v) = %#x, want %#x", p, p.Class(), c)
			}
			if p.Number() != n || k.Number() != n {
				t.Errorf("Number(%v) = %d, want %d", p, p.Number(), n)
			}
			if p.IsConstructed() || !k.IsConstructed() {
				t.Errorf("IsConstructed wrong for %v / %v", p, k)
			}
			if k.Primitive() != p || p.Primitive() != p || k.Constructed() != k {
				t.Errorf("Primitive/Constructed do not round-trip for %v", p)
			}
			if p == k {
				t.Errorf("primitive and constructed tags compare equal: %v", p)
			}
		}
	}
	if Context(1) == Application(1) || Context(1) == Universal(1) || Application(1) == NewTag(ClassPrivate, 1) {
		t.Error("tags of different classes compare equal")
	}
	if Context(5) != NewTag(ClassContext, 5) || Application(5) != NewTag(ClassApplication, 5) || Universal(5) != NewTag(ClassUniversal, 5) {
		t.Error("helpers disagree with NewTag")
	}
}

func TestTagMalformed(t *testing.T) {
	tests := []struct {
		in   string
		want error
		off  int
	}{
		{"", ErrTruncated, 0},
		{"1f", ErrTruncated, 1},
		{"9f 81", ErrTruncated, 2},
		{"9f 81 80 80", ErrTruncated, 4},
		{"1f 80 01", ErrInvalid, 1},          // leading 0x80 padding
		{"bf 80 80 1f", ErrInvalid, 1},       // padding, even when the number would be large
		{"1f 00", ErrInvalid, 1},             // 0 in long form
		{"1f 1e", ErrInvalid, 1},             // 30 should use the short form
		{"5f 01", ErrInvalid, 1},             // 1 in long form
		{"1f 82 80 80 80 00", ErrInvalid, 5}, // 2^29 > max
		{"1f ff ff ff ff 7f", ErrInvalid, 5}, // 2^35-1
		{"1f 81 80 80 80 80 00", ErrInvalid, 6},
		{"1f 81 80 80 80 80 80 80 80 80 00", ErrInvalid, 6},
	}
	for _, tt := range tests {
		in := hx(tt.in)
		_, _, err := parseTag(in, 0)
		checkErr(t, err, tt.want, tt.off)
		// With a base offset and through Next.
		r := Reader{data: in, base: 100}
		_, err = r.Next()
		checkErr(t, err, tt.want, 100+tt.off)
		if r.Offset() != 100 {
			t.Errorf("reader advanced after error")
		}
		if _, ok := r.PeekTag(); ok {
			t.Errorf("PeekTag(% x) reported ok", in)
		}
	}
}
