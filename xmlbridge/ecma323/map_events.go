package ecma323

import (
	"fmt"

	"github.com/cstav3/cstav3/cstav3"
)

// EventToXML maps a cstav3 event to its ECMA-323 struct (a pointer, e.g.
// *DeliveredEvent), with xref as its monitorCrossRefID: the bridge names
// monitors per consumer, so the switch's cross-reference is not used. The
// struct has no namespace yet; the Encoder gives it the consumer's. Events
// cstav3 does not type (*cstav3.RawEvent) have no ECMA-323 form here and
// return an error.
func EventToXML(ev cstav3.Event, xref string) (any, error) {
	// A zero mapScratch makes a new box for the event: values of their own.
	var s mapScratch
	if x, _, ok := s.toXML(ev, xref); ok {
		return x, nil
	}
	if x, ok := deviceEventToXML(ev, xref); ok {
		return x, nil
	}
	if ev == nil {
		return nil, fmt.Errorf("ecma323: nil event")
	}
	return nil, fmt.Errorf("ecma323: %s has no ECMA-323 mapping", ev.Type().Name())
}

// EventFromXML maps an event struct (a pointer, as EventToXML returns) back
// to its cstav3 value and returns its monitorCrossRefID. Values that cannot
// be mapped give a *FieldError.
func EventFromXML(v any) (cstav3.Event, string, error) {
	var m codecMapper
	var ev cstav3.Event
	var xref string
	switch x := v.(type) {
	case *BridgedEvent:
		ev, xref = m.bridged(x), x.MonitorCrossRefID
	case *CallClearedEvent:
		ev, xref = m.callCleared(x), x.MonitorCrossRefID
	case *ConferencedEvent:
		ev, xref = m.conferenced(x), x.MonitorCrossRefID
	case *ConnectionClearedEvent:
		ev, xref = m.connectionCleared(x), x.MonitorCrossRefID
	case *DeliveredEvent:
		ev, xref = m.delivered(x), x.MonitorCrossRefID
	case *DigitsDialedEvent:
		ev, xref = m.digitsDialed(x), x.MonitorCrossRefID
	case *DivertedEvent:
		ev, xref = m.diverted(x), x.MonitorCrossRefID
	case *EstablishedEvent:
		ev, xref = m.established(x), x.MonitorCrossRefID
	case *FailedEvent:
		ev, xref = m.failed(x), x.MonitorCrossRefID
	case *HeldEvent:
		ev, xref = m.held(x), x.MonitorCrossRefID
	case *NetworkCapabilitiesChangedEvent:
		ev, xref = m.netCapsChanged(x), x.MonitorCrossRefID
	case *NetworkReachedEvent:
		ev, xref = m.networkReached(x), x.MonitorCrossRefID
	case *OfferedEvent:
		ev, xref = m.offered(x), x.MonitorCrossRefID
	case *OriginatedEvent:
		ev, xref = m.originated(x), x.MonitorCrossRefID
	case *QueuedEvent:
		ev, xref = m.queued(x), x.MonitorCrossRefID
	case *RetrievedEvent:
		ev, xref = m.retrieved(x), x.MonitorCrossRefID
	case *ServiceInitiatedEvent:
		ev, xref = m.serviceInitiated(x), x.MonitorCrossRefID
	case *TransferredEvent:
		ev, xref = m.transferred(x), x.MonitorCrossRefID
	default:
		var ok bool
		if ev, xref, ok = m.deviceEvent(v); !ok {
			return nil, "", fmt.Errorf("%w: %T is not an event", ErrUnknownRequest, v)
		}
	}
	if m.err != nil {
		return nil, "", m.err
	}
	return ev, xref, nil
}
