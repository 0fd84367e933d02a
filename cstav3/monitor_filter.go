package cstav3

import (
	"slices"

	"github.com/cstav3/cstav3/ber"
)

// The MonitorFilter of the monitor services and its bits. The names of the
// bits of each category are generated from acse_user_info_csta.asn1
// (filter_gen.go); everything else here derives from them.

// MonitorFilter says which events a monitor does NOT report: a bit set to 1
// filters that event out. Each field is the BIT STRING of one event
// category; the zero ber.BitString (nil Bytes, Length 0) means the field is
// absent, i.e. its DEFAULT {} (nothing filtered). A field whose Bytes are
// shorter than its Length is padded with zero bits.
//
// Some switches report every event only when all eight fields are present
// with all bits zero at the lengths of their CSTA edition (a HiPath does:
// hipath.AllEvents). The bit numbers of each category differ from the
// event tags; FilterBit maps one to the other, FilterBitNames names the
// bits, and Suppress and Suppressed use FilterBit.
type MonitorFilter struct {
	CallControl           ber.BitString // [0] CallControlEvents
	CallAssociated        ber.BitString // [6] CallAssociatedEvents
	MediaAttachment       ber.BitString // [7] MediaAttachmentEvents
	PhysicalDeviceFeature ber.BitString // [8] PhysicalDeviceFeatureEvents
	LogicalDeviceFeature  ber.BitString // [9] LogicalDeviceFeatureEvents
	Maintenance           ber.BitString // [3] DeviceMaintenanceEvents
	VoiceUnit             ber.BitString // [5] VoiceUnitEvents
	Private               ber.BitString // [4] VendorSpecEvents
}

// monFilterTags are the IMPLICIT context tags of the MonitorFilter fields,
// indexed by EventCategory; monFilterNames their ASN.1 names. The SEQUENCE
// order is callControl, callAssociated, mediaAttachment,
// physicalDeviceFeature, logicalDeviceFeature, maintenance, voiceUnit,
// private: the order of EventCategory.
var (
	monFilterTags  = [8]uint32{0, 6, 7, 8, 9, 3, 5, 4}
	monFilterNames = [8]string{"callControl", "callAssociated", "mediaAttachment", "physicalDeviceFeature",
		"logicalDeviceFeature", "maintenance", "voiceUnit", "private"}
)

// FilterBitNames returns the ASN.1 names of the bits of category c's
// MonitorFilter field, indexed by bit (CallControlEvents … VendorSpecEvents
// of acse_user_info_csta.asn1), or nil if c is not a category. Its length
// is the category's bit count. ECMA-323 writes a filter as one element per
// name; the slice is the caller's.
func FilterBitNames(c EventCategory) []string {
	if int(c) >= len(filterBitNames) {
		return nil
	}
	return slices.Clone(filterBitNames[c])
}

// monFilterBits maps the tag of an event inside its category (the EventType
// tag) to its bit in the category's filter, indexed by category: the ASN.1
// modules number the two differently (event-report-definitions.asn1 against
// acse_user_info_csta.asn1). An event's bit is the one of its name; the two
// events of callAssociated without one (digitsGeneratedEvent,
// telephonyTonesGeneratedEvent) have the bit numbered like their tag.
var monFilterBits = func() (m [len(filterBitNames)][]uint8) {
	for c, names := range filterBitNames {
		m[c] = make([]uint8, len(names))
		for n := range names {
			bit := slices.Index(names, eventNames[Type(EventCategory(c), uint32(n))])
			if bit < 0 {
				bit = n
			}
			m[c][n] = uint8(bit)
		}
	}
	return m
}()

// FilterBit returns the bit of event type t in the MonitorFilter field of
// t's category, and false for a type that has none.
func FilterBit(t EventType) (int, bool) {
	c, n := t.Category(), int(t.Tag())
	if int(c) >= len(monFilterBits) || n >= len(monFilterBits[c]) {
		return 0, false
	}
	return int(monFilterBits[c][n]), true
}

// Category returns the field of f for event category c, or nil if c is not
// a category.
func (f *MonitorFilter) Category(c EventCategory) *ber.BitString {
	fields := [...]*ber.BitString{&f.CallControl, &f.CallAssociated, &f.MediaAttachment, &f.PhysicalDeviceFeature,
		&f.LogicalDeviceFeature, &f.Maintenance, &f.VoiceUnit, &f.Private}
	if int(c) < len(fields) {
		return fields[c]
	}
	return nil
}

// IsZero reports whether every field is absent (no event filtered, but not
// the form HiPath needs).
func (f *MonitorFilter) IsZero() bool {
	for c := range monFilterTags {
		if monBitsPresent(*f.Category(EventCategory(c))) {
			return false
		}
	}
	return true
}

// Suppress sets the filter bit of event type t, so that the monitor does not
// report it. A field that has bits keeps its length unless the bit lies
// beyond it; an empty or absent one gets the category's full bit count
// (len(FilterBitNames)). A switch that wants other lengths is given them
// beforehand (hipath.AllEvents). It reports false, changing nothing, for a
// type without a bit. The field gets new Bytes, so a decoded input is never
// written to.
func (f *MonitorFilter) Suppress(t EventType) bool {
	p, bit := f.bit(t)
	if p == nil {
		return false
	}
	old := max(p.Length, 0)
	n := max(old, bit+1)
	if old == 0 {
		n = len(filterBitNames[t.Category()])
	}
	bytes := make([]byte, (n+7)/8)
	for i := 0; i < old && i/8 < len(p.Bytes); i++ {
		if p.At(i) {
			bytes[i/8] |= 0x80 >> (i % 8)
		}
	}
	bytes[bit/8] |= 0x80 >> (bit % 8)
	*p = ber.BitString{Bytes: bytes, Length: n}
	return true
}

// Suppressed reports whether the filter bit of event type t is set.
func (f *MonitorFilter) Suppressed(t EventType) bool {
	p, bit := f.bit(t)
	return p != nil && bit < p.Length && bit/8 < len(p.Bytes) && p.At(bit)
}

// bit returns the field of f that holds the filter bit of event type t and
// the bit, or nil for a type without one.
func (f *MonitorFilter) bit(t EventType) (*ber.BitString, int) {
	bit, ok := FilterBit(t)
	if !ok {
		return nil, 0
	}
	return f.Category(t.Category()), bit
}

// encode writes the MonitorFilter SEQUENCE with tag t, its present fields in
// SEQUENCE order.
func (f *MonitorFilter) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		for c, n := range monFilterTags {
			monAddBits(b, ber.Context(n), *f.Category(EventCategory(c)))
		}
	})
}

func (f *MonitorFilter) decode(e ber.Element) error {
	*f = MonitorFilter{}
	r := e.Reader()
	for !r.Empty() {
		x, err := r.Next()
		if err != nil {
			return err
		}
		if x.Tag.Class() != ber.ClassContext {
			continue
		}
		for c, n := range monFilterTags {
			if x.Tag.Number() == n {
				// A constructed BIT STRING is reported, not skipped.
				v, err := monBits(x)
				if err != nil {
					return ber.Field(monFilterNames[c], err)
				}
				*f.Category(EventCategory(c)) = v
				break
			}
		}
	}
	return nil
}
