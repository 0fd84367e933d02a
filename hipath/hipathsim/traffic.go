package hipathsim

import (
	"container/heap"
	"context"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// TrafficConfig describes generated call traffic.
type TrafficConfig struct {
	// Rate is the mean number of calls started per second; arrivals are a
	// Poisson process. Zero or less starts no call.
	Rate float64
	// The weights of the four call scenarios; when all are zero every call
	// is answered.
	//
	//   - Answered: A calls B, B answers after a ring, one of them hangs up
	//     after HoldTime.
	//   - Unanswered: A calls B and gives up after two rings.
	//   - Transferred: A calls B, B answers, consults C, C answers, B
	//     transfers A to C, A and C talk, A hangs up.
	//   - Conferenced: as Transferred until C answers, then B conferences
	//     the three; C hangs up, then A (which clears B too).
	Answered, Unanswered, Transferred, Conferenced float64
	// HoldTime is the talk time of a call (2s when zero); a ring lasts half
	// of it and the steps of transfers and conferences are fractions of it.
	HoldTime time.Duration
	// Seed seeds the generator's random choices.
	Seed int64
}

// DefaultHoldTime is the talk time of generated calls when
// TrafficConfig.HoldTime is zero.
const DefaultHoldTime = 2 * time.Second

type scenarioKind uint8

const (
	answered scenarioKind = iota
	unanswered
	transferred
	conferenced
)

// A scenario is one generated call (two for transfers and conferences):
// its devices, reserved so that other scenarios of the generator leave
// them alone, and its plan.
type scenario struct {
	a, b, c *device
	c1, c2  *call
	start   time.Time
	plan    []planned
	next    int // index of the next step of plan
}

// planned is one step of a scenario, at an offset from its start. It runs
// under the model's lock; an error ends the scenario, clearing its calls.
type planned struct {
	at time.Duration
	do func(p *pbx, sc *scenario) *cstav3.Error
}

type traffic struct {
	s      *Server
	cfg    TrafficConfig
	rng    *rand.Rand
	cancel context.CancelFunc
	done   chan struct{}
	queue  scenarioHeap
}

// StartTraffic generates calls between idle devices until ctx ends, stop is
// called or the server closes. Stopping clears the calls the generator
// still has in progress; stop waits until that is done and may be called
// more than once.
func (s *Server) StartTraffic(ctx context.Context, cfg TrafficConfig) (stop func()) {
	if cfg.HoldTime <= 0 {
		cfg.HoldTime = DefaultHoldTime
	}
	ctx, cancel := context.WithCancel(ctx)
	t := &traffic{s: s, cfg: cfg, cancel: cancel, done: make(chan struct{}),
		rng: rand.New(rand.NewPCG(uint64(cfg.Seed), 0x9e3779b97f4a7c15))}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		cancel()
		return func() {}
	}
	s.traffic[t] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	go func() {
		defer s.wg.Done()
		defer close(t.done)
		t.run(ctx)
		s.mu.Lock()
		delete(s.traffic, t)
		s.mu.Unlock()
	}()
	var once sync.Once
	return func() {
		once.Do(cancel)
		<-t.done
	}
}

func (t *traffic) run(ctx context.Context) {
	p := t.s.pbx
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	arrival := time.Now().Add(t.gap())
	for {
		due := arrival
		if len(t.queue) > 0 && t.queue[0].due().Before(due) {
			due = t.queue[0].due()
		}
		timer.Reset(time.Until(due))
		select {
		case <-ctx.Done():
			p.mu.Lock()
			p.begin()
			for len(t.queue) > 0 {
				t.end(p, heap.Pop(&t.queue).(*scenario))
			}
			p.flush()
			p.mu.Unlock()
			return
		case <-timer.C:
		}
		now := time.Now()
		p.mu.Lock()
		p.begin()
		for !arrival.After(now) {
			t.startScenario(p, arrival)
			arrival = arrival.Add(t.gap())
			if now.Sub(arrival) > time.Second {
				arrival = now // a stalled generator does not catch up in a burst
			}
		}
		for len(t.queue) > 0 && !t.queue[0].due().After(now) {
			sc := t.queue[0]
			if err := sc.plan[sc.next].do(p, sc); err != nil || sc.next+1 == len(sc.plan) {
				heap.Pop(&t.queue)
				t.end(p, sc)
				continue
			}
			sc.next++
			heap.Fix(&t.queue, 0)
		}
		p.flush()
		p.mu.Unlock()
	}
}

// gap returns the time to the next arrival.
func (t *traffic) gap() time.Duration {
	if t.cfg.Rate <= 0 {
		return 100 * 365 * 24 * time.Hour
	}
	return time.Duration(t.rng.ExpFloat64() / t.cfg.Rate * float64(time.Second))
}

func (t *traffic) pick() scenarioKind {
	w := [...]float64{t.cfg.Answered, t.cfg.Unanswered, t.cfg.Transferred, t.cfg.Conferenced}
	total := 0.0
	for _, x := range w {
		total += max(x, 0)
	}
	if total == 0 {
		return answered
	}
	r := t.rng.Float64() * total
	for i, x := range w {
		if r -= max(x, 0); r < 0 {
			return scenarioKind(i)
		}
	}
	return answered
}

