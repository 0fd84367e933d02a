package xmlbridge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

func TestCredentials(t *testing.T) {
	sum := sha256.Sum256([]byte("pw2"))
	c, err := parseUsers(map[string]string{"a": "pw1", "b": sha256Prefix + hex.EncodeToString(sum[:])})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		user, pw string
		ok       bool
	}{{"a", "pw1", true}, {"a", "pw2", false}, {"b", "pw2", true}, {"b", "sha256:" + hex.EncodeToString(sum[:]), false},
		{"c", "pw1", false}, {"", "", false}} {
		if got := c.check(tc.user, tc.pw); got != tc.ok {
			t.Errorf("check(%q, %q) = %v", tc.user, tc.pw, got)
		}
	}
	for _, bad := range []map[string]string{{"x": "sha256:zz"}, {"x": "sha256:00"}, {"": "pw"}} {
		if _, err := parseUsers(bad); err == nil {
			t.Errorf("parseUsers(%v) accepted", bad)
		}
	}
}

func TestCSTAErrorOf(t *testing.T) {
	ce := cstav3.MustError(cstav3.StateIncompatibility, "invalidConnectionState")
	cases := []struct {
		err   error
		want  *cstav3.Error
		retry bool
	}{
		{fmt.Errorf("wrapped: %w", ce), ce, false},
		{cstav3.MustError(cstav3.SystemResourceAvailability, "resourceBusy"), cstav3.MustError(cstav3.SystemResourceAvailability, "resourceBusy"), true},
		{&cstav3.RejectError{Problem: cstav3.ProblemUnrecognizedOperation}, cstaUnsupported, false},
		{&cstav3.RejectError{Problem: cstav3.ProblemMistypedArgument}, cstaBadValue, false},
		{&cstav3.RejectError{Problem: cstav3.ProblemResourceLimitation}, cstaOverloaded, true},
		{&cstav3.RejectError{Problem: cstav3.ProblemBadlyStructuredPDU}, cstaMalformed, false},
		{cstav3.ErrLinkDown, cstaLinkDown, true},
		{context.Canceled, cstaLinkDown, true},
		{context.DeadlineExceeded, cstaTimeout, true},
		{errMonitorLimit, cstaMonitorLimit, false},
		{errUnknownXref, cstaBadXref, false},
		{errCallMonitor, cstaCallMonitor, false},
		{&ecma323.FieldError{Path: "callToBeHeld/callID"}, cstaBadCallID, false},
		{&ecma323.FieldError{Path: "snapshotObject/@typeOfNumber"}, cstaBadDevice, false},
		{&ecma323.FieldError{Path: "monitorType"}, cstaBadValue, false},
		{fmt.Errorf("%w: x", ecma323.ErrUnknownRequest), cstaUnsupported, false},
		{errors.New("anything"), cstaMalformed, false},
	}
	for _, tc := range cases {
		got, retry := cstaErrorOf(tc.err)
		if !errors.Is(got, tc.want) || retry != tc.retry {
			t.Errorf("cstaErrorOf(%v) = %v %v, want %v %v", tc.err, got, retry, tc.want, tc.retry)
		}
	}
}

// sinkFunc is a sink for unit tests.
type sinkFunc func(outMsg) bool

func (f sinkFunc) push(m outMsg) bool { return f(m) }

// TestHeldUntilRelease: events that reach a monitor before its
// MonitorStartResponse is queued wait for it, in order.
func TestHeldUntilRelease(t *testing.T) {
	var got []string
	cm := &consumerMonitor{sink: sinkFunc(func(m outMsg) bool { got = append(got, m.xref); return true })}
	cm.deliver(outMsg{xref: "1"}, 10)
	cm.deliver(outMsg{xref: "2"}, 10)
	got = append(got, "response")
	cm.release()
	cm.deliver(outMsg{xref: "3"}, 10)
	if fmt.Sprint(got) != "[response 1 2 3]" {
		t.Fatalf("order %v", got)
	}
	// Past the limit the sink decides (and may drop the consumer).
	cm = &consumerMonitor{sink: sinkFunc(func(outMsg) bool { return false })}
	if !cm.deliver(outMsg{}, 1) || cm.deliver(outMsg{}, 1) {
		t.Fatal("hold limit not applied")
	}
}

func TestConfigDefaults(t *testing.T) {
	if _, err := NewServer(Config{}); err == nil {
		t.Fatal("no client accepted")
	}
	c, err := Config{Client: new(cstav3.Client), Users: map[string]string{"a": "b"}, SessionDuration: 2 * time.Hour}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxSessionDuration != 2*time.Hour || c.QueueLength != DefaultQueueLength || c.Logger == nil {
		t.Fatalf("defaults %+v", c)
	}
	if _, err := (Config{Client: new(cstav3.Client)}).withDefaults(); err == nil {
		t.Fatal("no users accepted")
	}
}
