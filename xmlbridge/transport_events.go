package xmlbridge

import (
	"net/http"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// HTTP consumers get events on a long-lived GET whose response never ends:
// each event is one NUL-terminated document (see NULReader), written as one
// HTTP chunk and flushed at once. This was chosen over webhooks (the bridge
// POSTing to a URL the consumer registers, as snom's Action URLs do, seed
// 001 lines 19-21) because a stream needs no inbound connectivity to the
// consumer, keeps events of one consumer in order on one connection, and
// ends by itself when the consumer goes away, where a webhook needs
// registration, retries and expiry. The NUL matters: chunk boundaries are
// invisible to most HTTP client libraries and proxies may re-chunk, so the
// terminator is what delimits documents; the same reader as for uni-tel's TCP
// framing then works on the response body.

// EventStream is an http.Handler that streams event documents to one
// consumer per GET request until the request's context ends, the consumer
// stops reading, or the feed is closed. http.Server.Shutdown waits for
// handlers to return and a stream never ends by itself, so the bridge closes
// its feeds on shutdown (http.Server.RegisterOnShutdown).
type EventStream struct {
	// Subscribe starts the feed of documents for the consumer of r. The
	// stream ends when the channel is closed; stop, if not nil, is called
	// when the stream ends for any reason, so that the producer can drop the
	// subscription. An error answers 503 and nothing is streamed.
	Subscribe func(r *http.Request) (docs <-chan []byte, stop func(), err error)
}

// ServeHTTP streams the event documents of a subscription to a GET.
func (s *EventStream) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		http.Error(w, "only GET", http.StatusMethodNotAllowed)
		return
	}
	if s.Subscribe == nil {
		http.Error(w, "no event feed", http.StatusServiceUnavailable)
		return
	}
	docs, stop, err := s.Subscribe(r)
	if err != nil {
		http.Error(w, "event feed unavailable", http.StatusServiceUnavailable)
		return
	}
	if stop != nil {
		defer stop()
	}
	rc := http.NewResponseController(w)
	// A server WriteTimeout would cut the stream after that long; a stream
	// has no natural deadline. Not every ResponseWriter can do this.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/xml; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Accel-Buffering", "no") // nginx would otherwise hold events back
	w.WriteHeader(http.StatusOK)
	if rc.Flush() != nil {
		return // cannot stream through this writer
	}
	var buf []byte
	for {
		select {
		case <-r.Context().Done():
			return
		case doc, ok := <-docs:
			if !ok {
				return
			}
			var err error
			if buf, err = framing.AppendNUL(buf[:0], doc); err != nil {
				continue // empty, or not XML (NUL): would corrupt the framing
			}
			if _, err := w.Write(buf); err != nil {
				return
			}
			if rc.Flush() != nil {
				return
			}
		}
	}
}
