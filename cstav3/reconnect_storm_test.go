package cstav3_test

import (
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// flappingPBX accepts every association on 127.0.0.1 and, hold after the
// AARE, sends a frame without the 0x26 marker, which kills the link. It
// counts the associations.
type flappingPBX struct {
	ln           net.Listener
	hold         time.Duration
	associations atomic.Int64
	wg           sync.WaitGroup
}

func startFlappingPBX(t *testing.T, hold time.Duration) *flappingPBX {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &flappingPBX{ln: ln, hold: hold}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() { ln.Close(); p.wg.Wait() })
	return p
}

func (p *flappingPBX) serve() {
	defer p.wg.Done()
	for {
		conn, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(waitLong))
			fr := cstav3.NewFrameReader(conn, hipath.Framing, 0)
			if _, err := fr.ReadFrame(); err != nil {
				return
			}
			aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
			if cstav3.WriteFrame(conn, hipath.Framing, aare) != nil {
				return
			}
			p.associations.Add(1)
			if p.hold > 0 {
				time.Sleep(p.hold) // the link's healthy life, not a wait for an event
			}
			conn.Write([]byte{0x00, 0x00, 0x00})
			for { // until the client hangs up
				if _, err := fr.ReadFrame(); err != nil {
					return
				}
			}
		}()
	}
}

// reassociations dials p with opts and returns how many times the client
// associated again within window.
func reassociations(t *testing.T, p *flappingPBX, window time.Duration, opts ...cstav3.Option) int64 {
	t.Helper()
	opts = append([]cstav3.Option{cstav3.WithFraming(hipath.Framing), cstav3.WithHeartbeat(0, 1), cstav3.WithReconnect(10*time.Millisecond, time.Second)}, opts...)
	c, err := cstav3.Dial(ctxT(t), p.ln.Addr().String(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	start := p.associations.Load()
	<-time.After(window) // the measurement's window
	n := p.associations.Load() - start
	c.Abort()
	return n
}

// A switch that accepts the association and breaks the link at once must
// not be re-associated at the backoff's minimum forever: the backoff
// restarts only after a link stayed healthy (issue 13, item 5).
func TestReconnectStormBackoffGrows(t *testing.T) {
	const window = time.Second
	storm := reassociations(t, startFlappingPBX(t, 0), window, cstav3.WithHealthyLink(0))
	calm := reassociations(t, startFlappingPBX(t, 0), window)
	t.Logf("re-associations in %v: %d resetting after every association, %d with the healthy-link rule", window, storm, calm)
	// Backoff from 10 ms doubling, jitter down to half: the waits add up
	// to more than a second after at most 8 attempts.
	if calm > 8 {
		t.Errorf("%d re-associations in %v with a link that breaks at once; want at most 8", calm, window)
	}
	if storm <= calm {
		t.Errorf("resetting after every association gave %d re-associations, the healthy-link rule %d: want more", storm, calm)
	}
}

// A link that stayed up for the healthy duration restarts the backoff: the
// client comes back at the minimum after each loss.
func TestReconnectAfterHealthyLinkIsQuick(t *testing.T) {
	const hold = 40 * time.Millisecond
	p := startFlappingPBX(t, hold)
	n := reassociations(t, p, time.Second, cstav3.WithHealthyLink(hold/2))
	// Each round is hold plus a wait of 5–15 ms: about 20 in a second
	// when the backoff restarts, and 6 at most if it grew.
	if n < 10 {
		t.Errorf("%d re-associations in a second with links healthy for %v; want the backoff restarted (≥ 10)", n, hold)
	}
}
