package ber

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// hx decodes hex, ignoring white space; it panics on bad test data.
func hx(s string) []byte {
	b, err := hex.DecodeString(strings.Join(strings.Fields(s), ""))
	if err != nil {
		panic(fmt.Sprintf("bad hex %q: %v", s, err))
	}
	return b
}

// checkErr fails unless err is a *SyntaxError wrapping want at offset off
// (off < 0: offset not checked).
func checkErr(t *testing.T, err, want error, off int) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("err = %v, want %v", err, want)
	}
	var se *SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("err %v (%T) is not a *SyntaxError", err, err)
	}
	if off >= 0 && se.Offset != off {
		t.Fatalf("err %v: Offset = %d, want %d", err, se.Offset, off)
	}
}

var tagTests = []struct {
	tag Tag
	enc string
	str string
}{
	{Universal(0), "00", "[UNIVERSAL 0]"},
	{TagBoolean, "01", "[UNIVERSAL 1]"},
	{TagInteger, "02", "[UNIVERSAL 2]"},
	{TagOctetString.Constructed(), "24", "[UNIVERSAL 4] constructed"},
	{TagSequence, "30", "[UNIVERSAL 16] constructed"},
	{TagSet, "31", "[UNIVERSAL 17] constructed"},
	{TagGeneralizedTime, "18", "[UNIVERSAL 24]"},
	{Universal(30), "1e", "[UNIVERSAL 30]"},
	{Universal(31), "1f 1f", "[UNIVERSAL 31]"},
	{Application(0), "40", "[APPLICATION 0]"},
	{Application(21), "55", "[APPLICATION 21]"},
	{Application(0).Constructed(), "60", "[APPLICATION 0] constructed"},
	{Application(31).Constructed(), "7f 1f", "[APPLICATION 31] constructed"},
	{Context(0), "80", "[0]"},
	{Context(3).Constructed(), "a3", "[3] constructed"},
	{Context(30), "9e", "[30]"},
	{Context(31), "9f 1f", "[31]"},
	{Context(127), "9f 7f", "[127]"},
	{Context(128), "9f 81 00", "[128]"},
	{Context(200).Constructed(), "bf 81 48", "[200] constructed"},
	{NewTag(ClassPrivate, 0), "c0", "[PRIVATE 0]"},
	{NewTag(ClassPrivate, 5).Constructed(), "e5", "[PRIVATE 5] constructed"},
	{NewTag(ClassPrivate, 16383), "df ff 7f", "[PRIVATE 16383]"},
	{NewTag(ClassPrivate, 16384), "df 81 80 00", "[PRIVATE 16384]"},
	{Universal(1<<21 - 1), "1f ff ff 7f", "[UNIVERSAL 2097151]"},
	{Universal(1 << 21), "1f 81 80 80 00", "[UNIVERSAL 2097152]"},
	{Application(1 << 28).Constructed(), "7f 81 80 80 80 00", "[APPLICATION 268435456] constructed"},
	{Context(maxTagNumber), "9f 81 ff ff ff 7f", "[536870911]"},
	{NewTag(ClassPrivate, maxTagNumber).Constructed(), "ff 81 ff ff ff 7f", "[PRIVATE 536870911] constructed"},
}

// repeat returns n bytes of a counting pattern.
func repeat(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
	return b
}

