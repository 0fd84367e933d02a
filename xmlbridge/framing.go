package xmlbridge

import "errors"

// The consumer transports of the bridge cut a byte stream into XML documents
// in one of three ways: the ECMA-323 Annex J.2 8-byte header (ECSS-10 and the
// CSTA XML servers of Avaya, Zultys and OpenScape; framing_header.go), a NUL
// after each document (uni-tel; framing_nul.go), or one document per HTTP
// request (SOAP 1.1, snom; transport_soap*.go). These pieces know nothing of
// CSTA: they move raw XML documents as []byte.

// DefaultMaxMessage is the largest XML document a reader accepts when no
// limit is configured. CSTA documents are a few KiB (the largest seed
// document, a DeliveredEvent, is under 2 KiB); 1 MiB leaves room for big
// snapshots while keeping what one peer can make us buffer small.
const DefaultMaxMessage = 1 << 20

// ErrMessageTooLarge is matched (errors.Is) by the error of a reader that
// meets a document larger than its limit, and of a writer asked to frame a
// document its format or limit cannot carry. Readers detect it before
// allocating the document; after it the stream position is unknown and the
// connection has to be closed.
var ErrMessageTooLarge = errors.New("xmlbridge: message too large")
