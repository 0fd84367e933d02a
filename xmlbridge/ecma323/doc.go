// Package ecma323 is the ECMA-323 codec: the XML encoding of CSTA, every
// edition (ed2–ed6, under the ecma-international.org and ecma.ch forms of
// the namespace) and the ECMA-354 application session messages. It maps
// cstav3 events, requests and responses to encoding/xml structs and back,
// and it knows nothing of consumers, sessions or transports (package
// xmlbridge) nor of how documents are delimited on a stream (package
// framing).
//
// The pieces:
//
//   - namespace.go: Edition, the namespaces, ParseNamespace.
//   - events.go, events_device.go, services.go, monitor.go, session.go,
//     device.go, common.go: the XML structs, one per element.
//   - messages.go: the table, one row per message: element name, Kind,
//     session flag, XML constructor, the cstav3 key (event type or
//     operation) and the to-XML and from-XML mappings. Decode, NewMessage,
//     Messages, EventToXML, ArgumentToXML, ResultToXML and their FromXML
//     inverses (map.go) all look messages up here.
//   - map_*.go: the mappings themselves; box.go and map_scratch.go hold the
//     reusable values of the call-control events, so that the bridge's event
//     path (Encoder.AppendEvent) allocates nothing per event.
//   - decode.go, encode.go, marshal*.go, write.go: Decoder and Encoder; the
//     Encoder writes the bytes xml.Marshal would, from a plan per type.
//   - soap.go: the body of a SOAP 1.1/1.2 envelope (ExtractSOAPBody).
//   - errors.go: ErrMalformed, ErrUnknownRequest, ErrTooLarge, *FieldError.
//
// Adding an event: its XML struct (events*.go), its mapping (a func from
// the cstav3 event, into a box for the call-control events, and a
// codecMapper method back; map_events_*.go or map_device_events.go) and its
// row in messages.go. Adding a service: its request and response structs
// (services.go or monitor.go), their mappings (map_services.go or
// map_monitor.go) and two rows; a response that carries nothing but
// extensions needs only its struct and an emptyResponse row.
package ecma323
