package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// Basic call-control services (ECMA-269 17.1): MakeCall, AnswerCall,
// ClearConnection, ClearCall and DeflectCall.

func init() {
	registerOperation(OpMakeCall, func() Argument { return new(MakeCallArgument) },
		func() Result { return new(MakeCallResult) })
	registerOperation(OpAnswerCall, func() Argument { return new(AnswerCallArgument) }, noData(OpAnswerCall))
	registerOperation(OpClearConnection, func() Argument { return new(ClearConnectionArgument) },
		noData(OpClearConnection))
	registerOperation(OpClearCall, func() Argument { return new(ClearCallArgument) }, noData(OpClearCall))
	registerOperation(OpDeflectCall, func() Argument { return new(DeflectCallArgument) }, noData(OpDeflectCall))
}

// AutoOriginate, its constants, String and ParseAutoOriginate are generated
// from call-control.asn1 (enums_gen.go).

// Helpers shared by the call-control service files (services_call.go,
// services_hold.go, services_transfer.go); prefixed cc to stay out of the
// way of the other families.

// ccCheckSequence reports a tag error unless e is a universal SEQUENCE, the
// tag of every call-control argument and non-empty result.
func ccCheckSequence(e ber.Element) error {
	if e.Tag != ber.TagSequence {
		return tagError(e)
	}
	return nil
}

// ccBitString decodes a BIT STRING whose Bytes are never nil, so that an
// empty but present value stays distinguishable from an absent one.
func ccBitString(e ber.Element) (ber.BitString, error) {
	v, err := e.BitString()
	if v.Bytes == nil && err == nil {
		v.Bytes = []byte{}
	}
	return v, err
}

// ccAddBitString writes an optional BIT STRING (absent when Bytes is nil).
func ccAddBitString(b *ber.Builder, t ber.Tag, v ber.BitString) {
	if v.Bytes != nil {
		b.AddBitString(t, v)
	}
}

// ccAddOctets writes an optional OCTET STRING (absent when nil).
func ccAddOctets(b *ber.Builder, t ber.Tag, v []byte) {
	addOptOctets(b, t, v)
}

// ccAddText writes an optional IA5String (absent when "").
func ccAddText(b *ber.Builder, t ber.Tag, v string) {
	if v != "" {
		b.AddString(t, v)
	}
}

// ccDecodeDeviceID decodes a DeviceID element after checking its tag.
func ccDecodeDeviceID(e ber.Element, d *DeviceID) error {
	if e.Tag != ber.TagSequence {
		return tagError(e)
	}
	return d.decode(e)
}

// MakeCallArgument asks the switch to set up a call from CallingDevice to
// CalledDirectoryNumber (ECMA-269 17.1.11, makeCall).
type MakeCallArgument struct {
	CallingDevice         DeviceID
	CalledDirectoryNumber DeviceID
	AccountCode           []byte // optional [0]; nil when absent
	AuthCode              []byte // optional [1]; nil when absent
	// AutoOriginate [3] defaults to prompt, which is never encoded.
	AutoOriginate  AutoOriginate
	CorrelatorData []byte // optional [2]; nil when absent
	UserData       UserData
	// CallCharacteristics is the optional CallCharacteristics BIT STRING
	// (bit 0 acdCall, 1 priorityCall, …); Bytes is nil when absent.
	CallCharacteristics   ber.BitString
	CallingConnectionInfo *ConnectionInformation // optional [5]; nil when absent
	SubjectOfCall         string                 // optional [6]; "" when absent
	LanguagePreferences   string                 // optional [7]; "" when absent
	HasReason             bool
	Reason                EventCause // optional [8], if HasReason
	// Optional element kept encoded: mediaCallCharacteristics [4].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Opcode returns OpMakeCall.
func (*MakeCallArgument) Opcode() Opcode { return OpMakeCall }

func (a *MakeCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallingDevice.encode(b, ber.TagSequence)
		a.CalledDirectoryNumber.encode(b, ber.TagSequence)
		ccAddOctets(b, ber.Context(0), a.AccountCode)
		ccAddOctets(b, ber.Context(1), a.AuthCode)
		if a.AutoOriginate != AutoOriginatePrompt {
			b.AddInt(ber.Context(3), int(a.AutoOriginate))
		}
		ccAddOctets(b, ber.Context(2), a.CorrelatorData)
		a.UserData.encode(b)
		ccAddBitString(b, ber.TagBitString, a.CallCharacteristics)
		a.Unmodelled.encode(b, 4)
		if a.CallingConnectionInfo != nil {
			a.CallingConnectionInfo.encode(b, ber.Context(5).Constructed())
		}
		ccAddText(b, ber.Context(6), a.SubjectOfCall)
		ccAddText(b, ber.Context(7), a.LanguagePreferences)
		addOptEnum(b, ber.Context(8), a.HasReason, a.Reason)
		a.Extensions.encode(b)
	})
}

