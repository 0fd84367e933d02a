package cstav3_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/testutil"
)

// Hostile input for every decoder of the PBX side: each malformed input
// gives its typed error (a *ber.SyntaxError wrapping the named sentinel, a
// *FrameError wrapping ErrFrame, or the io error of a cut stream), nothing
// panics, and nothing is allocated by a length the input announces.

func hexBytes(s string) []byte {
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		panic(err)
	}
	return b
}

// hostileFrameLimit is the PDU size limit of the frame reader under test,
// as WithMaxFrame would set it.
const hostileFrameLimit = 4096

// The decoders under test, each over the whole input.
var hostileDecoders = map[string]func([]byte) error{
	"frame": func(in []byte) error {
		_, err := cstav3.NewFrameReader(bufio.NewReaderSize(bytes.NewReader(in), 16), hipath.Framing, hostileFrameLimit).ReadFrame()
		return err
	},
	"ROSE":     func(in []byte) error { var m cstav3.Message; return m.Decode(in) },
	"ACSE":     func(in []byte) error { _, err := cstav3.DecodeAPDU(in); return err },
	"event":    func(in []byte) error { _, err := cstav3.DecodeEventReport(in); return err },
	"argument": func(in []byte) error { _, err := cstav3.DecodeArgument(cstav3.OpMonitorStart, in); return err },
	"result":   func(in []byte) error { _, err := cstav3.DecodeResult(cstav3.OpMonitorStart, in); return err },
	"error":    func(in []byte) error { _, err := cstav3.DecodeError(in); return err },
}

type hostileCase struct {
	name, decoder string
	in            []byte
	want          error // a sentinel matched with errors.Is; nil: accepted
}

