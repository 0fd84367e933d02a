package xmlbridge

import (
	"crypto/sha256"
	"sync"
	"time"
)

// Failed-login lockouts. Failures are counted per user name and remote IP
// pair (Config.LoginFailures), so that a guesser for one user behind a
// shared address (a NAT, an application server) locks out that user from
// that address only, and per remote IP over all user names
// (Config.LoginFailuresPerIP, looser), so that trying many user names from
// one address is slow too. A count reaching its limit within
// LoginFailureWindow locks the pair, or the address, out for LoginLockout:
// its logins are refused unchecked, the right password included. A good
// login forgets its pair's failures.
//
// A guesser for one user is held to LoginFailures guesses per
// LoginLockout; with the defaults (5, 20 per address, 1 minute each) that
// never reaches the address's limit, so other users at the address are
// not locked out by it.

// scopePair names the lockout of one user at one remote IP in logs.
const scopePair = "user at remote IP"

// failureCount counts the failures of a pair or an address in a window
// that starts with the first of them.
type failureCount struct {
	n     int
	since time.Time // start of the window
	until time.Time // locked out until; zero if never
}

// left returns what is left of the lockout at now.
func (f *failureCount) left(now time.Time) time.Duration {
	if f == nil || !now.Before(f.until) {
		return 0
	}
	return f.until.Sub(now)
}

// add counts a failure at now and reports whether it started a lockout.
func (f *failureCount) add(now time.Time, limit int, window, lockout time.Duration) bool {
	if now.Sub(f.since) >= window {
		f.n, f.since = 0, now
	}
	f.n++
	if f.n < limit {
		return false
	}
	f.n, f.until = 0, now.Add(lockout)
	f.since = f.until
	return true
}

// stale reports whether f holds nothing worth remembering at now.
func (f *failureCount) stale(now time.Time, window time.Duration) bool {
	return !now.Before(f.until) && now.Sub(f.since) >= window
}

// pairKey keys a user name (by its digest, so that a long name costs no
// more memory than a short one) at a remote IP.
type pairKey struct {
	user [sha256.Size]byte
	ip   string
}

// loginLimiter holds the failure counts; it is safe for concurrent use.
type loginLimiter struct {
	pairLimit, ipLimit int
	window, lockout    time.Duration

	mu    sync.Mutex
	pairs map[pairKey]*failureCount
	ips   map[string]*failureCount
	prune int // table size at which stale entries are dropped
}

// minPrune is the table size below which stale entries are kept.
const minPrune = 4096

func newLoginLimiter(cfg Config) *loginLimiter {
	return &loginLimiter{pairLimit: cfg.LoginFailures, ipLimit: cfg.LoginFailuresPerIP,
		window: cfg.LoginFailureWindow, lockout: cfg.LoginLockout,
		pairs: map[pairKey]*failureCount{}, ips: map[string]*failureCount{}, prune: minPrune}
}

func keyOf(user, ip string) pairKey { return pairKey{user: sha256.Sum256([]byte(user)), ip: ip} }

// check returns the scope and what is left of a lockout of user at ip, if
// any; the address's comes first.
func (l *loginLimiter) check(user, ip string, now time.Time) (scope string, left time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if left := l.ips[ip].left(now); left > 0 {
		return scopeIP, left
	}
	if left := l.pairs[keyOf(user, ip)].left(now); left > 0 {
		return scopePair, left
	}
	return "", 0
}

// failed counts a failed login of user at ip and returns the scopes whose
// lockout it started.
func (l *loginLimiter) failed(user, ip string, now time.Time) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.pairs) >= l.prune || len(l.ips) >= l.prune {
		l.dropStale(now)
	}
	var started []string
	if countFailure(l.pairs, keyOf(user, ip), now, l.pairLimit, l.window, l.lockout) {
		started = append(started, scopePair)
	}
	if countFailure(l.ips, ip, now, l.ipLimit, l.window, l.lockout) {
		started = append(started, scopeIP)
	}
	return started
}

// countFailure adds a failure at now to the count of key in m, which it
// creates for the first, and reports whether it started a lockout: the
// same for the user-and-address scope and the address scope.
func countFailure[K comparable](m map[K]*failureCount, key K, now time.Time, limit int,
	window, lockout time.Duration) bool {
	c := m[key]
	if c == nil {
		c = &failureCount{since: now}
		m[key] = c
	}
	return c.add(now, limit, window, lockout)
}

// succeeded forgets the failures of user at ip, not those of the address.
func (l *loginLimiter) succeeded(user, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.pairs, keyOf(user, ip))
}

// dropStale forgets what is stale, so that guesses from many addresses or
// for many names cannot grow the tables without bound, and sets the next
// size to do it at; the caller holds l.mu.
func (l *loginLimiter) dropStale(now time.Time) {
	for k, f := range l.pairs {
		if f.stale(now, l.window) {
			delete(l.pairs, k)
		}
	}
	for k, f := range l.ips {
		if f.stale(now, l.window) {
			delete(l.ips, k)
		}
	}
	l.prune = max(minPrune, 2*max(len(l.pairs), len(l.ips)))
}