func (a *MakeCallArgument) decode(e ber.Element) error {
	*a = MakeCallArgument{}
	if err := ccCheckSequence(e); err != nil {
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
			// Two DeviceIDs share the SEQUENCE tag: take them in order.
			switch {
			case !d.seen(0):
				err = ber.Field("callingDevice", a.CallingDevice.decode(f))
			case !d.seen(1):
				err = ber.Field("calledDirectoryNumber", a.CalledDirectoryNumber.decode(f))
			}
		case ber.Context(0):
			err = octetsField("accountCode", &a.AccountCode, f)
		case ber.Context(1):
			err = octetsField("authCode", &a.AuthCode, f)
		case ber.Context(3):
			err = ber.Field("autoOriginate", decodeEnum(f, &a.AutoOriginate))
		case ber.Context(2):
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.TagBitString:
			a.CallCharacteristics, err = ccBitString(f)
			err = ber.Field("callCharacteristics", err)
		case ber.Context(5).Constructed():
			a.CallingConnectionInfo = new(ConnectionInformation)
			err = ber.Field("callingConnectionInfo", a.CallingConnectionInfo.decode(f))
		case ber.Context(6):
			a.SubjectOfCall, err = f.Text()
			err = ber.Field("subjectOfCall", err)
		case ber.Context(7):
			a.LanguagePreferences, err = f.Text()
			err = ber.Field("languagePreferences", err)
		case ber.Context(8):
			err = optEnumField("reason", &a.HasReason, &a.Reason, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		default:
			a.Unmodelled.keep(f, 4, 4)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callingDevice", "calledDirectoryNumber")
}

// MakeCallResult answers a MakeCall with the calling device's connection to
// the new call (on HiPath, the call id and the calling device).
type MakeCallResult struct {
	CallingDevice     ConnectionID
	InitiatedCallInfo *ConnectionInformation // optional [1]; nil when absent
	CallLinkageData   *CallLinkageData       // optional [2]
	// Optional element kept encoded: mediaCallCharacteristics [0].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Opcode returns OpMakeCall.
func (*MakeCallResult) Opcode() Opcode { return OpMakeCall }

func (r *MakeCallResult) encode(b *ber.Builder) {
	ccEncodeInitiated(b, &r.CallingDevice, &r.Unmodelled, r.InitiatedCallInfo, r.CallLinkageData, &r.Extensions)
}

func (r *MakeCallResult) decode(e ber.Element) error {
	*r = MakeCallResult{}
	return ccDecodeInitiated(e, "callingDevice", &r.CallingDevice, &r.Unmodelled, &r.InitiatedCallInfo,
		&r.CallLinkageData, &r.Extensions)
}

// ccEncodeInitiated writes the result shape shared by MakeCall and
// ConsultationCall: { ConnectionID, [0] media, [1] info, [2] linkage,
// extensions }.
func ccEncodeInitiated(b *ber.Builder, c *ConnectionID, u *Unmodelled, info *ConnectionInformation, l *CallLinkageData, x *CommonArguments) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		c.encode(b, tagConnectionID)
		u.encode(b, 0)
		if info != nil {
			info.encode(b, ber.Context(1).Constructed())
		}
		if !l.IsZero() {
			l.encode(b, ber.Context(2).Constructed())
		}
		x.encode(b)
	})
}

