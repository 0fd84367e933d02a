package xmlbridge

import (
	"context"
	"errors"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// One request, consumer to PBX: decode, session check, the matching
// cstav3.Client call under a deadline, and the response or CSTAErrorCode
// in the namespace of the consumer's session. Every transport goes through
// serveMessage; they differ only in how documents are framed (Transport)
// and who the caller is.

// A caller is who sent a document: a TCP consumer, or an HTTP request
// naming a session or carrying Basic credentials.
type caller struct {
	c    *consumer // TCP; nil for HTTP
	sess *session  // HTTP: the session the request names
	user string    // HTTP: the Basic user of a request without session
	ip   string
	tr   Transport
	// invokeID is the request's, on a framing with invoke ids, where a handler
	// may queue its response itself (see monitorStart).
	invokeID int
}

// session returns the caller's session, nil if it has none (any more).
func (cl *caller) session(s *Server) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss := cl.sess
	if cl.c != nil {
		ss = cl.c.sess
	}
	if ss == nil || ss.ended {
		return nil
	}
	return ss
}

// An answer is what goes back for one document: a document (nil for
// none), whether it is an error, and whether the error is worth a retry.
type answer struct {
	doc         []byte
	fail, retry bool
}

// encoderFor returns the encoder of the answer to m: the session's, or the
// namespace m came in if it is an ECMA-323 one, or the transport's default.
func encoderFor(cl *caller, ss *session, m *ecma323.Message) ecma323.Encoder {
	if ss != nil {
		return ss.enc
	}
	enc := cl.tr.DefaultEncoder()
	if m != nil && m.Edition != ecma323.EditionUnknown {
		enc.Namespace = m.Namespace
	}
	return enc
}

// serveMessage answers one decoded document (derr is the decoder's error).
func (s *Server) serveMessage(ctx context.Context, cl *caller, m *ecma323.Message, derr error) answer {
	ss := cl.session(s)
	enc := encoderFor(cl, ss, m)
	switch {
	case m == nil:
		s.stats.requestsMalformed.Add(1)
		s.log.Info("malformed document", "transport", cl.tr.String(), "ip", cl.ip, "err", derr)
		return s.fail(enc, derr)
	case m.Kind == ecma323.KindResponse && m.Name == "SystemStatusResponse":
		return answer{} // the consumer acknowledging a status report
	case m.Kind != ecma323.KindRequest:
		s.stats.requestsMalformed.Add(1)
		return s.fail(enc, ecma323.ErrUnknownRequest)
	case m.Session:
		return s.serveSession(cl, m)
	case ss == nil && cl.user == "":
		s.stats.requestsRefused.Add(1)
		return s.failWith(enc, cstaNoSession, false)
	case derr != nil:
		s.stats.requestsMalformed.Add(1)
		return s.fail(enc, derr)
	}
	switch a := m.Argument.(type) {
	case *cstav3.MonitorStartArgument:
		return s.monitorStart(ctx, cl, ss, enc, a)
	case *cstav3.MonitorStopArgument:
		return s.monitorStop(ss, enc, m.CrossRef)
	case *cstav3.ChangeMonitorFilterArgument:
		return s.changeFilter(ss, enc, m.CrossRef, &a.RequestedFilterList)
	case *cstav3.SystemStatusArgument:
		// A consumer's own status (or heartbeat) is for the bridge, not
		// for the PBX, whose link the client supervises itself.
		return s.ok(enc, &ecma323.SystemStatusResponse{})
	}
	if _, ok := m.XML.(*ecma323.RequestSystemStatus); ok {
		return s.ok(enc, &ecma323.RequestSystemStatusResponse{SystemStatus: s.linkStatus()})
	}
	if m.Argument == nil {
		s.stats.requestsMalformed.Add(1)
		return s.fail(enc, ecma323.ErrUnknownRequest)
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RequestTimeout)
	defer cancel()
	res, err := s.client.Do(ctx, m.Argument)
	if err != nil {
		s.stats.requestsFailed.Add(1)
		s.log.Debug("request failed", "request", m.Name, "err", err)
		return s.fail(enc, err)
	}
	doc, err := enc.AppendResult(nil, res, "")
	if err != nil {
		s.log.Warn("result not encodable", "request", m.Name, "err", err)
	}
	return s.answered(enc, doc, err)
}

