package xmlbridge

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"time"
)

// credentials holds the SHA-256 digest of each user's password. Comparing
// digests of equal length keeps the comparison constant-time whatever the
// lengths of the passwords.
type credentials map[string][sha256.Size]byte

// sha256Prefix marks a Config.Users entry given as the hex of the digest.
const sha256Prefix = "sha256:"

func parseUsers(users map[string]string) (credentials, error) {
	c := make(credentials, len(users))
	for name, pw := range users {
		if name == "" {
			return nil, fmt.Errorf("xmlbridge: Config.Users has an empty user name")
		}
		if h, ok := strings.CutPrefix(pw, sha256Prefix); ok {
			b, err := hex.DecodeString(h)
			if err != nil || len(b) != sha256.Size {
				return nil, fmt.Errorf("xmlbridge: Config.Users[%q]: %s needs %d hex digits", name, sha256Prefix, 2*sha256.Size)
			}
			c[name] = [sha256.Size]byte(b)
			continue
		}
		c[name] = sha256.Sum256([]byte(pw))
	}
	return c, nil
}

// check reports whether password is user's. An unknown user costs the same
// as a known one, so timing does not tell which user names exist.
func (c credentials) check(user, password string) bool {
	want, known := c[user]
	got := sha256.Sum256([]byte(password))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1 && known
}

// loginLimiter allows each remote IP a burst of failed logins, refilled at
// one per window/burst: a token bucket per IP that only failures drain.
type loginLimiter struct {
	burst int
	every time.Duration

	mu  sync.Mutex
	ips map[string]*loginBucket
}

type loginBucket struct {
	tokens float64
	last   time.Time
}

func newLoginLimiter(burst int, window time.Duration) *loginLimiter {
	return &loginLimiter{burst: burst, every: window / time.Duration(burst), ips: map[string]*loginBucket{}}
}

// refill brings b up to date; the caller holds l.mu.
func (l *loginLimiter) refill(b *loginBucket, now time.Time) {
	if l.every > 0 {
		b.tokens += float64(now.Sub(b.last)) / float64(l.every)
	}
	b.tokens = min(b.tokens, float64(l.burst))
	b.last = now
}

// blocked reports whether ip has used up its failed logins.
func (l *loginLimiter) blocked(ip string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.ips[ip]
	if b == nil {
		return false
	}
	l.refill(b, now)
	return b.tokens < 1
}

// failed counts a failed login from ip.
func (l *loginLimiter) failed(ip string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.ips[ip]
	if b == nil {
		if len(l.ips) >= 4096 {
			l.prune(now)
		}
		b = &loginBucket{tokens: float64(l.burst), last: now}
		l.ips[ip] = b
	}
	l.refill(b, now)
	b.tokens = max(b.tokens-1, 0)
}

// prune forgets the IPs whose bucket is full again, so that a scan from
// many addresses cannot grow the table without bound.
func (l *loginLimiter) prune(now time.Time) {
	for ip, b := range l.ips {
		if l.refill(b, now); b.tokens >= float64(l.burst) {
			delete(l.ips, ip)
		}
	}
}
