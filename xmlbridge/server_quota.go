package xmlbridge

import "fmt"

// Quotas per user name: Config.MaxSessionsPerUser and MaxMonitorsPerUser.
// Server.userSessions holds each user's open sessions, guarded by
// Server.mu; a user's monitors are counted over them when one more is
// asked for, since MaxSessionsPerUser bounds the walk.

// errUserMonitorLimit is errMonitorLimit for the user's quota: the consumer
// gets the same objectMonitorLimitExceeded, the log tells them apart.
var errUserMonitorLimit = fmt.Errorf("%w: the user's monitors reached Config.MaxMonitorsPerUser", errMonitorLimit)

// userSessionLimit is the ECMA-354 application error of a
// StartApplicationSession over Config.MaxSessionsPerUser, next to the
// bridge's sessionLimitExceeded for Config.MaxSessions.
const userSessionLimit = "userSessionLimitExceeded"

// userFullLocked reports whether user holds MaxSessionsPerUser sessions;
// the caller holds Server.mu.
func (s *Server) userFullLocked(user string) bool {
	return len(s.userSessions[user]) >= s.cfg.MaxSessionsPerUser
}

// addUserSessionLocked counts ss for its user; the caller holds Server.mu.
func (s *Server) addUserSessionLocked(ss *session) {
	set := s.userSessions[ss.user]
	if set == nil {
		set = map[*session]struct{}{}
		s.userSessions[ss.user] = set
	}
	set[ss] = struct{}{}
}

// removeUserSessionLocked stops counting ss; the caller holds Server.mu.
func (s *Server) removeUserSessionLocked(ss *session) {
	set := s.userSessions[ss.user]
	delete(set, ss)
	if len(set) == 0 {
		delete(s.userSessions, ss.user)
	}
}

// userMonitorsFullLocked reports whether the user of ss holds
// MaxMonitorsPerUser monitors, starting ones included; the caller holds
// Server.mu.
func (s *Server) userMonitorsFullLocked(ss *session) bool {
	n := 0
	for o := range s.userSessions[ss.user] {
		n += len(o.monitors) + o.pending
	}
	return n >= s.cfg.MaxMonitorsPerUser
}
