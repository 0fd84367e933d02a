package bench

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"slices"
	"strconv"
)

// The --plot of a matrix, drawn with the standard library only: two
// panels, their tick labels in a 3×5 pixel font (BENCHMARKS.md says what
// the axes are).
//
//   - left: events/s received at the maximum rate against the number of
//     consumers (0 is the client's callbacks), one line per monitor count;
//   - right: p99 latency (log scale, µs) against the set rates, one line per
//     consumer count, at the smallest monitor count.

var plotColors = []color.RGBA{{31, 119, 180, 255}, {255, 127, 14, 255}, {44, 160, 44, 255},
	{214, 39, 40, 255}, {148, 103, 189, 255}, {140, 86, 75, 255}}

// glyphs of the tick labels, 3 wide and 5 high, row by row.
var glyphs = map[rune]string{
	'0': "111101101101111", '1': "010110010010111", '2': "111001111100111", '3': "111001111001111",
	'4': "101101111001001", '5': "111100111001111", '6': "111100111101111", '7': "111001010010010",
	'8': "111101111101111", '9': "111101111001111", 'k': "100101110101101", 'M': "101111111101101",
	'.': "000000000000010", 'm': "000000111111101", 's': "000011010001110", 'u': "000000101101111",
}

type canvas struct{ *image.RGBA }

func (c canvas) dot(x, y int, col color.RGBA, size int) {
	for dx := -size; dx <= size; dx++ {
		for dy := -size; dy <= size; dy++ {
			c.Set(x+dx, y+dy, col)
		}
	}
}

func (c canvas) line(x0, y0, x1, y1 int, col color.RGBA, width int) {
	n := max(abs(x1-x0), abs(y1-y0), 1)
	for i := 0; i <= n; i++ {
		c.dot(x0+(x1-x0)*i/n, y0+(y1-y0)*i/n, col, width)
	}
}

// text writes s with its top left at (x, y), each font pixel scale² pixels.
func (c canvas) text(x, y int, s string, scale int) {
	for _, r := range s {
		g := glyphs[r]
		for i, bit := range g {
			if bit != '1' {
				continue
			}
			for dx := range scale {
				for dy := range scale {
					c.Set(x+(i%3)*scale+dx, y+(i/3)*scale+dy, color.Black)
				}
			}
		}
		x += 4 * scale
	}
}

