package cstav3

import "github.com/cstav3/cstav3/ber"

// Monitoring services: MonitorStart, ChangeMonitorFilter and
// MonitorStop, and the MonitorFilter they carry (status-reporting.asn1).

func init() {
	registerOperation(OpMonitorStart, func() Argument { return new(MonitorStartArgument) },
		func() Result { return new(MonitorStartResult) })
	registerOperation(OpChangeMonitorFilter, func() Argument { return new(ChangeMonitorFilterArgument) },
		func() Result { return new(ChangeMonitorFilterResult) })
	registerOperation(OpMonitorStop, func() Argument { return new(MonitorStopArgument) }, noData(OpMonitorStop))
}

// Helpers of the monitor, snapshot and status families, prefixed mon to stay
// out of the way of the other families.

// monCheckSequence reports a tag error unless e is a universal SEQUENCE.
func monCheckSequence(e ber.Element) error {
	if e.Tag != ber.TagSequence {
		return tagError(e)
	}
	return nil
}

// monBitsPresent reports whether an optional BIT STRING is present: absent
// is the zero ber.BitString (nil Bytes, Length 0).
func monBitsPresent(v ber.BitString) bool { return v.Bytes != nil || v.Length != 0 }

// monAddBits writes an optional BIT STRING unless it is absent. Bytes shorter
// than Length are padded with zero bits, so ber.BitString{Length: 18} is
// eighteen zero bits.
func monAddBits(b *ber.Builder, t ber.Tag, v ber.BitString) {
	if !monBitsPresent(v) {
		return
	}
	if n := (v.Length + 7) / 8; v.Length > 0 && len(v.Bytes) < n {
		p := make([]byte, n)
		copy(p, v.Bytes)
		v.Bytes = p
	}
	b.AddBitString(t, v)
}

// monBits decodes a BIT STRING whose Bytes are never nil, so that a present
// empty value stays distinguishable from an absent one.
func monBits(e ber.Element) (ber.BitString, error) {
	v, err := e.BitString()
	if v.Bytes == nil && err == nil {
		v.Bytes = []byte{}
	}
	return v, err
}

// monAddOctets writes an optional OCTET STRING (absent when nil).
func monAddOctets(b *ber.Builder, t ber.Tag, v []byte) {
	if v != nil {
		b.AddBytes(t, v)
	}
}

// CSTAObject is the object of a monitor or other request (MonitorObject ::=
// CSTAObject): a device, or a call given by one of its connections.
type CSTAObject struct {
	// Device is the deviceObject alternative; it wins when both are set.
	Device DeviceID
	// Call is the callObject alternative, used when Device is zero.
	Call ConnectionID
}

// DeviceObject returns the CSTAObject naming a device.
func DeviceObject(id DeviceID) CSTAObject { return CSTAObject{Device: id} }

// CallObject returns the CSTAObject naming a call.
func CallObject(c ConnectionID) CSTAObject { return CSTAObject{Call: c} }

// IsCall reports whether o is the callObject alternative.
func (o CSTAObject) IsCall() bool { return o.Device.IsZero() && !o.Call.IsZero() }

// encode writes the CHOICE element: an untagged DeviceID SEQUENCE or an
// [APPLICATION 11] ConnectionID.
func (o *CSTAObject) encode(b *ber.Builder) {
	if o.IsCall() {
		o.Call.encode(b, tagConnectionID)
		return
	}
	o.Device.encode(b, ber.TagSequence)
}

func (o *CSTAObject) decode(e ber.Element) error {
	*o = CSTAObject{}
	switch e.Tag {
	case ber.TagSequence:
		return ber.Field("deviceObject", o.Device.decode(e))
	case tagConnectionID:
		return ber.Field("callObject", o.Call.decode(e))
	}
	return tagError(e)
}

// MonitorType, its constants, String and ParseMonitorType are generated
// from status-reporting.asn1 (enums_gen.go).

