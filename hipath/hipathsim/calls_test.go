package hipathsim

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

var (
	siEv  = cstav3.EventServiceInitiated
	orEv  = cstav3.EventOriginated
	delEv = cstav3.EventDelivered
	estEv = cstav3.EventEstablished
	ccEv  = cstav3.EventConnectionCleared
	clrEv = cstav3.EventCallCleared
)

func dev(d cstav3.Device, number string) bool {
	return d.Status == cstav3.DeviceGiven && d.Kind == cstav3.DialingNumber && d.Number == number
}

func notKnown(d cstav3.Device) bool { return d.Status == cstav3.DeviceNotKnown }

// checkTime checks the extensions timestamp: zone-less, now, in loc.
func checkTime(t *testing.T, ext cstav3.CommonArguments, loc *time.Location) {
	t.Helper()
	ts := string(ext.Timestamp)
	if len(ts) != 14 {
		t.Fatalf("timestamp %q is not the zone-less YYYYMMDDhhmmss form", ts)
	}
	at, err := ext.Timestamp.Time(loc)
	if err != nil || time.Since(at) > time.Minute || time.Since(at) < -time.Minute {
		t.Fatalf("timestamp %q in %v: %v", ts, loc, err)
	}
}

// TestBasicCall follows one call, field by field, on two links: the first
// monitors the caller, the second the called device and the caller again.
func TestBasicCall(t *testing.T) {
	loc := time.FixedZone("PBX", 5*3600+1800)
	s := start(t, Config{Location: loc})
	c1, c2 := connect(t, s), connect(t, s)
	m100 := c1.monitor("100")
	m101, m100b := c2.monitor("101"), c2.monitor("100")

	res := c1.must(&cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("100"),
		CalledDirectoryNumber: cstav3.Dialing("101")}).(*cstav3.MakeCallResult)
	call := res.CallingDevice.Call
	if len(call) != 2 || !res.CallingDevice.Equal(cid(call, "100")) {
		t.Fatalf("MakeCall result %+v", res.CallingDevice)
	}
	evs := c1.expect(want{m100, siEv}, want{m100, orEv}, want{m100, delEv})
	c2.expect(want{m100b, siEv}, want{m100b, orEv}, want{m100b, delEv}, want{m101, delEv})

	si := evs[0].(*cstav3.ServiceInitiatedEvent)
	if !si.InitiatedConnection.Equal(cid(call, "100")) || !dev(si.InitiatingDevice, "100") ||
		!si.HasLocalConnectionInfo || si.LocalConnectionInfo != cstav3.StateInitiated || si.Cause != cstav3.CauseNewCall {
		t.Fatalf("ServiceInitiated %+v", si)
	}
	checkTime(t, si.Extensions, loc)
	or := evs[1].(*cstav3.OriginatedEvent)
	if !or.OriginatedConnection.Equal(cid(call, "100")) || !dev(or.CallingDevice, "100") ||
		!dev(or.CalledDevice, "101") || or.LocalConnectionInfo != cstav3.StateConnected || or.Cause != cstav3.CauseNewCall {
		t.Fatalf("Originated %+v", or)
	}
	del := evs[2].(*cstav3.DeliveredEvent)
	if !del.Connection.Equal(cid(call, "101")) || !dev(del.AlertingDevice, "101") || !dev(del.CallingDevice, "100") ||
		!dev(del.CalledDevice, "101") || !notKnown(del.LastRedirectionDevice) ||
		del.LocalConnectionInfo != cstav3.StateConnected || del.Cause != cstav3.CauseNewCall {
		t.Fatalf("Delivered to the caller %+v", del)
	}
	checkTime(t, del.Extensions, loc)

	// Snapshot while it rings: the true states.
	snap := c1.must(&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("101")}).(*cstav3.SnapshotDeviceResult)
	if len(snap.SnapshotData) != 1 || !snap.SnapshotData[0].ConnectionIdentifier.Equal(cid(call, "101")) ||
		!dev(snap.SnapshotData[0].EndpointDevice, "100") ||
		!equalStates(snap.SnapshotData[0].LocalCallState, cstav3.StateAlerting, cstav3.StateConnected) {
		t.Fatalf("snapshot %+v", snap.SnapshotData)
	}

	// AnswerCall of a call that is not ringing at the caller fails.
	c1.fails(&cstav3.AnswerCallArgument{CallToBeAnswered: cid(call, "100")}, errNoCallToAnswer)
	if err := s.Answer("101"); err != nil {
		t.Fatal(err)
	}
	evs = c2.expect(want{m100b, estEv}, want{m101, estEv})
	c1.expect(want{m100, estEv})
	est := evs[1].(*cstav3.EstablishedEvent)
	if !est.EstablishedConnection.Equal(cid(call, "101")) || !dev(est.AnsweringDevice, "101") ||
		!dev(est.CallingDevice, "100") || !dev(est.CalledDevice, "101") || !notKnown(est.LastRedirectionDevice) ||
		est.LocalConnectionInfo != cstav3.StateConnected || est.Cause != cstav3.CauseNewCall {
		t.Fatalf("Established %+v", est)
	}

	sc := c2.must(&cstav3.SnapshotCallArgument{SnapshotObject: cid(call, "100")}).(*cstav3.SnapshotCallResult)
	if len(sc.SnapshotData) != 2 || !dev(sc.SnapshotData[0].DeviceOnCall, "100") ||
		sc.SnapshotData[1].LocalConnectionState != cstav3.StateConnected || !dev(sc.CallingDevice, "100") {
		t.Fatalf("snapshot call %+v", sc)
	}

	// 101 hangs up by ClearConnection: both connections and the call are
	// cleared, to every monitor.
	c2.must(&cstav3.ClearConnectionArgument{ConnectionToBeCleared: cid(call, "101")})
	evs = c2.expect(want{m100b, ccEv}, want{m101, ccEv}, want{m100b, ccEv}, want{m101, ccEv},
		want{m100b, clrEv}, want{m101, clrEv})
	c1.expect(want{m100, ccEv}, want{m100, ccEv}, want{m100, clrEv})
	for i, w := range []struct {
		dropped string
		local   cstav3.ConnectionState
	}{{"101", cstav3.StateConnected}, {"101", cstav3.StateNull}, {"100", cstav3.StateNull}, {"100", cstav3.StateNull}} {
		cc := evs[i].(*cstav3.ConnectionClearedEvent)
		if !cc.DroppedConnection.Equal(cid(call, w.dropped)) || !dev(cc.ReleasingDevice, w.dropped) ||
			cc.LocalConnectionInfo != w.local || cc.Cause != cstav3.CauseNormalClearing {
			t.Fatalf("ConnectionCleared %d %+v", i, cc)
		}
	}
	cleared := evs[4].(*cstav3.CallClearedEvent)
	if !bytes.Equal(cleared.ClearedCall.Call, call) || cleared.Cause != cstav3.CauseNormalClearing {
		t.Fatalf("CallCleared %+v", cleared)
	}
	c1.quiet()
	c2.quiet()
	if err := s.Hangup("100"); err == nil {
		t.Fatal("hang up of an idle phone succeeded")
	}
}

