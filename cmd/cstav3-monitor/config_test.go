package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfigErrors: an unknown key names itself, a missing file says so,
// and the loaded file is logged.
func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	typo := filepath.Join(dir, "typo.yaml")
	if err := os.WriteFile(typo, []byte("pxb: 127.0.0.1:1\nwatch:\n  device: [100]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := runBin(t, "", nil, "watch", "--config", typo); r.code != 2 || !strings.Contains(r.stderr, `unknown key "pxb"`) {
		t.Errorf("typo: exit %d: %s", r.code, r.stderr)
	}
	r := runBin(t, "", []string{"CSTAV3_CONFIG=/nonexistent"}, "decode", "00")
	if r.code != 2 || !strings.Contains(r.stderr, "/nonexistent") || !strings.Contains(r.stderr, "no such file") {
		t.Errorf("CSTAV3_CONFIG=/nonexistent: exit %d: %s", r.code, r.stderr)
	}
	good := filepath.Join(dir, "cstav3.yaml")
	if err := os.WriteFile(good, []byte("format: text\ndecode:\n  format: json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runBin(t, dir, nil, "decode", "a10c020101020200d33003 0a0102")
	if !strings.Contains(r.stderr, `msg="configuration file loaded"`) || !strings.Contains(r.stderr, "cstav3.yaml") {
		t.Errorf("no word of the loaded file: exit %d: %s", r.code, r.stderr)
	}
}

// TestConfigDevices: devices: is the key of the device list, in the list
// syntax or as a YAML list; the old keys still work, with a warning.
func TestConfigDevices(t *testing.T) {
	dir := t.TempDir()
	write := func(text string) string {
		p := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, file := range []string{
		"devices: 100,1x0\n",
		"watch:\n  devices: [100, 1x0]\n",
		"watch:\n  device: [100, 1x0]\n",
	} {
		r := runBin(t, "", nil, "watch", "--pbx", "127.0.0.1:1", "--config", write(file))
		if r.code != exitUsage || !strings.Contains(r.stderr, `device "1x0"`) {
			t.Errorf("%q: exit %d: %s", file, r.code, r.stderr)
		}
	}
	// A good old key works, and says what replaced it.
	r := runBin(t, "", nil, "watch", "--pbx", freeAddr(t), "--config", write("watch:\n  device: [100]\n"))
	if r.code != exitFailure || !strings.Contains(r.stderr, "Key watch.device (or CSTAV3_WATCH_DEVICE) has been deprecated, use --devices instead\n") ||
		!strings.Contains(r.stderr, "connection refused") {
		t.Errorf("watch.device: exit %d: %s", r.code, r.stderr)
	}
	// The sim takes the same key, and the command line wins over it.
	r = runBin(t, "", nil, "sim", "--config", write("devices: 100,102\n"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "101 is missing") {
		t.Errorf("sim devices: exit %d: %s", r.code, r.stderr)
	}
	r = runBin(t, "", nil, "sim", "--config", write("devices: 100,102\n"), "--devices", "7-8", "--listen", "no-port")
	if r.code != exitUsage || !strings.Contains(r.stderr, "--listen") {
		t.Errorf("sim --devices over the file: exit %d: %s", r.code, r.stderr)
	}
}

// TestVersion: --version prints the module version and the Go version.
func TestVersion(t *testing.T) {
	r := runBin(t, "", nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "cstav3-monitor version ") || !strings.Contains(r.stdout, "go1.") {
		t.Fatalf("--version: exit %d: %q %q", r.code, r.stdout, r.stderr)
	}
}
