package cstav3

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// Differential tests against the independent ECMA-285 codec in
// testdata/oracle (Erlang asn1ct). The vectors it generated are committed;
// the tests that run the oracle itself need CSTAV3_ORACLE to name its build
// (testdata/oracle/build.sh), which .ci/run sets.

type oracleVector struct {
	name string
	pdu  []byte
}

func loadOracleVectors(t testing.TB) []oracleVector {
	t.Helper()
	var out []oracleVector
	for _, f := range []string{"random.tsv", "hipath.tsv"} {
		raw, err := os.ReadFile(filepath.Join("..", "testdata", "oracle", f))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			name, h, ok := strings.Cut(line, "\t")
			if !ok {
				t.Fatalf("%s: bad line %q", f, line)
			}
			pdu, err := hex.DecodeString(strings.TrimSpace(h))
			if err != nil {
				t.Fatalf("%s: %s: %v", f, name, err)
			}
			out = append(out, oracleVector{name, pdu})
		}
	}
	if len(out) < 150 {
		t.Fatalf("only %d oracle vectors", len(out))
	}
	return out
}

// typedPDU is a ROSE message with its payload decoded to our types.
type typedPDU struct {
	msg    Message
	report *EventReport
	arg    Argument
	res    Result
	err    *Error
}

func decodeTyped(pdu []byte) (*typedPDU, error) {
	p := new(typedPDU)
	if err := p.msg.Decode(pdu); err != nil {
		return nil, err
	}
	var err error
	switch p.msg.Type {
	case Invoke:
		if p.msg.Opcode == OpEventReport {
			p.report, err = DecodeEventReport(p.msg.Argument)
		} else {
			p.arg, err = DecodeArgument(p.msg.Opcode, p.msg.Argument)
		}
	case ReturnResult:
		if p.msg.Argument != nil {
			p.res, err = DecodeResult(p.msg.Opcode, p.msg.Argument)
		}
	case ReturnError:
		p.err, err = DecodeError(p.msg.Argument)
	}
	return p, err
}

func (p *typedPDU) encode() ([]byte, error) {
	m := p.msg
	var err error
	switch {
	case p.report != nil:
		m.Argument, err = AppendEventReport(nil, p.report)
	case p.arg != nil:
		m.Argument, err = AppendArgument(nil, p.arg)
	case p.res != nil:
		m.Argument, err = AppendResult(nil, p.res)
	case p.err != nil:
		m.Argument, err = AppendError(nil, p.err)
	}
	if err != nil {
		return nil, err
	}
	return m.Append(nil)
}

// TestOracleVectors decodes every oracle vector into typed values and
// re-encodes them: the bytes must come back identical, which proves every
// field was read (nothing the oracle put in is lost) and written back in
// the same form.
func TestOracleVectors(t *testing.T) {
	vs := loadOracleVectors(t)
	kinds := map[string]int{}
	for _, v := range vs {
		p, err := decodeTyped(v.pdu)
		if err != nil {
			t.Errorf("%s: decode: %v", v.name, err)
			continue
		}
		if p.report != nil {
			if raw, ok := p.report.Event.(*RawEvent); ok {
				t.Errorf("%s: event %v not typed", v.name, raw.EventType)
			}
		}
		out, err := p.encode()
		if err != nil {
			t.Errorf("%s: encode: %v", v.name, err)
			continue
		}
		if !bytes.Equal(out, v.pdu) {
			t.Errorf("%s: re-encoded\n got %x\nwant %x", v.name, out, v.pdu)
		}
		kind, _, _ := strings.Cut(strings.TrimPrefix(v.name, "hipath_"), "_")
		kinds[kind]++
	}
	t.Logf("%d vectors: %v", len(vs), kinds)
}

// TestOracleVectorsLongForms re-encodes each oracle vector with every
// constructed element in indefinite length and every primitive in long-form
// length; our decoder must read the same values, and our encoder give the
// oracle's canonical bytes back.
func TestOracleVectorsLongForms(t *testing.T) {
	for _, v := range loadOracleVectors(t) {
		for _, indefinite := range []bool{false, true} {
			alt, err := reshape(v.pdu, indefinite)
			if err != nil {
				t.Fatalf("%s: %v", v.name, err)
			}
			p, err := decodeTyped(alt)
			if err != nil {
				t.Errorf("%s (indefinite=%v): decode %x: %v", v.name, indefinite, alt, err)
				continue
			}
			// Elements kept encoded (private data, unmodelled optionals)
			// keep the long forms; the values must still be the same.
			out, err := p.encode()
			if err == nil {
				out, err = canonical(out)
			}
			if err != nil || !bytes.Equal(out, v.pdu) {
				t.Errorf("%s (indefinite=%v): re-encoded %x, %v", v.name, indefinite, out, err)
			}
		}
	}
}

