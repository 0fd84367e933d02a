package framing

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

// The seed shows the header layout but no header bytes, so the expected
// headers below are derived from the documents' lengths: seeddoc.MakeCall is 292
// bytes (0x124, 0x12C with the header), seeddoc.DeliveredEvent 1407 (0x57F,
// 0x587 with the header).
func TestAppendHeader(t *testing.T) {
	tests := []struct {
		name   string
		format HeaderFormat
		id     int
		xml    string
		header []byte
	}{
		{"request, default", HeaderLength16, 1, seeddoc.MakeCall, []byte{0, 0, 0x01, 0x2C, '0', '0', '0', '1'}},
		{"event, default", HeaderLength16, EventInvokeID, seeddoc.DeliveredEvent, []byte{0, 0, 0x05, 0x87, '9', '9', '9', '9'}},
		{"request, XML only", HeaderLength16Body, 1, seeddoc.MakeCall, []byte{0, 0, 0x01, 0x24, '0', '0', '0', '1'}},
		{"event, XML only", HeaderLength16Body, EventInvokeID, seeddoc.DeliveredEvent, []byte{0, 0, 0x05, 0x7F, '9', '9', '9', '9'}},
		{"request, 32-bit", HeaderLength32, 1, seeddoc.MakeCall, []byte{0, 0, 0x01, 0x2C, '0', '0', '0', '1'}},
		{"id 0", HeaderLength16, 0, "<a/>", []byte{0, 0, 0, 12, '0', '0', '0', '0'}},
		{"id 4711", HeaderLength16, 4711, "<a/>", []byte{0, 0, 0, 12, '4', '7', '1', '1'}},
		{"id 305, XML only", HeaderLength16Body, 305, "<a/>", []byte{0, 0, 0, 4, '0', '3', '0', '5'}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			prefix := []byte("kept")
			got, err := HeaderOptions{Format: tc.format}.AppendMessage(prefix, tc.id, []byte(tc.xml))
			want := append(append([]byte("kept"), tc.header...), tc.xml...)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("got % x..., %v; want % x...", got[:min(len(got), 12)], err, want[:12])
			}
			// And back: the reader returns exactly what was framed.
			id, xml, err := NewHeaderReader(bytes.NewReader(got[4:]), HeaderOptions{Format: tc.format}).ReadMessage()
			if err != nil || id != tc.id || string(xml) != tc.xml {
				t.Fatalf("read back: id %d, %d bytes, %v", id, len(xml), err)
			}
		})
	}
	got, _ := AppendHeader(nil, 1, []byte(seeddoc.MakeCall))
	if !bytes.Equal(got[:HeaderSize], tests[0].header) {
		t.Errorf("AppendHeader is not the default format: % x", got[:HeaderSize])
	}
}

func TestAppendHeaderErrors(t *testing.T) {
	tests := []struct {
		name string
		opts HeaderOptions
		id   int
		size int
		want error
	}{
		{"negative id", HeaderOptions{}, -1, 4, ErrInvalidInvokeID},
		{"id 10000", HeaderOptions{}, 10000, 4, ErrInvalidInvokeID},
		{"empty", HeaderOptions{}, 1, 0, ErrHeaderLength},
		{"16-bit with header: 65527 fits", HeaderOptions{}, 1, 65527, nil},
		{"16-bit with header: 65528", HeaderOptions{}, 1, 65528, ErrMessageTooLarge},
		{"16-bit XML only: 65535 fits", HeaderOptions{Format: HeaderLength16Body}, 1, 65535, nil},
		{"16-bit XML only: 65536", HeaderOptions{Format: HeaderLength16Body}, 1, 65536, ErrMessageTooLarge},
		{"32-bit: 100000 fits", HeaderOptions{Format: HeaderLength32}, 1, 100000, nil},
		{"32-bit: over the default limit", HeaderOptions{Format: HeaderLength32}, 1, DefaultMaxMessage + 1, ErrMessageTooLarge},
		{"MaxSize", HeaderOptions{MaxSize: 10}, 1, 11, ErrMessageTooLarge},
	}
	for _, tc := range tests {
		buf, err := tc.opts.AppendMessage([]byte("x"), tc.id, bytes.Repeat([]byte("a"), tc.size))
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
		if err != nil && string(buf) != "x" {
			t.Errorf("%s: buf changed on error", tc.name)
		}
	}
}