func equalStates(cs cstav3.CallState, want ...cstav3.ConnectionState) bool {
	if cs.Kind != cstav3.CallStateCompound || len(cs.Compound) != len(want) {
		return false
	}
	for i := range want {
		if cs.Compound[i] != want[i] {
			return false
		}
	}
	return true
}

func TestBusyAndUnanswered(t *testing.T) {
	s, c := startConnected(t)
	m100, m101, m102 := c.monitor("100"), c.monitor("101"), c.monitor("102")
	call, err := s.Dial("100", "101")
	if err != nil {
		t.Fatal(err)
	}
	c.expect(want{m100, siEv}, want{m100, orEv}, want{m100, delEv}, want{m101, delEv})
	// 102 calls the ringing 101: busy.
	busy, err := s.Dial("102", "101")
	if err != nil {
		t.Fatal(err)
	}
	evs := c.expect(want{m102, siEv}, want{m102, orEv}, want{m102, cstav3.EventFailed})
	f := evs[2].(*cstav3.FailedEvent)
	if !f.FailedConnection.Equal(cid(busy, "101")) || !dev(f.FailingDevice, "101") || f.Cause != cstav3.CauseBusy ||
		f.LocalConnectionInfo != cstav3.StateFail {
		t.Fatalf("Failed %+v", f)
	}
	if err := s.Hangup("102"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m102, ccEv}, want{m102, clrEv})
	// The caller gives up: the ringing connection is cleared too.
	if err := s.Hangup("100"); err != nil {
		t.Fatal(err)
	}
	evs = c.expect(want{m100, ccEv}, want{m101, ccEv}, want{m100, ccEv}, want{m101, ccEv},
		want{m100, clrEv}, want{m101, clrEv})
	if cc := evs[2].(*cstav3.ConnectionClearedEvent); !cc.DroppedConnection.Equal(cid(call, "101")) {
		t.Fatalf("second ConnectionCleared %+v", cc)
	}
	// MakeCall from a busy phone.
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m100, siEv}, want{m100, orEv}, want{m100, delEv}, want{m101, delEv})
	c.fails(&cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("100"), CalledDirectoryNumber: cstav3.Dialing("102")},
		errCallingDeviceState)
}

