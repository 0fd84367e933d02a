package xmlbridge

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// xrefOf returns the monitorCrossRefID of an event struct.
func xrefOf(v any) string {
	f := reflect.ValueOf(v).Elem().FieldByName("MonitorCrossRefID")
	if !f.IsValid() {
		return ""
	}
	return f.String()
}

// checks compares named fields, reporting every difference.
func checks(t testing.TB, what string, pairs ...string) {
	t.Helper()
	for i := 0; i+2 < len(pairs); i += 3 {
		if pairs[i+1] != pairs[i+2] {
			t.Errorf("%s %s = %q, want %q", what, pairs[i], pairs[i+1], pairs[i+2])
		}
	}
}

func role(r ecma323.DeviceRole) string {
	if r.Known {
		return r.Device.Value
	}
	if r.Status == "" {
		return ecma323.RoleNotKnown
	}
	return r.Status
}

const nsEd3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"

// TestECSS10EndToEnd drives the simulator through the bridge with the
// ECSS-10 requests of seed 000 on the 8-byte header framing, byte for byte
// where the seed's call ids cannot matter, with the simulator's call ids put
// in where they do, and checks every response and event field by field.
func TestECSS10EndToEnd(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := dialConsumer(t, e.header, framingHeader, nil)

	// Nothing but session requests before login.
	f := c.request(1, codecSeed(t, "ecss10-make-call"))
	checks(t, "before login", "operation", cstaError(t, f).Operation, "securityViolation")

	f = c.request(2, codecSeed(t, "ecss10-start-application-session"))
	pos, ok := f.msg.XML.(*ecma323.StartApplicationSessionPosResponse)
	if !ok {
		t.Fatalf("login: %s", f.doc)
	}
	if !bytes.HasPrefix(f.doc, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) || f.msg.Namespace != ecma323.NamespaceSession {
		t.Errorf("login answer not as ECSS-10 writes it: %s", f.doc)
	}
	checks(t, "StartApplicationSessionPosResponse",
		"actualProtocolVersion", pos.ActualProtocolVersion, nsEd3,
		"actualSessionDuration", strconv.Itoa(pos.ActualSessionDuration), "300")
	sid := pos.SessionID
	if len(sid) < 16 {
		t.Fatalf("session id %q", sid)
	}

	// The seed's session id is not ours; ours is renewed.
	f = c.request(3, codecSeed(t, "ecss10-reset-application-session-timer"))
	if neg, ok := f.msg.XML.(*ecma323.ResetApplicationSessionTimerNegResponse); !ok || neg.ErrorCode.DefinedError != "invalidSessionID" {
		t.Fatalf("reset of a foreign session: %s", f.doc)
	}
	f = c.request(4, withSession(codecSeed(t, "ecss10-reset-application-session-timer"), sid))
	if r, ok := f.msg.XML.(*ecma323.ResetApplicationSessionTimerPosResponse); !ok || r.ActualSessionDuration != 500 {
		t.Fatalf("reset: %s", f.doc)
	}

	// A second consumer watches 725 without a filter: it shares the PBX
	// monitor and sees the events the seed's filter suppresses.
	w := dialConsumer(t, e.header, framingHeader, nil)
	w.login()
	wxref := w.monitor(10, "725")

	f = c.request(5, codecSeed(t, "ecss10-monitor-start"))
	ms, ok := f.msg.XML.(*ecma323.MonitorStartResponse)
	if !ok || ms.MonitorCrossRefID == "" || ms.MonitorCrossRefID == wxref {
		t.Fatalf("MonitorStart: %s", f.doc)
	}
	xref := ms.MonitorCrossRefID
	if start, _ := e.monitorStarts(); start != 1 {
		t.Fatalf("%d MonitorStart at the PBX for two consumers of 725", start)
	}

	f = c.request(6, codecSeed(t, "ecss10-make-call"))
	mc, ok := f.msg.XML.(*ecma323.MakeCallResponse)
	if !ok {
		t.Fatalf("MakeCall: %s", f.doc)
	}
	call := mc.CallingDevice.CallID
	checks(t, "MakeCallResponse", "callingDevice/deviceID", mc.CallingDevice.DeviceID.Value, "725",
		"callingDevice/deviceID/@typeOfNumber", mc.CallingDevice.DeviceID.TypeOfNumber, "dialingNumber")
	if len(call) != 4 {
		t.Fatalf("call id %q is not the hex of HiPath's two octets", call)
	}

	ev := c.expectEvent("ServiceInitiatedEvent")
	si := ev.msg.XML.(*ecma323.ServiceInitiatedEvent)
	if ev.invokeID != framing.EventInvokeID || ev.msg.Namespace != nsEd3 {
		t.Errorf("event framing %04d %s", ev.invokeID, ev.msg.Namespace)
	}
	checks(t, "ServiceInitiatedEvent",
		"monitorCrossRefID", si.MonitorCrossRefID, xref,
		"initiatedConnection/deviceID", si.InitiatedConnection.DeviceID.Value, "725",
		"initiatedConnection/callID", si.InitiatedConnection.CallID, call,
		"initiatingDevice", role(si.InitiatingDevice), "725",
		"localConnectionInfo", si.LocalConnectionInfo, "initiated",
		"cause", si.Cause, "newCall")
	if si.Extensions == nil || si.Extensions.Security == nil || si.Extensions.Security.Timestamp == "" {
		t.Error("ServiceInitiatedEvent without the PBX timestamp")
	}
	or := c.expectEvent("OriginatedEvent").msg.XML.(*ecma323.OriginatedEvent)
	checks(t, "OriginatedEvent",
		"monitorCrossRefID", or.MonitorCrossRefID, xref,
		"originatedConnection/deviceID", or.OriginatedConnection.DeviceID.Value, "725",
		"originatedConnection/callID", or.OriginatedConnection.CallID, call,
		"callingDevice", role(or.CallingDevice), "725",
		"calledDevice", role(or.CalledDevice), "722",
		"localConnectionInfo", or.LocalConnectionInfo, "connected",
		"cause", or.Cause, "newCall")
	de := c.expectEvent("DeliveredEvent").msg.XML.(*ecma323.DeliveredEvent)
	checks(t, "DeliveredEvent",
		"monitorCrossRefID", de.MonitorCrossRefID, xref,
		"connection/deviceID", de.Connection.DeviceID.Value, "722",
		"connection/callID", de.Connection.CallID, call,
		"alertingDevice", role(de.AlertingDevice), "722",
		"callingDevice", role(de.CallingDevice), "725",
		"calledDevice", role(de.CalledDevice), "722",
		"lastRedirectionDevice", role(de.LastRedirectionDevice), ecma323.RoleNotKnown,
		"cause", de.Cause, "newCall")

	// The seed's own call is unknown here: a CSTA error, and the
	// connection stays.
	f = c.request(7, codecSeed(t, "ecss10-hold-call"))
	checks(t, "HoldCall of the seed's call", "operation", cstaError(t, f).Operation, "invalidConnectionID")

	if err := e.sim.Answer("722"); err != nil {
		t.Fatal(err)
	}
	es := c.expectEvent("EstablishedEvent").msg.XML.(*ecma323.EstablishedEvent)
	checks(t, "EstablishedEvent",
		"monitorCrossRefID", es.MonitorCrossRefID, xref,
		"establishedConnection/deviceID", es.EstablishedConnection.DeviceID.Value, "722",
		"establishedConnection/callID", es.EstablishedConnection.CallID, call,
		"answeringDevice", role(es.AnsweringDevice), "722",
		"callingDevice", role(es.CallingDevice), "725",
		"calledDevice", role(es.CalledDevice), "722",
		"cause", es.Cause, "newCall")

	f = c.request(8, withConnection(codecSeed(t, "ecss10-hold-call"), "725", call))
	if _, ok := f.msg.XML.(*ecma323.HoldCallResponse); !ok {
		t.Fatalf("HoldCall: %s", f.doc)
	}
	f = c.request(9, withConnection(codecSeed(t, "ecss10-retrieve-call"), "725", call))
	if _, ok := f.msg.XML.(*ecma323.RetrieveCallResponse); !ok {
		t.Fatalf("RetrieveCall: %s", f.doc)
	}
	f = c.request(10, withConnection(codecSeed(t, "ecss10-clear-connection"), "722", call))
	if _, ok := f.msg.XML.(*ecma323.ClearConnectionResponse); !ok {
		t.Fatalf("ClearConnection: %s", f.doc)
	}
	// The seed's filter suppresses held and retrieved: the next event is
	// the clearing, while the unfiltered watcher saw both.
	cc := c.expectEvent("ConnectionClearedEvent").msg.XML.(*ecma323.ConnectionClearedEvent)
	checks(t, "ConnectionClearedEvent",
		"monitorCrossRefID", cc.MonitorCrossRefID, xref,
		"droppedConnection/deviceID", cc.DroppedConnection.DeviceID.Value, "722",
		"droppedConnection/callID", cc.DroppedConnection.CallID, call,
		"releasingDevice", role(cc.ReleasingDevice), "722",
		"cause", cc.Cause, "normalClearing")
	c.expectEvent("ConnectionClearedEvent")
	cl := c.expectEvent("CallClearedEvent").msg.XML.(*ecma323.CallClearedEvent)
	checks(t, "CallClearedEvent", "clearedCall/callID", cl.ClearedCall.CallID, call, "cause", cl.Cause, "normalClearing")
	for _, name := range []string{"ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent", "EstablishedEvent",
		"HeldEvent", "RetrievedEvent", "ConnectionClearedEvent"} {
		if got := w.expectEvent(name); xrefOf(got.msg.XML) != wxref {
			t.Fatalf("watcher's %s carries another cross-ref: %s", name, got.doc)
		}
	}

	// An incoming call, answered by the seed's AnswerCall.
	if _, err := e.sim.Dial("722", "725"); err != nil {
		t.Fatal(err)
	}
	de = c.expectEvent("DeliveredEvent").msg.XML.(*ecma323.DeliveredEvent)
	call2 := de.Connection.CallID
	checks(t, "incoming DeliveredEvent", "alertingDevice", role(de.AlertingDevice), "725",
		"callingDevice", role(de.CallingDevice), "722", "connection/deviceID", de.Connection.DeviceID.Value, "725",
		"localConnectionInfo", de.LocalConnectionInfo, "alerting")
	f = c.request(11, withConnection(codecSeed(t, "ecss10-answer-call"), "725", call2))
	if _, ok := f.msg.XML.(*ecma323.AnswerCallResponse); !ok {
		t.Fatalf("AnswerCall: %s", f.doc)
	}
	es = c.expectEvent("EstablishedEvent").msg.XML.(*ecma323.EstablishedEvent)
	checks(t, "EstablishedEvent", "answeringDevice", role(es.AnsweringDevice), "725",
		"localConnectionInfo", es.LocalConnectionInfo, "connected")

	f = c.request(12, codecSeed(t, "ecss10-snapshot-device"))
	sd, ok := f.msg.XML.(*ecma323.SnapshotDeviceResponse)
	if !ok || sd.CrossRefIDorSnapshotData.SnapshotData == nil || len(sd.CrossRefIDorSnapshotData.SnapshotData.Items) != 1 {
		t.Fatalf("SnapshotDevice: %s", f.doc)
	}
	item := sd.CrossRefIDorSnapshotData.SnapshotData.Items[0]
	checks(t, "snapshotDeviceResponseInfo", "connectionIdentifier/callID", item.ConnectionIdentifier.CallID, call2,
		"connectionIdentifier/deviceID", item.ConnectionIdentifier.DeviceID.Value, "725")
	if cs := item.LocalCallState.CompoundCallState; cs == nil || len(cs.LocalConnectionState) == 0 || cs.LocalConnectionState[0] != "connected" {
		t.Errorf("localCallState %+v", item.LocalCallState)
	}

	f = c.request(13, withConnection(codecSeed(t, "ecss10-single-step-transfer-call"), "725", call2))
	st, ok := f.msg.XML.(*ecma323.SingleStepTransferCallResponse)
	if !ok || st.TransferredCall.CallID == "" {
		t.Fatalf("SingleStepTransferCall: %s", f.doc)
	}
	tr := c.expectEvent("TransferredEvent").msg.XML.(*ecma323.TransferredEvent)
	checks(t, "TransferredEvent", "monitorCrossRefID", tr.MonitorCrossRefID, xref,
		"transferringDevice", role(tr.TransferringDevice), "725",
		"transferredToDevice", role(tr.TransferredToDevice), "723",
		"cause", tr.Cause, "singleStepTransfer")

	f = c.request(14, withConnection(codecSeed(t, "ecss10-clear-call"), "723", st.TransferredCall.CallID))
	if _, ok := f.msg.XML.(*ecma323.ClearCallResponse); !ok {
		t.Fatalf("ClearCall: %s", f.doc)
	}

	// Stop: the seed's session id is unknown, ours ends the session; the
	// watcher keeps the PBX monitor.
	f = c.request(15, codecSeed(t, "ecss10-stop-application-session"))
	cstaError(t, f)
	f = c.request(16, withSession(codecSeed(t, "ecss10-stop-application-session"), sid))
	if _, ok := f.msg.XML.(*ecma323.StopApplicationSessionPosResponse); !ok {
		t.Fatalf("StopApplicationSession: %s", f.doc)
	}
	f = c.request(17, codecSeed(t, "ecss10-snapshot-device"))
	checks(t, "after stop", "operation", cstaError(t, f).Operation, "securityViolation")
	if start, stop := e.monitorStarts(); start != 1 || stop != 0 {
		t.Fatalf("PBX monitors started %d, stopped %d; want the watcher's to stay", start, stop)
	}
	if st := e.srv.Stats(); st.ConsumerMonitors != 1 || st.PBXMonitors != 1 || st.Sessions != 1 {
		t.Fatalf("stats %+v", st)
	}
}
