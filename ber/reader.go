package ber

// maxDepth bounds the nesting of indefinite-length elements the reader will
// scan, so that hostile input cannot exhaust the stack.
const maxDepth = 64

// A Reader walks consecutive BER elements in a byte slice. The zero value is
// an empty reader. Readers are small values: copy them freely to look ahead.
type Reader struct {
	data  []byte
	base  int // offset of data[0] in the whole input, for error messages
	depth int
}

// NewReader returns a reader over data; offsets in errors count from data[0].
func NewReader(data []byte) Reader { return Reader{data: data} }

// An Element is one decoded tag-length-value. Raw aliases the input.
//
// It is kept to five words, so that it travels in registers: decoders
// receive one for every element they read. Its methods take a pointer: with
// a value receiver the compiler copied the element into a temporary with
// 16-byte moves over fields just stored 4 and 8 bytes wide, a copy the CPU
// cannot forward from its store buffer (a stall on every field access;
// decoding an event took 38 % longer).
type Element struct {
	Tag    Tag
	meta   uint32 // header length (bits 0–7), depth (8–15), indefinite (16)
	Offset int    // offset of the identifier octet in the whole input
	Raw    []byte // the whole element: identifier, length, content (and end-of-contents)
}

const metaIndefinite = 1 << 16

// Header is the number of identifier and length octets.
func (e *Element) Header() int { return int(e.meta & 0xFF) }

func (e *Element) depth() int { return int(e.meta >> 8 & 0xFF) }

// Content returns the content octets; for an indefinite length, without
// the end-of-contents.
func (e *Element) Content() []byte {
	// Branch-free: bit 16 of meta (metaIndefinite) shifted to the value 2.
	return e.Raw[e.meta&0xFF : len(e.Raw)-int(e.meta>>15&2)]
}

// ContentOffset is the offset of the first content octet in the whole input.
func (e *Element) ContentOffset() int { return e.Offset + e.Header() }

// End is the offset just past the element, end-of-contents included.
func (e *Element) End() int { return e.Offset + len(e.Raw) }

// Reader returns a reader over the children of a constructed element.
func (e *Element) Reader() Reader {
	return Reader{data: e.Content(), base: e.ContentOffset(), depth: e.depth() + 1}
}

// Empty reports whether all input has been consumed.
func (r *Reader) Empty() bool { return len(r.data) == 0 }

// Offset is the offset of the next unread byte in the whole input.
func (r *Reader) Offset() int { return r.base }

// Remaining returns the unread bytes without consuming them.
func (r *Reader) Remaining() []byte { return r.data }

// PeekTag returns the tag of the next element without consuming it; it
// reports false if the reader is empty or the tag is malformed.
func (r *Reader) PeekTag() (Tag, bool) {
	t, _, err := parseTag(r.data, r.base)
	return t, err == nil
}

// Peek reports whether the next element has tag t.
func (r *Reader) Peek(t Tag) bool {
	got, ok := r.PeekTag()
	return ok && got == t
}

// Next reads one element of any tag.
func (r *Reader) Next() (e Element, err error) {
	err = r.Read(&e)
	return e, err
}

// Read is Next into *e, for decoder loops: an Element returned in registers
// is spilled by the caller with narrow stores and then copied with wide
// loads, which the CPU cannot forward; writing it in place avoids that.
func (r *Reader) Read(e *Element) error {
	d := r.data
	if len(d) >= 2 && d[0]&0x1F != 0x1F && d[1] < 0x80 && r.depth <= maxDepth {
		if adv := 2 + int(d[1]); adv <= len(d) {
			c := uint32(d[0])
			e.Tag = Tag((c&0xC0)<<classShift | (c&0x20)<<24 | c&0x1F)
			e.meta = 2 | uint32(r.depth)<<8
			e.Offset = r.base
			e.Raw = d[:adv:adv]
			r.data = d[adv:]
			r.base += adv
			return nil
		}
	}
	var err error
	*e, err = r.next()
	return err
}

