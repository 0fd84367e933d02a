package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/tiny.golden")

// tiny is a spec of every shape the generator knows, for testdata/tiny.asn1.
var tiny = output{File: "tiny_gen.go",
	Enums: []enum{{"tiny.asn1", "Colour", "Colour", "Colour", "Colour is a colour;\nof paint."}},
	Branches: &branches{File: "tiny.asn1", Type: "Failure", GoType: "FailureKind", Doc: "FailureKind is a failure.",
		ConstDoc: "Kinds of failure.", Consts: map[string]string{"paint": "PaintFailure", "other": "OtherFailure"},
		Names: "failureNames", ValueTables: "failureValueNames"},
	Bits: &bitTable{File: "tiny.asn1", Types: []string{"Brushes"}, Table: "brushNames", Doc: "brushNames by bit."}}

// TestTiny: a tiny module with an ENUMERATED (tagged, commented,
// hyphenated), a CHOICE of an ENUMERATED and a NULL and a BIT STRING whose
// bits are listed out of order gives the Go source of testdata/tiny.golden.
func TestTiny(t *testing.T) {
	got, err := generate(moduleReader("testdata"), "tiny", tiny)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "tiny.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("generated:\n%s\nwant (%s):\n%s", got, golden, want)
	}
	for _, s := range []string{"ColourDarkGreen Colour = 2", `2:  "dark-green"`, "0: paintErrorsNames", "1: nil",
		"func ParseFailureKind(", "func (v Colour) String() string", "\"narrow\", // 0\n\t\t\"wide\",   // 1"} {
		if !bytes.Contains(got, []byte(s)) {
			t.Errorf("no %q in the output", s)
		}
	}
	if bytes.Contains(got, []byte("ColourHyphenated")) {
		t.Error("a value taken from a comment")
	}
}

// TestErrors: what the generator cannot read is an error naming it.
func TestErrors(t *testing.T) {
	mod := func(text string) func(string) (string, error) {
		return func(string) (string, error) { return text, nil }
	}
	br := func(consts map[string]string) output {
		b := *tiny.Branches
		b.Consts = consts
		return output{Branches: &b}
	}
	two := map[string]string{"paint": "P", "other": "O"}
	bits := output{Bits: tiny.Bits}
	for _, tt := range []struct {
		name, text string
		out        output
		want       string
	}{
		{"no type", "Other ::= ENUMERATED { a (1) }", output{Enums: tiny.Enums}, "no ENUMERATED Colour"},
		{"no values", "Colour ::= ENUMERATED { }", output{Enums: tiny.Enums}, "no values"},
		{"no choice", "", br(two), "no CHOICE Failure"},
		{"tag gap", "Failure ::= CHOICE { paint [0] A, other [2] B }\nA ::= NULL\nB ::= NULL", br(two), "tags must run from 0"},
		{"unnamed alternative", "Failure ::= CHOICE { paint [0] A, more [1] B }\nA ::= NULL\nB ::= NULL", br(two), "no Go constant for alternative more"},
		{"extra constant", "Failure ::= CHOICE { paint [0] A }\nA ::= NULL", br(two), "2 Go constants for 1 alternatives"},
		{"other alternative type", "Failure ::= CHOICE { paint [0] A, other [1] B }\nA ::= NULL\nB ::= SEQUENCE {}", br(two), "alternative other: no ENUMERATED B"},
		{"no bit string", "Brushes ::= ENUMERATED { a (0) }", bits, "no BIT STRING Brushes"},
		{"no named bits", "Brushes ::= BIT STRING { }", bits, "no named bits"},
		{"bit gap", "Brushes ::= BIT STRING { a (0), b (2) }", bits, "bit b (2): the bits must run from 0"},
		{"bit repeated", "Brushes ::= BIT STRING { a (0), b (0) }", bits, "bit b (0): the bits must run from 0"},
	} {
		_, err := generate(mod(tt.text), "tiny", tt.out)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestCommitted: the files committed in cstav3 are what the generator
// makes of the modules in testdata/asn1/csta (.ci/run checks the same with
// go generate).
func TestCommitted(t *testing.T) {
	read := moduleReader(filepath.Join("..", "..", "testdata", "asn1", "csta"))
	for _, o := range outputs {
		got, err := generate(read, "cstav3", o)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", "..", "cstav3", o.File))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("cstav3/%s differs from the generator's output: run go generate ./cstav3", o.File)
		}
	}
}

// TestGoName: the constants' names from ASN.1 identifiers.
func TestGoName(t *testing.T) {
	for _, tt := range []struct{ prefix, ident, want string }{
		{"Cause", "newCall", "CauseNewCall"}, {"", "callNull", "CallNull"}, {"X", "a-b-c", "XABC"}, {"X", "no--reason", "XNoReason"},
	} {
		if got := goName(tt.prefix, tt.ident); got != tt.want {
			t.Errorf("goName(%q, %q) = %q, want %q", tt.prefix, tt.ident, got, tt.want)
		}
	}
}