func TestHeaderReaderStream(t *testing.T) {
	for _, format := range []HeaderFormat{HeaderLength16, HeaderLength16Body, HeaderLength32} {
		opts := HeaderOptions{Format: format}
		msgs := []struct {
			id  int
			xml string
		}{{1, seeddoc.MakeCall}, {EventInvokeID, seeddoc.DeliveredEvent}, {2, "<a/>"}}
		var stream []byte
		for _, m := range msgs {
			stream, _ = opts.AppendMessage(stream, m.id, []byte(m.xml))
		}
		// One byte per Read: io.ReadFull must assemble header and body.
		r := NewHeaderReader(iotest.OneByteReader(bytes.NewReader(stream)), opts)
		for _, m := range msgs {
			id, xml, err := r.ReadMessage()
			if err != nil || id != m.id || string(xml) != m.xml {
				t.Fatalf("format %d: id %d, %q, %v", format, id, xml, err)
			}
		}
		if _, _, err := r.ReadMessage(); err != io.EOF {
			t.Fatalf("format %d: end of stream: %v, want io.EOF", format, err)
		}
	}
}

// ReadMessageInto reads into the buffer it is given when the document fits,
// allocating nothing, and into a new slice when it does not.
func TestHeaderReaderInto(t *testing.T) {
	var stream []byte
	docs := []string{"<a>event</a>", seeddoc.DeliveredEvent, "<b/>"}
	for range 100 {
		for _, d := range docs {
			stream, _ = AppendHeader(stream, EventInvokeID, []byte(d))
		}
	}
	r := NewHeaderReader(bytes.NewReader(stream), HeaderOptions{})
	buf := make([]byte, 0, 16)
	// The first Delivered document does not fit: a new slice, which the
	// loop keeps; every later document fits in it.
	for i := range 3 * len(docs) {
		id, doc, err := r.ReadMessageInto(buf)
		want := docs[i%len(docs)]
		if err != nil || id != EventInvokeID || string(doc) != want {
			t.Fatalf("message %d: %d, %.40q, %v; want %.40q", i, id, doc, err, want)
		}
		fits := len(want) <= cap(buf)
		if reused := &doc[:1][0] == &buf[:1][0]; reused != fits {
			t.Fatalf("message %d of %d bytes into a buffer of %d: reused %t", i, len(want), cap(buf), reused)
		}
		if cap(doc) > cap(buf) {
			buf = doc
		}
	}
	allocs := testing.AllocsPerRun(50, func() {
		if _, doc, err := r.ReadMessageInto(buf); err != nil || len(doc) == 0 {
			t.Fatalf("%q, %v", doc, err)
		}
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per message, want 0", allocs)
	}
}

func TestHeaderReaderErrors(t *testing.T) {
	hdr := func(b ...byte) []byte { return b }
	tests := []struct {
		name string
		in   []byte
		opts HeaderOptions
		want error
	}{
		{"EOF in header", hdr(0, 0, 0, 12, '0'), HeaderOptions{}, io.ErrUnexpectedEOF},
		{"EOF in body", append(hdr(0, 0, 0, 12, '0', '0', '0', '1'), "<a"...), HeaderOptions{}, io.ErrUnexpectedEOF},
		{"EOF right after header", hdr(0, 0, 0, 12, '0', '0', '0', '1'), HeaderOptions{}, io.ErrUnexpectedEOF},
		{"zero length", hdr(0, 0, 0, 0, '0', '0', '0', '1'), HeaderOptions{}, ErrHeaderLength},
		{"zero length, XML only", hdr(0, 0, 0, 0, '0', '0', '0', '1'), HeaderOptions{Format: HeaderLength16Body}, ErrHeaderLength},
		{"zero length, 32-bit", hdr(0, 0, 0, 0, '0', '0', '0', '1'), HeaderOptions{Format: HeaderLength32}, ErrHeaderLength},
		{"length below header", hdr(0, 0, 0, 5, '0', '0', '0', '1', 1, 2, 3), HeaderOptions{}, ErrHeaderLength},
		{"length of header alone", hdr(0, 0, 0, 8, '0', '0', '0', '1'), HeaderOptions{}, ErrHeaderLength},
		{"reserved bytes", hdr(0, 1, 0, 12, '0', '0', '0', '1'), HeaderOptions{}, ErrHeaderReserved},
		{"invoke id with letter", hdr(0, 0, 0, 12, '0', '0', 'a', '1'), HeaderOptions{}, ErrInvalidInvokeID},
		{"invoke id with space", hdr(0, 0, 0, 12, ' ', '0', '0', '1'), HeaderOptions{}, ErrInvalidInvokeID},
		{"invoke id binary", hdr(0, 0, 0, 12, 0, 0, 0, 1), HeaderOptions{}, ErrInvalidInvokeID},
		{"invoke id signed", hdr(0, 0, 0, 12, '-', '0', '0', '1'), HeaderOptions{}, ErrInvalidInvokeID},
		{"over MaxSize", hdr(0, 0, 0, 108, '0', '0', '0', '1'), HeaderOptions{MaxSize: 99}, ErrMessageTooLarge},
		{"32-bit, 4 GiB announced", hdr(0xFF, 0xFF, 0xFF, 0xFF, '0', '0', '0', '1'), HeaderOptions{Format: HeaderLength32}, ErrMessageTooLarge},
		{"garbage: XML without header", []byte(seeddoc.MakeCall), HeaderOptions{}, ErrHeaderReserved},
		{"garbage: XML without header, 32-bit", []byte(seeddoc.MakeCall), HeaderOptions{Format: HeaderLength32}, ErrMessageTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := bytes.NewReader(tc.in)
			id, xml, err := NewHeaderReader(in, tc.opts).ReadMessage()
			if !errors.Is(err, tc.want) || id != 0 || xml != nil {
				t.Fatalf("%d, %q, %v; want %v", id, xml, err, tc.want)
			}
			var he *HeaderError
			if errors.As(err, &he) {
				if !bytes.Equal(he.Header[:], tc.in[:HeaderSize]) || !strings.Contains(err.Error(), "bad message header") {
					t.Errorf("HeaderError %v", err)
				}
				// Refused on the header alone: nothing of the body was read.
				if in.Len() != len(tc.in)-HeaderSize {
					t.Errorf("read %d bytes past the header", len(tc.in)-HeaderSize-in.Len())
				}
			}
		})
	}
}

