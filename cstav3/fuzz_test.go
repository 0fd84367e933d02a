package cstav3

import (
	"bytes"
	"runtime"
	"testing"
)

// Fuzz targets for every decoder. Each checks that no input panics, and that
// whatever decodes re-encodes to bytes that decode and re-encode to
// themselves (the codec is a fixed point after one round).

func addSeeds(f *testing.F) {
	for _, name := range []string{"client-aarq-amhost", "client-abrt", "client-monitorstart-100", "client-monitorstop",
		"client-systemstatus-result", "pbx-event-delivered", "pbx-monitorstart-result", "pbx-monitorstop-result",
		"pbx-systemstatus-invoke"} {
		f.Add(vector(f, name))
	}
	for i, v := range loadOracleVectors(f) {
		if i%7 == 0 { // a sample keeps the seed corpus quick to replay
			f.Add(v.pdu)
		}
	}
}

func FuzzROSE(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := decodeTyped(in)
		if err != nil {
			return
		}
		out, err := p.encode()
		if err != nil {
			t.Fatalf("decoded %x but cannot encode: %v", in, err)
		}
		p2, err := decodeTyped(out)
		if err != nil {
			t.Fatalf("re-encoding %x of %x does not decode: %v", out, in, err)
		}
		out2, err := p2.encode()
		if err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("not a fixed point: %x → %x → %x (%v)", in, out, out2, err)
		}
	})
}

func FuzzEventReport(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		var m Message
		arg := in
		if m.Decode(in) == nil && m.Argument != nil {
			arg = m.Argument
		}
		r, err := DecodeEventReport(arg)
		if err != nil {
			return
		}
		out, err := AppendEventReport(nil, r)
		if err != nil {
			t.Fatalf("decoded but cannot encode: %v", err)
		}
		r2, err := DecodeEventReport(out)
		if err != nil {
			t.Fatalf("re-encoding %x does not decode: %v", out, err)
		}
		out2, _ := AppendEventReport(nil, r2)
		if !bytes.Equal(out, out2) {
			t.Fatalf("not a fixed point: %x → %x", out, out2)
		}
	})
}

func FuzzACSE(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		a, err := DecodeAPDU(in)
		if err != nil {
			return
		}
		out, err := AppendAPDU(nil, a)
		if err != nil {
			t.Fatalf("decoded %x but cannot encode: %v", in, err)
		}
		a2, err := DecodeAPDU(out)
		if err != nil {
			t.Fatalf("re-encoding %x does not decode: %v", out, err)
		}
		out2, _ := AppendAPDU(nil, a2)
		if !bytes.Equal(out, out2) {
			t.Fatalf("not a fixed point: %x → %x", out, out2)
		}
	})
}

// TestDecodeAllocationBound feeds inputs that announce huge lengths and
// deep nesting: decoding must fail without allocating more than a small
// multiple of the input.
func TestDecodeAllocationBound(t *testing.T) {
	inputs := [][]byte{
		{0xA1, 0x84, 0x7F, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x01},
		{0x30, 0x83, 0xFF, 0xFF, 0xFF},
		bytes.Repeat([]byte{0x30, 0x80}, 5000),
		append([]byte{0xA1, 0x80}, bytes.Repeat([]byte{0xA0, 0x80}, 10000)...),
		{0x04, 0x84, 0xFF, 0xFF, 0xFF, 0xFF},
	}
	for _, in := range inputs {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		for i := 0; i < 10; i++ {
			decodeTyped(in)
			DecodeAPDU(in)
			DecodeEventReport(in)
		}
		runtime.ReadMemStats(&after)
		if grown := after.TotalAlloc - before.TotalAlloc; grown > uint64(10*64*len(in)+64<<10) {
			t.Errorf("input of %d bytes: %d bytes allocated", len(in), grown)
		}
		if _, err := decodeTyped(in); err == nil {
			t.Errorf("%x… decoded", in[:8])
		}
	}
}
