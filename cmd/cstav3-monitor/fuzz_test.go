package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds the decoder arbitrary input: it must never panic, and
// every line it prints must be a JSON object.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/vectors/*.hex")
	for _, file := range files {
		text, _ := os.ReadFile(file)
		if b, err := parseHex(string(text)); err == nil {
			f.Add(b)
			f.Add(append([]byte{0x26, 0x80, byte(len(b))}, b...))
		}
	}
	f.Add([]byte{0x26, 0x80})
	f.Fuzz(func(t *testing.T, data []byte) {
		var out strings.Builder
		d := newDecoder(&out, "json")
		d.blob(data)
		for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
			if l == "" {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("not JSON: %q", l)
			}
		}
		newDecoder(io.Discard, "text").blob(data)
	})
}

// FuzzDecodePcap feeds the pcap path arbitrary files: errors, never panics.
func FuzzDecodePcap(f *testing.F) {
	pcaps, _ := filepath.Glob("../../testdata/pcaps/*.pcap")
	for _, p := range pcaps {
		b, _ := os.ReadFile(p)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := newDecoder(io.Discard, "json")
		_ = d.pcap(strings.NewReader(string(data)))
	})
}
