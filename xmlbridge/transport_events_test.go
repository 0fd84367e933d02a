package xmlbridge

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/cstav3/cstav3/xmlbridge/framing"

	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

// transportTestFeed is a Subscribe that hands out one channel and reports
// when the stream stops.
type transportTestFeed struct {
	docs    chan []byte
	stopped chan struct{}
}

func newTransportTestFeed() *transportTestFeed {
	return &transportTestFeed{docs: make(chan []byte), stopped: make(chan struct{})}
}

func (f *transportTestFeed) subscribe(*http.Request) (<-chan []byte, func(), error) {
	return f.docs, func() { close(f.stopped) }, nil
}

// Each document reaches the consumer before the next is produced: the
// unbuffered feed and the blocking read would deadlock without a flush per
// document. Served through the SOAPHandler's Events hook, as deployed.
func TestEventStreamDelivers(t *testing.T) {
	feed := newTransportTestFeed()
	srv := httptest.NewServer(&SOAPHandler{Events: &EventStream{Subscribe: feed.subscribe}})
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/csta", nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/xml; charset=utf-8" {
		t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	r := framing.NewNULReader(resp.Body, 0)
	for _, doc := range []string{seeddoc.DeliveredEvent, seeddoc.UnitelStartResponse, "<a/>"} {
		feed.docs <- []byte(doc)
		got, err := r.ReadMessage()
		if err != nil || string(got) != doc {
			t.Fatalf("%.40q, %v", got, err)
		}
	}
	// The consumer hangs up: the handler ends and unsubscribes.
	cancel()
	<-feed.stopped
}

func TestEventStreamEnds(t *testing.T) {
	feed := newTransportTestFeed()
	srv := httptest.NewServer(&EventStream{Subscribe: feed.subscribe})
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	feed.docs <- nil                      // empty: skipped
	feed.docs <- []byte("<a>\x00</a>")    // would break the framing: skipped
	feed.docs <- []byte(`<b xmlns="x"/>`) // delivered
	close(feed.docs)                      // the feed ends, so does the response
	all, err := io.ReadAll(resp.Body)
	if err != nil || string(all) != `<b xmlns="x"/>`+"\x00" {
		t.Fatalf("%q, %v", all, err)
	}
	<-feed.stopped
}

func TestEventStreamRefuses(t *testing.T) {
	feed := newTransportTestFeed()
	refuse := func(*http.Request) (<-chan []byte, func(), error) { return nil, nil, errors.New("no session") }
	tests := []struct {
		name   string
		s      *EventStream
		method string
		status int
	}{
		{"POST", &EventStream{Subscribe: feed.subscribe}, "POST", 405},
		{"no Subscribe", &EventStream{}, "GET", 503},
		{"Subscribe fails", &EventStream{Subscribe: refuse}, "GET", 503},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		tc.s.ServeHTTP(rec, httptest.NewRequest(tc.method, "/csta", nil))
		if rec.Code != tc.status {
			t.Errorf("%s: %d, want %d", tc.name, rec.Code, tc.status)
		}
	}
}
