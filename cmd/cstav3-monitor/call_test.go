package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// TestCallInterrupted: Ctrl-C while call connects, or while it waits for
// the PBX's answer, exits 130, not 0: the request may have been carried
// out or not.
func TestCallInterrupted(t *testing.T) {
	for _, tt := range []struct {
		name      string
		associate bool // answer the AARQ, then wait for the request
	}{
		{"while associating", false},
		{"while waiting for the answer", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			// waiting receives nil when the PBX holds the binary where
			// the test interrupts it, or what went wrong.
			waiting := make(chan error, 1)
			go func() {
				conn, err := ln.Accept()
				if err != nil {
					waiting <- err
					return
				}
				t.Cleanup(func() { conn.Close() })
				if !tt.associate {
					waiting <- nil
					return
				}
				conn.SetDeadline(time.Now().Add(waitLong))
				fr := cstav3.NewFrameReader(conn, hipath.Framing, 0)
				if _, err := fr.ReadFrame(); err != nil { // the AARQ
					waiting <- err
					return
				}
				aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
				if err := cstav3.WriteFrame(conn, hipath.Framing, aare); err != nil {
					waiting <- err
					return
				}
				for {
					pdu, err := fr.ReadFrame()
					if err != nil {
						waiting <- err
						return
					}
					var m cstav3.Message
					if m.Decode(pdu) == nil && m.Type == cstav3.Invoke && m.Opcode == cstav3.OpMakeCall {
						waiting <- nil // and never answer
						return
					}
				}
			}()
			p := startBin(t, nil, "call", "make", "100", "101", "--pbx", ln.Addr().String(), "--timeout", "1m")
			select {
			case err := <-waiting:
				if err != nil {
					t.Fatalf("the fake PBX: %v; stderr: %s", err, p.stderr)
				}
			case <-time.After(waitLong):
				t.Fatalf("the binary did not get there within %s; stderr: %s", waitLong, p.stderr)
			}
			if code := p.interrupt(); code != exitInterrupted {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitInterrupted, p.stderr)
			}
			want := "cstav3-monitor: MakeCall interrupted: the PBX may or may not have carried it out\n"
			if got := p.stderr.String(); !strings.HasSuffix(got, want) {
				t.Errorf("stderr %q, want it to end with %q", got, want)
			}
		})
	}
}
