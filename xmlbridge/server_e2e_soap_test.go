package xmlbridge

import (
	"bytes"
	"net/http"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

const nsSnom = "http://www.ecma-international.org/standards/ecma-323/csta/ed4"

// snom's templates (seed 001) name calls by the bare $csta_id (4711 in the
// samples) and devices by SIP identities or external numbers: the tests put
// the simulator's call id and extensions in their place.
func snomSeed(t testing.TB, name, call string) []byte {
	return replace(codecSeed(t, name), ">4711<", ">"+call+"<",
		"22343", "725", "18005551212", "722", "sip:a@bc.com", "723")
}

// TestSnomEndToEnd sends snom's SOAP templates to POST /csta with HTTP
// Basic credentials, as a stateless click-to-dial application would.
func TestSnomEndToEnd(t *testing.T) {
	e := newEnv(t, envOpts{})
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.user, sc.pass = userSnom, passSnom

	ok := func(name, call, want string) *ecma323.Message {
		t.Helper()
		status, m, body := sc.post(snomSeed(t, name, call))
		if status != http.StatusOK || m == nil || m.Name != want || !m.SOAP || m.Namespace != nsSnom {
			t.Fatalf("%s: %d %s", name, status, body)
		}
		return m
	}
	fault := func(name string, body []byte, want string) {
		t.Helper()
		status, m, raw := sc.post(body)
		if status != http.StatusInternalServerError || m == nil {
			t.Fatalf("%s: %d %s", name, status, raw)
		}
		e, isErr := m.XML.(*ecma323.CSTAErrorCode)
		if !isErr || e.Operation != want || !bytes.Contains(raw, []byte("Client</faultcode>")) {
			t.Fatalf("%s: %s", name, raw)
		}
	}

	m := ok("snom-soap-make-call", "", "MakeCallResponse")
	mc := m.XML.(*ecma323.MakeCallResponse)
	call := mc.CallingDevice.CallID
	checks(t, "MakeCallResponse", "callingDevice/deviceID", mc.CallingDevice.DeviceID.Value, "725")

	// The samples' own call ids are unknown here: a SOAP Fault with the
	// CSTAErrorCode, as snom answers errors.
	fault("AnswerCall (seed)", codecSeed(t, "snom-soap-answer-call"), "invalidConnectionID")
	fault("TransferCall (seed)", codecSeed(t, "snom-soap-transfer-call"), "invalidHeldConnectionID")

	if err := e.sim.Answer("722"); err != nil {
		t.Fatal(err)
	}
	// A bare call id names the call's first party, the caller 725.
	ok("snom-soap-hold-call", call, "HoldCallResponse")
	ok("snom-soap-retrieve-call", call, "RetrieveCallResponse")
	ok("snom-soap-single-step-transfer-call", call, "SingleStepTransferCallResponse")
	ok("snom-soap-clear-connection", call, "ClearConnectionResponse")

	call = ok("snom-soap-make-call", "", "MakeCallResponse").XML.(*ecma323.MakeCallResponse).CallingDevice.CallID
	ok("snom-soap-clear-call", call, "ClearCallResponse")
	fault("ClearCall of a cleared call", snomSeed(t, "snom-soap-clear-call", call), "invalidCallID")
}

// TestSOAPSessionEvents: an HTTP consumer opens a session in a SOAP POST,
// names it in the header of later requests and gets its events on a GET
// stream, as NUL-terminated documents.
func TestSOAPSessionEvents(t *testing.T) {
	e := newEnv(t, envOpts{})
	sc := newSOAPClient(t, e.soapURL, nil)
	status, m, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-start-application-session")))
	if status != http.StatusOK || m == nil {
		t.Fatalf("login: %d %s", status, body)
	}
	sc.session = m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	stream := sc.stream()
	status, m, body = sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-monitor-start")))
	if status != http.StatusOK || m == nil {
		t.Fatalf("MonitorStart: %d %s", status, body)
	}
	xref := m.XML.(*ecma323.MonitorStartResponse).MonitorCrossRefID
	if _, err := e.sim.Dial("722", "725"); err != nil {
		t.Fatal(err)
	}
	f := nextDoc(t, stream)
	de, isDelivered := f.msg.XML.(*ecma323.DeliveredEvent)
	if !isDelivered || f.msg.Namespace != nsEd3 {
		t.Fatalf("stream: %s", f.doc)
	}
	checks(t, "DeliveredEvent", "monitorCrossRefID", de.MonitorCrossRefID, xref,
		"alertingDevice", role(de.AlertingDevice), "725", "callingDevice", role(de.CallingDevice), "722")
	if st := e.srv.Stats(); st.Consumers != 1 {
		t.Errorf("consumers %d, want the stream", st.Consumers)
	}
	// A second stream on the same session is refused.
	req, _ := http.NewRequest(http.MethodGet, e.soapURL+"?"+QuerySessionID+"="+sc.session, nil)
	resp, err := sc.hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("second stream: %s", resp.Status)
	}
	status, _, body = sc.post(AppendSOAPEnvelope(nil, withSession(codecSeed(t, "ecss10-stop-application-session"), sc.session)))
	if status != http.StatusOK {
		t.Fatalf("stop: %d %s", status, body)
	}
	for range stream {
		// drain until the stream ends with the session
	}
	waitUntil(t, "PBX monitor stopped", func() bool { _, stop := e.monitorStarts(); return stop == 1 })
}
