package main

import (
	"bufio"
	"context"
	"encoding/xml"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

func startSim(t *testing.T, cfg hipathsim.Config) *hipathsim.Server {
	t.Helper()
	sim, err := hipathsim.Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sim.Close() })
	return sim
}

// startSimAt starts the simulator on addr, a port the test found free and
// left unused while the binary under test dialled it; the test is skipped
// if something else took the port meanwhile.
func startSimAt(t *testing.T, addr string) *hipathsim.Server {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the PBX's port %s was taken meanwhile: %v", addr, err)
	}
	sim := hipathsim.New(hipathsim.Config{})
	go sim.Serve(ln)
	t.Cleanup(func() { sim.Close() })
	return sim
}

var eventNames = []string{"ServiceInitiated", "Originated", "Delivered", "Established", "ConnectionCleared", "CallCleared", "Failed", "Held", "Retrieved", "Transferred", "Conferenced"}

// TestDemo runs the binary without arguments: events within seconds, a
// clean exit 0 on SIGINT.
func TestDemo(t *testing.T) {
	p := startBin(t, nil)
	p.waitLine("the bridge line", func(l string) bool {
		return strings.Contains(l, "XML bridge: ECMA-323 header TCP on 127.0.0.1:")
	})
	p.waitLine("the column header", func(l string) bool { return strings.HasPrefix(l, "TIME") && strings.Contains(l, "CALLING → CALLED") })
	line := p.waitLine("an event line", func(l string) bool {
		f := strings.Fields(l)
		return len(f) >= 4 && slices.Contains(eventNames, f[2])
	})
	if strings.Contains(line, "\x1b[") {
		t.Errorf("colour codes on a pipe: %q", line)
	}
	// Aligned columns: time, device, event name padded to 18.
	if !regexp.MustCompile(`^\d\d:\d\d:\d\d\.\d{3}  \d+ +[A-Za-z]+ +[0-9a-f]+ `).MatchString(line) {
		t.Errorf("event line not in columns: %q", line)
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d after SIGINT; stderr:\n%s", code, p.stderr)
	}
	mustContain(t, "stdout", p.all.String(), "Stopped after")
}

func TestDemoJSONAndColour(t *testing.T) {
	p := startBin(t, []string{"CSTAV3_FORMAT=json"}, "demo", "--color", "always", "--call-rate", "5")
	line := p.waitLine("an event object", func(l string) bool { return strings.Contains(l, `"type"`) })
	m := jsonLine(t, line)
	if m["monitor"] == nil || m["crossRefIdentifier"] == nil || m["name"] == nil {
		t.Errorf("event object lacks keys: %s", line)
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr)
	}
	// --color always has no effect on JSON.
	if strings.Contains(p.all.String(), "\x1b[") {
		t.Error("colour codes in JSON output")
	}
	p = startBin(t, nil, "--color", "always", "--call-rate", "5")
	p.waitLine("a coloured event", func(l string) bool { return strings.Contains(l, "\x1b[") && strings.Contains(l, "newCall") })
	p.interrupt()
}

// TestWatchJSON monitors two extensions of a simulator started here and
// drives a call at the simulated phones.
func TestWatchJSON(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "watch", "--pbx", sim.Addr(), "--devices", "100", "--devices", "101", "--format", "json")
	link := jsonLine(t, p.waitLine("link up", func(l string) bool { return strings.Contains(l, `"link"`) }))
	if link["link"] != "up" || link["pbx"] != sim.Addr() {
		t.Fatalf("link object %v", link)
	}
	monitoring := map[string]bool{}
	for len(monitoring) < 2 {
		m := jsonLine(t, p.waitLine("monitor started", func(l string) bool { return strings.Contains(l, `"monitoring"`) }))
		monitoring[m["monitor"].(string)] = true
	}
	id, err := sim.Dial("100", "101")
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.Answer("101"); err != nil {
		t.Fatal(err)
	}
	if err := sim.Hangup("100"); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]any{}
	for seen["101/callCleared"] == nil {
		m := jsonLine(t, p.waitLine("an event", func(l string) bool { return strings.Contains(l, `"type"`) }))
		seen[m["monitor"].(string)+"/"+m["type"].(string)] = m
	}
	d := seen["101/delivered"]
	if d == nil {
		t.Fatalf("no delivered at 101: %v", seen)
	}
	if field(d, "connection", "callID") != id.String() || d["callingDevice"] != "100" || d["calledDevice"] != "101" ||
		d["localConnectionInfo"] != "alerting" || d["cause"] != "newCall" || d["name"] != "DeliveredEvent" {
		t.Errorf("delivered: %v", d)
	}
	if !regexp.MustCompile(`^[0-9a-f]{4}$`).MatchString(d["crossRefIdentifier"].(string)) {
		t.Errorf("cross-ref %v", d["crossRefIdentifier"])
	}
	for _, k := range []string{"100/serviceInitiated", "100/originated", "100/established", "101/established", "100/connectionCleared"} {
		if seen[k] == nil {
			t.Errorf("no %s", k)
		}
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, p.stderr)
	}
}

