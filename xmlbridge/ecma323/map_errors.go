package ecma323

import (
	"reflect"
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the universalFailure CHOICE to CSTAErrorCode. The element of
// each branch is named for it (cstav3.ErrorBranch's names, generated from
// error-definition.asn1), so the mapping is read off the struct's XML names
// once, at init, instead of being a second list of the branches.

// codecErrorFields are the indexes of the fields of CSTAErrorCode, by
// cstav3.ErrorBranch.
var codecErrorFields = errorFields(reflect.TypeFor[CSTAErrorCode]())

// errorFields maps every branch of cstav3.ErrorBranch to the field of t
// whose XML name is the branch's name: a string, or a pointer for
// unspecified, whose element is empty. A field that names no branch or the
// same as another, or a branch without a field of its kind, is a mistake in
// CSTAErrorCode: it panics at init, so that no test run misses it.
func errorFields(t reflect.Type) []int {
	var idx []int // 0 is XMLName's: no field yet
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Name == "XMLName" {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("xml"), ",")
		b, ok := cstav3.ParseErrorBranch(name)
		if !ok || i == 0 || int(b) < len(idx) && idx[b] != 0 {
			panic("ecma323: " + t.Name() + "." + f.Name + ": not the element of one universalFailure branch")
		}
		if int(b) >= len(idx) {
			idx = append(idx, make([]int, int(b)+1-len(idx))...)
		}
		idx[b] = i
	}
	for b, i := range idx {
		kind := reflect.String
		if cstav3.ErrorBranch(b) == cstav3.Unspecified {
			kind = reflect.Pointer
		}
		if i == 0 || t.Field(i).Type.Kind() != kind {
			panic("ecma323: " + t.Name() + ": no element for branch " + cstav3.ErrorBranch(b).String())
		}
	}
	if _, ok := cstav3.ParseErrorBranch(cstav3.ErrorBranch(len(idx)).String()); ok || len(idx) == 0 {
		panic("ecma323: " + t.Name() + ": no element for branch " + cstav3.ErrorBranch(len(idx)).String())
	}
	return idx
}

// ErrorToXML maps a universalFailure to CSTAErrorCode: the element of its
// branch holding the value's name, or unspecified.
func ErrorToXML(e *cstav3.Error) *CSTAErrorCode {
	x := &CSTAErrorCode{}
	if e.Branch == cstav3.Unspecified || int(e.Branch) >= len(codecErrorFields) {
		x.Unspecified = &Empty{}
		return x
	}
	reflect.ValueOf(x).Elem().Field(codecErrorFields[e.Branch]).SetString(e.Name())
	return x
}

// ErrorFromXML maps CSTAErrorCode back to a universalFailure: the first
// branch, in tag order, whose element has a value; unspecified if none has.
func ErrorFromXML(x *CSTAErrorCode) (*cstav3.Error, error) {
	v := reflect.ValueOf(x).Elem()
	for b, i := range codecErrorFields {
		br := cstav3.ErrorBranch(b)
		if br == cstav3.Unspecified || v.Field(i).String() == "" {
			continue
		}
		s := strings.TrimSpace(v.Field(i).String())
		e, ok := cstav3.NewError(br, s)
		if !ok {
			return nil, &FieldError{Path: br.String(), Value: s, Reason: "unknown error value"}
		}
		return e, nil
	}
	return &cstav3.Error{Branch: cstav3.Unspecified}, nil
}
