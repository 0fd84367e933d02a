package cstav3

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/ber"
)

// A link is one association over one transport connection. A Client owns at
// most one live link at a time and replaces it after a loss.
type link struct {
	c    *Client
	conn net.Conn
	fr   *FrameReader
	log  *slog.Logger

	wmu  sync.Mutex // serialises frame writes
	wbuf []byte     // frame buffer, reused under wmu

	mu      sync.Mutex
	pending map[int64]*pending
	nextID  int64
	err     error // why the link died; set before done is closed

	done     chan struct{} // closed when the link is dead
	released chan struct{} // closed when an RLRE arrives
	relOnce  sync.Once
	dieOnce  sync.Once
	lastRx   atomic.Int64 // unix nanoseconds of the last frame received
}

// pending is a request waiting for its answer. hook, if set, runs in the
// reader goroutine before the answer is handed over, so that state a result
// creates (a monitor's cross-ref) exists before the next frame is read.
type pending struct {
	ch   chan Message
	hook func(*Message)
}

func newLink(c *Client, conn net.Conn) *link {
	return &link{
		c:        c,
		conn:     conn,
		fr:       NewFrameReader(conn, c.cfg.framing, c.cfg.maxFrame),
		log:      c.log.With("remote", conn.RemoteAddr().String()),
		pending:  make(map[int64]*pending),
		done:     make(chan struct{}),
		released: make(chan struct{}),
	}
}

