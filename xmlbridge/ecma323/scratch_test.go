package ecma323

import (
	"bytes"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// TestAppendEventReusedBoxes checks that AppendEvent, which maps events
// into reused boxes, writes what EventToXML's fresh values give, whatever
// the previous event of the same type held: rich events (every optional
// field) alternate with HiPath's sparse ones, so that a field left over
// from the previous use of a box would show.
func TestAppendEventReusedBoxes(t *testing.T) {
	enc := Encoder{Edition: Ed3}
	sparse := codecHiPathEvents()
	var seq []cstav3.Event
	for _, ev := range codecEvents() {
		seq = append(seq, ev)
		for _, s := range sparse {
			if s.Type() == ev.Type() {
				seq = append(seq, s)
			}
		}
		seq = append(seq, ev)
	}
	for _, s := range sparse {
		seq = append(seq, s, s)
	}
	// A list whose first item holds only a new connection, after one whose
	// first item held everything.
	bare := *sparse["Transferred"].(*cstav3.TransferredEvent)
	bare.TransferredConnections = cstav3.ConnectionList{{NewConnection: cstav3.ConnectionID{Call: cstav3.CallID{9}}}}
	for _, ev := range codecEvents() {
		if ev.Type() == cstav3.EventTransferred {
			seq = append(seq, ev, &bare)
		}
	}
	for i, ev := range seq {
		got, err := enc.AppendEvent(nil, ev, "DMON:7")
		if err != nil {
			t.Fatalf("#%d %s: %v", i, ev.Type().Name(), err)
		}
		x, err := EventToXML(ev, "DMON:7")
		if err != nil {
			t.Fatal(err)
		}
		want, err := enc.Append(nil, x)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("#%d %s: AppendEvent wrote\n%s\nwant\n%s", i, ev.Type().Name(), got, want)
		}
	}
}

func TestAppendEventAlloc(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under -race; .ci/run runs the Alloc tests without it")
	}
	enc := Encoder{Edition: Ed3}
	buf := make([]byte, 0, 4096)
	for name, ev := range codecHiPathEvents() {
		n := testing.AllocsPerRun(200, func() {
			var err error
			if buf, err = enc.AppendEvent(buf[:0], ev, "DMON:7"); err != nil {
				t.Fatal(err)
			}
		})
		if n != 0 {
			t.Errorf("%s: AppendEvent allocates %v times", name, n)
		}
	}
}

// FuzzAppendEvent decodes BER event reports and checks that AppendEvent,
// through its reused boxes, writes what EventToXML's fresh values write,
// for any event that decodes; two calls in a row catch a box left dirty.
func FuzzAppendEvent(f *testing.F) {
	for _, ev := range append(codecEvents(), codecSortedHiPathEvents()...) {
		pdu, err := cstav3.AppendEventReport(nil, &cstav3.EventReport{CrossRef: cstav3.CrossRefID{0, 1}, Event: ev})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(pdu)
	}
	enc := Encoder{Edition: Ed3}
	f.Fuzz(func(t *testing.T, pdu []byte) {
		rep, err := cstav3.DecodeEventReport(pdu)
		if err != nil {
			return
		}
		x, err := EventToXML(rep.Event, "x")
		if err != nil {
			return
		}
		want, err := enc.Append(nil, x)
		if err != nil {
			return
		}
		for range 2 {
			got, err := enc.AppendEvent(nil, rep.Event, "x")
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("AppendEvent: %v\n%s\nwant\n%s", err, got, want)
			}
		}
	})
}

// codecSortedHiPathEvents returns codecHiPathEvents in a fixed order.
func codecSortedHiPathEvents() []cstav3.Event {
	m := codecHiPathEvents()
	var out []cstav3.Event
	for _, name := range []string{"Delivered", "Established", "ConnectionCleared", "Transferred"} {
		out = append(out, m[name])
	}
	return out
}
