package ecma323

import (
	"errors"
	"fmt"
	"reflect"

	"github.com/cstav3/cstav3/cstav3"
)

// The mapping between cstav3 values and the XML structs. Each function here
// looks the message up in the table of messages.go and calls its row's
// mapping; none of them knows a message by name.

// EventToXML maps a cstav3 event to its ECMA-323 struct (a pointer, e.g.
// *DeliveredEvent), with xref as its monitorCrossRefID: the bridge names
// monitors per consumer, so the switch's cross-reference is not used. The
// struct has no namespace yet; the Encoder gives it the consumer's. Events
// cstav3 does not type (*cstav3.RawEvent) have no ECMA-323 form here and
// return an error.
func EventToXML(ev cstav3.Event, xref string) (any, error) {
	if ev == nil {
		return nil, errors.New("ecma323: nil event")
	}
	// No scratch: the row makes a new box, values of their own.
	if r := eventMessage(ev.Type()); r != nil {
		if x, _, ok := r.toXML(nil, r.slot, ev, xref); ok {
			return x, nil
		}
	}
	return nil, errNoEventMapping(ev)
}

func errNoEventMapping(ev cstav3.Event) error {
	return fmt.Errorf("ecma323: %s has no ECMA-323 mapping", ev.Type().Name())
}

// EventFromXML maps an event struct (a pointer, as EventToXML returns) back
// to its cstav3 value and returns its monitorCrossRefID. Values that cannot
// be mapped give a *FieldError.
func EventFromXML(v any) (cstav3.Event, string, error) {
	ev, xref, ok, err := fromXML(v, KindEvent)
	if !ok {
		return nil, "", fmt.Errorf("%w: %T is not an event", ErrUnknownRequest, v)
	}
	e, _ := ev.(cstav3.Event)
	return e, xref, err
}

// fromXML maps v, the XML struct of a message of kind, back to its cstav3
// value through its row; ok is false when v is no such message, or one
// without a cstav3 mapping. Values that cannot be mapped give a
// *FieldError (and a nil value).
func fromXML(v any, kind Kind) (val any, xref string, ok bool, err error) {
	r := messageByType[reflect.TypeOf(v)]
	if r == nil || r.kind != kind || r.fromXML == nil {
		return nil, "", false, nil
	}
	var m codecMapper
	if val, xref = r.fromXML(&m, v); m.err != nil {
		return nil, "", true, m.err
	}
	return val, xref, true, nil
}

// ArgumentToXML maps a cstav3 request argument to its ECMA-323 struct, e.g.
// *cstav3.MakeCallArgument to *MakeCall. xref is the monitorCrossRefID
// written for MonitorStop and ChangeMonitorFilter, whose cstav3 arguments
// hold the switch's cross-reference instead.
func ArgumentToXML(arg cstav3.Argument, xref string) (any, error) {
	if arg != nil {
		if r := requestByOp[arg.Opcode()]; r != nil {
			if x, _, ok := r.toXML(nil, -1, arg, xref); ok {
				return x, nil
			}
		}
	}
	return nil, fmt.Errorf("ecma323: argument %T has no ECMA-323 mapping", arg)
}

// ArgumentFromXML maps a request struct to its cstav3 argument. For
// MonitorStop and ChangeMonitorFilter it also returns the monitorCrossRefID;
// the argument's CrossRefIdentifier is left nil for the bridge to fill in
// with the switch's. Requests without a cstav3 argument (RequestSystemStatus,
// the session messages) return a nil argument and no error.
func ArgumentFromXML(v any) (cstav3.Argument, string, error) {
	arg, xref, _, err := fromXML(v, KindRequest)
	a, _ := arg.(cstav3.Argument)
	return a, xref, err
}

// ResultToXML maps a cstav3 result to its ECMA-323 response struct, e.g.
// *cstav3.MakeCallResult to *MakeCallResponse and a *cstav3.NoData of
// answerCall to *AnswerCallResponse. xref is the monitorCrossRefID written
// in a MonitorStartResponse: the bridge's name for the monitor.
func ResultToXML(res cstav3.Result, xref string) (any, error) {
	if res != nil {
		if r := responseByOp[res.Opcode()]; r != nil {
			if x, _, ok := r.toXML(nil, -1, res, xref); ok {
				return x, nil
			}
		}
	}
	if n, ok := res.(*cstav3.NoData); ok {
		return nil, fmt.Errorf("ecma323: result of %s has no ECMA-323 mapping", n.Op)
	}
	return nil, fmt.Errorf("ecma323: result %T has no ECMA-323 mapping", res)
}

// ResultFromXML maps a response struct back to its cstav3 result. For a
// MonitorStartResponse it also returns the monitorCrossRefID; the result's
// CrossRefIdentifier is left nil. RequestSystemStatusResponse has no cstav3
// result: nil, no error.
func ResultFromXML(v any) (cstav3.Result, string, error) {
	res, xref, _, err := fromXML(v, KindResponse)
	x, _ := res.(cstav3.Result)
	return x, xref, err
}
