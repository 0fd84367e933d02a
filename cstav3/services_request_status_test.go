package cstav3

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestRequestSystemStatus(t *testing.T) {
	tests := []struct {
		name string
		v    interface {
			Opcode() Opcode
		}
		hex string
	}{
		{"arg empty", &RequestSystemStatusArgument{}, "3000"},
		{"arg register", &RequestSystemStatusArgument{SysStatRegisterID: []byte{1, 2}}, "30040402" + "0102"},
		{"result normal", &RequestSystemStatusResult{SystemStatus: SystemNormal}, "30030a0102"},
	}
	for _, tc := range tests {
		var out []byte
		var err error
		switch v := tc.v.(type) {
		case Argument:
			out, err = AppendArgument(nil, v)
		}
		if r, ok := tc.v.(*RequestSystemStatusResult); ok {
			out, err = AppendResult(nil, r)
		}
		if err != nil || hex.EncodeToString(out) != tc.hex {
			t.Errorf("%s: %x %v, want %s", tc.name, out, err, tc.hex)
		}
	}
	r, err := DecodeResult(OpRequestSystemStatus, []byte{0x30, 0x03, 0x0a, 0x01, 0x02})
	if err != nil || r.(*RequestSystemStatusResult).SystemStatus != SystemNormal {
		t.Fatalf("%v %v", r, err)
	}
	if _, err := DecodeResult(OpRequestSystemStatus, []byte{0x30, 0x00}); err == nil {
		t.Fatal("result without status decoded")
	}
	if OpRequestSystemStatus.String() != "requestSystemStatus" {
		t.Fatal(OpRequestSystemStatus.String())
	}
}

func TestRejectErrorIs(t *testing.T) {
	var err error = &RejectError{Problem: ProblemUnrecognizedOperation}
	if !errors.Is(err, &RejectError{Problem: ProblemUnrecognizedOperation}) || errors.Is(err, &RejectError{}) {
		t.Fatal("RejectError.Is")
	}
	if MustError(StateIncompatibility, "invalidDeviceState").Value != 15 {
		t.Fatal("MustError")
	}
}
