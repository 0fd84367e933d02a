package xmlbridge

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

// The bridge tests run real components on 127.0.0.1: the simulated HiPath,
// the cstav3 client dialled with hipath.Dial, the bridge, and test
// consumers on each transport. They wait for documents with channels and
// deadlines, never with sleeps.

const waitLong = 5 * time.Second

// Test users: ECSS-10's (seed 000), uni-tel's (seed 002, password as
// published) and one given by its digest.
const (
	userECSS, passECSS     = "p.city", "1234"
	userUnitel, passUnitel = "bill@uni-tel.dk", "*******"
	userSnom, passSnom     = "snom", "s3cret-snom"
)

func leakCheck(t testing.TB) {
	opt := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, opt) })
}

// bridgeEnv is a running simulator, client and bridge with its listeners.
type bridgeEnv struct {
	sim                  *hipathsim.Server
	client               *cstav3.Client
	srv                  *Server
	header, nul, soapURL string
}

type envOpts struct {
	sim    hipathsim.Config
	cfg    func(*Config)
	unit   time.Duration    // session time unit; a second when zero
	now    func() time.Time // the lockouts' clock; time.Now when nil
	client []cstav3.Option
}

// newEnv starts everything; the seeds' ECSS-10 extensions (722-725) and
// uni-tel's 200 exist in the simulator.
func newEnv(t testing.TB, o envOpts) *bridgeEnv {
	t.Helper()
	leakCheck(t)
	if o.sim.FirstDevice == 0 && o.sim.LastDevice == 0 {
		o.sim.FirstDevice, o.sim.LastDevice = 200, 799
	}
	sim, err := hipathsim.Start(o.sim)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	opts := append([]cstav3.Option{cstav3.WithReconnect(5*time.Millisecond, 50*time.Millisecond)}, o.client...)
	client, err := hipath.Dial(ctx, sim.Addr(), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	digest := sha256.Sum256([]byte(passSnom))
	cfg := Config{Client: client, Users: map[string]string{
		userECSS: passECSS, userUnitel: passUnitel, userSnom: sha256Prefix + hex.EncodeToString(digest[:])}}
	if o.cfg != nil {
		o.cfg(&cfg)
	}
	srv, err := NewServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if o.unit > 0 {
		srv.unit = o.unit
	}
	if o.now != nil {
		srv.now = o.now
	}
	e := &bridgeEnv{sim: sim, client: client, srv: srv}
	serve := func(f func(net.Listener) error) string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- f(ln) }()
		t.Cleanup(func() {
			srv.Close()
			if err := <-done; !errors.Is(err, ErrServerClosed) {
				t.Errorf("serve returned %v", err)
			}
		})
		return ln.Addr().String()
	}
	e.header = serve(srv.ServeHeader)
	e.nul = serve(srv.ServeNUL)
	scheme := "http://"
	if cfg.TLSConfig != nil {
		scheme = "https://"
	}
	e.soapURL = scheme + serve(srv.ServeSOAP) + DefaultSOAPPath
	return e
}

// waitUntil polls cond until it holds, failing after waitLong: for
// counters that no document announces.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLong)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not reached in time", what)
		}
		runtime.Gosched()
	}
}

// monitorStarts returns how many MonitorStart and MonitorStop the
// simulator has received.
func (e *bridgeEnv) monitorStarts() (start, stop uint64) {
	st := e.sim.Stats()
	return st.Requests[cstav3.OpMonitorStart], st.Requests[cstav3.OpMonitorStop]
}

// A frame is one document a test consumer received.
type frame struct {
	invokeID int
	doc      []byte
	msg      *ecma323.Message
}

// frameFormat is how a test consumer delimits its documents, independently
// of the server's transports, whose bytes it checks.
type frameFormat uint8

const (
	framingHeader frameFormat = iota // ECMA-323 Annex J.2 8-byte header (ECSS-10)
	framingNUL                       // a NUL after each document (uni-tel)
)

// tcpConsumer is a test consumer on a TCP transport. Its reader sorts what
// arrives into events (and status reports), which the server sends on its
// own, and replies.
type tcpConsumer struct {
	t       testing.TB
	conn    net.Conn
	fr      frameFormat
	events  chan frame
	replies chan frame
	done    chan struct{} // closed when the reader stops
	readErr error
}

func dialConsumer(t testing.TB, addr string, fr frameFormat, tc *tls.Config) *tcpConsumer {
	t.Helper()
	var conn net.Conn
	var err error
	if tc != nil {
		conn, err = tls.Dial("tcp", addr, tc)
	} else {
		conn, err = net.Dial("tcp", addr)
	}
	if err != nil {
		t.Fatal(err)
	}
	c := &tcpConsumer{t: t, conn: conn, fr: fr, events: make(chan frame, 1<<16),
		replies: make(chan frame, 64), done: make(chan struct{})}
	go c.read()
	t.Cleanup(func() {
		conn.Close()
		<-c.done
	})
	return c
}

