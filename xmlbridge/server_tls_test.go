package xmlbridge

import (
	"crypto/tls"
	"net/http"
	"testing"

	"github.com/cstav3/cstav3/internal/testcert"
)

// selfSigned returns a server TLS config with a fresh certificate for
// 127.0.0.1, and a client config that trusts it.
func selfSigned(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	cert, pool := testcert.New(t, "xmlbridge test")
	server = &tls.Config{Certificates: []tls.Certificate{cert}}
	client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	return server, client
}

// TestTLS: with Config.TLSConfig every listener speaks TLS; a consumer
// that does not is dropped at the handshake without harm.
func TestTLS(t *testing.T) {
	srvTLS, cliTLS := selfSigned(t)
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.TLSConfig = srvTLS }})

	for _, fr := range []frameFormat{framingHeader, framingNUL} {
		addr := e.header
		if fr == framingNUL {
			addr = e.nul
		}
		c := dialConsumer(t, addr, fr, cliTLS)
		c.login()
		xref := c.monitor(2, "795")
		if _, err := e.sim.Dial("795", "796"); err != nil {
			t.Fatal(err)
		}
		if f := c.expectEvent("ServiceInitiatedEvent"); xrefOf(f.msg.XML) != xref {
			t.Fatalf("event over TLS: %s", f.doc)
		}
		if err := e.sim.Hangup("795"); err != nil {
			t.Fatal(err)
		}
	}

	sc := newSOAPClient(t, e.soapURL, cliTLS)
	sc.user, sc.pass = userSnom, passSnom
	if status, m, body := sc.post(AppendSOAPEnvelope(nil, codecSeed(t, "ecss10-snapshot-device"))); status != http.StatusOK || m == nil {
		t.Fatalf("SOAP over TLS: %d %s", status, body)
	}

	// Plain text on the TLS listener: the handshake fails, the connection
	// closes, the server goes on.
	plain := dialConsumer(t, e.header, framingHeader, nil)
	plain.send(1, loginDoc(userECSS, passECSS, 60))
	plain.expectClosed()
	if n := e.srv.Stats().TLSFailures; n != 1 {
		t.Errorf("TLSFailures = %d, want 1", n)
	}
	c := dialConsumer(t, e.header, framingHeader, cliTLS)
	c.login()
}
