package xmlbridge

import (
	"errors"
	"io"
	"net"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// TestStreamTransports: each stream transport's policy, and a response and
// an event framed by its writer come back whole through its reader.
func TestStreamTransports(t *testing.T) {
	tests := []struct {
		tr        streamTransport
		name, ns  string
		invokeIDs bool
		maxDoc    int
	}{
		{HeaderTransport{}, "header", nsEd3, true, 0xFFFF - framing.HeaderSize},
		{NULTransport{}, "nul", "http://www.ecma.ch/standards/ecma-323/csta/ed6", false, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.tr.String(); got != tc.name {
				t.Errorf("String() = %q", got)
			}
			if got := cstaNamespace(tc.tr.DefaultEncoder()); got != tc.ns {
				t.Errorf("default namespace %q, want %q", got, tc.ns)
			}
			if tc.tr.invokeIDs() != tc.invokeIDs || tc.tr.maxDocument() != tc.maxDoc {
				t.Errorf("invokeIDs %v, maxDocument %d", tc.tr.invokeIDs(), tc.tr.maxDocument())
			}
			if !tc.tr.badFraming(io.ErrUnexpectedEOF) || !tc.tr.badFraming(framing.ErrMessageTooLarge) || tc.tr.badFraming(io.EOF) {
				t.Error("badFraming does not tell a cut document from a closed connection")
			}

			a, b := net.Pipe()
			defer a.Close()
			defer b.Close()
			st := tc.tr.open(&consumer{conn: a, srv: &Server{cfg: Config{MaxMessageSize: 1 << 10}}})
			resp := []byte(`<MonitorStopResponse xmlns="` + nsEd3 + `"/>`)
			ev := &eventDoc{head: []byte(`<DeliveredEvent><monitorCrossRefID>`), tail: []byte(`</monitorCrossRefID></DeliveredEvent>`)}
			var buf, scratch []byte
			var err error
			m := wholeDoc(7, resp)
			if buf, scratch, err = st.appendFrame(buf, scratch, m); err != nil {
				t.Fatal(err)
			}
			m = outMsg{d: ev, xref: "DMON:1", invokeID: framing.EventInvokeID}
			if buf, _, err = st.appendFrame(buf, scratch, m); err != nil {
				t.Fatal(err)
			}
			go func() { _, _ = b.Write(buf) }()
			for _, want := range []struct {
				id  int
				doc string
			}{{7, string(resp)}, {framing.EventInvokeID, `<DeliveredEvent><monitorCrossRefID>DMON:1</monitorCrossRefID></DeliveredEvent>`}} {
				if !tc.tr.invokeIDs() {
					want.id = 0 // the framing has none to carry
				}
				id, doc, err := st.readDoc()
				if err != nil || id != want.id || string(doc) != want.doc {
					t.Errorf("read %d %q %v, want %d %q", id, doc, err, want.id, want.doc)
				}
			}
		})
	}
}

// TestServeAfterClose: Serve with any transport on a closed server returns
// ErrServerClosed and closes the listener.
func TestServeAfterClose(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.srv.Close()
	for _, tr := range []Transport{HeaderTransport{}, NULTransport{}, SOAPTransport{}} {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.srv.Serve(ln, tr); !errors.Is(err, ErrServerClosed) {
			t.Errorf("%v: Serve returned %v", tr, err)
		}
		if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
			t.Errorf("%v: listener still open: %v", tr, err)
		}
	}
}
