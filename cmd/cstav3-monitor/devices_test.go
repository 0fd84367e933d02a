package main

import (
	"slices"
	"strings"
	"testing"
)

// TestParseDevices: the one device list syntax of every command.
func TestParseDevices(t *testing.T) {
	tests := []struct {
		in   string
		want string // the devices, space-separated
		err  string // the error, if any: it names the bad element
	}{
		{in: "100", want: "100"},
		{in: "100,105,110-113", want: "100 105 110 111 112 113"},
		{in: " 100 , 105 ,110 - 112 ", want: "100 105 110 111 112"},
		{in: "100 101", want: "100 101"}, // as CSTAV3_DEVICES="100 101"
		{in: "100,100,99-101", want: "100 99 101"},
		{in: "100,,101,", want: "100 101"},
		{in: "*55,#1,+4930,7", want: "*55 #1 +4930 7"},
		{in: "0100-0102", want: "0100 0101 0102"},
		{in: "7-7", want: "7"},
		{in: "", want: ""},
		{in: "100,110-100", err: `range "110-100" is reversed: LOW comes first, e.g. 100-110`},
		{in: "100,abc,101", err: `device "abc": not a dialling number`},
		{in: "100;101", err: `device "100;101": not a dialling number`},
		{in: "1-x", err: `range "1-x": use LOW-HIGH with numbers`},
		{in: "-5", err: `range "-5": use LOW-HIGH with numbers`},
		{in: "1-2-3", err: `range "1-2-3": use LOW-HIGH with numbers`},
		{in: "*1-5", err: `range "*1-5": use LOW-HIGH with numbers`},
		{in: "0-100000", err: `range "0-100000": more than 100000 devices`},
	}
	for _, tt := range tests {
		got, err := parseDevices(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%q: error %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != tt.want {
			t.Errorf("%q: %q, %v; want %q", tt.in, strings.Join(got, " "), err, tt.want)
		}
	}
}

// TestDeviceRange: the simulator's extensions are one range of numbers.
func TestDeviceRange(t *testing.T) {
	lo, hi, err := deviceRange([]string{"102", "100", "101", "100"})
	if err != nil || lo != 100 || hi != 102 {
		t.Errorf("100-102: %d-%d, %v", lo, hi, err)
	}
	if _, _, err := deviceRange([]string{"100", "103"}); err == nil || !strings.Contains(err.Error(), "101 is missing between 100 and 103") {
		t.Errorf("a gap: %v", err)
	}
	if _, _, err := deviceRange([]string{"100", "*5"}); err == nil || !strings.Contains(err.Error(), `device "*5"`) {
		t.Errorf("not a number: %v", err)
	}
}

// TestDevicesFlag: --devices on every command that names devices, the old
// names hidden and warning, the same key in cstav3.yaml.
func TestDevicesFlag(t *testing.T) {
	for _, cmd := range []string{"watch", "sim", "demo"} {
		r := runBin(t, "", nil, cmd, "--help")
		if r.code != 0 {
			t.Fatalf("%s --help: exit %d", cmd, r.code)
		}
		mustContain(t, cmd+" --help", r.stdout, "--devices list", "100,105,110-119")
		for _, old := range []string{"--device ", "--monitor "} {
			if strings.Contains(r.stdout, old) {
				t.Errorf("%s --help shows the deprecated %s:\n%s", cmd, old, r.stdout)
			}
		}
	}
	r := runBin(t, "", nil, "--help")
	mustContain(t, "--help", r.stdout, "--devices list", `(default 100-105)`)

	// Bad elements are usage errors naming them, on every command.
	for _, args := range [][]string{
		{"watch", "--pbx", "127.0.0.1:1", "--devices", "100,1x0"},
		{"watch", "--pbx", "127.0.0.1:1", "--device", "100,1x0"},
		{"sim", "--devices", "100,1x0"},
		{"demo", "--devices", "100,1x0"},
		{"--monitor", "100,1x0"},
	} {
		r := runBin(t, "", nil, args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, `device "1x0"`) {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
	r = runBin(t, "", nil, "sim", "--devices", "100,105")
	if r.code != exitUsage || !strings.Contains(r.stderr, "101 is missing between 100 and 105") {
		t.Errorf("sim with a gap: exit %d, stderr %q", r.code, r.stderr)
	}
	// The deprecated name warns in one line, and still works (the empty
	// list is refused after the warning, before any dialling).
	r = runBin(t, "", nil, "watch", "--pbx", "127.0.0.1:1", "--device", ",")
	if r.code != exitUsage || !strings.HasPrefix(r.stderr, "Flag --device has been deprecated, use --devices instead\n") ||
		!strings.Contains(r.stderr, "--devices: no extension given") {
		t.Errorf("--device: exit %d, stderr %q", r.code, r.stderr)
	}
}

// FuzzParseDevices: any list either fails or gives at most 100,000 valid
// devices, without duplicates, that parse back to themselves.
func FuzzParseDevices(f *testing.F) {
	for _, s := range []string{"100", "100,105,110-119", " 100 , 105 ,110 - 112 ", "100 101", "0100-0102", "105-100", "1-", "-", ",,", "1-99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, list string) {
		devs, err := parseDevices(list)
		if err != nil {
			return
		}
		if len(devs) > 100_000 {
			t.Fatalf("%q gave %d devices", list, len(devs))
		}
		seen := map[string]bool{}
		for _, d := range devs {
			if !validDevice(d) || seen[d] {
				t.Fatalf("%q gave %q: invalid or twice in %q", list, d, devs)
			}
			seen[d] = true
		}
		again, err := parseDevices(strings.Join(devs, ","))
		if err != nil || !slices.Equal(again, devs) {
			t.Fatalf("%q gave %q, which parses to %q, %v", list, devs, again, err)
		}
	})
}
