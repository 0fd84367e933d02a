package cstav3

// Parse functions of the hand-written enumerations, which ECMA-323 uses to
// read XML values.

import "testing"

// TestChargingParse: the Parse functions of the charging enumerations are
// the inverses of their String, which ECMA-323 relies on.
func TestChargingParse(t *testing.T) {
	for _, c := range []ChargingType{ChargingSubTotal, ChargingTotal} {
		if v, ok := ParseChargingType(c.String()); !ok || v != c {
			t.Errorf("ParseChargingType(%q) = %v, %v", c, v, ok)
		}
	}
	for m := MultiplierOneThousandth; m <= MultiplierThousand; m++ {
		if v, ok := ParseCurrencyMultiplier(m.String()); !ok || v != m {
			t.Errorf("ParseCurrencyMultiplier(%q) = %v, %v", m, v, ok)
		}
	}
	if _, ok := ParseChargingType("Total"); ok {
		t.Error("ParseChargingType accepted Total")
	}
	if _, ok := ParseCurrencyMultiplier("CurrencyMultiplier(7)"); ok {
		t.Error("ParseCurrencyMultiplier accepted a number")
	}
}

// TestParseFlowDirection: ParseFlowDirection is the inverse of String.
func TestParseFlowDirection(t *testing.T) {
	for f := FlowTransmit; f <= FlowNone; f++ {
		if v, ok := ParseFlowDirection(f.String()); !ok || v != f {
			t.Errorf("ParseFlowDirection(%q) = %v, %v", f, v, ok)
		}
	}
	if _, ok := ParseFlowDirection("both"); ok {
		t.Error("ParseFlowDirection accepted both")
	}
}

// TestParseCallOrigination: ParseCallOrigination reads what String writes,
// named and unnamed bits, and nothing else.
func TestParseCallOrigination(t *testing.T) {
	for _, c := range []CallOrigination{0, OriginationInternal, OriginationInternal | OriginationExternal, 1<<7 | OriginationExternal} {
		if v, ok := ParseCallOrigination(c.String()); !ok || v != c {
			t.Errorf("ParseCallOrigination(%q) = %v, %v", c, v, ok)
		}
	}
	if v, ok := ParseCallOrigination(" external\tinternal "); !ok || v != OriginationInternal|OriginationExternal {
		t.Errorf("spaced: %v, %v", v, ok)
	}
	for _, s := range []string{"8", "-1", "Internal", "internal x"} {
		if _, ok := ParseCallOrigination(s); ok {
			t.Errorf("ParseCallOrigination accepted %q", s)
		}
	}
}
