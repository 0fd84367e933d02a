package hipathsim

import (
	"bytes"
	"errors"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

func TestStopMonitors(t *testing.T) {
	s, c := startConnected(t)
	if n, err := s.StopMonitors("100", "999"); !errors.Is(err, errInvalidDeviceID) || n != 0 {
		t.Fatalf("unknown extension: %d, %v", n, err)
	}
	ref100 := c.monitor("100")
	ref101 := c.monitor("101")
	if n, err := s.StopMonitors("100"); n != 1 || err != nil {
		t.Fatalf("StopMonitors: %d, %v", n, err)
	}
	// The switch's invoke: MonitorStopArgument ::= SEQUENCE {
	// crossRefIdentifier [APPLICATION 21] IMPLICIT OCTET STRING, … }.
	m := recv(c, c.answers, "MonitorStop invoke")
	wantArg := append([]byte{0x30, 0x04, 0x55, 0x02}, ref100...)
	if m.Type != cstav3.Invoke || m.Opcode != cstav3.OpMonitorStop || !bytes.Equal(m.Argument, wantArg) {
		t.Fatalf("got %v %v % x, want an invoke of MonitorStop % x", m.Type, m.Opcode, m.Argument, wantArg)
	}
	// The monitor is gone; the other one stays.
	c.fails(&cstav3.MonitorStopArgument{CrossRefIdentifier: ref100}, errInvalidCrossRefID)
	if _, err := s.Dial("101", "102"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{ref101, cstav3.EventServiceInitiated})
	// The client's result is counted once the switch has read it.
	res, err := (&cstav3.Message{Type: cstav3.ReturnResult, InvokeID: m.InvokeID, Opcode: cstav3.OpMonitorStop,
		Argument: []byte{0x05, 0x00}}).Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	c.send(res)
	c.sync()
	if st := s.Stats(); st.MonitorStopsSent != 1 || st.MonitorStopsAnswered != 1 {
		t.Fatalf("stats: %d sent, %d answered", st.MonitorStopsSent, st.MonitorStopsAnswered)
	}
}
