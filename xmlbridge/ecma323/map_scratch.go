package ecma323

import (
	"sync"
)

// maxBoxedEvents bounds the events that keep a reusable box (see
// boxedEvent); init checks the table against it.
const maxBoxedEvents = 32

// resetter is a box whose values can be reused once written.
type resetter interface{ reset() }

// mapScratch holds one eventBox per boxed event row (the call-control
// events), at the row's slot. Encoder.AppendEvent keeps its scratch between
// calls (a pool): the bridge maps every event to XML values and writes them
// at once, so the values can be reused and the hot path does not allocate
// them. EventToXML, whose caller keeps the values, passes no scratch, which
// makes a new box.
type mapScratch struct {
	boxes [maxBoxedEvents]resetter
}

var mapScratchPool = sync.Pool{New: func() any { return new(mapScratch) }}

// boxAt returns the box of slot in s, making it the first time; with a nil
// s it returns a new box.
func boxAt[X any](s *mapScratch, slot int) *eventBox[X] {
	if s == nil {
		return new(eventBox[X])
	}
	if b, ok := s.boxes[slot].(*eventBox[X]); ok {
		return b
	}
	b := new(eventBox[X])
	s.boxes[slot] = b
	return b
}
