package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/netip"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/internal/capture"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
	"github.com/spf13/cobra"
)

func newDecodeCmd(app *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "decode [HEX…]",
		Short: "Decode HiPath frames or bare CSTA PDUs (hex, a binary file or a pcap) to JSON",
		Long: `Decode CSTA Phase III PDUs and print each one as a JSON object on its own line:
the ACSE or ROSE envelope, the operation, and the typed argument, result,
error or event. Enumerations are written by their ASN.1 names, call ids and
cross-references as lowercase hex, devices as their number text.

The input is HiPath frames (26 80|len) or bare PDUs, detected from the first
byte: hex given as arguments (with or without spaces), a file (--file: binary,
or hex text), or a pcap/pcapng capture (--pcap) whose TCP connections are
reassembled direction by direction. Bytes that cannot be decoded are reported
with their offset and decoding goes on.

A ReturnError does not name its operation; it is matched with the invoke it
answers when that invoke is in the same input.`,
		Example: `  cstav3-monitor decode a1 0c 02 01 01 02 02 00 d3 30 03 0a 01 02
  cstav3-monitor decode 26800d a20b0201013006020200d30500
  cstav3-monitor decode --file testdata/vectors/pbx-event-delivered.hex
  cstav3-monitor decode --pcap testdata/pcaps/basic-call.pcap | jq .event`,
		RunE: func(cmd *cobra.Command, args []string) error {
			file, pcap := app.str(cmd, "file"), app.str(cmd, "pcap")
			format := app.str(cmd, "format")
			switch format {
			case "json", "text", "xml":
			default:
				return usageErrorf("--format %q: use json, text or xml", format)
			}
			n := 0
			for _, set := range []bool{len(args) > 0, file != "", pcap != ""} {
				if set {
					n++
				}
			}
			if n != 1 {
				return usageErrorf("give exactly one input: hex arguments, --file F or --pcap F")
			}
			out := bufio.NewWriter(cmd.OutOrStdout())
			defer out.Flush()
			d := newDecoder(out, format)
			switch {
			case pcap != "":
				f, err := os.Open(pcap)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := d.pcap(f); err != nil {
					return fmt.Errorf("%s: %w", pcap, err)
				}
			case file != "":
				data, err := os.ReadFile(file)
				if err != nil {
					return err
				}
				if h, ok := hexText(string(data)); ok {
					data = h
				}
				d.blob(data)
			default:
				data, err := parseHex(strings.Join(args, " "))
				if err != nil {
					return usageErrorf("%v", err)
				}
				d.blob(data)
			}
			if err := out.Flush(); err != nil {
				return err
			}
			if d.failed > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "decode: %d PDU(s) decoded, %d undecodable part(s) reported\n", d.count-d.failed, d.failed)
			}
			return nil
		},
	}
	cmd.Flags().String("file", "", "read the PDUs from a binary file (or a file of hex text)")
	cmd.Flags().String("pcap", "", "read the PDUs from a pcap or pcapng capture")
	cmd.Flags().String("format", "json", "output: json (one object per PDU) or text (one line per PDU)")
	return cmd
}

// parseHex reads hex digits, ignoring whitespace, colons, commas and 0x
// prefixes.
func parseHex(s string) ([]byte, error) {
	var b strings.Builder
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ':' || r == ','
	}) {
		f = strings.TrimPrefix(strings.TrimPrefix(f, "0x"), "0X")
		b.WriteString(f)
	}
	h := b.String()
	if h == "" {
		return nil, errors.New("no hex digits given")
	}
	if len(h)%2 != 0 {
		return nil, fmt.Errorf("odd number of hex digits (%d)", len(h))
	}
	data, err := hex.DecodeString(h)
	if err != nil {
		return nil, fmt.Errorf("not hex: %v", err)
	}
	return data, nil
}

