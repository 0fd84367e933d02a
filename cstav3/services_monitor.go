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
	addOptOctets(b, t, v)
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
		addOptEnum(b, ber.TagEnumerated, a.HasMonitorType, a.MonitorType)
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
			err = optEnumField("monitorType", &a.HasMonitorType, &a.MonitorType, f)
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
			err = octetsField("crossRefIdentifier", &r.CrossRefIdentifier, f)
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
			err = octetsField("crossRefIdentifier", &a.CrossRefIdentifier, f)
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
			err = octetsField("crossRefIdentifier", &a.CrossRefIdentifier, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIdentifier")
}
