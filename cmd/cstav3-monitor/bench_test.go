package main

import (
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/internal/bench"
)

// TestBenchJSON runs short benches with --format json, with and without the
// bridge, and checks that every figure is there and sane: everything sent
// arrived, with a latency, in no more time than the run took.
func TestBenchJSON(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// what the run must show
		consumers int
		mix       []string
	}{
		{"callbacks at max rate", []string{"--events", "3000", "--monitors", "10"}, 0, []string{"Delivered"}},
		{"callbacks at a rate", []string{"--events", "300", "--monitors", "3", "--rate", "3000"}, 0, []string{"Delivered"}},
		{"bridge to two consumers, every event type", []string{"--events", "1400", "--monitors", "7", "--consumers", "2", "--mix", "call"},
			2, []string{"Delivered", "Established", "ConnectionCleared", "Held", "Retrieved", "Originated", "Transferred"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runBin(t, "", nil, append([]string{"bench", "--format", "json", "--probe", "20ms"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var res bench.Result
			dec := json.NewDecoder(strings.NewReader(r.stdout))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&res); err != nil {
				t.Fatalf("%v in %s", err, r.stdout)
			}
			// The raw object too: the names are the interface.
			var raw map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &raw); err != nil {
				t.Fatal(err)
			}
			names := []string{"events", "monitors", "consumers", "pbx_events_per_sec", "cpu_seconds", "peak_rss_bytes",
				"bytes_per_monitor", "allocs_per_event", "received", "lost", "elapsed_seconds", "timer_lag"}
			lat := res.LatencyCallback
			perSec := res.CallbackEventsPerSec
			if tt.consumers > 0 {
				names = append(names, "latency_consumer", "consumer_events_per_sec", "consumer_docs_per_sec")
				lat = res.LatencyConsumer
				perSec = res.ConsumerEventsPerSec
				if res.LatencyCallback != nil {
					t.Error("a callback latency with consumers")
				}
			} else {
				names = append(names, "latency_callback", "callback_events_per_sec")
			}
			for _, n := range names {
				if _, ok := raw[n]; !ok {
					t.Errorf("no %q in %s", n, r.stdout)
				}
			}
			want := res.Events * max(tt.consumers, 1)
			if res.Consumers != tt.consumers || strings.Join(res.Mix, ",") != strings.Join(tt.mix, ",") {
				t.Errorf("consumers %d mix %v, want %d %v", res.Consumers, res.Mix, tt.consumers, tt.mix)
			}
			if res.Received != uint64(want) || res.Lost != 0 || res.ClientDropped != 0 || res.BridgeDropped != 0 || res.BridgeConsumersDropped != 0 {
				t.Errorf("received %d of %d (lost %d, dropped %d/%d)", res.Received, want, res.Lost, res.ClientDropped, res.BridgeDropped)
			}
			if lat == nil || lat.Count != uint64(want) {
				t.Fatalf("latency %+v, want %d samples", lat, want)
			}
			if !(0 < lat.P50us && lat.P50us <= lat.P90us && lat.P90us <= lat.P99us && lat.P99us <= lat.MaxUs &&
				lat.MaxUs <= res.ElapsedSeconds*1e6+1e6) {
				t.Errorf("latency out of order or longer than the run (%g s): %+v", res.ElapsedSeconds, lat)
			}
			if res.PBXEventsPerSec <= 0 || perSec <= 0 || res.ElapsedSeconds <= 0 {
				t.Errorf("rates %g at the PBX, %g at the receivers, in %g s", res.PBXEventsPerSec, perSec, res.ElapsedSeconds)
			}
			if tt.name == "callbacks at a rate" && res.PBXEventsPerSec > 3000*1.05 {
				t.Errorf("asked for 3000 events/s, sent %g/s", res.PBXEventsPerSec)
			}
			// The heap per monitor of a few monitors is within the noise of
			// the rest of the heap: only its order of magnitude is checked.
			if res.CPUSeconds <= 0 || res.AllocsPerEvent <= 0 || math.Abs(res.BytesPerMonitor) > 64<<10 {
				t.Errorf("costs: cpu %g s, %g B/monitor, %g allocs/event", res.CPUSeconds, res.BytesPerMonitor, res.AllocsPerEvent)
			}
			if runtime.GOOS == "linux" && res.PeakRSSBytes < 1<<20 {
				t.Errorf("peak RSS %d", res.PeakRSSBytes)
			}
		})
	}
}

// TestBenchText: by default the figures come as text.
func TestBenchText(t *testing.T) {
	r := runBin(t, "", nil, "bench", "--events", "500", "--monitors", "2", "--probe", "20ms")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"PBX side", "callbacks", "send → callback", "p99", "peak RSS", "per monitor"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("no %q in\n%s", want, r.stdout)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--monitors", "0"},
		{"--consumers", "-1"},
		{"--rate", "-5"},
		{"--events", "0"},
		{"--mix", "Delivered,Bogus"},
		{"--format", "yaml"},
	} {
		r := runBin(t, "", nil, append([]string{"bench"}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--") {
			t.Errorf("bench %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestBenchDeprecatedJSON: --json is --format json, with a warning.
func TestBenchDeprecatedJSON(t *testing.T) {
	r := runBin(t, "", nil, "bench", "--json", "--events", "200", "--monitors", "2", "--probe", "20ms")
	if r.code != 0 || !strings.HasPrefix(r.stderr, "Flag --json has been deprecated, use --format json instead\n") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var res bench.Result
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || res.Events != 200 {
		t.Fatalf("%v: %+v in %s", err, res, r.stdout)
	}
	if h := runBin(t, "", nil, "bench", "--help"); strings.Contains(h.stdout, "--json") || !strings.Contains(h.stdout, `--format string`) {
		t.Errorf("bench --help:\n%s", h.stdout)
	}
}
