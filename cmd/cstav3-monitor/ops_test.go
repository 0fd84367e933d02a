package main

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// TestBridgeHeartbeatStatus: with --heartbeat, a PBX that stops answering
// (as under SIGSTOP) is noticed within the misses, and RequestSystemStatus
// answers disabled from the link's real state, not normal.
func TestBridgeHeartbeatStatus(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	fz := startFreezer(t, sim.Addr())
	p := startBin(t, nil, "bridge", "--pbx", fz.addr(), "--listen", "127.0.0.1:0", "--consumer", "app:secret",
		"--heartbeat", "100ms", "--heartbeat-misses", "2", "--timeout", "500ms")
	c := dialXMLConsumer(t, bridgeAddr(p), "app", "secret")
	// The link may still be coming up: its SystemStatus enabled says so.
	if st := c.requestSystemStatus(2); st != "normal" {
		c.systemStatusEvent("enabled")
		if st := c.requestSystemStatus(3); st != "normal" {
			t.Fatalf("RequestSystemStatus with the PBX up: %s", st)
		}
	}
	fz.frozen.Store(true)
	t0 := time.Now()
	c.systemStatusEvent("disabled")
	t.Logf("a frozen PBX noticed after %v (--heartbeat 100ms --heartbeat-misses 2)", time.Since(t0).Round(time.Millisecond))
	if st := c.requestSystemStatus(4); st != "disabled" {
		t.Fatalf("RequestSystemStatus with the PBX frozen: %s, want disabled", st)
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr)
	}
}

// TestHeartbeatFlags: bad values are usage errors.
func TestHeartbeatFlags(t *testing.T) {
	for _, args := range [][]string{
		{"watch", "--pbx", "127.0.0.1:1", "--devices", "100", "--heartbeat-misses", "0"},
		{"bridge", "--pbx", "127.0.0.1:1", "--listen", "127.0.0.1:0", "--consumer", "a:b", "--heartbeat", "-1s"},
	} {
		if r := runBin(t, "", nil, args...); r.code != 2 || !strings.Contains(r.stderr, "--heartbeat") {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
}

// TestBridgeStartsWithoutPBX: the bridge serves consumers while the PBX is
// unreachable (SystemStatus disabled), keeps dialling, and reports enabled
// and normal once the PBX answers.
func TestBridgeStartsWithoutPBX(t *testing.T) {
	pbx := freeAddr(t)
	p := startBin(t, nil, "bridge", "--pbx", pbx, "--listen", "127.0.0.1:0", "--consumer", "app:secret")
	c := dialXMLConsumer(t, bridgeAddr(p), "app", "secret")
	if st := c.requestSystemStatus(2); st != "disabled" {
		t.Fatalf("RequestSystemStatus without a PBX: %s, want disabled", st)
	}
	startSimAt(t, pbx)
	c.systemStatusEvent("enabled")
	if st := c.requestSystemStatus(3); st != "normal" {
		t.Fatalf("RequestSystemStatus once the PBX answers: %s, want normal", st)
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr)
	}
}

// TestBridgeRejectedPassword: a rejected password is the one start-up
// failure that stops the bridge.
func TestBridgeRejectedPassword(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	r := runBin(t, "", nil, "bridge", "--pbx", sim.Addr(), "--password", "wrong", "--listen", "127.0.0.1:0", "--consumer", "app:secret")
	if r.code != 1 || !strings.Contains(r.stderr, "authentication failed") || strings.Contains(r.stderr, "wrong") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

// TestBridgeListenClashCostsNoAssociation: the listeners are bound before
// the PBX is dialled.
func TestBridgeListenClashCostsNoAssociation(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	r := runBin(t, "", nil, "bridge", "--pbx", sim.Addr(), "--listen", busy.Addr().String(), "--consumer", "app:secret")
	if r.code == 0 || !strings.Contains(r.stderr, "listen") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if st := sim.Stats(); st.LinksAccepted != 0 {
		t.Fatalf("the PBX saw %d connections (%d associations) from a bridge that could not listen", st.LinksAccepted, st.LinksAssociated)
	}
}

// TestWatchRetry: watch fails fast when the PBX is unreachable, and with
// --retry waits for it.
func TestWatchRetry(t *testing.T) {
	pbx := freeAddr(t)
	if r := runBin(t, "", nil, "watch", "--pbx", pbx, "--devices", "100"); r.code != 1 || !strings.Contains(r.stderr, "connection refused") {
		t.Fatalf("without --retry: exit %d: %s", r.code, r.stderr)
	}
	p := startBin(t, nil, "watch", "--pbx", pbx, "--devices", "100", "--retry", "--format", "json")
	startSimAt(t, pbx)
	p.waitLine("link up", func(l string) bool { return strings.Contains(l, `"link":"up"`) })
	p.waitLine("the monitor", func(l string) bool { return strings.Contains(l, `"monitoring"`) })
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr)
	}
}
