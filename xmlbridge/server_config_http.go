package xmlbridge

import "time"

// Defaults of the connection and HTTP fields of Config.
const (
	DefaultHTTPHeaderTimeout  = 10 * time.Second
	DefaultHTTPBodyTimeout    = 10 * time.Second
	DefaultHTTPIdleTimeout    = 60 * time.Second
	DefaultHTTPMaxConns       = 2048
	DefaultHTTPMaxConnsPerIP  = 256
	DefaultFDReserve          = 64
	DefaultHTTPBufferedEvents = 256
)

// defaultFDLimit stands for RLIMIT_NOFILE where the system cannot say.
const defaultFDLimit = 4096

// An HTTP request without credentials may only open a session: its body
// is read with these bounds, far below MaxMessageSize and HTTPBodyTimeout,
// so that anonymous clients cannot hold memory or connections for long.
const (
	loginBodyLimit   = 8 << 10
	loginBodyTimeout = 5 * time.Second
)

// withHTTPDefaults sets the zero connection and HTTP fields of c.
func (c Config) withHTTPDefaults() Config {
	orDefault(&c.HTTPHeaderTimeout, DefaultHTTPHeaderTimeout)
	orDefault(&c.HTTPBodyTimeout, DefaultHTTPBodyTimeout)
	orDefault(&c.HTTPIdleTimeout, DefaultHTTPIdleTimeout)
	orDefault(&c.HTTPMaxConns, DefaultHTTPMaxConns)
	orDefault(&c.HTTPMaxConnsPerIP, DefaultHTTPMaxConnsPerIP)
	orDefault(&c.FDReserve, DefaultFDReserve)
	orDefault(&c.HTTPBufferedEvents, DefaultHTTPBufferedEvents)
	if c.MaxConns <= 0 {
		c.MaxConns = defaultMaxConns(fdLimit(), c.FDReserve)
	}
	return c
}

// defaultMaxConns is limit minus reserve; with a limit so low that little
// would be left, half the limit, so that consumers get some and the PBX
// link keeps the rest.
func defaultMaxConns(limit, reserve int) int {
	if limit <= 0 {
		limit = defaultFDLimit
	}
	return max(limit-reserve, limit/2, 1)
}
