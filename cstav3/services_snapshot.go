package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// Snapshot services: SnapshotDevice lists the calls at a device,
// SnapshotCall the devices in a call (status-reporting.asn1,
// snapshot-device.asn1, snapshot-call.asn1).

func init() {
	registerOperation(OpSnapshotDevice, func() Argument { return new(SnapshotDeviceArgument) },
		func() Result { return new(SnapshotDeviceResult) })
	registerOperation(OpSnapshotCall, func() Argument { return new(SnapshotCallArgument) },
		func() Result { return new(SnapshotCallResult) })
}

var (
	tagSnapshotDeviceData = ber.Application(22).Constructed()
	tagSnapshotCallData   = ber.Application(23).Constructed()
)

// CallStateKind is the alternative of the CallState CHOICE.
type CallStateKind uint8

// CallState alternatives. The zero value is unknown.
const (
	CallStateUnknown  CallStateKind = iota // unknown [2] NULL
	CallStateCompound                      // compoundCallState [0]
	CallStateSimple                        // simpleCallState [1]
)

var callStateKindNames = [...]string{"unknown", "compoundCallState", "simpleCallState"}

// String returns the name of the form of the call state.
func (k CallStateKind) String() string { return indexString(callStateKindNames[:], k, "CallStateKind") }

// CallState is the state of a call at a device in a SnapshotDevice answer:
// the connection state of every device in the call (compound), or one
// SimpleCallState value for the usual two-party cases, or unknown.
type CallState struct {
	Kind CallStateKind
	// Compound lists the LocalConnectionState of each device in the call,
	// the snapshot device's first (compoundCallState).
	Compound []ConnectionState
	// Simple is the simpleCallState value.
	Simple SimpleCallState
}

var (
	tagCompoundCallState = ber.Context(0).Constructed()
	tagSimpleCallState   = ber.Context(1)
	tagUnknownCallState  = ber.Context(2)
)

func (s *CallState) encode(b *ber.Builder) {
	switch s.Kind {
	case CallStateCompound:
		b.AddConstructed(tagCompoundCallState, func(b *ber.Builder) {
			for _, c := range s.Compound {
				b.AddInt(tagConnectionState, int(c))
			}
		})
	case CallStateSimple:
		b.AddInt(tagSimpleCallState, int(s.Simple))
	default:
		b.AddNull(tagUnknownCallState)
	}
}

// monIsCallState reports whether t is the tag of a CallState alternative.
func monIsCallState(t ber.Tag) bool {
	return t == tagCompoundCallState || t == tagSimpleCallState || t == tagUnknownCallState
}

func (s *CallState) decode(e ber.Element) error {
	*s = CallState{}
	switch e.Tag {
	case tagCompoundCallState:
		s.Kind = CallStateCompound
		s.Compound = []ConnectionState{}
		r := e.Reader()
		for !r.Empty() {
			f, err := r.Next()
			if err != nil {
				return ber.Field("compoundCallState", err)
			}
			if f.Tag != tagConnectionState {
				return ber.Field("compoundCallState", tagError(f))
			}
			var c ConnectionState
			if err := decodeEnum(f, &c); err != nil {
				return ber.Field("compoundCallState", err)
			}
			s.Compound = append(s.Compound, c)
		}
		return nil
	case tagSimpleCallState:
		s.Kind = CallStateSimple
		return ber.Field("simpleCallState", decodeEnum(e, &s.Simple))
	case tagUnknownCallState:
		return ber.Field("unknown", e.Null())
	}
	return tagError(e)
}

// SnapshotDeviceArgument asks for the calls at a device (snapshotDevice).
type SnapshotDeviceArgument struct {
	SnapshotObject DeviceID
	Extensions     CommonArguments
}

// Opcode returns OpSnapshotDevice.
func (*SnapshotDeviceArgument) Opcode() Opcode { return OpSnapshotDevice }

func (a *SnapshotDeviceArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.SnapshotObject.encode(b, ber.TagSequence)
		a.Extensions.encode(b)
	})
}

