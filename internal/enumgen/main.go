// Command enumgen generates the Go enumerations of package cstav3 from the
// ECMA-285 ASN.1 modules: for each ENUMERATED type it knows (spec.go) a Go
// type, its constants, its table of ASN.1 names (which ECMA-323 XML uses
// verbatim), String and Parse; for the universalFailure CHOICE, the
// ErrorBranch type numbered by the alternatives' tags and the table of
// value names of each branch (CSTA error values); for the event categories'
// BIT STRINGs, the table of their named bits by bit (the monitor filter,
// which ECMA-323 XML writes as one element per name).
//
// Usage (go generate in cstav3/enums.go):
//
//	go run ../internal/enumgen -asn1 ../testdata/asn1/csta -out .
//
// .ci/run runs go generate ./... and fails when a generated file differs
// from the one committed.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	dir := flag.String("asn1", "", "directory of the ECMA-285 ASN.1 modules")
	out := flag.String("out", ".", "directory of package cstav3, where the files are written")
	pkg := flag.String("pkg", "cstav3", "package name of the generated files")
	flag.Parse()
	if *dir == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: enumgen -asn1 DIR [-out DIR] [-pkg NAME]")
		os.Exit(2)
	}
	if err := run(*dir, *out, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "enumgen:", err)
		os.Exit(1)
	}
}

// run writes every file of outputs to outDir.
func run(asn1Dir, outDir, pkg string) error {
	read := moduleReader(asn1Dir)
	for _, o := range outputs {
		src, err := generate(read, pkg, o)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(outDir, o.File), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// moduleReader returns a reader of the module files in dir, carriage
// returns dropped.
func moduleReader(dir string) func(string) (string, error) {
	return func(file string) (string, error) {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return "", err
		}
		return strings.ReplaceAll(string(b), "\r", ""), nil
	}
}
