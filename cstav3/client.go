package cstav3

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// A Client is an association with a CSTA Phase III switch over TCP: it sends
// requests, receives the events of its monitors and keeps the link alive,
// re-establishing it (and every monitor) after a loss.
//
// All methods are safe for concurrent use. Requests take a context; a
// request in flight when the link goes down fails with ErrLinkDown and is
// never replayed.
type Client struct {
	cfg config
	log *slog.Logger

	mu       sync.Mutex
	link     *link
	state    LinkState
	closed   bool
	monitors map[*Monitor]struct{}
	byXref   map[string]*Monitor

	stateSubs map[int]func(LinkEvent)
	nextSub   int

	// starts bounds the MonitorStarts the client sends on its own
	// (re-starts after a reconnection, retries) that await their answer.
	starts chan struct{}

	events   chan queued     // to the dispatcher
	ctx      context.Context // cancelled by shutdown
	cancel   context.CancelFunc
	quit     chan struct{}
	finished chan struct{} // closed when the client's goroutines are gone
	wg       sync.WaitGroup
	states   chan LinkEvent

	stats  clientStats
	everUp atomic.Bool // a link was associated once
}

// Dial connects to a switch at addr ("host:port") and associates. After a
// link loss the client dials addr again (see WithReconnect). The first
// association is not retried: its error (e.g. ErrAuthFailed) is returned.
func Dial(ctx context.Context, addr string, opts ...Option) (*Client, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.dial == nil { // a WithDialer of the caller serves the first dial too
		var d net.Dialer
		dial := func(ctx context.Context) (net.Conn, error) { return d.DialContext(ctx, "tcp", addr) }
		opts = append([]Option{WithDialer(dial)}, opts...)
		// Again, so that options wrapping the dialer (WithTLS) wrap this one.
		cfg = config{}
		for _, o := range opts {
			o(&cfg)
		}
	}
	conn, err := cfg.dial(ctx)
	if err != nil {
		return nil, fmt.Errorf("cstav3: dial %s: %w", addr, err)
	}
	return Connect(ctx, conn, opts...)
}