func ccDecodeInitiated(e ber.Element, name string, c *ConnectionID, u *Unmodelled, info **ConnectionInformation, l **CallLinkageData, x *CommonArguments) error {
	if err := ccCheckSequence(e); err != nil {
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
			if !d.seen(0) {
				err = ber.Field(name, c.decode(f))
			}
		case ber.Context(1).Constructed():
			*info = new(ConnectionInformation)
			err = ber.Field("initiatedCallInfo", (*info).decode(f))
		case ber.Context(2).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(l, f))
		case tagCommonArguments:
			err = ber.Field("extensions", x.decode(f))
		default:
			u.keep(f, 0, 0)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, name)
}

// AnswerCallArgument answers an alerting call at a device (ECMA-269 17.1.2,
// answerCall). The result is NoData.
type AnswerCallArgument struct {
	CallToBeAnswered ConnectionID
	CorrelatorData   []byte // optional; nil when absent
	UserData         UserData
	Extensions       CommonArguments
}

// Opcode returns OpAnswerCall.
func (*AnswerCallArgument) Opcode() Opcode { return OpAnswerCall }

func (a *AnswerCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallToBeAnswered.encode(b, tagConnectionID)
		ccAddOctets(b, ber.TagOctetString, a.CorrelatorData)
		a.UserData.encode(b)
		a.Extensions.encode(b)
	})
}

func (a *AnswerCallArgument) decode(e ber.Element) error {
	*a = AnswerCallArgument{}
	if err := ccCheckSequence(e); err != nil {
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
			if !d.seen(0) {
				err = ber.Field("callToBeAnswered", a.CallToBeAnswered.decode(f))
			}
		case ber.TagOctetString:
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callToBeAnswered")
}

// ClearConnectionArgument releases one device's connection from a call,
// leaving the others connected (ECMA-269 17.1.8, clearConnection). The
// result is NoData.
type ClearConnectionArgument struct {
	ConnectionToBeCleared ConnectionID
	CorrelatorData        []byte // optional; nil when absent
	UserData              UserData
	HasReason             bool
	Reason                EventCause // optional, if HasReason
	Extensions            CommonArguments
}

// Opcode returns OpClearConnection.
func (*ClearConnectionArgument) Opcode() Opcode { return OpClearConnection }

func (a *ClearConnectionArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.ConnectionToBeCleared.encode(b, tagConnectionID)
		ccAddOctets(b, ber.TagOctetString, a.CorrelatorData)
		a.UserData.encode(b)
		addOptEnum(b, ber.TagEnumerated, a.HasReason, a.Reason)
		a.Extensions.encode(b)
	})
}

func (a *ClearConnectionArgument) decode(e ber.Element) error {
	*a = ClearConnectionArgument{}
	if err := ccCheckSequence(e); err != nil {
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
			if !d.seen(0) {
				err = ber.Field("connectionToBeCleared", a.ConnectionToBeCleared.decode(f))
			}
		case ber.TagOctetString:
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.TagEnumerated:
			err = optEnumField("reason", &a.HasReason, &a.Reason, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "connectionToBeCleared")
}

// ClearCallArgument releases every connection of a call (ECMA-269 17.1.7,
// clearCall). The result is NoData.
type ClearCallArgument struct {
	CallToBeCleared ConnectionID
	UserData        UserData
	HasReason       bool
	Reason          EventCause // optional, if HasReason
	Extensions      CommonArguments
}

// Opcode returns OpClearCall.
func (*ClearCallArgument) Opcode() Opcode { return OpClearCall }

func (a *ClearCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallToBeCleared.encode(b, tagConnectionID)
		a.UserData.encode(b)
		addOptEnum(b, ber.TagEnumerated, a.HasReason, a.Reason)
		a.Extensions.encode(b)
	})
}

