// Package capture records the traffic of TCP connections as a pcap file that
// Wireshark, tcpdump and `cstav3-monitor decode --pcap` can read.
//
// A Writer owns the file. Wrap a connection with Writer.Conn, a listener with
// Writer.Listener, or dial through Writer.Dial: every byte that is read from
// or written to a wrapped connection becomes the payload of a synthesized
// Ethernet/IPv4 (or IPv6)/TCP packet between the connection's real
// addresses, with sequence and acknowledgement numbers that follow the
// stream, so that any TCP reassembler rebuilds both directions. Each
// connection starts with a synthesized three-way handshake and ends with a
// FIN from the side that closed first (and one from the other side when it
// is seen).
//
// Packets are written when a Read or Write returns, in that order, under one
// lock: the file is a faithful record of what this process sent and
// received, not of the wire timing.
package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"sync"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// maxSegment is the largest TCP payload of one synthesized packet; longer
// reads and writes are split. It keeps IPv4 total lengths far below 64 KiB.
const maxSegment = 16384

// snaplen is the snapshot length written in the file header.
const snaplen = 65535

// A Writer writes the packets of any number of wrapped connections to one
// pcap stream. It is safe for concurrent use.
type Writer struct {
	mu     sync.Mutex
	w      *pcapgo.Writer
	closer io.Closer
	err    error // first write error; later packets are not written
	closed bool
	now    func() time.Time
	rng    *rand.Rand
	buf    gopacket.SerializeBuffer
	conns  map[*Conn]struct{}
}

// New writes a pcap file header (LinkTypeEthernet) to w and returns a Writer
// that appends packets to it. If w is an io.Closer, Close closes it.
func New(w io.Writer) (*Writer, error) {
	pw := pcapgo.NewWriter(w)
	if err := pw.WriteFileHeader(snaplen, layers.LinkTypeEthernet); err != nil {
		return nil, fmt.Errorf("capture: write pcap header: %w", err)
	}
	cw := &Writer{
		w:     pw,
		now:   time.Now,
		rng:   rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0x5eed)),
		buf:   gopacket.NewSerializeBuffer(),
		conns: map[*Conn]struct{}{},
	}
	if c, ok := w.(io.Closer); ok {
		cw.closer = c
	}
	return cw, nil
}

// Create creates (or truncates) the file at path and returns a Writer on it.
func Create(path string) (*Writer, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("capture: %w", err)
	}
	w, err := New(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// Err returns the first error met while writing packets, if any.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Close writes the closing FINs of connections still open, stops recording
// and closes the underlying file if the Writer was given one. Wrapped
// connections keep working; their traffic is no longer recorded.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return w.err
	}
	for c := range w.conns {
		c.finLocked(true)
		c.finLocked(false)
	}
	w.closed = true
	if w.closer != nil {
		if err := w.closer.Close(); err != nil && w.err == nil {
			w.err = err
		}
	}
	return w.err
}

// Conn wraps c so that its traffic is recorded. server tells which side of
// the TCP connection c is: true for a connection accepted by a listener (the
// peer sent the SYN), false for one this process dialled.
func (w *Writer) Conn(c net.Conn, server bool) *Conn {
	cc := &Conn{Conn: c, w: w}
	cc.local = endpointOf(c.LocalAddr(), net.IPv4(127, 0, 0, 1), 1)
	cc.remote = endpointOf(c.RemoteAddr(), net.IPv4(127, 0, 0, 2), 2)
	if (cc.local.ip.To4() == nil) != (cc.remote.ip.To4() == nil) {
		// Mixed families cannot share one IP header: use synthetic IPv4.
		cc.local.ip, cc.remote.ip = net.IPv4(127, 0, 0, 1), net.IPv4(127, 0, 0, 2)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	cc.local.seq = w.rng.Uint32()
	cc.remote.seq = w.rng.Uint32()
	if w.closed {
		cc.done = true
		return cc
	}
	w.conns[cc] = struct{}{}
	// The three-way handshake, from the side that opened the connection.
	a, b := &cc.local, &cc.remote
	if server {
		a, b = b, a
	}
	w.packetLocked(a, b, tcpFlags{syn: true}, nil)
	a.seq++
	w.packetLocked(b, a, tcpFlags{syn: true, ack: true}, nil)
	b.seq++
	w.packetLocked(a, b, tcpFlags{ack: true}, nil)
	return cc
}

// Dial dials addr with d (a zero net.Dialer if nil) and wraps the
// connection.
func (w *Writer) Dial(ctx context.Context, d *net.Dialer, network, addr string) (net.Conn, error) {
	if d == nil {
		d = &net.Dialer{}
	}
	c, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return w.Conn(c, false), nil
}

// Listener wraps ln so that every connection it accepts is recorded.
func (w *Writer) Listener(ln net.Listener) net.Listener { return &listener{Listener: ln, w: w} }

type listener struct {
	net.Listener
	w *Writer
}

func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return l.w.Conn(c, true), nil
}

