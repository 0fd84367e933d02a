package cstav3

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestLengthPrefix: the exact bytes of the two-byte length prefix, written
// and read back.
func TestLengthPrefix(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []byte
	}{{1, []byte{0x00, 0x01}}, {51, []byte{0x00, 0x33}}, {312, []byte{0x01, 0x38}}, {0x7FFF, []byte{0x7F, 0xFF}},
		{0x8000, []byte{0x80, 0x00}}, {0xFFFF, []byte{0xFF, 0xFF}}} {
		pdu := bytes.Repeat([]byte{0xA5}, tc.n)
		got, err := AppendFrame([]byte("keep"), LengthPrefix, pdu)
		if err != nil || !bytes.Equal(got, append(append([]byte("keep"), tc.want...), pdu...)) {
			t.Fatalf("len %d: framed % x…, %v; want header % x", tc.n, got[:min(len(got), 8)], err, tc.want)
		}
		back, err := NewFrameReader(bytes.NewReader(got[4:]), LengthPrefix, 0).ReadFrame()
		if err != nil || !bytes.Equal(back, pdu) {
			t.Fatalf("len %d: read %d bytes, %v", tc.n, len(back), err)
		}
	}
	for _, n := range []int{0, 0x10000} {
		if _, err := AppendFrame(nil, LengthPrefix, make([]byte, n)); !errors.Is(err, ErrFrame) {
			t.Errorf("PDU of %d bytes: %v", n, err)
		}
	}
}

func TestFrameReader(t *testing.T) {
	a, b := vector(t, "client-aarq-amhost"), vector(t, "pbx-event-delivered")
	var stream []byte
	stream, _ = AppendFrame(stream, LengthPrefix, a)
	stream, _ = AppendFrame(stream, LengthPrefix, b)
	// One byte per Read: the reader must assemble frames from partial reads.
	fr := NewFrameReader(iotest.OneByteReader(bytes.NewReader(stream)), LengthPrefix, 0)
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

// refusing is a framing whose every header is bad, to see how the reader
// reports the error of a Framing.
type refusing struct{ lengthPrefix }

var errRefused = errors.New("refused")

func (refusing) ParseHeader([]byte) (int, error) { return 0, errRefused }

func TestFrameReaderErrors(t *testing.T) {
	tests := []struct {
		name  string
		f     Framing
		in    []byte
		max   int
		match error  // matched with errors.Is
		msg   string // the *FrameError's message; "" for none
	}{
		{"empty stream", LengthPrefix, nil, 0, io.EOF, ""},
		{"empty PDU", LengthPrefix, []byte{0x00, 0x00, 0xA1}, 0, ErrFrame, "cstav3: bad frame header 00 00: empty PDU"},
		{"limit", LengthPrefix, []byte{0x01, 0x00}, 255, ErrFrame,
			"cstav3: bad frame header 01 00: PDU of 256 bytes exceeds the limit of 255"},
		{"short header", LengthPrefix, []byte{0x00}, 0, io.ErrUnexpectedEOF, ""},
		{"short body", LengthPrefix, []byte{0x00, 0x05, 1, 2}, 0, io.ErrUnexpectedEOF, ""},
		{"header only", LengthPrefix, []byte{0x00, 0x05}, 0, io.ErrUnexpectedEOF, ""},
		{"refused by the framing", refusing{}, []byte{0x00, 0x01, 0xA1}, 0, errRefused,
			"cstav3: bad frame header 00 01: refused"},
	}
	for _, tc := range tests {
		_, err := NewFrameReader(bytes.NewReader(tc.in), tc.f, tc.max).ReadFrame()
		if !errors.Is(err, tc.match) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.match)
			continue
		}
		var fe *FrameError
		if isFrame := errors.As(err, &fe); isFrame != (tc.msg != "") {
			t.Errorf("%s: %T, a *FrameError: %v", tc.name, err, isFrame)
		} else if isFrame && (err.Error() != tc.msg || !errors.Is(err, ErrFrame)) {
			t.Errorf("%s: %q, want %q", tc.name, err, tc.msg)
		}
	}
}

// TestFrameError: the header in the error is a copy, not the reader's
// buffer, which the next read overwrites.
func TestFrameError(t *testing.T) {
	fr := NewFrameReader(bytes.NewReader([]byte{0x00, 0x00}), LengthPrefix, 0)
	_, err := fr.ReadFrame()
	var fe *FrameError
	if !errors.As(err, &fe) {
		t.Fatal(err)
	}
	fr.hdr[0] = 0xFF
	if !bytes.Equal(fe.Header, []byte{0, 0}) || !strings.Contains(fe.Error(), "00 00") {
		t.Fatalf("header % x", fe.Header)
	}
}

// FuzzFrameReader: whatever the input, the reader returns frames within the
// limit that, framed again, are the input's beginning.
func FuzzFrameReader(f *testing.F) {
	good, _ := AppendFrame(nil, LengthPrefix, []byte{0xA1, 0x00})
	f.Add(good)
	f.Add([]byte{0xFF, 0xFF})
	f.Add([]byte{0x00, 0x00})
	f.Add(append(good, 0x00))
	f.Fuzz(func(t *testing.T, in []byte) {
		fr := NewFrameReader(bytes.NewReader(in), LengthPrefix, 1024)
		var again []byte
		for {
			pdu, err := fr.ReadFrame()
			if err != nil {
				var fe *FrameError
				if err != io.EOF && err != io.ErrUnexpectedEOF && !(errors.As(err, &fe) && errors.Is(err, ErrFrame)) {
					t.Fatalf("untyped error %v", err)
				}
				break
			}
			if len(pdu) > 1024 {
				t.Fatalf("frame of %d bytes over the limit", len(pdu))
			}
			if again, err = AppendFrame(again, LengthPrefix, pdu); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.HasPrefix(in, again) {
			t.Fatalf("frames % x are not the start of % x", again, in)
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
	got, err := AppendEventFrame([]byte("keep"), LengthPrefix, m.InvokeID, rep)
	if err != nil {
		t.Fatal(err)
	}
	framed, _ := AppendFrame([]byte("keep"), LengthPrefix, want)
	if !bytes.Equal(got, framed) {
		t.Fatalf("got %x\nwant %x", got, framed)
	}
}

// TestFrameAllocs: framing into a buffer with room allocates nothing, and
// reading a frame allocates its PDU only.
func TestFrameAllocs(t *testing.T) {
	pdu := vector(t, "pbx-event-delivered")
	var m Message
	if err := m.Decode(pdu); err != nil {
		t.Fatal(err)
	}
	rep, err := DecodeEventReport(m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf, _ = AppendFrame(buf[:0], LengthPrefix, pdu) }); n > 0 {
		t.Errorf("AppendFrame: %v allocations", n)
	}
	// The builder, which escapes through the Event interface, is recycled:
	// no allocation (the race detector makes sync.Pool drop items).
	if n := testing.AllocsPerRun(100, func() { buf, _ = AppendEventFrame(buf[:0], LengthPrefix, 5, rep) }); n > 0 && !RaceOn {
		t.Errorf("AppendEventFrame: %v allocations", n)
	}
	stream := bytes.Repeat(buf, 128)
	fr := NewFrameReader(bytes.NewReader(stream), LengthPrefix, 0)
	if n := testing.AllocsPerRun(100, func() {
		if _, err := fr.ReadFrame(); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("ReadFrame: %v allocations", n)
	}
}