func (c *tcpConsumer) read() {
	defer close(c.done)
	var hr *framing.HeaderReader
	var nr *framing.NULReader
	if c.fr == framingHeader {
		hr = framing.NewHeaderReader(bufio.NewReaderSize(c.conn, 64<<10), framing.HeaderOptions{})
	} else {
		nr = framing.NewNULReader(c.conn, 0)
	}
	for {
		var f frame
		var err error
		if hr != nil {
			f.invokeID, f.doc, err = hr.ReadMessage()
		} else {
			f.doc, err = nr.ReadMessage()
		}
		if err != nil {
			c.readErr = err
			return
		}
		// The header tells events from replies; NUL framing needs the
		// document decoded. Events on the header framing are decoded when
		// a test looks at them, so that a flood is read at full speed.
		var server bool
		if hr != nil {
			server = f.invokeID == framing.EventInvokeID
		} else {
			f.msg, _ = ecma323.Decode(f.doc)
			server = f.msg != nil && (f.msg.Kind == ecma323.KindEvent || f.msg.Name == "SystemStatus")
		}
		if server {
			c.events <- f
		} else {
			c.replies <- f
		}
	}
}

// send writes one document in the consumer's framing.
func (c *tcpConsumer) send(invokeID int, doc []byte) {
	c.t.Helper()
	var b []byte
	var err error
	if c.fr == framingHeader {
		b, err = framing.AppendHeader(nil, invokeID, doc)
	} else {
		b, err = framing.AppendNUL(nil, doc)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.conn.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

// request sends doc and returns the reply, which must carry invokeID.
func (c *tcpConsumer) request(invokeID int, doc []byte) frame {
	c.t.Helper()
	c.send(invokeID, doc)
	return c.reply(invokeID)
}

func (c *tcpConsumer) reply(invokeID int) frame {
	c.t.Helper()
	select {
	case f := <-c.replies:
		f.msg, _ = ecma323.Decode(f.doc)
		if c.fr == framingHeader && f.invokeID != invokeID {
			c.t.Fatalf("reply with invoke id %04d, want %04d: %s", f.invokeID, invokeID, f.doc)
		}
		if f.msg == nil {
			c.t.Fatalf("reply does not decode: %s", f.doc)
		}
		return f
	case <-c.done:
		c.t.Fatalf("connection closed while waiting for reply %04d: %v", invokeID, c.readErr)
	case <-time.After(waitLong):
		c.t.Fatalf("no reply to %04d", invokeID)
	}
	return frame{}
}

// event returns the next event or status report.
func (c *tcpConsumer) event() frame {
	c.t.Helper()
	select {
	case f := <-c.events:
		if f.msg == nil {
			f.msg, _ = ecma323.Decode(f.doc)
		}
		if f.msg == nil {
			c.t.Fatalf("event does not decode: %s", f.doc)
		}
		return f
	case <-time.After(waitLong):
		c.t.Fatal("no event")
	}
	return frame{}
}

// expectEvent returns the next event, which must be named name.
func (c *tcpConsumer) expectEvent(name string) frame {
	c.t.Helper()
	f := c.event()
	if f.msg.Name != name {
		c.t.Fatalf("event %s, want %s: %s", f.msg.Name, name, f.doc)
	}
	return f
}

// expectClosed waits until the bridge closes the connection.
func (c *tcpConsumer) expectClosed() {
	c.t.Helper()
	select {
	case <-c.done:
	case <-time.After(waitLong):
		c.t.Fatal("connection not closed")
	}
}

// login opens a session with the ECSS-10 seed (header framing) or the
// uni-tel seed (NUL framing) and returns the session id.
func (c *tcpConsumer) login() string {
	c.t.Helper()
	seed := "ecss10-start-application-session"
	if c.fr == framingNUL {
		seed = "unitel-start-application-session"
	}
	f := c.request(1, codecSeed(c.t, seed))
	pos, ok := f.msg.XML.(*ecma323.StartApplicationSessionPosResponse)
	if !ok {
		c.t.Fatalf("login answered %s", f.doc)
	}
	return pos.SessionID
}

// monitor starts a monitor of device without filter and returns its
// cross-reference.
func (c *tcpConsumer) monitor(invokeID int, device string) string {
	c.t.Helper()
	doc := []byte(`<MonitorStart xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorObject><deviceObject>` +
		device + `</deviceObject></monitorObject></MonitorStart>`)
	f := c.request(invokeID, doc)
	r, ok := f.msg.XML.(*ecma323.MonitorStartResponse)
	if !ok {
		c.t.Fatalf("MonitorStart answered %s", f.doc)
	}
	return r.MonitorCrossRefID
}

// cstaError returns the CSTAErrorCode of a reply, failing if it is none.
func cstaError(t testing.TB, f frame) *ecma323.CSTAErrorCode {
	t.Helper()
	e, ok := f.msg.XML.(*ecma323.CSTAErrorCode)
	if !ok {
		t.Fatalf("want CSTAErrorCode, got %s", f.doc)
	}
	return e
}

// Seeds name calls and devices of the systems they were taken from; the
// tests put the simulator's in, touching nothing else.
var (
	seedDeviceID = regexp.MustCompile(`(<deviceID[^>]*>)[^<]*(</deviceID>)`)
	seedCallID   = regexp.MustCompile(`(<callID>)[^<]*(</callID>)`)
	seedSession  = regexp.MustCompile(`(<sessionID>)[^<]*(</sessionID>)`)
)

func withConnection(seed []byte, device, call string) []byte {
	seed = seedDeviceID.ReplaceAll(seed, []byte("${1}"+device+"${2}"))
	return seedCallID.ReplaceAll(seed, []byte("${1}"+call+"${2}"))
}

func withSession(seed []byte, id string) []byte {
	return seedSession.ReplaceAll(seed, []byte("${1}"+id+"${2}"))
}

func replace(seed []byte, pairs ...string) []byte {
	for i := 0; i+1 < len(pairs); i += 2 {
		seed = bytes.ReplaceAll(seed, []byte(pairs[i]), []byte(pairs[i+1]))
	}
	return seed
}

// soapClient is a test consumer on the SOAP transport.
type soapClient struct {
	t       testing.TB
	url     string
	hc      *http.Client
	session string
	user    string
	pass    string
}

func newSOAPClient(t testing.TB, url string, tc *tls.Config) *soapClient {
	tr := &http.Transport{TLSClientConfig: tc}
	t.Cleanup(tr.CloseIdleConnections)
	return &soapClient{t: t, url: url, hc: &http.Client{Transport: tr, Timeout: waitLong}}
}

// post sends body as snom does and returns the status and the decoded
// answer (a SOAP Fault decodes to its CSTAErrorCode).
func (c *soapClient) post(body []byte) (int, *ecma323.Message, []byte) {
	c.t.Helper()
	status, _, b := c.postRaw(body)
	m, _ := ecma323.Decode(b)
	return status, m, b
}

// postRaw sends body as snom does and returns the status, the header and
// the body of the answer.
func (c *soapClient) postRaw(body []byte) (int, http.Header, []byte) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.url, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "text/xml")
	if c.session != "" {
		req.Header.Set(HeaderSessionID, c.session)
	}
	if c.user != "" {
		req.SetBasicAuth(c.user, c.pass)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// stream opens the session's event stream; its documents arrive on the
// returned channel, which is closed when the stream ends.
func (c *soapClient) stream() <-chan frame {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.url, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set(HeaderSessionID, c.session)
	// The stream outlives the client's request timeout.
	hc := &http.Client{Transport: c.hc.Transport}
	resp, err := hc.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("event stream: %s", resp.Status)
	}
	ch := make(chan frame, 1<<12)
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(ch)
		nr := framing.NewNULReader(resp.Body, 0)
		for {
			doc, err := nr.ReadMessage()
			if err != nil {
				return
			}
			m, _ := ecma323.Decode(doc)
			ch <- frame{doc: doc, msg: m}
		}
	}()
	c.t.Cleanup(func() {
		resp.Body.Close()
		<-done
	})
	return ch
}