// hostileCases builds the table from the reference PDUs of a HiPath
// session (testdata/vectors).
func hostileCases(t testing.TB) []hostileCase {
	invoke := testutil.Vector(t, "pbx-event-delivered") // ROSE Invoke of a Delivered event
	var m cstav3.Message
	if err := m.Decode(invoke); err != nil {
		t.Fatal(err)
	}
	report := m.Argument // the event report
	aarq := testutil.Vector(t, "client-aarq-amhost")
	monStart := testutil.Vector(t, "client-monitorstart-100")
	if err := m.Decode(monStart); err != nil {
		t.Fatal(err)
	}
	monArg := m.Argument
	framed, _ := cstav3.AppendFrame(nil, hipath.Framing, invoke)

	deep := func(tag byte, n int) []byte { // n nested indefinite-length SEQUENCEs
		b := []byte{tag, 0x80}
		b = append(b, bytes.Repeat([]byte{0x30, 0x80}, n)...)
		return append(b, bytes.Repeat([]byte{0, 0}, n+1)...)
	}
	with := func(b []byte, i int, v byte) []byte { c := bytes.Clone(b); c[i] = v; return c }
	cat := func(bs ...[]byte) []byte { return bytes.Join(bs, nil) }

	return []hostileCase{
		// Frames: the stream cannot be resynchronised after a bad header.
		{"empty stream", "frame", nil, io.EOF},
		{"header cut", "frame", framed[:2], io.ErrUnexpectedEOF},
		{"content cut", "frame", framed[:len(framed)-1], io.ErrUnexpectedEOF},
		{"no 0x26 marker", "frame", with(framed, 0, 0x27), cstav3.ErrFrame},
		{"length without its flag", "frame", with(framed, 1, 0x00), cstav3.ErrFrame},
		{"empty PDU", "frame", hexBytes("26 80 00"), cstav3.ErrFrame},
		{"huge length (32 KiB, over the limit)", "frame", hexBytes("26 ff ff a1"), cstav3.ErrFrame},
		{"TLS handshake on a plain link", "frame", hexBytes("16 03 01 00 05 01 00 00 01 00"), cstav3.ErrFrame},
		{"well framed", "frame", framed, nil},

		// ROSE.
		{"empty", "ROSE", nil, ber.ErrTruncated},
		{"truncated", "ROSE", invoke[:40], ber.ErrTruncated},
		{"length of 4 GiB", "ROSE", hexBytes("a1 84 ff ff ff ff 02 01 05"), ber.ErrTruncated},
		{"length of length 5", "ROSE", hexBytes("a1 85 00 00 00 00 05 02 01 05"), ber.ErrLength},
		{"indefinite length on a primitive", "ROSE", hexBytes("02 80 01 00 00"), ber.ErrLength},
		{"wrong tag (ROSE [5])", "ROSE", with(invoke, 0, 0xa5), ber.ErrTag},
		{"universal tag", "ROSE", with(invoke, 0, 0x30), ber.ErrTag},
		{"nesting 200 deep", "ROSE", deep(0xa1, 200), ber.ErrTooDeep},
		{"trailing bytes", "ROSE", cat(invoke, []byte{0, 0}), ber.ErrTrailing},
		{"invoke id of 9 octets", "ROSE", hexBytes("a1 10 02 09 01 00 00 00 00 00 00 00 00 02 01 15 05 00"), ber.ErrOverflow},
		{"long-form tag number that fits short form", "ROSE", hexBytes("bf 01 00"), ber.ErrInvalid},
		{"reference Invoke", "ROSE", invoke, nil},

		// ACSE.
		{"truncated", "ACSE", aarq[:20], ber.ErrTruncated},
		{"length of 4 GiB", "ACSE", hexBytes("61 84 ff ff ff ff a1 00"), ber.ErrTruncated},
		{"long-form tag number that fits short form", "ACSE", hexBytes("7f 00"), ber.ErrInvalid},
		{"nesting 200 deep", "ACSE", deep(0x60, 200), ber.ErrTooDeep},
		{"reference AARQ", "ACSE", aarq, nil},

		// Event reports.
		{"empty", "event", nil, ber.ErrMissing},
		{"truncated", "event", report[:30], ber.ErrTruncated},
		{"wrong tag (SET)", "event", with(report, 0, 0x31), ber.ErrTag},
		{"no cross-reference", "event", hexBytes("30 00"), ber.ErrMissing},
		{"nesting 200 deep", "event", deep(0x30, 200), ber.ErrTooDeep},
		{"cross-reference of 4 GiB", "event", hexBytes("30 08 55 84 ff ff ff ff 00 01"), ber.ErrTruncated},
		{"reference Delivered", "event", report, nil},

		// Service arguments and results.
		{"truncated", "argument", monArg[:8], ber.ErrTruncated},
		{"wrong tag", "argument", hexBytes("31 00"), ber.ErrTag},
		{"nesting 200 deep", "argument", deep(0x30, 200), ber.ErrTooDeep},
		// Device numbers are octets on the wire: kept as they come, not
		// checked as text (the XML bridge escapes what is not UTF-8).
		{"device number not UTF-8", "argument", hexBytes("30 07 30 05 80 03 ff fe fd"), nil},
		{"reference MonitorStart", "argument", monArg, nil},
		{"cross-reference cut", "result", hexBytes("30 04 55 82 00 01"), ber.ErrTruncated},
		{"empty universalFailure", "error", nil, ber.ErrTruncated},
		{"universalFailure of 4 GiB", "error", hexBytes("a0 84 ff ff ff ff 0a 01 01"), ber.ErrTruncated},
	}
}

// TestHostileInputs runs the table: every input gives its typed error, or
// decodes if it is well formed.
func TestHostileInputs(t *testing.T) {
	cases := hostileCases(t)
	for _, tc := range cases {
		t.Run(tc.decoder+"/"+tc.name, func(t *testing.T) {
			err := hostileDecoders[tc.decoder](tc.in)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("well-formed input refused: %v", err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v (%T), want %v", err, err, tc.want)
			}
			var se *ber.SyntaxError
			var fe *cstav3.FrameError
			switch {
			case tc.decoder == "frame" && errors.Is(tc.want, cstav3.ErrFrame) && !errors.As(err, &fe):
				t.Errorf("%T is not a *FrameError", err)
			case tc.decoder != "frame" && !errors.As(err, &se):
				t.Errorf("%T is not a *ber.SyntaxError", err)
			}
		})
	}
	// An operation the codec does not model is reported as such.
	var ue *cstav3.UnknownOperationError
	if _, err := cstav3.DecodeArgument(cstav3.Opcode(999), hexBytes("30 00")); !errors.As(err, &ue) {
		t.Errorf("unknown operation: %v", err)
	}
	t.Logf("hostile: %d malformed or reference inputs over %d decoders", len(cases), len(hostileDecoders))
}

