package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// vectorWant are the key fields of the decoded shared vectors
// (testdata/vectors/README.md describes their values), as paths to values.
var vectorWant = map[string]map[string]any{
	"client-aarq-amhost.hex": {
		"acse": "AARQ", "aarq.context": "1.3.12.0.218", "aarq.authName": "AMHOST", "aarq.password": "*****",
		"aarq.cstaVersion": "0001000000000000",
	},
	"client-abrt.hex": {"acse": "ABRT", "abrt.source": 0.0, "abrt.diagnostic": 1.0},
	"client-monitorstart-100.hex": {
		"rose": "invoke", "invokeID": 1.0, "operation": "monitorStart", "opcode": 71.0,
		"argument.monitorObject.device":               "100",
		"argument.requestedMonitorFilter.callControl": "000000000000000000",
		"argument.requestedMonitorFilter.private":     "0",
	},
	"client-monitorstop.hex": {
		"rose": "invoke", "invokeID": 2.0, "operation": "monitorStop", "argument.crossRefIdentifier": "0001",
	},
	"client-systemstatus-result.hex": {
		"rose": "returnResult", "invokeID": 1.0, "operation": "systemStatus", "opcode": 211.0, "result.noData": true,
	},
	"pbx-event-delivered.hex": {
		"rose": "invoke", "invokeID": 5.0, "operation": "cSTAEventReport", "opcode": 21.0,
		"event.crossRefIdentifier": "0001", "event.type": "delivered", "event.name": "DeliveredEvent",
		"event.connection.callID": "b164", "event.connection.deviceID": "100",
		"event.alertingDevice": "100", "event.callingDevice": "200", "event.calledDevice": "100",
		"event.lastRedirectionDevice": "notKnown", "event.localConnectionInfo": "alerting",
		"event.cause": "newCall", "event.extensions.timestamp": "20100916120000",
	},
	"pbx-monitorstart-result.hex": {
		"rose": "returnResult", "invokeID": 1.0, "operation": "monitorStart", "result.crossRefIdentifier": "0001",
	},
	"pbx-monitorstop-result.hex": {
		"rose": "returnResult", "invokeID": 2.0, "operation": "monitorStop", "result.noData": true,
	},
	"pbx-systemstatus-invoke.hex": {
		"rose": "invoke", "invokeID": 1.0, "operation": "systemStatus", "argument.systemStatus": "normal",
	},
}

func checkFields(t *testing.T, name string, m map[string]any, want map[string]any) {
	t.Helper()
	for path, w := range want {
		if got := field(m, strings.Split(path, ".")...); got != w {
			t.Errorf("%s: %s = %#v, want %#v", name, path, got, w)
		}
	}
}

// TestDecodeVectors decodes every shared vector with the binary: from the
// file, as hex arguments, and framed.
func TestDecodeVectors(t *testing.T) {
	files, err := filepath.Glob("../../testdata/vectors/*.hex")
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		abs, _ := filepath.Abs(f)
		t.Run(name, func(t *testing.T) {
			r := runBin(t, "", nil, "decode", "--file", abs)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if len(lines) != 1 {
				t.Fatalf("%d objects: %s", len(lines), r.stdout)
			}
			m := jsonLine(t, lines[0])
			if m["error"] != nil {
				t.Fatalf("undecodable: %s", lines[0])
			}
			if m["offset"] != 0.0 {
				t.Errorf("offset %v", m["offset"])
			}
			want, ok := vectorWant[name]
			if !ok {
				t.Logf("no expected fields for %s; it decodes: %s", name, lines[0])
			}
			checkFields(t, name, m, want)

			// The same bytes as hex arguments (with spaces), and framed.
			text, _ := os.ReadFile(f)
			pdu, err := parseHex(string(text))
			if err != nil {
				t.Fatal(err)
			}
			// One argument per byte: "a1 0c 02 …".
			var args []string
			for _, c := range pdu {
				args = append(args, hex.EncodeToString([]byte{c}))
			}
			r2 := runBin(t, "", nil, append([]string{"decode"}, args...)...)
			if r2.stdout != r.stdout {
				t.Errorf("hex arguments: %s\nfile: %s", r2.stdout, r.stdout)
			}
			framed, _ := cstav3.AppendFrame(nil, hipath.Framing, pdu)
			r3 := runBin(t, "", nil, "decode", hex.EncodeToString(framed))
			m3 := jsonLine(t, strings.TrimSpace(r3.stdout))
			checkFields(t, name+" framed", m3, want)
		})
	}
}