// startScenario starts one generated call at time at, if enough devices
// are idle.
func (t *traffic) startScenario(p *pbx, at time.Time) {
	kind := t.pick()
	need := 2
	if kind == transferred || kind == conferenced {
		need = 3
	}
	devs := t.idle(p, need)
	if devs == nil {
		t.s.stats.trafficSkipped.Add(1)
		return
	}
	sc := &scenario{a: devs[0], b: devs[1], start: at, plan: t.plan(kind)}
	if need == 3 {
		sc.c = devs[2]
	}
	for _, d := range devs {
		d.reserved = true
	}
	t.s.stats.trafficCalls.Add(1)
	cn, err := p.originate(sc.a, sc.b, cstav3.CauseNewCall)
	if err != nil {
		t.end(p, sc)
		return
	}
	sc.c1 = cn.call
	heap.Push(&t.queue, sc)
}

// idle picks n distinct idle devices at random, or nil.
func (t *traffic) idle(p *pbx, n int) []*device {
	var free []*device
	for _, d := range p.order {
		if !d.busy() && !d.reserved {
			free = append(free, d)
		}
	}
	if len(free) < n {
		return nil
	}
	for i := range n {
		j := i + t.rng.IntN(len(free)-i)
		free[i], free[j] = free[j], free[i]
	}
	return free[:n]
}

// end finishes a scenario: whatever is left of its calls is cleared and its
// devices are free again.
func (t *traffic) end(p *pbx, sc *scenario) {
	for _, c := range []*call{sc.c1, sc.c2} {
		if c != nil && p.calls[c.id] == c {
			p.clearCall(c, cstav3.CauseNormalClearing)
		}
	}
	for _, d := range []*device{sc.a, sc.b, sc.c} {
		if d != nil {
			d.reserved = false
		}
	}
}

// plan returns the steps of a scenario after the initial dial.
func (t *traffic) plan(kind scenarioKind) []planned {
	h := t.cfg.HoldTime
	ring := h / 2
	// The third party's part of transfers and conferences.
	consult := []planned{
		{ring, func(p *pbx, sc *scenario) *cstav3.Error { return p.answerAt(sc.c1, sc.b) }},
		{ring + h/2, func(p *pbx, sc *scenario) *cstav3.Error {
			cn := p.connOf(sc.c1, sc.b)
			if cn == nil {
				return errInvalidConnectionID
			}
			nc, err := p.consult(cn, sc.c)
			if err == nil {
				sc.c2 = nc.call
			}
			return err
		}},
		{2*ring + h/2, func(p *pbx, sc *scenario) *cstav3.Error { return p.answerAt(sc.c2, sc.c) }},
	}
	join := func(f func(p *pbx, held, active *conn) *cstav3.Error) planned {
		return planned{2*ring + 3*h/4, func(p *pbx, sc *scenario) *cstav3.Error {
			held, active := p.connOf(sc.c1, sc.b), p.connOf(sc.c2, sc.b)
			if held == nil || active == nil {
				return errInvalidConnectionID
			}
			return f(p, held, active)
		}}
	}
	switch kind {
	case unanswered:
		return []planned{{2 * ring, func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.a) }}}
	case transferred:
		return append(consult,
			join(func(p *pbx, held, active *conn) *cstav3.Error {
				_, _, err := p.transfer(held, active)
				return err
			}),
			planned{2*ring + 5*h/4, func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.a) }})
	case conferenced:
		return append(consult,
			join(func(p *pbx, held, active *conn) *cstav3.Error {
				_, _, err := p.conference(held, active)
				return err
			}),
			planned{2*ring + 5*h/4, func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.c) }},
			planned{2*ring + 3*h/2, func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.a) }})
	}
	hangup := func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.a) }
	if t.rng.IntN(2) == 0 {
		hangup = func(p *pbx, sc *scenario) *cstav3.Error { return p.hangupAt(sc.c1, sc.b) }
	}
	return []planned{
		{ring, func(p *pbx, sc *scenario) *cstav3.Error { return p.answerAt(sc.c1, sc.b) }},
		{ring + h, hangup},
	}
}

// connOf returns d's connection to c, nil if either is gone.
func (p *pbx) connOf(c *call, d *device) *conn {
	if c == nil || p.calls[c.id] != c {
		return nil
	}
	for _, cn := range c.parties {
		if cn.dev == d {
			return cn
		}
	}
	return nil
}

func (p *pbx) answerAt(c *call, d *device) *cstav3.Error {
	cn := p.connOf(c, d)
	if cn == nil {
		return errInvalidConnectionID
	}
	return p.answer(cn)
}

func (p *pbx) hangupAt(c *call, d *device) *cstav3.Error {
	cn := p.connOf(c, d)
	if cn == nil {
		return errInvalidConnectionID
	}
	p.clear(cn, cstav3.CauseNormalClearing)
	return nil
}

// scenarioHeap orders scenarios by the time of their next step.
type scenarioHeap []*scenario

func (sc *scenario) due() time.Time { return sc.start.Add(sc.plan[sc.next].at) }

func (h scenarioHeap) Len() int           { return len(h) }
func (h scenarioHeap) Less(i, j int) bool { return h[i].due().Before(h[j].due()) }
func (h scenarioHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *scenarioHeap) Push(x any)        { *h = append(*h, x.(*scenario)) }
func (h *scenarioHeap) Pop() any {
	old := *h
	sc := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return sc
}
