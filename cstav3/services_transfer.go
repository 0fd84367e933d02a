package cstav3

import (
	"github.com/cstav3/cstav3/ber"
)

// Call-control services that involve a second call (ECMA-269 17.1):
// ConsultationCall, TransferCall, SingleStepTransferCall and ConferenceCall.

func init() {
	registerOperation(OpConsultationCall, func() Argument { return new(ConsultationCallArgument) },
		func() Result { return new(ConsultationCallResult) })
	registerOperation(OpTransferCall, func() Argument { return new(TransferCallArgument) },
		func() Result { return new(TransferCallResult) })
	registerOperation(OpSingleStepTransferCall, func() Argument { return new(SingleStepTransferCallArgument) },
		func() Result { return new(SingleStepTransferCallResult) })
	registerOperation(OpConferenceCall, func() Argument { return new(ConferenceCallArgument) },
		func() Result { return new(ConferenceCallResult) })
}

// ConsultOptions restricts what may be done with a consultation call
// (ASN.1 ConsultOptions).
type ConsultOptions int

// Values of ConsultOptions.
const (
	ConsultUnrestricted   ConsultOptions = 0 // unrestricted: the default
	ConsultOnly           ConsultOptions = 1 // consultOnly
	ConsultTransferOnly   ConsultOptions = 2 // transferOnly
	ConsultConferenceOnly ConsultOptions = 3 // conferenceOnly
)

var consultOptionsNames = map[ConsultOptions]string{
	0: "unrestricted", 1: "consultOnly", 2: "transferOnly", 3: "conferenceOnly",
}

// String returns the ASN.1 name of the consultation option.
func (c ConsultOptions) String() string { return enumString(consultOptionsNames, c, "ConsultOptions") }

// ParseConsultOptions returns the value with ASN.1 name s.
func ParseConsultOptions(s string) (ConsultOptions, bool) { return enumParse(consultOptionsNames, s) }

// ConsultationCallArgument holds ExistingCall and calls ConsultedDevice from
// the same device (ECMA-269 17.1.6, consultationCall).
type ConsultationCallArgument struct {
	ExistingCall             ConnectionID // [0]
	ConsultedDevice          DeviceID     // [1]
	HasConnectionReservation bool
	ConnectionReservation    bool   // optional [2], if HasConnectionReservation
	AccountCode              []byte // optional [3]; nil when absent
	AuthCode                 []byte // optional [4]; nil when absent
	CorrelatorData           []byte // optional [5]; nil when absent
	UserData                 UserData
	// CallCharacteristics is the optional [7] BIT STRING; Bytes is nil
	// when absent.
	CallCharacteristics   ber.BitString
	CallingConnectionInfo *ConnectionInformation // optional [9]; nil when absent
	// ConsultOptions [10] defaults to unrestricted, which is never
	// encoded.
	ConsultOptions      ConsultOptions
	SubjectOfCall       string // optional [11]; "" when absent
	LanguagePreferences string // optional [12]; "" when absent
	// Optional element kept encoded: mediaCallCharacteristics [8].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Opcode returns OpConsultationCall.
func (*ConsultationCallArgument) Opcode() Opcode { return OpConsultationCall }

var (
	tagExistingCall    = ber.Context(0).Constructed()
	tagConsultedDevice = ber.Context(1).Constructed()
	tagConsultUserData = ber.Context(6).Constructed()
)

func (a *ConsultationCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.ExistingCall.encode(b, tagExistingCall)
		b.AddConstructed(tagConsultedDevice, func(b *ber.Builder) {
			a.ConsultedDevice.encode(b, ber.TagSequence)
		})
		if a.HasConnectionReservation {
			b.AddBool(ber.Context(2), a.ConnectionReservation)
		}
		ccAddOctets(b, ber.Context(3), a.AccountCode)
		ccAddOctets(b, ber.Context(4), a.AuthCode)
		ccAddOctets(b, ber.Context(5), a.CorrelatorData)
		if a.UserData != nil {
			// [6] IMPLICIT UserData replaces the [APPLICATION 29] tag.
			b.AddConstructed(tagConsultUserData, func(b *ber.Builder) {
				b.AddBytes(ber.TagOctetString, a.UserData)
			})
		}
		ccAddBitString(b, ber.Context(7), a.CallCharacteristics)
		a.Unmodelled.encode(b, 8)
		if a.CallingConnectionInfo != nil {
			a.CallingConnectionInfo.encode(b, ber.Context(9).Constructed())
		}
		if a.ConsultOptions != ConsultUnrestricted {
			b.AddInt(ber.Context(10), int(a.ConsultOptions))
		}
		ccAddText(b, ber.Context(11), a.SubjectOfCall)
		ccAddText(b, ber.Context(12), a.LanguagePreferences)
		a.Extensions.encode(b)
	})
}

