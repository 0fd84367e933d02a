package xmlbridge

import (
	"context"
	"log/slog"
	"testing"
	"time"
)

// logSignal is a slog.Handler that sends on ch for each record with message
// msg: a test waits for what the bridge only logs.
type logSignal struct {
	msg string
	ch  chan struct{}
}

func (h *logSignal) Enabled(context.Context, slog.Level) bool { return true }

func (h *logSignal) Handle(_ context.Context, r slog.Record) error {
	if r.Message == h.msg {
		select {
		case h.ch <- struct{}{}:
		default:
		}
	}
	return nil
}

func (h *logSignal) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *logSignal) WithGroup(string) slog.Handler      { return h }

// TestSwitchEndsPBXMonitor: the switch ends the PBX monitor a consumer's
// monitor uses (a MonitorStop of its own). The client starts it again; the
// consumer keeps its monitor and its cross-reference and gets the device's
// events again.
func TestSwitchEndsPBXMonitor(t *testing.T) {
	back := &logSignal{msg: "PBX monitor back", ch: make(chan struct{}, 1)}
	e := newEnv(t, envOpts{cfg: func(c *Config) { c.Logger = slog.New(back) }})
	h := dialConsumer(t, e.header, framingHeader, nil)
	h.login()
	xref := h.monitor(2, "760")
	if n, err := e.sim.StopMonitors("760"); n != 1 || err != nil {
		t.Fatalf("StopMonitors: %d, %v", n, err)
	}
	select {
	case <-back.ch:
	case <-time.After(waitLong):
		t.Fatal("the PBX monitor did not come back")
	}
	if _, err := e.sim.Dial("760", "761"); err != nil {
		t.Fatal(err)
	}
	if x := xrefOf(nextEvent(t, h.event, "ServiceInitiatedEvent").msg.XML); x != xref {
		t.Fatalf("event for cross-reference %s, want %s", x, xref)
	}
	if st := e.srv.Stats(); st.PBXMonitors != 1 || st.ConsumerMonitors != 1 {
		t.Fatalf("stats %+v", st)
	}
	if n := e.client.Stats().MonitorsEnded; n != 1 {
		t.Fatalf("client: %d monitors ended", n)
	}
}
