// Package testutil holds what the tests of several packages share: the
// reference PDUs of testdata/vectors, the measures of the chaos tests and a
// buffer safe to read while it is written.
package testutil

import (
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// Vector returns one of the shared reference PDUs, testdata/vectors/NAME.hex.
func Vector(t testing.TB, name string) []byte {
	t.Helper()
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testutil: no source path")
	}
	path := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "vectors", name+".hex")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := hex.DecodeString(strings.Join(strings.Fields(string(raw)), ""))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return b
}

var chaosFull = flag.Bool("chaos.full", false, "run the chaos tests at full length (a link drop every second for 60 s)")

// ChaosLong reports whether the chaos tests should run at full length
// (-chaos.full, or CSTAV3_CHAOS_FULL=1 as make chaos-long sets).
func ChaosLong() bool { return *chaosFull || os.Getenv("CSTAV3_CHAOS_FULL") == "1" }

// HeapAndGoroutines returns the live heap after a collection and the
// number of goroutines.
func HeapAndGoroutines() (uint64, int) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc, runtime.NumGoroutine()
}

// Percentile returns the p-th percentile (0–100) of ds, which it sorts.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[int(float64(len(ds)-1)*p/100)]
}
