package main

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// TestBridgeLogsAtInfo: by default the bridge logs the link, logins ok and
// failed (never a password), sessions and disconnects, and no PDU.
func TestBridgeLogsAtInfo(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "bridge", "--pbx", sim.Addr(), "--listen", "127.0.0.1:0", "--consumer", "app:s3cret")
	addr := bridgeAddr(p)
	c := dialXMLConsumer(t, addr, "app", "s3cret")
	if st := c.requestSystemStatus(2); st != "normal" {
		c.systemStatusEvent("enabled")
	}
	bad := dialXMLConsumer(t, addr, "app", "s3cret")
	if name := bad.login("app", "guess1"); name != "CSTAErrorCode" && !strings.Contains(name, "NegResponse") {
		t.Fatalf("a wrong password answered with %s", name)
	}
	c.conn.Close()
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	log := p.stderr.String()
	mustContain(t, "the log", log, `msg="PBX link up"`, `msg="session started"`, "user=app", `msg="login failed"`, `msg="consumer disconnected"`, "reason=")
	for _, secret := range []string{"s3cret", "guess1", hipath.DefaultPass} {
		if strings.Contains(log, secret) {
			t.Errorf("the log holds the password %q:\n%s", secret, log)
		}
	}
	if strings.Contains(log, "msg=pdu") {
		t.Errorf("PDUs logged at info:\n%s", log)
	}
}

// TestDebugLogJSON: --log-level debug --log-format json writes one JSON
// object per line, with every PDU in hex and the AARQ's authentication
// value (the Siemens user and password) left out and said to be.
func TestDebugLogJSON(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "bridge", "--pbx", sim.Addr(), "--listen", "127.0.0.1:0", "--consumer", "app:s3cret",
		"--log-level", "debug", "--log-format", "json")
	c := dialXMLConsumer(t, bridgeAddr(p), "app", "s3cret")
	if st := c.requestSystemStatus(2); st != "normal" {
		c.systemStatusEvent("enabled")
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	log := p.stderr.String()
	pdus, masked := 0, false
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		if rec["msg"] == "pdu" {
			pdus++
			a, _ := rec["authentication"].(string)
			masked = masked || strings.HasSuffix(a, "not shown")
		}
	}
	if pdus < 2 || !masked {
		t.Errorf("%d PDUs logged, AARQ authentication left out: %v:\n%s", pdus, masked, log)
	}
	if strings.Contains(log, hex.EncodeToString([]byte(hipath.DefaultPass))) {
		t.Errorf("the PBX password in hex is in the log:\n%s", log)
	}
}

// TestLogFlags: bad values are usage errors; -v is debug.
func TestLogFlags(t *testing.T) {
	for _, args := range [][]string{{"decode", "00", "--log-level", "loud"}, {"decode", "00", "--log-format", "xml"}} {
		if r := runBin(t, "", nil, args...); r.code != 2 || !strings.Contains(r.stderr, "--log-") {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	sim := startSim(t, hipathsim.Config{})
	r := runBin(t, "", nil, "call", "make", "100", "101", "--pbx", sim.Addr(), "-v")
	if r.code != 0 || !strings.Contains(r.stderr, "msg=pdu") {
		t.Errorf("-v: exit %d: %s", r.code, r.stderr)
	}
}
