package ber

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestBuilderConstructedLengths(t *testing.T) {
	tests := []struct {
		n   int // content length
		hdr string
	}{
		{0, "30 00"},
		{1, "30 01"},
		{127, "30 7f"},
		{128, "30 81 80"},
		{255, "30 81 ff"},
		{256, "30 82 01 00"},
		{65535, "30 82 ff ff"},
		{65536, "30 83 01 00 00"},
		{1<<24 - 1, "30 83 ff ff ff"},
		{1 << 24, "30 84 01 00 00 00"},
	}
	for _, tt := range tests {
		content := repeat(tt.n)
		var b Builder
		b.AddNull(TagNull) // something before, so the fix-up is not at 0
		b.AddConstructed(TagSequence, func(b *Builder) { b.AddRaw(content) })
		b.AddBool(TagBoolean, true) // and something after
		got, err := b.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		hdr := hx(tt.hdr)
		want := append(append(hx("05 00"), hdr...), content...)
		want = append(want, hx("01 01 ff")...)
		if !bytes.Equal(got, want) {
			t.Errorf("content %d: header % x, want % x", tt.n, got[2:2+len(hdr)], hdr)
		}
		if b.Len() != len(want) {
			t.Errorf("Len = %d, want %d", b.Len(), len(want))
		}
	}
}

func TestBuilderNestedLengths(t *testing.T) {
	// Each case nests SEQUENCE { [1] { raw n } } and gives the exact headers.
	tests := []struct {
		n            int
		outer, inner string
	}{
		{0, "30 02", "a1 00"},
		{125, "30 7f", "a1 7d"},
		{126, "30 81 80", "a1 7e"},    // inner fits short form, outer just crosses 127
		{127, "30 81 81", "a1 7f"},    //
		{128, "30 81 83", "a1 81 80"}, // both long
		{252, "30 81 ff", "a1 81 fc"},
		{253, "30 82 01 00", "a1 81 fd"}, // outer crosses 255
		{255, "30 82 01 02", "a1 81 ff"},
		{256, "30 82 01 04", "a1 82 01 00"},
		{65531, "30 82 ff ff", "a1 82 ff fb"},
		{65532, "30 83 01 00 00", "a1 82 ff fc"}, // outer crosses 65535
		{65535, "30 83 01 00 03", "a1 82 ff ff"},
		{65536, "30 83 01 00 05", "a1 83 01 00 00"},
	}
	for _, tt := range tests {
		content := repeat(tt.n)
		got := build(t, func(b *Builder) {
			b.AddConstructed(TagSequence, func(b *Builder) {
				b.AddConstructed(Context(1), func(b *Builder) { b.AddRaw(content) })
			})
		})
		want := append(hx(tt.outer), hx(tt.inner)...)
		want = append(want, content...)
		if !bytes.Equal(got, want) {
			t.Errorf("n=%d: got % x..., want % x...", tt.n, got[:min(len(got), 10)], want[:min(len(want), 10)])
			continue
		}
		// And it reads back.
		r := NewReader(got)
		o, err := r.Expect(TagSequence)
		if err != nil {
			t.Fatal(err)
		}
		or := o.Reader()
		i, err := or.Expect(Context(1).Constructed())
		if err != nil || !bytes.Equal(i.Content(), content) || !r.Empty() || !or.Empty() {
			t.Errorf("n=%d: read back: %v", tt.n, err)
		}
	}
}

func TestBuilderSiblingsAndDeepNesting(t *testing.T) {
	// Several long siblings inside a long parent, three levels deep.
	a, c := repeat(300), repeat(70000)
	got := build(t, func(b *Builder) {
		b.AddConstructed(Application(1), func(b *Builder) {
			b.AddBytes(TagOctetString, a)
			b.AddConstructed(Context(2), func(b *Builder) {
				b.AddConstructed(Context(200), func(b *Builder) {
					b.AddBytes(TagOctetString, c)
				})
				b.AddInt(TagInteger, 211)
			})
			b.AddNull(TagNull)
		})
	})
	// Compare with a reference encoding built bottom-up.
	ref := func(tag string, parts ...[]byte) []byte {
		body := bytes.Join(parts, nil)
		return append(append(hx(tag), refLength(len(body))...), body...)
	}
	exp := ref("61",
		ref("04", a),
		ref("a2",
			ref("bf 81 48", ref("04", c)),
			hx("02 02 00 d3")),
		hx("05 00"))
	if !bytes.Equal(got, exp) {
		t.Fatalf("nested build differs from reference (len %d vs %d)", len(got), len(exp))
	}
	if !bytes.HasPrefix(got, hx("61 83 01 12 b7")) {
		t.Errorf("outer header % x", got[:5])
	}
}