// established sets up an answered call from a to b and consumes its events.
func established(t *testing.T, s *Server, c *client, a, b string, n int) cstav3.CallID {
	t.Helper()
	call, err := s.Dial(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Answer(b); err != nil {
		t.Fatal(err)
	}
	for range n {
		c.event()
	}
	return call
}

func TestHoldRetrieve(t *testing.T) {
	s, c := startConnected(t)
	m100, m101 := c.monitor("100"), c.monitor("101")
	call := established(t, s, c, "100", "101", 6)

	c.must(&cstav3.HoldCallArgument{CallToBeHeld: cid(call, "100")})
	evs := c.expect(want{m100, cstav3.EventHeld}, want{m101, cstav3.EventHeld})
	for i, local := range []cstav3.ConnectionState{cstav3.StateHold, cstav3.StateConnected} {
		h := evs[i].(*cstav3.HeldEvent)
		if !h.HeldConnection.Equal(cid(call, "100")) || !dev(h.HoldingDevice, "100") || h.LocalConnectionInfo != local {
			t.Fatalf("Held %d %+v", i, h)
		}
	}
	snap := c.must(&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("100")}).(*cstav3.SnapshotDeviceResult)
	if len(snap.SnapshotData) != 1 || !equalStates(snap.SnapshotData[0].LocalCallState, cstav3.StateHold, cstav3.StateConnected) {
		t.Fatalf("snapshot %+v", snap.SnapshotData)
	}
	c.fails(&cstav3.HoldCallArgument{CallToBeHeld: cid(call, "100")}, errConnectionState)
	c.fails(&cstav3.RetrieveCallArgument{CallToBeRetrieved: cid(call, "101")}, errNoHeldCall)

	c.must(&cstav3.RetrieveCallArgument{CallToBeRetrieved: cid(call, "100")})
	evs = c.expect(want{m100, cstav3.EventRetrieved}, want{m101, cstav3.EventRetrieved})
	r := evs[0].(*cstav3.RetrievedEvent)
	if !r.RetrievedConnection.Equal(cid(call, "100")) || !dev(r.RetrievingDevice, "100") ||
		r.LocalConnectionInfo != cstav3.StateConnected {
		t.Fatalf("Retrieved %+v", r)
	}
	c.must(&cstav3.ClearCallArgument{CallToBeCleared: cstav3.ConnectionID{Call: call}})
	c.expect(want{m100, ccEv}, want{m101, ccEv}, want{m100, ccEv}, want{m101, ccEv}, want{m100, clrEv}, want{m101, clrEv})
}