func (a *ConsultationCallArgument) decode(e ber.Element) error {
	*a = ConsultationCallArgument{}
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
		case tagExistingCall:
			d.seen(0)
			err = ber.Field("existingCall", a.ExistingCall.decode(f))
		case tagConsultedDevice:
			d.seen(1)
			var in ber.Element
			if in, err = explicitInner(f); err == nil {
				err = ccDecodeDeviceID(in, &a.ConsultedDevice)
			}
			err = ber.Field("consultedDevice", err)
		case ber.Context(2):
			a.HasConnectionReservation = true
			a.ConnectionReservation, err = f.Bool()
			err = ber.Field("connectionReservation", err)
		case ber.Context(3):
			err = octetsField("accountCode", &a.AccountCode, f)
		case ber.Context(4):
			err = octetsField("authCode", &a.AuthCode, f)
		case ber.Context(5):
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagConsultUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.Context(7):
			a.CallCharacteristics, err = ccBitString(f)
			err = ber.Field("callCharacteristics", err)
		case ber.Context(9).Constructed():
			a.CallingConnectionInfo = new(ConnectionInformation)
			err = ber.Field("callingConnectionInfo", a.CallingConnectionInfo.decode(f))
		case ber.Context(10):
			err = ber.Field("consultOptions", decodeEnum(f, &a.ConsultOptions))
		case ber.Context(11):
			a.SubjectOfCall, err = f.Text()
			err = ber.Field("subjectOfCall", err)
		case ber.Context(12):
			a.LanguagePreferences, err = f.Text()
			err = ber.Field("languagePreferences", err)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		default:
			a.Unmodelled.keep(f, 8, 8)
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "existingCall", "consultedDevice")
}

// ConsultationCallResult answers a ConsultationCall with the consulting
// device's connection to the new call.
type ConsultationCallResult struct {
	InitiatedCall     ConnectionID
	InitiatedCallInfo *ConnectionInformation // optional [1]; nil when absent
	CallLinkageData   *CallLinkageData       // optional [2]
	// Optional element kept encoded: mediaCallCharacteristics [0].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Opcode returns OpConsultationCall.
func (*ConsultationCallResult) Opcode() Opcode { return OpConsultationCall }

func (r *ConsultationCallResult) encode(b *ber.Builder) {
	ccEncodeInitiated(b, &r.InitiatedCall, &r.Unmodelled, r.InitiatedCallInfo, r.CallLinkageData, &r.Extensions)
}

func (r *ConsultationCallResult) decode(e ber.Element) error {
	*r = ConsultationCallResult{}
	return ccDecodeInitiated(e, "initiatedCall", &r.InitiatedCall, &r.Unmodelled, &r.InitiatedCallInfo,
		&r.CallLinkageData, &r.Extensions)
}

// TransferCallArgument joins the other parties of HeldCall and ActiveCall and
// drops the transferring device (ECMA-269 17.1.16, transferCall).
type TransferCallArgument struct {
	HeldCall   ConnectionID
	ActiveCall ConnectionID
	Extensions CommonArguments
}

// Opcode returns OpTransferCall.
func (*TransferCallArgument) Opcode() Opcode { return OpTransferCall }

func (a *TransferCallArgument) encode(b *ber.Builder) {
	ccEncodeCallPair(b, &a.HeldCall, &a.ActiveCall, &a.Extensions)
}

func (a *TransferCallArgument) decode(e ber.Element) error {
	*a = TransferCallArgument{}
	return ccDecodeCallPair(e, "heldCall", "activeCall", &a.HeldCall, &a.ActiveCall, &a.Extensions)
}

// TransferCallResult answers a TransferCall with the resulting call.
type TransferCallResult struct {
	TransferredCall     ConnectionID
	Connections         ConnectionList         // optional [0]; nil when absent
	TransferredCallInfo *ConnectionInformation // optional [1]; nil when absent
	CallLinkageDataList CallLinkageDataList    // optional [2]
	Extensions          CommonArguments
}

// Opcode returns OpTransferCall.
func (*TransferCallResult) Opcode() Opcode { return OpTransferCall }

func (r *TransferCallResult) encode(b *ber.Builder) {
	ccEncodeJoined(b, &r.TransferredCall, r.Connections, r.TransferredCallInfo, &r.CallLinkageDataList, &r.Extensions)
}

func (r *TransferCallResult) decode(e ber.Element) error {
	*r = TransferCallResult{}
	return ccDecodeJoined(e, "transferredCall", "transferredCallInfo", &r.TransferredCall, &r.Connections, &r.TransferredCallInfo,
		&r.CallLinkageDataList, &r.Extensions)
}

var (
	tagCCConnections     = ber.Context(0).Constructed()
	tagCCCallInfo        = ber.Context(1).Constructed()
	tagCCLinkageDataList = ber.Context(2).Constructed()
)

// ccEncodeJoined writes the result shape shared by TransferCall,
// SingleStepTransferCall and ConferenceCall: { ConnectionID, connections
// [0], info [1], callLinkageDataList [2], extensions }.
func ccEncodeJoined(b *ber.Builder, c *ConnectionID, conns ConnectionList, info *ConnectionInformation, l *CallLinkageDataList, x *CommonArguments) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		c.encode(b, tagConnectionID)
		if conns != nil {
			conns.encode(b, tagCCConnections)
		}
		if info != nil {
			info.encode(b, tagCCCallInfo)
		}
		if !l.IsZero() {
			l.encode(b, tagCCLinkageDataList)
		}
		x.encode(b)
	})
}

