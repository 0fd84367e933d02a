package xmlbridge

import (
	"encoding/hex"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// TestTwoCallServices drives the services that join, swap and divert
// calls through the bridge: ConsultationCall, AlternateCall, ReconnectCall,
// TransferCall, ConferenceCall, DeflectCall and SnapshotCall, each request
// written by the codec from its cstav3 argument, each answer checked.
func TestTwoCallServices(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := dialConsumer(t, e.header, framingHeader, nil)
	c.login()
	enc := ecma323.Encoder{Edition: ecma323.Ed3}
	id := 10
	do := func(arg cstav3.Argument, want string) *ecma323.Message {
		t.Helper()
		x, err := ecma323.ArgumentToXML(arg, "")
		if err != nil {
			t.Fatal(err)
		}
		doc, err := enc.Append(nil, x)
		if err != nil {
			t.Fatal(err)
		}
		id++
		f := c.request(id, doc)
		if f.msg.Name != want {
			t.Fatalf("%T answered %s", arg, f.doc)
		}
		return f.msg
	}
	conn := func(x ecma323.ConnectionID) cstav3.ConnectionID {
		b, err := hex.DecodeString(x.CallID)
		if err != nil {
			t.Fatal(err)
		}
		return cstav3.NewConnectionID(b, cstav3.Dialing(x.DeviceID.Value))
	}
	call := func(from, to string) cstav3.ConnectionID {
		t.Helper()
		cid, err := e.sim.Dial(from, to)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.sim.Answer(to); err != nil {
			t.Fatal(err)
		}
		return cstav3.NewConnectionID(cid, cstav3.Dialing(from))
	}

	// A consults C, alternates, reconnects to B.
	ab := call("741", "742")
	m := do(&cstav3.ConsultationCallArgument{ExistingCall: ab, ConsultedDevice: cstav3.Dialing("743")}, "ConsultationCallResponse")
	ac := conn(m.XML.(*ecma323.ConsultationCallResponse).InitiatedCall)
	if err := e.sim.Answer("743"); err != nil {
		t.Fatal(err)
	}
	do(&cstav3.AlternateCallArgument{HeldCall: ab, ActiveCall: ac}, "AlternateCallResponse")
	do(&cstav3.AlternateCallArgument{HeldCall: ac, ActiveCall: ab}, "AlternateCallResponse")
	do(&cstav3.ReconnectCallArgument{ActiveCall: ac, HeldCall: ab}, "ReconnectCallResponse")
	m = do(&cstav3.SnapshotCallArgument{SnapshotObject: ab}, "SnapshotCallResponse")
	if d := m.XML.(*ecma323.SnapshotCallResponse).CrossRefIDorSnapshotData.SnapshotData; d == nil || len(d.Items) != 2 {
		t.Fatalf("snapshot of A-B: %+v", m.XML)
	}

	// A consults C and transfers B to C.
	m = do(&cstav3.ConsultationCallArgument{ExistingCall: ab, ConsultedDevice: cstav3.Dialing("743")}, "ConsultationCallResponse")
	ac = conn(m.XML.(*ecma323.ConsultationCallResponse).InitiatedCall)
	if err := e.sim.Answer("743"); err != nil {
		t.Fatal(err)
	}
	do(&cstav3.TransferCallArgument{HeldCall: ab, ActiveCall: ac}, "TransferCallResponse")
	if err := e.sim.Hangup("742"); err != nil {
		t.Fatal(err)
	}

	// A consults C and makes it a conference.
	ab = call("741", "742")
	m = do(&cstav3.ConsultationCallArgument{ExistingCall: ab, ConsultedDevice: cstav3.Dialing("743")}, "ConsultationCallResponse")
	ac = conn(m.XML.(*ecma323.ConsultationCallResponse).InitiatedCall)
	if err := e.sim.Answer("743"); err != nil {
		t.Fatal(err)
	}
	do(&cstav3.ConferenceCallArgument{HeldCall: ab, ActiveCall: ac}, "ConferenceCallResponse")
	do(&cstav3.ClearCallArgument{CallToBeCleared: ab}, "ClearCallResponse")

	// B deflects A's call to C.
	cid, err := e.sim.Dial("741", "742")
	if err != nil {
		t.Fatal(err)
	}
	do(&cstav3.DeflectCallArgument{CallToBeDiverted: cstav3.NewConnectionID(cid, cstav3.Dialing("742")),
		NewDestination: cstav3.Dialing("743")}, "DeflectCallResponse")
	if st := e.srv.Stats(); st.RequestsFailed != 0 {
		t.Fatalf("stats %+v", st)
	}
}
