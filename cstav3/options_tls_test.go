package cstav3_test

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/internal/testcert"
)

// testCert makes a self-signed certificate for 127.0.0.1 and pbx.test and
// returns it with a pool that trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	return testcert.New(t, "hipathsim", "pbx.test")
}

// startTLSSim serves the simulator on a TLS listener on 127.0.0.1.
func startTLSSim(t *testing.T, cert tls.Certificate) *hipathsim.Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sim := hipathsim.New(hipathsim.Config{})
	done := make(chan error, 1)
	go func() {
		done <- sim.Serve(tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}))
	}()
	t.Cleanup(func() {
		sim.Close()
		if err := <-done; !errors.Is(err, hipathsim.ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
	})
	// Serve registers its listener before accepting: wait for it.
	waitUntil(t, func() bool { return sim.Addr() != "" })
	return sim
}

// TestTLS: the client associates over TLS, verifies the switch's
// certificate, reconnects over TLS after a drop with its monitor restored,
// and refuses a switch whose certificate it does not trust.
func TestTLS(t *testing.T) {
	cert, pool := testCert(t)
	sim := startTLSSim(t, cert)
	addr := sim.Addr()
	c := dial(t, sim, cstav3.WithTLS(&tls.Config{RootCAs: pool}), cstav3.WithReconnect(5*time.Millisecond, 50*time.Millisecond))
	ctx := ctxT(t)
	r := newRecorder()
	m, err := c.Monitor(ctx, cstav3.Dialing("100"), r.config())
	if err != nil {
		t.Fatal(err)
	}
	states := c.LinkStates()
	<-states
	sim.DropLinks()
	expectState(t, states, cstav3.LinkDown)
	expectState(t, states, cstav3.LinkUp)
	if m.CrossRef() == nil {
		t.Fatal("monitor not restored over TLS")
	}
	if _, err := sim.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	r.waitFor(t, cstav3.EventOriginated)
	if n := c.Stats().Reconnects; n != 1 {
		t.Fatalf("reconnects %d", n)
	}

	// A host name in ServerName is checked against the certificate too.
	c2, err := hipath.Dial(ctx, addr, cstav3.WithTLS(&tls.Config{RootCAs: pool, ServerName: "pbx.test"}))
	if err != nil {
		t.Fatalf("ServerName pbx.test: %v", err)
	}
	c2.Close()

	for name, tc := range map[string]*tls.Config{
		"untrusted":  {},
		"wrong name": {RootCAs: pool, ServerName: "other.test"},
	} {
		_, err := hipath.Dial(ctx, addr, cstav3.WithTLS(tc))
		var uerr x509.UnknownAuthorityError
		var herr x509.HostnameError
		if err == nil || !(errors.As(err, &uerr) || errors.As(err, &herr)) {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A plain client cannot associate with the TLS listener.
	if _, err := hipath.Dial(ctx, addr, cstav3.WithTimeouts(300*time.Millisecond, time.Second, time.Second)); err == nil {
		t.Error("plain TCP associated with a TLS switch")
	}
}
