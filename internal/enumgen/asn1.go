package main

import (
	"fmt"
	"regexp"
	"strconv"
)

// The generator reads only three shapes of ASN.1 type assignment, the ones
// whose names Go code needs: ENUMERATED (names and numbers), a CHOICE of
// tagged alternatives (universalFailure's branches) and a BIT STRING with
// named bits (the monitor filter's event categories). It is not an ASN.1
// parser: a module it cannot read is an error, never a guess.

// value is one named number of an ENUMERATED, or one alternative of a
// CHOICE (its context tag as Number, its type as Type).
type value struct {
	Name   string
	Number int
	Type   string
}

var (
	comment   = regexp.MustCompile(`--.*`) // to the end of the line
	namedNum  = regexp.MustCompile(`([A-Za-z][\w-]*)\s*\(\s*(\d+)\s*\)`)
	taggedAlt = regexp.MustCompile(`([a-z][\w-]*)\s*\[\s*(\d+)\s*\]\s*(?:(?:IMPLICIT|EXPLICIT)\s+)?([A-Z][\w-]*)`)
)

// enumerated returns the named numbers of ENUMERATED type typ in module
// text, in the module's order.
func enumerated(text, typ string) ([]value, error) {
	return namedNumbers(text, typ, `(?:\[[^\]]*\]\s*)?(?:IMPLICIT\s+)?ENUMERATED[^{]*`, "ENUMERATED", "values")
}

// namedBits returns the named bits of BIT STRING type typ in module text,
// in the module's order.
func namedBits(text, typ string) ([]value, error) {
	return namedNumbers(text, typ, `BIT\s+STRING\s*`, "BIT STRING", "named bits")
}

// namedNumbers returns the named numbers in the braces that follow
// "typ ::= " and the regular expression head, in the module's order; kind
// and what name the type and its numbers in errors.
func namedNumbers(text, typ, head, kind, what string) ([]value, error) {
	re := regexp.MustCompile(`(?sm)^\s*` + regexp.QuoteMeta(typ) + `\s*::=\s*` + head + `\{(.*?)\}`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("no %s %s", kind, typ)
	}
	var vals []value
	for _, nm := range namedNum.FindAllStringSubmatch(comment.ReplaceAllString(m[1], ""), -1) {
		n, err := strconv.Atoi(nm[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", typ, nm[1], err)
		}
		vals = append(vals, value{Name: nm[1], Number: n})
	}
	if len(vals) == 0 {
		return nil, fmt.Errorf("%s %s has no %s", kind, typ, what)
	}
	return vals, nil
}

// choice returns the alternatives of CHOICE type typ in module text, each
// with its context tag and type, in the module's order.
func choice(text, typ string) ([]value, error) {
	re := regexp.MustCompile(`(?sm)^\s*` + regexp.QuoteMeta(typ) + `\s*::=\s*CHOICE\s*\{(.*?)\}`)
	m := re.FindStringSubmatch(text)
	if m == nil {
		return nil, fmt.Errorf("no CHOICE %s", typ)
	}
	var alts []value
	for _, a := range taggedAlt.FindAllStringSubmatch(comment.ReplaceAllString(m[1], ""), -1) {
		n, err := strconv.Atoi(a[2])
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", typ, a[1], err)
		}
		alts = append(alts, value{Name: a[1], Number: n, Type: a[3]})
	}
	if len(alts) == 0 {
		return nil, fmt.Errorf("CHOICE %s has no tagged alternatives", typ)
	}
	return alts, nil
}

// isNull reports whether typ is assigned NULL in module text.
func isNull(text, typ string) bool {
	return regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(typ) + `\s*::=\s*NULL\b`).MatchString(text)
}
