package ber_test

import (
	"errors"
	"fmt"

	"github.com/cstav3/cstav3/ber"
)

// Build a SEQUENCE { INTEGER, IA5String, [0] BOOLEAN, [1] SEQUENCE { NULL } }.
func ExampleBuilder() {
	var b ber.Builder
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddInt(ber.TagInteger, 211)
		b.AddString(ber.TagIA5String, "100")
		b.AddBool(ber.Context(0), true)
		b.AddConstructed(ber.Context(1), func(b *ber.Builder) {
			b.AddNull(ber.TagNull)
		})
	})
	out, err := b.Bytes()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("% x\n", out)
	// Output:
	// 30 10 02 02 00 d3 16 03 31 30 30 80 01 ff a1 02 05 00
}

// Read the SEQUENCE of the Builder example back, field by field.
func ExampleReader() {
	in := []byte{0x30, 0x10, 0x02, 0x02, 0x00, 0xd3, 0x16, 0x03, 0x31, 0x30, 0x30,
		0x80, 0x01, 0xff, 0xa1, 0x02, 0x05, 0x00}

	r := ber.NewReader(in)
	seq, err := r.Expect(ber.TagSequence)
	if err != nil {
		fmt.Println(err)
		return
	}
	fields := seq.Reader()

	e, _ := fields.Expect(ber.TagInteger)
	n, _ := e.Int()
	e, _ = fields.Expect(ber.TagIA5String)
	s, _ := e.Text()
	fmt.Println("integer:", n, "string:", s)

	if e, ok, _ := fields.Optional(ber.Context(0)); ok {
		v, _ := e.Bool()
		fmt.Println("[0]:", v)
	}
	if _, ok, _ := fields.Optional(ber.Context(9)); !ok {
		fmt.Println("[9]: absent")
	}
	e, _ = fields.Expect(ber.Context(1).Constructed())
	inner := e.Reader()
	null, _ := inner.Next()
	fmt.Println("[1] holds", null.Tag, "at offset", null.Offset)

	fmt.Println("done:", fields.Done(), r.Done())
	// Output:
	// integer: 211 string: 100
	// [0]: true
	// [9]: absent
	// [1] holds [UNIVERSAL 5] at offset 16
	// done: <nil> <nil>
}

// Errors carry the offset and, with Field, the path of the field.
func ExampleField() {
	in := []byte{0x30, 0x03, 0x02, 0x05, 0x01} // INTEGER claims 5 bytes
	r := ber.NewReader(in)
	seq, _ := r.Next()
	fields := seq.Reader()
	_, err := fields.Expect(ber.TagInteger)
	err = ber.Field("invokeID", err)
	err = ber.Field("Invoke", err)
	fmt.Println(err)
	fmt.Println(errors.Is(err, ber.ErrTruncated))
	// Output:
	// Invoke.invokeID: truncated content at offset 3
	// true
}

// Indefinite lengths and constructed strings are read transparently.
func ExampleElement_Bytes() {
	in := []byte{0x24, 0x80, // OCTET STRING, constructed, indefinite length
		0x04, 0x02, 'a', 'b',
		0x04, 0x01, 'c',
		0x00, 0x00}
	r := ber.NewReader(in)
	e, _ := r.Next()
	v, _ := e.Bytes()
	fmt.Printf("%q, element ends at %d\n", v, e.End())
	// Output:
	// "abc", element ends at 11
}

func ExampleElement_OID() {
	r := ber.NewReader([]byte{0x06, 0x05, 0x2b, 0x0c, 0x00, 0x81, 0x5a})
	e, _ := r.Next()
	oid, _ := e.OID()
	fmt.Println(oid, oid.Equal(ber.OID{1, 3, 12, 0, 218}))
	// Output:
	// 1.3.12.0.218 true
}
