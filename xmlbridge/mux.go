package xmlbridge

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// The multiplexer: one PBX monitor per device, however many consumer
// monitors watch it. The table (Server.devices) and the reference counts
// are guarded by Server.mu; the list of consumer monitors an event goes to
// is an immutable slice swapped atomically, so that the fan-out, which runs
// on the client's dispatcher goroutine, takes no lock.

// A consumerMonitor is one consumer's monitor of a device: its own
// monitorCrossRefID and filter on the device's shared PBX monitor.
type consumerMonitor struct {
	xref   string
	sess   *session
	pm     *pbxMonitor
	enc    ecma323.Encoder
	sink   sink
	filter atomic.Pointer[cstav3.MonitorFilter] // nil: every event

	// open is set once the MonitorStartResponse is queued; until then the
	// fan-out holds the monitor's events back (held, under mu), so that
	// none reaches the consumer before the response naming the monitor
	// and none that happened after the monitor started is lost.
	open atomic.Bool
	mu   sync.Mutex
	held []outMsg
}

// A pbxMonitor is the one monitor of a device at the PBX.
type pbxMonitor struct {
	srv    *Server
	key    string
	device cstav3.DeviceID
	ready  chan struct{}   // closed when the start has finished
	mon    *cstav3.Monitor // set before ready is closed; nil if the start failed
	err    error           // why the start failed
	refs   int             // consumer monitors attached or starting; guarded by Server.mu
	subs   atomic.Pointer[[]*consumerMonitor]
	// sizeHint is the buffer size to encode the next event into; only the
	// client's dispatcher goroutine touches it.
	sizeHint int
}

// Errors of consumer monitors, mapped to CSTA errors in bridge_errors.go.
var (
	errSessionEnded   = errors.New("xmlbridge: session ended")
	errMonitorLimit   = errors.New("xmlbridge: too many monitors in this session")
	errUnknownXref    = errors.New("xmlbridge: no such monitor in this session")
	errCallMonitor    = errors.New("xmlbridge: only devices can be monitored")
	errNoSessionOnWeb = errors.New("xmlbridge: monitors need an application session")
)

// deviceKey names a device in the table: two DeviceIDs that the PBX takes
// for the same device share one key.
func deviceKey(d cstav3.DeviceID) string {
	return strconv.Itoa(int(d.Kind)) + "/" + strconv.Itoa(int(d.TON)) + "/" + d.Number
}

// newXref returns a monitorCrossRefID unused in ss. Cross-references are
// per session and a session can only name its own, so they need to be
// unique, not secret; the caller holds Server.mu.
func newXref(ss *session) string {
	for {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], rand.Uint64())
		x := hex.EncodeToString(b[:])
		if _, used := ss.monitors[x]; !used {
			return x
		}
	}
}

// startConsumerMonitor gives ss a monitor of dev with filter (nil for every
// event), starting the device's PBX monitor if it has none. Concurrent
// starts for one device wait for the first. The monitor receives events
// once activated.
func (s *Server) startConsumerMonitor(ctx context.Context, ss *session, dev cstav3.DeviceID, filter *cstav3.MonitorFilter) (*consumerMonitor, error) {
	key := deviceKey(dev)
	s.mu.Lock()
	switch {
	case ss.ended || s.closed:
		s.mu.Unlock()
		return nil, errSessionEnded
	case len(ss.monitors)+ss.pending >= s.cfg.MaxMonitorsPerSession:
		s.mu.Unlock()
		return nil, errMonitorLimit
	case s.userMonitorsFullLocked(ss): // per-user quota (server_quota.go)
		s.mu.Unlock()
		s.stats.userQuotaRefusals.Add(1)
		return nil, errUserMonitorLimit
	}
	pm := s.devices[key]
	starter := pm == nil
	if starter {
		pm = &pbxMonitor{srv: s, key: key, device: dev, ready: make(chan struct{}), sizeHint: 1024}
		s.devices[key] = pm
	}
	pm.refs++
	ss.pending++
	s.mu.Unlock()

	var err error
	if starter {
		// The PBX monitor gets the client's default filter (a HiPath's
		// all-events one): consumers' filters differ, so they are applied
		// here, per consumer.
		pm.mon, pm.err = s.client.Monitor(ctx, dev, cstav3.MonitorConfig{OnEvent: pm.onEvent, OnError: pm.onError, OnResume: pm.onResume})
		close(pm.ready)
		err = pm.err
		if err == nil {
			s.log.Info("PBX monitor started", "device", dev.String())
		}
	} else {
		select {
		case <-pm.ready:
			err = pm.err
		case <-ctx.Done():
			err = ctx.Err()
		}
	}

	s.mu.Lock()
	ss.pending--
	if err == nil && (ss.ended || s.closed) {
		err = errSessionEnded
	}
	if err != nil {
		stop := s.releaseLocked(pm)
		s.mu.Unlock()
		if stop != nil {
			s.stopPBXMonitor(stop)
		}
		return nil, err
	}
	cm := &consumerMonitor{xref: newXref(ss), sess: ss, pm: pm, enc: ss.enc, sink: ss.sink}
	cm.filter.Store(filter)
	ss.monitors[cm.xref] = cm
	s.consumerMonitors++
	s.mu.Unlock()
	return cm, nil
}

