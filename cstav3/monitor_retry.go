package cstav3

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrMonitorEnded is the error a monitor reports (OnError, Monitor.Err) when
// the switch ended it: ECMA-269 lets the switching function invoke
// MonitorStop too, when it can no longer report on a device. The client
// answers, then starts the monitor again.
var ErrMonitorEnded = errors.New("cstav3: monitor ended by the switch")

// switchStopped answers a MonitorStop the switch invoked on l.
func (l *link) switchStopped(inv *Message) {
	arg, err := DecodeArgument(OpMonitorStop, inv.Argument)
	if err != nil {
		l.c.stats.rejectsSent.Add(1)
		l.log.Warn("undecodable MonitorStop from the switch", "err", err)
		rej := Message{Type: Reject, InvokeID: inv.InvokeID, Problem: ProblemMistypedArgument}
		l.writeMessage(&rej)
		return
	}
	xref := arg.(*MonitorStopArgument).CrossRefIdentifier
	m := l.c.ended(xref)
	if m == nil {
		l.log.Warn("MonitorStop from the switch for no known monitor", "crossRef", xref)
		ans := Message{Type: ReturnError, InvokeID: inv.InvokeID, ErrorCode: ErrorCodeUniversalFailure}
		ans.Argument, _ = AppendError(nil, errUnknownCrossRef)
		l.writeMessage(&ans)
		return
	}
	// The result goes out before the retry's MonitorStart.
	ans := Message{Type: ReturnResult, InvokeID: inv.InvokeID, Opcode: OpMonitorStop, Argument: nullElement}
	l.writeMessage(&ans)
	l.c.retry(l, m, fmt.Errorf("cstav3: monitor %v: %w", m.device, ErrMonitorEnded))
}

var errUnknownCrossRef = MustError(OperationError, "invalidCrossRefID")

// ended forgets the cross-reference of the monitor the switch ended and
// returns that monitor, or nil if xref names none.
func (c *Client) ended(xref CrossRefID) *Monitor {
	c.mu.Lock()
	m := c.byXref[string(xref)]
	if m != nil {
		delete(c.byXref, string(xref))
		m.mu.Lock()
		m.xref = nil
		m.mu.Unlock()
	}
	c.mu.Unlock()
	if m != nil {
		c.stats.monitorsEnded.Add(1)
		c.log.Warn("monitor ended by the switch", "device", m.device, "crossRef", xref)
	}
	return m
}

// retry records err as m's error, reports it, and starts m again on l after
// growing waits (the reconnection backoff) until that succeeds, m is
// stopped, l goes down (the next link starts every monitor) or the client
// closes. OnError hears of each new error, not of every failed attempt, and
// OnResume of the success. One retry runs per monitor and link; a retry
// asked for while one runs (the switch ended the monitor again just as it
// was re-started) makes that one go on.
func (c *Client) retry(l *link, m *Monitor, err error) {
	m.mu.Lock()
	m.err = err
	if m.retryOn == l {
		m.retryAgain = true
		m.mu.Unlock()
		return
	}
	m.retryOn, m.retryAgain = l, false
	m.mu.Unlock()
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.wg.Add(1)
	c.mu.Unlock()
	go c.retryLoop(l, m, err)
}

func (c *Client) retryLoop(l *link, m *Monitor, err error) {
	defer c.wg.Done()
	released := false // m.retryOn given up by the success path itself
	defer func() {
		if released {
			return
		}
		m.mu.Lock()
		if m.retryOn == l {
			m.retryOn = nil
		}
		m.mu.Unlock()
	}()
	reported := err.Error()
	m.report(err)
	for attempt := 0; ; attempt++ {
		t := time.NewTimer(backoff(c.cfg.backoffMin, c.cfg.backoffMax, attempt))
		select {
		case <-t.C:
		case <-l.done:
			t.Stop()
			return
		case <-c.quit:
			t.Stop()
			return
		}
		if !c.live(m) {
			return
		}
		select {
		case c.starts <- struct{}{}:
		case <-l.done:
			return
		case <-c.quit:
			return
		}
		ctx, cancel := context.WithTimeout(c.ctx, c.cfg.associateTimeout)
		err := c.startMonitor(ctx, l, m)
		cancel()
		<-c.starts
		switch {
		case err == nil:
			// Done, unless the switch ended the monitor again meanwhile
			// (retry asked for another round): the check and the release
			// under one lock, so that no retry falls between them.
			m.mu.Lock()
			again, againErr := m.retryAgain, m.err
			m.retryAgain = false
			if !again && m.retryOn == l {
				m.retryOn = nil
			}
			m.mu.Unlock()
			if again {
				reported = againErr.Error()
				m.report(againErr)
				attempt = -1 // the next wait is the first one again
				continue
			}
			released = true
			c.log.Info("monitor started again", "device", m.device, "attempts", attempt+1)
			if m.cfg.OnResume != nil {
				m.cfg.OnResume()
			}
			return
		case errors.Is(err, ErrLinkDown), !c.live(m):
			return
		}
		m.mu.Lock()
		m.err = err
		m.mu.Unlock()
		if s := err.Error(); s != reported {
			reported = s
			m.report(err)
		}
	}
}

// report logs err and hands it to OnError.
func (m *Monitor) report(err error) {
	m.c.log.Warn("monitor not started", "device", m.device, "err", err)
	if m.cfg.OnError != nil {
		m.cfg.OnError(err)
	}
}

// live reports whether m is still a monitor of the client (not stopped).
func (c *Client) live(m *Monitor) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.monitors[m]
	return ok
}