// next is Next for every other form, and for the errors.
func (r *Reader) next() (Element, error) {
	if r.depth > maxDepth {
		return Element{}, syntaxErr(ErrTooDeep, r.base, "")
	}
	t, n, err := parseTag(r.data, r.base)
	if err != nil {
		return Element{}, err
	}
	rest := r.data[n:]
	if len(rest) == 0 {
		return Element{}, syntaxErr(ErrTruncated, r.base+n, "length")
	}
	var hdr, clen, extra int
	var indef uint32
	first := rest[0]
	switch {
	case first < 0x80:
		hdr, clen = n+1, int(first)
		if clen > len(rest)-1 {
			return Element{}, syntaxErr(ErrTruncated, r.base+n, "content")
		}
	case first == 0x80:
		if !t.IsConstructed() {
			return Element{}, syntaxErr(ErrLength, r.base+n, "indefinite length on primitive")
		}
		hdr, indef, extra = n+1, metaIndefinite, 2
		clen, err = contentUntilEOC(rest[1:], r.base+n+1, r.depth+1)
		if err != nil {
			return Element{}, err
		}
	case first == 0xFF:
		return Element{}, syntaxErr(ErrLength, r.base+n, "reserved length octet")
	default:
		k := int(first & 0x7F)
		if k > 4 {
			return Element{}, syntaxErr(ErrLength, r.base+n, "length too large")
		}
		if len(rest) < 1+k {
			return Element{}, syntaxErr(ErrTruncated, r.base+n, "length")
		}
		var l uint64
		for _, c := range rest[1 : 1+k] {
			l = l<<8 | uint64(c)
		}
		if l > uint64(len(rest)-1-k) {
			return Element{}, syntaxErr(ErrTruncated, r.base+n, "content")
		}
		hdr, clen = n+1+k, int(l)
	}
	adv := hdr + clen + extra
	e := Element{Tag: t, meta: uint32(hdr) | uint32(r.depth)<<8 | indef, Offset: r.base, Raw: r.data[:adv]}
	r.data = r.data[adv:]
	r.base += adv
	return e, nil
}

// Expect reads the next element and checks that it has tag t; an empty reader
// gives ErrMissing, another tag ErrTag.
func (r *Reader) Expect(t Tag) (Element, error) {
	if len(r.data) == 0 {
		return Element{}, syntaxErr(ErrMissing, r.base, t.String())
	}
	got, ok := r.PeekTag()
	if ok && got != t {
		return Element{}, syntaxErr(ErrTag, r.base, got.String()+", want "+t.String())
	}
	return r.Next()
}

// Optional reads the next element if it has tag t and reports whether it did.
func (r *Reader) Optional(t Tag) (Element, bool, error) {
	if !r.Peek(t) {
		return Element{}, false, nil
	}
	e, err := r.Next()
	return e, err == nil, err
}

// Skip consumes the next element whatever its tag.
func (r *Reader) Skip() error {
	_, err := r.Next()
	return err
}

// Done returns ErrTrailing if unread elements remain. Decoders of closed
// types call it; extensible SEQUENCEs skip what they do not know instead.
func (r *Reader) Done() error {
	if len(r.data) != 0 {
		return syntaxErr(ErrTrailing, r.base, "")
	}
	return nil
}

// parseTag parses the identifier octets at the start of b.
func parseTag(b []byte, off int) (Tag, int, error) {
	if len(b) == 0 {
		return 0, 0, syntaxErr(ErrTruncated, off, "tag")
	}
	first := b[0]
	t := Tag(uint32(first&0xC0) << classShift)
	if first&0x20 != 0 {
		t |= constructedFlag
	}
	if first&0x1F != 0x1F {
		return t | Tag(first&0x1F), 1, nil
	}
	var n uint32
	for i := 1; ; i++ {
		if i >= len(b) {
			return 0, 0, syntaxErr(ErrTruncated, off+i, "tag")
		}
		c := b[i]
		if i == 1 && c == 0x80 {
			return 0, 0, syntaxErr(ErrInvalid, off+i, "tag number padding")
		}
		if i > 5 || n > maxTagNumber>>7 {
			return 0, 0, syntaxErr(ErrInvalid, off+i, "tag number too large")
		}
		n = n<<7 | uint32(c&0x7F)
		if c&0x80 == 0 {
			if n < 31 {
				return 0, 0, syntaxErr(ErrInvalid, off+1, "tag number should use short form")
			}
			return t | Tag(n), i + 1, nil
		}
	}
}

// contentUntilEOC returns the length of the content of an indefinite-length
// element that starts at b, excluding the end-of-contents octets.
func contentUntilEOC(b []byte, off, depth int) (int, error) {
	r := Reader{data: b, base: off, depth: depth}
	for {
		if len(r.data) >= 2 && r.data[0] == 0 && r.data[1] == 0 {
			return r.base - off, nil
		}
		if len(r.data) == 0 {
			return 0, syntaxErr(ErrTruncated, r.base, "end-of-contents")
		}
		if _, err := r.Next(); err != nil {
			return 0, err
		}
	}
}
