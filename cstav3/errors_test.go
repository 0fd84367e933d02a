package cstav3

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestUniversalFailure(t *testing.T) {
	// Every branch, and a value of each, against hand-checked bytes
	// ([n] explicit around an ENUMERATED, or NULL for unspecified).
	tests := []struct {
		branch ErrorBranch
		name   string
		hex    string
	}{
		{OperationError, "generic", "a0030a0101"},
		{OperationError, "invalidCrossRefID", "a0030a0111"},
		{SecurityError, "generic", "a1030a0100"},
		{StateIncompatibility, "invalidDeviceState", "a2030a010f"},
		{SystemResourceAvailability, "generic", "a3030a0101"},
		{SubscribedResourceAvailability, "generic", "a4030a0101"},
		{PerformanceManagement, "generic", "a5030a0101"},
		{PrivateDataInfo, "cSTAPrivateDataInfoError", "a6030a0101"},
		{Unspecified, "unspecified", "a7020500"},
	}
	for _, tc := range tests {
		e, ok := NewError(tc.branch, tc.name)
		if !ok {
			t.Fatalf("%v %s: unknown", tc.branch, tc.name)
		}
		got, err := AppendError(nil, e)
		if err != nil || hex.EncodeToString(got) != tc.hex {
			t.Errorf("%v %s: %x %v, want %s", tc.branch, tc.name, got, err, tc.hex)
			continue
		}
		d, err := DecodeError(got)
		if err != nil || !errors.Is(d, e) || d.Name() != tc.name {
			t.Errorf("%s: decoded %v %v", tc.hex, d, err)
		}
	}
	e, _ := NewError(StateIncompatibility, "invalidDeviceState")
	if e.Error() != "cstav3: CSTA error stateIncompatibility: invalidDeviceState" {
		t.Errorf("message %q", e.Error())
	}
	// Every value of every branch has a name, and names map back.
	for b := OperationError; b < Unspecified; b++ {
		for v, n := range errorValueNames[b] {
			e, ok := NewError(b, n)
			if !ok || e.Value != v {
				t.Errorf("%v %s: %v", b, n, e)
			}
		}
	}
}

func TestOracleErrorVector(t *testing.T) {
	// universalFailure_returnError from testdata/oracle/vectors.tsv.
	data, _ := hex.DecodeString("a30b020103020101a2030a010f")
	var m Message
	if err := m.Decode(data); err != nil {
		t.Fatal(err)
	}
	if m.Type != ReturnError || m.InvokeID != 3 || m.ErrorCode != ErrorCodeUniversalFailure {
		t.Fatalf("%+v", m)
	}
	e, err := DecodeError(m.Argument)
	if err != nil || e.Branch != StateIncompatibility || e.Name() != "invalidDeviceState" {
		t.Fatalf("%v %v", e, err)
	}
	out, _ := m.Append(nil)
	if hex.EncodeToString(out) != hex.EncodeToString(data) {
		t.Fatalf("re-encoded %x", out)
	}
}
