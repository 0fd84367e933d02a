package cstav3

import (
	"context"
	"log/slog"
	"net"
	"time"

	"github.com/cstav3/cstav3/ber"
)

// An Option configures a Client.
type Option func(*config)

type config struct {
	framing        Framing
	authentication []byte
	context        ber.OID
	cstaVersion    ber.BitString
	logger         *slog.Logger
	location       *time.Location

	heartbeat     time.Duration
	heartbeatMiss int

	reconnect        bool
	backoffMin       time.Duration
	backoffMax       time.Duration
	healthyLink      *time.Duration // nil: DefaultHealthyLink (options_reconnect.go)
	observer         Observer       // options_observe.go
	dial             func(ctx context.Context) (net.Conn, error)
	associateTimeout time.Duration
	releaseTimeout   time.Duration
	writeTimeout     time.Duration
	maxFrame         int
	eventQueue       int
	monitorFilter    func() *MonitorFilter
}

func defaultConfig() config {
	return config{
		framing:          LengthPrefix,
		context:          ContextCSTA,
		cstaVersion:      DefaultCSTAVersion,
		logger:           slog.New(slog.DiscardHandler),
		location:         time.Local,
		heartbeat:        30 * time.Second,
		heartbeatMiss:    2,
		reconnect:        true,
		backoffMin:       100 * time.Millisecond,
		backoffMax:       30 * time.Second,
		associateTimeout: 10 * time.Second,
		releaseTimeout:   2 * time.Second,
		writeTimeout:     10 * time.Second,
		eventQueue:       8192,
		monitorFilter:    func() *MonitorFilter { return nil },
	}
}

// WithFraming sets how PDUs are delimited on the connection, in both
// directions. The default is LengthPrefix, a two-byte length before each
// PDU; a HiPath needs hipath.Framing, which hipath.Options sets. A nil f
// keeps the default.
func WithFraming(f Framing) Option {
	return func(c *config) {
		if f != nil {
			c.framing = f
		}
	}
}

// WithAuthentication sets the calling-authentication-value of the AARQ
// (AARQ.Authentication): the encoding of one Authentication-value
// alternative, whose form the switch's dialect defines (hipath.WithAuth
// encodes a HiPath's user name and password). Without it, or with nil, no
// authentication is sent.
func WithAuthentication(value []byte) Option {
	return func(c *config) { c.authentication = value }
}

// WithApplicationContext sets the ACSE application context (ContextCSTA by
// default) and the CSTA version bits sent in user-information.
func WithApplicationContext(ctx ber.OID, version ber.BitString) Option {
	return func(c *config) { c.context, c.cstaVersion = ctx, version }
}

// WithLogger sets the logger; PDUs are logged in hex at debug level. The
// default discards everything.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithLocation sets the time zone in which zone-less timestamps of the
// switch are read by Client.Time (time.Local by default).
func WithLocation(loc *time.Location) Option { return func(c *config) { c.location = loc } }

// WithHeartbeat sets link supervision: when nothing has been received for
// interval, the client sends a SystemStatus request; after misses intervals
// in a row without anything received the link is declared dead. The
// defaults are 30 s and 2. An interval of 0 disables supervision.
func WithHeartbeat(interval time.Duration, misses int) Option {
	return func(c *config) {
		c.heartbeat = interval
		if misses < 1 {
			misses = 1
		}
		c.heartbeatMiss = misses
	}
}

// WithReconnect sets the bounds of the exponential backoff (with jitter)
// between reconnection attempts; the defaults are 100 ms and 30 s.
func WithReconnect(min, max time.Duration) Option {
	return func(c *config) {
		c.reconnect = true
		c.backoffMin, c.backoffMax = min, max
	}
}

// WithoutReconnect makes a lost link final: the client reports LinkClosed
// and every later request fails with ErrLinkDown.
func WithoutReconnect() Option { return func(c *config) { c.reconnect = false } }

// WithDialer sets how Connect re-establishes the transport after a link
// loss (Dial sets it to dial the same address again).
func WithDialer(dial func(ctx context.Context) (net.Conn, error)) Option {
	return func(c *config) { c.dial = dial }
}

// WithTimeouts sets how long to wait for the AARE (10 s), for the RLRE on
// Close (2 s) and for a frame to be written (10 s).
func WithTimeouts(associate, release, write time.Duration) Option {
	return func(c *config) { c.associateTimeout, c.releaseTimeout, c.writeTimeout = associate, release, write }
}

// WithMaxFrame limits the size of PDUs accepted from the switch; 0, the
// default, accepts the largest the framing can announce.
func WithMaxFrame(n int) Option { return func(c *config) { c.maxFrame = n } }

// WithEventQueue sets how many events may wait for the handlers (8192 by
// default). When the queue is full the newest event is dropped and counted
// in Stats.EventsDropped: the socket reader never waits for a handler.
func WithEventQueue(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.eventQueue = n
		}
	}
}

// WithDefaultMonitorFilter sets the filter Monitor uses when its
// MonitorConfig has none: a dialect's way to get every event reported
// (hipath.Options sets hipath.AllEvents). Without it Monitor sends no
// filter.
func WithDefaultMonitorFilter(f func() *MonitorFilter) Option {
	return func(c *config) { c.monitorFilter = f }
}
