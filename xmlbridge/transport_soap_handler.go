package xmlbridge

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// DefaultSOAPPath is where snom phones take CSTA requests (seed 001, line 89)
// and where SOAPHandler listens unless told otherwise.
const DefaultSOAPPath = "/csta"

// SOAPHandler serves CSTA requests in SOAP envelopes over HTTP, as snom
// phones take them: POST of text/xml (application/soap+xml is accepted too),
// 200 with the response document in the envelope's Body, 500 with a SOAP
// Fault. The wrong path gets 404, the wrong method 405, the wrong
// Content-Type 415, a body over the limit 413. An envelope that cannot be
// parsed gets a Client fault. The reply uses the envelope version of the
// request.
type SOAPHandler struct {
	// Path is the request path; empty means DefaultSOAPPath.
	Path string
	// MaxBodySize limits the request body in bytes; <= 0 means
	// DefaultMaxMessage.
	MaxBodySize int64
	// Serve handles the request element extracted from the Body (see
	// ExtractSOAPBody) under the request's context, and returns the response
	// document for the Body, or a fault. A nil fault with a nil resp is an
	// empty Body.
	Serve func(ctx context.Context, body []byte) (resp []byte, fault *Fault)
	// Events, when set, serves GET on Path: the hook for the event stream of
	// HTTP consumers, normally an *EventStream. Without it GET gets 405.
	Events http.Handler
}

// ServeHTTP answers a SOAP request posted to the handler's path, and hands
// a GET to the event stream.
func (h *SOAPHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := h.Path
	if path == "" {
		path = DefaultSOAPPath
	}
	if r.URL.Path != path {
		http.NotFound(w, r)
		return
	}
	switch {
	case r.Method == http.MethodPost:
	case r.Method == http.MethodGet && h.Events != nil:
		h.Events.ServeHTTP(w, r)
		return
	default:
		allow := http.MethodPost
		if h.Events != nil {
			allow = "GET, POST"
		}
		w.Header().Set("Allow", allow)
		http.Error(w, "only POST of a SOAP envelope", http.StatusMethodNotAllowed)
		return
	}
	if !soapContentType(r.Header.Get("Content-Type")) {
		http.Error(w, "Content-Type must be text/xml or application/soap+xml", http.StatusUnsupportedMediaType)
		return
	}
	limit := h.MaxBodySize
	if limit <= 0 {
		limit = framing.DefaultMaxMessage
	}
	if r.ContentLength > limit {
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "cannot read the request body", http.StatusBadRequest)
		return
	}
	inner, ns, err := ecma323.ExtractSOAP(body)
	if ns == "" {
		ns = ecma323.SOAP11Namespace
	}
	var resp []byte
	var fault *Fault
	switch {
	case err != nil:
		fault = &Fault{Code: FaultClient, String: err.Error()}
	case h.Serve == nil:
		fault = &Fault{Code: FaultServer, String: "no CSTA service"}
	default:
		resp, fault = h.Serve(r.Context(), inner)
	}
	status := http.StatusOK
	var out []byte
	if fault != nil {
		status = http.StatusInternalServerError
		out = soapAppendFault(nil, ns, fault)
	} else {
		out = soapAppendEnvelope(nil, ns, soapStripProlog(resp))
	}
	ctype := "text/xml; charset=utf-8"
	if ns == ecma323.SOAP12Namespace {
		ctype = "application/soap+xml; charset=utf-8"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(out)))
	w.WriteHeader(status)
	_, _ = w.Write(out) // the client is gone; nothing to tell it
}

// soapContentType accepts the SOAP 1.1 and 1.2 media types, with no charset
// or one that is UTF-8 (or its ASCII subset): the envelope is parsed and
// sliced as UTF-8.
func soapContentType(v string) bool {
	mt, params, err := mime.ParseMediaType(v)
	if err != nil || (mt != "text/xml" && mt != "application/soap+xml") {
		return false
	}
	cs, ok := params["charset"]
	return !ok || strings.EqualFold(cs, "utf-8") || strings.EqualFold(cs, "us-ascii")
}
