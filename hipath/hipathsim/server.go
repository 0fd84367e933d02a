package hipathsim

import (
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Config configures a simulated PBX. The zero value is a HiPath with
// extensions 100–199 that accepts AMHOST/77777.
type Config struct {
	// FirstDevice and LastDevice bound the extensions that exist; 100..199
	// when both are zero.
	FirstDevice, LastDevice int
	// User and Password are the credentials the AARQ must carry;
	// "AMHOST"/"77777" when both are empty. A wrong pair is answered with an
	// AARE rejected-permanent, diagnostic authentication-failure (13), and
	// the connection is closed.
	User, Password string
	// StatusInterval is the period of the SystemStatus heartbeat the switch
	// sends after the first one, which always follows the AARE at once.
	// Zero (or negative) disables the periodic ones; DefaultStatusInterval
	// is the usual value.
	StatusInterval time.Duration
	// StatusMisses is how many SystemStatus invokes in a row may stay
	// unanswered before the link is dropped (2 when zero).
	StatusMisses int
	// Location is the zone of the zone-less timestamps in event extensions
	// (time.Local when nil).
	Location *time.Location
	// Logger receives link and fault messages (discarded when nil).
	Logger *slog.Logger
	// EventQueue bounds each link's outgoing queue, in PDUs (65536 when
	// zero). A link whose client does not read and whose queue overflows is
	// dropped.
	EventQueue int
}

// Defaults of Config.
const (
	DefaultFirstDevice    = 100
	DefaultLastDevice     = 199
	DefaultUser           = "AMHOST"
	DefaultPassword       = "77777"
	DefaultStatusInterval = 30 * time.Second
	DefaultStatusMisses   = 2
	DefaultEventQueue     = 65536
)

func (c Config) withDefaults() Config {
	if c.FirstDevice == 0 && c.LastDevice == 0 {
		c.FirstDevice, c.LastDevice = DefaultFirstDevice, DefaultLastDevice
	}
	if c.LastDevice < c.FirstDevice {
		c.LastDevice = c.FirstDevice
	}
	if c.User == "" {
		c.User = DefaultUser
	}
	if c.Password == "" {
		c.Password = DefaultPassword
	}
	if c.StatusMisses <= 0 {
		c.StatusMisses = DefaultStatusMisses
	}
	if c.Location == nil {
		c.Location = time.Local
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	if c.EventQueue <= 0 {
		c.EventQueue = DefaultEventQueue
	}
	return c
}

// ErrServerClosed is returned by Serve and ListenAndServe after Close, and by
// the phone actions of a closed server.
var ErrServerClosed = errors.New("hipathsim: server closed")

// A Server is a simulated HiPath: one call model shared by every CSTA link
// that associates with it. All methods are safe for concurrent use.
type Server struct {
	cfg Config
	log *slog.Logger
	pbx *pbx

	mu        sync.Mutex
	closed    bool
	listeners map[net.Listener]struct{}
	links     map[*link]struct{}
	traffic   map[*traffic]struct{}
	wg        sync.WaitGroup
	nextLink  uint64

	// Faults (faults.go).
	silent atomic.Bool
	delay  atomic.Int64 // time.Duration

	stats counters
}

// New returns a server with cfg; it serves nothing until Serve.
func New(cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:       cfg,
		log:       cfg.Logger,
		listeners: map[net.Listener]struct{}{},
		links:     map[*link]struct{}{},
		traffic:   map[*traffic]struct{}{},
	}
	s.pbx = newPBX(s, cfg)
	return s
}

// Start listens on 127.0.0.1 on a free port and serves in the background
// until Close.
func Start(cfg Config) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := New(cfg)
	if !s.track(ln) {
		ln.Close()
		return nil, ErrServerClosed
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.serve(ln)
	}()
	return s, nil
}

// ListenAndServe runs a simulator on addr ("host:port") until the listener
// fails: the standalone entry of the command line.
func ListenAndServe(addr string, cfg Config) error {
	return New(cfg).ListenAndServe(addr)
}

// ListenAndServe listens on addr and serves until Close, which makes it
// return ErrServerClosed.
func (s *Server) ListenAndServe(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Serve accepts CSTA links on ln until Close, which makes it return
// ErrServerClosed. It closes ln when it returns.
func (s *Server) Serve(ln net.Listener) error {
	if !s.track(ln) {
		ln.Close()
		return ErrServerClosed
	}
	return s.serve(ln)
}

func (s *Server) track(ln net.Listener) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.listeners[ln] = struct{}{}
	return true
}

func (s *Server) serve(ln net.Listener) error {
	defer func() {
		s.mu.Lock()
		delete(s.listeners, ln)
		s.mu.Unlock()
		ln.Close()
	}()
	s.log.Info("hipathsim: serving", "addr", ln.Addr().String())
	var backoff time.Duration
	for {
		conn, err := ln.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				backoff = min(max(2*backoff, 5*time.Millisecond), time.Second)
				time.Sleep(backoff)
				continue
			}
			return err
		}
		backoff = 0
		s.accept(conn)
	}
}

// accept starts the goroutines of a new link, or closes conn if the server
// is closing.
func (s *Server) accept(conn net.Conn) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		conn.Close()
		return
	}
	s.nextLink++
	l := newLink(s, conn, s.nextLink)
	s.links[l] = struct{}{}
	s.wg.Add(2)
	s.mu.Unlock()
	s.stats.linksAccepted.Add(1)
	s.log.Info("hipathsim: link accepted", "link", l.id, "remote", conn.RemoteAddr().String())
	go func() {
		defer s.wg.Done()
		l.readLoop()
	}()
	go func() {
		defer s.wg.Done()
		l.writeLoop()
	}()
}

// removeLink forgets a link that has ended, with its monitors.
func (s *Server) removeLink(l *link) {
	s.pbx.removeMonitors(l)
	s.mu.Lock()
	delete(s.links, l)
	s.mu.Unlock()
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// linkList returns the current links.
func (s *Server) linkList() []*link {
	s.mu.Lock()
	defer s.mu.Unlock()
	ls := make([]*link, 0, len(s.links))
	for l := range s.links {
		ls = append(ls, l)
	}
	return ls
}

// Addr returns the address of the listener Start opened (without Start, of
// one of those Serve is serving), "" if there is none.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ln := range s.listeners {
		return ln.Addr().String()
	}
	return ""
}

// Links returns the number of client connections currently open, associated
// or not.
func (s *Server) Links() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.links)
}

// Close stops the traffic generators, closes the listeners and every link,
// and waits for all goroutines of the server to end. Calls in progress stay
// in the model; phone actions still work on a closed server but no event is
// sent anywhere.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		s.wg.Wait()
		return nil
	}
	s.closed = true
	for ln := range s.listeners {
		ln.Close()
	}
	links := make([]*link, 0, len(s.links))
	for l := range s.links {
		links = append(links, l)
	}
	traffic := make([]*traffic, 0, len(s.traffic))
	for t := range s.traffic {
		traffic = append(traffic, t)
	}
	s.mu.Unlock()
	for _, t := range traffic {
		t.cancel()
	}
	for _, l := range links {
		l.shutdown(reasonServerClosed, false)
	}
	s.wg.Wait()
	return nil
}
