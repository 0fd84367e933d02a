package xmlbridge

import (
	"crypto/tls"
	"errors"
	"log/slog"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// SlowConsumerPolicy says what happens to a consumer whose event queue is
// full when an event arrives for it.
type SlowConsumerPolicy uint8

const (
	// SlowDisconnect closes the consumer (its session ends, its monitors
	// stop) and counts it in Stats.ConsumersDropped. The default: a consumer
	// that missed events has a wrong picture of the calls and has to
	// resynchronise anyway, and disconnecting says so unmistakably.
	SlowDisconnect SlowConsumerPolicy = iota
	// SlowDropEvents drops the event for that consumer only and counts it
	// in Stats.EventsDropped; the consumer stays connected. A write that
	// blocks longer than Config.WriteTimeout still disconnects it.
	SlowDropEvents
)

// Config configures a Server. Only Client and Users are required; every
// zero limit takes the default named in its comment.
type Config struct {
	// Client is the link to the PBX. The Server never closes it: the
	// caller owns it and may share it (metrics, other users).
	Client *cstav3.Client

	// Users maps a consumer's user name to its password, either in plain
	// text or as "sha256:" followed by the 64 hex digits of the SHA-256 of
	// the password, which keeps the plain password out of configuration
	// files. The digest is unsalted and fast, so it protects long random
	// secrets, not guessable passwords. Passwords are compared in constant
	// time. Logins are checked against it in StartApplicationSession and in
	// HTTP Basic credentials.
	Users map[string]string

	// SessionDuration is granted when a consumer asks for none (300s, what
	// ECSS-10 asks for); MaxSessionDuration caps what it may ask for (1h).
	SessionDuration    time.Duration
	MaxSessionDuration time.Duration

	// MaxSessions bounds the sessions open at once (1000);
	// MaxMonitorsPerSession the monitors of one session (256).
	MaxSessions           int
	MaxMonitorsPerSession int

	// MaxSessionsPerUser bounds the sessions one user name holds at once
	// (a quarter of MaxSessions, at least 1), so that one login, leaked or
	// buggy, cannot take every session and lock every other user out with
	// sessionLimitExceeded. A deployment where one user name serves every
	// consumer raises it to MaxSessions.
	MaxSessionsPerUser int
	// MaxMonitorsPerUser bounds the monitors of one user name over all its
	// sessions (4 × MaxMonitorsPerSession, 1024): consumer monitors cost
	// the bridge a subscription and a queue slot per event each.
	MaxMonitorsPerUser int

	// MaxPendingLogins bounds the TCP connections without a session (256),
	// so that idle connections cannot use up the bridge's memory or
	// descriptors during the LoginTimeout they are allowed. A connection
	// whose session was stopped (StopApplicationSession) is without a
	// session again: it counts here anew, and its LoginTimeout restarts.
	// Beyond the bound the oldest connection without a session is closed,
	// not the new one, so that idle sockets cannot keep a consumer from
	// logging in; MaxPendingLoginsPerIP (a quarter of it, at least 1)
	// bounds those of one remote IP the same way, so that one address
	// cannot push every other address's connections out.
	MaxPendingLogins      int
	MaxPendingLoginsPerIP int

	// MaxMessageSize is the largest XML document a consumer may send, in
	// bytes (DefaultMaxSize, 64 KiB). Header framing cannot carry more than
	// 65527 bytes whatever this says.
	MaxMessageSize int

	// QueueLength bounds each consumer's queue of outgoing documents (4096);
	// SlowConsumer says what happens when it overflows.
	QueueLength  int
	SlowConsumer SlowConsumerPolicy

	// WriteTimeout is how long one write to a consumer, or one response
	// waiting for room in its queue, may block before the consumer is
	// disconnected as slow (10s).
	WriteTimeout time.Duration

	// RequestTimeout bounds each request to the PBX (10s).
	RequestTimeout time.Duration

	// LoginTimeout is how long a TCP consumer may stay connected without a
	// session, and how long a TLS handshake or an HTTP request header may
	// take (30s).
	LoginTimeout time.Duration

	// LoginFailures failed logins of one user name from one remote IP
	// within LoginFailureWindow (5 in 1 minute) lock that user out at that
	// IP for LoginLockout (1 minute): its logins are refused unchecked, and
	// logged. LoginFailuresPerIP failures from one IP over all user names
	// (4 × LoginFailures) lock the IP out the same way. A guesser is held
	// to a few guesses a minute without locking anybody out for good, and
	// one guessing for one user behind a shared address (a NAT) does not
	// lock out the other users behind it (server_lockout.go).
	LoginFailures      int
	LoginFailuresPerIP int
	LoginFailureWindow time.Duration
	LoginLockout       time.Duration

	// TLSConfig, when set, puts TLS on every listener (ServeHeader,
	// ServeNUL and ServeSOAP). It must hold a certificate.
	TLSConfig *tls.Config

	// Logger receives connection, session and error messages (discarded
	// when nil).
	Logger *slog.Logger

	// Connections and HTTP hardening (defaults in server_config_http.go).

	// HTTPHeaderTimeout bounds the time an HTTP request's header may take
	// to arrive (10s); HTTPBodyTimeout the time its body may take once
	// the header is in (10s), so that a client that sends a header and
	// stalls is closed; HTTPIdleTimeout how long a kept-alive connection
	// may wait for its next request (60s). A request without credentials
	// may only be a session request, whose body is read with at most
	// 8 KiB and 5s (see HTTPHandler).
	HTTPHeaderTimeout time.Duration
	HTTPBodyTimeout   time.Duration
	HTTPIdleTimeout   time.Duration

	// HTTPMaxConns bounds the open connections of each HTTP listener
	// (2048) and HTTPMaxConnsPerIP those of one remote address on it
	// (256); an HTTP consumer needs one for each event stream and one or
	// a few for its requests. A connection beyond either is closed as it
	// is accepted, logged and counted in Stats.RefusedHTTPConns.
	HTTPMaxConns      int
	HTTPMaxConnsPerIP int

	// MaxConns bounds the consumer connections of the whole bridge, TCP
	// and HTTP, so that a flood of connections cannot take the file
	// descriptors the PBX link needs to reconnect: by default the
	// process's RLIMIT_NOFILE (read with getrlimit where the system has
	// it, 4096 elsewhere) minus FDReserve, the descriptors kept for the
	// PBX link, the listeners, logs and metrics (64). A connection beyond
	// it is closed as it is accepted and counted in Stats.RefusedConns
	// (TCP) or Stats.RefusedHTTPConns.
	MaxConns  int
	FDReserve int

	// HTTPBufferedEvents bounds the documents an HTTP session keeps while
	// no event stream is attached (256): beyond it the oldest is dropped,
	// counted per session and in Stats.HTTPBufferDrops, and the session's
	// first drop is logged. While a stream is attached, QueueLength and
	// SlowConsumer apply as to a TCP consumer.
	HTTPBufferedEvents int
}

// Defaults of Config.
const (
	DefaultSessionDuration       = 300 * time.Second
	DefaultMaxSessionDuration    = time.Hour
	DefaultMaxSessions           = 1000
	DefaultMaxMonitorsPerSession = 256
	DefaultMaxPendingLogins      = 256
	DefaultQueueLength           = 4096
	DefaultWriteTimeout          = 10 * time.Second
	DefaultRequestTimeout        = 10 * time.Second
	DefaultLoginTimeout          = 30 * time.Second
	DefaultLoginFailures         = 5
	DefaultLoginFailureWindow    = time.Minute
	DefaultLoginLockout          = time.Minute
)

// withDefaults returns c with every zero field set to its default, or an
// error for a configuration no consumer could use.
func (c Config) withDefaults() (Config, error) {
	if c.Client == nil {
		return c, errors.New("xmlbridge: Config.Client is nil")
	}
	if len(c.Users) == 0 {
		return c, errors.New("xmlbridge: Config.Users is empty: no consumer could log in")
	}
	if c.TLSConfig != nil && len(c.TLSConfig.Certificates) == 0 && c.TLSConfig.GetCertificate == nil {
		return c, errors.New("xmlbridge: Config.TLSConfig has no certificate")
	}
	orDefault(&c.SessionDuration, DefaultSessionDuration)
	orDefault(&c.MaxSessionDuration, DefaultMaxSessionDuration)
	if c.MaxSessionDuration < c.SessionDuration {
		c.MaxSessionDuration = c.SessionDuration
	}
	orDefault(&c.MaxSessions, DefaultMaxSessions)
	orDefault(&c.MaxMonitorsPerSession, DefaultMaxMonitorsPerSession)
	orDefault(&c.MaxSessionsPerUser, max(c.MaxSessions/4, 1))
	orDefault(&c.MaxMonitorsPerUser, 4*c.MaxMonitorsPerSession)
	orDefault(&c.MaxPendingLogins, DefaultMaxPendingLogins)
	orDefault(&c.MaxPendingLoginsPerIP, max(c.MaxPendingLogins/4, 1))
	orDefault(&c.MaxMessageSize, ecma323.DefaultMaxSize)
	orDefault(&c.QueueLength, DefaultQueueLength)
	orDefault(&c.WriteTimeout, DefaultWriteTimeout)
	orDefault(&c.RequestTimeout, DefaultRequestTimeout)
	orDefault(&c.LoginTimeout, DefaultLoginTimeout)
	orDefault(&c.LoginFailures, DefaultLoginFailures)
	orDefault(&c.LoginFailuresPerIP, 4*c.LoginFailures)
	orDefault(&c.LoginFailureWindow, DefaultLoginFailureWindow)
	orDefault(&c.LoginLockout, DefaultLoginLockout)
	c = c.withHTTPDefaults()
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c, nil
}

// orDefault sets *p to d when it is zero or negative: the rule of every
// limit and duration of Config.
func orDefault[T int | time.Duration](p *T, d T) {
	if *p <= 0 {
		*p = d
	}
}
