package cstav3

import "strconv"

// The enumerations of the ECMA-285 modules, their constants, name tables,
// String and Parse functions are generated (cause_gen.go, enums_gen.go,
// errors_gen.go; internal/enumgen says which): the names are the ASN.1
// identifiers, which ECMA-323 uses as XML values. Below are the helpers
// they share.

//go:generate go run ../internal/enumgen -asn1 ../testdata/asn1/csta -out .

// enumName returns the name of v in names, typ(v) for a number without one.
func enumName(names map[int]string, v int, typ string) string {
	if s, ok := names[v]; ok {
		return s
	}
	return typ + "(" + strconv.Itoa(v) + ")"
}

// enumParse returns the value named s in names.
func enumParse[T ~int](names map[T]string, s string) (T, bool) {
	for v, n := range names {
		if n == s {
			return v, true
		}
	}
	return 0, false
}
