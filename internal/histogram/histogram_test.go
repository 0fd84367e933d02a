package histogram

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestBuckets: every bucket's range joins the next one's, and a value falls
// into the bucket whose upper end is the first at or above it.
func TestBuckets(t *testing.T) {
	for i := 1; i < buckets; i++ {
		if upper(i) <= upper(i-1) {
			t.Fatalf("bucket %d ends at %d, not above bucket %d's %d", i, upper(i), i-1, upper(i-1))
		}
		lo := upper(i-1) + 1
		if index(lo) != i || index(upper(i)) != i {
			t.Fatalf("bucket %d [%d, %d]: index gives %d and %d", i, lo, upper(i), index(lo), index(upper(i)))
		}
	}
	if got := upper(buckets - 1); got != math.MaxInt64 {
		t.Fatalf("last bucket ends at %d, want MaxInt64", got)
	}
}

// TestPrecision: a value's bucket is never wider than 1/64 of the value.
func TestPrecision(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		v := r.Int64N(1 << r.IntN(62))
		i := index(v)
		lo := int64(0)
		if i > 0 {
			lo = upper(i-1) + 1
		}
		if v < lo || v > upper(i) {
			t.Fatalf("%d in bucket %d [%d, %d]", v, i, lo, upper(i))
		}
		if w := upper(i) - lo; v >= sub && float64(w) > float64(v)/half {
			t.Fatalf("%d: bucket width %d above 1/%d of it", v, w, half)
		}
	}
}

// TestQuantiles compares with exact quantiles of the same values.
func TestQuantiles(t *testing.T) {
	tests := []struct {
		name   string
		values func(r *rand.Rand) int64
	}{
		{"uniform µs", func(r *rand.Rand) int64 { return r.Int64N(1e6) }},
		{"exponential", func(r *rand.Rand) int64 { return int64(r.ExpFloat64() * 50e3) }},
		{"small exact", func(r *rand.Rand) int64 { return r.Int64N(100) }},
		{"heavy tail", func(r *rand.Rand) int64 { return int64(1e4 / (1 - r.Float64()*0.999)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(3, 4))
			var h Histogram
			vals := make([]int64, 20000)
			for i := range vals {
				vals[i] = tt.values(r)
				h.Record(vals[i])
			}
			slices.Sort(vals)
			for _, q := range []float64{0, 0.5, 0.9, 0.99, 0.999, 1} {
				exact := vals[max(int(math.Ceil(q*float64(len(vals))))-1, 0)]
				got := h.Quantile(q)
				if got < exact || float64(got-exact) > float64(exact)/half+1 {
					t.Errorf("q%g: %d, exact %d", q, got, exact)
				}
			}
			if h.Min() != vals[0] || h.Max() != vals[len(vals)-1] || h.Count() != uint64(len(vals)) {
				t.Errorf("min %d max %d count %d, want %d %d %d", h.Min(), h.Max(), h.Count(), vals[0], vals[len(vals)-1], len(vals))
			}
		})
	}
}

// TestMerge: merging two halves gives the histogram of the whole.
func TestMerge(t *testing.T) {
	var a, b, all Histogram
	for v := int64(0); v < 5000; v++ {
		x := v * v
		all.Record(x)
		if v%2 == 0 {
			a.Record(x)
		} else {
			b.Record(x)
		}
	}
	var empty Histogram
	a.Merge(&empty)
	a.Merge(&b)
	if a != all {
		t.Fatalf("merged: n=%d min=%d max=%d mean=%g; whole: n=%d min=%d max=%d mean=%g",
			a.Count(), a.Min(), a.Max(), a.Mean(), all.Count(), all.Min(), all.Max(), all.Mean())
	}
	empty.Merge(&all)
	if empty.Quantile(0.99) != all.Quantile(0.99) || empty.Min() != 0 {
		t.Fatalf("merge into empty: p99 %d, min %d", empty.Quantile(0.99), empty.Min())
	}
}

// TestEmptyAndNegative covers the edges.
func TestEmptyAndNegative(t *testing.T) {
	var h Histogram
	if h.Quantile(0.5) != 0 || h.Mean() != 0 || h.Count() != 0 {
		t.Fatal("empty histogram not zero")
	}
	h.Record(-5)
	h.Record(math.MaxInt64)
	if h.Min() != 0 || h.Max() != math.MaxInt64 || h.Quantile(1) != math.MaxInt64 || h.Quantile(0.5) != 0 {
		t.Fatalf("min %d max %d p50 %d p100 %d", h.Min(), h.Max(), h.Quantile(0.5), h.Quantile(1))
	}
}

func TestRecordDoesNotAllocate(t *testing.T) {
	var h Histogram
	if n := testing.AllocsPerRun(100, func() { h.Record(123456) }); n != 0 {
		t.Fatalf("%v allocs per Record", n)
	}
}

func BenchmarkRecord(b *testing.B) {
	var h Histogram
	v := int64(1)
	for b.Loop() {
		h.Record(v)
		v = (v*3 + 1) & (1<<40 - 1)
	}
}
