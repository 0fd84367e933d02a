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

// TestVersion: --version prints the module version and the Go version.
func TestVersion(t *testing.T) {
	r := runBin(t, "", nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "cstav3-monitor version ") || !strings.Contains(r.stdout, "go1.") {
		t.Fatalf("--version: exit %d: %q %q", r.code, r.stdout, r.stderr)
	}
}
