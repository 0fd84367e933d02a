package hipath_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

func TestDialDefaults(t *testing.T) {
	sim, err := hipathsim.Start(hipathsim.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer sim.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	// The HiPath defaults carry AMHOST/77777, which the simulator expects.
	c, err := hipath.Dial(ctx, sim.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The default monitor filter is HiPath's all-zero one: a monitor
	// started without a filter gets every event.
	got := make(chan cstav3.EventType, 16)
	if _, err := c.Monitor(ctx, cstav3.Dialing("100"), cstav3.MonitorConfig{OnEvent: func(ev cstav3.Event) { got <- ev.Type() }}); err != nil {
		t.Fatal(err)
	}
	if _, err := sim.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	select {
	case ty := <-got:
		if ty != cstav3.EventServiceInitiated {
			t.Fatalf("first event %v", ty)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	// Options given after the defaults win.
	if _, err := hipath.Dial(ctx, sim.Addr(), hipath.WithAuth("AMHOST", "nope")); !errors.Is(err, cstav3.ErrAuthFailed) {
		t.Fatalf("override: %v", err)
	}
}

func TestDialDefaultPort(t *testing.T) {
	// No port: 7001 is added; nothing listens there on loopback in tests,
	// so the error names the address.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := hipath.Dial(ctx, "127.0.0.1")
	if err == nil {
		t.Skip("something listens on 127.0.0.1:7001 on this machine; the test needs that port free")
	}
	if want := "127.0.0.1:7001"; !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not name %s", err, want)
	}
}
