// Package cstav3 is the computing-function side of CSTA Phase III: the
// ECMA-269 services and events in the ECMA-285 BER encoding, over the TCP
// link of a PBX. It is generic: what a PBX family does its own way is a
// dialect, which a package of its own supplies as options (package hipath
// for Siemens HiPath 3000/4000 and OpenScape Business).
//
// # Dialects
//
// A dialect plugs in at three places, each an Option:
//
//   - framing: how PDUs are delimited on the stream, a Framing given to
//     WithFraming. Without it a Client uses LengthPrefix, a two-byte
//     big-endian length before each PDU, as most CSTA III PBXs do
//     (hipath.Framing is HiPath's 0x26 header);
//   - authentication: the calling-authentication-value of the AARQ, whose
//     content the PBX defines, already encoded, given to
//     WithAuthentication (hipath.WithAuth encodes HiPath's user name and
//     password). Without it no authentication is sent;
//   - defaults: the monitor filter Monitor sends when given none
//     (WithDefaultMonitorFilter; without it none is sent), the application
//     context and CSTA version (WithApplicationContext; ContextCSTA and
//     DefaultCSTAVersion without it) and the time zone of zone-less
//     timestamps (WithLocation).
//
// A dialect package gathers these in one list of options (hipath.Options)
// and a Dial of its own; the options given after it override it.
//
// # The client
//
// Dial, or Connect on a connection of the caller's, associates with the
// switch (ACSE AARQ/AARE) and returns a Client. Requests — the typed methods
// such as MakeCall and AnswerCall, or Do for any Argument — are ROSE invokes
// matched to their answers by invoke id, each bound to its context: a
// universalFailure comes back as an *Error, a ROSE reject as a *RejectError,
// a lost link as ErrLinkDown.
//
// Monitor starts a monitor of a device. Its events reach typed callbacks,
// OnEvent or a channel one at a time, in the switch's order, from a
// dispatcher goroutine behind a bounded queue: a slow application never
// stalls the socket reader, and events beyond the queue are dropped and
// counted. The client answers the switch's SystemStatus, sends its own when
// the link is quiet, and when the link is lost associates again with backoff
// (WithReconnect) and starts every monitor again. A monitor the switch
// refuses or ends (ErrMonitorEnded) is retried and reported through
// MonitorConfig.OnError and OnResume.
//
// A Client is safe for concurrent use. Nothing is configured globally: every
// setting is an Option of a Client.
//
// # The codec
//
// What the client sends and receives can be used alone: frames of a
// Framing (FrameReader, AppendFrame), ACSE APDUs (DecodeAPDU, AppendAPDU), ROSE
// messages (Message), service arguments and results (DecodeArgument,
// AppendArgument, DecodeResult, AppendResult) and event reports
// (DecodeEventReport, EventDecoder, AppendEventFrame). Decoders walk the
// tags, skip what they do not model, and report bad input as a
// *ber.SyntaxError with the field path and byte offset; decoded values alias
// the input. Enumerated values print as their ASN.1 identifiers, which the
// XML bridge uses as ECMA-323 values.
package cstav3
