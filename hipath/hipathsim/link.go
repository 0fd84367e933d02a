package hipathsim

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// closeReason says why a link ended.
type closeReason uint8

const (
	reasonPeerClosed   closeReason = iota // the client closed or the socket failed
	reasonReleased                        // RLRQ answered with RLRE
	reasonAborted                         // the client sent ABRT
	reasonRejected                        // the AARQ was rejected
	reasonProtocol                        // bad frame or unexpected PDU; ABRT sent
	reasonOverflow                        // the outgoing queue overflowed
	reasonHeartbeat                       // too many SystemStatus unanswered
	reasonDropped                         // DropLinks
	reasonServerClosed                    // Close
)

var reasonNames = [...]string{"peer closed", "released", "aborted by peer", "association rejected",
	"protocol error", "queue overflow", "heartbeat missed", "dropped", "server closed"}

func (r closeReason) String() string { return reasonNames[r] }

// A link is one TCP connection from a CSTA client: its reader goroutine runs
// the association and serves requests, its writer goroutine owns the socket
// for writing and sends the SystemStatus heartbeat.
type link struct {
	s    *Server
	id   uint64
	conn net.Conn
	q    *queue
	done chan struct{}

	once   sync.Once
	reason closeReason

	associated atomic.Bool
	// statusID is the invoke id of the last SystemStatus sent and
	// statusAnswered the highest one the client answered.
	statusID       atomic.Int64
	statusAnswered atomic.Int64
}

func newLink(s *Server, conn net.Conn, id uint64) *link {
	return &link{s: s, id: id, conn: conn, q: newQueue(s.cfg.EventQueue), done: make(chan struct{})}
}

// shutdown ends the link once: it refuses further output and closes the
// socket, which ends both goroutines. abrupt resets the connection instead of
// closing it in order.
func (l *link) shutdown(r closeReason, abrupt bool) {
	l.once.Do(func() {
		l.reason = r
		l.q.close()
		close(l.done)
		// Count before closing: whoever sees the socket close sees the
		// counters too.
		st := &l.s.stats
		st.linksClosed.Add(1)
		switch r {
		case reasonOverflow:
			st.overflows.Add(1)
			st.linksDropped.Add(1)
		case reasonHeartbeat:
			st.heartbeatDrops.Add(1)
			st.linksDropped.Add(1)
		case reasonDropped:
			st.linksDropped.Add(1)
		}
		if tc, ok := l.conn.(*net.TCPConn); ok && abrupt {
			tc.SetLinger(0)
		}
		l.conn.Close()
		lvl := l.s.log.Info
		if r == reasonOverflow || r == reasonHeartbeat || r == reasonProtocol {
			lvl = l.s.log.Warn
		}
		lvl("hipathsim: link closed", "link", l.id, "reason", r.String())
	})
}

// push queues an item; a full queue drops the link, never blocks.
func (l *link) push(it item) {
	if l.q.push(it) == pushOverflow {
		l.shutdown(reasonOverflow, true)
	}
}

// pushLast queues an item after which the link ends, and waits until the
// writer has sent it (or the link ended otherwise).
func (l *link) pushLast(it item, r closeReason) {
	it.closeAfter, it.reason = true, r
	l.push(it)
	<-l.done
}

func (l *link) readLoop() {
	defer func() {
		l.shutdown(reasonPeerClosed, false)
		l.s.removeLink(l)
	}()
	fr := cstav3.NewFrameReader(l.conn, hipath.Framing, 0)
	for {
		pdu, err := fr.ReadFrame()
		if err != nil {
			if errors.Is(err, cstav3.ErrFrame) {
				// The stream cannot be resynchronised after a bad header.
				l.s.log.Warn("hipathsim: bad frame", "link", l.id, "err", err)
				l.abort()
			} else if !errors.Is(err, io.EOF) && !errors.Is(err, net.ErrClosed) {
				l.s.log.Debug("hipathsim: read", "link", l.id, "err", err)
			}
			return
		}
		acse := cstav3.IsACSE(pdu)
		switch {
		case l.s.silent.Load() && (acse || !l.associated.Load()):
			// A hanging switch ignores everything (serveROSE still notes
			// answers to its SystemStatus invokes).
		case acse:
			if !l.serveACSE(pdu) {
				return
			}
		case !l.associated.Load():
			l.s.log.Warn("hipathsim: ROSE before association", "link", l.id)
			l.abort()
			return
		default:
			l.serveROSE(pdu)
		}
	}
}

// abort ends the link with an ABRT from the ACSE provider.
func (l *link) abort() {
	pdu, _ := cstav3.AppendAPDU(nil, &cstav3.ABRT{Source: 1, HasDiagnostic: true, Diagnostic: 2})
	l.pushLast(item{kind: kindPDU, pdu: pdu}, reasonProtocol)
}

