package capture

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"slices"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// A Chunk is what Read hands out: the next in-order bytes of one direction of
// a TCP connection, or a change of its state.
type Chunk struct {
	Time     time.Time      // timestamp of the packet that completed the chunk
	Packet   int            // number of that packet in the file, from 1
	Src, Dst netip.AddrPort // the direction: from Src to Dst
	// Data are the next bytes of the Src → Dst stream, in order.
	Data []byte
	// SYN is set on the chunk (without Data) that reports a connection
	// opened by Src: Src is the client, Dst the server.
	SYN bool
	// FIN is set on the chunk (without Data) that reports the end of the
	// Src → Dst stream.
	FIN bool
	// Gap is the number of bytes of the stream that are missing from the
	// capture before Data (the reassembler gave up waiting for them).
	Gap int
}

// maxPending bounds the out-of-order bytes kept per direction before the
// reassembler skips the hole.
const maxPending = 1 << 20

type flowKey struct{ src, dst netip.AddrPort }

type direction struct {
	started bool
	next    uint32
	pending map[uint32][]byte
	size    int
	fin     bool
}

// Read reads a pcap or pcapng stream of Ethernet, raw IP, Linux cooked or
// BSD loopback packets, reassembles every TCP connection in it direction by
// direction, and calls fn with the chunks in the order the packets that
// complete them appear. Packets that are not TCP are skipped. A malformed
// file is an error; fn's error stops Read and is returned.
func Read(r io.Reader, fn func(Chunk) error) error {
	br := bufio.NewReader(r)
	magic, err := br.Peek(4)
	if err != nil {
		return fmt.Errorf("capture: not a pcap file: %w", err)
	}
	type source interface {
		ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
		LinkType() layers.LinkType
	}
	var src source
	if bytes.Equal(magic, []byte{0x0a, 0x0d, 0x0d, 0x0a}) {
		ng, err := pcapgo.NewNgReader(br, pcapgo.DefaultNgReaderOptions)
		if err != nil {
			return fmt.Errorf("capture: pcapng: %w", err)
		}
		src = ng
	} else {
		pr, err := pcapgo.NewReader(br)
		if err != nil {
			return fmt.Errorf("capture: %w", err)
		}
		src = pr
	}
	flows := map[flowKey]*direction{}
	var order []flowKey // flows in order of appearance, for the final flush
	n := 0
	for {
		data, ci, err := src.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("capture: packet %d: %w", n+1, err)
		}
		n++
		src, dst, tcp, ok := decodeTCP(data, src.LinkType())
		if !ok {
			continue
		}
		k := flowKey{src, dst}
		d := flows[k]
		if d == nil {
			d = &direction{pending: map[uint32][]byte{}}
			flows[k] = d
			order = append(order, k)
		}
		base := Chunk{Time: ci.Timestamp, Packet: n, Src: src, Dst: dst}
		if err := d.segment(base, tcp, fn); err != nil {
			return err
		}
	}
	// Whatever is still waiting behind a hole is delivered after it.
	for _, k := range order {
		d := flows[k]
		if err := d.flush(Chunk{Src: k.src, Dst: k.dst, Packet: n}, fn); err != nil {
			return err
		}
	}
	return nil
}

func decodeTCP(data []byte, lt layers.LinkType) (src, dst netip.AddrPort, tcp *layers.TCP, ok bool) {
	var first gopacket.Decoder = lt
	switch lt {
	case layers.LinkTypeRaw, layers.LinkTypeIPv4, layers.LinkTypeIPv6:
		if len(data) == 0 {
			return
		}
		if data[0]>>4 == 6 {
			first = layers.LayerTypeIPv6
		} else {
			first = layers.LayerTypeIPv4
		}
	}
	p := gopacket.NewPacket(data, first, gopacket.DecodeOptions{NoCopy: true, Lazy: true})
	t, _ := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	if t == nil {
		return
	}
	var sip, dip netip.Addr
	switch ip := p.NetworkLayer().(type) {
	case *layers.IPv4:
		sip, _ = netip.AddrFromSlice(ip.SrcIP.To4())
		dip, _ = netip.AddrFromSlice(ip.DstIP.To4())
	case *layers.IPv6:
		sip, _ = netip.AddrFromSlice(ip.SrcIP)
		dip, _ = netip.AddrFromSlice(ip.DstIP)
	default:
		return
	}
	return netip.AddrPortFrom(sip, uint16(t.SrcPort)), netip.AddrPortFrom(dip, uint16(t.DstPort)), t, true
}

// segment adds one TCP segment of the direction and delivers what became
// contiguous.
func (d *direction) segment(base Chunk, t *layers.TCP, fn func(Chunk) error) error {
	seq := t.Seq
	if t.SYN {
		d.started, d.next = true, seq+1
		if !t.ACK {
			c := base
			c.SYN = true
			if err := fn(c); err != nil {
				return err
			}
		}
		seq++
	}
	payload := t.Payload
	if !d.started {
		d.started, d.next = true, seq
	}
	if len(payload) > 0 {
		if int32(seq-d.next) > 0 {
			if _, dup := d.pending[seq]; !dup {
				d.pending[seq] = slices.Clone(payload)
				d.size += len(payload)
			}
			if d.size > maxPending {
				return d.flush(base, fn)
			}
		} else if err := d.deliver(base, seq, payload, 0, fn); err != nil {
			return err
		}
	}
	if t.FIN && !d.fin && int32(seq+uint32(len(payload))-d.next) <= 0 {
		d.fin = true
		c := base
		c.FIN = true
		return fn(c)
	}
	return nil
}

// deliver hands out the part of payload (starting at seq, at or before
// d.next) that is new, then whatever pending segments it makes contiguous.
func (d *direction) deliver(base Chunk, seq uint32, payload []byte, gap int, fn func(Chunk) error) error {
	if skip := int(d.next - seq); skip > 0 {
		if skip >= len(payload) {
			payload = nil
		} else {
			payload = payload[skip:]
		}
	}
	if len(payload) > 0 {
		d.next += uint32(len(payload))
		c := base
		c.Data, c.Gap = payload, gap
		if err := fn(c); err != nil {
			return err
		}
	}
	for {
		found := false
		for s, p := range d.pending {
			if int32(s-d.next) <= 0 {
				delete(d.pending, s)
				d.size -= len(p)
				found = true
				if err := d.deliver(base, s, p, 0, fn); err != nil {
					return err
				}
				break
			}
		}
		if !found {
			return nil
		}
	}
}

// flush gives up on the holes: pending segments are delivered in sequence
// order, each after the gap before it.
func (d *direction) flush(base Chunk, fn func(Chunk) error) error {
	for len(d.pending) > 0 {
		var first uint32
		firstSet := false
		for s := range d.pending {
			if !firstSet || int32(s-first) < 0 {
				first, firstSet = s, true
			}
		}
		p := d.pending[first]
		delete(d.pending, first)
		d.size -= len(p)
		gap := int(first - d.next)
		d.next = first
		if err := d.deliver(base, first, p, gap, fn); err != nil {
			return err
		}
	}
	return nil
}
