package xmlbridge

import (
	"strings"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// The ECMA-354 session requests. Their negative answers are the session
// NegResponses with an ECMA-354 defined error where one fits
// (invalidApplicationInfo for a bad login, invalidSessionID,
// requestedProtocolVersionNotSupported), or an application error naming
// the bridge's reason otherwise.

// serveSession answers StartApplicationSession, ResetApplicationSessionTimer
// and StopApplicationSession.
func (s *Server) serveSession(cl *caller, m *ecma323.Message) answer {
	switch x := m.XML.(type) {
	case *ecma323.StartApplicationSession:
		return s.startSession(cl, m, x)
	case *ecma323.ResetApplicationSessionTimer:
		return s.resetSession(cl, m, x)
	case *ecma323.StopApplicationSession:
		return s.stopSession(cl, m, x)
	}
	s.stats.requestsMalformed.Add(1)
	return s.fail(encoderFor(cl, nil, m), ecma323.ErrUnknownRequest)
}

// negotiate picks the namespaces of a new session: the first requested
// protocol version that is an ECMA-323 namespace, echoed exactly, or the
// transport's default when none is requested; and for the session messages
// the namespace the StartApplicationSession came in, or, when it came in
// none (uni-tel, seed 002), the CSTA one, as uni-tel's answer has it.
func negotiate(cl *caller, m *ecma323.Message, x *ecma323.StartApplicationSession) (ecma323.Encoder, bool) {
	enc := cl.tr.DefaultEncoder()
	if x.RequestedProtocolVersions != nil && len(x.RequestedProtocolVersions.ProtocolVersion) > 0 {
		found := false
		for _, v := range x.RequestedProtocolVersions.ProtocolVersion {
			v = strings.TrimSpace(v)
			if _, ok := ecma323.ParseNamespace(v); ok {
				enc.Namespace, enc.Edition, found = v, ecma323.EditionUnknown, true
				break
			}
		}
		if !found {
			return enc, false
		}
	}
	switch {
	case m.Namespace == "":
		enc.SessionNamespace = cstaNamespace(enc)
	case m.Namespace != ecma323.NamespaceSession:
		enc.SessionNamespace = m.Namespace
	}
	return enc, true
}

// cstaNamespace returns the CSTA namespace e writes.
func cstaNamespace(e ecma323.Encoder) string {
	if e.Namespace != "" {
		return e.Namespace
	}
	ed := e.Edition
	if ed == ecma323.EditionUnknown {
		ed = ecma323.DefaultEdition
	}
	return ed.Namespace()
}

func (s *Server) startSession(cl *caller, m *ecma323.Message, x *ecma323.StartApplicationSession) answer {
	enc, ok := negotiate(cl, m, x)
	neg := func(defined, app string) answer {
		s.stats.requestsRefused.Add(1)
		doc, _ := enc.Append(nil, &ecma323.StartApplicationSessionNegResponse{
			ErrorCode: ecma323.SessionErrorCode{DefinedError: defined, ApplicationError: app}})
		return answer{doc: doc, fail: true}
	}
	if !ok {
		return neg("requestedProtocolVersionNotSupported", "")
	}
	user, password, given := x.ApplicationInfo.ApplicationSpecificInfo.Login()
	if good, retry := s.authenticate(user, password, given, cl.ip, cl.tr); retry > 0 {
		return neg("", "tooManyFailedLogins")
	} else if !good {
		return neg("invalidApplicationInfo", "")
	}
	secs, dur := s.grant(x.RequestedSessionDuration)
	ss := &session{id: newSessionID(), user: user, enc: enc, monitors: map[string]*consumerMonitor{}}
	if cl.c != nil {
		ss.owner, ss.sink = cl.c, cl.c
	} else {
		ss.feed = newHTTPFeed(s, ss)
		ss.sink = ss.feed
	}
	if why := s.addSession(ss, dur); why != "" {
		s.log.Warn("session refused", "user", user, "ip", cl.ip, "transport", cl.tr.String(), "reason", why)
		return neg("", why)
	}
	if cl.c != nil {
		s.mu.Lock()
		cl.c.loggedInLocked()
		s.mu.Unlock()
		cl.c.setLoginDeadline(false)
	}
	s.log.Info("session started", "session", ss.id, "user", user, "ip", cl.ip, "transport", cl.tr.String(),
		"namespace", cstaNamespace(enc), "duration", secs)
	return s.ok(enc, &ecma323.StartApplicationSessionPosResponse{SessionID: ss.id,
		ActualProtocolVersion: cstaNamespace(enc), ActualSessionDuration: secs})
}

func (s *Server) resetSession(cl *caller, m *ecma323.Message, x *ecma323.ResetApplicationSessionTimer) answer {
	ss := s.lookupSession(cl, strings.TrimSpace(x.SessionID))
	secs, dur := s.grant(x.RequestedSessionDuration)
	if ss == nil || !s.renew(ss, dur) {
		enc := encoderFor(cl, cl.session(s), m)
		s.stats.requestsRefused.Add(1)
		doc, _ := enc.Append(nil, &ecma323.ResetApplicationSessionTimerNegResponse{
			ErrorCode: ecma323.SessionErrorCode{DefinedError: "invalidSessionID"}})
		return answer{doc: doc, fail: true}
	}
	return s.ok(ss.enc, &ecma323.ResetApplicationSessionTimerPosResponse{ActualSessionDuration: secs})
}

// stopSession ends the session. ECMA-354's StopApplicationSessionNegResponse
// is not in the codec, so an unknown session id gets a CSTAErrorCode.
func (s *Server) stopSession(cl *caller, m *ecma323.Message, x *ecma323.StopApplicationSession) answer {
	ss := s.lookupSession(cl, strings.TrimSpace(x.SessionID))
	if ss == nil {
		s.stats.requestsRefused.Add(1)
		return s.failWith(encoderFor(cl, cl.session(s), m), cstaBadValue, false)
	}
	reason := "stopped by the consumer"
	if r := x.SessionEndReason; r != nil && (r.DefinedEndReason != "" || r.AppEndReason != "") {
		reason += ": " + strings.TrimSpace(r.DefinedEndReason+r.AppEndReason)
	}
	s.endSession(ss, reason, true)
	if cl.c != nil {
		s.repend(cl.c)
		cl.c.setLoginDeadline(true)
	}
	return s.ok(ss.enc, &ecma323.StopApplicationSessionPosResponse{})
}