// MonitorFilter says which events a monitor does NOT report: a bit set to 1
// filters that event out. Each field is the BIT STRING of one event category; the zero ber.BitString (nil Bytes, Length 0)
// means the field is absent, i.e. its DEFAULT {} (nothing filtered). A field
// whose Bytes are shorter than its Length is padded with zero bits.
//
// Some switches report every event only when all eight fields are present
// with all bits zero at the lengths of their CSTA edition (a HiPath does:
// hipath.AllEvents). The bit numbers of each category differ from the
// event tags; FilterBit maps one to the other, and Suppress and Suppressed
// use it.
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

// hipathFilterBits are the lengths, in bits, of the eight MonitorFilter
// fields that a HiPath sends and expects (indexed by EventCategory), read
// from its captured MonitorStart (testdata/vectors/client-monitorstart-100):
// the bits of the CSTA Phase III edition it implements, fewer than the
// modules name for logicalDeviceFeature (no presenceState), maintenance (no
// partiallyInService) and voiceUnit (stop … voiceAttributesChange only).
var hipathFilterBits = [8]int{18, 5, 2, 11, 14, 3, 7, 1}

// Category returns the field of f for event category c, or nil if c is not
// a category.
func (f *MonitorFilter) Category(c EventCategory) *ber.BitString {
	switch c {
	case CallControlEvents:
		return &f.CallControl
	case CallAssociatedEvents:
		return &f.CallAssociated
	case MediaAttachmentEvents:
		return &f.MediaAttachment
	case PhysicalDeviceFeatureEvents:
		return &f.PhysicalDeviceFeature
	case LogicalDeviceFeatureEvents:
		return &f.LogicalDeviceFeature
	case DeviceMaintenanceEvents:
		return &f.Maintenance
	case VoiceUnitEvents:
		return &f.VoiceUnit
	case VendorSpecEvents:
		return &f.Private
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

// monFilterBits maps the tag of an event inside its category (the EventType
// tag) to its bit in the category's filter BIT STRING; the ASN.1 modules
// number the two differently (acse_user_info_csta.asn1 against
// event-report-definitions.asn1). Categories not listed map tag n to bit n.
var monFilterBits = map[EventCategory][]int{
	// bridged 15, callCleared 0, conferenced 1, connectionCleared 2,
	// delivered 3, digitsDialed 14, diverted 4, established 5, failed 6,
	// held 7, networkCapabilitiesChanged 16, networkReached 8, offered 17,
	// originated 9, queued 10, retrieved 11, serviceInitiated 12,
	// transferred 13.
	CallControlEvents: {15, 0, 1, 2, 3, 14, 4, 5, 6, 7, 16, 8, 17, 9, 10, 11, 12, 13},
	// backInService 0, deviceCapabilityChanged 2, outOfService 1,
	// partiallyInService 3.
	DeviceMaintenanceEvents: {0, 2, 1, 3},
	// play 1, record 3, review 5, stop 0, suspendPlay 2, suspendRecord 4,
	// voiceAttributesChange 6, bookmarkReached 7 … recognized 13,
	// silenceTimeoutExpired 15, speechDetected 16, started 14,
	// voiceErrorOccured 17.
	VoiceUnitEvents: {1, 3, 5, 0, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 14, 17},
}

// monFilterSize is the number of named bits of each category's filter.
var monFilterSize = [8]int{18, 5, 2, 11, 15, 4, 18, 1}

// FilterBit returns the bit of event type t in the MonitorFilter field of
// t's category, and false for a type that has none.
func FilterBit(t EventType) (int, bool) {
	c, n := t.Category(), int(t.Tag())
	if int(c) >= len(monFilterSize) || n >= monFilterSize[c] {
		return 0, false
	}
	if m, ok := monFilterBits[c]; ok {
		return m[n], true
	}
	return n, true
}

// Suppress sets the filter bit of event type t, so that the monitor does not
// report it, lengthening the field if needed (to at least its HiPath
// length). It reports false, changing nothing, for a type without a bit.
// The field gets new Bytes, so a decoded input is never written to.
func (f *MonitorFilter) Suppress(t EventType) bool {
	bit, ok := FilterBit(t)
	if !ok {
		return false
	}
	p := f.Category(t.Category())
	old := max(p.Length, 0)
	n := max(old, bit+1, hipathFilterBits[t.Category()])
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
	bit, ok := FilterBit(t)
	if !ok {
		return false
	}
	p := f.Category(t.Category())
	return bit < p.Length && bit/8 < len(p.Bytes) && p.At(bit)
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

// MonitorStartArgument asks the switch to report the events of a device or
// call (monitorStart). hipath.MonitorStart builds the form a HiPath needs.
type MonitorStartArgument struct {
	MonitorObject CSTAObject
	// RequestedMonitorFilter is the optional [0] filter; nil when absent.
	RequestedMonitorFilter *MonitorFilter
	HasMonitorType         bool
	MonitorType            MonitorType // optional, if HasMonitorType
	// RequestedMonitorMediaClass is the optional [1] MonitorMediaClass BIT
	// STRING (bit 0 voice, 1 data, 2 image, 3 other, 4 audio, 5 notKnown,
	// 6 chat, 7 email, 8 message, 9 im, 10 sms, 11 mms); zero when absent.
	RequestedMonitorMediaClass ber.BitString
	Extensions                 CommonArguments
}

// Opcode returns OpMonitorStart.
func (*MonitorStartArgument) Opcode() Opcode { return OpMonitorStart }

func (a *MonitorStartArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.MonitorObject.encode(b)
		if a.RequestedMonitorFilter != nil {
			a.RequestedMonitorFilter.encode(b, ber.Context(0).Constructed())
		}
		if a.HasMonitorType {
			b.AddInt(ber.TagEnumerated, int(a.MonitorType))
		}
		monAddBits(b, ber.Context(1), a.RequestedMonitorMediaClass)
		a.Extensions.encode(b)
	})
}

func (a *MonitorStartArgument) decode(e ber.Element) error {
	*a = MonitorStartArgument{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagSequence, tagConnectionID:
			d.seen(0)
			err = ber.Field("monitorObject", a.MonitorObject.decode(f))
		case ber.Context(0).Constructed():
			a.RequestedMonitorFilter = new(MonitorFilter)
			err = ber.Field("requestedMonitorFilter", a.RequestedMonitorFilter.decode(f))
		case ber.TagEnumerated:
			a.HasMonitorType = true
			err = ber.Field("monitorType", decodeEnum(f, &a.MonitorType))
		case ber.Context(1):
			a.RequestedMonitorMediaClass, err = monBits(f)
			err = ber.Field("requestedMonitorMediaClass", err)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "monitorObject")
}

// MonitorStartResult names the new monitor: every event
// report of it carries CrossRefIdentifier.
type MonitorStartResult struct {
	CrossRefIdentifier CrossRefID
	// ActualMonitorFilter is the optional [0] actualmonitorFilter; nil when
	// absent.
	ActualMonitorFilter *MonitorFilter
	// ActualMonitorMediaClass is the optional [1] MonitorMediaClass; zero
	// when absent.
	ActualMonitorMediaClass ber.BitString
	HasMonitorExistingCalls bool
	MonitorExistingCalls    bool // optional, if HasMonitorExistingCalls
	Extensions              CommonArguments
}

// Opcode returns OpMonitorStart.
func (*MonitorStartResult) Opcode() Opcode { return OpMonitorStart }

func (r *MonitorStartResult) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddBytes(tagCrossRef, r.CrossRefIdentifier)
		if r.ActualMonitorFilter != nil {
			r.ActualMonitorFilter.encode(b, ber.Context(0).Constructed())
		}
		monAddBits(b, ber.Context(1), r.ActualMonitorMediaClass)
		if r.HasMonitorExistingCalls {
			b.AddBool(ber.TagBoolean, r.MonitorExistingCalls)
		}
		r.Extensions.encode(b)
	})
}