// consulted sets up 100–101 answered, then 100 consults 102, which answers.
func consulted(t *testing.T, s *Server, c *client, m100, m101, m102 cstav3.CrossRefID) (c1, c2 cstav3.CallID) {
	t.Helper()
	c1 = established(t, s, c, "100", "101", 6)
	res := c.must(&cstav3.ConsultationCallArgument{ExistingCall: cid(c1, "100"),
		ConsultedDevice: cstav3.Dialing("102")}).(*cstav3.ConsultationCallResult)
	c2 = res.InitiatedCall.Call
	if bytes.Equal(c1, c2) || !res.InitiatedCall.Equal(cid(c2, "100")) {
		t.Fatalf("consultation %+v", res)
	}
	evs := c.expect(want{m100, cstav3.EventHeld}, want{m101, cstav3.EventHeld}, want{m100, siEv}, want{m100, orEv},
		want{m100, delEv}, want{m102, delEv})
	if h := evs[0].(*cstav3.HeldEvent); h.Cause != cstav3.CauseConsultation {
		t.Fatalf("Held %+v", h)
	}
	if d := evs[5].(*cstav3.DeliveredEvent); d.Cause != cstav3.CauseConsultation || !dev(d.CallingDevice, "100") {
		t.Fatalf("Delivered %+v", d)
	}
	c.must(&cstav3.AnswerCallArgument{CallToBeAnswered: cid(c2, "102")})
	c.expect(want{m100, estEv}, want{m102, estEv})
	return c1, c2
}

func TestTransfer(t *testing.T) {
	s, c := startConnected(t)
	m100, m101, m102 := c.monitor("100"), c.monitor("101"), c.monitor("102")
	c1, c2 := consulted(t, s, c, m100, m101, m102)

	c.fails(&cstav3.TransferCallArgument{HeldCall: cid(c2, "100"), ActiveCall: cid(c1, "100")}, errHeldConnectionState)
	res := c.must(&cstav3.TransferCallArgument{HeldCall: cid(c1, "100"), ActiveCall: cid(c2, "100")}).(*cstav3.TransferCallResult)
	if !bytes.Equal(res.TransferredCall.Call, c1) || len(res.Connections) != 2 {
		t.Fatalf("result %+v", res)
	}
	evs := c.expect(want{m100, cstav3.EventTransferred}, want{m101, cstav3.EventTransferred}, want{m102, cstav3.EventTransferred})
	for i, local := range []cstav3.ConnectionState{cstav3.StateNull, cstav3.StateConnected, cstav3.StateConnected} {
		tr := evs[i].(*cstav3.TransferredEvent)
		if !tr.PrimaryOldCall.Equal(cid(c1, "100")) || !tr.SecondaryOldCall.Equal(cid(c2, "100")) ||
			!dev(tr.TransferringDevice, "100") || !dev(tr.TransferredToDevice, "102") ||
			tr.LocalConnectionInfo != local || tr.Cause != cstav3.CauseTransfer || len(tr.TransferredConnections) != 2 {
			t.Fatalf("Transferred %d %+v", i, tr)
		}
		l := tr.TransferredConnections
		if !l[0].NewConnection.Equal(cid(c1, "101")) || !l[0].OldConnection.Equal(cid(c1, "101")) ||
			!dev(l[0].Endpoint, "101") || !l[1].NewConnection.Equal(cid(c1, "102")) ||
			!l[1].OldConnection.Equal(cid(c2, "102")) || !dev(l[1].Endpoint, "102") {
			t.Fatalf("connection list %+v", l)
		}
	}
	snap := c.must(&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("101")}).(*cstav3.SnapshotDeviceResult)
	if len(snap.SnapshotData) != 1 || !dev(snap.SnapshotData[0].EndpointDevice, "102") {
		t.Fatalf("snapshot %+v", snap.SnapshotData)
	}
	if snap := c.must(&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("100")}).(*cstav3.SnapshotDeviceResult); len(snap.SnapshotData) != 0 {
		t.Fatalf("the transferring device still has %+v", snap.SnapshotData)
	}
	if err := s.Hangup("101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m101, ccEv}, want{m102, ccEv}, want{m101, ccEv}, want{m102, ccEv}, want{m101, clrEv}, want{m102, clrEv})
}

