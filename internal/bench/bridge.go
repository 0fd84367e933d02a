package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/internal/bench/pace"
	"github.com/cstav3/cstav3/internal/histogram"
	"github.com/cstav3/cstav3/xmlbridge"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// xmlBridge is the XML bridge of a bench run with its consumers.
type xmlBridge struct {
	srv       *xmlbridge.Server
	ln        net.Listener
	consumers []*xmlConsumer
	stopOnce  sync.Once
}

// xmlConsumer is an ECMA-323 consumer on the header framing (ECSS-10
// style) that monitors every device and, for each event document, finds the
// call id, hence the sequence number and the latency.
type xmlConsumer struct {
	conn    net.Conn
	hr      *framing.HeaderReader
	hist    histogram.Histogram // owned by the reading goroutine until done
	done    chan struct{}
	err     error
	started bool // read runs
	got     atomic.Uint64
}

const (
	benchUser     = "bench"
	benchPassword = "bench"
	benchNS       = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"
)

// startBridge starts a bridge for client with k consumers logged in,
// not monitoring yet.
func startBridge(ctx context.Context, logger *slog.Logger, client *cstav3.Client, monitors, k int) (*xmlBridge, error) {
	srv, err := xmlbridge.NewServer(xmlbridge.Config{Client: client, Users: map[string]string{benchUser: benchPassword},
		MaxSessions: k + 16, MaxMonitorsPerSession: monitors, MaxSessionsPerUser: k + 16, MaxMonitorsPerUser: k * monitors,
		SessionDuration: time.Hour, Logger: logger})
	if err != nil {
		return nil, fmt.Errorf("bridge: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("bridge: %w", err)
	}
	b := &xmlBridge{srv: srv, ln: ln}
	go func() {
		if err := srv.ServeHeader(ln); err != nil && !errors.Is(err, xmlbridge.ErrServerClosed) && !errors.Is(err, net.ErrClosed) {
			logger.Error("bench bridge listener", "err", err)
		}
	}()
	for range k {
		c, err := dialConsumer(ctx, ln.Addr().String())
		if err != nil {
			b.close()
			return nil, err
		}
		b.consumers = append(b.consumers, c)
	}
	return b, nil
}

// monitor makes every consumer monitor every device, the consumers in
// parallel, then starts their readers.
func (b *xmlBridge) monitor(ctx context.Context, devices []string, r *receivers) error {
	errs := make(chan error, len(b.consumers))
	for _, c := range b.consumers {
		go func() { errs <- c.monitor(ctx, devices) }()
	}
	var first error
	for range b.consumers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	for _, c := range b.consumers {
		c.started = true
		go c.read(r)
	}
	return nil
}

// stop disconnects the consumers and waits for their readers.
func (b *xmlBridge) stop() {
	b.stopOnce.Do(func() {
		for _, c := range b.consumers {
			c.conn.Close()
			if c.started {
				<-c.done
			}
		}
	})
}

func (b *xmlBridge) close() {
	b.stop()
	b.srv.Close()
	b.ln.Close()
}

// slowest returns the event documents read by the consumer that read the
// fewest.
func (b *xmlBridge) slowest() uint64 {
	n := uint64(math.MaxUint64)
	for _, c := range b.consumers {
		n = min(n, c.got.Load())
	}
	return n
}

// latency merges the consumers' histograms; call it after stop.
func (b *xmlBridge) latency() *histogram.Histogram {
	var h histogram.Histogram
	for _, c := range b.consumers {
		h.Merge(&c.hist)
	}
	return &h
}

// dialConsumer connects and logs in.
func dialConsumer(ctx context.Context, addr string) (*xmlConsumer, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("consumer: %w", err)
	}
	c := &xmlConsumer{conn: conn, hr: framing.NewHeaderReader(bufio.NewReaderSize(conn, 64<<10), framing.HeaderOptions{}),
		done: make(chan struct{})}
	fail := func(err error) (*xmlConsumer, error) {
		conn.Close()
		return nil, fmt.Errorf("consumer: %w", err)
	}
	conn.SetDeadline(time.Now().Add(time.Minute))
	login := fmt.Appendf(nil, `<StartApplicationSession xmlns="%s"><applicationInfo><applicationID>bench</applicationID>`+
		`<applicationSpecificInfo><ns1:SessionLoginInfo xmlns:ns1="%s"><ns1:userName>%s</ns1:userName>`+
		`<ns1:password>%s</ns1:password></ns1:SessionLoginInfo></applicationSpecificInfo></applicationInfo>`+
		`<requestedProtocolVersions><protocolVersion>%s</protocolVersion></requestedProtocolVersions>`+
		`<requestedSessionDuration>3600</requestedSessionDuration></StartApplicationSession>`,
		ecma323.NamespaceSession, ecma323.NamespaceEltex, benchUser, benchPassword, benchNS)
	msg, err := framing.AppendHeader(nil, 1, login)
	if err != nil {
		return fail(err)
	}
	if _, err := conn.Write(msg); err != nil {
		return fail(err)
	}
	if _, doc, err := c.hr.ReadMessage(); err != nil {
		return fail(err)
	} else if !bytes.Contains(doc, []byte("StartApplicationSessionPosResponse")) {
		return fail(fmt.Errorf("login refused: %s", doc))
	}
	conn.SetDeadline(time.Time{})
	return c, nil
}

