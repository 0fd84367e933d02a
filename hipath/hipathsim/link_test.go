package hipathsim

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

func TestAssociateAccepted(t *testing.T) {
	s := start(t, Config{})
	c := open(t, s, false)
	aare := c.associate("AMHOST", "77777")
	if err := aare.Err(); err != nil {
		t.Fatal(err)
	}
	if !aare.Context.Equal(cstav3.ContextCSTA) || len(aare.APSStamp) != 16 || string(aare.SystemVersion) != SystemVersion ||
		aare.ResponderRequirements.Length != 2 || !aare.ResponderRequirements.At(0) ||
		!bytes.Equal(aare.CSTAVersion.Bytes, cstav3.DefaultCSTAVersion.Bytes) ||
		aare.CSTAVersion.Length != cstav3.DefaultCSTAVersion.Length {
		t.Fatalf("AARE %+v", aare)
	}
	// The SystemStatus invoke follows at once: exactly the bytes a HiPath
	// sends, answered with exactly the bytes the Perl client sends.
	st := c.nextStatus()
	out, err := st.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := vector(t, "pbx-systemstatus-invoke"); !bytes.Equal(out, want) {
		t.Fatalf("SystemStatus\n got %x\nwant %x", out, want)
	}
	c.send(vector(t, "client-systemstatus-result"))
	if got := s.Stats(); got.LinksAssociated != 1 || got.StatusSent != 1 {
		t.Fatalf("stats %+v", got)
	}
	// The client's own SystemStatus is answered with NoData.
	res := c.must(&cstav3.SystemStatusArgument{SystemStatus: cstav3.SystemNormal})
	if nd, ok := res.(*cstav3.NoData); !ok || nd.Op != cstav3.OpSystemStatus {
		t.Fatalf("SystemStatus result %#v", res)
	}
	if s.Stats().StatusAnswered != 1 {
		t.Fatalf("status answered %d", s.Stats().StatusAnswered)
	}
	// Orderly release: RLRQ, RLRE, close.
	rlrq, _ := cstav3.AppendAPDU(nil, &cstav3.RLRQ{HasReason: true})
	c.send(rlrq)
	select {
	case a := <-c.acse:
		if _, ok := a.(*cstav3.RLRE); !ok {
			t.Fatalf("got %T, want RLRE", a)
		}
	case <-time.After(wait):
		t.Fatal("no RLRE")
	}
	c.closed()
}

func TestAssociateRejected(t *testing.T) {
	s := start(t, Config{User: "admin", Password: "secret"})
	for _, tc := range []struct {
		name, user, password string
	}{
		{"wrong password", "admin", "77777"},
		{"default credentials", "AMHOST", "77777"},
		{"no credentials", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := open(t, s, true)
			aare := c.associate(tc.user, tc.password)
			if aare.Result != cstav3.RejectedPermanent || aare.Diagnostic.Provider ||
				aare.Diagnostic.Value != cstav3.DiagnosticAuthenticationFailure {
				t.Fatalf("AARE %+v", aare)
			}
			if !errors.Is(aare.Err(), cstav3.ErrAuthFailed) {
				t.Fatalf("err %v", aare.Err())
			}
			c.closed()
			if !errors.Is(c.err, io.EOF) {
				t.Fatalf("closed with %v", c.err)
			}
			select {
			case m := <-c.status:
				t.Fatalf("SystemStatus %+v after a rejection", m)
			default:
			}
		})
	}
	c := open(t, s, true)
	if aare := c.associate("admin", "secret"); aare.Err() != nil {
		t.Fatal(aare.Err())
	}
	if got := s.Stats(); got.LinksRejected != 3 || got.LinksAssociated != 1 {
		t.Fatalf("stats %+v", got)
	}
}

func TestAssociateWrongContext(t *testing.T) {
	s := start(t, Config{})
	c := open(t, s, true)
	pdu, _ := cstav3.AppendAPDU(nil, &cstav3.AARQ{Context: ber.OID{1, 3, 12, 0, 285}, Authentication: credentials(DefaultUser, DefaultPassword)})
	c.send(pdu)
	select {
	case a := <-c.acse:
		if aare := a.(*cstav3.AARE); aare.Result != cstav3.RejectedPermanent ||
			aare.Diagnostic.Value != cstav3.DiagnosticContextNotSupported {
			t.Fatalf("AARE %+v", aare)
		}
	case <-time.After(wait):
		t.Fatal("no AARE")
	}
	c.closed()
}

func TestROSEBeforeAssociationAborts(t *testing.T) {
	s := start(t, Config{})
	c := open(t, s, true)
	c.send(vector(t, "client-monitorstart-100"))
	select {
	case a := <-c.acse:
		if _, ok := a.(*cstav3.ABRT); !ok {
			t.Fatalf("got %T, want ABRT", a)
		}
	case <-time.After(wait):
		t.Fatal("no ABRT")
	}
	c.closed()
}

func TestPeriodicSystemStatus(t *testing.T) {
	// Misses are not the point here: a loaded machine may delay answers.
	s := start(t, Config{StatusInterval: 10 * time.Millisecond, StatusMisses: 1000})
	c := connect(t, s)
	last := int64(1)
	for range 5 {
		m := c.nextStatus()
		if m.InvokeID <= last {
			t.Fatalf("invoke id %d after %d", m.InvokeID, last)
		}
		last = m.InvokeID
		arg, err := cstav3.DecodeArgument(m.Opcode, m.Argument)
		if err != nil || arg.(*cstav3.SystemStatusArgument).SystemStatus != cstav3.SystemNormal {
			t.Fatalf("SystemStatus %v %+v", err, arg)
		}
	}
	// Answered heartbeats keep the link up.
	c.monitor("100")
	if got := s.Stats(); got.HeartbeatDrops != 0 || got.LinksClosed != 0 {
		t.Fatalf("stats %+v", got)
	}
}

