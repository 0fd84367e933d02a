package cstav3

import (
	"errors"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// eventArgument returns the argument of the event report invoke in pdu.
func eventArgument(t testing.TB, pdu []byte) []byte {
	t.Helper()
	var m Message
	if err := m.Decode(pdu); err != nil {
		t.Fatal(err)
	}
	return m.Argument
}

func TestEventDecoderMatchesDecodeEventReport(t *testing.T) {
	delivered := eventArgument(t, vector(t, "pbx-event-delivered"))
	transferred := eventArgument(t, oracleHiPathVector(t, "hipath_event_transferred"))
	// An event type the package does not model: category [6] (vendor
	// specific), tag [0], carrying one INTEGER.
	unmodelled := []byte{0x30, 0x0b, 0x55, 0x02, 0x00, 0x01, 0xa6, 0x05, 0xa0, 0x03, 0x02, 0x01, 0x07}

	var d EventDecoder
	var kept []Event
	for i, arg := range [][]byte{delivered, transferred, delivered, unmodelled, transferred} {
		want, err := DecodeEventReport(arg)
		if err != nil {
			t.Fatalf("#%d: DecodeEventReport: %v", i, err)
		}
		got, err := d.Decode(arg)
		if err != nil {
			t.Fatalf("#%d: Decode: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("#%d: Decode gave %+v\nwant %+v", i, got.Event, want.Event)
		}
		kept = append(kept, got.Event)
	}
	// Events of one modelled type are one reused value.
	if kept[0] != kept[2] || kept[1] != kept[4] {
		t.Error("an EventDecoder did not reuse its events")
	}
	if _, ok := kept[3].(*RawEvent); !ok {
		t.Errorf("unmodelled event decoded to %T", kept[3])
	}
}

func TestEventDecoderErrors(t *testing.T) {
	delivered := eventArgument(t, vector(t, "pbx-event-delivered"))
	var d EventDecoder
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ber.ErrMissing},
		{"truncated", delivered[:len(delivered)-5], ber.ErrTruncated},
		{"not a sequence", []byte{0x04, 0x00}, ber.ErrTag},
	} {
		if _, err := d.Decode(tc.in); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	// A decoder that failed still decodes.
	if _, err := d.Decode(delivered); err != nil {
		t.Fatal(err)
	}
}

// TestEventDecoderAlloc holds the promise of EventDecoder's documentation:
// the events HiPath sends most are decoded again without allocating.
func TestEventDecoderAlloc(t *testing.T) {
	if RaceOn {
		t.Skip("allocation counts differ under -race; .ci/run runs the Alloc tests without it")
	}
	args := map[string][]byte{"delivered vector": eventArgument(t, vector(t, "pbx-event-delivered"))}
	for _, name := range []string{"delivered_internal", "delivered_external", "established", "connectionCleared",
		"originated", "held", "retrieved", "failed"} {
		args[name] = eventArgument(t, oracleHiPathVector(t, "hipath_event_"+name))
	}
	var d EventDecoder
	for name, arg := range args {
		if _, err := d.Decode(arg); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n := testing.AllocsPerRun(100, func() {
			if _, err := d.Decode(arg); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("decoding %s again allocates %v times", name, n)
		}
	}
}
