package xmlbridge

import (
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// A TCP consumer is one connection on a stream transport (ServeHeader,
// ServeNUL). Its reader goroutine reads and serves requests; its writer
// goroutine alone writes to the socket, draining the bounded queue that
// responses, events and status documents go through, so that the order of
// the queue is the order on the wire and a consumer that does not read
// only ever fills its own queue. The transport only delimits documents.

// sink is where a session's events go. push never blocks: it runs on the
// PBX client's dispatcher goroutine.
type sink interface {
	push(m outMsg) bool
}

// An outMsg is a document to send: an event shared by several consumers,
// completed with this consumer's monitorCrossRefID, or a whole document
// (a response, a status report) with no xref. It is kept small, since every
// consumer queue holds QueueLength of them.
type outMsg struct {
	d        *eventDoc
	xref     string
	invokeID int
}

// wholeDoc wraps a complete document for a queue.
func wholeDoc(invokeID int, doc []byte) outMsg {
	return outMsg{d: &eventDoc{head: doc}, invokeID: invokeID}
}

// appendDoc appends the document of m.
func (m *outMsg) appendDoc(dst []byte) []byte { return m.d.appendTo(dst, m.xref) }

// writeBatch is how many bytes the writer gathers from its queue into one
// write: enough to amortise the system call under an event flood.
const writeBatch = 64 << 10

// maxInflight bounds the requests of one consumer served at once, on a
// transport with invoke ids; its reader stops reading while that many are
// in progress.
const maxInflight = 8

type consumer struct {
	srv    *Server
	raw    net.Conn // the TCP connection, closed to stop everything at once
	conn   net.Conn // raw, or the TLS connection over it
	tr     streamTransport
	st     stream // the framing of conn, set before the goroutines start
	remote string
	ip     string

	out      chan outMsg
	done     chan struct{} // closed by close
	closed   atomic.Bool
	ctx      context.Context // of the consumer's requests; cancelled by close
	cancel   context.CancelFunc
	inflight chan struct{}
	reqWG    sync.WaitGroup

	sess    *session // guarded by Server.mu
	pending bool     // counted in Server.pending; guarded by Server.mu
}

// serveConn starts the goroutines of a new connection.
func (s *Server) serveConn(raw net.Conn, tr streamTransport) {
	c := &consumer{srv: s, raw: raw, conn: raw, tr: tr,
		remote: raw.RemoteAddr().String(), out: make(chan outMsg, s.cfg.QueueLength),
		done: make(chan struct{}), inflight: make(chan struct{}, maxInflight)}
	c.ip = hostOf(c.remote)
	if s.cfg.TLSConfig != nil {
		c.conn = tls.Server(raw, s.cfg.TLSConfig)
	}
	c.ctx, c.cancel = context.WithCancel(s.ctx)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		c.cancel()
		_ = raw.Close()
		return
	}
	victim, scope := s.admitLocked(c) // pending-login bounds (server_pending.go)
	s.consumers[c] = struct{}{}
	s.connWG.Add(2)
	s.mu.Unlock()
	c.st = tr.open(c)
	s.reap(victim, scope)
	s.log.Debug("consumer connected", "remote", c.remote, "transport", c.tr.String())
	go c.writeLoop()
	go c.readLoop()
}

// hostOf returns the host part of a "host:port" address, the key of the
// failed-login limit.
func hostOf(addr string) string {
	if h, _, err := net.SplitHostPort(addr); err == nil {
		return h
	}
	return addr
}

// close disconnects the consumer at once and reports whether this call did
// it. It never blocks, since the fan-out calls it on overflow: it closes the
// raw connection (a TLS close would first try to write an alert), and the
// reader goroutine, which sees the connection fail, ends the session.
func (c *consumer) close(reason string) bool {
	if !c.closed.CompareAndSwap(false, true) {
		return false
	}
	close(c.done)
	c.cancel()
	_ = c.raw.Close()
	c.srv.log.Info("consumer disconnected", "remote", c.remote, "transport", c.tr.String(), "reason", reason)
	return true
}

// dropSlow disconnects a consumer that does not keep up, and counts it.
func (c *consumer) dropSlow(reason string) {
	if c.close(reason) {
		c.srv.stats.countDrop(reason)
	}
}

// push queues an event or status document without blocking.
func (c *consumer) push(m outMsg) bool {
	if c.closed.Load() {
		return false
	}
	select {
	case c.out <- m:
		return true
	default:
	}
	if c.srv.cfg.SlowConsumer == SlowDropEvents {
		c.srv.stats.eventsDropped.Add(1)
		return false
	}
	c.dropSlow(dropQueueFull)
	return false
}

// reply queues a response. It runs on a request goroutine, which may wait
// for room up to WriteTimeout before giving the consumer up as slow.
func (c *consumer) reply(invokeID int, doc []byte) {
	m := wholeDoc(invokeID, doc)
	select {
	case c.out <- m:
		return
	case <-c.done:
		return
	default:
	}
	t := time.NewTimer(c.srv.cfg.WriteTimeout)
	defer t.Stop()
	select {
	case c.out <- m:
	case <-c.done:
	case <-t.C:
		c.dropSlow(dropReplyTimeout)
	}
}

