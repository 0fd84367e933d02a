package ecma323

import (
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// codecHiPathEvents are events as a HiPath sends them: two-octet call ids,
// dialling numbers, a local connection state and a zone-less timestamp.
func codecHiPathEvents() map[string]cstav3.Event {
	ts := cstav3.CommonArguments{Security: true, Timestamp: "20240131120000"}
	c100 := cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2c}, cstav3.Dialing("100"))
	c101 := cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2d}, cstav3.Dialing("101"))
	return map[string]cstav3.Event{
		"Delivered": &cstav3.DeliveredEvent{Connection: c100, AlertingDevice: codecKnownA, CallingDevice: codecKnownB,
			CalledDevice: codecKnownA, LastRedirectionDevice: codecNotKnown, HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateAlerting, Cause: cstav3.CauseNewCall, Extensions: ts},
		"Established": &cstav3.EstablishedEvent{EstablishedConnection: c100, AnsweringDevice: codecKnownA,
			CallingDevice: codecKnownB, CalledDevice: codecKnownA, LastRedirectionDevice: codecNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNewCall,
			Extensions: ts},
		"ConnectionCleared": &cstav3.ConnectionClearedEvent{DroppedConnection: c101, ReleasingDevice: codecKnownB,
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateNull, Cause: cstav3.CauseNormalClearing,
			Extensions: ts},
		"Transferred": &cstav3.TransferredEvent{PrimaryOldCall: c100, SecondaryOldCall: c101,
			TransferringDevice: codecKnownA, TransferredToDevice: codecKnownB,
			TransferredConnections: cstav3.ConnectionList{{NewConnection: c101, OldConnection: c100,
				Endpoint: cstav3.Known(cstav3.Dialing("102"))}},
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseTransfer,
			Extensions: ts},
	}
}

// BenchmarkEncodeEvent measures the bridge's hot path: a decoded BER event
// to the bytes of its ECMA-323 document.
func BenchmarkEncodeEvent(b *testing.B) {
	benchEncodeEvents(b, codecHiPathEvents(), "Delivered", "Established", "ConnectionCleared", "Transferred")
}

// benchEncodeEvents runs a sub-benchmark per named event: its BER encoding
// decoded, then written as an ECMA-323 document into a reused buffer. The
// last document must decode to the same event type.
func benchEncodeEvents(b *testing.B, events map[string]cstav3.Event, names ...string) {
	for _, name := range names {
		pdu, err := cstav3.AppendEventReport(nil, &cstav3.EventReport{CrossRef: cstav3.CrossRefID{0, 7}, Event: events[name]})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := cstav3.DecodeEventReport(pdu)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			enc := Encoder{Edition: Ed3}
			buf := make([]byte, 0, 2048)
			b.ReportAllocs()
			for b.Loop() {
				if buf, err = enc.AppendEvent(buf[:0], rep.Event, "DMON:0007"); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(len(buf)))
			m, err := Decode(buf)
			if err != nil {
				b.Fatalf("%s: %v\n%s", name, err, buf)
			}
			if got := m.Name; got != name+"Event" {
				b.Fatalf("decoded a %s, want %sEvent", got, name)
			}
		})
	}
}

// BenchmarkDecodeRequest measures a consumer's MakeCall, as ECSS-10 sends it.
func BenchmarkDecodeRequest(b *testing.B) {
	doc := codecSeed(b, "ecss10-make-call")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeRequest(doc); err != nil {
			b.Fatal(err)
		}
	}
}