func (r *MonitorStartResult) decode(e ber.Element) error {
	*r = MonitorStartResult{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	rd := e.Reader()
	for !rd.Empty() {
		f, err := rd.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagCrossRef:
			d.seen(0)
			r.CrossRefIdentifier, err = octets(f)
			err = ber.Field("crossRefIdentifier", err)
		case ber.Context(0).Constructed():
			r.ActualMonitorFilter = new(MonitorFilter)
			err = ber.Field("actualmonitorFilter", r.ActualMonitorFilter.decode(f))
		case ber.Context(1):
			r.ActualMonitorMediaClass, err = monBits(f)
			err = ber.Field("actualMonitorMediaClass", err)
		case ber.TagBoolean:
			r.HasMonitorExistingCalls = true
			r.MonitorExistingCalls, err = f.Bool()
			err = ber.Field("monitorExistingCalls", err)
		case tagCommonArguments:
			err = ber.Field("extensions", r.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIdentifier")
}

// ChangeMonitorFilterArgument replaces the filter of a monitor
// (changeMonitorFilter).
type ChangeMonitorFilterArgument struct {
	CrossRefIdentifier  CrossRefID
	RequestedFilterList MonitorFilter
	Extensions          CommonArguments
}

// Opcode returns OpChangeMonitorFilter.
func (*ChangeMonitorFilterArgument) Opcode() Opcode { return OpChangeMonitorFilter }

func (a *ChangeMonitorFilterArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddBytes(tagCrossRef, a.CrossRefIdentifier)
		a.RequestedFilterList.encode(b, ber.TagSequence)
		a.Extensions.encode(b)
	})
}

func (a *ChangeMonitorFilterArgument) decode(e ber.Element) error {
	*a = ChangeMonitorFilterArgument{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagCrossRef:
			d.seen(0)
			a.CrossRefIdentifier, err = octets(f)
			err = ber.Field("crossRefIdentifier", err)
		case ber.TagSequence:
			d.seen(1)
			err = ber.Field("requestedFilterList", a.RequestedFilterList.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIdentifier", "requestedFilterList")
}

// ChangeMonitorFilterResult reports the filter the switch applies.
type ChangeMonitorFilterResult struct {
	// ActualFilterList is the optional filter in force; nil when absent.
	ActualFilterList *MonitorFilter
	Extensions       CommonArguments
}

// Opcode returns OpChangeMonitorFilter.
func (*ChangeMonitorFilterResult) Opcode() Opcode { return OpChangeMonitorFilter }

func (r *ChangeMonitorFilterResult) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		if r.ActualFilterList != nil {
			r.ActualFilterList.encode(b, ber.TagSequence)
		}
		r.Extensions.encode(b)
	})
}

func (r *ChangeMonitorFilterResult) decode(e ber.Element) error {
	*r = ChangeMonitorFilterResult{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	rd := e.Reader()
	for !rd.Empty() {
		f, err := rd.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagSequence:
			r.ActualFilterList = new(MonitorFilter)
			err = ber.Field("actualFilterList", r.ActualFilterList.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", r.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// MonitorStopArgument ends a monitor (monitorStop). The result is a
// *NoData.
type MonitorStopArgument struct {
	CrossRefIdentifier CrossRefID
	Extensions         CommonArguments
}

// Opcode returns OpMonitorStop.
func (*MonitorStopArgument) Opcode() Opcode { return OpMonitorStop }

func (a *MonitorStopArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddBytes(tagCrossRef, a.CrossRefIdentifier)
		a.Extensions.encode(b)
	})
}

func (a *MonitorStopArgument) decode(e ber.Element) error {
	*a = MonitorStopArgument{}
	if err := monCheckSequence(e); err != nil {
		return err
	}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagCrossRef:
			d.seen(0)
			a.CrossRefIdentifier, err = octets(f)
			err = ber.Field("crossRefIdentifier", err)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIdentifier")
}
