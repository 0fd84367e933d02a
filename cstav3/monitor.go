package cstav3

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// MonitorConfig says how a monitor's events reach the user. Callbacks run one
// at a time, in the order the switch sent the events, on the client's
// dispatcher goroutine: a slow callback delays the events of every monitor
// of the client, but never the socket reader. Events that arrive while the
// client's event queue (WithEventQueue) is full are dropped and counted.
type MonitorConfig struct {
	OnDelivered         func(*DeliveredEvent)
	OnEstablished       func(*EstablishedEvent)
	OnConnectionCleared func(*ConnectionClearedEvent)
	OnTransferred       func(*TransferredEvent)
	// OnEvent receives every event, after the typed callback if any.
	OnEvent func(Event)
	// OnError is told when the monitor stops receiving events while the
	// client runs: the switch refused to start it again after a
	// reconnection, or ended it (ErrMonitorEnded). The client keeps trying
	// to start it, with the reconnection backoff, and tells OnError again
	// only if the error changes. It may run on any goroutine.
	OnError func(error)
	// OnResume is told when a monitor OnError reported is started again.
	OnResume func()

	// Channel, if positive, is the buffer of the channel Events returns.
	// When no callback is set a channel of 256 is made. Events that find it
	// full are dropped and counted.
	Channel int

	// Filter is the requested monitor filter; nil uses the client's default
	// (WithDefaultMonitorFilter).
	Filter *MonitorFilter
}

// A Monitor is a started monitor of one device. Its cross-reference may
// change across reconnections; the Monitor stays the same.
type Monitor struct {
	c      *Client
	device DeviceID
	cfg    MonitorConfig
	ch     chan Event
	// chClosed is owned by the dispatcher goroutine.
	chClosed bool

	mu      sync.Mutex
	xref    CrossRefID
	stopped bool
	err     error
	// retryOn is the link a retry goroutine starts the monitor on, if any;
	// retryAgain asks it for another round (monitor_retry.go).
	retryOn    *link
	retryAgain bool

	dropped atomic.Uint64
}

// queued is an item of the dispatcher's queue: an event for a monitor, or
// (ev == nil) the request to close the monitor's channel once the events
// before it are delivered.
type queued struct {
	m  *Monitor
	ev Event
}

// Device returns the monitored device.
func (m *Monitor) Device() DeviceID { return m.device }

// CrossRef returns the monitor's current cross-reference (nil while the link
// is down).
func (m *Monitor) CrossRef() CrossRefID {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.xref
}

// Events returns the channel of the monitor's events, or nil if the monitor
// has callbacks and no Channel. It is closed when the monitor stops.
func (m *Monitor) Events() <-chan Event { return m.ch }

// Dropped returns how many events of this monitor were dropped because its
// channel was full.
func (m *Monitor) Dropped() uint64 { return m.dropped.Load() }

// Err returns the error of the last failed re-start, or nil.
func (m *Monitor) Err() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// Monitor starts a monitor on device. Its events go to the callbacks and
// channel of cfg until Stop; it survives reconnections.
func (c *Client) Monitor(ctx context.Context, device DeviceID, cfg MonitorConfig) (*Monitor, error) {
	m := &Monitor{c: c, device: device, cfg: cfg}
	n := cfg.Channel
	if n <= 0 && cfg.OnDelivered == nil && cfg.OnEstablished == nil && cfg.OnConnectionCleared == nil &&
		cfg.OnTransferred == nil && cfg.OnEvent == nil {
		n = 256
	}
	if n > 0 {
		m.ch = make(chan Event, n)
	}
	l := c.current()
	if l == nil {
		return nil, ErrLinkDown
	}
	c.mu.Lock()
	c.monitors[m] = struct{}{}
	c.mu.Unlock()
	if err := c.startMonitor(ctx, l, m); err != nil {
		c.mu.Lock()
		delete(c.monitors, m)
		c.mu.Unlock()
		return nil, err
	}
	return m, nil
}

// startMonitor sends MonitorStart for m on l; the cross-ref is registered by
// the reader goroutine as soon as the result arrives, before any event that
// follows it is read.
func (c *Client) startMonitor(ctx context.Context, l *link, m *Monitor) error {
	m.mu.Lock()
	filter := m.cfg.Filter
	m.mu.Unlock()
	if filter == nil {
		filter = c.cfg.monitorFilter()
	}
	arg := &MonitorStartArgument{MonitorObject: DeviceObject(m.device), RequestedMonitorFilter: filter}
	// The hook runs on the reader goroutine before the answer is handed
	// over: what it sets is seen below. The cross-reference is not read
	// back from m, which the switch may have ended again meanwhile.
	var got, bound bool
	var xref CrossRefID
	hook := func(ans *Message) {
		if ans.Type != ReturnResult || ans.Argument == nil {
			return
		}
		r, err := DecodeResult(OpMonitorStart, ans.Argument)
		if err != nil {
			return
		}
		got, xref = true, append(CrossRefID(nil), r.(*MonitorStartResult).CrossRefIdentifier...)
		bound = c.bind(m, xref)
	}
	ans, err := l.call(ctx, arg, hook)
	if err != nil {
		return err
	}
	if _, err := resultOf(OpMonitorStart, &ans); err != nil {
		return fmt.Errorf("cstav3: monitor %v: %w", m.device, err)
	}
	switch {
	case !got:
		return fmt.Errorf("cstav3: monitor %v: result without cross-reference", m.device)
	case !bound:
		// Stopped while the switch started it: stop the switch's monitor
		// too, or its events would go on for nobody.
		if _, err := l.call(ctx, &MonitorStopArgument{CrossRefIdentifier: xref}, nil); err != nil {
			c.log.Warn("monitor stopped while it started; stopping it at the switch failed", "device", m.device, "err", err)
		}
		return fmt.Errorf("cstav3: monitor %v: stopped while it started", m.device)
	}
	return nil
}

