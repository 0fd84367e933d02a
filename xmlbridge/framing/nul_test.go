package framing

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

func TestAppendNUL(t *testing.T) {
	tests := []struct {
		name string
		xml  string
		want string
		err  error
	}{
		{"document", "<a/>", "kept<a/>\x00", nil},
		{"seed response", seeddoc.UnitelStartResponse, "kept" + seeddoc.UnitelStartResponse + "\x00", nil},
		{"empty", "", "kept", ErrNULDocument},
		{"embedded NUL", "<a>\x00</a>", "kept", ErrNULDocument},
	}
	for _, tc := range tests {
		got, err := AppendNUL([]byte("kept"), []byte(tc.xml))
		if string(got) != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%s: %q, %v", tc.name, got, err)
		}
	}
}

func TestNULReader(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want []string
		end  error // the error after the documents
	}{
		{"uni-tel exchange", seeddoc.UnitelStart + "\x00" + seeddoc.UnitelStartResponse + "\x00" + seeddoc.UnitelMakeCall + "\x00", 0,
			[]string{seeddoc.UnitelStart, seeddoc.UnitelStartResponse, seeddoc.UnitelMakeCall}, io.EOF},
		{"separators", "\r\n <a/>\x00\n\n\t<b>x</b>\x00\r\n", 0, []string{"<a/>", "<b>x</b>"}, io.EOF},
		{"empty documents skipped", "\x00\x00<a/>\x00 \x00", 0, []string{"<a/>"}, io.EOF},
		{"trailing space kept", "<a/> \n\x00", 0, []string{"<a/> \n"}, io.EOF},
		{"empty stream", "", 0, nil, io.EOF},
		{"only separators", " \n\x00\r\n", 0, nil, io.EOF},
		{"EOF inside a document", "<a/>\x00<b>", 0, []string{"<a/>"}, io.ErrUnexpectedEOF},
		{"exactly max", "<abc/>\x00", 6, []string{"<abc/>"}, io.EOF},
		{"over max with a NUL", "<abcd/>\x00", 6, nil, ErrMessageTooLarge},
		{"over max without a NUL", strings.Repeat("x", 100), 10, nil, ErrMessageTooLarge},
		{"second over max", "<a/>\x00<abcdefgh/>\x00", 8, []string{"<a/>"}, ErrMessageTooLarge},
		{"larger than the buffer", strings.Repeat("<a/>", 3000) + "\x00", 12000, []string{strings.Repeat("<a/>", 3000)}, io.EOF},
		{"over max across buffer fills", strings.Repeat("<a/>", 3000) + "\x00", 11999, nil, ErrMessageTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			max := tc.max
			if max <= 0 {
				max = DefaultMaxMessage
			}
			// One byte per Read: documents are assembled across reads.
			// ReadMessageInto, given the previous document back, must
			// read the same documents.
			for _, into := range []bool{false, true} {
				for _, r := range []io.Reader{strings.NewReader(tc.in), iotest.OneByteReader(strings.NewReader(tc.in))} {
					nr := NewNULReader(r, tc.max)
					var buf []byte
					read := func() ([]byte, error) {
						if !into {
							return nr.ReadMessage()
						}
						doc, err := nr.ReadMessageInto(buf)
						buf = doc
						return doc, err
					}
					for _, want := range tc.want {
						got, err := read()
						if err != nil || string(got) != want {
							t.Fatalf("%.40q..., %v; want %.40q...", got, err, want)
						}
						if cap(got) > max {
							t.Fatalf("document of %d bytes held in %d", len(got), cap(got))
						}
					}
					if got, err := read(); !errors.Is(err, tc.end) || got != nil {
						t.Fatalf("end: %.40q, %v; want %v", got, err, tc.end)
					}
				}
			}
		})
	}
}

// ReadMessageInto reads into the buffer it is given when the document fits,
// and then allocates nothing.
func TestNULReaderIntoReuses(t *testing.T) {
	stream := strings.Repeat("<a>event</a>\x00", 200)
	nr := NewNULReader(strings.NewReader(stream), 0)
	buf := make([]byte, 0, 64)
	allocs := testing.AllocsPerRun(100, func() {
		doc, err := nr.ReadMessageInto(buf)
		if err != nil || string(doc) != "<a>event</a>" || &doc[:1][0] != &buf[:1][0] {
			t.Fatalf("%q, %v (reused: %t)", doc, err, err == nil && &doc[:1][0] == &buf[:1][0])
		}
	})
	if allocs != 0 {
		t.Errorf("%.1f allocations per document, want 0", allocs)
	}
	small := make([]byte, 0, 4)
	if doc, err := nr.ReadMessageInto(small); err != nil || string(doc) != "<a>event</a>" {
		t.Fatalf("into a small buffer: %q, %v", doc, err)
	}
}

// A *bufio.Reader is used as is, so bytes it buffered are not lost.
func TestNULReaderUsesBufio(t *testing.T) {
	br := bufio.NewReader(strings.NewReader("<a/>\x00<b/>\x00"))
	if _, err := br.Peek(1); err != nil {
		t.Fatal(err)
	}
	nr := NewNULReader(br, 0)
	for _, want := range []string{"<a/>", "<b/>"} {
		if got, err := nr.ReadMessage(); string(got) != want || err != nil {
			t.Fatalf("%q, %v", got, err)
		}
	}
}

func TestNULReaderReadError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("<a/>\x00<b"), iotest.ErrReader(boom))
	nr := NewNULReader(r, 0)
	if got, err := nr.ReadMessage(); string(got) != "<a/>" || err != nil {
		t.Fatalf("%q, %v", got, err)
	}
	if _, err := nr.ReadMessage(); !errors.Is(err, boom) {
		t.Fatalf("%v, want boom", err)
	}
}

func FuzzNULReader(f *testing.F) {
	f.Add([]byte(seeddoc.UnitelStartResponse + "\x00\r\n" + seeddoc.UnitelMakeCall + "\x00"))
	f.Add([]byte("\x00 \n<a/>\x00<b"))
	f.Add(bytes.Repeat([]byte("x"), 300))
	const max = 256
	f.Fuzz(func(t *testing.T, in []byte) {
		nr := NewNULReader(bytes.NewReader(in), max)
		var rebuilt []byte
		for {
			doc, err := nr.ReadMessage()
			if err != nil {
				if doc != nil {
					t.Fatal("document with an error")
				}
				break
			}
			if len(doc) == 0 || len(doc) > max || cap(doc) > max || bytes.IndexByte(doc, 0) >= 0 ||
				strings.IndexByte("\t\r\n ", doc[0]) >= 0 {
				t.Fatalf("document %q (cap %d)", doc, cap(doc))
			}
			rebuilt, _ = AppendNUL(rebuilt, doc)
		}
		// The documents are the input minus separators, in order.
		strip := func(b []byte) []byte {
			var out []byte
			for _, c := range b {
				if strings.IndexByte("\x00\t\r\n ", c) < 0 {
					out = append(out, c)
				}
			}
			return out
		}
		if got := strip(rebuilt); !bytes.HasPrefix(strip(in), got) {
			t.Fatalf("documents %q are not from %q", rebuilt, in)
		}
	})
}