// hexText reports whether a file holds hex text rather than binary PDUs.
func hexText(s string) ([]byte, bool) {
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF \t\r\n:,x", r) {
			return nil, false
		}
	}
	b, err := parseHex(s)
	return b, err == nil
}

// decoder prints PDUs as they are found and keeps what is needed to name the
// operation of a ReturnError: the invokes seen, per connection and side.
type decoder struct {
	out     io.Writer
	format  string
	count   int // PDUs printed
	failed  int // undecodable parts
	invokes map[invokeKey]cstav3.Opcode
	doc     string // the ECMA-323 form of the PDU being decoded (--format xml)
}

type invokeKey struct {
	conn string
	from string
	id   int64
}

func newDecoder(out io.Writer, format string) *decoder {
	return &decoder{out: out, format: format, invokes: map[invokeKey]cstav3.Opcode{}}
}

// origin says where a PDU came from: the connection and side (for a pcap),
// the time, and the offset in the input or stream.
type origin struct {
	conn     string
	from, to string // "client" / "pbx", or "" if unknown
	src, dst string // addresses
	time     time.Time
	offset   int
}

func (o origin) fields() obj {
	f := obj{}
	if !o.time.IsZero() {
		f.add("time", o.time.UTC().Format("2006-01-02T15:04:05.000000Z"))
	}
	if o.src != "" {
		f.add("src", o.src)
		f.add("dst", o.dst)
	}
	if o.from != "" {
		f.add("from", o.from)
	}
	f.add("offset", o.offset)
	return f
}

// blob decodes a whole input: frames if it starts with a frame header,
// else bare PDUs one after the other.
func (d *decoder) blob(data []byte) {
	s := &stream{d: d}
	s.feed(origin{}, data)
	s.end(origin{})
}

// stream splits one direction of a connection (or a whole input) into PDUs.
type stream struct {
	d      *decoder
	buf    []byte
	off    int   // stream offset of buf[0]
	framed *bool // nil until the first byte is seen
}

