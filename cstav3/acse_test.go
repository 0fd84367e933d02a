package cstav3

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// vectorAuth is the calling-authentication-value of client-aarq-amhost: a
// HiPath's AMHOST/77777 (hipath.Credentials, whose tests decode it).
const vectorAuth = "a213a011a00f0406414d484f5354040537373737" + "37"

func TestAARQVector(t *testing.T) {
	want := vector(t, "client-aarq-amhost")
	auth, _ := hex.DecodeString(vectorAuth)
	a := &AARQ{Context: ContextCSTA, Authentication: auth, CSTAVersion: DefaultCSTAVersion}
	got, err := AppendAPDU(nil, a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("AARQ\n got %x\nwant %x", got, want)
	}
	d, err := DecodeAPDU(want)
	if err != nil {
		t.Fatal(err)
	}
	q, ok := d.(*AARQ)
	if !ok || !q.Context.Equal(ContextCSTA) || !bytes.Equal(q.Authentication, auth) ||
		q.CSTAVersion.Length != 16 || !bytes.Equal(q.CSTAVersion.Bytes, []byte{0x10, 0}) {
		t.Fatalf("decoded %#v", d)
	}
}

func TestABRTVector(t *testing.T) {
	want := vector(t, "client-abrt")
	got, err := AppendAPDU(nil, &ABRT{Source: 0, HasDiagnostic: true, Diagnostic: 1})
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("ABRT %x, %v; want %x", got, err, want)
	}
	d, err := DecodeAPDU(want)
	if err != nil {
		t.Fatal(err)
	}
	if a := d.(*ABRT); a.Source != 0 || !a.HasDiagnostic || a.Diagnostic != 1 {
		t.Fatalf("decoded %+v", a)
	}
}

func TestACSETable(t *testing.T) {
	stamp := bytes.Repeat([]byte{0xA5}, 16)
	tests := []struct {
		name string
		apdu APDU
		hex  string
	}{
		{"AARE accepted", &AARE{Context: ContextCSTA, Result: Accepted,
			ResponderRequirements: ber.BitString{Bytes: []byte{0x80}, Length: 2},
			APSStamp:              stamp, SystemVersion: []byte("V9"), CSTAVersion: DefaultCSTAVersion},
			"6144a10706052b0c00815a" + "a203020100" + "a305a103020100" + "88020680" +
				"aa1ca21aa018a1160410" + hex.EncodeToString(stamp) + "04025639" +
				"be0b2809a007a0050303001000"},
		{"AARE auth failure", &AARE{Context: ContextCSTA, Result: RejectedPermanent,
			Diagnostic: AssociateDiagnostic{Value: DiagnosticAuthenticationFailure}},
			"6115a10706052b0c00815aa203020101a305a10302010d"},
		{"AARE provider", &AARE{Context: ContextCSTA, Result: RejectedTransient,
			Diagnostic: AssociateDiagnostic{Provider: true, Value: 2}},
			"6115a10706052b0c00815aa203020102a305a203020102"},
		{"AARQ no auth", &AARQ{Context: ContextCSTA}, "6009a10706052b0c00815a"},
		// Another dialect's authentication, a charstring [0]: carried as is.
		{"AARQ charstring auth", &AARQ{Context: ContextCSTA, Authentication: []byte("\x80\x06secret")},
			"6017a10706052b0c00815a" + "8a020680" + "ac08" + "8006736563726574"},
		{"RLRQ normal", &RLRQ{HasReason: true}, "6203800100"},
		{"RLRQ empty", &RLRQ{}, "6200"},
		{"RLRE normal", &RLRE{HasReason: true}, "6303800100"},
		{"ABRT provider", &ABRT{Source: 1}, "6403800101"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := AppendAPDU(nil, tc.apdu)
			if err != nil {
				t.Fatal(err)
			}
			if hex.EncodeToString(got) != tc.hex {
				t.Fatalf("encode\n got %x\nwant %s", got, tc.hex)
			}
			d, err := DecodeAPDU(got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(d, tc.apdu) {
				t.Fatalf("decode\n got %#v\nwant %#v", d, tc.apdu)
			}
		})
	}
}

func TestAAREErrors(t *testing.T) {
	tests := []struct {
		aare   AARE
		target error
	}{
		{AARE{Result: RejectedPermanent, Diagnostic: AssociateDiagnostic{Value: 13}}, ErrAuthFailed},
		{AARE{Result: RejectedPermanent, Diagnostic: AssociateDiagnostic{Value: 1}}, ErrRejectedPermanent},
		{AARE{Result: RejectedTransient, Diagnostic: AssociateDiagnostic{Value: 1}}, ErrRejectedTransient},
	}
	for _, tc := range tests {
		err := tc.aare.Err()
		if !errors.Is(err, tc.target) {
			t.Errorf("%v does not match %v", err, tc.target)
		}
		var ae *AssociationError
		if !errors.As(err, &ae) || ae.Result != tc.aare.Result {
			t.Errorf("%v is not an AssociationError", err)
		}
	}
	if (&AARE{Result: Accepted}).Err() != nil {
		t.Error("accepted AARE reports an error")
	}
	if got := (&AARE{Result: 1, Diagnostic: AssociateDiagnostic{Value: 13}}).Err().Error(); got !=
		"cstav3: association rejected-permanent: authentication-failure" {
		t.Errorf("message %q", got)
	}
}

func TestACSEMalformed(t *testing.T) {
	full := vector(t, "client-aarq-amhost")
	for i := 0; i < len(full); i++ {
		if _, err := DecodeAPDU(full[:i]); err == nil {
			t.Fatalf("truncated at %d decoded", i)
		}
	}
	if _, err := DecodeAPDU([]byte{0x65, 0x00}); !errors.Is(err, ber.ErrTag) {
		t.Fatalf("unknown APDU: %v", err)
	}
	if _, err := DecodeAPDU([]byte{0x61, 0x00}); !errors.Is(err, ber.ErrMissing) {
		t.Fatalf("empty AARE: %v", err)
	}
}