func ccDecodeJoined(e ber.Element, name, infoName string, c *ConnectionID, conns *ConnectionList, info **ConnectionInformation, l *CallLinkageDataList, x *CommonArguments) error {
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
		case tagCCConnections:
			err = ber.Field("connections", conns.decode(f))
		case tagCCCallInfo:
			*info = new(ConnectionInformation)
			err = ber.Field(infoName, (*info).decode(f))
		case tagCCLinkageDataList:
			err = ber.Field("callLinkageDataList", l.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", x.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, name)
}

// SingleStepTransferCallArgument transfers ActiveCall to TransferredTo
// without a consultation call (ECMA-269 17.1.15, singleStepTransferCall;
// ASN.1 SingleStepTransArgument).
type SingleStepTransferCallArgument struct {
	ActiveCall     ConnectionID
	TransferredTo  DeviceID
	AccountCode    []byte // optional [0]; nil when absent
	AuthCode       []byte // optional [1]; nil when absent
	CorrelatorData []byte // optional [2]; nil when absent
	UserData       UserData
	// CallCharacteristics is the optional [3] BIT STRING; Bytes is nil
	// when absent.
	CallCharacteristics ber.BitString
	SubjectOfCall       string // optional [4]; "" when absent
	LanguagePreferences string // optional [5]; "" when absent
	HasReason           bool
	Reason              EventCause // optional [6], if HasReason
	Extensions          CommonArguments
}

// Opcode returns OpSingleStepTransferCall.
func (*SingleStepTransferCallArgument) Opcode() Opcode { return OpSingleStepTransferCall }

func (a *SingleStepTransferCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.ActiveCall.encode(b, tagConnectionID)
		a.TransferredTo.encode(b, ber.TagSequence)
		ccAddOctets(b, ber.Context(0), a.AccountCode)
		ccAddOctets(b, ber.Context(1), a.AuthCode)
		ccAddOctets(b, ber.Context(2), a.CorrelatorData)
		a.UserData.encode(b)
		ccAddBitString(b, ber.Context(3), a.CallCharacteristics)
		ccAddText(b, ber.Context(4), a.SubjectOfCall)
		ccAddText(b, ber.Context(5), a.LanguagePreferences)
		addOptEnum(b, ber.Context(6), a.HasReason, a.Reason)
		a.Extensions.encode(b)
	})
}