func TestDefiniteLengths(t *testing.T) {
	tests := []struct {
		hdr    string
		n      int // content length
		header int
	}{
		{"04 00", 0, 2},
		{"04 03", 3, 2},
		{"04 7f", 127, 2},
		{"04 81 80", 128, 3},
		{"04 81 ff", 255, 3},
		{"04 82 01 00", 256, 4},
		{"04 82 ff ff", 65535, 4},
		{"04 83 01 00 00", 65536, 5},
		{"04 84 00 01 00 00", 65536, 6},
		// Non-minimal long forms are valid BER.
		{"04 81 00", 0, 3},
		{"04 81 05", 5, 3},
		{"04 82 00 05", 5, 4},
		{"04 83 00 00 05", 5, 5},
		{"04 84 00 00 00 05", 5, 6},
		{"04 82 00 7f", 127, 4},
		{"9f 81 00 81 03", 3, 5},
	}
	for _, tt := range tests {
		content := repeat(tt.n)
		in := append(hx(tt.hdr), content...)
		in = append(in, 0x05, 0x00) // a following NULL
		r := NewReader(in)
		e, err := r.Next()
		if err != nil {
			t.Errorf("%s: %v", tt.hdr, err)
			continue
		}
		if e.Header() != tt.header || !bytes.Equal(e.Content(), content) {
			t.Errorf("%s: Header %d Content len %d, want %d, %d", tt.hdr, e.Header(), len(e.Content()), tt.header, tt.n)
		}
		if e.Offset != 0 || e.ContentOffset() != tt.header || e.End() != tt.header+tt.n {
			t.Errorf("%s: Offset %d ContentOffset %d End %d", tt.hdr, e.Offset, e.ContentOffset(), e.End())
		}
		if !bytes.Equal(e.Raw, in[:e.End()]) {
			t.Errorf("%s: Raw is not the whole element", tt.hdr)
		}
		if r.Offset() != e.End() {
			t.Errorf("%s: reader offset %d, want %d", tt.hdr, r.Offset(), e.End())
		}
		n, err := r.Next()
		if err != nil || n.Tag != TagNull || n.Offset != e.End() || !r.Empty() {
			t.Errorf("%s: following element: %+v, %v", tt.hdr, n, err)
		}
	}
}

func TestLengthErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		off  int
	}{
		{"04", ErrTruncated, 1},
		{"9f 81 00", ErrTruncated, 3},
		{"04 01", ErrTruncated, 1},
		{"04 05 61 62", ErrTruncated, 1},
		{"04 81", ErrTruncated, 1},
		{"04 81 02 00", ErrTruncated, 1},
		{"04 82 01", ErrTruncated, 1},
		{"04 82 01 00 00", ErrTruncated, 1},
		{"04 84 00 00 01", ErrTruncated, 1},
		{"04 84 ff ff ff ff 00", ErrTruncated, 1},
		{"bf 81 48 83 01 00 00 00", ErrTruncated, 3},
		{"04 ff", ErrLength, 1},
		{"04 ff 00", ErrLength, 1},
		{"04 85 00 00 00 00 01 00", ErrLength, 1},
		{"04 88 00 00 00 00 00 00 00 01 00", ErrLength, 1},
		{"04 fe", ErrLength, 1},
		{"30 85 00 00 00 00 00", ErrLength, 1},
		{"9f 1f ff", ErrLength, 2},
		{"04 80 00 00", ErrLength, 1}, // indefinite on a primitive
		{"02 80 01 00 00", ErrLength, 1},
		{"9f 81 00 80 00 00", ErrLength, 3},
	}
	for _, tt := range tests {
		r := NewReader(hx(tt.in))
		_, err := r.Next()
		checkErr(t, err, tt.want, tt.off)
		if r.Offset() != 0 || len(r.Remaining()) != len(hx(tt.in)) {
			t.Errorf("%s: reader advanced after error", tt.in)
		}
	}
}

func TestErrorOffsetsNested(t *testing.T) {
	// SEQUENCE { INTEGER 5, SEQUENCE { OCTET STRING (length 5 but 2 bytes) } }
	in := hx("30 09 02 01 05 30 04 04 05 61 62")
	r := NewReader(in)
	outer, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	r1 := outer.Reader()
	if r1.Offset() != 2 {
		t.Fatalf("child reader offset %d", r1.Offset())
	}
	if err := r1.Skip(); err != nil {
		t.Fatal(err)
	}
	inner, err := r1.Next()
	if err != nil {
		t.Fatal(err)
	}
	if inner.Offset != 5 || inner.ContentOffset() != 7 || inner.End() != 11 {
		t.Errorf("inner: Offset %d ContentOffset %d End %d", inner.Offset, inner.ContentOffset(), inner.End())
	}
	r2 := inner.Reader()
	_, err = r2.Next()
	checkErr(t, err, ErrTruncated, 8)

	// Truncated tag deep inside: offset counts from the whole input.
	r = NewReader(hx("30 06 30 04 05 00 bf 81"))
	outer, _ = r.Next()
	r1 = outer.Reader()
	inner, err = r1.Next()
	if err != nil {
		t.Fatal(err)
	}
	r2 = inner.Reader()
	if err := r2.Skip(); err != nil {
		t.Fatal(err)
	}
	_, err = r2.Next()
	checkErr(t, err, ErrTruncated, 8)
}

