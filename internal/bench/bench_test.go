package bench

import (
	"context"
	"errors"
	"image/color"
	"image/png"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRun runs a short bench at the client callbacks: everything sent
// arrives, each with a latency. (cstav3-monitor's TestBenchJSON checks
// every figure through the command, with and without the bridge.)
func TestRun(t *testing.T) {
	res, err := Run(context.Background(), Params{Events: 500, Monitors: 2, Probe: 10 * time.Millisecond,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	if res.Events != 500 || res.Received != 500 || res.Lost != 0 || res.LatencyCallback == nil ||
		res.LatencyCallback.Count != 500 || strings.Join(res.Mix, ",") != "" {
		t.Fatalf("%+v", res)
	}
	var b strings.Builder
	WriteText(&b, res)
	if !strings.Contains(b.String(), "send → callback") {
		t.Errorf("text without the callback latency:\n%s", b.String())
	}
}

// TestRunParamError: a profile file that cannot be created is a
// *ParamError, which the command reports as a usage error.
func TestRunParamError(t *testing.T) {
	_, err := Run(context.Background(), Params{Events: 10, Monitors: 1, Logger: slog.New(slog.DiscardHandler),
		CPUProfile: filepath.Join(t.TempDir(), "no", "such", "dir")})
	var pe *ParamError
	if !errors.As(err, &pe) || !strings.HasPrefix(pe.Msg, "--cpuprofile: ") {
		t.Fatalf("Run: %v", err)
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
	m := Matrix{Rates: []float64{1000, 10000, 0}, Consumers: []int{0, 1, 10}, Monitors: []int{100, 10000}}
	var results []*Result
	for _, mon := range m.Monitors {
		for _, k := range m.Consumers {
			for _, rate := range m.Rates {
				r := &Result{Rate: rate, Consumers: k, Monitors: mon}
				lat := &Latency{P99us: 100 * float64(k+1) * (1 + rate/1000)}
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
	if err := WritePlot(path, m, results); err != nil {
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
