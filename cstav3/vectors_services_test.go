package cstav3

import (
	"bytes"
	"reflect"
	"testing"
)

// The reference PDUs of a HiPath session (testdata/vectors/README.md) for
// the monitor and system status services: every file decodes to the values
// the README gives, and the encoder rebuilds every one of them (the client-*
// files byte for byte from those values alone).

// monVectorMessage decodes a vector's ROSE envelope and checks it.
func monVectorMessage(t *testing.T, name string, typ MessageType, id int64, op Opcode) (Message, []byte) {
	t.Helper()
	data := vector(t, name)
	var m Message
	if err := m.Decode(data); err != nil {
		t.Fatal(err)
	}
	if m.Type != typ || m.InvokeID != id || m.Opcode != op {
		t.Fatalf("envelope %v id %d op %v, want %v id %d op %v", m.Type, m.InvokeID, m.Opcode, typ, id, op)
	}
	return m, data
}

// monVectorEncode builds the PDU from its values and compares it with the
// vector.
func monVectorEncode(t *testing.T, want []byte, typ MessageType, id int64, op Opcode, v interface{ Opcode() Opcode }) {
	t.Helper()
	var arg []byte
	var err error
	switch typ {
	case Invoke:
		arg, err = AppendArgument(nil, v.(Argument))
	default:
		arg, err = AppendResult(nil, v.(Result))
	}
	if err != nil {
		t.Fatal(err)
	}
	m := Message{Type: typ, InvokeID: id, Opcode: op, Argument: arg}
	out, err := m.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Fatalf("encoded\n got %x\nwant %x", out, want)
	}
}

func TestVectorClientMonitorStart(t *testing.T) {
	m, data := monVectorMessage(t, "client-monitorstart-100", Invoke, 1, OpMonitorStart)
	a, err := DecodeArgument(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	ms := a.(*MonitorStartArgument)
	if ms.MonitorObject.IsCall() || ms.MonitorObject.Device.Kind != DialingNumber ||
		ms.MonitorObject.Device.Number != "100" || ms.HasMonitorType || ms.RequestedMonitorMediaClass.Bytes != nil ||
		!ms.Extensions.IsZero() {
		t.Fatalf("decoded %+v", ms)
	}
	f := ms.RequestedMonitorFilter
	if f == nil {
		t.Fatal("no filter")
	}
	// all eight fields present, every bit 0
	lengths := [8]int{18, 5, 2, 11, 14, 3, 7, 1}
	for c := CallControlEvents; c <= VendorSpecEvents; c++ {
		p := f.Category(c)
		if p.Bytes == nil || p.Length != lengths[c] {
			t.Fatalf("%v: %+v", c, *p)
		}
		for i := 0; i < p.Length; i++ {
			if p.At(i) {
				t.Fatalf("%v: bit %d set", c, i)
			}
		}
	}
	if !reflect.DeepEqual(ms, hipathMonitorStart(Dialing("100"))) {
		t.Fatalf("decoded %+v, want HiPathMonitorStart", ms)
	}
	// From the values: invoke id 1, device "100", all filter bits 0.
	monVectorEncode(t, data, Invoke, 1, OpMonitorStart, hipathMonitorStart(Dialing("100")))
	// The same from a filter spelled out field by field.
	var spelled MonitorFilter
	for c, n := range lengths {
		p := spelled.Category(EventCategory(c))
		p.Length = n // Bytes nil: n zero bits
	}
	monVectorEncode(t, data, Invoke, 1, OpMonitorStart,
		&MonitorStartArgument{MonitorObject: DeviceObject(Dialing("100")), RequestedMonitorFilter: &spelled})
}

func TestVectorPBXMonitorStartResult(t *testing.T) {
	m, data := monVectorMessage(t, "pbx-monitorstart-result", ReturnResult, 1, OpMonitorStart)
	r, err := DecodeResult(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	want := &MonitorStartResult{CrossRefIdentifier: CrossRefID{0x00, 0x01}}
	if !reflect.DeepEqual(r, want) || r.(*MonitorStartResult).CrossRefIdentifier.String() != "0001" {
		t.Fatalf("decoded %+v", r)
	}
	monVectorEncode(t, data, ReturnResult, 1, OpMonitorStart, want)
}

func TestVectorClientMonitorStop(t *testing.T) {
	m, data := monVectorMessage(t, "client-monitorstop", Invoke, 2, OpMonitorStop)
	a, err := DecodeArgument(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	want := &MonitorStopArgument{CrossRefIdentifier: CrossRefID{0x00, 0x01}}
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("decoded %+v", a)
	}
	monVectorEncode(t, data, Invoke, 2, OpMonitorStop, want)
}

func TestVectorPBXMonitorStopResult(t *testing.T) {
	m, data := monVectorMessage(t, "pbx-monitorstop-result", ReturnResult, 2, OpMonitorStop)
	r, err := DecodeResult(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	want := &NoData{Op: OpMonitorStop}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("decoded %+v", r)
	}
	monVectorEncode(t, data, ReturnResult, 2, OpMonitorStop, want)
}

func TestVectorPBXSystemStatusInvoke(t *testing.T) {
	m, data := monVectorMessage(t, "pbx-systemstatus-invoke", Invoke, 1, OpSystemStatus)
	a, err := DecodeArgument(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	want := &SystemStatusArgument{SystemStatus: SystemNormal}
	if !reflect.DeepEqual(a, want) || a.(*SystemStatusArgument).SystemStatus.String() != "normal" {
		t.Fatalf("decoded %+v", a)
	}
	monVectorEncode(t, data, Invoke, 1, OpSystemStatus, want)
}

func TestVectorClientSystemStatusResult(t *testing.T) {
	m, data := monVectorMessage(t, "client-systemstatus-result", ReturnResult, 1, OpSystemStatus)
	r, err := DecodeResult(m.Opcode, m.Argument)
	if err != nil {
		t.Fatal(err)
	}
	want := &NoData{Op: OpSystemStatus}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("decoded %+v", r)
	}
	// The answer to the switch's SystemStatus: its invoke id, NULL.
	monVectorEncode(t, data, ReturnResult, 1, OpSystemStatus, NewResult(OpSystemStatus))
}