// refLength is an independent minimal definite length encoder.
func refLength(n int) []byte {
	if n < 128 {
		return []byte{byte(n)}
	}
	var b []byte
	for v := n; v > 0; v >>= 8 {
		b = append([]byte{byte(v)}, b...)
	}
	return append([]byte{0x80 | byte(len(b))}, b...)
}

func TestBuilderReset(t *testing.T) {
	buf := make([]byte, 5, 256)
	copy(buf, "junk!")
	var b Builder
	b.Reset(buf)
	if b.Len() != 0 {
		t.Fatalf("Len after Reset = %d", b.Len())
	}
	b.AddInt(TagInteger, 5)
	out, err := b.Bytes()
	if err != nil || !bytes.Equal(out, hx("02 01 05")) {
		t.Fatalf("Bytes = % x, %v", out, err)
	}
	if &out[0] != &buf[0] {
		t.Error("Builder did not append into the buffer given to Reset")
	}
	// Reset again reuses the same memory and clears errors.
	b.SetError(errors.New("boom"))
	b.Reset(out)
	b.AddNull(TagNull)
	out2, err := b.Bytes()
	if err != nil || !bytes.Equal(out2, hx("05 00")) || &out2[0] != &buf[0] {
		t.Errorf("after second Reset: % x, %v", out2, err)
	}
	// Reset(nil) works and allocates on demand.
	b.Reset(nil)
	b.AddBool(TagBoolean, false)
	if out, _ := b.Bytes(); !bytes.Equal(out, hx("01 01 00")) {
		t.Errorf("Reset(nil): % x", out)
	}
	// The zero Builder is ready to use and empty.
	var z Builder
	if out, err := z.Bytes(); err != nil || len(out) != 0 || z.Len() != 0 {
		t.Errorf("zero Builder: % x, %v", out, err)
	}
}

func TestBuilderStickyErrors(t *testing.T) {
	var b Builder
	b.AddInt(TagInteger, 1)
	b.AddOID(TagOID, OID{7})
	n := b.Len()
	b.AddNull(TagNull)
	b.AddBitString(TagBitString, BitString{Length: -1})
	if out, err := b.Bytes(); err != ErrBuild || out != nil {
		t.Errorf("Bytes = % x, %v; want ErrBuild", out, err)
	}
	if b.Len() < n {
		t.Error("Len shrank")
	}
	// The first error wins.
	first := errors.New("first")
	var c Builder
	c.SetError(first)
	c.SetError(errors.New("second"))
	c.AddOID(TagOID, nil)
	if _, err := c.Bytes(); err != first {
		t.Errorf("err = %v, want first", err)
	}
	// An error inside a constructed callback surfaces too.
	var d Builder
	d.AddConstructed(TagSequence, func(b *Builder) {
		b.AddInt(TagInteger, 1)
		b.AddOID(TagOID, OID{1, 40})
	})
	if _, err := d.Bytes(); !errors.Is(err, ErrBuild) {
		t.Errorf("err = %v, want ErrBuild", err)
	}
	// Bytes can be called repeatedly.
	if _, err := d.Bytes(); err != ErrBuild {
		t.Errorf("second Bytes: %v", err)
	}
	// SetError(nil) is no error.
	var e Builder
	e.SetError(nil)
	e.AddNull(TagNull)
	if _, err := e.Bytes(); err != nil {
		t.Errorf("SetError(nil) made an error: %v", err)
	}
}

func TestBuilderAddRaw(t *testing.T) {
	got := build(t, func(b *Builder) {
		b.AddConstructed(TagSequence, func(b *Builder) {
			b.AddRaw(hx("02 01 05"))
			b.AddRaw(nil)
		})
	})
	if !bytes.Equal(got, hx("30 03 02 01 05")) {
		t.Errorf("got % x", got)
	}
}

// readVectors returns the reference PDUs in testdata/vectors, by file name.
func readVectors(tb testing.TB) map[string][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "vectors", "*.hex"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatal("no vectors in ../testdata/vectors")
	}
	out := make(map[string][]byte)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(f)] = hx(string(data))
	}
	return out
}

