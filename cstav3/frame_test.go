package cstav3

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestFrameHeader(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []byte
	}{{51, []byte{0x26, 0x80, 0x33}}, {312, []byte{0x26, 0x81, 0x38}}, {MaxFrame, []byte{0x26, 0xFF, 0xFF}}} {
		got, err := AppendFrame(nil, make([]byte, tc.n))
		if err != nil || !bytes.Equal(got[:3], tc.want) || len(got) != tc.n+3 {
			t.Errorf("len %d: header % x, err %v", tc.n, got[:3], err)
		}
	}
	if _, err := AppendFrame(nil, make([]byte, MaxFrame+1)); !errors.Is(err, ErrFrame) {
		t.Errorf("oversize: %v", err)
	}
	if _, err := AppendFrame(nil, nil); !errors.Is(err, ErrFrame) {
		t.Errorf("empty: %v", err)
	}
}

func TestFrameReader(t *testing.T) {
	a, b := vector(t, "client-aarq-amhost"), vector(t, "pbx-event-delivered")
	var stream []byte
	stream, _ = AppendFrame(stream, a)
	stream, _ = AppendFrame(stream, b)
	// One byte per Read: the reader must assemble frames from partial reads.
	fr := NewFrameReader(iotest.OneByteReader(bytes.NewReader(stream)), 0)
	for _, want := range [][]byte{a, b} {
		got, err := fr.ReadFrame()
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("frame %x, %v", got, err)
		}
	}
	if _, err := fr.ReadFrame(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}
}

func TestFrameReaderErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		max   int
		match error
	}{
		{"marker", []byte{0x27, 0x80, 0x01, 0x00}, 0, ErrFrame},
		{"flag", []byte{0x26, 0x00, 0x01, 0x00}, 0, ErrFrame},
		{"empty", []byte{0x26, 0x80, 0x00}, 0, ErrFrame},
		{"limit", []byte{0x26, 0x81, 0x00}, 255, ErrFrame},
		{"short header", []byte{0x26, 0x80}, 0, io.ErrUnexpectedEOF},
		{"short body", []byte{0x26, 0x80, 0x05, 1, 2}, 0, io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		_, err := NewFrameReader(bytes.NewReader(tc.in), tc.max).ReadFrame()
		if !errors.Is(err, tc.match) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.match)
		}
	}
}

func FuzzFrameReader(f *testing.F) {
	good, _ := AppendFrame(nil, []byte{0xA1, 0x00})
	f.Add(good)
	f.Add([]byte{0x26, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, in []byte) {
		fr := NewFrameReader(bytes.NewReader(in), 1024)
		total := 0
		for {
			pdu, err := fr.ReadFrame()
			if err != nil {
				break
			}
			total += len(pdu) + 3
			if len(pdu) > 1024 || total > len(in) {
				t.Fatalf("frame of %d bytes from %d input bytes", len(pdu), len(in))
			}
		}
	})
}

func TestAppendEventFrame(t *testing.T) {
	want := vector(t, "pbx-event-delivered")
	var m Message
	if err := m.Decode(want); err != nil {
		t.Fatal(err)
	}
	rep, err := DecodeEventReport(m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	prefix := []byte("keep")
	got, err := AppendEventFrame(prefix, m.InvokeID, rep)
	if err != nil {
		t.Fatal(err)
	}
	framed, _ := AppendFrame([]byte("keep"), want)
	if !bytes.Equal(got, framed) {
		t.Fatalf("got %x\nwant %x", got, framed)
	}
	buf := make([]byte, 0, 256)
	// The builder, which escapes through the Event interface, is recycled:
	// no allocation (the race detector makes sync.Pool drop items).
	if n := testing.AllocsPerRun(100, func() { buf, _ = AppendEventFrame(buf[:0], 5, rep) }); n > 0 && !RaceOn {
		t.Errorf("%v allocations per frame", n)
	}
}