// bind maps xref (a copy, not aliasing the PDU) to m, unless m was stopped
// meanwhile; it reports whether it did.
func (c *Client) bind(m *Monitor, xref CrossRefID) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, live := c.monitors[m]; !live {
		return false
	}
	m.mu.Lock()
	m.xref = xref
	m.err = nil
	m.mu.Unlock()
	c.byXref[string(xref)] = m
	return true
}

// Stop stops the monitor at the switch (if the link is up) and closes its
// channel after the events already queued are delivered.
func (m *Monitor) Stop(ctx context.Context) error {
	c := m.c
	c.mu.Lock()
	if m.stopped {
		c.mu.Unlock()
		return nil
	}
	m.stopped = true
	delete(c.monitors, m)
	xref := m.CrossRef()
	if xref != nil {
		delete(c.byXref, string(xref))
	}
	c.mu.Unlock()
	var err error
	if l := c.current(); l != nil && xref != nil {
		_, err = c.Do(ctx, &MonitorStopArgument{CrossRefIdentifier: xref})
	}
	select {
	case c.events <- queued{m: m}:
	case <-c.quit:
	case <-ctx.Done():
		if err == nil {
			err = ctx.Err()
		}
	}
	return err
}

// deliver queues an event for its monitor without ever blocking the reader.
func (c *Client) deliver(rep *EventReport) {
	c.stats.eventsReceived.Add(1)
	c.mu.Lock()
	m := c.byXref[string(rep.CrossRef)]
	c.mu.Unlock()
	if m == nil {
		if c.stats.unknownXref.Add(1)%1000 == 1 {
			c.log.Warn("event for unknown cross-reference", "crossRef", rep.CrossRef, "event", rep.Event.Type())
		}
		return
	}
	select {
	case c.events <- queued{m: m, ev: rep.Event}:
	default:
		if c.stats.eventsDropped.Add(1)%1000 == 1 {
			c.log.Warn("event queue full, dropping events", "queue", cap(c.events))
		}
	}
}

// dispatch runs the callbacks, one event at a time.
func (c *Client) dispatch() {
	defer c.wg.Done()
	defer c.closeMonitorChannels()
	for {
		select {
		case q := <-c.events:
			if q.ev == nil {
				q.m.closeChannel()
				continue
			}
			if obs := c.cfg.observer.Event; obs != nil {
				obs(q.ev)
			}
			q.m.handle(q.ev)
		case <-c.quit:
			return
		}
	}
}

func (m *Monitor) handle(ev Event) {
	cfg := &m.cfg
	switch e := ev.(type) {
	case *DeliveredEvent:
		if cfg.OnDelivered != nil {
			cfg.OnDelivered(e)
		}
	case *EstablishedEvent:
		if cfg.OnEstablished != nil {
			cfg.OnEstablished(e)
		}
	case *ConnectionClearedEvent:
		if cfg.OnConnectionCleared != nil {
			cfg.OnConnectionCleared(e)
		}
	case *TransferredEvent:
		if cfg.OnTransferred != nil {
			cfg.OnTransferred(e)
		}
	}
	if cfg.OnEvent != nil {
		cfg.OnEvent(ev)
	}
	if m.ch != nil && !m.chClosed {
		select {
		case m.ch <- ev:
		default:
			m.dropped.Add(1)
			m.c.stats.eventsDropped.Add(1)
		}
	}
}

// closeMonitorChannels runs on the dispatcher as it exits.
func (c *Client) closeMonitorChannels() {
	c.mu.Lock()
	ms := make([]*Monitor, 0, len(c.monitors))
	for m := range c.monitors {
		ms = append(ms, m)
	}
	c.mu.Unlock()
	for _, m := range ms {
		m.closeChannel()
	}
}

// closeChannel closes the monitor's channel once; only the dispatcher
// goroutine calls it, and only it sends on the channel.
func (m *Monitor) closeChannel() {
	if m.ch != nil && !m.chClosed {
		m.chClosed = true
		close(m.ch)
	}
}

// dropXrefs forgets the cross-refs of a dead link.
func (c *Client) dropXrefs() {
	c.mu.Lock()
	defer c.mu.Unlock()
	clear(c.byXref)
	for m := range c.monitors {
		m.mu.Lock()
		m.xref = nil
		m.mu.Unlock()
	}
}

// maxRestarts is how many MonitorStarts of its own (re-starts, retries) the
// client has outstanding at most.
const maxRestarts = 64

// restartMonitors starts every monitor again on a new link.
func (c *Client) restartMonitors(l *link) {
	c.mu.Lock()
	ms := make([]*Monitor, 0, len(c.monitors))
	for m := range c.monitors {
		ms = append(ms, m)
	}
	c.mu.Unlock()
	// Re-start in parallel, bounded, so 10,000 monitors come back quickly
	// without flooding the switch.
	var wg sync.WaitGroup
	for _, m := range ms {
		c.starts <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-c.starts; wg.Done() }()
			ctx, cancel := context.WithTimeout(c.ctx, c.cfg.associateTimeout)
			defer cancel()
			if err := c.startMonitor(ctx, l, m); err != nil && !errors.Is(err, ErrLinkDown) {
				c.retry(l, m, err)
			}
		}()
	}
	wg.Wait()
}