// nextDoc returns the next document of a stream.
func nextDoc(t testing.TB, ch <-chan frame) frame {
	t.Helper()
	select {
	case f, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		if f.msg == nil {
			t.Fatalf("stream document does not decode: %s", f.doc)
		}
		return f
	case <-time.After(waitLong):
		t.Fatal("no event on the stream")
	}
	return frame{}
}

// rawLoginMonitor logs in over a raw header-framing connection, for a
// session of secs seconds, and monitors device, reading each answer.
func rawLoginMonitor(t testing.TB, conn net.Conn, hr *framing.HeaderReader, device string, secs int) {
	t.Helper()
	for i, doc := range [][]byte{loginDoc(userECSS, passECSS, secs),
		[]byte(`<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>` + device + `</deviceObject></monitorObject></MonitorStart>`)} {
		b, _ := framing.AppendHeader(nil, i+1, doc)
		if _, err := conn.Write(b); err != nil {
			t.Fatal(err)
		}
		_ = conn.SetReadDeadline(time.Now().Add(waitLong))
		if _, _, err := hr.ReadMessage(); err != nil {
			t.Fatal(err)
		}
	}
}

// codecSeed returns a seed sample of the codec's (ecma323/testdata/seeds)
// as the seed printed it.
func codecSeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := seeddoc.Load(filepath.Join("ecma323", seeddoc.Dir), name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// codecSeedNames lists the codec's seed samples.
func codecSeedNames(t testing.TB) []string {
	t.Helper()
	names, err := seeddoc.Names(filepath.Join("ecma323", seeddoc.Dir))
	if err != nil {
		t.Fatal(err)
	}
	return names
}
