package hipathsim

import (
	"sync"

	"github.com/cstav3/cstav3/cstav3"
)

// itemKind says what an outgoing item holds. Items carry values, not bytes:
// the link's writer goroutine encodes them, so that the call model never
// spends its lock on BER, and assigns the invoke ids of the switch's own
// invokes in the order they reach the wire.
type itemKind uint8

const (
	kindPDU         itemKind = iota // pdu: an encoded PDU (ACSE)
	kindFrame                       // pdu: bytes written as they are, header included
	kindResult                      // ReturnResult id, res
	kindError                       // ReturnError id, universalFailure err
	kindReject                      // Reject id (or none), problem
	kindStatus                      // a SystemStatus invoke (normal)
	kindEvent                       // an event report of monitor ref
	kindMonitorStop                 // a MonitorStop invoke for monitor ref: the switch ends it
)

type item struct {
	kind       itemKind
	closeAfter bool        // end the link once this item is written,
	reason     closeReason // for this reason
	noID       bool
	id         int64
	pdu        []byte
	res        cstav3.Result
	err        *cstav3.Error
	problem    cstav3.RejectProblem
	ref        cstav3.CrossRefID
	ev         cstav3.Event
}

// queue is a link's bounded outgoing queue. Producers never block: push
// reports an overflow instead, and the link is dropped. The writer takes
// everything queued at once and writes it with one Write.
type queue struct {
	mu     sync.Mutex
	items  []item
	limit  int
	closed bool
	ready  chan struct{} // one token: items are waiting
}

type pushResult uint8

const (
	pushed pushResult = iota
	pushClosed
	pushOverflow
)

func newQueue(limit int) *queue {
	return &queue{limit: limit, ready: make(chan struct{}, 1)}
}

func (q *queue) push(it item) pushResult {
	q.mu.Lock()
	switch {
	case q.closed:
		q.mu.Unlock()
		return pushClosed
	case len(q.items) >= q.limit:
		q.mu.Unlock()
		return pushOverflow
	}
	q.items = append(q.items, it)
	q.mu.Unlock()
	select {
	case q.ready <- struct{}{}:
	default:
	}
	return pushed
}

// take moves the queued items to buf (which it returns, grown) and empties
// the queue. The two slices swap roles from one call to the next, so a busy
// link stops allocating.
func (q *queue) take(buf []item) []item {
	q.mu.Lock()
	defer q.mu.Unlock()
	buf, q.items = q.items, buf[:0]
	return buf
}

// close discards what is queued and refuses further items.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	clear(q.items)
	q.items = nil
	q.mu.Unlock()
}

// len is the number of items waiting.
func (q *queue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}
