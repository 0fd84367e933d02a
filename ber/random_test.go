package ber

// Random trees and values: the builder and the reader against a reference
// encoder, on shapes no table lists.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// A node is an element of a test tree.
type node struct {
	tag     Tag
	content []byte  // primitive
	kids    []*node // constructed
}

func (n *node) String() string {
	if !n.tag.IsConstructed() {
		return fmt.Sprintf("%v(% x)", n.tag, n.content)
	}
	s := make([]string, len(n.kids))
	for i, k := range n.kids {
		s[i] = k.String()
	}
	return fmt.Sprintf("%v{%s}", n.tag, strings.Join(s, ", "))
}

// addNode writes n with the Builder.
func addNode(b *Builder, n *node) {
	if n.tag.IsConstructed() {
		b.AddConstructed(n.tag, func(b *Builder) {
			for _, k := range n.kids {
				addNode(b, k)
			}
		})
		return
	}
	b.AddBytes(n.tag, n.content)
}

// refEncode is an independent encoder for a tree.
func refEncode(n *node) []byte {
	var body []byte
	if n.tag.IsConstructed() {
		for _, k := range n.kids {
			body = append(body, refEncode(k)...)
		}
	} else {
		body = n.content
	}
	first := byte(n.tag.Class())
	if n.tag.IsConstructed() {
		first |= 0x20
	}
	var out []byte
	if num := n.tag.Number(); num < 31 {
		out = []byte{first | byte(num)}
	} else {
		var digits []byte
		for v := num; v > 0; v >>= 7 {
			digits = append([]byte{byte(v&0x7f) | 0x80}, digits...)
		}
		digits[len(digits)-1] &= 0x7f
		out = append([]byte{first | 0x1f}, digits...)
	}
	out = append(out, refLength(len(body))...)
	return append(out, body...)
}

// readNodes decodes all elements of r into trees.
func readNodes(r Reader) ([]*node, error) {
	var out []*node
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return nil, err
		}
		n := &node{tag: e.Tag}
		if e.Tag.IsConstructed() {
			if n.kids, err = readNodes(e.Reader()); err != nil {
				return nil, err
			}
		} else {
			n.content = e.Content()
		}
		out = append(out, n)
	}
	return out, nil
}

func sameTree(a, b *node) bool {
	if a.tag != b.tag || len(a.kids) != len(b.kids) || !bytes.Equal(a.content, b.content) {
		return false
	}
	for i := range a.kids {
		if !sameTree(a.kids[i], b.kids[i]) {
			return false
		}
	}
	return true
}

var tagNumbers = []uint32{0, 1, 2, 4, 16, 30, 31, 32, 127, 128, 255, 16383, 16384, 1<<21 - 1, 1 << 21, 1<<28 - 1, 1 << 28, maxTagNumber}

var contentLengths = []int{0, 1, 2, 3, 10, 126, 127, 128, 129, 255, 256, 300, 1000, 65535, 65536}

// randTree returns a random well-formed tree of at most the given depth.
func randTree(rnd *rand.Rand, depth int) *node {
	classes := []Class{ClassUniversal, ClassApplication, ClassContext, ClassPrivate}
	var num uint32
	if rnd.IntN(2) == 0 {
		num = tagNumbers[rnd.IntN(len(tagNumbers))]
	} else {
		num = rnd.Uint32N(maxTagNumber + 1)
	}
	n := &node{tag: NewTag(classes[rnd.IntN(4)], num)}
	if depth > 0 && rnd.IntN(3) != 0 {
		n.tag = n.tag.Constructed()
		for i := rnd.IntN(5); i > 0; i-- {
			n.kids = append(n.kids, randTree(rnd, depth-1))
		}
		return n
	}
	l := rnd.IntN(20)
	if rnd.IntN(8) == 0 {
		l = contentLengths[rnd.IntN(len(contentLengths))]
	}
	n.content = make([]byte, l)
	for i := range n.content {
		n.content[i] = byte(rnd.Uint32())
	}
	return n
}

