package ecma323

import (
	"encoding/xml"
	"fmt"
	"io"
	"reflect"
	"sync"

	"github.com/cstav3/cstav3/cstav3"
)

// An Encoder writes messages in the namespace a consumer negotiated, with
// that namespace as the default on the document element, as ECSS-10, snom
// and uni-tel write theirs. It writes documents only: the transports add
// their framing (the 8-byte Annex J.2 header, a NUL, a SOAP envelope with
// AppendSOAPEnvelope). The output is what encoding/xml's Marshal gives for
// the message struct, appended from a plan per type
// (marshal.go, write.go) at a fraction of Marshal's cost.
//
// An Encoder is a small value; it holds no buffers and is safe for
// concurrent use. The bridge keeps one per consumer, or one per edition to
// encode each event once for all consumers of that edition.
type Encoder struct {
	// Namespace is the CSTA namespace written, e.g. the protocolVersion a
	// consumer asked for in StartApplicationSession, echoed exactly. When
	// empty, Edition's namespace is written (DefaultEdition if zero).
	Namespace string
	Edition   Edition
	// SessionNamespace is the namespace of the ECMA-354 session messages:
	// NamespaceSession when empty, as ECSS-10 expects. uni-tel expects its
	// CSTA namespace there (seed 002); set it to Namespace for such a
	// consumer.
	SessionNamespace string
	// Declaration writes <?xml version="1.0" encoding="UTF-8"?> first.
	Declaration bool
}

// codecWriters holds codecWriters between Appends: a writer escapes to the
// heap (the plan's field writers are called through func values), and keeps
// the xml.Encoder it makes for the shapes it hands to encoding/xml.
var codecWriters = sync.Pool{New: func() any { return new(codecWriter) }}

var (
	codecDeclaration = xml.ProcInst{Target: "xml", Inst: []byte(`version="1.0" encoding="UTF-8"`)}
	// codecEditionNamespaces holds Edition.Namespace for each edition, which
	// builds the string on every call.
	codecEditionNamespaces = func() (ns [Ed6 + 1]string) {
		for e := range ns {
			ns[e] = Edition(e).Namespace()
		}
		return ns
	}()
)

// namespace returns the namespace of a message of entry e.
func (e *Encoder) namespace(c *message) string {
	if c.session {
		if e.SessionNamespace != "" {
			return e.SessionNamespace
		}
		return NamespaceSession
	}
	if e.Namespace != "" {
		return e.Namespace
	}
	ed := e.Edition
	if ed == EditionUnknown {
		ed = DefaultEdition
	}
	if int(ed) < len(codecEditionNamespaces) {
		return codecEditionNamespaces[ed]
	}
	return ed.Namespace()
}

// Append appends the document of v, a pointer to one of the message structs
// (*DeliveredEvent, *MakeCallResponse, *CSTAErrorCode,
// *StartApplicationSessionPosResponse ...), to dst.
func (e *Encoder) Append(dst []byte, v any) ([]byte, error) {
	c, ok := messageByType[reflect.TypeOf(v)]
	if !ok || reflect.ValueOf(v).IsNil() {
		return dst, fmt.Errorf("ecma323: cannot encode %T: not a message", v)
	}
	return e.appendMessage(dst, c, v)
}

// appendMessage is Append of v, a non-nil value of c's XML struct.
func (e *Encoder) appendMessage(dst []byte, c *message, v any) ([]byte, error) {
	w := codecWriters.Get().(*codecWriter)
	// The document is appended to dst itself; the writer keeps no bytes.
	w.out.buf = dst
	if e.Declaration {
		if err := w.out.procInst(codecDeclaration); err != nil {
			return dst, err
		}
		w.out.charData("\n")
	}
	if err := w.message(xml.Name{Space: e.namespace(c), Local: c.name}, v, c.plan()); err != nil {
		// The writer's fallback Encoder may hold half an element: drop the
		// writer. dst is returned as it came, whatever was appended past it.
		return dst, fmt.Errorf("ecma323: encoding %s: %w", c.name, err)
	}
	dst, w.out.buf = w.out.buf, nil
	codecWriters.Put(w)
	return dst, nil
}

// Encode writes the document of v to w in one Write.
func (e *Encoder) Encode(w io.Writer, v any) error {
	b, err := e.Append(nil, v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// AppendEvent appends the document of a cstav3 event, named to the consumer
// by xref (see EventToXML).
func (e *Encoder) AppendEvent(dst []byte, ev cstav3.Event, xref string) ([]byte, error) {
	var r *message
	if ev != nil {
		r = eventMessage(ev.Type())
	}
	if r == nil || r.slot < 0 {
		x, err := EventToXML(ev, xref)
		if err != nil {
			return dst, err
		}
		return e.Append(dst, x)
	}
	s := mapScratchPool.Get().(*mapScratch)
	defer mapScratchPool.Put(s)
	x, box, ok := r.toXML(s, r.slot, ev, xref)
	if !ok {
		return dst, errNoEventMapping(ev)
	}
	defer box.reset()
	return e.appendMessage(dst, r, x)
}

// AppendResult appends the response document of a cstav3 result (see
// ResultToXML; xref names the monitor a MonitorStartResponse creates).
func (e *Encoder) AppendResult(dst []byte, res cstav3.Result, xref string) ([]byte, error) {
	x, err := ResultToXML(res, xref)
	if err != nil {
		return dst, err
	}
	return e.Append(dst, x)
}

// AppendError appends the CSTAErrorCode document of a universalFailure.
func (e *Encoder) AppendError(dst []byte, err *cstav3.Error) ([]byte, error) {
	return e.Append(dst, ErrorToXML(err))
}
