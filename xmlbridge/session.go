package xmlbridge

import (
	"crypto/rand"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// A session is an ECMA-354 application session: a logged-in consumer, the
// namespace it speaks and its monitors. A TCP consumer holds at most one at
// a time; an HTTP session stands alone and names itself on each request.
type session struct {
	id   string
	user string
	enc  ecma323.Encoder // the namespaces negotiated at StartApplicationSession
	sink sink            // where its events go: the TCP consumer, or the HTTP feed

	owner *consumer // the TCP consumer; nil for HTTP
	feed  *httpFeed // the HTTP event feed; nil for TCP

	// Guarded by Server.mu.
	expires  time.Time
	monitors map[string]*consumerMonitor // by monitorCrossRefID
	pending  int                         // MonitorStarts in progress
	ended    bool
}

// newSessionID returns 128 random bits as text: on HTTP the id is the
// consumer's credential for the session's life, so it must not be guessable.
func newSessionID() string { return rand.Text() }

// grant returns the duration granted for a requested one, in seconds as the
// response states it, and as a time.Duration.
func (s *Server) grant(requested *int) (int, time.Duration) {
	d := s.cfg.SessionDuration
	if requested != nil && *requested > 0 {
		maxSecs := int(s.cfg.MaxSessionDuration / time.Second)
		d = time.Duration(min(*requested, maxSecs)) * time.Second
	}
	secs := max(int(d/time.Second), 1)
	return secs, time.Duration(secs) * s.unit
}

// addSession registers a new session, unless the server is closed or full;
// for a TCP consumer it also becomes the consumer's session, unless it has
// one already. It reports why not as an ECMA-354 application error.
func (s *Server) addSession(ss *session, dur time.Duration) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return "serverShuttingDown"
	case len(s.sessions) >= s.cfg.MaxSessions:
		s.stats.sessionsRefused.Add(1)
		return "sessionLimitExceeded"
	case s.userFullLocked(ss.user):
		s.stats.userQuotaRefusals.Add(1)
		return userSessionLimit
	case ss.owner != nil && ss.owner.sess != nil:
		return "sessionAlreadyStarted"
	}
	ss.expires = time.Now().Add(dur)
	s.sessions[ss.id] = ss
	s.addUserSessionLocked(ss)
	if ss.owner != nil {
		ss.owner.sess = ss
	}
	s.stats.sessionsStarted.Add(1)
	s.kickReaper()
	return ""
}

// lookupSession returns the session with id that cl may act on: its own on
// TCP, any HTTP session on HTTP (the id is the credential there).
func (s *Server) lookupSession(cl *caller, id string) *session {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cl.c != nil {
		if ss := cl.c.sess; ss != nil && ss.id == id {
			return ss
		}
		return nil
	}
	if ss := s.sessions[id]; ss != nil && ss.feed != nil {
		return ss
	}
	return nil
}

// renew restarts the session's timer; false if it has ended meanwhile.
func (s *Server) renew(ss *session, dur time.Duration) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss.ended {
		return false
	}
	ss.expires = time.Now().Add(dur)
	s.kickReaper()
	return true
}

// endSession ends a session: it leaves the table, its consumer monitors
// are detached at once, and the PBX monitors left without consumers are
// stopped, inline if wait (the caller may block on the PBX) or by the
// janitor (the caller is the reaper or must not block). An HTTP session's
// event feed is closed, which ends its stream.
func (s *Server) endSession(ss *session, reason string, wait bool) {
	s.mu.Lock()
	if ss.ended {
		s.mu.Unlock()
		return
	}
	ss.ended = true
	s.stats.sessionsEnded.Add(1)
	delete(s.sessions, ss.id)
	s.removeUserSessionLocked(ss)
	if ss.owner != nil && ss.owner.sess == ss {
		ss.owner.sess = nil
	}
	var stop []*pbxMonitor
	for _, cm := range ss.monitors {
		if pm := s.detachLocked(cm); pm != nil {
			stop = append(stop, pm)
		}
	}
	if !wait {
		s.stopQueue = append(s.stopQueue, stop...)
		stop = nil
	}
	s.mu.Unlock()
	if ss.feed != nil {
		ss.feed.close()
	}
	s.log.Info("session ended", "session", ss.id, "user", ss.user, "reason", reason)
	if wait {
		for _, pm := range stop {
			s.stopPBXMonitor(pm)
		}
	} else {
		s.kickJanitor()
	}
}

func (s *Server) kickReaper() {
	select {
	case s.reaperKick <- struct{}{}:
	default:
	}
}

// reaper ends the sessions that were not renewed in time. It sleeps until
// the earliest deadline, woken early when a session starts or is renewed.
func (s *Server) reaper() {
	defer s.bgWG.Done()
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		now := time.Now()
		next := now.Add(time.Hour)
		var expired []*session
		s.mu.Lock()
		for _, ss := range s.sessions {
			if !ss.expires.After(now) {
				expired = append(expired, ss)
			} else if ss.expires.Before(next) {
				next = ss.expires
			}
		}
		s.mu.Unlock()
		for _, ss := range expired {
			s.stats.sessionsExpired.Add(1)
			s.endSession(ss, "not renewed in time", false)
			if ss.owner != nil {
				// A TCP consumer learns that its session is gone by the
				// closed connection: ECMA-354 gives the server no message
				// for it that every consumer understands.
				ss.owner.close("session expired")
			}
		}
		t.Reset(time.Until(next))
		select {
		case <-t.C:
		case <-s.reaperKick:
		case <-s.quitBG:
			return
		}
	}
}