// loggedInLocked stops counting c as waiting for its login; the caller
// holds Server.mu.
func (c *consumer) loggedInLocked() {
	if c.pending {
		c.pending = false
		c.srv.pending.remove(c)
	}
}

// setLoginDeadline bounds the time to the next login, or lifts the bound
// once a session is open: a session's own expiry takes over then.
func (c *consumer) setLoginDeadline(on bool) {
	var t time.Time
	if on {
		t = time.Now().Add(c.srv.cfg.LoginTimeout)
	}
	_ = c.raw.SetReadDeadline(t)
}

// readLoop reads documents until the connection fails, then ends the
// consumer: no more requests, its session and its monitors end.
func (c *consumer) readLoop() {
	s := c.srv
	defer s.connWG.Done()
	defer c.finish()
	c.setLoginDeadline(true)
	if tc, ok := c.conn.(*tls.Conn); ok {
		if err := tc.HandshakeContext(c.ctx); err != nil {
			s.stats.tlsFailures.Add(1)
			c.close("TLS handshake: " + err.Error())
			return
		}
	}
	for {
		id, doc, err := c.st.readDoc()
		if err != nil {
			c.readFailed(err)
			return
		}
		m, derr := s.dec.Decode(doc)
		cl := &caller{c: c, ip: c.ip, tr: c.tr, invokeID: id}
		if !c.tr.invokeIDs() || (m != nil && m.Session) {
			// Without invoke ids, responses must keep the order of the
			// requests; session requests change what the next request
			// may do. Both are served before the next is read.
			c.serveOne(cl, id, m, derr)
			continue
		}
		select {
		case c.inflight <- struct{}{}:
		case <-c.done:
			return
		}
		c.reqWG.Add(1)
		go func() {
			defer c.reqWG.Done()
			defer func() { <-c.inflight }()
			c.serveOne(cl, id, m, derr)
		}()
	}
}

// serveOne serves one decoded document and queues the answer, if any.
func (c *consumer) serveOne(cl *caller, invokeID int, m *ecma323.Message, derr error) {
	s := c.srv
	ans := s.serveMessage(c.ctx, cl, m, derr)
	if ans.doc == nil {
		return
	}
	if limit := c.tr.maxDocument(); limit > 0 && len(ans.doc) > limit {
		// The framing cannot carry it; the consumer gets an answer all
		// the same, rather than waiting for one forever.
		s.log.Warn("response too large for the "+c.tr.String()+" framing", "remote", c.remote, "bytes", len(ans.doc))
		ans = s.failWith(encoderFor(cl, cl.session(s), m), cstaTooLarge, false)
	}
	c.reply(invokeID, ans.doc)
}

// readFailed logs why reading stopped and closes the connection.
func (c *consumer) readFailed(err error) {
	var ne net.Error
	switch {
	case c.closed.Load():
		c.close("closed")
	case errors.Is(err, io.EOF):
		c.close("closed by the consumer")
	case errors.As(err, &ne) && ne.Timeout():
		c.srv.stats.loginTimeouts.Add(1)
		c.close("no session opened in time")
	case c.tr.badFraming(err):
		c.srv.stats.badFrames.Add(1)
		c.srv.log.Warn("bad framing from consumer", "remote", c.remote, "transport", c.tr.String(), "err", err)
		c.close("bad framing")
	default:
		c.close("read: " + err.Error())
	}
}

// finish runs when the reader stops: it waits for the requests in flight,
// then ends the consumer's session and unregisters it.
func (c *consumer) finish() {
	c.close("reader stopped")
	c.reqWG.Wait()
	s := c.srv
	s.mu.Lock()
	ss := c.sess
	delete(s.consumers, c)
	c.loggedInLocked()
	s.mu.Unlock()
	if ss != nil {
		s.endSession(ss, "consumer disconnected", true)
	}
}

// writeLoop writes the queue to the socket, gathering what is queued into
// one write, each bounded by WriteTimeout: a consumer that stops reading
// blocks only this goroutine, and only that long.
func (c *consumer) writeLoop() {
	s := c.srv
	defer s.connWG.Done()
	var buf, scratch []byte
	for {
		var m outMsg
		select {
		case m = <-c.out:
		case <-c.done:
			return
		}
		buf, scratch = c.frame(buf[:0], scratch, m)
	gather:
		for len(buf) < writeBatch {
			select {
			case m = <-c.out:
				buf, scratch = c.frame(buf, scratch, m)
			default:
				break gather
			}
		}
		if len(buf) == 0 {
			continue
		}
		_ = c.conn.SetWriteDeadline(time.Now().Add(s.cfg.WriteTimeout))
		if _, err := c.conn.Write(buf); err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				c.dropSlow(dropWriteTimeout)
			} else {
				c.close("write: " + err.Error())
			}
			return
		}
		if cap(buf) > 4*writeBatch {
			buf = nil // one huge document must not pin its buffer
		}
	}
}

// frame appends m in the consumer's framing to buf. scratch is reused to
// assemble shared event documents.
func (c *consumer) frame(buf, scratch []byte, m outMsg) ([]byte, []byte) {
	buf, scratch, err := c.st.appendFrame(buf, scratch, m)
	if err != nil {
		c.srv.log.Warn("document not sent", "remote", c.remote, "err", err)
	}
	return buf, scratch
}
