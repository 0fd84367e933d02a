package xmlbridge

import (
	"bytes"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// The fan-out runs on the client's single dispatcher goroutine, which
// delivers the events of every monitor of the PBX link: it must never block,
// so it only encodes and queues without waiting (sink.push), and a consumer
// that cannot keep up is dropped rather than waited for.

// xrefSlot stands for the monitorCrossRefID while an event is encoded once
// for all its consumers of one namespace; each consumer's own cross-ref is
// spliced in when the document is framed.
const xrefSlot = "xmlbridge-monitorCrossRefID-slot"

// An eventDoc is an event encoded for one namespace, cut where the
// monitorCrossRefID goes. It is shared, read-only, by every consumer queue.
type eventDoc struct{ head, tail []byte }

// appendTo appends the document with xref as its monitorCrossRefID.
func (d *eventDoc) appendTo(dst []byte, xref string) []byte {
	dst = append(dst, d.head...)
	dst = append(dst, xref...)
	return append(dst, d.tail...)
}

// encodeEvent encodes ev once for enc into a buffer of size hint; nil if
// it has no ECMA-323 form (a *cstav3.RawEvent).
func (s *Server) encodeEvent(enc ecma323.Encoder, ev cstav3.Event, hint int) *eventDoc {
	doc, err := enc.AppendEvent(make([]byte, 0, hint), ev, xrefSlot)
	if err != nil {
		s.log.Debug("event not encodable", "event", ev.Type().String(), "err", err)
		return nil
	}
	i := bytes.Index(doc, []byte(xrefSlot))
	if i < 0 {
		return nil
	}
	return &eventDoc{head: doc[:i:i], tail: doc[i+len(xrefSlot):]}
}

// docCache holds the encodings of one event, one per encoder in use.
// Consumers of a bridge mostly speak one or two namespaces: those fit in
// the arrays, which live on the stack; more spill into a slice.
type docCache struct {
	n     int
	encs  [2]ecma323.Encoder
	docs  [2]*eventDoc
	spill []cachedDoc
}

type cachedDoc struct {
	enc ecma323.Encoder
	doc *eventDoc
}

func (c *docCache) get(pm *pbxMonitor, enc ecma323.Encoder, ev cstav3.Event) *eventDoc {
	for i := range c.n {
		if c.encs[i] == enc {
			return c.docs[i]
		}
	}
	for _, cd := range c.spill {
		if cd.enc == enc {
			return cd.doc
		}
	}
	d := pm.srv.encodeEvent(enc, ev, pm.sizeHint)
	if d != nil {
		// The next event of the device is likely about as long.
		pm.sizeHint = max(pm.sizeHint, len(d.head)+len(d.tail)+64)
	}
	if c.n < len(c.encs) {
		c.encs[c.n], c.docs[c.n] = enc, d
		c.n++
	} else {
		c.spill = append(c.spill, cachedDoc{enc, d})
	}
	return d
}

// onEvent fans an event of the PBX monitor out to its consumer monitors.
func (pm *pbxMonitor) onEvent(ev cstav3.Event) {
	s := pm.srv
	s.stats.eventsIn.Add(1)
	p := pm.subs.Load()
	if p == nil || len(*p) == 0 {
		return
	}
	t := ev.Type()
	var cache docCache
	var out, filtered, dropped uint64
	for _, cm := range *p {
		if f := cm.filter.Load(); f != nil && f.Suppressed(t) {
			filtered++
			continue
		}
		d := cache.get(pm, cm.enc, ev)
		if d == nil {
			dropped++
			continue
		}
		if cm.deliver(outMsg{d: d, xref: cm.xref, invokeID: framing.EventInvokeID}, s.cfg.QueueLength) {
			out++
		}
	}
	if out > 0 {
		s.stats.eventsOut.Add(out)
	}
	if filtered > 0 {
		s.stats.eventsFiltered.Add(filtered)
	}
	if dropped > 0 {
		s.stats.eventsDropped.Add(dropped)
	}
}
