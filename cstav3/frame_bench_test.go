package cstav3_test

import (
	"bufio"
	"bytes"
	"io"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// benchEventReport is a Delivered event report as a HiPath sends it.
func benchEventReport() *cstav3.EventReport {
	conn := cstav3.NewConnectionID(cstav3.CallID{0xB1, 0x64}, cstav3.Dialing("100"))
	return &cstav3.EventReport{CrossRef: cstav3.CrossRefID{0x00, 0x07}, Event: &cstav3.DeliveredEvent{
		Connection: conn, AlertingDevice: cstav3.Known(cstav3.Dialing("100")),
		CallingDevice: cstav3.Known(cstav3.Dialing("200")), CalledDevice: cstav3.Known(cstav3.Dialing("100")),
		LastRedirectionDevice:  cstav3.Device{Status: cstav3.DeviceNotKnown},
		HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateAlerting, Cause: cstav3.CauseNewCall,
		Extensions: cstav3.CommonArguments{Security: true, Timestamp: "20240131120000"}}}
}

// BenchmarkFrameRead measures FrameReader alone, with the HiPath framing:
// the 3-byte header and the PDU copied out of a buffered stream of many
// frames.
func BenchmarkFrameRead(b *testing.B) {
	frame, err := cstav3.AppendEventFrame(nil, hipath.Framing, 5, benchEventReport())
	if err != nil {
		b.Fatal(err)
	}
	stream := bytes.Repeat(frame, 1024)
	src := bytes.NewReader(stream)
	br := bufio.NewReaderSize(src, 16<<10)
	fr := cstav3.NewFrameReader(br, hipath.Framing, 0)
	var pdu []byte
	b.SetBytes(int64(len(frame)))
	b.ReportAllocs()
	for b.Loop() {
		pdu, err = fr.ReadFrame()
		if err == io.EOF {
			src.Reset(stream)
			br.Reset(src)
			pdu, err = fr.ReadFrame()
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	if !bytes.Equal(pdu, frame[3:]) {
		b.Fatalf("read %x, want %x", pdu, frame[3:])
	}
}

// BenchmarkFrameWrite measures the framing of a PDU: AppendFrame into a
// reused buffer, and WriteFrame to a writer.
func BenchmarkFrameWrite(b *testing.B) {
	frame, err := cstav3.AppendEventFrame(nil, hipath.Framing, 5, benchEventReport())
	if err != nil {
		b.Fatal(err)
	}
	pdu := frame[3:]
	b.Run("AppendFrame", func(b *testing.B) {
		buf := make([]byte, 0, 512)
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			if buf, err = cstav3.AppendFrame(buf[:0], hipath.Framing, pdu); err != nil {
				b.Fatal(err)
			}
		}
		if !bytes.Equal(buf, frame) {
			b.Fatalf("framed %x, want %x", buf, frame)
		}
	})
	b.Run("WriteFrame", func(b *testing.B) {
		b.SetBytes(int64(len(frame)))
		b.ReportAllocs()
		for b.Loop() {
			if err := cstav3.WriteFrame(io.Discard, hipath.Framing, pdu); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAppendEventFrame measures what a switch (the simulator) does per
// event: the event report, its ROSE invoke and the frame header in one pass
// into a reused buffer.
func BenchmarkAppendEventFrame(b *testing.B) {
	rep := benchEventReport()
	buf := make([]byte, 0, 512)
	var err error
	b.ReportAllocs()
	for b.Loop() {
		if buf, err = cstav3.AppendEventFrame(buf[:0], hipath.Framing, 5, rep); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(len(buf)))
	got, err := cstav3.NewFrameReader(bytes.NewReader(buf), hipath.Framing, 0).ReadFrame()
	if err != nil {
		b.Fatal(err)
	}
	var m cstav3.Message
	if err := m.Decode(got); err != nil || m.Opcode != cstav3.OpEventReport {
		b.Fatalf("decoded %+v, %v", m, err)
	}
}
