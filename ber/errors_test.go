package ber

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestSyntaxError(t *testing.T) {
	tests := []struct {
		err  *SyntaxError
		want string
	}{
		{&SyntaxError{Offset: 3, Err: ErrTrailing}, "trailing bytes at offset 3"},
		{&SyntaxError{Offset: 0, Err: ErrTruncated, Detail: "tag"}, "truncated tag at offset 0"},
		{&SyntaxError{Path: "a.b", Offset: 17, Err: ErrTag, Detail: "[3]"}, "a.b: unexpected tag [3] at offset 17"},
		{&SyntaxError{Path: "x", Offset: 1, Err: ErrOverflow}, "x: integer too large at offset 1"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, tt.err.Err) {
			t.Errorf("errors.Is(%v, %v) false", tt.err, tt.err.Err)
		}
	}

	// From a real decode, with Field adding the path outermost-last.
	r := NewReader(hx("30 04 02 05 01 02"))
	e, _ := r.Next()
	cr := e.Reader()
	_, err := cr.Next()
	err = Field("callingDevice", err)
	err = Field("DeliveredEvent", err)
	if got, want := err.Error(), "DeliveredEvent.callingDevice: truncated content at offset 3"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	sentinels := []error{ErrTruncated, ErrLength, ErrTag, ErrOverflow, ErrInvalid, ErrTooDeep, ErrTrailing, ErrMissing, ErrUnsupported}
	for _, s := range sentinels {
		if errors.Is(err, s) != (s == ErrTruncated) {
			t.Errorf("errors.Is(err, %v) = %v", s, !(s == ErrTruncated))
		}
	}
	var se *SyntaxError
	if !errors.As(err, &se) || se.Path != "DeliveredEvent.callingDevice" || se.Offset != 3 {
		t.Errorf("errors.As: %+v", se)
	}
	// Wrapped further, errors.Is and Field still see through.
	w := fmt.Errorf("decoding: %w", err)
	if !errors.Is(w, ErrTruncated) {
		t.Error("errors.Is through fmt wrapper")
	}
	if got := Field("pdu", w); !strings.HasPrefix(got.Error(), "pdu.DeliveredEvent.callingDevice: ") {
		t.Errorf("Field through wrapper: %v", got)
	}

	// Field leaves nil and foreign errors alone.
	if Field("x", nil) != nil {
		t.Error("Field(nil) != nil")
	}
	other := errors.New("other")
	if Field("x", other) != other {
		t.Error("Field changed a foreign error")
	}
	if Field("x", ErrBuild) != ErrBuild {
		t.Error("Field changed ErrBuild")
	}
}

func TestSentinelsDistinct(t *testing.T) {
	s := []error{ErrTruncated, ErrLength, ErrTag, ErrOverflow, ErrInvalid, ErrTooDeep, ErrTrailing, ErrMissing, ErrUnsupported, ErrBuild}
	for i := range s {
		for j := range s {
			if i != j && errors.Is(s[i], s[j]) {
				t.Errorf("%v is %v", s[i], s[j])
			}
		}
	}
}

// allocInput is a small nested structure like a CSTA event:
// [APPLICATION 1] { INTEGER 5, [0] { SEQUENCE { [0] IA5 "100", ENUMERATED 22 } },
// NULL, OCTET STRING "b164" }
var allocInput = hx("61 19 02 01 05 a0 0c 30 0a 80 03 31 30 30 0a 01 16 05 00 05 00 04 04 62 31 36 34")