func (a *SnapshotDeviceArgument) decode(e ber.Element) error {
	*a = SnapshotDeviceArgument{}
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
		case ber.TagSequence:
			d.seen(0)
			err = ber.Field("snapshotObject", a.SnapshotObject.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "snapshotObject")
}

// SnapshotDeviceResult answers a SnapshotDevice: the calls at the device, or
// a ServiceCrossRefID under which snapshotDeviceData invokes will bring them.
type SnapshotDeviceResult struct {
	// ServiceCrossRefID is the serviceCrossRefID alternative; when nil the
	// result carries SnapshotData.
	ServiceCrossRefID []byte
	SnapshotData      SnapshotDeviceData
	Extensions        CommonArguments
}

// Opcode returns OpSnapshotDevice.
func (*SnapshotDeviceResult) Opcode() Opcode { return OpSnapshotDevice }

func (r *SnapshotDeviceResult) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		if r.ServiceCrossRefID != nil {
			b.AddBytes(ber.TagOctetString, r.ServiceCrossRefID)
		} else {
			r.SnapshotData.encode(b)
		}
		r.Extensions.encode(b)
	})
}

func (r *SnapshotDeviceResult) decode(e ber.Element) error {
	*r = SnapshotDeviceResult{}
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
		case ber.TagOctetString:
			d.seen(0)
			err = octetsField("serviceCrossRefID", &r.ServiceCrossRefID, f)
		case tagSnapshotDeviceData:
			d.seen(0)
			err = ber.Field("snapshotData", r.SnapshotData.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", r.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIDorSnapshotData")
}

// SnapshotDeviceData is the [APPLICATION 22] list of the calls at a device.
type SnapshotDeviceData []SnapshotDeviceResponseInfo

// encode writes the [APPLICATION 22] element (empty when d is).
func (d SnapshotDeviceData) encode(b *ber.Builder) {
	b.AddConstructed(tagSnapshotDeviceData, func(b *ber.Builder) {
		for i := range d {
			d[i].encode(b)
		}
	})
}

func (d *SnapshotDeviceData) decode(e ber.Element) error {
	*d = SnapshotDeviceData{}
	r := e.Reader()
	for i := 0; !r.Empty(); i++ {
		f, err := r.Expect(ber.TagSequence)
		if err == nil {
			var info SnapshotDeviceResponseInfo
			err = info.decode(f)
			*d = append(*d, info)
		}
		if err != nil {
			return ber.Field(strconv.Itoa(i), err)
		}
	}
	return nil
}

// SnapshotDeviceResponseInfo is one call at the snapshot device.
type SnapshotDeviceResponseInfo struct {
	ConnectionIdentifier ConnectionID
	// EndpointDevice is the optional [3] device at the far end; zero when
	// absent.
	EndpointDevice  Device
	LocalCallState  CallState
	CallLinkageData *CallLinkageData // optional [4]
	// Optional elements kept encoded: servicesPermitted [0],
	// mediaServiceInfoList [1], mediaCallCharacteristics [2].
	Unmodelled Unmodelled
}

var tagEndpointDevice = ber.Context(3).Constructed()

func (s *SnapshotDeviceResponseInfo) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		s.ConnectionIdentifier.encode(b, tagConnectionID)
		// [3] IMPLICIT SubjectDeviceID replaces the [APPLICATION 3] of a
		// CHOICE, so it is an explicit [3] around the alternative.
		encodeOptionalRole(b, &s.EndpointDevice, tagEndpointDevice)
		s.LocalCallState.encode(b)
		s.Unmodelled.encodeRange(b, 0, 2)
		if !s.CallLinkageData.IsZero() {
			s.CallLinkageData.encode(b, ber.Context(4).Constructed())
		}
	})
}

