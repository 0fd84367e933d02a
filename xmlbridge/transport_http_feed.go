package xmlbridge

import (
	"sync"
	"sync/atomic"
)

// An httpFeed is the event queue of an HTTP session. It exists from
// StartApplicationSession on, so that no event is lost between MonitorStart
// and the GET that streams it, and it survives the stream, which a
// consumer may open again (one at a time).
//
// It holds outMsgs, not documents: an event's document is the eventDoc the
// fan-out encoded once per namespace and shares with every other consumer,
// and it is only completed with the session's cross-reference when the
// stream writes it. While no stream is attached, at most
// Config.HTTPBufferedEvents are kept, the oldest dropped: a session that
// never opens its stream costs a bounded few kilobytes, whatever the
// event rate and however many monitors it has. While a stream is
// attached, the queue takes up to Config.QueueLength and overflows by
// Config.SlowConsumer, as a TCP consumer's.
type httpFeed struct {
	s       *Server
	sess    *session
	dropped atomic.Bool // ended as slow

	mu       sync.Mutex
	q        []outMsg // q[head:] is queued, oldest first
	head     int
	kick     chan struct{} // capacity 1: something was queued, or the feed closed
	closed   bool
	attached bool
	drops    uint64 // dropped while no stream was attached
	peak     int    // most documents queued at once while no stream was attached
}

func newHTTPFeed(s *Server, ss *session) *httpFeed {
	return &httpFeed{s: s, sess: ss, kick: make(chan struct{}, 1)}
}

// push queues a document without blocking; see httpFeed for what happens
// when the queue is full (the PBX monitors of a session ended as slow are
// stopped by the janitor, as this runs on the client's dispatcher).
func (f *httpFeed) push(m outMsg) bool {
	f.mu.Lock()
	if f.closed {
		f.mu.Unlock()
		return false
	}
	n := len(f.q) - f.head
	if f.attached && n >= f.s.cfg.QueueLength {
		f.mu.Unlock()
		return f.overflow()
	}
	var dropped uint64
	if limit := f.s.cfg.HTTPBufferedEvents; !f.attached && n >= limit {
		// The oldest go, so that a stream opened later starts with the
		// newest state of the calls.
		dropped = uint64(n - limit + 1)
		for range dropped {
			f.popLocked()
		}
		f.drops += dropped
		n = limit - 1
	}
	f.q = append(f.q, m)
	if !f.attached {
		f.peak = max(f.peak, n+1)
	}
	first := dropped > 0 && f.drops == dropped
	f.mu.Unlock()
	f.wake()
	if dropped > 0 {
		f.s.stats.httpBufferDrops.Add(dropped)
		if first {
			f.s.log.Warn("HTTP session without event stream: dropping its oldest events", "session", f.sess.id,
				"user", f.sess.user, "limit", f.s.cfg.HTTPBufferedEvents)
		}
	}
	return true
}

// overflow applies Config.SlowConsumer to a full queue with a stream.
func (f *httpFeed) overflow() bool {
	if f.s.cfg.SlowConsumer == SlowDropEvents {
		f.s.stats.eventsDropped.Add(1)
		return false
	}
	if f.dropped.CompareAndSwap(false, true) {
		f.s.stats.countDrop(dropQueueFull)
		f.s.endSession(f.sess, dropQueueFull, false)
	}
	return false
}

// popLocked removes the oldest document; the caller holds f.mu and knows
// there is one.
func (f *httpFeed) popLocked() outMsg {
	m := f.q[f.head]
	f.q[f.head] = outMsg{} // the shared document may go once all are sent
	f.head++
	switch {
	case f.head == len(f.q):
		f.q, f.head = f.q[:0], 0
	case f.head >= 64 && 2*f.head >= len(f.q):
		n := copy(f.q, f.q[f.head:])
		clear(f.q[n:])
		f.q, f.head = f.q[:n], 0
	}
	return m
}

func (f *httpFeed) wake() {
	select {
	case f.kick <- struct{}{}:
	default:
	}
}

// close ends the feed; a stream reading it ends once it has sent what is
// queued.
func (f *httpFeed) close() {
	f.mu.Lock()
	if !f.closed {
		f.closed = true
		if !f.attached {
			f.q, f.head = nil, 0
		}
	}
	f.mu.Unlock()
	f.wake()
}

// attach hands the feed to an event stream: documents arrive on the
// channel, which is closed when the feed is; stop detaches the stream.
func (f *httpFeed) attach() (<-chan []byte, func(), error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.closed:
		return nil, nil, errSessionEnded
	case f.attached:
		return nil, nil, errStreamBusy
	}
	f.attached = true
	f.s.stats.streams.Add(1)
	out := make(chan []byte)
	quit, exited := make(chan struct{}), make(chan struct{})
	go f.pump(out, quit, exited)
	var once sync.Once
	return out, func() {
		once.Do(func() {
			close(quit)
			<-exited
			f.mu.Lock()
			f.attached = false
			f.mu.Unlock()
			f.s.stats.streams.Add(-1)
		})
	}, nil
}

// pump completes each queued document and hands it to the stream; the
// channel is unbuffered, so what the stream has not taken stays queued
// (and bounded) here. A document taken from the queue when the stream
// ends goes back to its front, for the next stream.
func (f *httpFeed) pump(out chan<- []byte, quit <-chan struct{}, exited chan<- struct{}) {
	defer close(exited)
	defer close(out)
	for {
		f.mu.Lock()
		if f.head == len(f.q) {
			closed := f.closed
			f.mu.Unlock()
			if closed {
				return
			}
			select {
			case <-f.kick:
			case <-quit:
				return
			}
			continue
		}
		m := f.popLocked()
		f.mu.Unlock()
		select {
		case out <- m.appendDoc(nil):
		case <-quit:
			f.unpop(m)
			return
		}
	}
}

// unpop puts m back at the front of the queue.
func (f *httpFeed) unpop(m outMsg) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.head > 0 {
		f.head--
		f.q[f.head] = m
		return
	}
	f.q = append(f.q, outMsg{})
	copy(f.q[1:], f.q)
	f.q[0] = m
}

// buffered returns how many documents are queued, the most queued at once
// without a stream, and the documents dropped for want of one.
func (f *httpFeed) buffered() (n, peak int, drops uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.q) - f.head, f.peak, f.drops
}