// associate sends the AARQ and waits for the AARE, answering anything else
// the switch sends first as the reader would.
func (l *link) associate(ctx context.Context) (*AARE, error) {
	cfg := &l.c.cfg
	aarq := &AARQ{Context: cfg.context, Authentication: cfg.authentication, CSTAVersion: cfg.cstaVersion}
	pdu, err := AppendAPDU(nil, aarq)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(cfg.associateTimeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	l.conn.SetDeadline(deadline)
	defer l.conn.SetDeadline(time.Time{})
	stop := context.AfterFunc(ctx, func() { l.conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if l.log.Enabled(ctx, slog.LevelDebug) {
		// The authentication value (on a HiPath, the password) never
		// reaches the log: a copy without it does. The value is opaque
		// here, so it is left out whole rather than masked in place.
		masked := *aarq
		masked.Authentication = nil
		if m, err := AppendAPDU(nil, &masked); err == nil {
			l.log.Debug("pdu", "dir", "send", "hex", hex.EncodeToString(m),
				"authentication", fmt.Sprintf("%d bytes, not shown", len(aarq.Authentication)))
		}
	}
	if err := l.send(pdu); err != nil {
		return nil, err
	}
	for {
		pdu, err := l.fr.ReadFrame()
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				return nil, fmt.Errorf("%w within %v", ErrAssociationTimeout, cfg.associateTimeout)
			}
			return nil, fmt.Errorf("cstav3: association: %w", err)
		}
		l.debugPDU("recv", pdu)
		if !IsACSE(pdu) {
			continue // nothing but the AARE is expected before it
		}
		a, err := DecodeAPDU(pdu)
		if err != nil {
			return nil, fmt.Errorf("cstav3: association: %w", err)
		}
		switch a := a.(type) {
		case *AARE:
			if err := a.Err(); err != nil {
				return a, err
			}
			l.lastRx.Store(time.Now().UnixNano())
			return a, nil
		case *ABRT:
			return nil, fmt.Errorf("cstav3: association aborted by the switch (source %d, diagnostic %d)", a.Source, a.Diagnostic)
		}
	}
}

func (l *link) debugPDU(dir string, pdu []byte) {
	if l.log.Enabled(context.Background(), slog.LevelDebug) {
		l.log.Debug("pdu", "dir", dir, "hex", hex.EncodeToString(pdu))
	}
}

// write frames and sends one PDU, logging it at debug level.
func (l *link) write(pdu []byte) error {
	l.debugPDU("send", pdu)
	return l.send(pdu)
}

// send frames and sends one PDU.
func (l *link) send(pdu []byte) error {
	l.wmu.Lock()
	defer l.wmu.Unlock()
	buf, err := AppendFrame(l.wbuf[:0], l.c.cfg.framing, pdu)
	if err != nil {
		return err
	}
	l.wbuf = buf
	if wt := l.c.cfg.writeTimeout; wt > 0 {
		l.conn.SetWriteDeadline(time.Now().Add(wt))
	}
	if _, err := l.conn.Write(buf); err != nil {
		l.die(fmt.Errorf("%w: write: %v", ErrLinkDown, err))
		return fmt.Errorf("%w: %v", ErrLinkDown, err)
	}
	return nil
}

func (l *link) writeMessage(m *Message) error {
	pdu, err := m.Append(nil)
	if err != nil {
		return err
	}
	return l.write(pdu)
}

// die marks the link dead, closes the transport and fails every request in
// flight with ErrLinkDown. It is safe to call more than once.
func (l *link) die(err error) {
	l.dieOnce.Do(func() {
		l.mu.Lock()
		if err == nil {
			err = ErrLinkDown
		}
		l.err = err
		pend := l.pending
		l.pending = nil
		l.mu.Unlock()
		l.conn.Close()
		close(l.done)
		_ = pend // waiters select on done and report ErrLinkDown
	})
}

// Err returns why the link died, or nil while it lives.
func (l *link) Err() error {
	select {
	case <-l.done:
		return l.err
	default:
		return nil
	}
}

// call sends an Invoke of arg and waits for the answer. Requests are never
// retried: a link loss while waiting returns ErrLinkDown.
func (l *link) call(ctx context.Context, arg Argument, hook func(*Message)) (Message, error) {
	raw, err := AppendArgument(nil, arg)
	if err != nil {
		return Message{}, fmt.Errorf("cstav3: %v: %w", arg.Opcode(), err)
	}
	return l.callRaw(ctx, arg.Opcode(), raw, hook)
}

func (l *link) callRaw(ctx context.Context, op Opcode, raw []byte, hook func(*Message)) (Message, error) {
	obs := l.c.cfg.observer.Request
	if obs == nil {
		return l.exchange(ctx, op, raw, hook)
	}
	t0 := time.Now()
	ans, err := l.exchange(ctx, op, raw, hook)
	outcome := err
	if err == nil && ans.Type != ReturnResult {
		_, outcome = resultOf(op, &ans)
	}
	obs(op, time.Since(t0), outcome)
	return ans, err
}

// exchange sends an Invoke and waits for its answer.
func (l *link) exchange(ctx context.Context, op Opcode, raw []byte, hook func(*Message)) (Message, error) {
	p := &pending{ch: make(chan Message, 1), hook: hook}
	l.mu.Lock()
	if l.pending == nil {
		l.mu.Unlock()
		return Message{}, ErrLinkDown
	}
	id := l.allocID()
	l.pending[id] = p
	l.mu.Unlock()
	defer l.forget(id)

	m := Message{Type: Invoke, InvokeID: id, Opcode: op, Argument: raw}
	if err := l.writeMessage(&m); err != nil {
		return Message{}, err
	}
	select {
	case ans := <-p.ch:
		return ans, nil
	case <-l.done:
		// An answer may have raced with the link's death.
		select {
		case ans := <-p.ch:
			return ans, nil
		default:
		}
		return Message{}, fmt.Errorf("%w: %v", ErrLinkDown, l.err)
	case <-ctx.Done():
		return Message{}, ctx.Err()
	}
}

// allocID returns an invoke id not in use; ids stay within 15 bits, as
// HiPath's own do. l.mu must be held.
func (l *link) allocID() int64 {
	for {
		l.nextID++
		if l.nextID > 0x7FFF {
			l.nextID = 1
		}
		if _, busy := l.pending[l.nextID]; !busy {
			return l.nextID
		}
	}
}

func (l *link) forget(id int64) {
	l.mu.Lock()
	if l.pending != nil {
		delete(l.pending, id)
	}
	l.mu.Unlock()
}

// readLoop reads frames until the link dies; it never blocks on the user.
func (l *link) readLoop() {
	for {
		pdu, err := l.fr.ReadFrame()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.EOF
			}
			l.die(fmt.Errorf("%w: %v", ErrLinkDown, err))
			return
		}
		l.lastRx.Store(time.Now().UnixNano())
		l.debugPDU("recv", pdu)
		if IsACSE(pdu) {
			l.handleACSE(pdu)
			continue
		}
		var m Message
		if err := m.Decode(pdu); err != nil {
			l.c.stats.badPDUs.Add(1)
			l.log.Warn("undecodable PDU", "err", err, "bytes", len(pdu))
			continue
		}
		switch m.Type {
		case Invoke:
			l.handleInvoke(&m)
		default:
			l.complete(&m)
		}
	}
}

