package xmlbridge

import (
	"net"
	"sync"
	"time"
)

// Every consumer connection, TCP or HTTP, holds a file descriptor from the
// moment it is accepted. A flood of connections that never log in, or that
// send a header and stall before the body, must not take the descriptors
// the PBX link needs to reconnect, nor starve the other listeners: each
// listener is wrapped in a limitListener, which counts the connections it
// hands out against the bridge-wide Config.MaxConns and, on HTTP, against
// Config.HTTPMaxConns and Config.HTTPMaxConnsPerIP. A connection beyond a
// cap is closed as soon as it is accepted, before a byte is read from it.

// A limitListener closes, at once, the connections beyond its caps; it
// never returns them from Accept, so the server behind it does not know
// they existed.
type limitListener struct {
	net.Listener
	s      *Server
	http   bool // counted in Stats.RefusedHTTPConns, else Stats.RefusedConns
	max    int  // connections of this listener; 0 for no cap of its own
	maxPer int  // connections of one remote IP; 0 for no cap

	mu       sync.Mutex
	n        int
	ips      map[string]int
	lastLog  time.Time
	unlogged int // refusals since the last log line
}

// limitListener wraps ln; http selects the HTTP caps.
func (s *Server) limitListener(ln net.Listener, http bool) *limitListener {
	l := &limitListener{Listener: ln, s: s, http: http, ips: map[string]int{}}
	if http {
		l.max, l.maxPer = s.cfg.HTTPMaxConns, s.cfg.HTTPMaxConnsPerIP
	}
	return l
}

// Accept returns the next connection within the caps.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := hostOf(c.RemoteAddr().String())
		if limit := l.admit(ip); limit != "" {
			_ = c.Close()
			l.refused(ip, limit)
			continue
		}
		return &limitConn{Conn: c, l: l, ip: ip}, nil
	}
}

// admit counts a new connection from ip, or names the cap it would break.
func (l *limitListener) admit(ip string) string {
	s := l.s
	if s.conns.Add(1) > int64(s.cfg.MaxConns) {
		s.conns.Add(-1)
		return "bridge"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var limit string
	switch {
	case l.max > 0 && l.n >= l.max:
		limit = "listener"
	case l.maxPer > 0 && l.ips[ip] >= l.maxPer:
		limit = "ip"
	default:
		l.n++
		l.ips[ip]++
		return ""
	}
	s.conns.Add(-1)
	return limit
}

// release uncounts a connection from ip.
func (l *limitListener) release(ip string) {
	l.s.conns.Add(-1)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n--
	if l.ips[ip]--; l.ips[ip] <= 0 {
		delete(l.ips, ip)
	}
}

// refused counts and logs a refused connection. Under a flood one line a
// second says how many were refused, so the attack cannot flood the log.
func (l *limitListener) refused(ip, limit string) {
	s := l.s
	reason, bound := "connection limit", s.cfg.MaxConns
	if l.http {
		reason = "http connection limit"
		s.stats.refusedHTTPConns.Add(1)
		switch limit {
		case "listener":
			bound = l.max
		case "ip":
			bound = l.maxPer
		}
	} else {
		s.stats.refusedConns.Add(1)
		s.stats.refusedMaxConns.Add(1)
	}
	now := time.Now()
	l.mu.Lock()
	l.unlogged++
	n := l.unlogged
	if now.Sub(l.lastLog) < time.Second {
		l.mu.Unlock()
		return
	}
	l.lastLog, l.unlogged = now, 0
	l.mu.Unlock()
	s.log.Warn("connection refused", "reason", reason, "limit", limit, "max", bound, "ip", ip,
		"addr", l.Addr().String(), "refused", n)
}

// A limitConn gives its place back when it is closed, once.
type limitConn struct {
	net.Conn
	l    *limitListener
	ip   string
	once sync.Once
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.release(c.ip) })
	return err
}
