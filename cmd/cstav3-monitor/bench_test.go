package main

import (
	"encoding/json"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestBenchJSON runs short benches with --json, with and without the
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
			r := runBin(t, "", nil, append([]string{"bench", "--json", "--probe", "20ms"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			var res benchResult
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

// TestBenchText: without --json the figures come as text.
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
	} {
		r := runBin(t, "", nil, append([]string{"bench"}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--") {
			t.Errorf("bench %v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

func TestDocSeq(t *testing.T) {
	for _, tt := range []struct {
		doc  string
		want uint32
		ok   bool
	}{
		{`<DeliveredEvent><connection><callID>0000002a</callID><deviceID>100</deviceID></connection></DeliveredEvent>`, 42, true},
		{`<HeldEvent><heldConnection><callID>01020304</callID></heldConnection><callID>ffffffff</callID></HeldEvent>`, 0x01020304, true},
		{`<DeliveredEvent><connection><callID>b164</callID></connection></DeliveredEvent>`, 0, false},
		{`<DeliveredEvent><connection><callID>0000zz2a</callID></connection></DeliveredEvent>`, 0, false},
		{`<SystemStatus><systemStatus>normal</systemStatus></SystemStatus>`, 0, false},
	} {
		got, ok := docSeq([]byte(tt.doc))
		if got != tt.want || ok != tt.ok {
			t.Errorf("docSeq(%s) = %d, %v; want %d, %v", tt.doc, got, ok, tt.want, tt.ok)
		}
	}
}

// TestPlot draws the plot of a small made-up matrix: a PNG of the size
// drawn, with the series' colours on it.
func TestPlot(t *testing.T) {
	m := benchMatrix{rates: []float64{1000, 10000, 0}, consumers: []int{0, 1, 10}, monitors: []int{100, 10000}}
	var results []*benchResult
	for _, mon := range m.monitors {
		for _, k := range m.consumers {
			for _, rate := range m.rates {
				r := &benchResult{Rate: rate, Consumers: k, Monitors: mon}
				lat := &benchLatency{P99us: 100 * float64(k+1) * (1 + rate/1000)}
				if k == 0 {
					r.CallbackEventsPerSec, r.LatencyCallback = 300000/float64(mon/100), lat
				} else {
					r.ConsumerEventsPerSec, r.LatencyConsumer = 150000/float64(k), lat
				}
				results = append(results, r)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "m.png")
	if err := writePlot(path, m, results); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 420 {
		t.Fatalf("plot is %v", b)
	}
	seen := map[color.RGBA]int{}
	for y := range 420 {
		for x := range 1000 {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)]++
		}
	}
	for i := range 3 { // three consumer counts on the right, two monitor counts on the left
		if seen[plotColors[i]] < 50 {
			t.Errorf("colour %d drawn on %d pixels", i, seen[plotColors[i]])
		}
	}
	if seen[color.RGBA{A: 255}] < 1000 {
		t.Errorf("%d black pixels: no axes or labels", seen[color.RGBA{A: 255}])
	}
}

func TestCompact(t *testing.T) {
	for _, tt := range []struct {
		n    float64
		want string
	}{{0, "0"}, {950, "950"}, {1000, "1k"}, {12345, "12.3k"}, {1.5e6, "1.5M"}} {
		if got := compact(tt.n); got != tt.want {
			t.Errorf("compact(%g) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
