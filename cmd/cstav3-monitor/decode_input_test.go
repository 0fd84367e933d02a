package main

import (
	"bytes"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// vector returns the bytes of a shared vector.
func vector(t *testing.T, name string) []byte {
	t.Helper()
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

// frames returns the PDUs framed by f, back to back.
func frames(t *testing.T, f cstav3.Framing, pdus ...[]byte) []byte {
	t.Helper()
	var out []byte
	for _, p := range pdus {
		var err error
		if out, err = cstav3.AppendFrame(out, f, p); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

const (
	// The decoded client-monitorstop.hex and pbx-monitorstop-result.hex.
	lineStop       = `{"offset":0,"length":14,"rose":"invoke","invokeID":2,"operation":"monitorStop","opcode":73,"argument":{"crossRefIdentifier":"0001"}}`
	lineStopResult = `"length":12,"rose":"returnResult","invokeID":2,"operation":"monitorStop","opcode":73,"result":{"noData":true}}`
	// The decoded client-aarq-amhost.hex, its password masked.
	lineAARQ = `{"offset":0,"length":51,"acse":"AARQ","aarq":{"context":"1.3.12.0.218","authName":"AMHOST","password":"*****","cstaVersion":"0001000000000000"}}`
)

// TestDecodeStdin: - reads standard input, hex text or binary, and so does
// no input at all when stdin is not a terminal.
func TestDecodeStdin(t *testing.T) {
	stop, result := vector(t, "client-monitorstop.hex"), vector(t, "pbx-monitorstop-result.hex")
	want := lineStop + "\n" + `{"offset":17,` + lineStopResult + "\n"
	framed := frames(t, hipath.Framing, stop, result)
	for _, tt := range []struct {
		name string
		in   []byte
		args []string
	}{
		{"binary frames on -", framed, []string{"decode", "-"}},
		{"hex text on -", []byte(hex.EncodeToString(framed) + "\n"), []string{"decode", "-"}},
		{"hex text on --file -", []byte(hex.EncodeToString(framed)), []string{"decode", "--file", "-"}},
		{"binary frames, no argument", framed, []string{"decode"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runBinStdin(t, "", nil, bytes.NewReader(tt.in), tt.args...)
			if r.code != 0 || r.stdout != want || r.stderr != "" {
				t.Errorf("exit %d\nstdout %s\nwant   %s\nstderr %s", r.code, r.stdout, want, r.stderr)
			}
		})
	}
	// A capture on stdin.
	pcap, err := os.ReadFile("../../testdata/pcaps/association.pcap")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("../../testdata/pcaps/association.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	if r := runBinStdin(t, "", nil, bytes.NewReader(pcap), "decode", "--pcap", "-"); r.code != 0 || r.stdout != string(golden) {
		t.Errorf("--pcap -: exit %d: %s\n%s", r.code, r.stdout, r.stderr)
	}
	// With stdin a terminal (here the null device, a character device
	// too) and no input, a usage error rather than a wait.
	r := runBin(t, "", nil, "decode")
	if r.code != exitUsage || !strings.Contains(r.stderr, "give exactly one input") {
		t.Errorf("no input: exit %d: %s", r.code, r.stderr)
	}
}

// TestDecodeExitStatus: exit 1 when a part was undecodable, after printing
// everything that could be decoded.
func TestDecodeExitStatus(t *testing.T) {
	stop, result := vector(t, "client-monitorstop.hex"), vector(t, "pbx-monitorstop-result.hex")
	in := append(append(frames(t, hipath.Framing, stop), 0xde, 0xad), frames(t, hipath.Framing, result)...)
	r := runBin(t, "", nil, "decode", hex.EncodeToString(in))
	want := lineStop + "\n" +
		`{"offset":17,"length":2,"error":"no frame header (no 0x26 marker): de ad 26","bytes":"dead"}` + "\n" +
		`{"offset":19,` + lineStopResult + "\n"
	if r.code != exitFailure || r.stdout != want || r.stderr != "decode: 2 PDU(s) decoded, 1 undecodable part(s) reported\n" {
		t.Errorf("exit %d\nstdout %s\nwant   %s\nstderr %s", r.code, r.stdout, want, r.stderr)
	}
	r = runBin(t, "", nil, "decode", hex.EncodeToString(frames(t, hipath.Framing, stop, result)))
	if r.code != 0 || r.stderr != "" {
		t.Errorf("all decodable: exit %d: %s", r.code, r.stderr)
	}
}

// TestDecodeSecrets: the AARQ's password, another authentication value
// and the bytes of an undecodable AARQ are masked unless --show-secrets.
func TestDecodeSecrets(t *testing.T) {
	aarq := hex.EncodeToString(vector(t, "client-aarq-amhost.hex"))
	if r := runBin(t, "", nil, "decode", aarq); r.code != 0 || r.stdout != lineAARQ+"\n" {
		t.Errorf("masked: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	if r := runBin(t, "", nil, "decode", aarq, "--show-secrets"); r.code != 0 || r.stdout != strings.Replace(lineAARQ, "*****", "77777", 1)+"\n" {
		t.Errorf("--show-secrets: exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	for _, format := range []string{"text", "xml"} {
		if r := runBin(t, "", nil, "decode", aarq, "--format", format); r.code != 0 || strings.Contains(r.stdout, "77777") {
			t.Errorf("--format %s: exit %d: %s", format, r.code, r.stdout)
		}
	}

	// Not HiPath's authentication value: a charstring [0].
	other, err := cstav3.AppendAPDU(nil, &cstav3.AARQ{Authentication: []byte{0x80, 0x06, 's', 'e', 'c', 'r', 'e', 't'}})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"offset":0,"length":` + itoa(len(other)) + `,"acse":"AARQ","aarq":{"context":"1.3.12.0.218","authentication":"*****"}}` + "\n"
	if r := runBin(t, "", nil, "decode", hex.EncodeToString(other)); r.code != 0 || r.stdout != want {
		t.Errorf("other value: exit %d\nstdout %s\nwant   %s", r.code, r.stdout, want)
	}
	want = strings.Replace(want, "*****", "8006736563726574", 1)
	if r := runBin(t, "", nil, "decode", hex.EncodeToString(other), "--show-secrets"); r.code != 0 || r.stdout != want {
		t.Errorf("other value shown: exit %d\nstdout %s\nwant   %s", r.code, r.stdout, want)
	}

	// A HiPath value cut short: undecodable, its bytes withheld.
	bad, err := cstav3.AppendAPDU(nil, &cstav3.AARQ{Authentication: []byte{0xa2, 0x07, 0xa0, 0x05, 0xa0, 0x03, 0x04, 0x01, 'p'}})
	if err != nil {
		t.Fatal(err)
	}
	r := runBin(t, "", nil, "decode", hex.EncodeToString(bad))
	if r.code != exitFailure || !strings.HasSuffix(r.stdout, `,"bytes":"*****"}`+"\n") || strings.Contains(r.stdout, "70") {
		t.Errorf("bad value: exit %d: %s", r.code, r.stdout)
	}
	r = runBin(t, "", nil, "decode", hex.EncodeToString(bad), "--show-secrets")
	if r.code != exitFailure || !strings.HasSuffix(r.stdout, `,"bytes":"`+hex.EncodeToString(bad)+`"}`+"\n") {
		t.Errorf("bad value shown: exit %d: %s", r.code, r.stdout)
	}
}

// TestDecodeFraming: --framing picks the frame header; auto takes HiPath
// frames or bare PDUs.
func TestDecodeFraming(t *testing.T) {
	stop, result := vector(t, "client-monitorstop.hex"), vector(t, "pbx-monitorstop-result.hex")
	want := func(second int) string {
		return lineStop + "\n" + `{"offset":` + itoa(second) + `,` + lineStopResult + "\n"
	}
	for _, tt := range []struct {
		framing string
		in      []byte
		want    string
	}{
		{"length", frames(t, cstav3.LengthPrefix, stop, result), want(16)},
		{"hipath", frames(t, hipath.Framing, stop, result), want(17)},
		{"auto", frames(t, hipath.Framing, stop, result), want(17)},
		{"none", append(append([]byte{}, stop...), result...), want(14)},
		{"auto", append(append([]byte{}, stop...), result...), want(14)},
	} {
		r := runBin(t, "", nil, "decode", "--framing", tt.framing, hex.EncodeToString(tt.in))
		if r.code != 0 || r.stdout != tt.want {
			t.Errorf("--framing %s: exit %d\nstdout %s\nwant   %s\nstderr %s", tt.framing, r.code, r.stdout, tt.want, r.stderr)
		}
	}
	// Length-prefixed frames are not bare PDUs.
	if r := runBin(t, "", nil, "decode", hex.EncodeToString(frames(t, cstav3.LengthPrefix, stop))); r.code != exitFailure {
		t.Errorf("length frames, auto: exit %d: %s", r.code, r.stdout)
	}
	if r := runBin(t, "", nil, "decode", "--framing", "ber", "00"); r.code != exitUsage || !strings.Contains(r.stderr, `--framing "ber"`) {
		t.Errorf("--framing ber: exit %d: %s", r.code, r.stderr)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
