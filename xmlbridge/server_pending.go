package xmlbridge

import "container/list"

// The TCP connections without a session: new ones, and those whose
// session was stopped. Config.MaxPendingLogins bounds them all and
// Config.MaxPendingLoginsPerIP those of one remote IP. Over a bound the
// oldest one goes, never the newcomer: a socket left idle cannot keep a
// consumer that logs in at once from logging in, it can only push out
// other idle sockets, and only its own address's once that address holds
// its share. A legitimate consumer loses its place only if it takes longer
// to log in than an attacker takes to open the bound's worth of sockets.

// admission orders the keys it holds by age, over all and per IP, and
// picks what to close to make room. It is not safe for concurrent use; the
// Server guards it with its mu.
type admission[K comparable] struct {
	total, perIP int
	all          list.List // of K, oldest first
	ips          map[string]*list.List
	entries      map[K]*admitted
}

type admitted struct {
	ip       string
	all, own *list.Element
}

// Scopes of the bound a connection was closed for, in logs and Stats.
const (
	scopeIP  = "remote IP"
	scopeAll = "all"
)

func newAdmission[K comparable](total, perIP int) *admission[K] {
	return &admission[K]{total: total, perIP: perIP, ips: map[string]*list.List{}, entries: map[K]*admitted{}}
}

// len returns how many keys are held.
func (a *admission[K]) len() int { return len(a.entries) }

// admit holds k, from ip, as the newest, and reports which key to close
// to keep within the bounds, if any, and the scope of the bound: the
// oldest of ip when ip holds more than perIP, else the oldest of all when
// there are more than total. That key is no longer held. Admitting a key
// already held changes nothing.
func (a *admission[K]) admit(k K, ip string) (victim K, scope string, ok bool) {
	if _, held := a.entries[k]; held {
		return victim, "", false
	}
	own := a.ips[ip]
	if own == nil {
		own = list.New()
		a.ips[ip] = own
	}
	a.entries[k] = &admitted{ip: ip, all: a.all.PushBack(k), own: own.PushBack(k)}
	switch {
	case own.Len() > a.perIP:
		victim, scope = own.Front().Value.(K), scopeIP
	case a.all.Len() > a.total:
		victim, scope = a.all.Front().Value.(K), scopeAll
	default:
		return victim, "", false
	}
	a.remove(victim)
	return victim, scope, true
}

// remove stops holding k and reports whether it was held.
func (a *admission[K]) remove(k K) bool {
	e := a.entries[k]
	if e == nil {
		return false
	}
	delete(a.entries, k)
	a.all.Remove(e.all)
	own := a.ips[e.ip]
	own.Remove(e.own)
	if own.Len() == 0 {
		delete(a.ips, e.ip)
	}
	return true
}

// admitLocked counts c as waiting for a login (again) and returns the
// connection to close to make room, and the scope of the bound; the
// caller holds Server.mu and calls reap with them once it has let go.
func (s *Server) admitLocked(c *consumer) (*consumer, string) {
	c.pending = true
	victim, scope, ok := s.pending.admit(c, c.ip)
	if !ok {
		return nil, ""
	}
	victim.pending = false
	s.stats.refusedConns.Add(1)
	if scope == scopeIP {
		s.stats.reapedPerIP.Add(1)
	} else {
		s.stats.reapedAll.Add(1)
	}
	return victim, scope
}

// reap closes the connection admitLocked picked, if any.
func (s *Server) reap(victim *consumer, scope string) {
	if victim == nil {
		return
	}
	limit := s.cfg.MaxPendingLogins
	if scope == scopeIP {
		limit = s.cfg.MaxPendingLoginsPerIP
	}
	s.log.Warn("connection closed to make room: too many connections without a login", "remote", victim.remote,
		"transport", victim.tr.String(), "scope", scope, "limit", limit)
	victim.close("made room for a newer connection without a login")
}

// repend counts a TCP consumer whose session was stopped as waiting for a
// login again, so that logging in and stopping, over and over, cannot hold
// connections outside both MaxPendingLogins and MaxSessions. Its
// LoginTimeout restarts (the caller sets the deadline).
func (s *Server) repend(c *consumer) {
	s.mu.Lock()
	if c.sess != nil || c.pending || s.closed || c.closed.Load() {
		s.mu.Unlock()
		return
	}
	victim, scope := s.admitLocked(c)
	s.mu.Unlock()
	s.reap(victim, scope)
}