func TestIndefiniteLength(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		content  string
		children []Tag
	}{
		{"empty", "30 80 00 00", "", nil},
		{"one", "30 80 02 01 05 00 00", "02 01 05", []Tag{TagInteger}},
		{"two", "a1 80 02 01 05 04 01 61 00 00", "02 01 05 04 01 61", []Tag{TagInteger, TagOctetString}},
		{"nested", "30 80 30 80 02 01 05 00 00 00 00", "30 80 02 01 05 00 00", []Tag{TagSequence}},
		{"nested definite", "30 80 30 03 02 01 05 00 00", "30 03 02 01 05", []Tag{TagSequence}},
		{"definite holding zeros", "30 80 04 02 00 00 00 00", "04 02 00 00", []Tag{TagOctetString}},
		{"nested empty", "30 80 30 80 00 00 30 80 00 00 00 00", "30 80 00 00 30 80 00 00", []Tag{TagSequence, TagSequence}},
		{"long tag", "bf 81 48 80 9f 1f 00 00 00", "9f 1f 00", []Tag{Context(31)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append(hx(tt.in), 0x05, 0x00)
			r := NewReader(in)
			e, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			total := len(in) - 2
			if !bytes.Equal(e.Content(), hx(tt.content)) {
				t.Errorf("Content = % x, want %s", e.Content(), tt.content)
			}
			if e.End() != total || len(e.Raw) != total || r.Offset() != total {
				t.Errorf("End %d, len(Raw) %d, reader offset %d, want %d", e.End(), len(e.Raw), r.Offset(), total)
			}
			if e.ContentOffset()+len(e.Content())+2 != e.End() {
				t.Errorf("end-of-contents not accounted for")
			}
			var got []Tag
			cr := e.Reader()
			for !cr.Empty() {
				c, err := cr.Next()
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, c.Tag)
				if c.Tag.IsConstructed() {
					// Walk grandchildren too.
					gr := c.Reader()
					for !gr.Empty() {
						if err := gr.Skip(); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.children) {
				t.Errorf("children %v, want %v", got, tt.children)
			}
			if n, err := r.Next(); err != nil || n.Tag != TagNull {
				t.Errorf("next element after indefinite: %v, %v", n, err)
			}
		})
	}
}

func TestIndefiniteLengthErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		off  int
	}{
		{"30 80", ErrTruncated, 2},
		{"30 80 00", ErrTruncated, 3},
		{"30 80 02 01 05", ErrTruncated, 5},
		{"30 80 02 01 05 00", ErrTruncated, 6},
		{"30 80 30 80 00 00", ErrTruncated, 6},
		{"30 80 30 80 02 01 05 00 00 00", ErrTruncated, 10},
		{"30 80 02 05 01 00 00", ErrTruncated, 3},
		{"30 80 04 80 00 00 00 00", ErrLength, 3},
		{"30 80 30 80 04 ff 00 00 00 00", ErrLength, 5},
		{"30 80 1f 80 01 00 00", ErrInvalid, 3},
		{"30 80 30 ff 00 00", ErrLength, 3},
	}
	for _, tt := range tests {
		r := NewReader(hx(tt.in))
		_, err := r.Next()
		checkErr(t, err, tt.want, tt.off)
	}
}

func TestElementRawEndOffsets(t *testing.T) {
	// [APPLICATION 1] { INTEGER 1, [31] "ab", SEQUENCE (indefinite) { NULL } }
	in := hx("61 0e 02 01 01 9f 1f 02 61 62 30 80 05 00 00 00 ff")
	r := NewReader(in)
	e, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if e.Tag != Application(1).Constructed() || e.Offset != 0 || e.Header() != 2 || e.ContentOffset() != 2 || e.End() != 16 {
		t.Fatalf("outer %+v", e)
	}
	if !bytes.Equal(e.Raw, in[:16]) || !bytes.Equal(r.Remaining(), []byte{0xff}) || r.Offset() != 16 {
		t.Fatalf("outer Raw/Remaining wrong")
	}
	want := []struct {
		tag                 Tag
		off, hdr, coff, end int
		content             string
	}{
		{TagInteger, 2, 2, 4, 5, "01"},
		{Context(31), 5, 3, 8, 10, "61 62"},
		{TagSequence, 10, 2, 12, 16, "05 00"},
	}
	cr := e.Reader()
	for i, w := range want {
		c, err := cr.Next()
		if err != nil {
			t.Fatal(err)
		}
		if c.Tag != w.tag || c.Offset != w.off || c.Header() != w.hdr || c.ContentOffset() != w.coff || c.End() != w.end || !bytes.Equal(c.Content(), hx(w.content)) {
			t.Errorf("child %d: %+v, ContentOffset %d End %d", i, c, c.ContentOffset(), c.End())
		}
		if !bytes.Equal(c.Raw, in[w.off:w.end]) {
			t.Errorf("child %d: Raw % x, want % x", i, c.Raw, in[w.off:w.end])
		}
		if cr.Offset() != w.end {
			t.Errorf("child %d: reader offset %d", i, cr.Offset())
		}
	}
	if !cr.Empty() || cr.Done() != nil {
		t.Error("child reader not done")
	}
	// Content and Raw alias the input.
	if &e.Content()[0] != &in[2] || &e.Raw[0] != &in[0] {
		t.Error("element does not alias the input")
	}
}

