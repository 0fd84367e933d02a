package ber

import (
	"errors"
	"strconv"
)

// Sentinel errors; every error returned by this package wraps one of them.
var (
	ErrTruncated   = errors.New("truncated")
	ErrLength      = errors.New("invalid length")
	ErrTag         = errors.New("unexpected tag")
	ErrOverflow    = errors.New("integer too large")
	ErrInvalid     = errors.New("invalid encoding")
	ErrTooDeep     = errors.New("nesting too deep")
	ErrTrailing    = errors.New("trailing bytes")
	ErrMissing     = errors.New("missing mandatory element")
	ErrUnsupported = errors.New("unsupported encoding")
)

// A SyntaxError says what went wrong, at which byte offset of the input and,
// when the caller has added it with Field, in which field.
type SyntaxError struct {
	Path   string // dotted field path, outermost first; may be empty
	Offset int    // offset of the offending byte in the whole input
	Detail string // e.g. "length" or the tag found
	Err    error  // one of the sentinel errors
}

// Error returns the path of the field, the sentinel error and the detail.
func (e *SyntaxError) Error() string {
	s := ""
	if e.Path != "" {
		s = e.Path + ": "
	}
	s += e.Err.Error()
	if e.Detail != "" {
		s += " " + e.Detail
	}
	return s + " at offset " + strconv.Itoa(e.Offset)
}

// Unwrap returns the sentinel error, so that errors.Is finds it.
func (e *SyntaxError) Unwrap() error { return e.Err }

// syntaxErr is kept out of line: the decoders' hot paths call it only on
// bad input, and inlined it would crowd them.
//
//go:noinline
func syntaxErr(kind error, off int, detail string) error {
	return &SyntaxError{Offset: off, Err: kind, Detail: detail}
}

// Field prefixes the path of a *SyntaxError with name, so that an error deep
// in a structure reads "DeliveredEvent.callingDevice: …". Other errors and
// nil are returned unchanged. It is meant for error paths only.
//
// Decoders call it on every field, mostly with a nil error: that case is
// inlined and costs nothing, while the rest lives in fieldPath, whose
// errors.As target escapes to the heap.
func Field(name string, err error) error {
	if err == nil {
		return nil
	}
	return fieldPath(name, err)
}

func fieldPath(name string, err error) error {
	var se *SyntaxError
	if !errors.As(err, &se) {
		return err
	}
	if se.Path == "" {
		se.Path = name
	} else {
		se.Path = name + "." + se.Path
	}
	return se
}