func (a *SingleStepTransferCallArgument) decode(e ber.Element) error {
	*a = SingleStepTransferCallArgument{}
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
				err = ber.Field("activeCall", a.ActiveCall.decode(f))
			}
		case ber.TagSequence:
			if !d.seen(1) {
				err = ber.Field("transferredTo", a.TransferredTo.decode(f))
			}
		case ber.Context(0):
			err = octetsField("accountCode", &a.AccountCode, f)
		case ber.Context(1):
			err = octetsField("authCode", &a.AuthCode, f)
		case ber.Context(2):
			err = octetsField("correlatorData", &a.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", a.UserData.decode(f))
		case ber.Context(3):
			a.CallCharacteristics, err = ccBitString(f)
			err = ber.Field("callCharacteristics", err)
		case ber.Context(4):
			a.SubjectOfCall, err = f.Text()
			err = ber.Field("subjectOfCall", err)
		case ber.Context(5):
			a.LanguagePreferences, err = f.Text()
			err = ber.Field("languagePreferences", err)
		case ber.Context(6):
			err = optEnumField("reason", &a.HasReason, &a.Reason, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "activeCall", "transferredTo")
}

// SingleStepTransferCallResult answers a SingleStepTransferCall with the
// resulting call (ASN.1 SingleStepTransResult).
type SingleStepTransferCallResult struct {
	TransferredCall     ConnectionID
	Connections         ConnectionList         // optional [0]; nil when absent
	TransferredCallInfo *ConnectionInformation // optional [1]; nil when absent
	CallLinkageDataList CallLinkageDataList    // optional [2]
	Extensions          CommonArguments
}

// Opcode returns OpSingleStepTransferCall.
func (*SingleStepTransferCallResult) Opcode() Opcode { return OpSingleStepTransferCall }

func (r *SingleStepTransferCallResult) encode(b *ber.Builder) {
	ccEncodeJoined(b, &r.TransferredCall, r.Connections, r.TransferredCallInfo, &r.CallLinkageDataList, &r.Extensions)
}

func (r *SingleStepTransferCallResult) decode(e ber.Element) error {
	*r = SingleStepTransferCallResult{}
	return ccDecodeJoined(e, "transferredCall", "transferredCallInfo", &r.TransferredCall, &r.Connections, &r.TransferredCallInfo,
		&r.CallLinkageDataList, &r.Extensions)
}

// ConferenceCallArgument joins HeldCall and ActiveCall into one conference
// (ECMA-269 17.1.5, conferenceCall).
type ConferenceCallArgument struct {
	HeldCall   ConnectionID
	ActiveCall ConnectionID
	Extensions CommonArguments
}

// Opcode returns OpConferenceCall.
func (*ConferenceCallArgument) Opcode() Opcode { return OpConferenceCall }

func (a *ConferenceCallArgument) encode(b *ber.Builder) {
	ccEncodeCallPair(b, &a.HeldCall, &a.ActiveCall, &a.Extensions)
}

func (a *ConferenceCallArgument) decode(e ber.Element) error {
	*a = ConferenceCallArgument{}
	return ccDecodeCallPair(e, "heldCall", "activeCall", &a.HeldCall, &a.ActiveCall, &a.Extensions)
}

// ConferenceCallResult answers a ConferenceCall with the conference call.
type ConferenceCallResult struct {
	ConferenceCall      ConnectionID
	Connections         ConnectionList         // optional [0]; nil when absent
	ConferenceCallInfo  *ConnectionInformation // optional [1]; nil when absent
	CallLinkageDataList CallLinkageDataList    // optional [2]
	Extensions          CommonArguments
}

// Opcode returns OpConferenceCall.
func (*ConferenceCallResult) Opcode() Opcode { return OpConferenceCall }

func (r *ConferenceCallResult) encode(b *ber.Builder) {
	ccEncodeJoined(b, &r.ConferenceCall, r.Connections, r.ConferenceCallInfo, &r.CallLinkageDataList, &r.Extensions)
}

func (r *ConferenceCallResult) decode(e ber.Element) error {
	*r = ConferenceCallResult{}
	return ccDecodeJoined(e, "conferenceCall", "conferenceCallInfo", &r.ConferenceCall, &r.Connections, &r.ConferenceCallInfo,
		&r.CallLinkageDataList, &r.Extensions)
}
