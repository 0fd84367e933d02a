package ecma323

import (
	"errors"
	"strconv"
)

// Errors of the decoder. Every error DecodeRequest and Decode return wraps
// exactly one of them (match with errors.Is), with the details in its text.
var (
	// ErrMalformed: the input is not well-formed XML, declares a DOCTYPE or
	// entities, or holds a value the codec cannot map (a call id that is not
	// hex, an unknown enumeration value ...; see FieldError).
	ErrMalformed = errors.New("ecma323: malformed XML")
	// ErrUnknownRequest: the document element is not a message the codec
	// knows, or (DecodeRequest) not a request.
	ErrUnknownRequest = errors.New("ecma323: unknown request")
	// ErrTooLarge: the input exceeds the decoder's MaxSize or nests deeper
	// than its MaxDepth.
	ErrTooLarge = errors.New("ecma323: document too large")
)

// A FieldError reports a well-formed element whose value cannot be mapped to
// CSTA, so that a server can answer with the matching CSTAErrorCode (e.g.
// invalidCallID for a callID that is not one the bridge handed out). It
// matches ErrMalformed.
type FieldError struct {
	Path   string // element path below the document element, e.g. "callToBeAnswered/callID"
	Value  string
	Reason string
}

// Error returns the path of the field, the reason and the value.
func (e *FieldError) Error() string {
	return "ecma323: " + e.Path + ": " + e.Reason + ": " + strconv.Quote(e.Value)
}

// Unwrap makes a FieldError match ErrMalformed.
func (e *FieldError) Unwrap() error { return ErrMalformed }