func (l *link) handleACSE(pdu []byte) {
	a, err := DecodeAPDU(pdu)
	if err != nil {
		l.c.stats.badPDUs.Add(1)
		l.log.Warn("undecodable ACSE PDU", "err", err)
		return
	}
	switch a := a.(type) {
	case *RLRE:
		l.relOnce.Do(func() { close(l.released) })
	case *RLRQ:
		// The switch releases the association: agree, then the link is gone.
		if out, err := AppendAPDU(nil, &RLRE{HasReason: true}); err == nil {
			l.write(out)
		}
		l.die(fmt.Errorf("%w: released by the switch", ErrLinkDown))
	case *ABRT:
		l.die(fmt.Errorf("%w: aborted by the switch (source %d, diagnostic %d)", ErrLinkDown, a.Source, a.Diagnostic))
	default:
		l.log.Warn("unexpected ACSE PDU", "type", fmt.Sprintf("%T", a))
	}
}

// handleInvoke serves what the switch asks of us: event reports, the
// SystemStatus heartbeat (answered always), and nothing else (rejected).
func (l *link) handleInvoke(m *Message) {
	switch m.Opcode {
	case OpEventReport:
		var rep *EventReport
		el, err := singleElement(m.Argument)
		if err == nil {
			rep, err = newEventReport(el)
		}
		if err != nil {
			l.c.stats.badPDUs.Add(1)
			l.log.Warn("undecodable event report", "err", err, "bytes", len(m.Argument))
			return
		}
		l.c.deliver(rep)
	case OpMonitorStop:
		l.switchStopped(m)
	case OpSystemStatus:
		l.c.stats.statusAnswered.Add(1)
		ans := Message{Type: ReturnResult, InvokeID: m.InvokeID, Opcode: OpSystemStatus, Argument: nullElement}
		l.writeMessage(&ans)
	default:
		l.c.stats.rejectsSent.Add(1)
		l.log.Info("rejecting unsupported operation", "op", m.Opcode)
		rej := Message{Type: Reject, InvokeID: m.InvokeID, Problem: ProblemUnrecognizedOperation}
		l.writeMessage(&rej)
	}
}

var nullElement = []byte{0x05, 0x00}

// singleElement parses data as exactly one element.
func singleElement(data []byte) (ber.Element, error) {
	r := ber.NewReader(data)
	e, err := r.Next()
	if err == nil {
		err = r.Done()
	}
	return e, err
}

// complete hands an answer to the request waiting for it.
func (l *link) complete(m *Message) {
	l.mu.Lock()
	var p *pending
	if l.pending != nil && !(m.Type == Reject && m.NoInvokeID) {
		p = l.pending[m.InvokeID]
		delete(l.pending, m.InvokeID)
	}
	l.mu.Unlock()
	if p == nil {
		l.c.stats.unmatched.Add(1)
		l.log.Warn("answer to no pending request", "type", m.Type, "invokeId", m.InvokeID, "problem", m.Problem)
		return
	}
	if p.hook != nil {
		p.hook(m)
	}
	p.ch <- *m
}

// supervise sends SystemStatus when the link has been idle for an
// interval, and kills the link after the configured number of silent
// intervals.
func (l *link) supervise() {
	iv := l.c.cfg.heartbeat
	if iv <= 0 {
		return
	}
	t := time.NewTicker(iv)
	defer t.Stop()
	misses := 0
	last := l.lastRx.Load()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
		}
		now := l.lastRx.Load()
		if now != last {
			last, misses = now, 0
			if time.Since(time.Unix(0, now)) < iv {
				continue
			}
		}
		misses++
		if misses >= l.c.cfg.heartbeatMiss {
			l.log.Warn("link silent, declaring it dead", "intervals", misses, "interval", iv)
			l.c.stats.heartbeatFailures.Add(1)
			l.die(fmt.Errorf("%w: no answer for %v", ErrLinkDown, time.Duration(misses)*iv))
			return
		}
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), iv)
			defer cancel()
			arg := &SystemStatusArgument{SystemStatus: SystemNormal}
			l.call(ctx, arg, nil)
		}()
	}
}

// release sends RLRQ and waits for the RLRE, up to timeout.
func (l *link) release(timeout time.Duration) bool {
	out, err := AppendAPDU(nil, &RLRQ{HasReason: true})
	if err != nil || l.write(out) != nil {
		return false
	}
	select {
	case <-l.released:
		return true
	case <-l.done:
		return false
	case <-time.After(timeout):
		return false
	}
}

// abort sends ABRT (source service-user, no reason given) and kills the link.
func (l *link) abort() {
	if out, err := AppendAPDU(nil, &ABRT{Source: 0, HasDiagnostic: true, Diagnostic: 1}); err == nil {
		l.wmu.Lock()
		l.conn.SetWriteDeadline(time.Now().Add(time.Second))
		buf, _ := AppendFrame(nil, l.c.cfg.framing, out)
		l.conn.Write(buf)
		l.wmu.Unlock()
	}
	l.die(fmt.Errorf("%w: aborted", ErrLinkDown))
}
