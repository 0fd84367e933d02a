package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// useColor decides whether text output is coloured: --color always or
// never, or auto: when stdout is a terminal, NO_COLOR is unset or empty and
// TERM is not "dumb".
func useColor(cmd *cobra.Command, out io.Writer) (bool, error) {
	mode, _ := cmd.Flags().GetString("color")
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
	default:
		return false, usageErrorf("--color %q: use auto, always or never", mode)
	}
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false, nil
	}
	f, ok := out.(*os.File)
	if !ok {
		return false, nil
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0, nil
}

// checkFormat validates --format for commands that print events.
func checkFormat(format string) error {
	switch format {
	case "text", "json", "xml":
		return nil
	}
	return usageErrorf("--format %q: use text, json or xml", format)
}

const (
	ansiReset   = "\x1b[0m"
	ansiDim     = "\x1b[2m"
	ansiBold    = "\x1b[1m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiBlue    = "\x1b[34m"
	ansiMagenta = "\x1b[35m"
	ansiCyan    = "\x1b[36m"
)

func eventColor(t cstav3.EventType) string {
	switch t {
	case cstav3.EventDelivered, cstav3.EventOffered, cstav3.EventQueued:
		return ansiYellow
	case cstav3.EventEstablished, cstav3.EventRetrieved:
		return ansiGreen
	case cstav3.EventConnectionCleared, cstav3.EventCallCleared:
		return ansiDim
	case cstav3.EventFailed:
		return ansiRed
	case cstav3.EventHeld:
		return ansiBlue
	case cstav3.EventTransferred, cstav3.EventConferenced, cstav3.EventDiverted:
		return ansiMagenta
	case cstav3.EventServiceInitiated, cstav3.EventOriginated:
		return ansiCyan
	}
	return ""
}

// printer writes events and link changes, one per line, as aligned text or
// as JSON objects. It is safe for concurrent use.
type printer struct {
	mu     sync.Mutex
	w      io.Writer
	json   bool
	xml    bool // events as ECMA-323 XML documents, one per line
	color  bool
	header bool // the text column header was printed
	events int  // events printed
}

// Events returns how many events were printed.
func (p *printer) Events() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.events
}

const timeLayout = "15:04:05.000"

func (p *printer) paint(code, s string) string {
	if !p.color || code == "" {
		return s
	}
	return code + s + ansiReset
}

func pad(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return s + strings.Repeat(" ", n-k)
	}
	return s
}

func (p *printer) writeJSON(o obj) {
	b, err := json.Marshal(o)
	if err != nil {
		b, _ = json.Marshal(obj{{"error", err.Error()}})
	}
	p.w.Write(append(b, '\n'))
}

// Header prints the column titles of the text form.
func (p *printer) Header() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.json || p.xml || p.header {
		return
	}
	p.header = true
	fmt.Fprintln(p.w, p.paint(ansiBold, strings.TrimRight(fmt.Sprintf("%-12s  %-6s  %-18s  %-6s  %-20s  %-10s  %s",
		"TIME", "DEVICE", "EVENT", "CALL", "CALLING → CALLED", "STATE", "CAUSE"), " ")))
}

// Event prints one event of the monitor of device.
func (p *printer) Event(now time.Time, device string, xref cstav3.CrossRefID, ev cstav3.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.events++
	if p.xml {
		enc := ecma323.Encoder{}
		out, err := enc.AppendEvent(nil, ev, xref.String())
		if err != nil {
			fmt.Fprintf(p.w, "<!-- %s: %v -->\n", ev.Type().Name(), err)
			return
		}
		p.w.Write(append(out, '\n'))
		return
	}
	if p.json {
		o := obj{{"time", now.UTC().Format(time.RFC3339Nano)}, {"monitor", device}}
		if xref != nil {
			o.add("crossRefIdentifier", xref.String())
		}
		p.writeJSON(append(o, viewEvent(ev)...))
		return
	}
	s := summarizeEvent(ev)
	name := strings.TrimSuffix(ev.Type().Name(), "Event")
	line := fmt.Sprintf("%s  %s  %s  %s  %s  %s  %s",
		p.paint(ansiDim, now.Format(timeLayout)),
		pad(device, 6),
		p.paint(eventColor(ev.Type()), pad(name, 18)),
		pad(s.call, 6),
		pad(s.parties, 20),
		pad(s.state, 10),
		s.cause)
	fmt.Fprintln(p.w, strings.TrimRight(line, " "))
}