// checkTreeRoundTrip builds trees with the Builder and checks the bytes
// against the reference encoder and the decoded trees against the originals.
func checkTreeRoundTrip(t *testing.T, rnd *rand.Rand, buf []byte) []byte {
	t.Helper()
	var trees []*node
	for i := rnd.IntN(4); i >= 0; i-- {
		trees = append(trees, randTree(rnd, 1+rnd.IntN(6)))
	}
	var b Builder
	b.Reset(buf)
	var ref []byte
	for _, n := range trees {
		addNode(&b, n)
		ref = append(ref, refEncode(n)...)
	}
	enc, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(enc, ref) {
		t.Fatalf("Builder output differs from reference encoding for %v", trees)
	}
	got, err := readNodes(NewReader(enc))
	if err != nil {
		t.Fatalf("decoding %v: %v", trees, err)
	}
	if len(got) != len(trees) {
		t.Fatalf("decoded %d elements, want %d", len(got), len(trees))
	}
	for i := range trees {
		if !sameTree(got[i], trees[i]) {
			t.Fatalf("tree %d:\n got %v\nwant %v", i, got[i], trees[i])
		}
	}
	return enc
}

func TestBuilderReaderRandomTrees(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	n := 2000
	if testing.Short() {
		n = 200
	}
	var buf []byte
	for i := 0; i < n; i++ {
		buf = checkTreeRoundTrip(t, rnd, buf)
	}
}

// minimalInt is an independent minimal two's complement encoder.
func minimalInt(v int64) []byte {
	var b [8]byte
	for i := range b {
		b[i] = byte(v >> (56 - 8*i))
	}
	s := b[:]
	for len(s) > 1 && ((s[0] == 0 && s[1] < 0x80) || (s[0] == 0xff && s[1] >= 0x80)) {
		s = s[1:]
	}
	return s
}

func TestValuesRandomRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 5000; i++ {
		// INTEGER, over all magnitudes.
		v := int64(rnd.Uint64()) >> rnd.IntN(64)
		enc := build(t, func(b *Builder) { b.AddInt64(TagInteger, v) })
		want := append([]byte{0x02, 0}, minimalInt(v)...)
		want[1] = byte(len(want) - 2)
		if !bytes.Equal(enc, want) {
			t.Fatalf("AddInt64(%d) = % x, want % x", v, enc, want)
		}
		r := NewReader(enc)
		e, _ := r.Next()
		if got, err := e.Int64(); err != nil || got != v {
			t.Fatalf("Int64 of %d: %d, %v", v, got, err)
		}

		// OBJECT IDENTIFIER.
		o := OID{uint32(rnd.IntN(3)), 0}
		if o[0] < 2 {
			o[1] = uint32(rnd.IntN(40))
		} else {
			o[1] = rnd.Uint32() >> rnd.IntN(32)
		}
		for k := rnd.IntN(8); k > 0; k-- {
			o = append(o, rnd.Uint32()>>rnd.IntN(32))
		}
		enc = build(t, func(b *Builder) { b.AddOID(TagOID, o) })
		r = NewReader(enc)
		e, _ = r.Next()
		if got, err := e.OID(); err != nil || !got.Equal(o) {
			t.Fatalf("OID %v: %v, %v (% x)", o, got, err, enc)
		}

		// BIT STRING.
		bs := BitString{Length: rnd.IntN(100)}
		bs.Bytes = make([]byte, (bs.Length+7)/8)
		for k := range bs.Bytes {
			bs.Bytes[k] = byte(rnd.Uint32())
		}
		enc = build(t, func(b *Builder) { b.AddBitString(TagBitString, bs) })
		r = NewReader(enc)
		e, _ = r.Next()
		got, err := e.BitString()
		if err != nil || got.Length != bs.Length {
			t.Fatalf("BitString %+v: %+v, %v", bs, got, err)
		}
		for k := 0; k < bs.Length+8; k++ {
			if got.At(k) != bs.At(k) {
				t.Fatalf("BitString %+v: bit %d", bs, k)
			}
		}

		// GeneralizedTime, with millisecond precision.
		tm := time.Unix(rnd.Int64N(253402300799-62135596800)-62135596800+86400, rnd.Int64N(1e9)).UTC()
		zoned := rnd.IntN(2) == 0
		enc = build(t, func(b *Builder) { b.AddGeneralizedTime(TagGeneralizedTime, tm, zoned) })
		r = NewReader(enc)
		e, _ = r.Next()
		back, z, err := e.GeneralizedTime(nil)
		if err != nil || z != zoned || !back.Equal(tm.Truncate(time.Millisecond)) {
			t.Fatalf("GeneralizedTime %v (%s): %v, %v, %v", tm, e.Content(), back, z, err)
		}
	}
}