// monitor starts a monitor of every device, the requests sent back to back
// and their answers read meanwhile.
func (c *xmlConsumer) monitor(ctx context.Context, devices []string) error {
	conn := c.conn
	fail := func(err error) error { return fmt.Errorf("consumer: %w", err) }
	deadline, ok := ctx.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Minute + time.Duration(len(devices))*time.Millisecond)
	}
	conn.SetDeadline(deadline)
	// Requests and answers overlap: a writer sends, this goroutine reads.
	werr := make(chan error, 1)
	go func() {
		bw := bufio.NewWriterSize(conn, 64<<10)
		var buf []byte
		for i, dev := range devices {
			buf = fmt.Appendf(buf[:0], `<MonitorStart xmlns="%s"><monitorObject><deviceObject>%s</deviceObject></monitorObject></MonitorStart>`, benchNS, dev)
			m, err := framing.AppendHeader(nil, 2+i%9000, buf)
			if err == nil {
				_, err = bw.Write(m)
			}
			if err != nil {
				werr <- err
				return
			}
		}
		werr <- bw.Flush()
	}()
	for range devices {
		_, doc, err := c.hr.ReadMessage()
		if err != nil {
			return fail(err)
		}
		if !bytes.Contains(doc, []byte("MonitorStartResponse")) {
			return fail(fmt.Errorf("MonitorStart refused: %s", doc))
		}
	}
	if err := <-werr; err != nil {
		return fail(err)
	}
	conn.SetDeadline(time.Time{})
	return nil
}

// read counts the event documents until the connection closes. It reads
// each into the previous one's buffer: the consumers share the process
// with what they measure, and a new slice per document was four fifths of
// all that the process allocated with ten consumers, whose collections
// showed in the bridge's latency.
func (c *xmlConsumer) read(r *receivers) {
	defer close(c.done)
	var buf []byte
	for {
		id, doc, err := c.hr.ReadMessageInto(buf)
		if err != nil {
			c.err = err
			return
		}
		buf = doc
		if id != framing.EventInvokeID {
			continue
		}
		if seq, ok := docSeq(doc); ok {
			c.hist.Record(int64(r.stamps.Since(seq)))
		}
		c.got.Add(1)
		r.received(r.got.Add(1))
	}
}

// docSeq finds the first call id of an event document, which is the
// sequence number the simulator gave the event.
func docSeq(doc []byte) (uint32, bool) {
	const open = "<callID>"
	i := bytes.Index(doc, []byte(open))
	if i < 0 {
		return 0, false
	}
	rest := doc[i+len(open):]
	j := bytes.IndexByte(rest, '<')
	if j != 8 {
		return 0, false
	}
	var b [4]byte
	if _, err := hex.Decode(b[:], rest[:j]); err != nil {
		return 0, false
	}
	return pace.Seq(b[:])
}
