package cstav3

import (
	"slices"
	"strconv"
)

// The enumerations of the ECMA-285 modules, their constants, name tables,
// String and Parse functions are generated (cause_gen.go, enums_gen.go,
// errors_gen.go; internal/enumgen says which): the names are the ASN.1
// identifiers, which ECMA-323 uses as XML values. Below are the helpers
// they share.

//go:generate go run ../internal/enumgen -asn1 ../testdata/asn1/csta -out .

// integer is the underlying types of the enumerations.
type integer interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32
}

// enumString returns the name of v in names, or typ(v) for a number
// without one: the String of an enumeration whose values have gaps.
func enumString[T integer](names map[T]string, v T, typ string) string {
	if s, ok := names[v]; ok {
		return s
	}
	return unnamed(typ, v)
}

// indexString returns names[v], or typ(v) for a number past its end: the
// String of an enumeration numbered from 0.
func indexString[T integer](names []string, v T, typ string) string {
	if v >= 0 && uint64(v) < uint64(len(names)) {
		return names[v]
	}
	return unnamed(typ, v)
}

// unnamed returns typ(v), how String shows a number without a name.
func unnamed[T integer](typ string, v T) string {
	return typ + "(" + strconv.FormatInt(int64(v), 10) + ")"
}

// enumParse returns the value named s in names.
func enumParse[T integer](names map[T]string, s string) (T, bool) {
	for v, n := range names {
		if n == s {
			return v, true
		}
	}
	return 0, false
}

// indexParse returns the index of the name s in names, as a T.
func indexParse[T integer](names []string, s string) (T, bool) {
	i := slices.Index(names, s)
	return T(max(i, 0)), i >= 0
}
