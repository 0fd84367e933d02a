package xmlbridge

import (
	"context"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

// soapTestPhone answers like a snom phone (seed 001, lines 57-86): an empty
// <csta:XResponse> for every request, a CSTA error fault for ClearCall.
func soapTestPhone(ctx context.Context, body []byte) ([]byte, *Fault) {
	if ctx.Value(soapTestCtxKey{}) != "request" {
		return nil, &Fault{Code: FaultServer, String: "not the request's context"}
	}
	var req struct{ XMLName xml.Name }
	if err := xml.Unmarshal(body, &req); err != nil || req.XMLName.Space != soapTestED4 {
		return nil, &Fault{Code: FaultClient, String: "not a CSTA ed4 request"}
	}
	if req.XMLName.Local == "ClearCall" {
		return nil, &Fault{Code: FaultClient, String: "CSTA Error", Detail: []byte(soapTestErrorCode)}
	}
	name := req.XMLName.Local + "Response"
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\r\n" + `<csta:` + name + ` xmlns:csta="` + soapTestED4 + `"></csta:` + name + `>`), nil
}

type soapTestCtxKey struct{}

// The seed's requests, over real HTTP as curl sends them (line 92).
func TestSOAPHandlerSnomRequests(t *testing.T) {
	h := &SOAPHandler{Serve: soapTestPhone}
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnContext = func(ctx context.Context, _ net.Conn) context.Context {
		return context.WithValue(ctx, soapTestCtxKey{}, "request")
	}
	srv.Start()
	defer srv.Close()
	for _, tc := range seeddoc.SnomRequests {
		t.Run(tc.Name, func(t *testing.T) {
			resp, err := srv.Client().Post(srv.URL+"/csta", "text/xml", strings.NewReader(tc.Envelope))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if ct := resp.Header.Get("Content-Type"); ct != "text/xml; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			name, _, _ := strings.Cut(tc.Name, " ")
			var env struct {
				Body struct {
					Inner []struct{ XMLName xml.Name } `xml:",any"`
				} `xml:"http://schemas.xmlsoap.org/soap/envelope/ Body"`
			}
			if err := xml.Unmarshal(body, &env); err != nil || len(env.Body.Inner) != 1 {
				t.Fatalf("%v\n%s", err, body)
			}
			got := env.Body.Inner[0].XMLName
			if name == "ClearCall" {
				var f soapTestFault11
				if resp.StatusCode != http.StatusInternalServerError || xml.Unmarshal(body, &f) != nil ||
					f.Body.Fault == nil || f.Body.Fault.Detail == nil || f.Body.Fault.Detail.ErrorCode == nil ||
					f.Body.Fault.Code.Text != "soapenv:Client" || f.Body.Fault.Detail.ErrorCode.Operation != "invalidCallID" {
					t.Fatalf("%d\n%s", resp.StatusCode, body)
				}
				return
			}
			if resp.StatusCode != http.StatusOK || got != (xml.Name{Space: soapTestED4, Local: name + "Response"}) {
				t.Errorf("%d %v\n%s", resp.StatusCode, got, body)
			}
		})
	}
}

func TestSOAPHandlerRejects(t *testing.T) {
	answer := seeddoc.SnomRequests[5].Envelope // AnswerCall
	stream := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	tests := []struct {
		name        string
		h           SOAPHandler
		method      string
		path        string
		ctype       string
		body        string
		chunked     bool // unknown Content-Length: only MaxBytesReader can stop it
		status      int
		allow       string
		faultCode   string
		contentType string
	}{
		{name: "GET", method: "GET", path: "/csta", status: 405, allow: "POST"},
		{name: "PUT", method: "PUT", path: "/csta", ctype: "text/xml", body: answer, status: 405, allow: "POST"},
		{name: "PUT with events", h: SOAPHandler{Events: stream}, method: "PUT", path: "/csta", status: 405, allow: "GET, POST"},
		{name: "GET with events", h: SOAPHandler{Events: stream}, method: "GET", path: "/csta", status: http.StatusTeapot},
		{name: "other path", method: "POST", path: "/cst", ctype: "text/xml", body: answer, status: 404},
		{name: "configured path", h: SOAPHandler{Path: "/x/csta"}, method: "POST", path: "/csta", ctype: "text/xml", body: answer, status: 404},
		{name: "no Content-Type", method: "POST", path: "/csta", body: answer, status: 415},
		{name: "JSON", method: "POST", path: "/csta", ctype: "application/json", body: answer, status: 415},
		{name: "Latin-1", method: "POST", path: "/csta", ctype: "text/xml; charset=ISO-8859-1", body: answer, status: 415},
		{name: "garbage Content-Type", method: "POST", path: "/csta", ctype: "text/xml; ;", body: answer, status: 415},
		{name: "too large", h: SOAPHandler{MaxBodySize: 100}, method: "POST", path: "/csta", ctype: "text/xml", body: answer, status: 413},
		{name: "too large, chunked", h: SOAPHandler{MaxBodySize: 100}, method: "POST", path: "/csta", ctype: "text/xml", body: answer, chunked: true, status: 413},
		{name: "at the limit", h: SOAPHandler{MaxBodySize: int64(len(answer))}, method: "POST", path: "/csta", ctype: "text/xml", body: answer, chunked: true, status: 500, faultCode: "soapenv:Server"},
		{name: "no Serve", method: "POST", path: "/csta", ctype: "text/xml; charset=UTF-8", body: answer, status: 500, faultCode: "soapenv:Server", contentType: "text/xml; charset=utf-8"},
		{name: "not SOAP", h: SOAPHandler{Serve: soapTestPhone}, method: "POST", path: "/csta", ctype: "text/xml", body: seeddoc.MakeCall, status: 500, faultCode: "soapenv:Client"},
		{name: "truncated envelope", h: SOAPHandler{Serve: soapTestPhone}, method: "POST", path: "/csta", ctype: "text/xml", body: answer[:100], status: 500, faultCode: "soapenv:Client"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			if tc.ctype != "" {
				req.Header.Set("Content-Type", tc.ctype)
			}
			if tc.chunked {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			tc.h.ServeHTTP(rec, req)
			if rec.Code != tc.status || rec.Header().Get("Allow") != tc.allow {
				t.Fatalf("%d Allow %q, want %d %q: %s", rec.Code, rec.Header().Get("Allow"), tc.status, tc.allow, rec.Body)
			}
			if tc.contentType != "" && rec.Header().Get("Content-Type") != tc.contentType {
				t.Errorf("Content-Type %q", rec.Header().Get("Content-Type"))
			}
			if tc.faultCode != "" {
				var f soapTestFault11
				if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil || f.Body.Fault == nil || f.Body.Fault.Code.Text != tc.faultCode {
					t.Errorf("want a %s fault: %v\n%s", tc.faultCode, err, rec.Body)
				}
			}
		})
	}
}

// A SOAP 1.2 request (application/soap+xml) is answered in SOAP 1.2.
func TestSOAPHandler12(t *testing.T) {
	h := &SOAPHandler{Serve: func(ctx context.Context, body []byte) ([]byte, *Fault) {
		if string(body) != `<c:MakeCall xmlns:env="`+ecma323.SOAP12Namespace+`" xmlns:c="`+soapTestED4+`"/>` {
			return nil, &Fault{Code: FaultClient, String: string(body)}
		}
		return []byte(`<c:MakeCallResponse xmlns:c="` + soapTestED4 + `"/>`), nil
	}}
	env := `<env:Envelope xmlns:env="` + ecma323.SOAP12Namespace + `" xmlns:c="` + soapTestED4 + `"><env:Body><c:MakeCall/></env:Body></env:Envelope>`
	req := httptest.NewRequest("POST", "/csta", strings.NewReader(env))
	req.Header.Set("Content-Type", `application/soap+xml; charset=utf-8; action="urn:MakeCall"`)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<soapenv:Envelope xmlns:soapenv="` + ecma323.SOAP12Namespace +
		`"><soapenv:Body><c:MakeCallResponse xmlns:c="` + soapTestED4 + `"/></soapenv:Body></soapenv:Envelope>`
	if rec.Code != 200 || rec.Body.String() != want || rec.Header().Get("Content-Type") != "application/soap+xml; charset=utf-8" {
		t.Fatalf("%d %q\n%s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
