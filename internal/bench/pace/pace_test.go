package pace

import (
	"context"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

func TestStampsSize(t *testing.T) {
	for _, tt := range []struct{ n, want int }{{0, 1024}, {1000, 1024}, {1025, 2048}, {1 << 20, 1 << 20}} {
		if got := len(NewStamps(tt.n).ring); got != tt.want {
			t.Errorf("NewStamps(%d): %d slots, want %d", tt.n, got, tt.want)
		}
	}
}

// TestBuilders: every event type builds an event of its name whose
// sequence number is the scratch's call id; other names are refused.
func TestBuilders(t *testing.T) {
	builds, err := Builders(EventTypes)
	if err != nil {
		t.Fatal(err)
	}
	var s Scratch
	for i, b := range builds {
		s.CID = [4]byte{0, 0, 1, byte(i)}
		ev := b(&s, cstav3.Dialing("100"), cstav3.CommonArguments{})
		if got, want := ev.Type().Name(), EventTypes[i]+"Event"; got != want {
			t.Errorf("builder %d built %s, want %s", i, got, want)
		}
		if seq, ok := EventSeq(ev); !ok || seq != 256+uint32(i) {
			t.Errorf("%s: sequence number %d, %v", EventTypes[i], seq, ok)
		}
	}
	if b, err := Builders(nil); err != nil || len(b) != 1 {
		t.Errorf("Builders(nil): %d, %v", len(b), err)
	}
	if _, err := Builders([]string{"Bridged"}); err == nil || !strings.Contains(err.Error(), "Bridged") {
		t.Errorf("Builders(Bridged): %v", err)
	}
	if _, ok := Seq(cstav3.CallID{1, 2}); ok {
		t.Error("a HiPath call id taken for a sequence number")
	}
	if _, ok := EventSeq(&cstav3.CallClearedEvent{}); ok {
		t.Error("a sequence number from an event never paced")
	}
}

// TestRunUnregistered: Run with a server type nobody registered is an
// error, not a panic.
func TestRunUnregistered(t *testing.T) {
	if _, err := Run(context.Background(), 42, Config{}); err == nil || !strings.Contains(err.Error(), "int") {
		t.Fatalf("Run(int): %v", err)
	}
}