// monitorStart gives the session a monitor of the device.
func (s *Server) monitorStart(ctx context.Context, cl *caller, ss *session, enc ecma323.Encoder, a *cstav3.MonitorStartArgument) answer {
	var err error
	switch {
	case ss == nil:
		err = errNoSessionOnWeb
	case a.MonitorObject.IsCall():
		err = errCallMonitor
	}
	if err != nil {
		s.stats.requestsRefused.Add(1)
		return s.fail(enc, err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.RequestTimeout)
	defer cancel()
	cm, err := s.startConsumerMonitor(ctx, ss, a.MonitorObject.Device, a.RequestedMonitorFilter)
	if err != nil {
		if errors.Is(err, errMonitorLimit) || errors.Is(err, errSessionEnded) {
			s.stats.requestsRefused.Add(1)
		} else {
			s.stats.requestsFailed.Add(1)
		}
		return s.fail(enc, err)
	}
	doc, err := enc.AppendResult(nil, &cstav3.MonitorStartResult{ActualMonitorFilter: a.RequestedMonitorFilter}, cm.xref)
	if err != nil {
		_ = s.stopConsumerMonitor(ss, cm.xref)
		s.stats.requestsFailed.Add(1)
		return s.fail(enc, err)
	}
	s.stats.requestsOK.Add(1)
	s.activate(cm)
	if cl.c == nil {
		// HTTP: the response and the events travel apart anyway.
		cm.release()
		return answer{doc: doc}
	}
	// TCP: the events queue behind the response.
	cl.c.reply(cl.invokeID, doc)
	cm.release()
	return answer{}
}

// monitorStop ends one of the session's monitors.
func (s *Server) monitorStop(ss *session, enc ecma323.Encoder, xref string) answer {
	if ss == nil {
		s.stats.requestsRefused.Add(1)
		return s.fail(enc, errUnknownXref)
	}
	if err := s.stopConsumerMonitor(ss, xref); err != nil {
		s.stats.requestsRefused.Add(1)
		return s.fail(enc, err)
	}
	return s.ok(enc, &ecma323.MonitorStopResponse{})
}

// changeFilter replaces the filter of one of the session's monitors. The
// PBX monitor keeps reporting everything; the bridge filters.
func (s *Server) changeFilter(ss *session, enc ecma323.Encoder, xref string, f *cstav3.MonitorFilter) answer {
	var cm *consumerMonitor
	if ss != nil {
		cm = s.consumerMonitorOf(ss, xref)
	}
	if cm == nil {
		s.stats.requestsRefused.Add(1)
		return s.fail(enc, errUnknownXref)
	}
	nf := *f
	cm.filter.Store(&nf)
	doc, err := enc.AppendResult(nil, &cstav3.ChangeMonitorFilterResult{ActualFilterList: &nf}, "")
	return s.answered(enc, doc, err)
}

// ok answers with a response document the bridge makes itself.
func (s *Server) ok(enc ecma323.Encoder, v any) answer {
	doc, err := enc.Append(nil, v)
	return s.answered(enc, doc, err)
}

// answered answers with the response document doc, or with the error of
// encoding it, and counts the request.
func (s *Server) answered(enc ecma323.Encoder, doc []byte, err error) answer {
	if err != nil {
		s.stats.requestsFailed.Add(1)
		return s.fail(enc, err)
	}
	s.stats.requestsOK.Add(1)
	return answer{doc: doc}
}

// fail answers with the CSTAErrorCode for err.
func (s *Server) fail(enc ecma323.Encoder, err error) answer {
	e, retry := cstaErrorOf(err)
	return s.failWith(enc, e, retry)
}

func (s *Server) failWith(enc ecma323.Encoder, e *cstav3.Error, retry bool) answer {
	doc, err := enc.AppendError(nil, e)
	if err != nil {
		// Every universalFailure has an XML form; this is a bug.
		s.log.Error("CSTA error not encodable", "err", err)
		return answer{fail: true, retry: retry}
	}
	return answer{doc: doc, fail: true, retry: retry}
}