func (s *stream) feed(o origin, data []byte) {
	s.buf = append(s.buf, data...)
	if s.framed == nil && len(s.buf) > 0 {
		f := s.buf[0] == 0x26
		s.framed = &f
	}
	for len(s.buf) > 0 {
		var n int
		if *s.framed {
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
	if len(s.buf) < 3 {
		return 0
	}
	if s.buf[0] != 0x26 || s.buf[1]&0x80 == 0 || int(s.buf[1]&0x7f)<<8|int(s.buf[2]) == 0 {
		// Lost framing: skip to the next plausible header.
		skip := 1
		for skip+1 < len(s.buf) && (s.buf[skip] != 0x26 || s.buf[skip+1]&0x80 == 0) {
			skip++
		}
		if skip+1 >= len(s.buf) {
			skip = len(s.buf)
		}
		s.d.undecodable(o, s.buf[:skip], fmt.Sprintf("no frame header (26 80|len): % x", s.buf[:min(3, len(s.buf))]))
		return skip
	}
	n := int(s.buf[1]&0x7f)<<8 | int(s.buf[2])
	if len(s.buf) < 3+n {
		return 0
	}
	s.d.pdu(o, s.buf[3:3+n])
	return 3 + n
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

// xml encodes the ECMA-323 form of the PDU being decoded, for emit.
func (d *decoder) xml(v any, err error) {
	if err == nil {
		enc := ecma323.Encoder{}
		var out []byte
		if out, err = enc.Append(nil, v); err == nil {
			d.doc = string(out)
			return
		}
	}
	d.doc = "<!-- no ECMA-323 form: " + strings.ReplaceAll(err.Error(), "--", "- -") + " -->"
}

func (d *decoder) emit(rec obj) {
	d.count++
	if d.format == "xml" {
		// A comment naming the PDU, then its ECMA-323 document if it has
		// one (ACSE PDUs and rejects have none).
		fmt.Fprintf(d.out, "<!-- %s -->\n", strings.ReplaceAll(summarize(rec), "--", "- -"))
		if d.doc != "" {
			fmt.Fprintln(d.out, d.doc)
			d.doc = ""
		}
		return
	}
	if d.format == "text" {
		fmt.Fprintln(d.out, summarize(rec))
		return
	}
	b, err := json.Marshal(rec)
	if err != nil {
		b, _ = json.Marshal(obj{{"error", "cannot render: " + err.Error()}})
	}
	d.out.Write(append(b, '\n'))
}

func (d *decoder) undecodable(o origin, data []byte, why string) {
	d.failed++
	rec := o.fields()
	rec.add("length", len(data))
	rec.add("error", why)
	const max = 64
	if len(data) > max {
		rec.add("bytes", hex.EncodeToString(data[:max])+"…")
	} else {
		rec.add("bytes", hex.EncodeToString(data))
	}
	d.emit(rec)
}

// pdu decodes one PDU and prints it.
func (d *decoder) pdu(o origin, pdu []byte) {
	rec := o.fields()
	rec.add("length", len(pdu))
	if cstav3.IsACSE(pdu) {
		a, err := cstav3.DecodeAPDU(pdu)
		if err != nil {
			d.bad(rec, pdu, "ACSE: "+err.Error())
			return
		}
		name := acseName(a)
		var v any = a
		if q, ok := a.(*cstav3.AARQ); ok {
			if v, err = viewAARQ(q); err != nil {
				d.bad(rec, pdu, "ACSE: AARQ.calling-authentication-value: "+err.Error())
				return
			}
		}
		rec.add("acse", name)
		rec.add(strings.ToLower(name), view(v))
		if aare, ok := a.(*cstav3.AARE); ok {
			if err := aare.Err(); err != nil {
				rec.add("error", err.Error())
			}
		}
		d.emit(rec)
		return
	}
	var m cstav3.Message
	if err := m.Decode(pdu); err != nil {
		d.bad(rec, pdu, err.Error())
		return
	}
	rec.add("rose", m.Type.String())
	if !m.NoInvokeID {
		rec.add("invokeID", m.InvokeID)
	}
	if m.HasLinkedID {
		rec.add("linkedID", m.LinkedID)
	}
	switch m.Type {
	case cstav3.Invoke:
		d.invokes[invokeKey{o.conn, o.from, m.InvokeID}] = m.Opcode
		rec.add("operation", m.Opcode.String())
		rec.add("opcode", int64(m.Opcode))
		if m.Opcode == cstav3.OpEventReport {
			r, err := cstav3.DecodeEventReport(m.Argument)
			if err != nil {
				d.bad(rec, m.Argument, "event report: "+err.Error())
				return
			}
			ev := obj{{"crossRefIdentifier", r.CrossRef.String()}}
			rec.add("event", append(ev, viewEvent(r.Event)...))
			if d.format == "xml" {
				d.xml(ecma323.EventToXML(r.Event, r.CrossRef.String()))
			}
		} else if m.Argument != nil {
			a, err := cstav3.DecodeArgument(m.Opcode, m.Argument)
			if err != nil {
				d.bad(rec, m.Argument, "argument: "+err.Error())
				return
			}
			rec.add("argument", view(a))
			if d.format == "xml" {
				d.xml(ecma323.ArgumentToXML(a, ""))
			}
		}
	case cstav3.ReturnResult:
		op := m.Opcode
		if m.Argument == nil {
			// No result: the operation is only known from the invoke.
			op = d.invokes[invokeKey{o.conn, o.to, m.InvokeID}]
		}
		if op != 0 {
			rec.add("operation", op.String())
			rec.add("opcode", int64(op))
		}
		if m.Argument != nil {
			r, err := cstav3.DecodeResult(m.Opcode, m.Argument)
			if err != nil {
				d.bad(rec, m.Argument, "result: "+err.Error())
				return
			}
			rec.add("result", view(r))
			if d.format == "xml" {
				d.xml(ecma323.ResultToXML(r, ""))
			}
		}
	case cstav3.ReturnError:
		if op, ok := d.invokes[invokeKey{o.conn, o.to, m.InvokeID}]; ok {
			rec.add("operation", op.String())
			rec.add("opcode", int64(op))
		}
		if m.ErrorCode != cstav3.ErrorCodeUniversalFailure {
			rec.add("errorCode", m.ErrorCode)
			if m.Argument != nil {
				rec.add("parameter", hex.EncodeToString(m.Argument))
			}
			break
		}
		e, err := cstav3.DecodeError(m.Argument)
		if err != nil {
			d.bad(rec, m.Argument, "universalFailure: "+err.Error())
			return
		}
		rec.add("error", viewCSTAError(e))
		if d.format == "xml" {
			d.xml(ecma323.ErrorToXML(e), nil)
		}
	case cstav3.Reject:
		rec.add("problem", m.Problem.String())
	}
	d.emit(rec)
}

// bad prints a PDU whose envelope or content could not be decoded.
func (d *decoder) bad(rec obj, part []byte, why string) {
	d.failed++
	rec.add("error", why)
	const max = 64
	if len(part) > max {
		rec.add("bytes", hex.EncodeToString(part[:max])+"…")
	} else {
		rec.add("bytes", hex.EncodeToString(part))
	}
	d.emit(rec)
}

func acseName(a cstav3.APDU) string {
	switch a.(type) {
	case *cstav3.AARQ:
		return "AARQ"
	case *cstav3.AARE:
		return "AARE"
	case *cstav3.RLRQ:
		return "RLRQ"
	case *cstav3.RLRE:
		return "RLRE"
	case *cstav3.ABRT:
		return "ABRT"
	}
	return fmt.Sprintf("%T", a)
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
			s = &stream{d: d}
			c.streams[ch.Src] = s
		}
		if len(ch.Data) > 0 && s.off == 0 && len(s.buf) == 0 && !c.server.IsValid() {
			// No SYN seen: the side that sends the AARQ is the client.
			if ch.Data[0] == 0x26 && len(ch.Data) > 3 && ch.Data[3] == 0x60 {
				c.server = ch.Dst
			} else if ch.Data[0] == 0x26 && len(ch.Data) > 3 && ch.Data[3] == 0x61 {
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

// summarize is the one-line text form of a decoded PDU.
func summarize(rec obj) string {
	var b strings.Builder
	get := func(k string) string {
		if v, ok := rec.get(k); ok {
			return fmt.Sprint(v)
		}
		return ""
	}
	if t := get("time"); t != "" {
		b.WriteString(t + " ")
	}
	if f := get("from"); f != "" {
		fmt.Fprintf(&b, "%-6s ", f)
	}
	fmt.Fprintf(&b, "@%-6s ", get("offset"))
	switch {
	case get("acse") != "":
		b.WriteString(get("acse"))
	case get("rose") != "":
		fmt.Fprintf(&b, "%s %s %s", get("rose"), get("invokeID"), get("operation"))
		if ev, ok := rec.get("event"); ok {
			e := ev.(obj)
			t, _ := e.get("type")
			x, _ := e.get("crossRefIdentifier")
			fmt.Fprintf(&b, " %v xref %v", t, x)
		}
		if e, ok := rec.get("error"); ok {
			if eo, ok := e.(obj); ok {
				br, _ := eo.get("branch")
				v, _ := eo.get("value")
				fmt.Fprintf(&b, " %v/%v", br, v)
			}
		}
		if p := get("problem"); p != "" {
			b.WriteString(" " + p)
		}
	}
	if e, ok := rec.get("error"); ok {
		if s, ok := e.(string); ok {
			b.WriteString(" ERROR " + s)
		}
	}
	return b.String()
}