func TestMissedSystemStatusDropsLink(t *testing.T) {
	s := start(t, Config{StatusInterval: 10 * time.Millisecond, StatusMisses: 3})
	c := open(t, s, false)
	if aare := c.associate(DefaultUser, DefaultPassword); aare.Err() != nil {
		t.Fatal(aare.Err())
	}
	c.closed()
	// The first invoke and one per tick until the third miss: 3 invokes.
	if got := len(c.status); got != 3 {
		t.Fatalf("%d SystemStatus invokes before the drop, want 3", got)
	}
	if got := s.Stats(); got.HeartbeatDrops != 1 || got.LinksDropped != 1 || got.StatusAnswered != 0 {
		t.Fatalf("stats %+v", got)
	}
}

// TestVectors drives the switch with the exact bytes of the reference
// client PDUs and compares its answers with the reference switch PDUs.
func TestVectors(t *testing.T) {
	s := start(t, Config{FirstDevice: 100, LastDevice: 299})
	c := connect(t, s)
	c.send(vector(t, "client-monitorstart-100"))
	m := c.answer(1)
	got, _ := m.Append(nil)
	if want := vector(t, "pbx-monitorstart-result"); !bytes.Equal(got, want) {
		t.Fatalf("MonitorStart result\n got %x\nwant %x", got, want)
	}
	res, err := cstav3.DecodeResult(m.Opcode, m.Argument)
	if err != nil || res.(*cstav3.MonitorStartResult).CrossRefIdentifier.String() != "0001" {
		t.Fatalf("result %v %+v", err, res)
	}

	// 200 calls 100: the Delivered 100's monitor gets is the reference
	// event but for the call id and the time.
	call, err := s.Dial("200", "100")
	if err != nil {
		t.Fatal(err)
	}
	e := c.event()
	var vm cstav3.Message
	if err := vm.Decode(vector(t, "pbx-event-delivered")); err != nil {
		t.Fatal(err)
	}
	ref, err := cstav3.DecodeEventReport(vm.Argument)
	if err != nil {
		t.Fatal(err)
	}
	wantEv := ref.Event.(*cstav3.DeliveredEvent)
	gotEv := e.rep.Event.(*cstav3.DeliveredEvent)
	ts, err := gotEv.Extensions.Timestamp.Time(time.Local)
	if err != nil || time.Since(ts) > time.Minute || time.Since(ts) < -time.Minute {
		t.Fatalf("timestamp %q: %v", gotEv.Extensions.Timestamp, err)
	}
	wantEv.Connection.Call = call
	wantEv.Extensions.Timestamp = gotEv.Extensions.Timestamp
	gotArg, _ := cstav3.AppendEventReport(nil, e.rep)
	wantArg, _ := cstav3.AppendEventReport(nil, ref)
	if !bytes.Equal(gotArg, wantArg) {
		t.Fatalf("Delivered\n got %x\nwant %x", gotArg, wantArg)
	}
	if e.invokeID != 2 {
		t.Fatalf("event invoke id %d, want 2 (after the SystemStatus)", e.invokeID)
	}

	c.send(vector(t, "client-monitorstop"))
	m = c.answer(2)
	got, _ = m.Append(nil)
	if want := vector(t, "pbx-monitorstop-result"); !bytes.Equal(got, want) {
		t.Fatalf("MonitorStop result\n got %x\nwant %x", got, want)
	}
	if err := s.Hangup("200"); err != nil {
		t.Fatal(err)
	}
	c.quiet()

	c.send(vector(t, "client-abrt"))
	c.closed()
}

func TestRejects(t *testing.T) {
	s, c := startConnected(t)
	// An operation nobody models.
	c.sendInvoke(7, 99, []byte{0x05, 0x00})
	if m := c.answer(7); m.Type != cstav3.Reject || m.Problem != cstav3.ProblemUnrecognizedOperation {
		t.Fatalf("answer %+v", m)
	}
	// A modelled operation the switch does not provide as a service.
	c.sendInvoke(8, cstav3.OpEventReport, []byte{0x30, 0x00})
	if m := c.answer(8); m.Type != cstav3.Reject || m.Problem != cstav3.ProblemUnrecognizedOperation {
		t.Fatalf("answer %+v", m)
	}
	// A MakeCall whose argument is an INTEGER.
	c.sendInvoke(9, cstav3.OpMakeCall, []byte{0x02, 0x01, 0x00})
	if m := c.answer(9); m.Type != cstav3.Reject || m.Problem != cstav3.ProblemMistypedArgument {
		t.Fatalf("answer %+v", m)
	}
	// A PDU that is not ROSE.
	c.send([]byte{0xA1, 0x03, 0x02, 0x01})
	if m := c.answer(0); m.Type != cstav3.Reject || !m.NoInvokeID || m.Problem != cstav3.ProblemMistypedPDU {
		t.Fatalf("answer %+v", m)
	}
	c.send([]byte{0x30, 0x00})
	if m := c.answer(0); m.Type != cstav3.Reject || m.Problem != cstav3.ProblemUnrecognizedPDU {
		t.Fatalf("answer %+v", m)
	}
	// The link survives all of it.
	c.monitor("100")
	if got := s.Stats(); got.Rejects != 5 || got.Requests[99] != 1 || got.Requests[cstav3.OpMakeCall] != 1 {
		t.Fatalf("stats %+v", got)
	}
}
