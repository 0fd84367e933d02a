package cstav3

import "testing"

// TestFilterBitTables: the bit names generated from acse_user_info_csta.asn1
// give every category's bit count and, with the event names, the bit of
// every event: the numbers the modules define.
func TestFilterBitTables(t *testing.T) {
	size := [8]int{18, 5, 2, 11, 15, 4, 18, 1}
	// The bit of each event tag, by category; a nil row maps tag n to bit n.
	bits := [8][]int{
		CallControlEvents:       {15, 0, 1, 2, 3, 14, 4, 5, 6, 7, 16, 8, 17, 9, 10, 11, 12, 13},
		DeviceMaintenanceEvents: {0, 2, 1, 3},
		VoiceUnitEvents:         {1, 3, 5, 0, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 14, 17},
	}
	for c := CallControlEvents; c <= VendorSpecEvents; c++ {
		names := FilterBitNames(c)
		if len(names) != size[c] {
			t.Fatalf("%v: %d bits, want %d", c, len(names), size[c])
		}
		for n := range size[c] {
			want := n
			if bits[c] != nil {
				want = bits[c][n]
			}
			typ := Type(c, uint32(n))
			if got, ok := FilterBit(typ); !ok || got != want {
				t.Errorf("FilterBit(%v) = %d, %v; want %d", typ, got, ok, want)
			}
		}
		if _, ok := FilterBit(Type(c, uint32(size[c]))); ok {
			t.Errorf("%v: a bit beyond the last", c)
		}
	}
	if got := FilterBitNames(CallControlEvents)[15]; got != "bridged" {
		t.Errorf("callControl bit 15 %q", got)
	}
	if got := FilterBitNames(LogicalDeviceFeatureEvents)[14]; got != "presenceState" {
		t.Errorf("logicalDeviceFeature bit 14 %q", got)
	}
	if got := FilterBitNames(VoiceUnitEvents)[0]; got != "stop" {
		t.Errorf("voiceUnit bit 0 %q", got)
	}
	// The caller's copy: changing it changes nothing here.
	FilterBitNames(MediaAttachmentEvents)[0] = "x"
	if FilterBitNames(MediaAttachmentEvents)[0] != "mediaAttached" || FilterBitNames(8) != nil {
		t.Error("FilterBitNames shares its table or names a category that is not one")
	}
}
