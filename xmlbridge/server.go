package xmlbridge

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// ErrServerClosed is returned by the Serve methods after Close.
var ErrServerClosed = errors.New("xmlbridge: server closed")

// A Server bridges XML CSTA consumers to one PBX link (see the package
// documentation). All methods are safe for concurrent use.
type Server struct {
	cfg     Config
	client  *cstav3.Client
	log     *slog.Logger
	users   credentials
	limiter *loginLimiter
	dec     ecma323.Decoder
	// unit is what one second of an ECMA-354 session duration lasts: a
	// second, except in tests that cannot wait that long.
	unit time.Duration

	// ctx is the parent of every request to the PBX; Close cancels it.
	ctx    context.Context
	cancel context.CancelFunc

	mu               sync.Mutex
	closed           bool
	listeners        map[net.Listener]struct{}
	httpServers      map[*http.Server]struct{}
	consumers        map[*consumer]struct{}
	sessions         map[string]*session
	devices          map[string]*pbxMonitor // by deviceKey
	consumerMonitors int
	stopQueue        []*pbxMonitor // PBX monitors for the janitor to stop

	reaperKick  chan struct{}
	janitorKick chan struct{}
	quitBG      chan struct{} // closed by Close after the consumers are gone
	connWG      sync.WaitGroup
	bgWG        sync.WaitGroup
	stopLink    func()

	stats counters

	// The hardening against consumers (issue 13), guarded by mu.
	userSessions map[string]map[*session]struct{} // open sessions by user name (server_quota.go)
	pending      *admission[*consumer]            // TCP consumers without a session (server_pending.go)
	now          func() time.Time                 // the lockouts' clock (server_lockout.go); tests set it

	conns atomic.Int64 // consumer connections open, against Config.MaxConns
}

// NewServer returns a server for cfg. It serves nothing until one of the
// Serve methods is called or its HTTPHandler is mounted.
func NewServer(cfg Config) (*Server, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	users, err := parseUsers(cfg.Users)
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:         cfg,
		client:      cfg.Client,
		log:         cfg.Logger,
		users:       users,
		limiter:     newLoginLimiter(cfg),
		dec:         ecma323.Decoder{MaxSize: cfg.MaxMessageSize},
		unit:        time.Second,
		listeners:   map[net.Listener]struct{}{},
		httpServers: map[*http.Server]struct{}{},
		consumers:   map[*consumer]struct{}{},
		sessions:    map[string]*session{},
		devices:     map[string]*pbxMonitor{},
		reaperKick:  make(chan struct{}, 1),
		janitorKick: make(chan struct{}, 1),
		quitBG:      make(chan struct{}),
	}
	s.userSessions = map[string]map[*session]struct{}{}
	s.now = time.Now
	s.pending = newAdmission[*consumer](cfg.MaxPendingLogins, cfg.MaxPendingLoginsPerIP)
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.bgWG.Add(2)
	go s.reaper()
	go s.janitor()
	s.stopLink = s.client.NotifyLinkState(s.onLinkState)
	return s, nil
}

// Close stops the listeners, disconnects every consumer, ends every session
// and stops the PBX monitors the server started, then waits for its
// goroutines. The PBX client stays open. Calling Close twice is harmless.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	lns := make([]net.Listener, 0, len(s.listeners))
	for ln := range s.listeners {
		lns = append(lns, ln)
	}
	hss := make([]*http.Server, 0, len(s.httpServers))
	for hs := range s.httpServers {
		hss = append(hss, hs)
	}
	cons := make([]*consumer, 0, len(s.consumers))
	for c := range s.consumers {
		cons = append(cons, c)
	}
	sess := make([]*session, 0, len(s.sessions))
	for _, ss := range s.sessions {
		sess = append(sess, ss)
	}
	s.mu.Unlock()

	s.stopLink()
	s.cancel()
	for _, ln := range lns {
		_ = ln.Close()
	}
	for _, hs := range hss {
		_ = hs.Close()
	}
	for _, c := range cons {
		c.close("server closed")
	}
	for _, ss := range sess {
		if ss.owner == nil {
			s.endSession(ss, "server closed", false)
		}
	}
	s.connWG.Wait()
	close(s.quitBG)
	s.bgWG.Wait()
	return nil
}

// isClosed reports whether Close was called.
func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// linkStatus is the system status the bridge reports for the PBX link.
func (s *Server) linkStatus() string {
	if s.client.State() == cstav3.LinkUp {
		return cstav3.SystemNormal.String()
	}
	return cstav3.SystemDisabled.String()
}