func TestConference(t *testing.T) {
	s, c := startConnected(t)
	m100, m101, m102 := c.monitor("100"), c.monitor("101"), c.monitor("102")
	c1, c2 := consulted(t, s, c, m100, m101, m102)

	res := c.must(&cstav3.ConferenceCallArgument{HeldCall: cid(c1, "100"), ActiveCall: cid(c2, "100")}).(*cstav3.ConferenceCallResult)
	if !res.ConferenceCall.Equal(cid(c1, "100")) || len(res.Connections) != 3 {
		t.Fatalf("result %+v", res)
	}
	evs := c.expect(want{m100, cstav3.EventConferenced}, want{m101, cstav3.EventConferenced}, want{m102, cstav3.EventConferenced})
	cf := evs[2].(*cstav3.ConferencedEvent)
	if !cf.PrimaryOldCall.Equal(cid(c1, "100")) || !cf.SecondaryOldCall.Equal(cid(c2, "100")) ||
		!dev(cf.ConferencingDevice, "100") || !dev(cf.AddedParty, "102") || cf.Cause != cstav3.CauseConference ||
		cf.LocalConnectionInfo != cstav3.StateConnected || len(cf.ConferenceConnections) != 3 ||
		!cf.ConferenceConnections[2].OldConnection.Equal(cid(c2, "102")) ||
		!cf.ConferenceConnections[2].NewConnection.Equal(cid(c1, "102")) {
		t.Fatalf("Conferenced %+v", cf)
	}
	sc := c.must(&cstav3.SnapshotCallArgument{SnapshotObject: cstav3.ConnectionID{Call: c1}}).(*cstav3.SnapshotCallResult)
	if len(sc.SnapshotData) != 3 {
		t.Fatalf("snapshot %+v", sc.SnapshotData)
	}
	for _, p := range sc.SnapshotData {
		if p.LocalConnectionState != cstav3.StateConnected {
			t.Fatalf("snapshot %+v", sc.SnapshotData)
		}
	}
	// One leaves: the other two stay.
	if err := s.Hangup("102"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m100, ccEv}, want{m101, ccEv}, want{m102, ccEv})
	c.quiet()
	if err := s.Hangup("100"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m100, ccEv}, want{m101, ccEv}, want{m100, ccEv}, want{m101, ccEv}, want{m100, clrEv}, want{m101, clrEv})
}

func TestAlternateReconnect(t *testing.T) {
	s, c := startConnected(t)
	m100, m101, m102 := c.monitor("100"), c.monitor("101"), c.monitor("102")
	c1, c2 := consulted(t, s, c, m100, m101, m102)

	c.fails(&cstav3.AlternateCallArgument{HeldCall: cid(c1, "100"), ActiveCall: cid(c2, "102")}, errNotSameDevice)
	c.must(&cstav3.AlternateCallArgument{HeldCall: cid(c1, "100"), ActiveCall: cid(c2, "100")})
	evs := c.expect(want{m100, cstav3.EventHeld}, want{m102, cstav3.EventHeld}, want{m100, cstav3.EventRetrieved},
		want{m101, cstav3.EventRetrieved})
	if h := evs[0].(*cstav3.HeldEvent); !h.HeldConnection.Equal(cid(c2, "100")) || h.Cause != cstav3.CauseAlternate {
		t.Fatalf("Held %+v", h)
	}
	// Now c2 is held: reconnect clears c1 and retrieves c2.
	c.must(&cstav3.ReconnectCallArgument{ActiveCall: cid(c1, "100"), HeldCall: cid(c2, "100")})
	c.expect(want{m100, ccEv}, want{m101, ccEv}, want{m100, ccEv}, want{m101, ccEv}, want{m100, clrEv}, want{m101, clrEv},
		want{m100, cstav3.EventRetrieved}, want{m102, cstav3.EventRetrieved})
}

