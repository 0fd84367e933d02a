// Package ber reads and writes the Basic Encoding Rules of ASN.1 (X.690)
// one tag-length-value element at a time.
//
// It knows nothing about any particular protocol: the CSTA layer above walks
// the elements in the order its ASN.1 modules define, and this package gives
// it the tags, lengths and primitive values.
//
// A Reader hands out elements that point into the input without copying, so
// decoding costs no allocation; the values it returns alias the input, which
// must therefore not be modified while they are in use. A Builder appends
// elements to a caller's slice, always with minimal definite lengths, so that
// a reused buffer makes encoding allocation-free.
//
// Errors are *SyntaxError values carrying the byte offset of the problem and,
// once the layers above have added them, the path of the field being read.
// They unwrap to one of the sentinel errors (ErrTruncated, ErrLength, …) so
// callers can match the kind with errors.Is.
package ber
