package capture

import (
	"bytes"
	"errors"
	"io"
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// streams reassembles a pcap into the bytes of each direction.
type streams struct {
	data   map[[2]netip.AddrPort]*bytes.Buffer
	syn    []netip.AddrPort // clients, in order of their SYN
	fins   int
	gaps   int
	chunks int
}

func readStreams(t *testing.T, pcap []byte) *streams {
	t.Helper()
	s := &streams{data: map[[2]netip.AddrPort]*bytes.Buffer{}}
	err := Read(bytes.NewReader(pcap), func(c Chunk) error {
		s.chunks++
		switch {
		case c.SYN:
			s.syn = append(s.syn, c.Src)
		case c.FIN:
			s.fins++
		default:
			s.gaps += c.Gap
			k := [2]netip.AddrPort{c.Src, c.Dst}
			if s.data[k] == nil {
				s.data[k] = &bytes.Buffer{}
			}
			s.data[k].Write(c.Data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *streams) get(src, dst net.Addr) []byte {
	k := [2]netip.AddrPort{src.(*net.TCPAddr).AddrPort(), dst.(*net.TCPAddr).AddrPort()}
	if b := s.data[k]; b != nil {
		return b.Bytes()
	}
	return nil
}

// exchange runs a TCP conversation over loopback: the client sends up, the
// server answers down, then the client closes.
func exchange(t *testing.T, srv, cli *Writer, up, down []byte) (client, server net.Addr) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if srv != nil {
		ln = srv.Listener(ln)
	}
	defer ln.Close()
	var wg sync.WaitGroup
	wg.Add(1)
	var serr error
	go func() {
		defer wg.Done()
		c, err := ln.Accept()
		if err != nil {
			serr = err
			return
		}
		defer c.Close()
		got := make([]byte, len(up))
		if _, err := io.ReadFull(c, got); err != nil {
			serr = err
			return
		}
		if _, err := c.Write(down); err != nil {
			serr = err
			return
		}
		_, serr = io.Copy(io.Discard, c) // until the client's FIN
	}()
	var c net.Conn
	if cli != nil {
		c, err = cli.Dial(t.Context(), nil, "tcp", ln.Addr().String())
	} else {
		c, err = net.Dial("tcp", ln.Addr().String())
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(up); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, len(down))
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatal(err)
	}
	client = c.LocalAddr()
	c.Close()
	wg.Wait()
	if serr != nil {
		t.Fatal(serr)
	}
	return client, ln.Addr()
}

func payload(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7) + seed
	}
	return b
}

func TestRoundTripBothSides(t *testing.T) {
	var sbuf, cbuf bytes.Buffer
	srv, err := New(&sbuf)
	if err != nil {
		t.Fatal(err)
	}
	cli, err := New(&cbuf)
	if err != nil {
		t.Fatal(err)
	}
	up, down := payload(50000, 1), payload(123, 2) // up spans several segments
	caddr, saddr := exchange(t, srv, cli, up, down)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if err := cli.Close(); err != nil {
		t.Fatal(err)
	}
	for name, buf := range map[string][]byte{"server": sbuf.Bytes(), "client": cbuf.Bytes()} {
		s := readStreams(t, buf)
		if !bytes.Equal(s.get(caddr, saddr), up) {
			t.Errorf("%s capture: client→server stream differs (%d bytes)", name, len(s.get(caddr, saddr)))
		}
		if !bytes.Equal(s.get(saddr, caddr), down) {
			t.Errorf("%s capture: server→client stream differs", name)
		}
		if len(s.syn) != 1 || s.syn[0] != caddr.(*net.TCPAddr).AddrPort() {
			t.Errorf("%s capture: SYN from %v, want the client %v", name, s.syn, caddr)
		}
		if s.fins != 2 || s.gaps != 0 {
			t.Errorf("%s capture: %d FINs, %d gap bytes", name, s.fins, s.gaps)
		}
	}
}

// TestWiresharkFields checks what other tools rely on: Ethernet framing,
// valid checksums, sequence numbers continuing across packets.
func TestWiresharkFields(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(&buf)
	exchange(t, w, nil, []byte("hello"), []byte("world!"))
	w.Close()
	r, err := pcapgo.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r.LinkType() != layers.LinkTypeEthernet {
		t.Fatalf("link type %v", r.LinkType())
	}
	next := map[layers.TCPPort]uint32{}
	packets := 0
	for {
		data, _, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		packets++
		p := gopacket.NewPacket(data, layers.LayerTypeEthernet, gopacket.Default)
		if el := p.ErrorLayer(); el != nil {
			t.Fatalf("packet %d: %v", packets, el.Error())
		}
		ip := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		tcp := p.Layer(layers.LayerTypeTCP).(*layers.TCP)
		// Short frames are padded to the Ethernet minimum of 60 bytes.
		if want := 20 + len(tcp.Contents) + len(tcp.Payload); int(ip.Length) != want || len(data) != max(14+want, 60) {
			t.Fatalf("packet %d: IP length %d, frame %d bytes; want %d", packets, ip.Length, len(data), want)
		}
		// Recompute the checksums and compare.
		sum := tcp.Checksum
		tcp.SetNetworkLayerForChecksum(ip)
		sb := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(sb, gopacket.SerializeOptions{ComputeChecksums: true, FixLengths: true}, tcp, gopacket.Payload(tcp.Payload)); err != nil {
			t.Fatal(err)
		}
		again := gopacket.NewPacket(sb.Bytes(), layers.LayerTypeTCP, gopacket.Default).Layer(layers.LayerTypeTCP).(*layers.TCP)
		if again.Checksum != sum {
			t.Fatalf("packet %d: TCP checksum %04x, want %04x", packets, sum, again.Checksum)
		}
		if n, ok := next[tcp.SrcPort]; ok && n != tcp.Seq {
			t.Fatalf("packet %d: seq %d, want %d", packets, tcp.Seq, n)
		}
		adv := uint32(len(tcp.Payload))
		if tcp.SYN || tcp.FIN {
			adv++
		}
		next[tcp.SrcPort] = tcp.Seq + adv
	}
	// SYN, SYN-ACK, ACK, 2 data, 2 FIN, final ACK.
	if packets != 8 {
		t.Fatalf("%d packets", packets)
	}
}

// TestReassemblyOutOfOrder feeds the reader the packets of a capture
// shuffled, duplicated and with one lost, as a real capture may have them.
func TestReassemblyOutOfOrder(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(&buf)
	up := payload(5*maxSegment+100, 3)
	// The dialling side records its one Write as six full segments.
	caddr, saddr := exchange(t, nil, w, up, []byte("ok"))
	w.Close()

	r, _ := pcapgo.NewReader(bytes.NewReader(buf.Bytes()))
	type pkt struct {
		data []byte
		ci   gopacket.CaptureInfo
	}
	var pkts []pkt
	for {
		data, ci, err := r.ReadPacketData()
		if err != nil {
			break
		}
		pkts = append(pkts, pkt{data, ci})
	}
	// 3 handshake packets, then 6 data segments from the client.
	write := func(order []int) []byte {
		var out bytes.Buffer
		pw := pcapgo.NewWriter(&out)
		pw.WriteFileHeader(65535, layers.LinkTypeEthernet)
		for _, i := range order {
			pw.WritePacket(pkts[i].ci, pkts[i].data)
		}
		return out.Bytes()
	}
	var order []int
	for i := range pkts {
		order = append(order, i)
	}
	// Swap two data segments and repeat one.
	shuffled := append([]int{}, order[:3]...)
	shuffled = append(shuffled, 4, 3, 3, 5)
	shuffled = append(shuffled, order[6:]...)
	s := readStreams(t, write(shuffled))
	if !bytes.Equal(s.get(caddr, saddr), up) {
		t.Fatalf("shuffled: stream differs (%d of %d bytes)", len(s.get(caddr, saddr)), len(up))
	}
	// Lose segment 4: the rest comes after a gap of its size.
	lost := append([]int{}, order[:4]...)
	lost = append(lost, order[5:]...)
	s = readStreams(t, write(lost))
	if s.gaps != maxSegment {
		t.Fatalf("gap %d, want %d", s.gaps, maxSegment)
	}
	want := append(append([]byte{}, up[:maxSegment]...), up[2*maxSegment:]...)
	if !bytes.Equal(s.get(caddr, saddr), want) {
		t.Fatalf("lost: stream differs")
	}
}

func TestCloseStopsRecording(t *testing.T) {
	var buf bytes.Buffer
	w, _ := New(&buf)
	a, b := net.Pipe()
	defer b.Close()
	c := w.Conn(a, false)
	w.Close()
	n := buf.Len()
	go io.Copy(io.Discard, b)
	c.SetDeadline(time.Now().Add(time.Second))
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	c.Close()
	if buf.Len() != n {
		t.Fatal("packets written after Close")
	}
}

func TestReadRejectsGarbage(t *testing.T) {
	if err := Read(bytes.NewReader([]byte("not a pcap at all")), func(Chunk) error { return nil }); err == nil {
		t.Fatal("no error")
	}
}