func TestWatchText(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "watch", "--pbx", sim.Addr(), "--devices", "100-101")
	p.waitLine("link up", func(l string) bool { return strings.Contains(l, "link up") })
	p.waitLine("monitor 101", func(l string) bool { return strings.Contains(l, "monitoring 101") })
	id, err := sim.Dial("100", "101")
	if err != nil {
		t.Fatal(err)
	}
	l := p.waitLine("delivered at 101", func(l string) bool {
		f := strings.Fields(l)
		return len(f) > 2 && f[1] == "101" && f[2] == "Delivered"
	})
	mustContain(t, "delivered line", l, id.String(), "100 → 101", "alerting", "newCall")
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// TestWatchLinkStates drops the link: the loss and the recovery are shown
// and the monitors work again.
func TestWatchLinkStates(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "watch", "--pbx", sim.Addr(), "--devices", "100", "--format", "json")
	p.waitLine("monitor", func(l string) bool { return strings.Contains(l, `"monitoring"`) })
	sim.DropLinks()
	p.waitLine("link down", func(l string) bool { return strings.Contains(l, `"link":"down"`) })
	p.waitLine("link up again", func(l string) bool { return strings.Contains(l, `"link":"up"`) })
	// The client starts the monitors again before it reports the link up.
	if _, err := sim.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	p.waitLine("an event after the reconnection", func(l string) bool { return strings.Contains(l, `"delivered"`) })
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestCallMake(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	r := runBin(t, "", nil, "call", "make", "100", "101", "--pbx", sim.Addr())
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	m := regexp.MustCompile(`^call ([0-9a-f]+): 100 → 101\n$`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("stdout %q", r.stdout)
	}
	call := m[1]
	// The call exists at the switch: answer it at 101, by that id.
	r = runBin(t, "", nil, "call", "answer", "101", "--call", call, "--pbx", sim.Addr(), "--format", "json")
	if r.code != 0 {
		t.Fatalf("answer: exit %d: %s", r.code, r.stderr)
	}
	if o := jsonLine(t, r.stdout); o["ok"] != true || o["request"] != "AnswerCall" {
		t.Fatalf("answer: %s", r.stdout)
	}
	r = runBin(t, "", nil, "call", "snapshot", "100", "--pbx", sim.Addr(), "--format", "json")
	o := jsonLine(t, r.stdout)
	data, _ := field(o, "result", "snapshotData").([]any)
	if r.code != 0 || len(data) != 1 || field(data[0].(map[string]any), "connectionIdentifier", "callID") != call {
		t.Fatalf("snapshot: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	r = runBin(t, "", nil, "call", "make", "102", "103", "--pbx", sim.Addr(), "--format", "json")
	if o := jsonLine(t, r.stdout); r.code != 0 || field(o, "result", "callingDevice", "deviceID") != "102" {
		t.Fatalf("make json: %s", r.stdout)
	}
}

// TestCallTransferAndConference drives a whole consultation with the
// command, one request per run.
func TestCallTransferAndConference(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	run := func(args ...string) string {
		t.Helper()
		r := runBin(t, "", nil, append(append([]string{"call"}, args...), "--pbx", sim.Addr())...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return r.stdout
	}
	callID := func(out string) string {
		m := regexp.MustCompile(`call ([0-9a-f]+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no call id in %q", out)
		}
		return m[1]
	}
	for _, op := range []string{"transfer", "conference"} {
		c1 := callID(run("make", "100", "101"))
		run("answer", "101", "--call", c1)
		c2 := callID(run("consult", "101", "102", "--call", c1))
		run("answer", "102", "--call", c2)
		out := run(op, "101", "--held", c1, "--active", c2)
		mustContain(t, op, out, op[:5])
		snap := run("snapshot", "100")
		mustContain(t, "snapshot after "+op, snap, "connected")
		// The first column of the snapshot's first row is the call.
		rows := strings.Split(snap, "\n")
		run("clear", "100", "--all", "--call", strings.Fields(rows[1])[0])
	}
}

func TestCallErrors(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	r := runBin(t, "", nil, "call", "make", "100", "100", "--pbx", sim.Addr())
	if r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	mustContain(t, "stderr", r.stderr, "MakeCall failed: CSTA error operation: notDifferentDevices")
	r = runBin(t, "", nil, "call", "answer", "105", "--call", "beef", "--pbx", sim.Addr(), "--format", "json")
	if r.code != 1 {
		t.Fatalf("answer: exit %d", r.code)
	}
	o := jsonLine(t, r.stdout)
	if o["ok"] != false || field(o, "error", "branch") == nil || field(o, "error", "value") == nil {
		t.Fatalf("json error: %s", r.stdout)
	}
	for _, args := range [][]string{
		{"call", "answer", "101", "--pbx", sim.Addr()},                  // no --call
		{"call", "answer", "101", "--call", "xyz", "--pbx", sim.Addr()}, // not hex
		{"call", "make", "100", "--pbx", sim.Addr()},                    // one device
		{"call", "make", "100", "10x", "--pbx", sim.Addr()},             // bad device
		{"call", "make", "100", "101"},                                  // no --pbx
		{"call", "make", "100", "101", "--pbx", "127.0.0.1:notaport"},
		{"call", "frobnicate"},
	} {
		r := runBin(t, "", nil, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "--help") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestBadPassword: a rejected association exits non-zero and says it was
// authentication.
func TestBadPassword(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	for _, args := range [][]string{
		{"call", "make", "100", "101", "--pbx", sim.Addr(), "--password", "wrong"},
		{"watch", "--pbx", sim.Addr(), "--devices", "100", "--password", "wrong"},
	} {
		r := runBin(t, "", nil, args...)
		if r.code == 0 {
			t.Fatalf("%v: exit 0", args)
		}
		mustContain(t, "stderr", r.stderr, "authentication failed", `user "AMHOST"`)
	}
	// The same from the environment.
	r := runBin(t, "", []string{"CSTAV3_PASSWORD=wrong", "CSTAV3_PBX=" + sim.Addr()}, "call", "make", "100", "101")
	if r.code == 0 || !strings.Contains(r.stderr, "authentication") {
		t.Fatalf("env password: exit %d: %s", r.code, r.stderr)
	}
}

func TestConnectionErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	r := runBin(t, "", nil, "call", "make", "100", "101", "--pbx", closed)
	if r.code != 1 {
		t.Fatalf("refused: exit %d", r.code)
	}
	mustContain(t, "refused", r.stderr, "connection refused by "+closed)

	// A server that accepts and says nothing: no answer within --timeout.
	ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	r = runBin(t, "", nil, "watch", "--devices", "100", "--pbx", ln.Addr().String(), "--timeout", "300ms")
	if r.code != 1 {
		t.Fatalf("silent: exit %d", r.code)
	}
	mustContain(t, "silent", r.stderr, "no answer from")

	// A server that hangs up at once.
	ln2, _ := net.Listen("tcp", "127.0.0.1:0")
	defer ln2.Close()
	go func() {
		for {
			c, err := ln2.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	r = runBin(t, "", nil, "call", "make", "100", "101", "--pbx", ln2.Addr().String())
	if r.code != 1 || !strings.Contains(r.stderr, "closed the connection") {
		t.Fatalf("hang-up: exit %d: %s", r.code, r.stderr)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--bogus"},
		{"watch", "--pbx", "127.0.0.1:7001"}, // no device
		{"watch", "--pbx", "127.0.0.1:7001", "--devices", "abc"},
		{"watch", "--pbx", "127.0.0.1:7001", "--devices", "110-100"},
		{"watch", "--pbx", "127.0.0.1:7001", "--devices", "100", "--format", "yaml"},
		{"sim", "--devices", "x"},
		{"sim", "--listen", "nowhere"},
		{"decode"},
		{"decode", "a1", "--pcap", "x.pcap"},
		{"decode", "zz"},
		{"demo", "--color", "sometimes"},
		{"nonsense"},
		{"watch", "--timeout", "soon"},
	} {
		r := runBin(t, "", nil, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
			continue
		}
		mustContain(t, strings.Join(args, " "), r.stderr, "cstav3-monitor: ", "--help")
	}
}

// TestBridgeAndXML: the bridge command serves consumers until SIGINT, and
// watch prints ECMA-323 XML events.
func TestBridgeAndXML(t *testing.T) {
	r := runBin(t, "", nil, "bridge", "--pbx", "127.0.0.1:7001", "--listen", "127.0.0.1:0")
	if r.code != 2 || !strings.Contains(r.stderr, "no consumer login") {
		t.Fatalf("bridge without users: exit %d: %q", r.code, r.stderr)
	}
	sim := startSim(t, hipathsim.Config{})
	p := startBin(t, nil, "bridge", "--pbx", sim.Addr(), "--listen", "127.0.0.1:0", "--consumer", "app:secret", "--metrics", "127.0.0.1:0")
	line := p.waitLine("the listener", func(l string) bool { return strings.Contains(l, "XML bridge: ECMA-323 header TCP on") })
	body := scrape(t, stderrMatch(t, p, regexp.MustCompile(`metrics on (http://\S+)`)))
	mustContain(t, "bridge metrics", body, "cstav3_bridge_consumers 0", "cstav3_link_up 1")
	addr := line[strings.LastIndex(line, " ")+1:]
	if _, _, err := net.SplitHostPort(addr); err != nil {
		t.Fatalf("listener line %q: %v", line, err)
	}
	if code := p.interrupt(); code != 0 {
		t.Fatalf("bridge exit %d after SIGINT; stderr:\n%s", code, p.stderr)
	}

	w := startBin(t, nil, "watch", "--pbx", sim.Addr(), "--devices", "100", "--format", "xml")
	w.waitLine("monitoring comment", func(l string) bool { return strings.HasPrefix(l, "<!-- monitoring 100") })
	if _, err := sim.Dial("100", "101"); err != nil {
		t.Fatal(err)
	}
	ev := w.waitLine("an XML event", func(l string) bool { return strings.Contains(l, "<ServiceInitiatedEvent") })
	var doc struct {
		XMLName xml.Name
		XRef    string `xml:"monitorCrossRefID"`
	}
	if err := xml.Unmarshal([]byte(ev[strings.Index(ev, "<ServiceInitiatedEvent"):]), &doc); err != nil || doc.XRef == "" {
		t.Fatalf("event %q: %v %+v", ev, err, doc)
	}
	w.interrupt()

	// decode --format xml: a comment naming each PDU, then its ECMA-323
	// document.
	vec, err := filepath.Abs(filepath.Join("..", "..", "testdata", "vectors", "pbx-event-delivered.hex"))
	if err != nil {
		t.Fatal(err)
	}
	r = runBin(t, "", nil, "decode", "--format", "xml", "--file", vec)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "<!--") {
		t.Fatalf("decode --format xml: exit %d: %q %q", r.code, r.stdout, r.stderr)
	}
	var dev struct {
		XRef    string `xml:"monitorCrossRefID"`
		CallID  string `xml:"connection>callID"`
		Calling string `xml:"callingDevice>deviceIdentifier"`
		Cause   string `xml:"cause"`
	}
	if err := xml.Unmarshal([]byte(lines[1]), &dev); err != nil || dev.XRef != "0001" || dev.CallID != "b164" ||
		dev.Calling != "200" || dev.Cause != "newCall" {
		t.Fatalf("decoded XML %q: %v %+v", lines[1], err, dev)
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"watch", "--help"}, {"call", "--help"}, {"call", "make", "--help"}, {"sim", "--help"}, {"decode", "--help"}, {"bridge", "--help"}} {
		r := runBin(t, "", nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage:") {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stdout)
		}
		if !strings.Contains(r.stdout, "Examples:") && !strings.Contains(r.stdout, "Available Commands") {
			t.Errorf("%v: no examples", args)
		}
	}
}

// TestConfiguration: the file in the current directory, --config, a
// command's section, the environment, and the command line, in that order
// of precedence.
func TestConfiguration(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	other := startSim(t, hipathsim.Config{User: "AMHOST", Password: "secret"})
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("cstav3.yaml", "pbx: "+sim.Addr()+"\nformat: json\n")
	r := runBin(t, dir, nil, "call", "make", "100", "101")
	if r.code != 0 || jsonLine(t, r.stdout)["ok"] != true {
		t.Fatalf("from ./cstav3.yaml: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	// A section wins over the top level; the environment over the file.
	write("cstav3.yaml", "pbx: 127.0.0.1:1\ncall:\n  pbx: "+other.Addr()+"\n  password: secret\n")
	r = runBin(t, dir, nil, "call", "make", "102", "103")
	if r.code != 0 {
		t.Fatalf("from the call section: exit %d: %s", r.code, r.stderr)
	}
	r = runBin(t, dir, []string{"CSTAV3_CALL_PASSWORD=wrong"}, "call", "make", "104", "105")
	if r.code == 0 || !strings.Contains(r.stderr, "authentication") {
		t.Fatalf("env over file: exit %d: %s", r.code, r.stderr)
	}
	// The command line wins over both.
	r = runBin(t, dir, []string{"CSTAV3_CALL_PASSWORD=wrong"}, "call", "make", "106", "107", "--password", "secret")
	if r.code != 0 {
		t.Fatalf("flag over env: exit %d: %s", r.code, r.stderr)
	}
	// --config names another file; a list for --devices.
	cfg := write("other.yaml", "watch:\n  pbx: "+sim.Addr()+"\n  devices: [100, \"101-102\"]\n  format: json\n")
	p := startBin(t, nil, "watch", "--config", cfg)
	for range 3 {
		p.waitLine("a monitor", func(l string) bool { return strings.Contains(l, `"monitoring"`) })
	}
	p.interrupt()
	// A broken file is a usage error.
	bad := write("bad.yaml", "pbx: [unclosed\n")
	if r := runBin(t, "", nil, "call", "make", "100", "101", "--config", bad); r.code != 2 || !strings.Contains(r.stderr, "config file") {
		t.Fatalf("bad file: exit %d: %s", r.code, r.stderr)
	}
	// Environment lists, in the same syntax.
	p = startBin(t, []string{"CSTAV3_PBX=" + sim.Addr(), "CSTAV3_DEVICES=100, 102-103", "CSTAV3_FORMAT=json"}, "watch")
	for range 3 {
		p.waitLine("a monitor", func(l string) bool { return strings.Contains(l, `"monitoring"`) })
	}
	p.interrupt()
}

// TestSimCommand runs the standalone simulator with a capture and metrics,
// uses it with the library, and decodes what it captured.
func TestSimCommand(t *testing.T) {
	dir := t.TempDir()
	pcap := filepath.Join(dir, "sim.pcap")
	p := startBin(t, nil, "sim", "--listen", "127.0.0.1:0", "--devices", "200-209", "--user", "APP", "--password", "pw",
		"--capture", pcap, "--metrics", "127.0.0.1:0", "--call-rate", "0")
	line := p.waitLine("the listen line", func(l string) bool { return strings.HasPrefix(l, "hipathsim listening on ") })
	addr := strings.Fields(line)[3]
	ctx, cancel := context.WithTimeout(context.Background(), waitLong)
	defer cancel()
	c, err := hipath.Dial(ctx, addr, hipath.WithAuth("APP", "pw"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.MakeCall(ctx, cstav3.Dialing("200"), cstav3.Dialing("201")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.MakeCall(ctx, cstav3.Dialing("100"), cstav3.Dialing("201")); err == nil {
		t.Fatal("device 100 exists")
	}
	c.Close()
	metrics := stderrMatch(t, p, regexp.MustCompile(`metrics on (http://\S+)`))
	body := scrape(t, metrics)
	mustContain(t, "metrics", body, "hipathsim_links_associated_total 1", `hipathsim_requests_total{operation="makeCall"} 2`, "hipathsim_errors_total 1")
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d: %s", code, p.stderr)
	}
	r := runBin(t, "", nil, "decode", "--pcap", pcap)
	if r.code != 0 {
		t.Fatalf("decode: exit %d: %s", r.code, r.stderr)
	}
	var ops []string
	for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
		m := jsonLine(t, l)
		if m["error"] != nil && m["rose"] == nil {
			t.Errorf("undecodable: %s", l)
		}
		if op, _ := m["operation"].(string); op != "" {
			ops = append(ops, m["from"].(string)+":"+m["rose"].(string)+":"+op)
		} else if a, _ := m["acse"].(string); a != "" {
			ops = append(ops, m["from"].(string)+":"+a)
		}
	}
	for _, want := range []string{"client:AARQ", "pbx:AARE", "client:invoke:makeCall", "pbx:returnResult:makeCall", "pbx:returnError:makeCall", "client:RLRQ", "pbx:RLRE"} {
		if !slices.Contains(ops, want) {
			t.Errorf("capture lacks %s: %v", want, ops)
		}
	}
}

// TestWatchCaptureAndMetrics: watch writes the link to a pcap and serves
// its counters.
func TestWatchCaptureAndMetrics(t *testing.T) {
	sim := startSim(t, hipathsim.Config{})
	pcap := filepath.Join(t.TempDir(), "watch.pcap")
	p := startBin(t, nil, "watch", "--pbx", sim.Addr(), "--devices", "100", "--format", "json", "--capture", pcap, "--metrics", "127.0.0.1:0")
	p.waitLine("monitor", func(l string) bool { return strings.Contains(l, `"monitoring"`) })
	sim.Dial("100", "101")
	p.waitLine("delivered", func(l string) bool { return strings.Contains(l, `"delivered"`) })
	body := scrape(t, stderrMatch(t, p, regexp.MustCompile(`metrics on (http://\S+)`)))
	mustContain(t, "metrics", body, "cstav3_link_up 1", `cstav3_events_total{type="delivered"} 1`,
		`cstav3_requests_total{operation="monitorStart",outcome="ok"} 1`, "cstav3_request_duration_seconds_bucket", "cstav3_reconnects_total 0", "cstav3_events_dropped_total 0")
	if code := p.interrupt(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	r := runBin(t, "", nil, "decode", "--pcap", pcap, "--format", "text")
	mustContain(t, "decoded capture", r.stdout, "client @0      AARQ", "invoke 1 monitorStart", "cSTAEventReport delivered xref", "RLRQ", "RLRE")
}

// stderrMatch returns the first group of re in what the process wrote to
// stderr so far (the metrics address is printed before anything on stdout).
// stderrMatch waits for p's stderr to match re and returns the first
// group: the child writes stderr on its own schedule, and the copy of it
// here trails what it wrote.
func stderrMatch(t *testing.T, p *proc, re *regexp.Regexp) string {
	t.Helper()
	deadline := time.After(waitLong)
	for {
		changed := p.stderr.Changed()
		if m := re.FindStringSubmatch(p.stderr.String()); m != nil {
			return m[1]
		}
		select {
		case <-changed:
		case <-p.done:
			if m := re.FindStringSubmatch(p.stderr.String()); m != nil {
				return m[1]
			}
			t.Fatalf("exited without stderr matching %s: %s", re, p.stderr)
		case <-deadline:
			t.Fatalf("stderr does not match %s within %s: %s", re, waitLong, p.stderr)
		}
	}
}

func scrape(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		b.WriteString(sc.Text() + "\n")
	}
	io.Copy(io.Discard, resp.Body)
	return b.String()
}