// TestHostileAlloc: what a decoder allocates on hostile input is bounded by
// the input's size, never by a length it announces (four gigabytes in
// several cases, 32 KiB in a frame header).
func TestHostileAlloc(t *testing.T) {
	if cstav3.RaceOn {
		t.Skip("allocation counts are not meaningful under -race; .ci/run runs the Alloc tests without it")
	}
	const runs = 200
	var ms runtime.MemStats
	worst := 0.0
	for _, tc := range hostileCases(t) {
		if tc.want == nil {
			continue
		}
		dec := hostileDecoders[tc.decoder]
		runtime.GC()
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		for range runs {
			dec(tc.in)
		}
		runtime.ReadMemStats(&ms)
		per := float64(ms.TotalAlloc-before) / runs
		// The frame reader and its buffer, the error value with its path:
		// a fixed allowance, then 8 bytes per input byte.
		if bound := 1024 + 8*float64(len(tc.in)); per > bound {
			t.Errorf("%s/%s: %.0f bytes allocated per decode of %d bytes (bound %.0f)", tc.decoder, tc.name, per, len(tc.in), bound)
		}
		worst = max(worst, per)
	}
	t.Logf("hostile: at most %.0f bytes allocated per malformed input", worst)
}

// TestHostileSwitch: a switch that sends malformed PDUs inside good frames
// costs the client nothing but a counter: it stays associated and answers
// the next SystemStatus. A bad frame header, after which the stream cannot
// be resynchronised, ends the link with ErrLinkDown.
func TestHostileSwitch(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var bad [][]byte
	for _, tc := range hostileCases(t) {
		if tc.want != nil && tc.decoder != "frame" && len(tc.in) > 0 {
			bad = append(bad, tc.in)
		}
	}
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			conn, err := ln.Accept()
			if err != nil {
				return err
			}
			defer conn.Close()
			fr := cstav3.NewFrameReader(conn, hipath.Framing, 0)
			if _, err := fr.ReadFrame(); err != nil { // the AARQ
				return err
			}
			aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
			if err := cstav3.WriteFrame(conn, hipath.Framing, aare); err != nil {
				return err
			}
			for _, pdu := range bad {
				if err := cstav3.WriteFrame(conn, hipath.Framing, pdu); err != nil {
					return err
				}
			}
			ss, _ := (&cstav3.Message{Type: cstav3.Invoke, InvokeID: 9, Opcode: cstav3.OpSystemStatus,
				Argument: hexBytes("30 03 0a 01 02")}).Append(nil)
			if err := cstav3.WriteFrame(conn, hipath.Framing, ss); err != nil {
				return err
			}
			conn.SetReadDeadline(time.Now().Add(waitLong))
			for {
				pdu, err := fr.ReadFrame()
				if err != nil {
					return err
				}
				var m cstav3.Message
				if m.Decode(pdu) == nil && m.Type == cstav3.ReturnResult && m.InvokeID == 9 {
					break
				}
			}
			_, err = conn.Write(hexBytes("27 80 01 00")) // a frame without its marker
			return err
		}()
	}()
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	c, err := cstav3.Dial(ctx, ln.Addr().String(), cstav3.WithFraming(hipath.Framing), cstav3.WithoutReconnect(), cstav3.WithHeartbeat(0, 1),
		cstav3.WithTimeouts(time.Second, 50*time.Millisecond, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	states := c.LinkStates()
	<-states
	if err := <-done; err != nil {
		t.Fatalf("switch: %v", err)
	}
	ev := expectState(t, states, cstav3.LinkClosed)
	if !errors.Is(ev.Err, cstav3.ErrLinkDown) {
		t.Fatalf("link closed because %v", ev.Err)
	}
	if st := c.Stats(); st.BadPDUs != uint64(len(bad)) || st.StatusAnswered != 1 {
		t.Fatalf("%d malformed PDUs sent; stats %+v", len(bad), st)
	}
}
