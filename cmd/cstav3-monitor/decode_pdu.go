package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// decoder prints PDUs as they are found and keeps what is needed to name the
// operation of a ReturnError: the invokes seen, per connection and side.
type decoder struct {
	out         io.Writer
	format      string
	framing     string // --framing: auto, hipath, length or none
	showSecrets bool   // print the AARQ's password
	count       int    // PDUs printed
	failed      int    // undecodable parts
	invokes     map[invokeKey]cstav3.Opcode
	doc         string // the ECMA-323 form of the PDU being decoded (--format xml)
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
			d.bad(rec, d.secret(pdu), "ACSE: "+err.Error())
			return
		}
		name := acseName(a)
		var v any = a
		if q, ok := a.(*cstav3.AARQ); ok {
			if v, err = viewAARQ(q, d.showSecrets); err != nil {
				d.bad(rec, d.secret(pdu), "ACSE: AARQ.calling-authentication-value: "+err.Error())
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

// secret returns the bytes of an undecodable PDU to print: none for an
// AARQ, which may hold a password, unless --show-secrets.
func (d *decoder) secret(pdu []byte) []byte {
	if !d.showSecrets && len(pdu) > 0 && pdu[0] == tagAARQ {
		return nil
	}
	return pdu
}

// bad prints a PDU whose envelope or content could not be decoded, and its
// bytes: masked if part is nil.
func (d *decoder) bad(rec obj, part []byte, why string) {
	d.failed++
	rec.add("error", why)
	const max = 64
	if part == nil {
		rec.add("bytes", masked)
	} else if len(part) > max {
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