// TestDecodeStream decodes several frames, garbage and a truncated frame in
// one input: each PDU with its offset, the bad parts reported, exit 1.
func TestDecodeStream(t *testing.T) {
	read := func(name string) []byte {
		text, err := os.ReadFile("../../testdata/vectors/" + name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := parseHex(string(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var in []byte
	in, _ = cstav3.AppendFrame(in, hipath.Framing, read("pbx-systemstatus-invoke.hex"))    // offset 0, 17 bytes
	in, _ = cstav3.AppendFrame(in, hipath.Framing, read("client-systemstatus-result.hex")) // offset 17
	in = append(in, 0x01, 0x02, 0x03)                                                      // offset 33: garbage
	in, _ = cstav3.AppendFrame(in, hipath.Framing, []byte{0xa1, 0x03, 0x02, 0x01, 0x05})   // offset 36: not ROSE
	in, _ = cstav3.AppendFrame(in, hipath.Framing, read("pbx-event-delivered.hex"))        // offset 44
	in = append(in, 0x26, 0x80, 0x20, 0xa1)                                                // offset 139: truncated
	path := filepath.Join(t.TempDir(), "stream.bin")
	if err := os.WriteFile(path, in, 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBin(t, "", nil, "decode", "--file", path)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want 1: %s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	type exp struct {
		offset float64
		key    string
	}
	want := []exp{{0, "argument"}, {17, "result"}, {33, "error"}, {36, "error"}, {44, "event"}, {139, "error"}}
	if len(lines) != len(want) {
		t.Fatalf("%d lines:\n%s", len(lines), r.stdout)
	}
	for i, w := range want {
		m := jsonLine(t, lines[i])
		if m["offset"] != w.offset || m[w.key] == nil {
			t.Errorf("line %d: want offset %v with %s: %s", i, w.offset, w.key, lines[i])
		}
	}
	mustContain(t, "stderr", r.stderr, "3 PDU(s) decoded, 3 undecodable")

	// Bare PDUs back to back.
	bare := append(read("client-monitorstop.hex"), read("pbx-monitorstop-result.hex")...)
	r = runBin(t, "", nil, "decode", hex.EncodeToString(bare))
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 || jsonLine(t, lines[1])["offset"] != 14.0 {
		t.Fatalf("bare PDUs: %s", r.stdout)
	}
	// A ReturnError is named after the invoke it answers.
	e := []byte{0xa3, 0x0b, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01, 0xa0, 0x03, 0x80, 0x01, 0x0c}
	r = runBin(t, "", nil, "decode", hex.EncodeToString(append(read("client-monitorstop.hex"), e...)), "--format", "json")
	lines = strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 2 {
		t.Fatalf("error: %s %s", r.stdout, r.stderr)
	}
	m := jsonLine(t, lines[1])
	if m["operation"] != "monitorStop" || field(m, "error", "branch") != "operation" {
		t.Errorf("return error: %s", lines[1])
	}
}

func TestJSONName(t *testing.T) {
	for in, want := range map[string]string{
		"CrossRefIdentifier": "crossRefIdentifier", "ACDGroup": "acdGroup", "CSTAVersion": "cstaVersion",
		"ID": "id", "APSStamp": "apsStamp", "Cause": "cause", "OriginatingNIDConnection": "originatingNIDConnection",
	} {
		if got := jsonName(in); got != want {
			t.Errorf("%s → %s, want %s", in, got, want)
		}
	}
}

func TestViewRules(t *testing.T) {
	ev := &cstav3.DeliveredEvent{
		Connection:     cstav3.NewConnectionID(cstav3.CallID{0xb1, 0x64}, cstav3.Dialing("100")),
		AlertingDevice: cstav3.Known(cstav3.Dialing("100")),
		CallingDevice:  cstav3.Device{Status: cstav3.DeviceRestricted},
		CalledDevice:   cstav3.Known(cstav3.Numbered(42)),
		Cause:          cstav3.CauseNewCall,
		CorrelatorData: []byte{0xAB},
	}
	b, err := json.Marshal(viewEvent(ev))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"type":"delivered","name":"DeliveredEvent","connection":{"callID":"b164","deviceID":"100"},"alertingDevice":"100","callingDevice":"restricted","calledDevice":{"kind":"deviceNumber","number":42},"correlatorData":"ab","cause":"newCall"}`
	if !bytes.Equal(b, []byte(want)) {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	// HasLocalConnectionInfo gates localConnectionInfo, even for null (0).
	ev.HasLocalConnectionInfo = true
	b, _ = json.Marshal(viewEvent(ev))
	if !strings.Contains(string(b), `"localConnectionInfo":"null"`) {
		t.Fatalf("%s", b)
	}
}

func TestParseHex(t *testing.T) {
	for in, want := range map[string]string{"a1 0c": "a10c", "0xA1:0C": "a10c", "a1,0c\n": "a10c"} {
		b, err := parseHex(in)
		if err != nil || hex.EncodeToString(b) != want {
			t.Errorf("%q: %x %v", in, b, err)
		}
	}
	for _, bad := range []string{"", "a1 0", "zz"} {
		if _, err := parseHex(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestUseColor(t *testing.T) {
	cmd := newRootCmd(&app{})
	if err := cmd.ParseFlags(nil); err != nil { // merges the persistent --color
		t.Fatal(err)
	}
	f, err := os.Open(os.DevNull) // a character device, like a terminal
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := func(mode string) {
		if err := cmd.Flags().Set("color", mode); err != nil {
			t.Fatal(err)
		}
	}
	set("always")
	if c, _ := useColor(cmd, &bytes.Buffer{}); !c {
		t.Error("always: no colour")
	}
	set("never")
	if c, _ := useColor(cmd, f); c {
		t.Error("never: colour")
	}
	set("auto")
	if c, _ := useColor(cmd, &bytes.Buffer{}); c {
		t.Error("auto, not a file: colour")
	}
	t.Setenv("NO_COLOR", "1")
	if c, _ := useColor(cmd, f); c {
		t.Error("auto with NO_COLOR: colour")
	}
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "dumb")
	if c, _ := useColor(cmd, f); c {
		t.Error("auto with TERM=dumb: colour")
	}
	t.Setenv("TERM", "xterm")
	if c, _ := useColor(cmd, f); !c {
		t.Error("auto on a character device: no colour")
	}
	set("sometimes")
	if _, err := useColor(cmd, f); err == nil {
		t.Error("bad mode accepted")
	}
}
