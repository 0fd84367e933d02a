package cstav3_test

import (
	"bytes"
	"net"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// fakeSwitch plays the switch side by hand over net.Pipe, for behaviour the
// simulator never shows: events for cross-references nobody monitors,
// operations a client does not serve, and answers timed against the client's
// own goroutines.
type fakeSwitch struct {
	t    *testing.T
	conn net.Conn
	fr   *cstav3.FrameReader
}

func (s *fakeSwitch) sendMessage(m *cstav3.Message) {
	s.t.Helper()
	s.write(s.frame(m))
}

func (s *fakeSwitch) write(b ...[]byte) {
	s.t.Helper()
	if _, err := s.conn.Write(bytes.Join(b, nil)); err != nil {
		s.t.Fatal(err)
	}
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

// fakeClient connects a client, with opts, to a fakeSwitch over net.Pipe;
// both are closed when the test ends.
func fakeClient(t *testing.T, opts ...cstav3.Option) (*cstav3.Client, *fakeSwitch) {
	t.Helper()
	cli, srv := net.Pipe()
	sw := &fakeSwitch{t: t, conn: srv, fr: cstav3.NewFrameReader(srv, hipath.Framing, 0)}
	go func() {
		if _, err := sw.fr.ReadFrame(); err != nil {
			return
		}
		aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
		cstav3.WriteFrame(srv, hipath.Framing, aare)
	}()
	opts = append([]cstav3.Option{cstav3.WithFraming(hipath.Framing), cstav3.WithHeartbeat(0, 1), cstav3.WithTimeouts(time.Second, 50*time.Millisecond, time.Second)}, opts...)
	c, err := cstav3.Connect(ctxT(t), cli, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		go func() { // let Close's RLRQ through; no RLRE comes, so it aborts
			for {
				if _, err := sw.fr.ReadFrame(); err != nil {
					return
				}
			}
		}()
		c.Close()
		srv.Close()
	})
	return c, sw
}

// frame returns m framed, to write several PDUs at once.
func (s *fakeSwitch) frame(m *cstav3.Message) []byte {
	s.t.Helper()
	pdu, err := m.Append(nil)
	if err != nil {
		s.t.Fatal(err)
	}
	frame, err := cstav3.AppendFrame(nil, hipath.Framing, pdu)
	if err != nil {
		s.t.Fatal(err)
	}
	return frame
}

// expectInvoke reads the next message, which must invoke op.
func (s *fakeSwitch) expectInvoke(op cstav3.Opcode) cstav3.Message {
	s.t.Helper()
	m := s.next()
	if m.Type != cstav3.Invoke || m.Opcode != op {
		s.t.Fatalf("got %+v, want an invoke of %v", m, op)
	}
	return m
}

func TestUnknownCrossRefAndOperation(t *testing.T) {
	c, sw := fakeClient(t)

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