// A peer that speaks the other length convention is caught at the latest by
// the next header, not silently misread: 8 bytes of XML are taken for the
// next header, and XML is not 00 00 plus digits.
func TestHeaderReaderConventionMismatch(t *testing.T) {
	var stream []byte
	stream, _ = HeaderOptions{Format: HeaderLength16Body}.AppendMessage(stream, 1, []byte(seeddoc.MakeCall))
	stream, _ = HeaderOptions{Format: HeaderLength16Body}.AppendMessage(stream, 2, []byte(seeddoc.MakeCall))
	r := NewHeaderReader(bytes.NewReader(stream), HeaderOptions{})
	_, first, err := r.ReadMessage()
	if err != nil || len(first) != len(seeddoc.MakeCall)-HeaderSize {
		t.Fatalf("first: %d bytes, %v", len(first), err)
	}
	if _, _, err := r.ReadMessage(); !errors.Is(err, ErrHeaderReserved) {
		t.Fatalf("second: %v, want ErrHeaderReserved", err)
	}
}

func FuzzHeaderReader(f *testing.F) {
	for _, format := range []HeaderFormat{HeaderLength16, HeaderLength16Body, HeaderLength32} {
		good, _ := HeaderOptions{Format: format}.AppendMessage(nil, 1, []byte(seeddoc.MakeCall))
		good, _ = HeaderOptions{Format: format}.AppendMessage(good, EventInvokeID, []byte("<a/>"))
		f.Add(uint8(format), good)
	}
	f.Add(uint8(0), []byte{0, 0, 0xFF, 0xFF, '0', '0', '0', '1'})
	f.Add(uint8(2), []byte{0x7F, 0xFF, 0xFF, 0xFF, '9', '9', '9', '9'})
	const max = 512
	f.Fuzz(func(t *testing.T, format uint8, in []byte) {
		opts := HeaderOptions{Format: HeaderFormat(format % 3), MaxSize: max}
		r := NewHeaderReader(bytes.NewReader(in), opts)
		consumed := 0
		for {
			id, xml, err := r.ReadMessage()
			if err != nil {
				if xml != nil {
					t.Fatal("document with an error")
				}
				return
			}
			if len(xml) == 0 || len(xml) > max || cap(xml) > max || id < 0 || id > 9999 {
				t.Fatalf("id %d, %d bytes (cap %d)", id, len(xml), cap(xml))
			}
			// What was read frames back to the very bytes consumed.
			again, err := opts.AppendMessage(nil, id, xml)
			if err != nil || !bytes.Equal(again, in[consumed:consumed+len(again)]) {
				t.Fatalf("reframed % x, %v; input % x", again, err, in[consumed:])
			}
			consumed += len(again)
		}
	})
}