// activate makes cm receive the events of its PBX monitor. They are held
// back until release.
func (s *Server) activate(cm *consumerMonitor) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cm.sess.monitors[cm.xref] != cm {
		return // stopped meanwhile
	}
	var subs []*consumerMonitor
	if p := cm.pm.subs.Load(); p != nil {
		subs = *p
	}
	subs = append(slices.Clip(subs), cm)
	cm.pm.subs.Store(&subs)
}

// release delivers what cm held back and lets its events through from now
// on. The request handler calls it once the MonitorStartResponse is queued.
func (cm *consumerMonitor) release() {
	cm.mu.Lock()
	defer cm.mu.Unlock()
	for _, m := range cm.held {
		cm.sink.push(m)
	}
	cm.held = nil
	cm.open.Store(true)
}

// deliver queues an event for cm, or holds it back until release. It runs
// on the dispatcher and never blocks: the lock is only taken in the short
// window between activate and release.
func (cm *consumerMonitor) deliver(m outMsg, limit int) bool {
	if !cm.open.Load() {
		cm.mu.Lock()
		if !cm.open.Load() {
			defer cm.mu.Unlock()
			if len(cm.held) >= limit {
				return cm.sink.push(m) // the sink applies its overflow policy
			}
			cm.held = append(cm.held, m)
			return true
		}
		cm.mu.Unlock()
	}
	return cm.sink.push(m)
}

// detachLocked removes cm from its session and its PBX monitor and returns
// the PBX monitor if cm was its last consumer monitor, for the caller to
// stop. The caller holds Server.mu.
func (s *Server) detachLocked(cm *consumerMonitor) *pbxMonitor {
	if cm.sess.monitors[cm.xref] != cm {
		return nil
	}
	delete(cm.sess.monitors, cm.xref)
	s.consumerMonitors--
	if p := cm.pm.subs.Load(); p != nil {
		if i := slices.Index(*p, cm); i >= 0 {
			subs := slices.Delete(slices.Clone(*p), i, i+1)
			cm.pm.subs.Store(&subs)
		}
	}
	return s.releaseLocked(cm.pm)
}

// releaseLocked drops one reference to pm; when none is left, pm leaves
// the table and is returned for the caller to stop (nil if its start
// failed, as there is nothing to stop). The caller holds Server.mu.
func (s *Server) releaseLocked(pm *pbxMonitor) *pbxMonitor {
	if pm.refs--; pm.refs > 0 {
		return nil
	}
	if s.devices[pm.key] == pm {
		delete(s.devices, pm.key)
	}
	if pm.mon == nil {
		return nil
	}
	return pm
}

// stopConsumerMonitor ends ss's monitor xref, and the PBX monitor with it
// if it was the last of its device.
func (s *Server) stopConsumerMonitor(ss *session, xref string) error {
	s.mu.Lock()
	cm := ss.monitors[xref]
	if cm == nil || ss.ended {
		s.mu.Unlock()
		return errUnknownXref
	}
	pm := s.detachLocked(cm)
	s.mu.Unlock()
	if pm != nil {
		s.stopPBXMonitor(pm)
	}
	return nil
}

// consumerMonitorOf returns ss's monitor xref, or nil.
func (s *Server) consumerMonitorOf(ss *session, xref string) *consumerMonitor {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ss.ended {
		return nil
	}
	return ss.monitors[xref]
}

// stopPBXMonitor stops pm at the PBX. It is not bound to the server's
// context, which Close cancels before the last monitors are stopped.
func (s *Server) stopPBXMonitor(pm *pbxMonitor) {
	<-pm.ready
	if pm.mon == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), s.cfg.RequestTimeout)
	defer cancel()
	if err := pm.mon.Stop(ctx); err != nil {
		s.log.Warn("PBX monitor stop failed", "device", pm.device.String(), "err", err)
		return
	}
	s.log.Info("PBX monitor stopped", "device", pm.device.String())
}

// onError is told by the client that the monitor could not be started
// again after a reconnection; the client retries after the next one.
// onError and onResume log a PBX monitor that stops receiving events (its
// re-start refused after a reconnection, or ended by the switch) and comes
// back: the client keeps trying, and the consumers' monitors stay.
func (pm *pbxMonitor) onError(err error) {
	pm.srv.log.Warn("PBX monitor down; the client keeps starting it", "device", pm.device.String(), "err", err)
}

func (pm *pbxMonitor) onResume() {
	pm.srv.log.Info("PBX monitor back", "device", pm.device.String())
}

func (s *Server) kickJanitor() {
	select {
	case s.janitorKick <- struct{}{}:
	default:
	}
}

// janitor stops the PBX monitors of sessions ended by goroutines that must
// not wait for the PBX: the reaper, and the fan-out that drops a slow HTTP
// consumer. On shutdown it stops whatever is left.
func (s *Server) janitor() {
	defer s.bgWG.Done()
	for {
		select {
		case <-s.janitorKick:
			s.runStops()
		case <-s.quitBG:
			s.runStops()
			s.mu.Lock()
			left := make([]*pbxMonitor, 0, len(s.devices))
			for k, pm := range s.devices {
				left = append(left, pm)
				delete(s.devices, k)
			}
			s.mu.Unlock()
			for _, pm := range left {
				s.stopPBXMonitor(pm)
			}
			return
		}
	}
}

func (s *Server) runStops() {
	for {
		s.mu.Lock()
		q := s.stopQueue
		s.stopQueue = nil
		s.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, pm := range q {
			s.stopPBXMonitor(pm)
		}
	}
}