// decode reads the SEQUENCE. The CallState alternatives [0] [1] [2] share
// their tags with servicesPermitted [0], mediaServiceInfoList [1] and
// mediaCallCharacteristics [2], which follow the mandatory call state: the
// first such element is the call state, the others are kept encoded.
func (s *SnapshotDeviceResponseInfo) decode(e ber.Element) error {
	*s = SnapshotDeviceResponseInfo{}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch {
		case f.Tag == tagConnectionID:
			d.seen(0)
			err = ber.Field("connectionIdentifier", s.ConnectionIdentifier.decode(f))
		case f.Tag == tagEndpointDevice:
			err = ber.Field("endpointDevice", s.EndpointDevice.decodeRole(f))
		case monIsCallState(f.Tag) && !d.seen(1):
			err = ber.Field("localCallState", s.LocalCallState.decode(f))
		case f.Tag == ber.Context(4).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&s.CallLinkageData, f))
		default:
			s.Unmodelled.keep(f, 0, 2)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "connectionIdentifier", "localCallState")
}

// SnapshotCallArgument asks for the devices in a call (snapshotCall).
type SnapshotCallArgument struct {
	SnapshotObject ConnectionID
	Extensions     CommonArguments
}

// Opcode returns OpSnapshotCall.
func (*SnapshotCallArgument) Opcode() Opcode { return OpSnapshotCall }

func (a *SnapshotCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.SnapshotObject.encode(b, tagConnectionID)
		a.Extensions.encode(b)
	})
}

func (a *SnapshotCallArgument) decode(e ber.Element) error {
	*a = SnapshotCallArgument{}
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
		case tagConnectionID:
			d.seen(0)
			err = ber.Field("snapshotObject", a.SnapshotObject.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "snapshotObject")
}

// SnapshotCallResult answers a SnapshotCall: the devices in the call and
// what is known about the call, or a ServiceCrossRefID under which
// snapshotCallData invokes will bring the list.
type SnapshotCallResult struct {
	// ServiceCrossRefID is the [0] serviceCrossRefID alternative; when nil
	// the result carries SnapshotData.
	ServiceCrossRefID []byte
	SnapshotData      SnapshotCallData
	// MediaCallCharacteristics is the optional encoded element.
	MediaCallCharacteristics []byte
	// CallCharacteristics is the optional BIT STRING (bit 0 acdCall,
	// 1 priorityCall, 2 maintainanceCall, 3 directAgent, 4 assistCall,
	// 5 voiceUnitCall …); zero when absent.
	CallCharacteristics     ber.BitString
	CallingDevice           Device           // optional
	CalledDevice            Device           // optional
	AssociatedCallingDevice Device           // optional associatedCallingDeviceID
	AssociatedCalledDevice  Device           // optional associatedCalledDeviceID
	CorrelatorData          []byte           // optional [1]; nil when absent
	CallLinkageData         *CallLinkageData // optional [2]
	// Optional elements kept encoded: subjectOfCall [3], messageInfo [4],
	// languagePreferences [5], deviceHistory [6].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Opcode returns OpSnapshotCall.
func (*SnapshotCallResult) Opcode() Opcode { return OpSnapshotCall }

func (r *SnapshotCallResult) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		if r.ServiceCrossRefID != nil {
			b.AddBytes(ber.Context(0), r.ServiceCrossRefID)
		} else {
			r.SnapshotData.encode(b)
		}
		b.AddRaw(r.MediaCallCharacteristics)
		monAddBits(b, ber.TagBitString, r.CallCharacteristics)
		encodeOptionalRole(b, &r.CallingDevice, tagCallingDevice)
		encodeOptionalRole(b, &r.CalledDevice, tagCalledDevice)
		encodeOptionalRole(b, &r.AssociatedCallingDevice, tagAssociatedCallingDevice)
		encodeOptionalRole(b, &r.AssociatedCalledDevice, tagAssociatedCalledDevice)
		monAddOctets(b, ber.Context(1), r.CorrelatorData)
		if !r.CallLinkageData.IsZero() {
			r.CallLinkageData.encode(b, ber.Context(2).Constructed())
		}
		r.Unmodelled.encodeRange(b, 3, 6)
		r.Extensions.encode(b)
	})
}