func textWidth(s string, scale int) int { return len([]rune(s)) * 4 * scale }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// compact writes n as 950, 12k, 1.5M.
func compact(n float64) string {
	switch {
	case n >= 1e6:
		return strconv.FormatFloat(n/1e6, 'f', -1, 64) + "M"
	case n >= 1e3:
		return strconv.FormatFloat(math.Round(n/1e2)/10, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(math.Round(n), 'f', -1, 64)
}

// panel is a plotting area with categorical x and a y mapping.
type panel struct {
	c          canvas
	x0, y0     int // bottom left
	w, h       int
	categories []string
	y          func(v float64) float64 // to [0, 1]
}

func (p panel) px(i int) int {
	if len(p.categories) == 1 {
		return p.x0 + p.w/2
	}
	return p.x0 + 20 + i*(p.w-40)/(len(p.categories)-1)
}

func (p panel) py(v float64) int { return p.y0 - int(math.Round(p.y(v)*float64(p.h))) }

func (p panel) frame(yticks []float64, ylabel func(float64) string) {
	grey := color.RGBA{220, 220, 220, 255}
	for _, t := range yticks {
		y := p.py(t)
		p.c.line(p.x0, y, p.x0+p.w, y, grey, 0)
		l := ylabel(t)
		p.c.text(p.x0-textWidth(l, 2)-6, y-5, l, 2)
	}
	p.c.line(p.x0, p.y0, p.x0+p.w, p.y0, color.RGBA{A: 255}, 1)
	p.c.line(p.x0, p.y0, p.x0, p.y0-p.h, color.RGBA{A: 255}, 1)
	for i, cat := range p.categories {
		x := p.px(i)
		p.c.line(x, p.y0, x, p.y0+5, color.RGBA{A: 255}, 0)
		p.c.text(x-textWidth(cat, 2)/2, p.y0+10, cat, 2)
	}
}

// legend draws entry i at the top of the panel: a colour and its label.
func (p panel) legend(i int, label string, col color.RGBA) {
	x, y := p.x0+10+i*80, p.y0-p.h-30
	p.c.dot(x+5, y+5, col, 5)
	p.c.text(x+16, y, label, 2)
}

func (p panel) series(points []float64, col color.RGBA) {
	prev := -1
	for i, v := range points {
		if math.IsNaN(v) {
			prev = -1
			continue
		}
		if prev >= 0 {
			p.c.line(p.px(prev), p.py(points[prev]), p.px(i), p.py(v), col, 1)
		}
		p.c.dot(p.px(i), p.py(v), col, 4)
		prev = i
	}
}

// WritePlot draws the two panels of a matrix's results to a PNG file
// (BENCHMARKS.md says what the axes are). A file that cannot be created is
// a *ParamError.
func WritePlot(path string, m Matrix, results []*Result) error {
	const w, h = 1000, 420
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	c := canvas{img}
	find := func(rate float64, k, mon int) *Result {
		for _, r := range results {
			if r.Rate == rate && r.Consumers == k && r.Monitors == mon {
				return r
			}
		}
		return nil
	}
	received := func(r *Result) float64 {
		if r.Consumers == 0 {
			return r.CallbackEventsPerSec
		}
		return r.ConsumerEventsPerSec
	}
	p99 := func(r *Result) float64 {
		if r.LatencyCallback != nil {
			return r.LatencyCallback.P99us
		}
		if r.LatencyConsumer != nil {
			return r.LatencyConsumer.P99us
		}
		return math.NaN()
	}

	// Left: throughput at max rate against consumers.
	var cats []string
	for _, k := range m.Consumers {
		cats = append(cats, strconv.Itoa(k))
	}
	top := 1.0
	for _, r := range results {
		if r.Rate == 0 {
			top = max(top, received(r))
		}
	}
	step := math.Pow(10, math.Floor(math.Log10(top)))
	top = math.Ceil(top/step) * step
	left := panel{c: c, x0: 90, y0: h - 50, w: 360, h: h - 100, categories: cats,
		y: func(v float64) float64 { return v / top }}
	var ticks []float64
	for t := 0.0; t <= top+1; t += step {
		ticks = append(ticks, t)
	}
	left.frame(ticks, compact)
	for j, mon := range m.Monitors {
		left.legend(j, compact(float64(mon)), plotColors[j%len(plotColors)])
		pts := make([]float64, len(m.Consumers))
		for i, k := range m.Consumers {
			pts[i] = math.NaN()
			if r := find(0, k, mon); r != nil {
				pts[i] = received(r)
			}
		}
		left.series(pts, plotColors[j%len(plotColors)])
	}

	// Right: p99 against the set rates, log scale from 10 µs to 1 s.
	var rates []float64
	for _, r := range m.Rates {
		if r > 0 {
			rates = append(rates, r)
		}
	}
	slices.Sort(rates)
	cats = nil
	for _, r := range rates {
		cats = append(cats, compact(r))
	}
	lo, hi := 1.0, 6.0 // log10 µs
	right := panel{c: c, x0: 600, y0: h - 50, w: 360, h: h - 100, categories: cats,
		y: func(v float64) float64 { return (math.Log10(max(v, 10)) - lo) / (hi - lo) }}
	right.frame([]float64{10, 100, 1e3, 1e4, 1e5, 1e6}, func(v float64) string {
		switch {
		case v >= 1e6:
			return "1s"
		case v >= 1e3:
			return compact(v/1e3) + "ms"
		}
		return compact(v) + "us"
	})
	for j, k := range m.Consumers {
		right.legend(j, strconv.Itoa(k), plotColors[j%len(plotColors)])
		pts := make([]float64, len(rates))
		for i, rate := range rates {
			pts[i] = math.NaN()
			if r := find(rate, k, m.Monitors[0]); r != nil {
				pts[i] = p99(r)
			}
		}
		right.series(pts, plotColors[j%len(plotColors)])
	}
	f, err := os.Create(path)
	if err != nil {
		return &ParamError{"--plot: " + err.Error()}
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("--plot: %w", err)
	}
	return f.Close()
}