func (a *ClearCallArgument) decode(e ber.Element) error {
	*a = ClearCallArgument{}
	if err := ccCheckSequence(e); err != nil {
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
			if !d.seen(0) {
				err = ber.Field("callToBeCleared", a.CallToBeCleared.decode(f))
			}
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.TagEnumerated:
			err = optEnumField("reason", &a.HasReason, &a.Reason, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callToBeCleared")
}

// DeflectCallArgument diverts an alerting call away from the device it is
// ringing at to NewDestination (ECMA-269 17.1.9, deflectCall). The result
// is NoData.
type DeflectCallArgument struct {
	CallToBeDiverted ConnectionID
	NewDestination   DeviceID
	// AddNewDestinationsList names further destinations; nil when absent.
	AddNewDestinationsList []DeviceID
	CorrelatorData         []byte // optional; nil when absent
	UserData               UserData
	// CallCharacteristics is the optional [0] BIT STRING; Bytes is nil
	// when absent.
	CallCharacteristics ber.BitString
	SubjectOfCall       string // optional [1]; "" when absent
	LanguagePreferences string // optional [2]; "" when absent
	HasReason           bool
	Reason              EventCause // optional [3], if HasReason
	Extensions          CommonArguments
}

// Opcode returns OpDeflectCall.
func (*DeflectCallArgument) Opcode() Opcode { return OpDeflectCall }

func (a *DeflectCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallToBeDiverted.encode(b, tagConnectionID)
		a.NewDestination.encode(b, ber.TagSequence)
		if a.AddNewDestinationsList != nil {
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
				for i := range a.AddNewDestinationsList {
					a.AddNewDestinationsList[i].encode(b, ber.TagSequence)
				}
			})
		}
		ccAddOctets(b, ber.TagOctetString, a.CorrelatorData)
		a.UserData.encode(b)
		ccAddBitString(b, ber.Context(0), a.CallCharacteristics)
		ccAddText(b, ber.Context(1), a.SubjectOfCall)
		ccAddText(b, ber.Context(2), a.LanguagePreferences)
		addOptEnum(b, ber.Context(3), a.HasReason, a.Reason)
		a.Extensions.encode(b)
	})
}

func (a *DeflectCallArgument) decode(e ber.Element) error {
	*a = DeflectCallArgument{}
	if err := ccCheckSequence(e); err != nil {
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
			if !d.seen(0) {
				err = ber.Field("callToBeDiverted", a.CallToBeDiverted.decode(f))
			}
		case ber.TagSequence:
			// newDestination (a DeviceID) and addNewDestinationsList (a
			// SEQUENCE OF DeviceID) share the tag: take them in order.
			switch {
			case !d.seen(1):
				err = ber.Field("newDestination", a.NewDestination.decode(f))
			case !d.seen(2):
				err = ber.Field("addNewDestinationsList", a.decodeList(f))
			}
		case ber.TagOctetString:
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.Context(0):
			a.CallCharacteristics, err = ccBitString(f)
			err = ber.Field("callCharacteristics", err)
		case ber.Context(1):
			a.SubjectOfCall, err = f.Text()
			err = ber.Field("subjectOfCall", err)
		case ber.Context(2):
			a.LanguagePreferences, err = f.Text()
			err = ber.Field("languagePreferences", err)
		case ber.Context(3):
			err = optEnumField("reason", &a.HasReason, &a.Reason, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callToBeDiverted", "newDestination")
}

func (a *DeflectCallArgument) decodeList(e ber.Element) error {
	a.AddNewDestinationsList = []DeviceID{}
	r := e.Reader()
	for i := 0; !r.Empty(); i++ {
		f, err := r.Next()
		if err != nil {
			return err
		}
		var id DeviceID
		if err := ccDecodeDeviceID(f, &id); err != nil {
			return ber.Field(strconv.Itoa(i), err)
		}
		a.AddNewDestinationsList = append(a.AddNewDestinationsList, id)
	}
	return nil
}
