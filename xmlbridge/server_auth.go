package xmlbridge

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"strings"
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

// authenticate checks a login of user from ip, unless the lockouts refuse
// it unchecked, and counts and logs the outcome, the password never. It
// reports whether the login is good, and for a refused one how long until
// it may be tried again (0: it was checked and wrong). given is false when
// the request held no login at all, which counts as a failure.
func (s *Server) authenticate(user, password string, given bool, ip string, tr Transport) (ok bool, retryAfter time.Duration) {
	now := s.now()
	if scope, left := s.limiter.check(user, ip, now); left > 0 {
		s.stats.throttledLogins.Add(1)
		if scope == scopeIP {
			s.stats.throttledByIP.Add(1)
		}
		s.log.Warn("login refused: too many failures", "user", user, "ip", ip, "transport", tr.String(),
			"scope", scope, "retryIn", left.Round(time.Second))
		return false, left
	}
	if given && s.users.check(user, password) {
		s.limiter.succeeded(user, ip)
		return true, 0
	}
	s.stats.failedLogins.Add(1)
	s.log.Warn("login failed", "user", user, "ip", ip, "transport", tr.String())
	for _, scope := range s.limiter.failed(user, ip, now) {
		s.stats.loginLockouts.Add(1)
		s.log.Warn("login lockout started", "user", user, "ip", ip, "transport", tr.String(), "scope", scope,
			"for", s.cfg.LoginLockout)
	}
	return false, 0
}
