package xmlbridge

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// TestHTTPBufferBound reproduces issue 13, item 3, at a bounded scale:
// HTTP sessions with monitors and no event stream while the PBX floods
// their devices. Before, each session kept its own copy of every event
// document, up to QueueLength (4,096) of them, so that memory grew with
// sessions × events and the dispatcher copied each document once per
// session. Now each keeps at most HTTPBufferedEvents references to the
// documents the fan-out encoded once, and a TCP consumer of the same
// devices gets its events as promptly as without them.
func TestHTTPBufferBound(t *testing.T) {
	const (
		sessions = 40
		bound    = 32
		flood    = 200
	)
	devices := []string{"760", "761", "762", "763", "764"}
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.HTTPBufferedEvents = bound }})
	tc := dialConsumer(t, e.header, framingHeader, nil)
	tc.login()
	tc.monitor(2, devices[0])
	var feeds []*httpFeed
	for range sessions {
		sc := newSOAPClient(t, e.soapURL, nil)
		_, m, body := sc.post(AppendSOAPEnvelope(nil, loginDoc(userECSS, passECSS, 60)))
		pos, ok := m.XML.(*ecma323.StartApplicationSessionPosResponse)
		if !ok {
			t.Fatalf("login: %s", body)
		}
		sc.session = pos.SessionID
		for _, d := range devices {
			doc := []byte(`<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>` + d +
				`</deviceObject></monitorObject></MonitorStart>`)
			if status, _, body := sc.post(AppendSOAPEnvelope(nil, doc)); status != 200 {
				t.Fatalf("MonitorStart: %d %s", status, body)
			}
		}
		e.srv.mu.Lock()
		feeds = append(feeds, e.srv.sessions[pos.SessionID].feed)
		e.srv.mu.Unlock()
	}
	before := liveHeap()
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	start := time.Now()
	for _, d := range devices {
		if err := e.sim.Flood(ctx, d, flood); err != nil {
			t.Fatal(err)
		}
	}
	for range flood {
		tc.expectEvent("DeliveredEvent")
	}
	delivery := time.Since(start)
	want := uint64(sessions*len(devices)*flood + flood)
	waitUntil(t, "events queued", func() bool { return e.srv.Stats().EventsOut == want })
	grown := liveHeap() - before
	st := e.srv.Stats()
	t.Logf("%d sessions × %d monitors, %d events each: heap +%.1f MiB, TCP consumer got its %d events in %v; drops %d",
		sessions, len(devices), flood, float64(grown)/(1<<20), flood, delivery, st.HTTPBufferDrops)

	perSession := uint64(len(devices)*flood - bound)
	if st.HTTPBufferDrops != sessions*perSession || st.ConsumersDropped != 0 || st.Sessions != sessions+1 {
		t.Fatalf("stats %+v", st)
	}
	for i, f := range feeds {
		n, peak, drops := f.buffered()
		if n != bound || peak > bound || drops != perSession {
			t.Fatalf("session %d: %d buffered, peak %d, %d dropped; bound %d", i, n, peak, drops, bound)
		}
	}
	// The buffers share the fan-out's documents: the same event is the
	// same *eventDoc in every session, completed with each one's xref.
	first := feeds[0]
	first.mu.Lock()
	defer first.mu.Unlock()
	for _, f := range feeds[1:] {
		f.mu.Lock()
		for i := range bound {
			a, b := first.q[first.head+i], f.q[f.head+i]
			if a.d != b.d || a.xref == b.xref {
				f.mu.Unlock()
				t.Fatalf("entry %d: documents %p and %p, xrefs %s and %s", i, a.d, b.d, a.xref, b.xref)
			}
		}
		f.mu.Unlock()
	}
	if grown > 8<<20 {
		t.Errorf("heap grew by %d bytes", grown)
	}
}

// liveHeap returns the bytes of the heap in use after a collection.
func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