// serveACSE handles an association PDU and reports whether the link goes on.
func (l *link) serveACSE(pdu []byte) bool {
	apdu, err := cstav3.DecodeAPDU(pdu)
	if err != nil {
		l.s.log.Warn("hipathsim: bad ACSE PDU", "link", l.id, "err", err)
		l.abort()
		return false
	}
	switch a := apdu.(type) {
	case *cstav3.AARQ:
		if l.associated.Load() {
			l.abort()
			return false
		}
		var cred hipath.Credentials
		if err := cred.UnmarshalBinary(a.Authentication); err != nil {
			l.s.log.Warn("hipathsim: bad ACSE PDU", "link", l.id, "err", fmt.Errorf("AARQ.calling-authentication-value: %w", err))
			l.abort()
			return false
		}
		aare := l.s.answerAARQ(a, cred)
		out, err := cstav3.AppendAPDU(nil, aare)
		if err != nil {
			l.abort()
			return false
		}
		if aare.Result != cstav3.Accepted {
			l.s.stats.linksRejected.Add(1)
			l.s.log.Warn("hipathsim: association rejected", "link", l.id, "diagnostic", aare.Diagnostic.String())
			l.pushLast(item{kind: kindPDU, pdu: out}, reasonRejected)
			return false
		}
		l.associated.Store(true)
		l.s.stats.linksAssociated.Add(1)
		l.push(item{kind: kindPDU, pdu: out})
		l.push(item{kind: kindStatus})
		return true
	case *cstav3.RLRQ:
		out, _ := cstav3.AppendAPDU(nil, &cstav3.RLRE{HasReason: true})
		l.pushLast(item{kind: kindPDU, pdu: out}, reasonReleased)
		return false
	case *cstav3.ABRT:
		l.shutdown(reasonAborted, false)
		return false
	}
	return true // an AARE or RLRE from a client means nothing here
}

// answerAARQ checks an association request, with the credentials it
// carries, against the configuration.
func (s *Server) answerAARQ(a *cstav3.AARQ, cred hipath.Credentials) *cstav3.AARE {
	aare := &cstav3.AARE{Context: cstav3.ContextCSTA, Result: cstav3.RejectedPermanent}
	switch {
	case !a.Context.Equal(cstav3.ContextCSTA):
		aare.Diagnostic.Value = cstav3.DiagnosticContextNotSupported
	case cred.User != s.cfg.User || cred.Password != s.cfg.Password:
		aare.Diagnostic.Value = cstav3.DiagnosticAuthenticationFailure
	default:
		aare.Result = cstav3.Accepted
		aare.ResponderRequirements = ber.BitString{Bytes: []byte{0x80}, Length: 2} // authentication
		aare.APSStamp = s.pbx.apsStamp[:]
		aare.SystemVersion = []byte(SystemVersion)
		aare.CSTAVersion = a.CSTAVersion
		if aare.CSTAVersion.Length == 0 {
			aare.CSTAVersion = cstav3.DefaultCSTAVersion
		}
	}
	return aare
}

// SystemVersion is the system version the simulator reports in its AARE.
const SystemVersion = "HiPath 3000 V9 hipathsim"

// serveROSE handles one ROSE PDU of an associated link: requests are
// served, answers to the switch's SystemStatus noted, the rest rejected.
func (l *link) serveROSE(pdu []byte) {
	var m cstav3.Message
	if err := m.Decode(pdu); err != nil {
		if l.s.silent.Load() {
			return
		}
		problem := cstav3.ProblemMistypedPDU
		if pdu[0] < 0xA1 || pdu[0] > 0xA4 {
			problem = cstav3.ProblemUnrecognizedPDU
		}
		l.s.stats.rejects.Add(1)
		l.push(item{kind: kindReject, noID: true, problem: problem})
		return
	}
	switch m.Type {
	case cstav3.Invoke:
		if l.s.silent.Load() {
			return
		}
		if d := time.Duration(l.s.delay.Load()); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-l.done:
				t.Stop()
				return
			}
		}
		l.s.pbx.serve(l, &m)
	default:
		// Answers to the switch's own invokes. A result of MonitorStop is
		// counted; any answer to SystemStatus, even an error or a reject,
		// proves the client alive.
		if m.Type == cstav3.ReturnResult && m.Opcode == cstav3.OpMonitorStop {
			l.s.stats.monitorStopsAnswered.Add(1)
		}
		if id := m.InvokeID; !m.NoInvokeID && (id == l.statusID.Load() || m.Opcode == cstav3.OpSystemStatus) {
			for {
				old := l.statusAnswered.Load()
				if id <= old || l.statusAnswered.CompareAndSwap(old, id) {
					break
				}
			}
			l.s.stats.statusAnswered.Add(1)
		}
	}
}

// writeLoop encodes and writes what the link queues, and runs the
// heartbeat.
func (l *link) writeLoop() {
	w := writer{l: l}
	var tick <-chan time.Time
	defer func() {
		if w.ticker != nil {
			w.ticker.Stop()
		}
	}()
	var batch []item
	for {
		select {
		case <-l.q.ready:
		case <-tick:
			if !w.heartbeat() {
				return
			}
			continue
		case <-l.done:
			return
		}
		batch = l.q.take(batch)
		last, err := w.writeBatch(batch)
		var r closeReason
		if last != nil {
			r = last.reason
		}
		clear(batch)
		if w.ticker != nil && tick == nil {
			tick = w.ticker.C
		}
		if err != nil {
			l.shutdown(reasonPeerClosed, false)
			return
		}
		if last != nil {
			l.shutdown(r, false)
			return
		}
	}
}

