package xmlbridge

import (
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// PBX link loss and recovery reach every session as an ECMA-269 SystemStatus
// request from the server (invoke id 9999 on the header framing, like the
// events): "disabled" when the link goes down (or is closed for good), and
// "enabled" — the value ECMA-269 defines for a system back in service after
// being disabled — when it is up again. The consumers' monitors survive:
// the client starts its monitors again after reconnecting, and the bridge's
// table stays as it is. A consumer may answer with SystemStatusResponse;
// the bridge ignores it.

// onLinkState runs on the client's goroutines and must not block: it only
// encodes and queues.
func (s *Server) onLinkState(ev cstav3.LinkEvent) {
	status := cstav3.SystemEnabled
	if ev.State != cstav3.LinkUp {
		status = cstav3.SystemDisabled
	}
	if ev.Err != nil {
		s.log.Warn("PBX link "+ev.State.String(), "err", ev.Err)
	} else {
		s.log.Info("PBX link " + ev.State.String())
	}
	s.mu.Lock()
	sinks := make([]sink, 0, len(s.sessions))
	encs := make([]ecma323.Encoder, 0, len(s.sessions))
	for _, ss := range s.sessions {
		sinks = append(sinks, ss.sink)
		encs = append(encs, ss.enc)
	}
	s.mu.Unlock()
	docs := map[ecma323.Encoder][]byte{}
	var n uint64
	for i, sk := range sinks {
		doc, ok := docs[encs[i]]
		if !ok {
			var err error
			if doc, err = encs[i].Append(nil, &ecma323.SystemStatus{SystemStatus: status.String()}); err != nil {
				s.log.Error("SystemStatus not encodable", "err", err)
				return
			}
			docs[encs[i]] = doc
		}
		if sk.push(wholeDoc(framing.EventInvokeID, doc)) {
			n++
		}
	}
	s.stats.statusEvents.Add(n)
}
