package xmlbridge

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"net/http"
	"testing"
	"time"
)

// selfSigned returns a server TLS config with a fresh certificate for
// 127.0.0.1, and a client config that trusts it.
func selfSigned(t testing.TB) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "xmlbridge test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}}}
	client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}
	return server, client
}

// TestTLS: with Config.TLSConfig every listener speaks TLS; a consumer
// that does not is dropped at the handshake without harm.
func TestTLS(t *testing.T) {
	srvTLS, cliTLS := selfSigned(t)
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.TLSConfig = srvTLS }})

	for _, fr := range []framing{framingHeader, framingNUL} {
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
	c := dialConsumer(t, e.header, framingHeader, cliTLS)
	c.login()
}
