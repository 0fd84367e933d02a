package xmlbridge

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// Bad input, per transport: a document that is framed right but wrong in
// itself gets a CSTAErrorCode and the connection stays; bad framing closes
// that one connection; nothing else notices.

var badDocuments = []struct {
	name, doc, branch, value string
}{
	{"not XML", "<<<not xml", "operation", "generic"},
	{"truncated", `<MakeCall xmlns="` + nsEd3 + `"><callingDevice>725</callingDevice>`, "operation", "generic"},
	{"unknown request", `<FlyToTheMoon xmlns="` + nsEd3 + `"/>`, "operation", "serviceNotSupported"},
	{"response as request", `<MakeCallResponse xmlns="` + nsEd3 + `"/>`, "operation", "serviceNotSupported"},
	{"event as request", `<HeldEvent xmlns="` + nsEd3 + `"/>`, "operation", "serviceNotSupported"},
	{"call id not hex", `<HoldCall xmlns="` + nsEd3 + `"><callToBeHeld><deviceID>725</deviceID><callID>xyz</callID></callToBeHeld></HoldCall>`, "operation", "invalidCallID"},
	{"unknown type of number", `<SnapshotDevice xmlns="` + nsEd3 + `"><snapshotObject typeOfNumber="galactic">725</snapshotObject></SnapshotDevice>`, "operation", "invalidDeviceID"},
	{"unknown enum", `<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>725</deviceObject></monitorObject><monitorType>sideways</monitorType></MonitorStart>`, "operation", "invalidParameterValue"},
	{"call monitor", `<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><callObject><callID>0001</callID></callObject></monitorObject></MonitorStart>`, "operation", "requestIncompatibleWithObject"},
	{"unknown cross-ref", `<MonitorStop xmlns="` + nsEd3 + `"><monitorCrossRefID>nope</monitorCrossRefID></MonitorStop>`, "operation", "invalidCrossRefID"},
	{"entity", `<!DOCTYPE x [<!ENTITY a "aaaa">]><MakeCall xmlns="` + nsEd3 + `"/>`, "operation", "generic"},
	{"too deep", `<MakeCall xmlns="` + nsEd3 + `">` + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + `</MakeCall>`, "operation", "generic"},
	{"unknown device", `<SnapshotDevice xmlns="` + nsEd3 + `"><snapshotObject>99</snapshotObject></SnapshotDevice>`, "operation", "invalidDeviceID"},
}

func errorValue(t testing.TB, m *ecma323.Message, raw []byte) (string, string) {
	t.Helper()
	e, ok := m.XML.(*ecma323.CSTAErrorCode)
	if !ok {
		t.Fatalf("want CSTAErrorCode, got %s", raw)
	}
	for _, p := range [][2]string{{"operation", e.Operation}, {"stateIncompatibility", e.StateIncompatibility},
		{"systemResourceAvailability", e.SystemResourceAvailability}} {
		if p[1] != "" {
			return p[0], p[1]
		}
	}
	return "", ""
}

func TestMalformedDocuments(t *testing.T) {
	e := newEnv(t, envOpts{})
	h := dialConsumer(t, e.header, framingHeader, nil)
	h.login()
	n := dialConsumer(t, e.nul, framingNUL, nil)
	n.login()
	sc := newSOAPClient(t, e.soapURL, nil)
	sc.user, sc.pass = userSnom, passSnom
	for i, tc := range badDocuments {
		t.Run(tc.name, func(t *testing.T) {
			f := h.request(100+i, []byte(tc.doc))
			if b, v := errorValue(t, f.msg, f.doc); b != tc.branch || v != tc.value {
				t.Errorf("header: %s %s, want %s %s", b, v, tc.branch, tc.value)
			}
			f = n.request(0, []byte(tc.doc))
			if b, v := errorValue(t, f.msg, f.doc); b != tc.branch || v != tc.value {
				t.Errorf("NUL: %s %s, want %s %s", b, v, tc.branch, tc.value)
			}
			if tc.name == "call monitor" || tc.name == "unknown cross-ref" {
				return // they need a session, which Basic credentials do not open
			}
			status, m, raw := sc.post(AppendSOAPEnvelope(nil, []byte(tc.doc)))
			switch {
			case tc.name == "not XML" || tc.name == "truncated" || tc.name == "entity" || tc.name == "too deep":
				// The envelope itself is broken: a Client fault, no CSTA error.
				if status != http.StatusInternalServerError || !bytes.Contains(raw, []byte("Client</faultcode>")) {
					t.Errorf("SOAP: %d %s", status, raw)
				}
			case m == nil:
				t.Errorf("SOAP answer does not decode: %d %s", status, raw)
			default:
				if b, v := errorValue(t, m, raw); status != http.StatusInternalServerError || b != tc.branch || v != tc.value {
					t.Errorf("SOAP: %d %s %s, want %s %s", status, b, v, tc.branch, tc.value)
				}
			}
		})
	}
	// Everybody is still there.
	h.monitor(200, "790")
	n.monitor(0, "790")
	if st := e.srv.Stats(); st.Consumers != 2 || st.BadFrames != 0 {
		t.Fatalf("stats %+v", st)
	}
}