func (r *SnapshotCallResult) decode(e ber.Element) error {
	*r = SnapshotCallResult{}
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
		case ber.Context(0):
			d.seen(0)
			err = octetsField("serviceCrossRefID", &r.ServiceCrossRefID, f)
		case tagSnapshotCallData:
			d.seen(0)
			err = ber.Field("snapshotData", r.SnapshotData.decode(f))
		case ber.TagSequence:
			r.MediaCallCharacteristics = f.Raw
		case ber.TagBitString:
			r.CallCharacteristics, err = monBits(f)
			err = ber.Field("callCharacteristics", err)
		case tagCallingDevice:
			err = ber.Field("callingDevice", r.CallingDevice.decodeRole(f))
		case tagCalledDevice:
			err = ber.Field("calledDevice", r.CalledDevice.decodeRole(f))
		case tagAssociatedCallingDevice:
			err = ber.Field("associatedCallingDeviceID", r.AssociatedCallingDevice.decodeRole(f))
		case tagAssociatedCalledDevice:
			err = ber.Field("associatedCalledDeviceID", r.AssociatedCalledDevice.decodeRole(f))
		case ber.Context(1):
			err = octetsField("correlatorData", &r.CorrelatorData, f)
		case ber.Context(2).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&r.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", r.Extensions.decode(f))
		default:
			r.Unmodelled.keep(f, 3, 6)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "crossRefIDorSnapshotData")
}

// SnapshotCallData is the [APPLICATION 23] list of the devices in a call.
type SnapshotCallData []SnapshotCallResponseInfo

// encode writes the [APPLICATION 23] element (empty when d is).
func (d SnapshotCallData) encode(b *ber.Builder) {
	b.AddConstructed(tagSnapshotCallData, func(b *ber.Builder) {
		for i := range d {
			d[i].encode(b)
		}
	})
}

func (d *SnapshotCallData) decode(e ber.Element) error {
	*d = SnapshotCallData{}
	r := e.Reader()
	for i := 0; !r.Empty(); i++ {
		f, err := r.Expect(ber.TagSequence)
		if err == nil {
			var info SnapshotCallResponseInfo
			err = info.decode(f)
			*d = append(*d, info)
		}
		if err != nil {
			return ber.Field(strconv.Itoa(i), err)
		}
	}
	return nil
}

// SnapshotCallResponseInfo is one device in the snapshot call.
type SnapshotCallResponseInfo struct {
	DeviceOnCall Device
	// CallIdentifier is the optional connection of the device; zero when
	// absent.
	CallIdentifier          ConnectionID
	HasLocalConnectionState bool
	LocalConnectionState    ConnectionState // optional, if HasLocalConnectionState
	// Optional elements kept encoded: servicesPermitted [0],
	// mediaServiceInfoList [1], locationInfo [2].
	Unmodelled Unmodelled
}

func (s *SnapshotCallResponseInfo) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		s.DeviceOnCall.encodeRole(b, tagSubjectDevice)
		if !s.CallIdentifier.IsZero() {
			s.CallIdentifier.encode(b, tagConnectionID)
		}
		addOptEnum(b, tagConnectionState, s.HasLocalConnectionState, s.LocalConnectionState)
		s.Unmodelled.encodeRange(b, 0, 2)
	})
}

func (s *SnapshotCallResponseInfo) decode(e ber.Element) error {
	*s = SnapshotCallResponseInfo{}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagSubjectDevice:
			d.seen(0)
			err = ber.Field("deviceOnCall", s.DeviceOnCall.decodeRole(f))
		case tagConnectionID:
			err = ber.Field("callIdentifier", s.CallIdentifier.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionState", &s.HasLocalConnectionState, &s.LocalConnectionState, f)
		default:
			s.Unmodelled.keep(f, 0, 2)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "deviceOnCall")
}
