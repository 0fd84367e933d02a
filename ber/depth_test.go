package ber

// The nesting bound: deep definite and indefinite nesting stop with
// ErrTooDeep, never a stack overflow.

import (
	"bytes"
	"testing"
)

// nestIndefinite returns n nested indefinite-length SEQUENCEs.
func nestIndefinite(n int) []byte {
	b := bytes.Repeat([]byte{0x30, 0x80}, n)
	return append(b, make([]byte, 2*n)...)
}

// nestDefinite returns n nested definite-length SEQUENCEs around a NULL.
func nestDefinite(n int) []byte {
	var b Builder
	var add func(int)
	add = func(k int) {
		if k == 0 {
			b.AddNull(TagNull)
			return
		}
		b.AddConstructed(TagSequence, func(*Builder) { add(k - 1) })
	}
	add(n)
	out, err := b.Bytes()
	if err != nil {
		panic(err)
	}
	return out
}

// walkDepth reads every element recursively and returns the first error.
func walkDepth(r Reader) error {
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return err
		}
		if e.Tag.IsConstructed() {
			if err := walkDepth(e.Reader()); err != nil {
				return err
			}
		}
	}
	return nil
}

func TestMaxDepth(t *testing.T) {
	for _, n := range []int{1, 10, maxDepth} {
		if err := walkDepth(NewReader(nestIndefinite(n))); err != nil {
			t.Errorf("%d nested indefinite: %v", n, err)
		}
		if err := walkDepth(NewReader(nestDefinite(n))); err != nil {
			t.Errorf("%d nested definite: %v", n, err)
		}
	}
	for _, n := range []int{maxDepth + 2, 2 * maxDepth, 10000} {
		// A single Next on the outermost indefinite element must already
		// stop, since it has to find the end-of-contents.
		r := NewReader(nestIndefinite(n))
		_, err := r.Next()
		checkErr(t, err, ErrTooDeep, 2*(maxDepth+1))
		err = walkDepth(NewReader(nestIndefinite(n)))
		checkErr(t, err, ErrTooDeep, 2*(maxDepth+1))
		err = walkDepth(NewReader(nestDefinite(n)))
		checkErr(t, err, ErrTooDeep, -1)
	}
	// Inside a constructed string: Next succeeds (definite lengths), the
	// reassembly in Bytes stops.
	var b Builder
	var add func(int)
	add = func(k int) {
		if k == 0 {
			b.AddString(TagOctetString, "x")
			return
		}
		b.AddConstructed(TagOctetString, func(*Builder) { add(k - 1) })
	}
	add(200)
	deep, _ := b.Bytes()
	r := NewReader(deep)
	e, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Bytes()
	checkErr(t, err, ErrTooDeep, -1)
	_, err = e.Text()
	checkErr(t, err, ErrTooDeep, -1)
}