// endpoint is one side of a recorded connection: its address and the
// sequence number of the next byte it sends.
type endpoint struct {
	ip   net.IP
	port uint16
	mac  net.HardwareAddr
	seq  uint32
	fin  bool
}

func endpointOf(a net.Addr, fallback net.IP, n byte) endpoint {
	e := endpoint{ip: fallback, port: 0, mac: net.HardwareAddr{0x02, 0, 0, 0, 0, n}}
	if ta, ok := a.(*net.TCPAddr); ok {
		if ip4 := ta.IP.To4(); ip4 != nil {
			e.ip = ip4
		} else if ta.IP != nil {
			e.ip = ta.IP
		}
		e.port = uint16(ta.Port)
	}
	return e
}

// A Conn is a recorded connection. Its Read and Write record the bytes they
// move; Close records a FIN.
type Conn struct {
	net.Conn
	w             *Writer
	local, remote endpoint
	done          bool // no longer recorded
}

// Read reads from the connection and records what it read as sent by the
// peer; the end of the stream is recorded as the peer's FIN.
func (c *Conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.w.mu.Lock()
	if n > 0 {
		c.w.dataLocked(c, &c.remote, &c.local, p[:n])
	}
	if errors.Is(err, io.EOF) {
		c.finLocked(false)
	}
	c.w.mu.Unlock()
	return n, err
}

// Write records p and writes it to the connection. Recording first keeps
// the capture causal: the peer cannot answer bytes before they appear in
// it. A write that fails may therefore leave more in the capture than went
// out; such a connection is broken anyway.
func (c *Conn) Write(p []byte) (int, error) {
	if len(p) > 0 {
		c.w.mu.Lock()
		c.w.dataLocked(c, &c.local, &c.remote, p)
		c.w.mu.Unlock()
	}
	return c.Conn.Write(p)
}

// Close closes the connection and records this side's FIN.
func (c *Conn) Close() error {
	err := c.Conn.Close()
	c.w.mu.Lock()
	c.finLocked(true)
	c.w.mu.Unlock()
	return err
}

// finLocked records the FIN of this side (local) or of the peer. When both
// were sent the connection is forgotten.
func (c *Conn) finLocked(local bool) {
	if c.done || c.w.closed {
		return
	}
	from, to := &c.remote, &c.local
	if local {
		from, to = to, from
	}
	if from.fin {
		return
	}
	c.w.packetLocked(from, to, tcpFlags{fin: true, ack: true}, nil)
	from.seq++
	from.fin = true
	if c.local.fin && c.remote.fin {
		c.w.packetLocked(to, from, tcpFlags{ack: true}, nil)
		c.done = true
		delete(c.w.conns, c)
	}
}

func (w *Writer) dataLocked(c *Conn, from, to *endpoint, p []byte) {
	if c.done || w.closed {
		return
	}
	for len(p) > 0 {
		n := min(len(p), maxSegment)
		w.packetLocked(from, to, tcpFlags{ack: true, psh: n == len(p)}, p[:n])
		from.seq += uint32(n)
		p = p[n:]
	}
}

type tcpFlags struct{ syn, ack, psh, fin bool }

// packetLocked writes one packet from one endpoint to the other, with from's
// current sequence number and to's as the acknowledgement.
func (w *Writer) packetLocked(from, to *endpoint, f tcpFlags, payload []byte) {
	if w.err != nil || w.closed {
		return
	}
	eth := &layers.Ethernet{SrcMAC: from.mac, DstMAC: to.mac}
	tcp := &layers.TCP{
		SrcPort: layers.TCPPort(from.port),
		DstPort: layers.TCPPort(to.port),
		Seq:     from.seq,
		SYN:     f.syn,
		ACK:     f.ack,
		PSH:     f.psh,
		FIN:     f.fin,
		Window:  65535,
	}
	if f.ack {
		tcp.Ack = to.seq
	}
	var netLayer gopacket.SerializableLayer
	if from.ip.To4() != nil {
		eth.EthernetType = layers.EthernetTypeIPv4
		ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: from.ip.To4(), DstIP: to.ip.To4(), Flags: layers.IPv4DontFragment}
		tcp.SetNetworkLayerForChecksum(ip)
		netLayer = ip
	} else {
		eth.EthernetType = layers.EthernetTypeIPv6
		ip := &layers.IPv6{Version: 6, HopLimit: 64, NextHeader: layers.IPProtocolTCP, SrcIP: from.ip, DstIP: to.ip}
		tcp.SetNetworkLayerForChecksum(ip)
		netLayer = ip
	}
	if err := w.buf.Clear(); err != nil {
		w.err = err
		return
	}
	opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
	if err := gopacket.SerializeLayers(w.buf, opts, eth, netLayer, tcp, gopacket.Payload(payload)); err != nil {
		w.err = fmt.Errorf("capture: build packet: %w", err)
		return
	}
	data := w.buf.Bytes()
	ci := gopacket.CaptureInfo{Timestamp: w.now(), CaptureLength: len(data), Length: len(data)}
	if err := w.w.WritePacket(ci, data); err != nil {
		w.err = fmt.Errorf("capture: write packet: %w", err)
	}
}
