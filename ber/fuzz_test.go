package ber

import (
	"bytes"
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var sentinels = []error{ErrTruncated, ErrLength, ErrTag, ErrOverflow, ErrInvalid, ErrTooDeep, ErrTrailing, ErrMissing, ErrUnsupported}

// checkFuzzErr checks that err is a *SyntaxError wrapping a sentinel with an
// offset inside the input.
func checkFuzzErr(t *testing.T, in []byte, what string, err error) {
	t.Helper()
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("%s: error %v (%T) is not a *SyntaxError", what, err, err)
	}
	if se.Offset < 0 || se.Offset > len(in) {
		t.Fatalf("%s: error %v: offset outside the input (len %d)", what, err, len(in))
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			_ = se.Error()
			return
		}
	}
	t.Fatalf("%s: error %v wraps no sentinel", what, err)
}

var fuzzLoc = time.FixedZone("X", -5*3600)

// fuzzWalk reads every element of r recursively, calling every decoder on
// every element, and checks the invariants that hold for any input.
func fuzzWalk(t *testing.T, in []byte, r Reader, depth int) {
	// Reader helpers on a copy.
	look := r
	if tag, ok := look.PeekTag(); ok {
		if !look.Peek(tag) {
			t.Fatal("Peek disagrees with PeekTag")
		}
		o1, ok1, err1 := look.Optional(tag)
		look2 := r
		o2, err2 := look2.Expect(tag)
		if (err1 == nil) != (err2 == nil) || ok1 != (err1 == nil) || o1.Offset != o2.Offset || look.Offset() != look2.Offset() {
			t.Fatal("Optional and Expect disagree")
		}
		look3 := r
		if err := look3.Skip(); (err == nil) != (err2 == nil) {
			t.Fatal("Skip and Expect disagree")
		}
		look4 := r
		if _, err := look4.Expect(tag ^ 1); err == nil {
			t.Fatal("Expect accepted the wrong tag")
		}
	}
	if err := r.Done(); (err == nil) != r.Empty() {
		t.Fatal("Done disagrees with Empty")
	} else if err != nil {
		checkFuzzErr(t, in, "Done", err)
	}

	for !r.Empty() {
		off := r.Offset()
		rem := len(r.Remaining())
		e, err := r.Next()
		if err != nil {
			checkFuzzErr(t, in, "Next", err)
			if r.Offset() != off || len(r.Remaining()) != rem {
				t.Fatal("Next advanced after an error")
			}
			return
		}
		if e.Offset != off || r.Offset() != e.End() || len(r.Remaining()) != rem-len(e.Raw) {
			t.Fatalf("offsets: element %d..%d, reader %d", e.Offset, e.End(), r.Offset())
		}
		if e.End() > len(in) || e.Header() < 2 || e.ContentOffset()+len(e.Content()) > e.End() {
			t.Fatalf("element out of bounds: %+v", e)
		}
		if !bytes.Equal(e.Raw, in[e.Offset:e.End()]) {
			t.Fatal("Raw is not the input between Offset and End")
		}
		if !bytes.Equal(e.Content(), in[e.ContentOffset():e.ContentOffset()+len(e.Content())]) {
			t.Fatal("Content is not the input at ContentOffset")
		}
		if got, n, err := parseTag(e.Raw, 0); err != nil || got != e.Tag || n >= e.Header() {
			t.Fatal("tag does not parse again")
		}
		// Re-encoding the tag gives the same identifier octets (the
		// reader accepts only minimal tag numbers).
		if enc := appendTag(nil, e.Tag); !bytes.HasPrefix(e.Raw, enc) {
			t.Fatalf("tag %v re-encodes as % x, input % x", e.Tag, enc, e.Raw[:e.Header()])
		}
		_ = e.Tag.String()

		if v, err := e.Int64(); err != nil {
			checkFuzzErr(t, in, "Int64", err)
		} else {
			var b Builder
			b.AddInt64(TagInteger, v)
			enc, _ := b.Bytes()
			if len(enc)-2 > len(e.Content()) {
				t.Fatalf("Int64 %d: minimal encoding longer than the input", v)
			}
			rr := NewReader(enc)
			d, _ := rr.Next()
			if w, err := d.Int64(); err != nil || w != v {
				t.Fatalf("Int64 %d does not round-trip: %d, %v", v, w, err)
			}
			if n, err := e.Int(); err == nil && int64(n) != v {
				t.Fatalf("Int %d != Int64 %d", n, v)
			} else if err != nil && v >= -1<<31 && v < 1<<31 {
				t.Fatalf("Int failed on %d: %v", v, err)
			}
		}
		if _, err := e.Int(); err != nil {
			checkFuzzErr(t, in, "Int", err)
		}
		if v, err := e.Bool(); err != nil {
			checkFuzzErr(t, in, "Bool", err)
		} else if v != (e.Content()[0] != 0) {
			t.Fatal("Bool wrong")
		}
		if err := e.Null(); err != nil {
			checkFuzzErr(t, in, "Null", err)
		} else if len(e.Content()) != 0 {
			t.Fatal("Null accepted content")
		}
		b, err := e.Bytes()
		if err != nil {
			checkFuzzErr(t, in, "Bytes", err)
		} else if len(b) > len(e.Content()) {
			t.Fatal("Bytes longer than the content")
		} else if !e.Tag.IsConstructed() && !bytes.Equal(b, e.Content()) {
			t.Fatal("Bytes of a primitive is not its content")
		}
		if s, err2 := e.Text(); (err2 == nil) != (err == nil) {
			t.Fatal("Text and Bytes disagree on errors")
		} else if err2 == nil && s != string(b) {
			t.Fatal("Text and Bytes disagree")
		}
		if bs, err := e.BitString(); err != nil {
			checkFuzzErr(t, in, "BitString", err)
		} else {
			if bs.Length < 0 || bs.Length > 8*len(bs.Bytes) || bs.Length <= 8*len(bs.Bytes)-8 && len(bs.Bytes) > 0 {
				t.Fatalf("BitString length %d for %d bytes", bs.Length, len(bs.Bytes))
			}
			for i := -1; i <= bs.Length; i++ {
				_ = bs.At(i)
			}
			var bb Builder
			bb.AddBitString(TagBitString, bs)
			enc, err := bb.Bytes()
			if err != nil {
				t.Fatalf("AddBitString of decoded %+v: %v", bs, err)
			}
			rr := NewReader(enc)
			d, _ := rr.Next()
			back, err := d.BitString()
			if err != nil || back.Length != bs.Length {
				t.Fatalf("BitString does not round-trip: %+v, %v", back, err)
			}
			for i := 0; i < bs.Length; i++ {
				if back.At(i) != bs.At(i) {
					t.Fatalf("BitString bit %d does not round-trip", i)
				}
			}
		}
		if o, err := e.OID(); err != nil {
			checkFuzzErr(t, in, "OID", err)
		} else {
			if len(o) < 2 || o[0] > 2 {
				t.Fatalf("OID %v", o)
			}
			_ = o.String()
			var bb Builder
			bb.AddOID(TagOID, o)
			enc, err := bb.Bytes()
			if err != nil {
				t.Fatalf("AddOID of decoded %v: %v", o, err)
			}
			if !bytes.Equal(enc[len(enc)-len(e.Content()):], e.Content()) {
				t.Fatalf("OID %v re-encodes as % x, input % x", o, enc, e.Content())
			}
			rr := NewReader(enc)
			d, _ := rr.Next()
			if back, err := d.OID(); err != nil || !back.Equal(o) {
				t.Fatalf("OID %v does not round-trip: %v, %v", o, back, err)
			}
		}
		for _, loc := range []*time.Location{nil, fuzzLoc} {
			tm, zoned, err := e.GeneralizedTime(loc)
			if err != nil {
				checkFuzzErr(t, in, "GeneralizedTime", err)
				continue
			}
			_ = zoned
			if u := tm.UTC(); u.Year() < 0 || u.Year() > 9999 {
				continue // the builder writes four-digit years only
			}
			var bb Builder
			bb.AddGeneralizedTime(TagGeneralizedTime, tm, true)
			enc, _ := bb.Bytes()
			rr := NewReader(enc)
			d, _ := rr.Next()
			back, z, err := d.GeneralizedTime(nil)
			if err != nil || !z || !back.Equal(tm.Truncate(time.Millisecond)) {
				t.Fatalf("GeneralizedTime %q = %v re-encodes as %q = %v, %v", e.Content(), tm, d.Content(), back, err)
			}
		}
		if e.Tag.IsConstructed() {
			fuzzWalk(t, in, e.Reader(), depth+1)
		}
	}
}