func TestSingleStepTransferAndDeflect(t *testing.T) {
	s, c := startConnected(t)
	m100, m101, m102, m103 := c.monitor("100"), c.monitor("101"), c.monitor("102"), c.monitor("103")
	call := established(t, s, c, "100", "101", 6)

	res := c.must(&cstav3.SingleStepTransferCallArgument{ActiveCall: cid(call, "101"),
		TransferredTo: cstav3.Dialing("102")}).(*cstav3.SingleStepTransferCallResult)
	if !res.TransferredCall.Equal(cid(call, "102")) {
		t.Fatalf("result %+v", res)
	}
	evs := c.expect(want{m100, cstav3.EventTransferred}, want{m101, cstav3.EventTransferred},
		want{m100, delEv}, want{m102, delEv})
	tr := evs[1].(*cstav3.TransferredEvent)
	if !dev(tr.TransferringDevice, "101") || !dev(tr.TransferredToDevice, "102") ||
		tr.Cause != cstav3.CauseSingleStepTransfer || tr.LocalConnectionInfo != cstav3.StateNull {
		t.Fatalf("Transferred %+v", tr)
	}
	del := evs[3].(*cstav3.DeliveredEvent)
	if !dev(del.AlertingDevice, "102") || !dev(del.CallingDevice, "100") || !dev(del.LastRedirectionDevice, "101") {
		t.Fatalf("Delivered %+v", del)
	}

	// 102 deflects the ringing call to 103.
	c.fails(&cstav3.DeflectCallArgument{CallToBeDiverted: cid(call, "102"), NewDestination: cstav3.Dialing("100")},
		errDestinationState)
	c.must(&cstav3.DeflectCallArgument{CallToBeDiverted: cid(call, "102"), NewDestination: cstav3.Dialing("103")})
	evs = c.expect(want{m100, cstav3.EventDiverted}, want{m102, cstav3.EventDiverted}, want{m100, delEv}, want{m103, delEv})
	dv := evs[1].(*cstav3.DivertedEvent)
	if !dv.Connection.Equal(cid(call, "102")) || !dev(dv.DivertingDevice, "102") || !dev(dv.NewDestination, "103") ||
		dv.LocalConnectionInfo != cstav3.StateNull || dv.Cause != cstav3.CauseRedirected {
		t.Fatalf("Diverted %+v", dv)
	}
	del = evs[3].(*cstav3.DeliveredEvent)
	if !dev(del.AlertingDevice, "103") || !dev(del.LastRedirectionDevice, "102") || del.Cause != cstav3.CauseRedirected ||
		del.LocalConnectionInfo != cstav3.StateAlerting {
		t.Fatalf("Delivered %+v", del)
	}
	if err := s.Answer("103"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m100, estEv}, want{m103, estEv})
}

