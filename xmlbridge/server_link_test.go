package xmlbridge

import (
	"net/http"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// expectStatus waits for a SystemStatus document with status want.
func expectStatus(t testing.TB, f frame, want string) {
	t.Helper()
	st, ok := f.msg.XML.(*ecma323.SystemStatus)
	if !ok || st.SystemStatus != want {
		t.Fatalf("want SystemStatus %s, got %s", want, f.doc)
	}
}

// TestLinkLossReported: when the PBX link drops and comes back, every
// session hears SystemStatus disabled, then enabled, on every transport,
// and the monitors go on with the same cross-references.
func TestLinkLossReported(t *testing.T) {
	e := newEnv(t, envOpts{})
	h := dialConsumer(t, e.header, framingHeader, nil)
	h.login()
	hx := h.monitor(2, "760")
	n := dialConsumer(t, e.nul, framingNUL, nil)
	n.login()
	nx := n.monitor(0, "760")
	sc := newSOAPClient(t, e.soapURL, nil)
	_, m, _ := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-start-application-session")))
	sc.session = m.XML.(*ecma323.StartApplicationSessionPosResponse).SessionID
	stream := sc.stream()

	e.sim.DropLinks()
	for _, c := range []*tcpConsumer{h, n} {
		f := c.event()
		if c == h && f.invokeID != framing.EventInvokeID {
			t.Errorf("status report with invoke id %04d", f.invokeID)
		}
		expectStatus(t, f, "disabled")
		expectStatus(t, c.event(), "enabled")
	}
	expectStatus(t, nextDoc(t, stream), "disabled")
	expectStatus(t, nextDoc(t, stream), "enabled")

	// The client restarted the PBX monitor; the consumers' monitors go on.
	waitUntil(t, "PBX monitor restarted", func() bool { start, _ := e.monitorStarts(); return start == 2 })
	if _, err := e.sim.Dial("760", "761"); err != nil {
		t.Fatal(err)
	}
	if f := h.expectEvent("ServiceInitiatedEvent"); xrefOf(f.msg.XML) != hx {
		t.Fatalf("header consumer: %s", f.doc)
	}
	if f := n.expectEvent("ServiceInitiatedEvent"); xrefOf(f.msg.XML) != nx {
		t.Fatalf("NUL consumer: %s", f.doc)
	}
	// A consumer may acknowledge the status report; nothing is answered.
	h.send(framing.EventInvokeID, []byte(`<SystemStatusResponse xmlns="`+nsEd3+`"/>`))
	f := h.request(3, codecSeed(t, "uacsta-request-system-status"))
	if r, ok := f.msg.XML.(*ecma323.RequestSystemStatusResponse); !ok || r.SystemStatus != "normal" {
		t.Fatalf("RequestSystemStatus after recovery: %s", f.doc)
	}
	if st := e.srv.Stats(); st.StatusEvents != 6 || st.Sessions != 3 || st.ConsumerMonitors != 2 {
		t.Fatalf("stats %+v", st)
	}
	if status, _, _ := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))); status != http.StatusOK {
		t.Fatalf("HTTP request after recovery: %d", status)
	}
}

// TestLinkDownRequests: requests while the PBX link is down get a CSTA
// error that says "try later", and the connection stays.
func TestLinkDownRequests(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.RequestTimeout = 100 * time.Millisecond }})
	c := dialConsumer(t, e.header, framingHeader, nil)
	c.login()
	e.sim.SetSilent(true) // the link hangs: requests time out
	f := c.request(2, codecSeed(t, "ecss10-snapshot-device"))
	if ce := cstaError(t, f); ce.PerformanceManagement != "performanceLimitExceeded" {
		t.Fatalf("request to a silent PBX: %s", f.doc)
	}
	e.sim.SetSilent(false)
	e.client.Close()
	expectStatus(t, c.event(), "disabled")
	f = c.request(3, codecSeed(t, "ecss10-snapshot-device"))
	if ce := cstaError(t, f); ce.SystemResourceAvailability != "resourceOutOfService" {
		t.Fatalf("request with the link closed: %s", f.doc)
	}
	f = c.request(4, codecSeed(t, "uacsta-request-system-status"))
	if r, ok := f.msg.XML.(*ecma323.RequestSystemStatusResponse); !ok || r.SystemStatus != "disabled" {
		t.Fatalf("RequestSystemStatus with the link closed: %s", f.doc)
	}
}
