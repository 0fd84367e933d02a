package xmlbridge

import (
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// TestUserQuotas: Config.MaxSessionsPerUser and MaxMonitorsPerUser refuse
// what one user asks for over them, with the ECMA-354 NegResponse and the
// CSTA objectMonitorLimitExceeded, while another user still gets sessions
// and monitors; the places come back when a monitor or a session ends.
func TestUserQuotas(t *testing.T) {
	e := newEnv(t, envOpts{cfg: func(c *Config) {
		c.MaxSessions, c.MaxSessionsPerUser, c.MaxMonitorsPerUser = 10, 2, 3
	}})
	var a [2]*tcpConsumer
	for i := range a {
		a[i] = dialConsumer(t, e.header, framingHeader, nil)
		a[i].login()
	}
	third := dialConsumer(t, e.header, framingHeader, nil)
	f := third.request(1, codecSeed(t, "ecss10-start-application-session"))
	if neg, ok := f.msg.XML.(*ecma323.StartApplicationSessionNegResponse); !ok || neg.ErrorCode.ApplicationError != userSessionLimit {
		t.Fatalf("third session of one user: %s", f.doc)
	}
	other := dialConsumer(t, e.header, framingHeader, nil)
	if f := other.request(1, loginDoc(userSnom, passSnom, 60)); f.msg.Name != "StartApplicationSessionPosResponse" {
		t.Fatalf("another user's session: %s", f.doc)
	}

	x := a[0].monitor(2, "780")
	a[0].monitor(3, "781")
	a[1].monitor(2, "782")
	over := []byte(`<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>783</deviceObject></monitorObject></MonitorStart>`)
	if ce := cstaError(t, a[1].request(3, over)); ce.SubscribedResourceAvailability != "objectMonitorLimitExceeded" {
		t.Fatalf("fourth monitor of one user: %+v", ce)
	}
	other.monitor(2, "783")
	if st := e.srv.Stats(); st.UserQuotaRefusals != 2 || st.SessionsRefused != 0 {
		t.Errorf("stats %+v", st)
	}

	stop := []byte(`<MonitorStop xmlns="` + nsEd3 + `"><monitorCrossRefID>` + x + `</monitorCrossRefID></MonitorStop>`)
	if f := a[0].request(4, stop); f.msg.Name != "MonitorStopResponse" {
		t.Fatalf("MonitorStop: %s", f.doc)
	}
	a[1].monitor(5, "783")
	a[0].conn.Close() // its session ends with its connection
	waitUntil(t, "session of a closed connection ended", func() bool { return e.srv.Stats().Sessions == 2 })
	third.login()
}
