package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[TransferredEvent](EventTransferred) }

// TransferredEvent reports that TransferringDevice transferred a call to
// TransferredToDevice and left it (ECMA-269 17.2.19).
type TransferredEvent struct {
	PrimaryOldCall         ConnectionID
	SecondaryOldCall       ConnectionID // optional [0]
	TransferringDevice     Device
	TransferredToDevice    Device
	TransferredConnections ConnectionList // [1]
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	CorrelatorData         []byte        // optional [2]
	UserData               UserData      // optional
	ChargingInfo           *ChargingInfo // optional [3]
	Cause                  EventCause
	CallLinkageDataList    CallLinkageDataList // optional [7]
	// Optional elements kept encoded: servicesPermitted [4],
	// mediaCallCharacteristics [5], callCharacteristics [6],
	// languagePreferences [8], deviceHistory [9], locationInfo [10].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

var (
	tagTransferredSecondaryOldCall = ber.Context(0).Constructed()
	tagTransferredConnections      = ber.Context(1).Constructed()
)

// Type returns EventTransferred.
func (*TransferredEvent) Type() EventType { return EventTransferred }

func (e *TransferredEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.PrimaryOldCall.encode(b, tagConnectionID)
		if !e.SecondaryOldCall.IsZero() {
			e.SecondaryOldCall.encode(b, tagTransferredSecondaryOldCall)
		}
		e.TransferringDevice.encodeRole(b, tagSubjectDevice)
		e.TransferredToDevice.encodeRole(b, tagSubjectDevice)
		e.TransferredConnections.encode(b, tagTransferredConnections)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(2), e.CorrelatorData)
		e.UserData.encode(b)
		if e.ChargingInfo != nil {
			e.ChargingInfo.encode(b, ber.Context(3).Constructed())
		}
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 4, 6)
		if !e.CallLinkageDataList.IsZero() {
			e.CallLinkageDataList.encode(b, ber.Context(7).Constructed())
		}
		e.Unmodelled.encodeRange(b, 8, 10)
		e.Extensions.encode(b)
	})
}

func (e *TransferredEvent) decode(el ber.Element) error {
	*e = TransferredEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagConnectionID:
			d.seen(0)
			err = ber.Field("primaryOldCall", e.PrimaryOldCall.decode(f))
		case tagTransferredSecondaryOldCall:
			err = ber.Field("secondaryOldCall", e.SecondaryOldCall.decode(f))
		case tagSubjectDevice:
			if !d.seen(1) {
				err = ber.Field("transferringDevice", e.TransferringDevice.decodeRole(f))
			} else {
				d.seen(2)
				err = ber.Field("transferredToDevice", e.TransferredToDevice.decodeRole(f))
			}
		case tagTransferredConnections:
			d.seen(3)
			err = ber.Field("transferredConnections", e.TransferredConnections.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(2):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.Context(3).Constructed():
			e.ChargingInfo = new(ChargingInfo)
			err = ber.Field("chargingInfo", e.ChargingInfo.decode(f))
		case ber.TagEnumerated:
			d.seen(4)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(7).Constructed():
			err = ber.Field("callLinkageDataList", e.CallLinkageDataList.decode(f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 4, 10)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "primaryOldCall", "transferringDevice", "transferredToDevice",
		"transferredConnections", "cause")
}
