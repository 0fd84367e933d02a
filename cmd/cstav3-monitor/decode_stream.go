package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"slices"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/capture"
)

// The first bytes of an AARQ and an AARE: [APPLICATION 0] and [APPLICATION
// 1], constructed.
const (
	tagAARQ = 0x60
	tagAARE = 0x61
)

// blob decodes a whole input: frames of --framing, or with auto frames if
// it starts with a HiPath frame header, else bare PDUs one after the other.
func (d *decoder) blob(data []byte) {
	s := d.newStream()
	s.feed(origin{}, data)
	s.end(origin{})
}

// stream splits one direction of a connection (or a whole input) into PDUs.
type stream struct {
	d     *decoder
	buf   []byte
	off   int            // stream offset of buf[0]
	known bool           // framing is set: --framing, or the first byte seen
	f     cstav3.Framing // nil: bare PDUs
}

func (d *decoder) newStream() *stream {
	s := &stream{d: d}
	if d.framing != "auto" && d.framing != "" {
		s.f, s.known = decodeFramings[d.framing], true
	}
	return s
}

// detect sets the framing of --framing auto from the start of the stream:
// HiPath frames if it starts with a HiPath frame header (26 80|len, which
// no CSTA PDU starts with), else bare PDUs. It reports false while the
// stream is too short to tell.
func (s *stream) detect(data []byte) bool {
	if s.known {
		return true
	}
	h := hipath.Framing.HeaderLen()
	if len(data) < h {
		return false
	}
	s.known = true
	if _, err := hipath.Framing.ParseHeader(data[:h]); err == nil {
		s.f = hipath.Framing
	}
	return true
}

// firstPDUByte returns the first byte of the PDU that data, the start of
// the stream, holds or begins.
func (s *stream) firstPDUByte(data []byte) (byte, bool) {
	if !s.detect(data) {
		return 0, false
	}
	h := 0
	if s.f != nil {
		h = s.f.HeaderLen()
	}
	if len(data) <= h {
		return 0, false
	}
	return data[h], true
}

func (s *stream) feed(o origin, data []byte) {
	s.buf = append(s.buf, data...)
	if !s.detect(s.buf) {
		return // wait for more
	}
	for len(s.buf) > 0 {
		var n int
		if s.f != nil {
			n = s.frame(o)
		} else {
			n = s.bare(o)
		}
		if n == 0 {
			return // wait for more
		}
		s.buf = s.buf[n:]
		s.off += n
	}
}

// frame handles the frame at the head of buf and returns how many bytes it
// used (0: incomplete).
func (s *stream) frame(o origin) int {
	o.offset = s.off
	// A reader of what has arrived so far; a frame cut short is waited for.
	fr := cstav3.NewFrameReader(bufio.NewReaderSize(bytes.NewReader(s.buf), 16), s.f, 0)
	pdu, err := fr.ReadFrame()
	var fe *cstav3.FrameError
	switch {
	case err == nil:
		s.d.pdu(o, pdu)
		return s.f.HeaderLen() + len(pdu)
	case errors.As(err, &fe):
		// Lost framing: skip to the next plausible header.
		skip := s.resync()
		s.d.undecodable(o, s.buf[:skip], fmt.Sprintf("no frame header (%v): % x", fe.Err, fe.Header))
		return skip
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return 0
	}
	s.d.undecodable(o, s.buf, err.Error()) // no other error reading memory
	return len(s.buf)
}

// resync returns the offset in buf, after its first byte, of the next
// header the framing takes, or len(buf) if none is there.
func (s *stream) resync() int {
	h := s.f.HeaderLen()
	for p := 1; p+h <= len(s.buf); p++ {
		if n, err := s.f.ParseHeader(s.buf[p : p+h]); err == nil && n > 0 {
			return p
		}
	}
	return len(s.buf)
}

// bare handles the BER element at the head of buf.
func (s *stream) bare(o origin) int {
	o.offset = s.off
	r := ber.NewReader(s.buf)
	e, err := r.Next()
	if err != nil {
		if errors.Is(err, ber.ErrTruncated) {
			return 0
		}
		s.d.undecodable(o, s.buf, "not a BER element: "+err.Error())
		return len(s.buf)
	}
	s.d.pdu(o, e.Raw)
	return len(e.Raw)
}

// end reports what is left of an incomplete PDU.
func (s *stream) end(o origin) {
	if len(s.buf) > 0 {
		o.offset = s.off
		s.d.undecodable(o, s.buf, fmt.Sprintf("input ends inside a PDU (%d bytes left)", len(s.buf)))
		s.off += len(s.buf)
		s.buf = nil
	}
}

// pcap decodes every TCP connection of a capture.
func (d *decoder) pcap(r io.Reader) error {
	type conn struct {
		server  netip.AddrPort // the PBX side, once known
		streams map[netip.AddrPort]*stream
	}
	conns := map[string]*conn{}
	connOf := func(a, b netip.AddrPort) (string, *conn) {
		k := a.String() + "|" + b.String()
		if b.Compare(a) < 0 {
			k = b.String() + "|" + a.String()
		}
		c := conns[k]
		if c == nil {
			c = &conn{streams: map[netip.AddrPort]*stream{}}
			for _, p := range []netip.AddrPort{a, b} {
				if p.Port() == 7001 || p.Port() == 8800 {
					c.server = p
				}
			}
			conns[k] = c
		}
		return k, c
	}
	var last capture.Chunk
	err := capture.Read(r, func(ch capture.Chunk) error {
		last = ch
		k, c := connOf(ch.Src, ch.Dst)
		if ch.SYN {
			c.server = ch.Dst
			return nil
		}
		s := c.streams[ch.Src]
		if s == nil {
			s = d.newStream()
			c.streams[ch.Src] = s
		}
		if len(ch.Data) > 0 && s.off == 0 && len(s.buf) == 0 && !c.server.IsValid() {
			// No SYN seen: the side that sends the AARQ is the client.
			switch first, _ := s.firstPDUByte(ch.Data); first {
			case tagAARQ:
				c.server = ch.Dst
			case tagAARE:
				c.server = ch.Src
			}
		}
		o := origin{conn: k, src: ch.Src.String(), dst: ch.Dst.String(), time: ch.Time}
		if c.server.IsValid() {
			o.from, o.to = "client", "pbx"
			if ch.Src == c.server {
				o.from, o.to = "pbx", "client"
			}
		}
		if ch.Gap > 0 {
			o.offset = s.off
			d.undecodable(o, nil, fmt.Sprintf("%d bytes missing from the capture", ch.Gap))
			s.buf, s.off = nil, s.off+ch.Gap
		}
		if ch.FIN {
			s.end(o)
			return nil
		}
		s.feed(o, ch.Data)
		return nil
	})
	// Streams cut short, in a stable order.
	for _, k := range slices.Sorted(maps.Keys(conns)) {
		c := conns[k]
		for _, src := range slices.SortedFunc(maps.Keys(c.streams), netip.AddrPort.Compare) {
			c.streams[src].end(origin{conn: k, src: src.String(), time: last.Time})
		}
	}
	return err
}
