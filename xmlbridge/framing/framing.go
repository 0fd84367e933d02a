// Package framing cuts a byte stream into XML documents and back, the way
// the TCP consumers of an ECMA-323 server delimit them. It knows nothing of
// CSTA: it moves raw documents as []byte and imports only the standard
// library, so that a bridge, a test client or a benchmark can frame
// documents without the codec.
//
// Two framings are implemented:
//
//   - the ECMA-323 Annex J.2 8-byte header (ECSS-10 and the CSTA XML servers
//     of Avaya, Zultys and OpenScape): HeaderReader, AppendHeader and
//     HeaderOptions.AppendMessage, in header.go;
//   - a NUL after each document (uni-tel): NULReader and AppendNUL, in nul.go.
//
// The third way a consumer sends documents, one per HTTP request (SOAP 1.1,
// snom), is HTTP's own framing; the SOAP envelope is the codec's
// (package ecma323) and the HTTP transport the bridge's (package xmlbridge).
//
// Readers check every length against a limit before they allocate, and
// their ReadMessageInto methods read into a buffer the caller passes back,
// so that a read loop allocates nothing per document.
package framing

import "errors"

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
var ErrMessageTooLarge = errors.New("framing: message too large")
