package xmlbridge

import (
	"fmt"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// monitorWithFilter starts a monitor of device whose filter suppresses the
// named call control events.
func (c *tcpConsumer) monitorWithFilter(invokeID int, device string, suppressed ...string) string {
	c.t.Helper()
	var f string
	for _, s := range suppressed {
		f += "<" + s + ">true</" + s + ">"
	}
	doc := fmt.Appendf(nil, `<MonitorStart xmlns="%s"><monitorObject><deviceObject>%s</deviceObject></monitorObject>`+
		`<requestedMonitorFilter><callcontrol>%s</callcontrol></requestedMonitorFilter></MonitorStart>`, nsEd3, device, f)
	r, ok := c.request(invokeID, doc).msg.XML.(*ecma323.MonitorStartResponse)
	if !ok {
		c.t.Fatal("MonitorStart failed")
	}
	return r.MonitorCrossRefID
}

func monitorStop(xref string) []byte {
	return fmt.Appendf(nil, `<MonitorStop xmlns="%s"><monitorCrossRefID>%s</monitorCrossRefID></MonitorStop>`, nsEd3, xref)
}

// TestMultiplexing: three consumers of one device share one PBX monitor,
// each with its own cross-reference and filter; the PBX monitor stops with
// the last of them, however each one leaves.
func TestMultiplexing(t *testing.T) {
	e := newEnv(t, envOpts{})
	var cs [3]*tcpConsumer
	var xrefs [3]string
	for i := range cs {
		cs[i] = dialConsumer(t, e.header, framingHeader, nil)
		cs[i].login()
	}
	xrefs[0] = cs[0].monitorWithFilter(2, "730", "serviceInitiated")
	xrefs[1] = cs[1].monitor(2, "730")
	xrefs[2] = cs[2].monitor(2, "730")
	if xrefs[0] == xrefs[1] || xrefs[1] == xrefs[2] || xrefs[0] == xrefs[2] {
		t.Fatalf("cross-refs not distinct: %v", xrefs)
	}
	if start, _ := e.monitorStarts(); start != 1 {
		t.Fatalf("%d MonitorStart at the PBX for 3 consumers", start)
	}
	if st := e.srv.Stats(); st.PBXMonitors != 1 || st.ConsumerMonitors != 3 {
		t.Fatalf("stats %+v", st)
	}

	if _, err := e.sim.Dial("730", "731"); err != nil {
		t.Fatal(err)
	}
	// The filtered consumer's first event is Originated.
	if f := cs[0].expectEvent("OriginatedEvent"); xrefOf(f.msg.XML) != xrefs[0] {
		t.Fatalf("consumer 0 got %s", f.doc)
	}
	for i := 1; i < 3; i++ {
		for _, name := range []string{"ServiceInitiatedEvent", "OriginatedEvent", "DeliveredEvent"} {
			if f := cs[i].expectEvent(name); xrefOf(f.msg.XML) != xrefs[i] {
				t.Fatalf("consumer %d got %s", i, f.doc)
			}
		}
	}

	// A session can only touch its own monitors.
	f := cs[2].request(3, monitorStop(xrefs[0]))
	checks(t, "MonitorStop of another session's monitor", "operation", cstaError(t, f).Operation, "invalidCrossRefID")

	// Consumer 0 stops its monitor, consumer 1 disconnects: the PBX
	// monitor stays for consumer 2.
	if _, ok := cs[0].request(4, monitorStop(xrefs[0])).msg.XML.(*ecma323.MonitorStopResponse); !ok {
		t.Fatal("MonitorStop failed")
	}
	cs[1].conn.Close()
	waitUntil(t, "consumer 1 gone", func() bool { return e.srv.Stats().ConsumerMonitors == 1 })
	if _, stop := e.monitorStarts(); stop != 0 {
		t.Fatalf("PBX monitor stopped with consumers left")
	}

	// Consumer 2 narrows its filter, and still gets the rest.
	doc := fmt.Appendf(nil, `<ChangeMonitorFilter xmlns="%s"><monitorCrossRefID>%s</monitorCrossRefID>`+
		`<requestedFilterList><callControl><delivered>true</delivered></callControl></requestedFilterList></ChangeMonitorFilter>`, nsEd3, xrefs[2])
	if _, ok := cs[2].request(5, doc).msg.XML.(*ecma323.ChangeMonitorFilterResponse); !ok {
		t.Fatal("ChangeMonitorFilter failed")
	}
	if err := e.sim.Hangup("730"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ConnectionClearedEvent", "ConnectionClearedEvent", "CallClearedEvent"} {
		cs[2].expectEvent(name)
	}
	if _, err := e.sim.Dial("730", "732"); err != nil {
		t.Fatal(err)
	}
	if err := e.sim.Hangup("730"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"ServiceInitiatedEvent", "OriginatedEvent", "ConnectionClearedEvent"} {
		cs[2].expectEvent(name) // no DeliveredEvent
	}

	if _, ok := cs[2].request(6, monitorStop(xrefs[2])).msg.XML.(*ecma323.MonitorStopResponse); !ok {
		t.Fatal("MonitorStop failed")
	}
	if start, stop := e.monitorStarts(); start != 1 || stop != 1 {
		t.Fatalf("PBX MonitorStart %d, MonitorStop %d; want 1, 1", start, stop)
	}
	if st := e.srv.Stats(); st.PBXMonitors != 0 || st.ConsumerMonitors != 0 {
		t.Fatalf("stats %+v", st)
	}
	// Monitoring the device again starts a new PBX monitor.
	cs[0].monitor(7, "730")
	if start, _ := e.monitorStarts(); start != 2 {
		t.Fatalf("PBX MonitorStart %d, want 2", start)
	}
}
