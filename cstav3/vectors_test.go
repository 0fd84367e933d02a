package cstav3

import (
	"encoding/hex"
	"testing"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/internal/testutil"
)

// vector reads one of the shared reference PDUs in testdata/vectors.
func vector(t testing.TB, name string) []byte { return testutil.Vector(t, name) }

func TestDeliveredVector(t *testing.T) {
	data := vector(t, "pbx-event-delivered")
	var m Message
	if err := m.Decode(data); err != nil {
		t.Fatal(err)
	}
	if m.Type != Invoke || m.InvokeID != 5 || m.Opcode != OpEventReport {
		t.Fatalf("envelope %+v", m)
	}
	rep, err := DecodeEventReport(m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	ev, ok := rep.Event.(*DeliveredEvent)
	if !ok {
		t.Fatalf("event %T", rep.Event)
	}
	if rep.CrossRef.String() != "0001" || ev.Connection.Call.String() != "b164" ||
		ev.Connection.Device.Number != "100" || ev.AlertingDevice.Number != "100" ||
		ev.CallingDevice.Number != "200" || ev.CalledDevice.Number != "100" ||
		ev.LastRedirectionDevice.Status != DeviceNotKnown || !ev.HasLocalConnectionInfo ||
		ev.LocalConnectionInfo != StateAlerting || ev.Cause != CauseNewCall ||
		ev.Extensions.Timestamp != "20100916120000" {
		t.Fatalf("decoded %+v", ev)
	}
	var b ber.Builder
	rep.encode(&b)
	arg, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	m2 := Message{Type: Invoke, InvokeID: 5, Opcode: OpEventReport, Argument: arg}
	out, err := m2.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(out) != hex.EncodeToString(data) {
		t.Fatalf("re-encoded\n got %x\nwant %x", out, data)
	}
}
