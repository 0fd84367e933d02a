package cstav3_test

import (
	"context"
	"errors"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// Start serves while the switch is unreachable: requests fail with
// ErrLinkDown, the client keeps dialling, and the link comes up once the
// switch answers.
func TestStartBeforeTheSwitch(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	var reachable atomic.Bool
	var refused atomic.Int64
	var d net.Dialer
	dial := func(ctx context.Context) (net.Conn, error) {
		if !reachable.Load() {
			refused.Add(1)
			return nil, errors.New("unreachable")
		}
		return d.DialContext(ctx, "tcp", sim.Addr())
	}
	c, err := cstav3.Start(append(hipath.Options(nil), cstav3.WithDialer(dial), cstav3.WithReconnect(time.Millisecond, 10*time.Millisecond))...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if st := c.State(); st != cstav3.LinkDown {
		t.Fatalf("state before any link: %v", st)
	}
	if _, err := c.SnapshotDevice(ctxT(t), cstav3.Dialing("100")); !errors.Is(err, cstav3.ErrLinkDown) {
		t.Fatalf("request before any link: %v, want ErrLinkDown", err)
	}
	waitUntil(t, func() bool { return refused.Load() >= 3 })
	reachable.Store(true)
	expectState(t, c.LinkStates(), cstav3.LinkUp)
	if _, err := c.SnapshotDevice(ctxT(t), cstav3.Dialing("100")); err != nil {
		t.Fatalf("request once up: %v", err)
	}
}

// A rejected password is final for Start: the client closes with
// ErrAuthFailed instead of dialling forever.
func TestStartRejectedPassword(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	var d net.Dialer
	dial := func(ctx context.Context) (net.Conn, error) { return d.DialContext(ctx, "tcp", sim.Addr()) }
	opts := append(hipath.Options(nil), hipath.WithAuth("AMHOST", "wrong"), cstav3.WithDialer(dial))
	c, err := cstav3.Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ev := expectState(t, c.LinkStates(), cstav3.LinkClosed)
	if !errors.Is(ev.Err, cstav3.ErrAuthFailed) {
		t.Fatalf("closed with %v, want ErrAuthFailed", ev.Err)
	}
	if _, err := cstav3.Start(); err == nil {
		t.Fatal("Start without a dialer succeeded")
	}
}