// Link prints a change of the link's state.
func (p *printer) Link(ev cstav3.LinkEvent, addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.json {
		o := obj{{"time", ev.Time.UTC().Format(time.RFC3339Nano)}, {"link", ev.State.String()}, {"pbx", addr}}
		if ev.Err != nil {
			o.add("error", ev.Err.Error())
		}
		p.writeJSON(o)
		return
	}
	var msg, code string
	switch ev.State {
	case cstav3.LinkUp:
		msg, code = "link up: associated with "+addr, ansiGreen
	case cstav3.LinkDown:
		msg, code = "link DOWN, reconnecting", ansiRed
	default:
		msg, code = "link closed", ansiDim
	}
	if ev.Err != nil {
		msg += " (" + ev.Err.Error() + ")"
	}
	t := ev.Time
	if t.IsZero() {
		t = time.Now()
	}
	if p.xml {
		p.comment(msg)
		return
	}
	fmt.Fprintf(p.w, "%s  %s\n", p.paint(ansiDim, t.Format(timeLayout)), p.paint(code, "── "+msg))
}

// Monitoring prints that the monitor of device started.
func (p *printer) Monitoring(device string, xref cstav3.CrossRefID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if p.json {
		p.writeJSON(obj{{"time", now.UTC().Format(time.RFC3339Nano)}, {"monitor", device}, {"crossRefIdentifier", xref.String()}, {"status", "monitoring"}})
		return
	}
	if p.xml {
		p.comment("monitoring " + device + " (cross-ref " + xref.String() + ")")
		return
	}
	fmt.Fprintf(p.w, "%s  %s\n", p.paint(ansiDim, now.Format(timeLayout)), p.paint(ansiDim, "── monitoring "+device+" (cross-ref "+xref.String()+")"))
}

// comment writes msg as an XML comment line, so that the XML form stays a
// stream of documents and comments.
func (p *printer) comment(msg string) {
	fmt.Fprintf(p.w, "<!-- %s -->\n", strings.ReplaceAll(msg, "--", "- -"))
}

// Note prints an information line (text form only; JSON gets an object
// with a "note").
func (p *printer) Note(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.json {
		p.writeJSON(obj{{"time", time.Now().UTC().Format(time.RFC3339Nano)}, {"note", msg}})
		return
	}
	if p.xml {
		p.comment(msg)
		return
	}
	fmt.Fprintln(p.w, msg)
}

// eventSummary is what the text form shows of an event.
type eventSummary struct {
	call, parties, state, cause string
}

// summarizeEvent picks the call, the parties, the local connection state
// and the cause out of any event: the typed fields of the usual events, by
// name for the others.
func summarizeEvent(ev cstav3.Event) eventSummary {
	var s eventSummary
	v := reflect.ValueOf(ev)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return s
	}
	str := func(name string) string {
		f := v.FieldByName(name)
		if !f.IsValid() {
			return ""
		}
		switch x := f.Interface().(type) {
		case cstav3.Device:
			if x.IsZero() {
				return ""
			}
			return x.String()
		case cstav3.DeviceID:
			return x.String()
		}
		return ""
	}
	for i := range v.NumField() {
		if !v.Field(i).CanInterface() {
			continue
		}
		if c, ok := v.Field(i).Interface().(cstav3.ConnectionID); ok && c.Call != nil {
			s.call = c.Call.String()
			break
		}
	}
	if f := v.FieldByName("HasLocalConnectionInfo"); f.IsValid() && f.Bool() {
		s.state = v.FieldByName("LocalConnectionInfo").Interface().(cstav3.ConnectionState).String()
	}
	if f := v.FieldByName("Cause"); f.IsValid() {
		if h := v.FieldByName("HasCause"); !h.IsValid() || h.Bool() {
			if c, ok := f.Interface().(cstav3.EventCause); ok {
				s.cause = c.String()
			}
		}
	}
	arrow := func(a, b string) string {
		if a == "" && b == "" {
			return ""
		}
		return a + " → " + b
	}
	switch e := ev.(type) {
	case *cstav3.ConnectionClearedEvent:
		s.parties = str("ReleasingDevice") + " hung up"
		if e.ReleasingDevice.IsZero() {
			s.parties = ""
		}
	case *cstav3.HeldEvent:
		s.parties = "held by " + str("HoldingDevice")
	case *cstav3.RetrievedEvent:
		s.parties = "retrieved by " + str("RetrievingDevice")
	case *cstav3.TransferredEvent:
		s.parties = str("TransferringDevice") + " ⇒ " + str("TransferredToDevice")
	case *cstav3.ConferencedEvent:
		s.parties = str("ConferencingDevice") + " + " + str("AddedParty")
	case *cstav3.DivertedEvent:
		s.parties = arrow(str("DivertingDevice"), str("NewDestination"))
	case *cstav3.ServiceInitiatedEvent:
		s.parties = str("InitiatingDevice") + " off-hook"
	case *cstav3.CallClearedEvent:
	case *cstav3.RawEvent:
		s.parties = "(" + strconv.Itoa(len(e.Content)) + " bytes)"
	default:
		s.parties = arrow(str("CallingDevice"), str("CalledDevice"))
		if s.parties == "" {
			for _, n := range []string{"Device", "AgentDevice"} {
				if d := str(n); d != "" {
					s.parties = d
				}
			}
		}
	}
	return s
}
