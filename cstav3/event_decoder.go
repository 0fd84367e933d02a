package cstav3

import "github.com/cstav3/cstav3/ber"

// An EventDecoder decodes CSTAEventReport arguments into values it keeps
// and reuses: once it has seen an event type, decoding another event of that
// type allocates only for the parts that are lists or rarely present
// (connection lists, call linkage data, DeviceID details): nothing for the
// Delivered, Established, ConnectionCleared, Originated, Held, Retrieved or
// Failed events HiPath sends. The report that Decode returns, its event and everything they hold
// are valid until the next call to Decode, and they alias the argument
// bytes, as everything the package decodes does.
//
// Use it where each event is handled before the next one is read
// (converting, filtering, recording, counting); use DecodeEventReport for
// events that are queued or kept. The zero value is ready to use. An
// EventDecoder is not safe for concurrent use.
type EventDecoder struct {
	report EventReport
	events map[EventType]Event
	// last is the event of the previous Decode: streams often repeat a type.
	last Event
}

// Decode decodes the argument of a CSTAEventReport invoke (the whole
// argument element, as Message.Argument holds it). Event types the package
// does not model decode to a *RawEvent, which is allocated.
func (d *EventDecoder) Decode(argument []byte) (*EventReport, error) {
	rd := ber.NewReader(argument)
	var e ber.Element
	if err := readExpect(&rd, &e, ber.TagSequence); err != nil {
		return nil, ber.Field("CSTAEventReportArgument", err)
	}
	cross, ev, err := decodeEventReport(e, d.event)
	if err != nil {
		return nil, err
	}
	d.report = EventReport{CrossRef: cross, Event: ev}
	return &d.report, nil
}

// event returns the kept event of type t, making it the first time.
func (d *EventDecoder) event(t EventType) Event {
	if d.last != nil && d.last.Type() == t {
		return d.last
	}
	if ev, ok := d.events[t]; ok {
		d.last = ev
		return ev
	}
	ev := newEvent(t)
	if ev == nil {
		return nil
	}
	if d.events == nil {
		d.events = make(map[EventType]Event)
	}
	d.events[t] = ev
	d.last = ev
	return ev
}
