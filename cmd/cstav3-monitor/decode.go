package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

func newDecodeCmd(app *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "decode [HEX… | -]",
		Short: "Decode HiPath frames or bare CSTA PDUs (hex, a binary file, stdin or a pcap) to JSON",
		Long: `Decode CSTA Phase III PDUs and print each one as a JSON object on its own line:
the ACSE or ROSE envelope, the operation, and the typed argument, result,
error or event. Enumerations are written by their ASN.1 names, call ids and
cross-references as lowercase hex, devices as their number text.

The input is hex given as arguments (with or without spaces), a file (--file:
binary, or hex text), standard input (the argument -, --file -, or no input
at all when stdin is not a terminal), or a pcap/pcapng capture (--pcap FILE,
or --pcap - for stdin) whose TCP connections are reassembled direction by
direction.

--framing says how PDUs are delimited: hipath (the HiPath header 26 80|len),
length (a two-byte big-endian length), none (bare PDUs back to back), or auto,
the default: HiPath frames if the input (or, in a pcap, each direction)
starts with 26, else bare PDUs. Bytes that cannot be decoded are reported with
their offset, decoding goes on, and the exit status is 1.

The AARQ's authentication value is masked: a HiPath's user name is shown and
its password printed as *****; --show-secrets prints it.

A ReturnError does not name its operation; it is matched with the invoke it
answers when that invoke is in the same input.`,
		Example: `  cstav3-monitor decode a1 0c 02 01 01 02 02 00 d3 30 03 0a 01 02
  cstav3-monitor decode 26800d a20b0201013006020200d30500
  cstav3-monitor decode --file testdata/vectors/pbx-event-delivered.hex
  xxd -r -p frames.hex | cstav3-monitor decode -
  cstav3-monitor decode --pcap testdata/pcaps/basic-call.pcap | jq .event`,
		RunE: func(cmd *cobra.Command, args []string) error { return runDecode(app, cmd, args) },
	}
	f := cmd.Flags()
	f.String("file", "", "read the PDUs from a binary file, or a file of hex text (-: stdin)")
	f.String("pcap", "", "read the PDUs from a pcap or pcapng capture (-: stdin)")
	f.String("format", "json", "output: json (one object per PDU), text (one line per PDU) or xml (the ECMA-323 documents)")
	f.String("framing", "auto", "how PDUs are delimited: auto, hipath, length (two-byte length) or none (bare PDUs)")
	f.Bool("show-secrets", false, "print the AARQ's password instead of *****")
	return cmd
}

// decodeFramings are the values of --framing; auto is nil.
var decodeFramings = map[string]cstav3.Framing{
	"auto": nil, "hipath": hipath.Framing, "length": cstav3.LengthPrefix, "none": nil,
}

func runDecode(app *app, cmd *cobra.Command, args []string) error {
	file, pcap := app.str(cmd, "file"), app.str(cmd, "pcap")
	format, framing := app.str(cmd, "format"), app.str(cmd, "framing")
	switch format {
	case "json", "text", "xml":
	default:
		return usageErrorf("--format %q: use json, text or xml", format)
	}
	if _, ok := decodeFramings[framing]; !ok {
		return usageErrorf("--framing %q: use auto, hipath, length or none", framing)
	}
	if len(args) == 1 && args[0] == "-" {
		args, file = nil, "-"
	}
	n := 0
	for _, set := range []bool{len(args) > 0, file != "", pcap != ""} {
		if set {
			n++
		}
	}
	stdin := cmd.InOrStdin()
	if n == 0 && !isTerminal(stdin) {
		file, n = "-", 1
	}
	if n != 1 {
		return usageErrorf("give exactly one input: hex arguments, - or --file F for a file or stdin, or --pcap F")
	}
	open := func(name string) (io.ReadCloser, error) {
		if name == "-" {
			return io.NopCloser(stdin), nil
		}
		return os.Open(name)
	}
	out := bufio.NewWriter(cmd.OutOrStdout())
	defer out.Flush()
	d := newDecoder(out, format)
	d.framing = framing
	d.showSecrets, _ = cmd.Flags().GetBool("show-secrets")
	switch {
	case pcap != "":
		f, err := open(pcap)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := d.pcap(f); err != nil {
			return fmt.Errorf("%s: %w", pcap, err)
		}
	case file != "":
		f, err := open(file)
		if err != nil {
			return err
		}
		data, err := io.ReadAll(f)
		f.Close()
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
		return &exitError{code: exitFailure}
	}
	return nil
}

// isTerminal reports whether r is a terminal (a character device), where
// decode without input says what to give rather than wait for typing.
func isTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err != nil || st.Mode()&os.ModeCharDevice != 0
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
