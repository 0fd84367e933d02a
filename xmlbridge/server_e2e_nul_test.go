package xmlbridge

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

const nsUnitel = "http://www.ecma.ch/standards/ecma-323/csta/ed6"

// TestUnitelEndToEnd runs uni-tel's login and MakeCall (seed 002) on the
// NUL framing: the login byte for byte (utf-16 declared, an undeclared
// prefix, an unclosed element, as published), the MakeCall with its
// external number replaced by an extension of the simulator.
func TestUnitelEndToEnd(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := dialConsumer(t, e.nul, framingNUL, nil)

	f := c.request(0, codecSeed(t, "unitel-start-application-session"))
	pos, ok := f.msg.XML.(*ecma323.StartApplicationSessionPosResponse)
	if !ok {
		t.Fatalf("login: %s", f.doc)
	}
	// uni-tel's answer is in its CSTA namespace, without XML declaration.
	if f.msg.Namespace != nsUnitel || bytes.HasPrefix(f.doc, []byte("<?xml")) {
		t.Errorf("login answer not as uni-tel's: %s", f.doc)
	}
	checks(t, "StartApplicationSessionPosResponse",
		"actualProtocolVersion", pos.ActualProtocolVersion, nsUnitel,
		"actualSessionDuration", strconv.Itoa(pos.ActualSessionDuration), "120")

	xref := c.monitor(0, "200")
	f = c.request(0, replace(codecSeed(t, "unitel-make-call"), "22334455", "722"))
	mc, ok := f.msg.XML.(*ecma323.MakeCallResponse)
	if !ok || f.msg.Namespace != nsUnitel {
		t.Fatalf("MakeCall: %s", f.doc)
	}
	call := mc.CallingDevice.CallID
	checks(t, "MakeCallResponse", "callingDevice/deviceID", mc.CallingDevice.DeviceID.Value, "200")

	si := c.expectEvent("ServiceInitiatedEvent")
	if si.msg.Namespace != nsUnitel {
		t.Errorf("event namespace %s", si.msg.Namespace)
	}
	x := si.msg.XML.(*ecma323.ServiceInitiatedEvent)
	checks(t, "ServiceInitiatedEvent", "monitorCrossRefID", x.MonitorCrossRefID, xref,
		"initiatedConnection/callID", x.InitiatedConnection.CallID, call,
		"initiatedConnection/deviceID", x.InitiatedConnection.DeviceID.Value, "200")
	c.expectEvent("OriginatedEvent")
	de := c.expectEvent("DeliveredEvent").msg.XML.(*ecma323.DeliveredEvent)
	checks(t, "DeliveredEvent", "alertingDevice", role(de.AlertingDevice), "722",
		"callingDevice", role(de.CallingDevice), "200", "connection/callID", de.Connection.CallID, call)

	// Requests are answered in order on this framing.
	c.send(0, withConnection(codecSeed(t, "ecss10-hold-call"), "200", call))
	c.send(0, withConnection(codecSeed(t, "ecss10-retrieve-call"), "200", call))
	c.send(0, withConnection(codecSeed(t, "ecss10-clear-call"), "200", call))
	for _, want := range []string{"HoldCallResponse", "RetrieveCallResponse", "ClearCallResponse"} {
		if f := c.reply(0); f.msg.Name != want {
			t.Fatalf("got %s, want %s", f.doc, want)
		}
	}
	for _, want := range []string{"HeldEvent", "RetrievedEvent", "ConnectionClearedEvent"} {
		c.expectEvent(want)
	}
}
