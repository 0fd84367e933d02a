// Package xmlbridge makes a Siemens HiPath, which speaks CSTA Phase III in
// ASN.1 BER, look like an ECMA-323 XML CSTA server, so that applications
// written for one (the ECSS-10 CSTA API, uni-tel's CSTA TCP API, a snom
// phone's SOAP endpoint) can monitor and drive the PBX.
//
// # Packages
//
// The bridge is the server; two packages below it hold what it speaks.
// Package ecma323 is the codec: it maps every cstav3 event, request and
// response to its encoding/xml struct and back through one table of
// messages; its Decoder reads any edition's namespace (ed2–ed6,
// ecma-international.org and ecma.ch forms), with or without prefixes, bare
// or in a SOAP envelope, and its Encoder writes the namespace a consumer
// negotiated. HiPath's binary call ids appear in XML as lowercase hex and
// map back exactly. Package framing cuts a byte stream into documents: the
// ECMA-323 Annex J.2 8-byte header (framing.HeaderReader,
// framing.AppendHeader; invoke id 9999 marks what the server sends on its
// own) and a NUL after each document (framing.NULReader, framing.AppendNUL).
// The third way, SOAP 1.1 over HTTP (SOAPHandler, EventStream), is here.
//
// # Server
//
// Server is the bridge: one cstav3.Client to the PBX on one side, XML
// consumers on the other, on any subset of three listeners — ServeHeader
// (ECSS-10), ServeNUL (uni-tel) and ServeSOAP or HTTPHandler (snom). Every
// listener takes the same optional TLS configuration.
//
// A Transport is all the server knows of one way of reaching consumers:
// how documents arrive, how answers and events leave, and which edition a
// consumer gets before it negotiates one. HeaderTransport, NULTransport and
// SOAPTransport are the three; Server.Serve(ln, t) serves any of them, and
// ServeHeader, ServeNUL and ServeSOAP are Serve with each. The transports
// over a byte stream share one consumer (consumer.go: a reader goroutine, a
// single writer draining a bounded queue, the login deadline), so sessions,
// quotas, requests and fan-out are written once for all of them.
//
// Consumers open ECMA-354 application sessions: StartApplicationSession
// carries a login (ECSS-10's SessionLoginInfo or uni-tel's vendorData form)
// checked against Config.Users; until then only session requests are
// served, anything else gets a CSTAErrorCode (securityViolation). A session
// lives for the duration granted in the positive response and is kept alive
// by ResetApplicationSessionTimer; one that is not renewed expires, its
// monitors are stopped and, on TCP, its connection is closed.
//
// HTTP is stateless, so an HTTP consumer names its session on every request
// with the X-CSTA-Session-ID header (or the sessionID query parameter) after
// a StartApplicationSession POST, and receives its events on a long-lived
// GET of the same path (see EventStream). A consumer that needs no events,
// such as a snom-style click-to-dial application, may instead send HTTP
// Basic credentials of a configured user with each request; it gets no
// monitors, since there would be nowhere to deliver their events. A
// request with neither gets 401 and a Basic challenge, unless it is a
// session request (of at most 8 KiB, read within 5 s): credentials are
// checked before a body is read. While no stream is attached, a session
// keeps only the newest Config.HTTPBufferedEvents events.
//
// Every listener sheds load before it reads: each counts its connections
// against the bridge-wide Config.MaxConns (the descriptors the process may
// open, minus a reserve for the PBX link), an HTTP listener also against
// Config.HTTPMaxConns and Config.HTTPMaxConnsPerIP, and a connection beyond
// a cap is closed as it is accepted. An HTTP request's header and body
// each have a deadline (Config.HTTPHeaderTimeout, Config.HTTPBodyTimeout).
//
// Monitors are multiplexed: however many consumers monitor a device, the
// PBX sees one monitor (started with the client's default filter, on a
// HiPath every event); it stops with the last consumer. Each consumer
// monitor has its own monitorCrossRefID and its own filter, applied by the
// bridge. An event is encoded once per namespace in use and queued to each
// consumer's bounded queue, which its own writer goroutine drains: a
// consumer that stops reading is disconnected (Config.SlowConsumer) and
// never slows the PBX link or the other consumers.
//
// Link loss and recovery of the PBX link are reported to every session as
// SystemStatus (disabled, then enabled); consumer monitors survive, as the
// client starts its monitors again after reconnecting.
package xmlbridge
