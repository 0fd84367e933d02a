// Package histogram records latencies in log-linear buckets, in the manner
// of HdrHistogram: exact below 128 units, and above that within 1/64 (about
// 1.6 %) of the value, in a fixed array, so that recording never allocates
// and quantiles come out of a few thousand counters however many values
// were recorded.
//
// A Histogram is not safe for concurrent use: give each goroutine its own
// and Merge them at the end.
package histogram

import (
	"math"
	"math/bits"
)

const (
	subBits = 7
	sub     = 1 << subBits // values below this have a bucket each
	half    = sub / 2      // buckets per power of two above sub
	// buckets covers every non-negative int64: the highest exponent is
	// 63-subBits.
	buckets = sub + (63-subBits)*half
)

// A Histogram counts non-negative values (nanoseconds, for latencies).
// The zero value is empty and ready to use.
type Histogram struct {
	counts   [buckets]uint64
	n        uint64
	min, max int64
	sum      float64
}

// index returns the bucket of v >= 0.
func index(v int64) int {
	if v < sub {
		return int(v)
	}
	e := bits.Len64(uint64(v)) - subBits // v>>e is in [half, sub)
	return sub + (e-1)*half + int(v>>e) - half
}

// upper returns the highest value that falls into bucket i.
func upper(i int) int64 {
	if i < sub {
		return int64(i)
	}
	e := (i-sub)/half + 1
	m := int64((i-sub)%half + half)
	return (m+1)<<e - 1
}

// Record counts v; negative values count as 0.
func (h *Histogram) Record(v int64) {
	v = max(v, 0)
	h.counts[index(v)]++
	if h.n == 0 || v < h.min {
		h.min = v
	}
	if v > h.max {
		h.max = v
	}
	h.n++
	h.sum += float64(v)
}

// Merge adds the values counted by o.
func (h *Histogram) Merge(o *Histogram) {
	if o.n == 0 {
		return
	}
	for i, c := range o.counts {
		h.counts[i] += c
	}
	if h.n == 0 || o.min < h.min {
		h.min = o.min
	}
	h.max = max(h.max, o.max)
	h.n += o.n
	h.sum += o.sum
}

// Count returns how many values were recorded.
func (h *Histogram) Count() uint64 { return h.n }

// Min and Max return the smallest and largest value recorded, exactly; 0
// when empty.
func (h *Histogram) Min() int64 { return h.min }

// Max returns the largest value recorded.
func (h *Histogram) Max() int64 { return h.max }

// Mean returns the mean of the values recorded, 0 when empty.
func (h *Histogram) Mean() float64 {
	if h.n == 0 {
		return 0
	}
	return h.sum / float64(h.n)
}

// Quantile returns the value below or at which the fraction q (0 to 1) of
// the recorded values lie: the upper end of the bucket holding that rank,
// so never less than the true quantile and at most 1/64 above it, and
// never above Max. It returns 0 when empty.
func (h *Histogram) Quantile(q float64) int64 {
	if h.n == 0 {
		return 0
	}
	q = min(max(q, 0), 1)
	rank := uint64(math.Ceil(q * float64(h.n)))
	rank = max(rank, 1)
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return min(max(upper(i), h.min), h.max)
		}
	}
	return h.max
}