// Connect associates over an established connection. Without WithDialer a
// lost link cannot be re-established and the client closes.
func Connect(ctx context.Context, conn net.Conn, opts ...Option) (*Client, error) {
	c := newClient(opts)
	l := newLink(c, conn)
	if _, err := l.associate(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	c.link = l
	// Up before the goroutines start: a link that dies at once must not
	// have its LinkClosed (and the closing of the state channel) overtaken
	// by this LinkUp.
	c.setState(LinkUp, nil)
	c.run(l)
	return c, nil
}

// newClient returns a client configured by opts, without a link.
func newClient(opts []Option) *Client {
	c := &Client{
		cfg:      defaultConfig(),
		monitors: make(map[*Monitor]struct{}),
		byXref:   make(map[string]*Monitor),
		quit:     make(chan struct{}),
		finished: make(chan struct{}),
		states:   make(chan LinkEvent, 64),
		starts:   make(chan struct{}, maxRestarts),
	}
	for _, o := range opts {
		o(&c.cfg)
	}
	c.log = c.cfg.logger
	c.events = make(chan queued, c.cfg.eventQueue)
	c.ctx, c.cancel = context.WithCancel(context.Background())
	return c
}

// run starts the client's goroutines on l, or, if l is nil, on the first
// link reconnect establishes.
func (c *Client) run(l *link) {
	if l != nil {
		go l.readLoop()
	}
	c.wg.Add(2)
	go c.dispatch()
	go c.maintain(l)
}

// LinkState is the state of the client's link to the switch.
type LinkState int

// Link states.
const (
	LinkDown   LinkState = iota // lost; reconnecting
	LinkUp                      // associated
	LinkClosed                  // closed for good
)

var linkStateNames = [...]string{LinkDown: "down", LinkUp: "up", LinkClosed: "closed"}

// String returns the name of the state ("down", "up", "closed"), or
// LinkState(n) for a number without one.
func (s LinkState) String() string { return indexString(linkStateNames[:], s, "LinkState") }

// A LinkEvent reports a change of link state and, for LinkDown and
// LinkClosed, why.
type LinkEvent struct {
	State LinkState
	Err   error
	Time  time.Time
}

// LinkStates returns a channel of link state changes. It holds the last 64;
// older changes are dropped if nobody reads. It is closed by Close.
func (c *Client) LinkStates() <-chan LinkEvent { return c.states }

// State returns the current link state.
func (c *Client) State() LinkState {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.state
}

func (c *Client) setState(s LinkState, err error) {
	if s == LinkUp {
		c.everUp.Store(true)
	}
	c.mu.Lock()
	c.state = s
	c.mu.Unlock()
	ev := LinkEvent{State: s, Err: err, Time: time.Now()}
	c.log.Info("link state", "state", s.String(), "err", err)
	for {
		select {
		case c.states <- ev:
		default:
			select { // full: drop the oldest
			case <-c.states:
			default:
			}
			continue
		}
		break
	}
	c.mu.Lock()
	subs := make([]func(LinkEvent), 0, len(c.stateSubs))
	for _, f := range c.stateSubs {
		subs = append(subs, f)
	}
	c.mu.Unlock()
	for _, f := range subs {
		f(ev)
	}
}

// NotifyLinkState registers f to be called, from the client's goroutines and
// in order, on every later link state change, until the returned cancel
// function is called. Several parts of a program (a bridge, metrics) can
// follow the link this way; f must not block.
func (c *Client) NotifyLinkState(f func(LinkEvent)) (cancel func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stateSubs == nil {
		c.stateSubs = make(map[int]func(LinkEvent))
	}
	c.nextSub++
	id := c.nextSub
	c.stateSubs[id] = f
	return func() {
		c.mu.Lock()
		delete(c.stateSubs, id)
		c.mu.Unlock()
	}
}

// current returns the live link or nil.
func (c *Client) current() *link {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || c.link == nil || c.link.Err() != nil {
		return nil
	}
	return c.link
}

// maintain watches the live link and, when it dies, re-establishes it with
// exponential backoff and re-starts every monitor.
func (c *Client) maintain(l *link) {
	defer c.wg.Done()
	// attempt counts the reconnections since the last link that stayed up
	// for the healthy duration: a link that breaks sooner does not restart
	// the backoff.
	attempt := 0
	if l == nil { // Start: the first link, at once
		if l, attempt = c.reconnect(-1); l == nil {
			return
		}
	}
	for {
		up := time.Now()
		go l.supervise()
		select {
		case <-l.done:
		case <-c.quit:
			return
		}
		c.dropXrefs()
		c.mu.Lock()
		closed := c.closed
		c.mu.Unlock()
		if closed {
			return
		}
		if !c.cfg.reconnect || c.cfg.dial == nil {
			c.setState(LinkClosed, l.err)
			c.shutdown()
			return
		}
		if time.Since(up) >= c.cfg.healthyAfter() {
			attempt = 0
		}
		c.setState(LinkDown, l.err)
		if l, attempt = c.reconnect(attempt); l == nil {
			return
		}
	}
}

// reconnect dials and associates until it succeeds or the client closes,
// waiting before each try as the backoff says for attempt and the ones
// after it (attempt -1 tries once at once first); it returns the link and
// the number of the next attempt. A rejected password before the client
// ever associated (Start) closes the client.
func (c *Client) reconnect(attempt int) (*link, int) {
	for ; ; attempt++ {
		if attempt >= 0 {
			wait := backoff(c.cfg.backoffMin, c.cfg.backoffMax, attempt)
			select {
			case <-time.After(wait):
			case <-c.quit:
				return nil, attempt
			}
		}
		ctx, cancel := context.WithTimeout(c.ctx, c.cfg.associateTimeout)
		l, err := c.connectOnce(ctx)
		cancel()
		if err != nil {
			if errors.Is(err, ErrAuthFailed) && !c.everUp.Load() {
				c.log.Error("the switch rejected the credentials", "err", err)
				c.setState(LinkClosed, err)
				c.shutdown()
				return nil, attempt
			}
			if c.ctx.Err() == nil {
				c.log.Warn("reconnect failed", "attempt", attempt+1, "err", err)
			}
			continue
		}
		if c.everUp.Load() { // Start's first association is no reconnection
			c.stats.reconnects.Add(1)
		}
		c.mu.Lock()
		if c.closed {
			c.mu.Unlock()
			l.abort()
			return nil, attempt
		}
		c.link = l
		c.mu.Unlock()
		go l.readLoop()
		c.restartMonitors(l)
		c.setState(LinkUp, nil)
		return l, attempt + 1
	}
}

func (c *Client) connectOnce(ctx context.Context) (*link, error) {
	conn, err := c.cfg.dial(ctx)
	if err != nil {
		return nil, err
	}
	l := newLink(c, conn)
	if _, err := l.associate(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return l, nil
}

// backoff returns the wait before attempt n: min·2ⁿ capped at max, with
// ±50 % jitter so that many clients do not reconnect in step.
func backoff(min, max time.Duration, n int) time.Duration {
	if min <= 0 {
		min = 10 * time.Millisecond
	}
	d := min
	for i := 0; i < n && d < max; i++ {
		d *= 2
	}
	if d > max && max > 0 {
		d = max
	}
	return d/2 + rand.N(d)
}

// Do sends any modelled request and returns its result: a *Error for a
// universalFailure, a *RejectError for a ROSE reject, ErrLinkDown when the
// link is down or goes down before the answer.
func (c *Client) Do(ctx context.Context, arg Argument) (Result, error) {
	l := c.current()
	if l == nil {
		return nil, ErrLinkDown
	}
	ans, err := l.call(ctx, arg, nil)
	if err != nil {
		return nil, err
	}
	return resultOf(arg.Opcode(), &ans)
}

// resultOf turns an answer into a typed result or error.
func resultOf(op Opcode, m *Message) (Result, error) {
	switch m.Type {
	case ReturnResult:
		if m.Argument == nil {
			return NewResult(op), nil
		}
		r, err := DecodeResult(op, m.Argument)
		if err != nil {
			return nil, fmt.Errorf("cstav3: %v result: %w", op, err)
		}
		return r, nil
	case ReturnError:
		if m.ErrorCode != ErrorCodeUniversalFailure || m.Argument == nil {
			return nil, fmt.Errorf("cstav3: %v failed with error code %d", op, m.ErrorCode)
		}
		e, err := DecodeError(m.Argument)
		if err != nil {
			return nil, fmt.Errorf("cstav3: %v error: %w", op, err)
		}
		return nil, e
	case Reject:
		return nil, &RejectError{Problem: m.Problem}
	}
	return nil, fmt.Errorf("cstav3: unexpected %v answer", m.Type)
}

// Close releases the association in order (RLRQ, waiting for the RLRE up to
// the release timeout, then ABRT), stops every monitor's delivery and
// waits for the client's goroutines. Calling Close twice is harmless.
func (c *Client) Close() error {
	return c.close(false)
}

// Abort ends the association at once with an ABRT.
func (c *Client) Abort() error {
	return c.close(true)
}

func (c *Client) close(abort bool) error {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		<-c.finished
		return nil
	}
	c.closed = true
	l := c.link
	c.mu.Unlock()
	var err error
	if l != nil && l.Err() == nil {
		if !abort && l.release(c.cfg.releaseTimeout) {
			l.die(fmt.Errorf("%w: released", ErrLinkDown))
		} else {
			if !abort {
				err = errors.New("cstav3: no release response; association aborted")
			}
			l.abort()
		}
	}
	c.shutdown()
	<-c.finished
	return err
}

// shutdown stops the goroutines once; the dispatcher closes the monitors'
// channels and the state channel on its way out.
func (c *Client) shutdown() {
	c.mu.Lock()
	c.closed = true
	select {
	case <-c.quit:
	default:
		close(c.quit)
		c.cancel()
		go func() {
			c.wg.Wait()
			c.setState(LinkClosed, nil)
			close(c.states)
			close(c.finished)
		}()
	}
	c.mu.Unlock()
}

// Stats are counters of a client's life, for metrics and tests.
type Stats struct {
	EventsReceived    uint64 // event reports decoded
	EventsDropped     uint64 // dropped because the event queue or a monitor channel was full
	UnknownCrossRef   uint64 // events for no known monitor
	BadPDUs           uint64 // PDUs that could not be decoded
	Unmatched         uint64 // answers to no pending request
	StatusAnswered    uint64 // SystemStatus requests of the switch answered
	RejectsSent       uint64 // unsupported invokes rejected
	Reconnects        uint64 // successful re-associations
	HeartbeatFailures uint64 // links declared dead by supervision
	MonitorsEnded     uint64 // monitors the switch ended (MonitorStop invoked by the switch)
	InFlight          int    // requests waiting for their answer now
}

type clientStats struct {
	eventsReceived, eventsDropped, unknownXref, badPDUs, unmatched atomic.Uint64
	statusAnswered, rejectsSent, reconnects, heartbeatFailures     atomic.Uint64
	monitorsEnded                                                  atomic.Uint64
}

// Stats returns a snapshot of the client's counters.
func (c *Client) Stats() Stats {
	s := &c.stats
	return Stats{
		EventsReceived: s.eventsReceived.Load(), EventsDropped: s.eventsDropped.Load(),
		UnknownCrossRef: s.unknownXref.Load(), BadPDUs: s.badPDUs.Load(), Unmatched: s.unmatched.Load(),
		StatusAnswered: s.statusAnswered.Load(), RejectsSent: s.rejectsSent.Load(),
		Reconnects: s.reconnects.Load(), HeartbeatFailures: s.heartbeatFailures.Load(),
		MonitorsEnded: s.monitorsEnded.Load(), InFlight: c.inFlight(),
	}
}

func (c *Client) inFlight() int {
	l := c.current()
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.pending)
}

// Time converts a switch timestamp, reading zone-less ones in the location
// set by WithLocation.
func (c *Client) Time(ts Timestamp) (time.Time, error) { return ts.Time(c.cfg.location) }
