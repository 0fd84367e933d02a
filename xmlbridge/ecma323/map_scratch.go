package ecma323

import (
	"sync"

	"github.com/cstav3/cstav3/cstav3"
)

// mapScratch holds one eventBox per call-control event type. Encoder.AppendEvent
// keeps its scratch between calls (a pool): the bridge maps every event to XML
// values and writes them at once, so the values can be reused and the hot path
// does not allocate them. EventToXML, whose caller keeps the values, starts
// from a zero scratch, which makes a new box.
type mapScratch struct {
	bridged           *eventBox[BridgedEvent]
	callCleared       *eventBox[CallClearedEvent]
	conferenced       *eventBox[ConferencedEvent]
	connectionCleared *eventBox[ConnectionClearedEvent]
	delivered         *eventBox[DeliveredEvent]
	digitsDialed      *eventBox[DigitsDialedEvent]
	diverted          *eventBox[DivertedEvent]
	established       *eventBox[EstablishedEvent]
	failed            *eventBox[FailedEvent]
	held              *eventBox[HeldEvent]
	netCapsChanged    *eventBox[NetworkCapabilitiesChangedEvent]
	networkReached    *eventBox[NetworkReachedEvent]
	offered           *eventBox[OfferedEvent]
	originated        *eventBox[OriginatedEvent]
	queued            *eventBox[QueuedEvent]
	retrieved         *eventBox[RetrievedEvent]
	serviceInitiated  *eventBox[ServiceInitiatedEvent]
	transferred       *eventBox[TransferredEvent]
}

var mapScratchPool = sync.Pool{New: func() any { return new(mapScratch) }}

// boxOf returns the box at *p, making it the first time.
func boxOf[T any](p **eventBox[T]) *eventBox[T] {
	if *p == nil {
		*p = new(eventBox[T])
	}
	return *p
}

// toXML maps ev into its reused box; ok is false for events it does not
// keep a box for. The values are valid until the box is reset.
func (s *mapScratch) toXML(ev cstav3.Event, xref string) (x any, box interface{ reset() }, ok bool) {
	switch e := ev.(type) {
	case *cstav3.BridgedEvent:
		b := boxOf(&s.bridged)
		return bridgedInto(b, e, xref), b, true
	case *cstav3.CallClearedEvent:
		b := boxOf(&s.callCleared)
		return callClearedInto(b, e, xref), b, true
	case *cstav3.ConferencedEvent:
		b := boxOf(&s.conferenced)
		return conferencedInto(b, e, xref), b, true
	case *cstav3.ConnectionClearedEvent:
		b := boxOf(&s.connectionCleared)
		return connectionClearedInto(b, e, xref), b, true
	case *cstav3.DeliveredEvent:
		b := boxOf(&s.delivered)
		return deliveredInto(b, e, xref), b, true
	case *cstav3.DigitsDialedEvent:
		b := boxOf(&s.digitsDialed)
		return digitsDialedInto(b, e, xref), b, true
	case *cstav3.DivertedEvent:
		b := boxOf(&s.diverted)
		return divertedInto(b, e, xref), b, true
	case *cstav3.EstablishedEvent:
		b := boxOf(&s.established)
		return establishedInto(b, e, xref), b, true
	case *cstav3.FailedEvent:
		b := boxOf(&s.failed)
		return failedInto(b, e, xref), b, true
	case *cstav3.HeldEvent:
		b := boxOf(&s.held)
		return heldInto(b, e, xref), b, true
	case *cstav3.NetworkCapabilitiesChangedEvent:
		b := boxOf(&s.netCapsChanged)
		return netCapsChangedInto(b, e, xref), b, true
	case *cstav3.NetworkReachedEvent:
		b := boxOf(&s.networkReached)
		return networkReachedInto(b, e, xref), b, true
	case *cstav3.OfferedEvent:
		b := boxOf(&s.offered)
		return offeredInto(b, e, xref), b, true
	case *cstav3.OriginatedEvent:
		b := boxOf(&s.originated)
		return originatedInto(b, e, xref), b, true
	case *cstav3.QueuedEvent:
		b := boxOf(&s.queued)
		return queuedInto(b, e, xref), b, true
	case *cstav3.RetrievedEvent:
		b := boxOf(&s.retrieved)
		return retrievedInto(b, e, xref), b, true
	case *cstav3.ServiceInitiatedEvent:
		b := boxOf(&s.serviceInitiated)
		return serviceInitiatedInto(b, e, xref), b, true
	case *cstav3.TransferredEvent:
		b := boxOf(&s.transferred)
		return transferredInto(b, e, xref), b, true
	}
	return nil, nil, false
}
