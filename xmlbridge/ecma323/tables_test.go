package ecma323

import (
	"slices"
	"testing"
)

// The tables of names the codec reads from cstav3 at init.

// TestFilterElems: the filter's elements take their bits from cstav3, and
// an element list that is not exactly cstav3's bits stops the program.
func TestFilterElems(t *testing.T) {
	for c, want := range map[int]codecBit{0: {"bridged", 15}, 4: {"routeingMode", 13}, 5: {"outOfService", 1},
		6: {"stop", 0}} {
		if i := slices.Index(codecFilterElems[c], want.name); i < 0 || codecFilterBits[c][i] != want {
			t.Errorf("category %d: %s at %d: %+v", c, want.name, i, codecFilterBits[c])
		}
	}
	bad := func(name string, edit func(*[8][]string)) {
		t.Helper()
		elems := codecFilterElems
		elems[5] = slices.Clone(elems[5])
		edit(&elems)
		defer func() {
			if recover() == nil {
				t.Errorf("%s: no panic", name)
			}
		}()
		filterBits(elems)
	}
	bad("misspelt", func(e *[8][]string) { e[5][0] = "backinservice" })
	bad("twice", func(e *[8][]string) { e[5][1] = e[5][0] })
	bad("missing", func(e *[8][]string) { e[5] = e[5][:3] })
}

// TestTONNames: the typeOfNumber values read from cstav3's names are the
// ones ECMA-323 spells.
func TestTONNames(t *testing.T) {
	for _, tt := range []struct {
		got, want []string
	}{
		{codecTONNames, []string{"", "dialingNumber", "deviceNumber", "implicitPublic", "", "implicitPrivate", "", "other"}},
		{codecPublicTON, []string{"Unknown", "International", "National", "NetworkSpecific", "Subscriber", "Abbreviated"}},
		{codecPrivateTON, []string{"Unknown", "Level3RegionalNumber", "Level2RegionalNumber", "Level1RegionalNumber",
			"PTNSpecificNumber", "LocalNumber", "Abbreviated"}},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("got %q\nwant %q", tt.got, tt.want)
		}
	}
}