// writer is the state of a link's writer goroutine.
type writer struct {
	l         *link
	nextID    int64 // last invoke id used by the switch
	buf       []byte
	pdu       []byte
	arg       []byte
	rep       cstav3.EventReport
	ticker    *time.Ticker
	misses    int
	wasSilent bool
}

// writeBatch writes items with one Write and returns the one that ends the
// link, if any; the items after it are not sent.
func (w *writer) writeBatch(items []item) (last *item, err error) {
	silent := w.l.s.silent.Load()
	w.buf = w.buf[:0]
	for i := range items {
		it := &items[i]
		if !silent {
			w.buf, err = w.appendItem(w.buf, it)
			if err != nil {
				w.l.s.log.Error("hipathsim: cannot encode", "link", w.l.id, "kind", it.kind, "err", err)
				err = nil
			}
		}
		if it.closeAfter {
			last = it
			break
		}
	}
	if len(w.buf) > 0 {
		_, err = w.l.conn.Write(w.buf)
	}
	if cap(w.buf) > 1<<20 {
		w.buf = nil // do not keep a burst's buffer for ever
	}
	return last, err
}

func (w *writer) appendItem(buf []byte, it *item) ([]byte, error) {
	var err error
	m := cstav3.Message{InvokeID: it.id}
	switch it.kind {
	case kindFrame:
		return append(buf, it.pdu...), nil
	case kindPDU:
		return cstav3.AppendFrame(buf, hipath.Framing, it.pdu)
	case kindResult:
		m.Type, m.Opcode = cstav3.ReturnResult, it.res.Opcode()
		w.arg, err = cstav3.AppendResult(w.arg[:0], it.res)
	case kindError:
		m.Type, m.ErrorCode = cstav3.ReturnError, cstav3.ErrorCodeUniversalFailure
		w.arg, err = cstav3.AppendError(w.arg[:0], it.err)
	case kindReject:
		m.Type, m.NoInvokeID, m.Problem = cstav3.Reject, it.noID, it.problem
		w.arg = nil
	case kindStatus:
		w.nextID++
		m.Type, m.InvokeID, m.Opcode = cstav3.Invoke, w.nextID, cstav3.OpSystemStatus
		w.arg, err = cstav3.AppendArgument(w.arg[:0], &cstav3.SystemStatusArgument{SystemStatus: cstav3.SystemNormal})
		w.l.statusID.Store(w.nextID)
		w.l.s.stats.statusSent.Add(1)
		if iv := w.l.s.cfg.StatusInterval; iv > 0 && w.ticker == nil {
			w.ticker = time.NewTicker(iv)
		}
	case kindMonitorStop:
		w.nextID++
		m.Type, m.InvokeID, m.Opcode = cstav3.Invoke, w.nextID, cstav3.OpMonitorStop
		w.arg, err = cstav3.AppendArgument(w.arg[:0], &cstav3.MonitorStopArgument{CrossRefIdentifier: it.ref})
		w.l.s.stats.monitorStopsSent.Add(1)
	case kindEvent:
		// The bulk of the traffic: framed in one pass.
		w.nextID++
		w.l.s.stats.eventsSent.Add(1)
		w.rep = cstav3.EventReport{CrossRef: it.ref, Event: it.ev}
		return cstav3.AppendEventFrame(buf, hipath.Framing, w.nextID, &w.rep)
	}
	if err != nil {
		return buf, err
	}
	m.Argument = w.arg
	if w.pdu, err = m.Append(w.pdu[:0]); err != nil {
		return buf, err
	}
	return cstav3.AppendFrame(buf, hipath.Framing, w.pdu)
}

// heartbeat runs at each tick of the SystemStatus period: it counts the
// last invoke as missed if it is still unanswered, drops the link after
// StatusMisses misses in a row, and otherwise sends the next invoke. A silent
// switch neither sends nor counts. It reports whether the link goes on.
func (w *writer) heartbeat() bool {
	l := w.l
	if l.s.silent.Load() {
		w.wasSilent = true
		return true
	}
	if w.wasSilent {
		// The client could not know the switch was hanging: start over.
		w.wasSilent, w.misses = false, 0
		l.statusAnswered.Store(l.statusID.Load())
	}
	if id := l.statusID.Load(); id != 0 && l.statusAnswered.Load() < id {
		w.misses++
	} else {
		w.misses = 0
	}
	if w.misses >= l.s.cfg.StatusMisses {
		l.s.log.Warn("hipathsim: SystemStatus unanswered", "link", l.id, "misses", w.misses)
		l.shutdown(reasonHeartbeat, true)
		return false
	}
	if _, err := w.writeBatch([]item{{kind: kindStatus}}); err != nil {
		l.shutdown(reasonPeerClosed, false)
		return false
	}
	return true
}
