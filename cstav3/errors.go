package cstav3

import (
	"errors"
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// ErrorBranch, its constants, String and ParseErrorBranch, and the value
// names of each branch are generated from error-definition.asn1
// (errors_gen.go).

// ErrorCodeUniversalFailure is the ROSE errcode of universalFailure, the one
// error every CSTA operation reports.
const ErrorCodeUniversalFailure = 1

// Error is a CSTA universalFailure returned by the switch: the branch and
// the value within it (ECMA-269 clause 9). Its names are the ASN.1
// identifiers, as the XML CSTAErrorCode element uses them.
type Error struct {
	Branch ErrorBranch
	Value  int // meaningless for Unspecified, whose value is NULL
}

// NewError returns the Error with the ASN.1 value name of a branch, e.g.
// NewError(StateIncompatibility, "invalidDeviceState").
func NewError(branch ErrorBranch, name string) (*Error, bool) {
	if int(branch) >= len(errorValueNames) {
		return nil, false
	}
	if branch == Unspecified {
		return &Error{Branch: Unspecified}, name == "" || name == "unspecified"
	}
	if v, ok := enumParse(errorValueNames[branch], name); ok {
		return &Error{Branch: branch, Value: v}, true
	}
	return nil, false
}

// Name returns the ASN.1 name of the error value, e.g. "invalidDeviceState".
func (e *Error) Name() string {
	if e.Branch == Unspecified {
		return "unspecified"
	}
	if int(e.Branch) < len(errorValueNames) {
		return enumString(errorValueNames[e.Branch], e.Value, "value")
	}
	return strconv.Itoa(e.Value)
}

// Error returns the branch and the value name of the CSTA error.
func (e *Error) Error() string {
	return "cstav3: CSTA error " + e.Branch.String() + ": " + e.Name()
}

// Is matches another *Error with the same branch and value, so that callers
// can compare against a value made with NewError.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Branch == e.Branch && (e.Branch == Unspecified || t.Value == e.Value)
}

// encode writes the UniversalFailure CHOICE (each branch explicitly tagged).
func (e *Error) encode(b *ber.Builder) {
	b.AddConstructed(ber.Context(uint32(e.Branch)), func(b *ber.Builder) {
		if e.Branch == Unspecified {
			b.AddNull(ber.TagNull)
			return
		}
		b.AddInt(ber.TagEnumerated, e.Value)
	})
}

func (e *Error) decode(el ber.Element) error {
	if el.Tag.Class() != ber.ClassContext || !el.Tag.IsConstructed() || el.Tag.Number() > uint32(Unspecified) {
		return tagError(el)
	}
	e.Branch = ErrorBranch(el.Tag.Number())
	v, err := explicitInner(el)
	if err != nil {
		return ber.Field(e.Branch.String(), err)
	}
	if e.Branch == Unspecified {
		return ber.Field("unspecified", v.Null())
	}
	return ber.Field(e.Branch.String(), decodeEnum(v, &e.Value))
}

// AppendError appends the encoding of the universalFailure parameter.
func AppendError(buf []byte, e *Error) ([]byte, error) {
	var b ber.Builder
	b.ResetAppend(buf)
	e.encode(&b)
	return b.Bytes()
}

// DecodeError decodes a universalFailure parameter element.
func DecodeError(data []byte) (*Error, error) {
	e := new(Error)
	return e, decodeWhole(data, e.decode, "universalFailure")
}

// RejectError is returned when the peer rejects a request with a ROSE
// Reject.
type RejectError struct{ Problem RejectProblem }

// Error returns the ROSE reject problem.
func (e *RejectError) Error() string { return "cstav3: request rejected: " + e.Problem.String() }

// Is matches another *RejectError with the same problem.
func (e *RejectError) Is(target error) bool {
	t, ok := target.(*RejectError)
	return ok && t.Problem == e.Problem
}

// MustError is NewError for names known to be right, such as constants in a
// switch simulator; it panics on an unknown name.
func MustError(branch ErrorBranch, name string) *Error {
	e, ok := NewError(branch, name)
	if !ok {
		panic("cstav3: no error " + name + " in branch " + branch.String())
	}
	return e
}

// ErrLinkDown is returned for requests that cannot complete because the link
// to the switch is down or went down while they were in flight.
var ErrLinkDown = errors.New("cstav3: link down")
