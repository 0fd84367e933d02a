package hipath_test

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/testutil"
)

// TestFramingHeader: the exact bytes of the HiPath header, written and read
// back.
func TestFramingHeader(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want []byte
	}{{1, []byte{0x26, 0x80, 0x01}}, {51, []byte{0x26, 0x80, 0x33}}, {312, []byte{0x26, 0x81, 0x38}},
		{hipath.MaxPDU, []byte{0x26, 0xFF, 0xFF}}} {
		pdu := bytes.Repeat([]byte{0xA5}, tc.n)
		got, err := cstav3.AppendFrame(nil, hipath.Framing, pdu)
		if err != nil || !bytes.Equal(got[:3], tc.want) || !bytes.Equal(got[3:], pdu) {
			t.Fatalf("len %d: header % x, err %v", tc.n, got[:3], err)
		}
		back, err := cstav3.NewFrameReader(bytes.NewReader(got), hipath.Framing, 0).ReadFrame()
		if err != nil || !bytes.Equal(back, pdu) {
			t.Fatalf("len %d: read %d bytes, %v", tc.n, len(back), err)
		}
	}
	for _, n := range []int{0, hipath.MaxPDU + 1} {
		if _, err := cstav3.AppendFrame(nil, hipath.Framing, make([]byte, n)); !errors.Is(err, cstav3.ErrFrame) {
			t.Errorf("PDU of %d bytes: %v", n, err)
		}
	}
}

func TestFramingReader(t *testing.T) {
	a, b := testutil.Vector(t, "client-aarq-amhost"), testutil.Vector(t, "pbx-event-delivered")
	var stream []byte
	stream, _ = cstav3.AppendFrame(stream, hipath.Framing, a)
	stream, _ = cstav3.AppendFrame(stream, hipath.Framing, b)
	// One byte per Read: the reader must assemble frames from partial reads.
	fr := cstav3.NewFrameReader(iotest.OneByteReader(bytes.NewReader(stream)), hipath.Framing, 0)
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

func TestFramingErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		max   int
		match error
	}{
		{"marker", []byte{0x27, 0x80, 0x01, 0x00}, 0, hipath.ErrFrameMarker},
		{"flag", []byte{0x26, 0x00, 0x01, 0x00}, 0, hipath.ErrFrameFlag},
		{"empty", []byte{0x26, 0x80, 0x00}, 0, cstav3.ErrFrame},
		{"limit", []byte{0x26, 0x81, 0x00}, 255, cstav3.ErrFrame},
		{"TLS handshake", []byte{0x16, 0x03, 0x01, 0x00, 0x05}, 0, hipath.ErrFrameMarker},
		{"short header", []byte{0x26, 0x80}, 0, io.ErrUnexpectedEOF},
		{"short body", []byte{0x26, 0x80, 0x05, 1, 2}, 0, io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		_, err := cstav3.NewFrameReader(bytes.NewReader(tc.in), hipath.Framing, tc.max).ReadFrame()
		if !errors.Is(err, tc.match) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.match)
		}
		var fe *cstav3.FrameError
		if tc.match != io.ErrUnexpectedEOF && (!errors.As(err, &fe) || !errors.Is(err, cstav3.ErrFrame) ||
			!bytes.Equal(fe.Header, tc.in[:3])) {
			t.Errorf("%s: %v is not a *cstav3.FrameError with the header", tc.name, err)
		}
	}
	_, err := cstav3.NewFrameReader(bytes.NewReader([]byte{0x27, 0x80, 0x01}), hipath.Framing, 0).ReadFrame()
	if want := "cstav3: bad frame header 27 80 01: no 0x26 marker"; err == nil || err.Error() != want {
		t.Errorf("message %v, want %q", err, want)
	}
}

// FuzzFraming: whatever the input, the reader returns frames within the
// limit that, framed again, are the input's beginning.
func FuzzFraming(f *testing.F) {
	good, _ := cstav3.AppendFrame(nil, hipath.Framing, []byte{0xA1, 0x00})
	f.Add(good)
	f.Add([]byte{0x26, 0xFF, 0xFF})
	f.Add([]byte{0x26, 0x00, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, in []byte) {
		fr := cstav3.NewFrameReader(bytes.NewReader(in), hipath.Framing, 1024)
		var again []byte
		for {
			pdu, err := fr.ReadFrame()
			if err != nil {
				break
			}
			if len(pdu) > 1024 {
				t.Fatalf("frame of %d bytes over the limit", len(pdu))
			}
			again, _ = cstav3.AppendFrame(again, hipath.Framing, pdu)
		}
		if !bytes.HasPrefix(in, again) {
			t.Fatalf("frames % x are not the start of % x", again, in)
		}
	})
}

// TestFramingEventFrame: the one-pass event frame is the framed vector.
func TestFramingEventFrame(t *testing.T) {
	want := testutil.Vector(t, "pbx-event-delivered")
	var m cstav3.Message
	if err := m.Decode(want); err != nil {
		t.Fatal(err)
	}
	rep, err := cstav3.DecodeEventReport(m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cstav3.AppendEventFrame([]byte("keep"), hipath.Framing, m.InvokeID, rep)
	if err != nil {
		t.Fatal(err)
	}
	framed, _ := cstav3.AppendFrame([]byte("keep"), hipath.Framing, want)
	if !bytes.Equal(got, framed) || !bytes.Equal(got[4:7], []byte{0x26, 0x80, byte(len(want))}) {
		t.Fatalf("got %x\nwant %x", got, framed)
	}
}

// TestFramingAllocs: framing into a buffer with room allocates nothing;
// reading a frame allocates its PDU only.
func TestFramingAllocs(t *testing.T) {
	pdu := testutil.Vector(t, "pbx-event-delivered")
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf, _ = cstav3.AppendFrame(buf[:0], hipath.Framing, pdu) }); n > 0 {
		t.Errorf("AppendFrame: %v allocations", n)
	}
	fr := cstav3.NewFrameReader(bytes.NewReader(bytes.Repeat(buf, 128)), hipath.Framing, 0)
	if n := testing.AllocsPerRun(100, func() {
		if _, err := fr.ReadFrame(); err != nil {
			t.Fatal(err)
		}
	}); n > 1 {
		t.Errorf("ReadFrame: %v allocations", n)
	}
}
