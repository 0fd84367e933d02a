package cstav3_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// fakeSwitch plays the switch side by hand over net.Pipe, for behaviour the
// simulator never shows: events for cross-references nobody monitors and
// operations a client does not serve.
type fakeSwitch struct {
	t    *testing.T
	conn net.Conn
	fr   *cstav3.FrameReader
}

func (s *fakeSwitch) send(pdu []byte) {
	s.t.Helper()
	if err := cstav3.WriteFrame(s.conn, pdu); err != nil {
		s.t.Fatal(err)
	}
}

func (s *fakeSwitch) sendMessage(m *cstav3.Message) {
	s.t.Helper()
	pdu, err := m.Append(nil)
	if err != nil {
		s.t.Fatal(err)
	}
	s.send(pdu)
}

// next reads frames until a ROSE message arrives.
func (s *fakeSwitch) next() cstav3.Message {
	s.t.Helper()
	s.conn.SetReadDeadline(time.Now().Add(waitLong))
	for {
		pdu, err := s.fr.ReadFrame()
		if err != nil {
			s.t.Fatal(err)
		}
		if cstav3.IsACSE(pdu) {
			continue
		}
		var m cstav3.Message
		if err := m.Decode(pdu); err != nil {
			s.t.Fatal(err)
		}
		return m
	}
}

func TestUnknownCrossRefAndOperation(t *testing.T) {
	cli, srv := net.Pipe()
	sw := &fakeSwitch{t: t, conn: srv, fr: cstav3.NewFrameReader(srv, 0)}
	go func() {
		// Answer the AARQ with an accepting AARE.
		if _, err := sw.fr.ReadFrame(); err != nil {
			return
		}
		aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
		cstav3.WriteFrame(srv, aare)
	}()
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	c, err := cstav3.Connect(ctx, cli, cstav3.WithHeartbeat(0, 1), cstav3.WithTimeouts(time.Second, 50*time.Millisecond, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		go func() { // let Close's RLRQ through; no RLRE comes, so it aborts
			for {
				if _, err := sw.fr.ReadFrame(); err != nil {
					return
				}
			}
		}()
		c.Close()
		srv.Close()
	}()

	// An event for a cross-reference the client never started: counted.
	rep := &cstav3.EventReport{CrossRef: cstav3.CrossRefID{0x99, 0x99}, Event: &cstav3.HeldEvent{
		HeldConnection: cstav3.NewConnectionID(cstav3.CallID{1, 2}, cstav3.Dialing("100")),
		HoldingDevice:  cstav3.Known(cstav3.Dialing("100")),
		Cause:          cstav3.CauseNormal,
	}}
	arg, err := cstav3.AppendEventReport(nil, rep)
	if err != nil {
		t.Fatal(err)
	}
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 70000, Opcode: cstav3.OpEventReport, Argument: arg})

	// An operation a client does not serve (MakeCall from the switch): a
	// Reject for that invoke id.
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 7, Opcode: cstav3.OpMakeCall, Argument: []byte{0x30, 0x00}})
	m := sw.next()
	if m.Type != cstav3.Reject || m.InvokeID != 7 || m.Problem != cstav3.ProblemUnrecognizedOperation {
		t.Fatalf("answer %+v", m)
	}
	// The event was read before the invoke that was rejected.
	if got := c.Stats().UnknownCrossRef; got != 1 {
		t.Fatalf("unknown cross-refs %d", got)
	}
	// A MonitorStop of the switch for a cross-reference the client does not
	// know: universalFailure invalidCrossRefID; with an argument that is no
	// MonitorStopArgument: a Reject.
	stop, err := cstav3.AppendArgument(nil, &cstav3.MonitorStopArgument{CrossRefIdentifier: cstav3.CrossRefID{0x99, 0x98}})
	if err != nil {
		t.Fatal(err)
	}
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 9, Opcode: cstav3.OpMonitorStop, Argument: stop})
	m = sw.next()
	if m.Type != cstav3.ReturnError || m.InvokeID != 9 || m.ErrorCode != cstav3.ErrorCodeUniversalFailure {
		t.Fatalf("answer %+v", m)
	}
	if e, err := cstav3.DecodeError(m.Argument); err != nil || e.Name() != "invalidCrossRefID" {
		t.Fatalf("error %v, %v", e, err)
	}
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 10, Opcode: cstav3.OpMonitorStop, Argument: []byte{0x05, 0x00}})
	if m := sw.next(); m.Type != cstav3.Reject || m.InvokeID != 10 || m.Problem != cstav3.ProblemMistypedArgument {
		t.Fatalf("answer %+v", m)
	}
	if got := c.Stats().MonitorsEnded; got != 0 {
		t.Fatalf("monitors ended %d", got)
	}
	// A SystemStatus of the switch is answered with its invoke id.
	sw.sendMessage(&cstav3.Message{Type: cstav3.Invoke, InvokeID: 8, Opcode: cstav3.OpSystemStatus, Argument: []byte{0x30, 0x03, 0x0a, 0x01, 0x02}})
	if m := sw.next(); m.Type != cstav3.ReturnResult || m.InvokeID != 8 || m.Opcode != cstav3.OpSystemStatus {
		t.Fatalf("answer %+v", m)
	}
}
