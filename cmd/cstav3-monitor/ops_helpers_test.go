package main

import (
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// freezer is a TCP proxy on 127.0.0.1 in front of a PBX that can freeze
// like a PBX under SIGSTOP: connections stay open, bytes go nowhere, new
// connections are accepted and never answered.
type freezer struct {
	ln     net.Listener
	target string
	frozen atomic.Bool
	wg     sync.WaitGroup
	mu     sync.Mutex
	conns  []net.Conn
}

func startFreezer(t *testing.T, target string) *freezer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &freezer{ln: ln, target: target}
	f.wg.Add(1)
	go f.accept()
	t.Cleanup(f.close)
	return f
}

func (f *freezer) addr() string { return f.ln.Addr().String() }

func (f *freezer) track(c net.Conn) {
	f.mu.Lock()
	f.conns = append(f.conns, c)
	f.mu.Unlock()
}

func (f *freezer) close() {
	f.ln.Close()
	f.mu.Lock()
	for _, c := range f.conns {
		c.Close()
	}
	f.mu.Unlock()
	f.wg.Wait()
}

func (f *freezer) accept() {
	defer f.wg.Done()
	for {
		c, err := f.ln.Accept()
		if err != nil {
			return
		}
		f.track(c)
		if f.frozen.Load() {
			f.wg.Add(1)
			go func() { defer f.wg.Done(); io.Copy(io.Discard, c) }()
			continue
		}
		up, err := net.Dial("tcp", f.target)
		if err != nil {
			c.Close()
			continue
		}
		f.track(up)
		f.wg.Add(2)
		go f.pipe(up, c)
		go f.pipe(c, up)
	}
}

// pipe copies src to dst until src ends, dropping what arrives while frozen.
func (f *freezer) pipe(dst, src net.Conn) {
	defer f.wg.Done()
	defer dst.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !f.frozen.Load() {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// xmlConsumer is an ECMA-323 consumer on the header framing.
type xmlConsumer struct {
	t    *testing.T
	conn net.Conn
	hr   *framing.HeaderReader
	enc  ecma323.Encoder
}

const nsEd3 = "http://www.ecma-international.org/standards/ecma-323/csta/ed3"

func dialXMLConsumer(t *testing.T, addr, user, password string) *xmlConsumer {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	c := &xmlConsumer{t: t, conn: conn, hr: framing.NewHeaderReader(conn, framing.HeaderOptions{})}
	if name := c.login(user, password); !strings.HasSuffix(name, "PosResponse") {
		t.Fatalf("login answered with %s", name)
	}
	return c
}

// login sends StartApplicationSession and returns the name of the answer.
func (c *xmlConsumer) login(user, password string) string {
	c.t.Helper()
	login := fmt.Appendf(nil, `<StartApplicationSession xmlns="%s"><applicationInfo><applicationID>test</applicationID>`+
		`<applicationSpecificInfo><ns1:SessionLoginInfo xmlns:ns1="%s"><ns1:userName>%s</ns1:userName>`+
		`<ns1:password>%s</ns1:password></ns1:SessionLoginInfo></applicationSpecificInfo></applicationInfo>`+
		`<requestedProtocolVersions><protocolVersion>%s</protocolVersion></requestedProtocolVersions>`+
		`<requestedSessionDuration>300</requestedSessionDuration></StartApplicationSession>`,
		ecma323.NamespaceSession, ecma323.NamespaceEltex, user, password, nsEd3)
	c.send(1, login)
	return c.reply(1).Name
}

func (c *xmlConsumer) send(id int, doc []byte) {
	c.t.Helper()
	b, err := framing.AppendHeader(nil, id, doc)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := c.conn.Write(b); err != nil {
		c.t.Fatal(err)
	}
}

// next reads the next document, failing after waitLong.
func (c *xmlConsumer) next() (int, *ecma323.Message) {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(waitLong))
	id, doc, err := c.hr.ReadMessage()
	if err != nil {
		c.t.Fatalf("reading from the bridge: %v", err)
	}
	m, err := ecma323.Decoder{}.Decode(doc)
	if err != nil {
		c.t.Fatalf("document %q: %v", doc, err)
	}
	return id, m
}

// reply reads documents until the one with invoke id id.
func (c *xmlConsumer) reply(id int) *ecma323.Message {
	c.t.Helper()
	for {
		if got, m := c.next(); got == id {
			return m
		}
	}
}

// systemStatusEvent reads documents until a SystemStatus of the bridge
// with status want.
func (c *xmlConsumer) systemStatusEvent(want string) {
	c.t.Helper()
	for {
		if _, m := c.next(); m.Name == "SystemStatus" && m.XML.(*ecma323.SystemStatus).SystemStatus == want {
			return
		}
	}
}

// requestSystemStatus asks the bridge for the PBX's status.
func (c *xmlConsumer) requestSystemStatus(id int) string {
	c.t.Helper()
	doc, err := c.enc.Append(nil, &ecma323.RequestSystemStatus{})
	if err != nil {
		c.t.Fatal(err)
	}
	c.send(id, doc)
	m := c.reply(id)
	r, ok := m.XML.(*ecma323.RequestSystemStatusResponse)
	if !ok {
		c.t.Fatalf("RequestSystemStatus answered with %s", m.Name)
	}
	return r.SystemStatus
}

// bridgeAddr waits for the bridge's header listener line and returns its
// address.
func bridgeAddr(p *proc) string {
	line := p.waitLine("the listener", func(l string) bool { return strings.Contains(l, "XML bridge: ECMA-323 header TCP on") })
	return line[strings.LastIndex(line, " ")+1:]
}

// freeAddr returns a 127.0.0.1 address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