// fuzzSeeds are hand-written encodings covering the interesting forms.
var fuzzSeeds = []string{
	"",
	"00",
	"30 00",
	"02 01 05",
	"02 09 00 ff ff ff ff ff ff ff ff",
	"01 01 ff",
	"05 00",
	"06 05 2b 0c 00 81 5a",
	"06 05 90 80 80 80 4f",
	"03 04 06 6e 5d c0",
	"18 13 32 30 31 30 30 39 31 36 31 32 30 30 30 30 2e 31 32 33 5a",
	"18 13 32 30 31 30 30 39 31 36 31 32 30 30 30 30 2b 30 31 33 30",
	"18 0d 32 30 31 30 30 39 31 36 31 32 2e 35 5a",
	"24 80 04 01 61 24 80 04 01 62 04 01 63 00 00 00 00",
	"24 0d 04 01 61 24 05 04 01 62 24 00 04 01 63",
	"30 80 30 80 02 01 05 00 00 00 00",
	"61 0e 02 01 01 9f 1f 02 61 62 30 80 05 00 00 00 ff",
	"bf 81 48 84 00 00 00 03 9f 7f 00",
	"ff 81 ff ff ff 7f 00",
	"1f 80 01 00",
	"04 ff",
	"04 85 00 00 00 00 01",
	"30 80 02 01 05",
}

func FuzzReader(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(hx(s))
	}
	vec := readVectors(f)
	for _, name := range slices.Sorted(maps.Keys(vec)) {
		f.Add(vec[name])
	}
	f.Add(nestIndefinite(maxDepth + 2))
	f.Add(nestDefinite(maxDepth + 2))
	f.Add(allocInput)
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzWalk(t, in, NewReader(in), 0)
	})
}

// FuzzBuilderRoundTrip builds random well-formed trees from the fuzzed seeds
// and checks that they decode to the same tags and contents.
func FuzzBuilderRoundTrip(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(0), uint64(0))
	f.Add(uint64(1<<63), uint64(12345))
	f.Fuzz(func(t *testing.T, s1, s2 uint64) {
		checkTreeRoundTrip(t, rand.New(rand.NewPCG(s1, s2)), nil)
	})
}