// reshape rewrites a BER encoding: constructed elements get indefinite
// lengths (or 0x82 long form), primitives 0x82 long-form lengths.
func reshape(in []byte, indefinite bool) ([]byte, error) {
	var out []byte
	r := ber.NewReader(in)
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return nil, err
		}
		out = append(out, e.Raw[:tagOctets(e.Raw)]...)
		body := e.Content()
		if e.Tag.IsConstructed() {
			if body, err = reshape(e.Content(), indefinite); err != nil {
				return nil, err
			}
			if indefinite {
				out = append(append(append(out, 0x80), body...), 0, 0)
				continue
			}
		}
		out = append(out, 0x82, byte(len(body)>>8), byte(len(body)))
		out = append(out, body...)
	}
	return out, nil
}

// canonical rewrites a BER encoding with minimal definite lengths.
func canonical(in []byte) ([]byte, error) {
	var b ber.Builder
	if err := canonicalInto(&b, in); err != nil {
		return nil, err
	}
	return b.Bytes()
}

func canonicalInto(b *ber.Builder, in []byte) error {
	r := ber.NewReader(in)
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			return err
		}
		if !e.Tag.IsConstructed() {
			b.AddBytes(e.Tag, e.Content())
			continue
		}
		b.AddConstructed(e.Tag, func(b *ber.Builder) {
			if err := canonicalInto(b, e.Content()); err != nil {
				b.SetError(err)
			}
		})
	}
	return nil
}

// tagOctets returns the number of identifier octets at the start of raw.
func tagOctets(raw []byte) int {
	if raw[0]&0x1F != 0x1F {
		return 1
	}
	n := 1
	for raw[n]&0x80 != 0 {
		n++
	}
	return n + 1
}

// TestOracleChecksOurEncodings perturbs the values decoded from the oracle
// vectors (new numbers, names, call ids …), encodes them with our encoder
// and has the oracle decode and re-encode each: it must accept our bytes
// and produce them again.
func TestOracleChecksOurEncodings(t *testing.T) {
	dir := os.Getenv("CSTAV3_ORACLE")
	if dir == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but CSTAV3_ORACLE is not set: .ci/run builds the oracle")
		}
		t.Skip("needs the Erlang oracle: set CSTAV3_ORACLE to a testdata/oracle/build.sh build (.ci/run does)")
	}
	rng := rand.New(rand.NewPCG(7, 11))
	var in bytes.Buffer
	sent := map[string][]byte{}
	for round := 0; round < 3; round++ {
		for _, v := range loadOracleVectors(t) {
			p, err := decodeTyped(v.pdu)
			if err != nil {
				t.Fatalf("%s: %v", v.name, err)
			}
			p.msg.InvokeID = int64(rng.Uint32()>>uint(rng.IntN(32))) * int64(1-2*rng.IntN(2))
			for _, x := range []any{p.report, p.arg, p.res} {
				if x != nil && !reflect.ValueOf(x).IsNil() {
					perturb(reflect.ValueOf(x), rng, "")
				}
			}
			out, err := p.encode()
			if err != nil {
				t.Fatalf("%s: encode: %v", v.name, err)
			}
			name := fmt.Sprintf("%s_r%d", v.name, round)
			sent[name] = out
			fmt.Fprintf(&in, "%s\t%x\n", name, out)
		}
	}
	cmd := exec.Command(filepath.Join("..", "testdata", "oracle", "check.escript"), dir)
	cmd.Stdin = &in
	outp, err := cmd.Output()
	if err != nil {
		t.Fatalf("check.escript: %v", err)
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(outp))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		n++
		if len(f) < 2 || f[1] != "ok" {
			t.Errorf("oracle on %x: %s", sent[f[0]], sc.Text())
		}
	}
	if n != len(sent) {
		t.Fatalf("oracle answered %d of %d", n, len(sent))
	}
	t.Logf("oracle accepted %d of our encodings", n)
}

// perturb replaces, in place, the free-form values of a decoded PDU: plain
// strings become other digit strings and identifiers other octets, leaving
// alone what has structure (enumerations, raw encoded elements, bit strings,
// timestamps).
func perturb(v reflect.Value, rng *rand.Rand, field string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			perturb(v.Elem(), rng, field)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(ber.BitString{}) || v.Type() == reflect.TypeOf(Unmodelled{}) ||
			v.Type() == reflect.TypeOf(RawEvent{}) || v.Type() == reflect.TypeOf(CommonArguments{}) {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				perturb(v.Field(i), rng, v.Type().Field(i).Name)
			}
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			switch v.Type() {
			case reflect.TypeOf(CallID(nil)), reflect.TypeOf(CrossRefID(nil)):
			default:
				if !strings.HasSuffix(field, "ID") && field != "CorrelatorData" {
					return // may hold an encoded element or a constrained value
				}
			}
			if v.Len() > 0 && v.CanSet() {
				b := make([]byte, 1+rng.IntN(4))
				for i := range b {
					b[i] = byte(rng.Uint32())
				}
				v.SetBytes(b)
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			perturb(v.Index(i), rng, field)
		}
	case reflect.String:
		if v.Type() == reflect.TypeOf("") && v.Len() > 0 && v.CanSet() && (field == "Number" || field == "PrivateNumber") {
			const digits = "0123456789"
			b := make([]byte, 1+rng.IntN(10))
			for i := range b {
				b[i] = digits[rng.IntN(10)]
			}
			v.SetString(string(b))
		}
	}
}