func TestBadFraming(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.MaxMessageSize = 4096 }})
	bystander := dialConsumer(t, e.header, framingHeader, nil)
	bystander.login()
	cases := []struct {
		name  string
		addr  string
		bytes []byte
	}{
		{"header: invoke id not digits", e.header, append([]byte{0, 0, 0, 20, 'a', 'b', 'c', 'd'}, "<x/><x/><x/>"...)},
		{"header: length below the header", e.header, []byte{0, 0, 0, 4, '0', '0', '0', '1'}},
		{"header: reserved bytes set", e.header, append([]byte{1, 0, 0, 12, '0', '0', '0', '1'}, "<x/>"...)},
		{"header: over the size limit", e.header, []byte{0, 0, 0x20, 0, '0', '0', '0', '1'}},
		{"header: cut short", e.header, append([]byte{0, 0, 0, 100, '0', '0', '0', '1'}, "<x/>"...)},
		{"NUL: over the size limit", e.nul, bytes.Repeat([]byte("<a>"), 3000)},
		{"TLS on a plain listener", e.header, []byte{0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0, 0, 1, 0}},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.Write(tc.bytes); err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(tc.name, "cut short") {
				conn.(*net.TCPConn).CloseWrite()
			}
			_ = conn.SetReadDeadline(time.Now().Add(waitLong))
			if _, err := io.ReadAll(conn); err != nil {
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					t.Fatal("connection not closed")
				}
			}
			if f := bystander.request(10+i, codecSeed(t, "ecss10-snapshot-device")); f.msg.Name != "SnapshotDeviceResponse" {
				t.Fatalf("bystander: %s", f.doc)
			}
		})
	}
	if st := e.srv.Stats(); st.BadFrames < 6 {
		t.Fatalf("stats %+v", st)
	}
}

func TestBadSOAP(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.MaxMessageSize = 4096 }})
	hc := &http.Client{Timeout: waitLong, Transport: &http.Transport{}}
	defer hc.Transport.(*http.Transport).CloseIdleConnections()
	cases := []struct {
		name, method, ctype string
		body                []byte
		status              int
		anonymous           bool
	}{
		{"not an envelope", http.MethodPost, "text/xml", []byte("<MakeCall/>"), http.StatusInternalServerError, false},
		{"empty body", http.MethodPost, "text/xml", nil, http.StatusInternalServerError, false},
		{"garbage", http.MethodPost, "text/xml", []byte{0xff, 0, 1, 2}, http.StatusInternalServerError, false},
		{"too large", http.MethodPost, "text/xml", bytes.Repeat([]byte("x"), 5000), http.StatusRequestEntityTooLarge, false},
		{"wrong content type", http.MethodPost, "application/json", []byte("{}"), http.StatusUnsupportedMediaType, false},
		{"wrong method", http.MethodPut, "text/xml", nil, http.StatusMethodNotAllowed, false},
		{"GET without session", http.MethodGet, "", nil, http.StatusUnauthorized, false},
		// Without credentials only a session request of at most 8 KiB
		// is read; anything else is challenged.
		{"anonymous: not an envelope", http.MethodPost, "text/xml", []byte("<MakeCall/>"), http.StatusUnauthorized, true},
		{"anonymous: garbage", http.MethodPost, "text/xml", []byte{0xff, 0, 1, 2}, http.StatusUnauthorized, true},
		{"anonymous: too large", http.MethodPost, "text/xml", bytes.Repeat([]byte("x"), loginBodyLimit+1), http.StatusUnauthorized, true},
		{"anonymous: wrong content type", http.MethodPost, "application/json", []byte("{}"), http.StatusUnauthorized, true},
		{"anonymous: wrong path", http.MethodPost, "text/xml", []byte("<MakeCall/>"), http.StatusNotFound, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, e.soapURL, bytes.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.name == "anonymous: wrong path" {
				req.URL.Path = "/other"
			}
			if !tc.anonymous && tc.method != http.MethodGet {
				req.SetBasicAuth(userSnom, passSnom)
			}
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.status {
				t.Fatalf("%s, want %d", resp.Status, tc.status)
			}
		})
	}
}