func TestReaderHelpers(t *testing.T) {
	in := hx("02 01 05 80 01 07 a1 03 05 01 00")
	t.Run("Peek", func(t *testing.T) {
		r := NewReader(in)
		if !r.Peek(TagInteger) || r.Peek(TagOctetString) || r.Peek(TagInteger.Constructed()) {
			t.Error("Peek wrong")
		}
		if tag, ok := r.PeekTag(); !ok || tag != TagInteger {
			t.Errorf("PeekTag = %v %v", tag, ok)
		}
		if r.Offset() != 0 {
			t.Error("Peek consumed input")
		}
		var empty Reader
		if _, ok := empty.PeekTag(); ok || empty.Peek(Universal(0)) || !empty.Empty() {
			t.Error("zero Reader not empty")
		}
		bad := NewReader(hx("1f 80 01 00"))
		if _, ok := bad.PeekTag(); ok || bad.Peek(Universal(1)) {
			t.Error("PeekTag ok on malformed tag")
		}
	})
	t.Run("Expect", func(t *testing.T) {
		r := NewReader(in)
		e, err := r.Expect(TagInteger)
		if err != nil || e.Tag != TagInteger || r.Offset() != 3 {
			t.Fatalf("Expect = %v, %v", e, err)
		}
		_, err = r.Expect(Context(1))
		checkErr(t, err, ErrTag, 3)
		if !strings.Contains(err.Error(), "[0]") || !strings.Contains(err.Error(), "want [1]") {
			t.Errorf("ErrTag message %q lacks the tags", err)
		}
		if r.Offset() != 3 {
			t.Error("Expect consumed a wrong tag")
		}
		if _, err := r.Expect(Context(0)); err != nil {
			t.Fatal(err)
		}
		e, err = r.Expect(Context(1).Constructed())
		if err != nil || e.Offset != 6 {
			t.Fatal(err)
		}
		_, err = r.Expect(TagNull)
		checkErr(t, err, ErrMissing, 11)
		if !strings.Contains(err.Error(), "[UNIVERSAL 5]") {
			t.Errorf("ErrMissing message %q lacks the tag", err)
		}
		// Malformed input reports the syntax error, not ErrTag.
		bad := NewReader(hx("1f 80 01 00"))
		_, err = bad.Expect(TagNull)
		checkErr(t, err, ErrInvalid, 1)
		trunc := NewReader(hx("05 01"))
		_, err = trunc.Expect(TagNull)
		checkErr(t, err, ErrTruncated, 1)
	})
	t.Run("Optional", func(t *testing.T) {
		r := NewReader(in)
		e, ok, err := r.Optional(Context(0))
		if ok || err != nil || e.Tag != 0 || r.Offset() != 0 {
			t.Fatal("Optional took an absent element")
		}
		e, ok, err = r.Optional(TagInteger)
		if !ok || err != nil || e.Tag != TagInteger || r.Offset() != 3 {
			t.Fatalf("Optional = %v %v %v", e, ok, err)
		}
		var empty Reader
		if _, ok, err := empty.Optional(TagInteger); ok || err != nil {
			t.Error("Optional on empty reader")
		}
		bad := NewReader(hx("02 05 01"))
		_, ok, err = bad.Optional(TagInteger)
		if ok {
			t.Error("Optional reported ok with an error")
		}
		checkErr(t, err, ErrTruncated, 1)
	})
	t.Run("SkipDone", func(t *testing.T) {
		r := NewReader(in)
		checkErr(t, r.Done(), ErrTrailing, 0)
		for i := 0; i < 3; i++ {
			if err := r.Skip(); err != nil {
				t.Fatal(err)
			}
		}
		if err := r.Done(); err != nil || !r.Empty() {
			t.Fatalf("Done = %v", err)
		}
		err := r.Skip()
		checkErr(t, err, ErrTruncated, 11)
		r = NewReader(in)
		r.Skip()
		checkErr(t, r.Done(), ErrTrailing, 3)
		bad := NewReader(hx("04 ff"))
		checkErr(t, bad.Skip(), ErrLength, 1)
	})
	t.Run("CopyLookahead", func(t *testing.T) {
		r := NewReader(in)
		look := r
		look.Skip()
		look.Skip()
		if r.Offset() != 0 || look.Offset() != 6 {
			t.Error("copy of a Reader shares position")
		}
	})
}

