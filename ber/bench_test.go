package ber

import (
	"testing"
	"time"
)

// benchWalk reads every element recursively, decoding integers and strings.
func benchWalk(r Reader) (n int, err error) {
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return n, err
		}
		switch {
		case e.Tag.IsConstructed():
			k, err := benchWalk(e.Reader())
			if err != nil {
				return n, err
			}
			n += k
		case e.Tag == TagInteger || e.Tag == TagEnumerated:
			v, err := e.Int64()
			if err != nil {
				return n, err
			}
			n += int(v)
		default:
			s, err := e.Text()
			if err != nil {
				return n, err
			}
			n += len(s)
		}
	}
	return n, nil
}

func BenchmarkReaderWalk(b *testing.B) {
	vec := readVectors(b)
	for _, name := range []string{"pbx-event-delivered.hex", "client-monitorstart-100.hex", "client-aarq-amhost.hex"} {
		in := vec[name]
		b.Run(name[:len(name)-4], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := benchWalk(NewReader(in)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// Nested indefinite lengths make every level rescan its content.
	in := nestIndefinite(maxDepth)
	b.Run("indefinite-depth-64", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(in)))
		for b.Loop() {
			if _, err := benchWalk(NewReader(in)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBuilder(b *testing.B) {
	b.Run("small", func(b *testing.B) {
		b.ReportAllocs()
		var bld Builder
		buf := make([]byte, 0, 256)
		b.SetBytes(int64(len(allocInput)))
		for b.Loop() {
			buf = buildSmall(&bld, buf)
		}
	})
	// A DeliveredEvent-shaped PDU with every value kind.
	ts := time.Date(2010, 9, 16, 12, 0, 0, 0, time.UTC)
	b.Run("event", func(b *testing.B) {
		b.ReportAllocs()
		var bld Builder
		buf := make([]byte, 0, 256)
		for b.Loop() {
			bld.Reset(buf)
			bld.AddConstructed(Context(1), func(bb *Builder) {
				bb.AddInt(TagInteger, 5)
				bb.AddInt(TagInteger, 21)
				bb.AddConstructed(TagSequence, func(bb *Builder) {
					bb.AddBytes(Application(21), []byte{0, 1})
					bb.AddConstructed(Context(0), func(bb *Builder) {
						bb.AddConstructed(Context(4), func(bb *Builder) {
							for _, dev := range [...]string{"100", "200", "100", "100"} {
								bb.AddConstructed(Application(11), func(bb *Builder) {
									bb.AddConstructed(TagSequence, func(bb *Builder) {
										bb.AddString(Context(0), dev)
									})
								})
							}
							bb.AddInt(Application(14), 2)
							bb.AddInt(TagEnumerated, 22)
						})
					})
					bb.AddConstructed(Application(30), func(bb *Builder) {
						bb.AddConstructed(Context(0), func(bb *Builder) {
							bb.AddGeneralizedTime(TagGeneralizedTime, ts, false)
						})
					})
				})
			})
			out, err := bld.Bytes()
			if err != nil {
				b.Fatal(err)
			}
			buf = out
		}
		b.SetBytes(int64(len(buf)))
	})
	b.Run("long-lengths", func(b *testing.B) {
		b.ReportAllocs()
		var bld Builder
		payload := repeat(1000)
		buf := make([]byte, 0, 64<<10)
		for b.Loop() {
			bld.Reset(buf)
			bld.AddConstructed(TagSequence, func(bb *Builder) {
				for i := 0; i < 20; i++ {
					bb.AddConstructed(Context(1), func(bb *Builder) {
						bb.AddBytes(TagOctetString, payload)
					})
				}
			})
			buf, _ = bld.Bytes()
		}
		b.SetBytes(int64(len(buf)))
	})
}
