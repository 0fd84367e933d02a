package cstav3

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