// TestVectorsReencode decodes every reference PDU generically and encodes the
// tree again: the vectors use minimal definite lengths, so the bytes must be
// identical.
func TestVectorsReencode(t *testing.T) {
	for name, data := range readVectors(t) {
		trees, err := readNodes(NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var b Builder
		for _, n := range trees {
			addNode(&b, n)
		}
		out, err := b.Bytes()
		if err != nil || !bytes.Equal(out, data) {
			t.Errorf("%s: re-encoding differs:\n got % x\nwant % x", name, out, data)
		}
	}
}

// TestVectorsBuild builds two of the reference PDUs from values.
func TestVectorsBuild(t *testing.T) {
	vec := readVectors(t)
	// ReturnResult id 1, op 211 SystemStatus, NULL.
	got := build(t, func(b *Builder) {
		b.AddConstructed(Context(2), func(b *Builder) {
			b.AddInt(TagInteger, 1)
			b.AddConstructed(TagSequence, func(b *Builder) {
				b.AddInt(TagInteger, 211)
				b.AddNull(TagNull)
			})
		})
	})
	if want := vec["client-systemstatus-result.hex"]; !bytes.Equal(got, want) {
		t.Errorf("systemstatus result: % x, want % x", got, want)
	}
	// AARQ context name and CSTA version bit string.
	got = build(t, func(b *Builder) {
		b.AddConstructed(Context(1), func(b *Builder) { b.AddOID(TagOID, OID{1, 3, 12, 0, 218}) })
		b.AddBitString(TagBitString, BitString{Bytes: []byte{0x10, 0x00}, Length: 16}) // 03 03 00 10 00
	})
	aarq := vec["client-aarq-amhost.hex"]
	if !bytes.Contains(aarq, got[:9]) || !bytes.Contains(aarq, got[9:]) {
		t.Errorf("AARQ pieces % x not found in % x", got, aarq)
	}
	// Decode the invoke the PBX sends: Invoke id 1, op 211, status normal(2).
	r := NewReader(vec["pbx-systemstatus-invoke.hex"])
	inv, err := r.Expect(Context(1).Constructed())
	if err != nil {
		t.Fatal(err)
	}
	ir := inv.Reader()
	id, _ := ir.Expect(TagInteger)
	op, _ := ir.Expect(TagInteger)
	arg, _ := ir.Expect(TagSequence)
	ar := arg.Reader()
	st, err := ar.Expect(TagEnumerated)
	if err != nil || ir.Done() != nil || ar.Done() != nil || r.Done() != nil {
		t.Fatal(err)
	}
	i1, _ := id.Int()
	i2, _ := op.Int()
	i3, _ := st.Int()
	if i1 != 1 || i2 != 211 || i3 != 2 {
		t.Errorf("invoke = %d %d %d", i1, i2, i3)
	}
}

// buildSmall encodes the structure of allocInput.
func buildSmall(b *Builder, buf []byte) []byte {
	b.Reset(buf)
	b.AddConstructed(Application(1), func(b *Builder) {
		b.AddInt(TagInteger, 5)
		b.AddConstructed(Context(0), func(b *Builder) {
			b.AddConstructed(TagSequence, func(b *Builder) {
				b.AddString(Context(0), "100")
				b.AddInt(TagEnumerated, 22)
				b.AddNull(TagNull)
			})
		})
		b.AddNull(TagNull)
		b.AddString(TagOctetString, "b164")
	})
	out, err := b.Bytes()
	if err != nil {
		panic(err)
	}
	return out
}

func TestBuildAllocs(t *testing.T) {
	var b Builder
	buf := make([]byte, 0, 512)
	if out := buildSmall(&b, buf); !bytes.Equal(out, allocInput) {
		t.Fatalf("buildSmall = % x, want % x", out, allocInput)
	}
	allocs := testing.AllocsPerRun(100, func() { buf = buildSmall(&b, buf) })
	if allocs != 0 {
		t.Errorf("building into a reused buffer allocates %v times, want 0", allocs)
	}
	// Long forms, which move content, and the other value kinds.
	ts := time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC)
	oid := OID{1, 3, 12, 0, 218}
	bits := BitString{Bytes: []byte{0, 0x10, 0}, Length: 24}
	long := repeat(70000)
	big := make([]byte, 0, 1<<17)
	allocs = testing.AllocsPerRun(50, func() {
		b.Reset(big)
		b.AddConstructed(TagSequence, func(b *Builder) {
			b.AddConstructed(Context(1), func(b *Builder) { b.AddRaw(long[:200]) })
			b.AddConstructed(Context(2), func(b *Builder) { b.AddBytes(TagOctetString, long) })
			b.AddOID(TagOID, oid)
			b.AddBitString(TagBitString, bits)
			b.AddGeneralizedTime(TagGeneralizedTime, ts, true)
			b.AddBool(TagBoolean, true)
			b.AddInt64(TagInteger, math.MinInt64)
		})
		big, _ = b.Bytes()
	})
	if allocs != 0 {
		t.Errorf("building long and varied elements allocates %v times, want 0", allocs)
	}
}