func decodeSmall(in []byte) (sum int64, n int, err error) {
	r := NewReader(in)
	top, err := r.Expect(Application(1).Constructed())
	if err != nil {
		return 0, 0, err
	}
	var walk func(Reader) error
	walk = func(r Reader) error {
		for !r.Empty() {
			e, err := r.Next()
			if err != nil {
				return err
			}
			switch {
			case e.Tag.IsConstructed():
				if err := walk(e.Reader()); err != nil {
					return err
				}
			case e.Tag == TagInteger || e.Tag == TagEnumerated:
				v, err := e.Int64()
				if err != nil {
					return err
				}
				sum += v
			case e.Tag == TagNull:
				if err := e.Null(); err != nil {
					return err
				}
			default:
				s, err := e.Text()
				if err != nil {
					return err
				}
				n += len(s)
			}
		}
		return r.Done()
	}
	err = walk(top.Reader())
	return sum, n, err
}

func TestDecodeAllocs(t *testing.T) {
	sum, n, err := decodeSmall(allocInput)
	if err != nil || sum != 27 || n != 7 {
		t.Fatalf("decodeSmall = %d, %d, %v", sum, n, err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		r := NewReader(allocInput)
		top, _ := r.Next()
		cr := top.Reader()
		i, _ := cr.Next()
		v, _ := i.Int64()
		c0, _ := cr.Next()
		c0r := c0.Reader()
		seq, _ := c0r.Next()
		sr := seq.Reader()
		dev, _ := sr.Expect(Context(0))
		s, _ := dev.Text()
		en, _ := sr.Expect(TagEnumerated)
		k, _ := en.Int()
		sr.Optional(TagNull)
		if v+int64(k) != 27 || s != "100" || sr.Done() != nil {
			panic("wrong decode")
		}
		cr.Skip()
		o, _ := cr.Expect(TagOctetString)
		b, _ := o.Bytes()
		if string(b) != "b164" {
			panic("wrong decode")
		}
		if cr.Done() != nil {
			panic("trailing")
		}
	})
	if allocs != 0 {
		t.Errorf("decoding allocates %v times, want 0", allocs)
	}
	// The recursive walker too.
	allocs = testing.AllocsPerRun(100, func() {
		if _, _, err := decodeSmall(allocInput); err != nil {
			panic(err)
		}
	})
	if allocs > 1 { // the closure in decodeSmall may be heap allocated
		t.Errorf("recursive decode allocates %v times", allocs)
	}
}

// TestReadMatchesNext holds Read, the in-place form of Next, to Next on
// every form: short and long lengths, multi-octet tags, indefinite
// lengths, errors, and a reader at its depth limit.
func TestReadMatchesNext(t *testing.T) {
	inputs := []string{
		"020105",
		"0403616263",
		"3081020500",
		"bf1f020500",
		"30800500 0000",
		"0481",
		"02",
		"",
		"1f80",
	}
	for _, in := range inputs {
		data := hx(in)
		r1, r2 := NewReader(data), NewReader(data)
		for i := 0; ; i++ {
			want, werr := r1.Next()
			var got Element
			gerr := r2.Read(&got)
			if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gerr, werr) {
				t.Fatalf("%s #%d: Read gave %+v, %v; Next %+v, %v", in, i, got, gerr, want, werr)
			}
			if werr != nil || r1.Empty() {
				break
			}
		}
	}
	deep := Reader{data: hx("020105"), depth: maxDepth + 1}
	var e Element
	if err := deep.Read(&e); !errors.Is(err, ErrTooDeep) {
		t.Errorf("Read past the depth limit: %v", err)
	}
}