func TestErrors(t *testing.T) {
	s, c := startConnected(t)
	c.monitor("100")
	call, err := s.Dial("100", "101")
	if err != nil {
		t.Fatal(err)
	}
	ghost := cstav3.CallID{0x7f, 0xff}
	for _, tc := range []struct {
		name string
		arg  cstav3.Argument
		want error
	}{
		{"monitor unknown device", hipath.MonitorStart(cstav3.Dialing("999")), uf(cstav3.OperationError, "invalidMonitorObject")},
		{"monitor a call", &cstav3.MonitorStartArgument{MonitorObject: cstav3.CallObject(cid(call, "100"))}, uf(cstav3.OperationError, "invalidMonitorObject")},
		{"stop unknown monitor", &cstav3.MonitorStopArgument{CrossRefIdentifier: cstav3.CrossRefID{0x12, 0x34}}, uf(cstav3.OperationError, "invalidCrossRefID")},
		{"filter unknown monitor", &cstav3.ChangeMonitorFilterArgument{CrossRefIdentifier: cstav3.CrossRefID{0x12, 0x34}}, uf(cstav3.OperationError, "invalidCrossRefID")},
		{"call from unknown device", &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("99"), CalledDirectoryNumber: cstav3.Dialing("101")}, uf(cstav3.OperationError, "invalidCallingDeviceID")},
		{"call unknown device", &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("102"), CalledDirectoryNumber: cstav3.Dialing("5555")}, uf(cstav3.OperationError, "invalidCalledDeviceID")},
		{"call oneself", &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("102"), CalledDirectoryNumber: cstav3.Dialing("102")}, uf(cstav3.OperationError, "notDifferentDevices")},
		{"answer unknown call", &cstav3.AnswerCallArgument{CallToBeAnswered: cid(ghost, "101")}, uf(cstav3.OperationError, "invalidConnectionID")},
		{"answer own call", &cstav3.AnswerCallArgument{CallToBeAnswered: cid(call, "100")}, uf(cstav3.StateIncompatibility, "noCallToAnswer")},
		{"hold ringing call", &cstav3.HoldCallArgument{CallToBeHeld: cid(call, "101")}, uf(cstav3.StateIncompatibility, "invalidConnectionState")},
		{"retrieve unheld call", &cstav3.RetrieveCallArgument{CallToBeRetrieved: cid(call, "100")}, uf(cstav3.StateIncompatibility, "noHeldCall")},
		{"clear stranger", &cstav3.ClearConnectionArgument{ConnectionToBeCleared: cid(call, "150")}, uf(cstav3.OperationError, "invalidConnectionID")},
		{"clear unknown call", &cstav3.ClearCallArgument{CallToBeCleared: cstav3.ConnectionID{Call: ghost}}, uf(cstav3.OperationError, "invalidCallID")},
		{"consult from ringing call", &cstav3.ConsultationCallArgument{ExistingCall: cid(call, "101"), ConsultedDevice: cstav3.Dialing("102")}, uf(cstav3.StateIncompatibility, "invalidConnectionState")},
		{"transfer without held call", &cstav3.TransferCallArgument{HeldCall: cid(ghost, "100"), ActiveCall: cid(call, "100")}, uf(cstav3.OperationError, "invalidHeldConnectionID")},
		{"deflect to unknown", &cstav3.DeflectCallArgument{CallToBeDiverted: cid(call, "101"), NewDestination: cstav3.Dialing("1")}, uf(cstav3.OperationError, "invalidDestinationDeviceID")},
		{"deflect connected call", &cstav3.DeflectCallArgument{CallToBeDiverted: cid(call, "100"), NewDestination: cstav3.Dialing("103")}, uf(cstav3.StateIncompatibility, "invalidConnectionState")},
		{"single step to unknown", &cstav3.SingleStepTransferCallArgument{ActiveCall: cid(call, "100"), TransferredTo: cstav3.Dialing("1")}, uf(cstav3.OperationError, "invalidDestinationDeviceID")},
		{"snapshot unknown device", &cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("999")}, uf(cstav3.OperationError, "invalidDeviceID")},
		{"snapshot unknown call", &cstav3.SnapshotCallArgument{SnapshotObject: cstav3.ConnectionID{Call: ghost}}, uf(cstav3.OperationError, "invalidCallID")},
		{"display of unknown device", &cstav3.SetDisplayArgument{Device: cstav3.Dialing("999"), ContentsOfDisplay: "hi"}, uf(cstav3.OperationError, "invalidDeviceID")},
	} {
		if _, err := c.do(tc.arg); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	c.must(&cstav3.SetDisplayArgument{Device: cstav3.Dialing("101"), ContentsOfDisplay: "hello"})
	if got := s.Stats(); got.Errors != 21 {
		t.Fatalf("errors %d", got.Errors)
	}
}

func TestMonitorFilter(t *testing.T) {
	s, c := startConnected(t)
	f := hipath.AllEvents()
	f.Suppress(cstav3.EventServiceInitiated)
	f.Suppress(cstav3.EventOriginated)
	m := c.must(&cstav3.MonitorStartArgument{MonitorObject: cstav3.DeviceObject(cstav3.Dialing("100")),
		RequestedMonitorFilter: f}).(*cstav3.MonitorStartResult).CrossRefIdentifier
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m, delEv})
	// Suppress nothing but Delivered from now on.
	f = hipath.AllEvents()
	f.Suppress(cstav3.EventDelivered)
	c.must(&cstav3.ChangeMonitorFilterArgument{CrossRefIdentifier: m, RequestedFilterList: *f})
	if err := s.Hangup("100"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m, ccEv}, want{m, ccEv}, want{m, clrEv})
	if _, err := s.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	c.expect(want{m, siEv}, want{m, orEv})
	c.quiet()
}
