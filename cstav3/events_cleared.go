package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

func init() {
	register[ConnectionClearedEvent](EventConnectionCleared)
	register[CallClearedEvent](EventCallCleared)
}

// ConnectionClearedEvent reports that a device left a call (ECMA-269
// 17.2.4): DroppedConnection is gone, ReleasingDevice hung up or was
// dropped.
type ConnectionClearedEvent struct {
	DroppedConnection      ConnectionID
	ReleasingDevice        Device
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	CorrelatorData         []byte        // optional [0]
	UserData               UserData      // optional
	ChargingInfo           *ChargingInfo // optional [1]
	Cause                  EventCause
	DroppedConnectionInfo  *ConnectionInformation // optional [5]
	CallLinkageData        *CallLinkageData       // optional [6]
	// Optional elements kept encoded: servicesPermitted [2],
	// mediaCallCharacteristics [3], callCharacteristics [4],
	// languagePreferences [7], deviceHistory [8], locationInfo [9].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventConnectionCleared.
func (*ConnectionClearedEvent) Type() EventType { return EventConnectionCleared }

func (e *ConnectionClearedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.DroppedConnection.encode(b, tagConnectionID)
		e.ReleasingDevice.encodeRole(b, tagSubjectDevice)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(0), e.CorrelatorData)
		e.UserData.encode(b)
		if e.ChargingInfo != nil {
			e.ChargingInfo.encode(b, ber.Context(1).Constructed())
		}
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 2, 4)
		if e.DroppedConnectionInfo != nil {
			e.DroppedConnectionInfo.encode(b, ber.Context(5).Constructed())
		}
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(6).Constructed())
		}
		e.Unmodelled.encodeRange(b, 7, 9)
		e.Extensions.encode(b)
	})
}

func (e *ConnectionClearedEvent) decode(el ber.Element) error {
	*e = ConnectionClearedEvent{}
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
			err = ber.Field("droppedConnection", e.DroppedConnection.decode(f))
		case tagSubjectDevice:
			d.seen(1)
			err = ber.Field("releasingDevice", e.ReleasingDevice.decodeRole(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(0):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.Context(1).Constructed():
			e.ChargingInfo = new(ChargingInfo)
			err = ber.Field("chargingInfo", e.ChargingInfo.decode(f))
		case ber.TagEnumerated:
			d.seen(2)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(5).Constructed():
			e.DroppedConnectionInfo = new(ConnectionInformation)
			err = ber.Field("droppedConnectionInfo", e.DroppedConnectionInfo.decode(f))
		case ber.Context(6).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 2, 9)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "droppedConnection", "releasingDevice", "cause")
}

// CallClearedEvent reports that a whole call ended (ECMA-269 17.2.2).
type CallClearedEvent struct {
	ClearedCall     ConnectionID
	CorrelatorData  []byte   // optional [1]
	UserData        UserData // optional
	Cause           EventCause
	CallLinkageData *CallLinkageData // optional [4]
	// Optional elements kept encoded: mediaCallCharacteristics [2],
	// callCharacteristics [3], languagePreferences [5], locationInfo [6].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventCallCleared.
func (*CallClearedEvent) Type() EventType { return EventCallCleared }

func (e *CallClearedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.ClearedCall.encode(b, tagConnectionID)
		addOptOctets(b, ber.Context(1), e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 2, 3)
		if !e.CallLinkageData.IsZero() {
			e.CallLinkageData.encode(b, ber.Context(4).Constructed())
		}
		e.Unmodelled.encodeRange(b, 5, 6)
		e.Extensions.encode(b)
	})
}

func (e *CallClearedEvent) decode(el ber.Element) error {
	*e = CallClearedEvent{}
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
			err = ber.Field("clearedCall", e.ClearedCall.decode(f))
		case ber.Context(1):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.TagEnumerated:
			d.seen(1)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(4).Constructed():
			err = ber.Field("callLinkageData", decodeLinkage(&e.CallLinkageData, f))
		case tagCommonArguments:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 2, 6)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "clearedCall", "cause")
}

// ChargingType tells whether charging information is a running subtotal or
// the call's total.
type ChargingType int

// Values of ChargingType (typeOfChargingInfo).
const (
	ChargingSubTotal ChargingType = 0
	ChargingTotal    ChargingType = 1
)

// String returns the ASN.1 name of the type.
func (c ChargingType) String() string { return indexString(chargingTypeNames[:], c, "ChargingType") }

var chargingTypeNames = [...]string{ChargingSubTotal: "subTotal", ChargingTotal: "total"}

// ParseChargingType returns the charging type with ASN.1 name s.
func ParseChargingType(s string) (ChargingType, bool) {
	return indexParse[ChargingType](chargingTypeNames[:], s)
}

// CurrencyMultiplier scales a CurrencyAmount by a power of ten.
type CurrencyMultiplier int

// Values of CurrencyMultiplier.
const (
	MultiplierOneThousandth CurrencyMultiplier = iota
	MultiplierOneHundredth
	MultiplierOneTenth
	MultiplierOne
	MultiplierTen
	MultiplierHundred
	MultiplierThousand
)

var currencyMultiplierNames = [...]string{"oneThousandth", "oneHundredth", "oneTenth", "one", "ten",
	"hundred", "thousand"}

// String returns the ASN.1 name of the multiplier.
func (m CurrencyMultiplier) String() string {
	return indexString(currencyMultiplierNames[:], m, "CurrencyMultiplier")
}

// ParseCurrencyMultiplier returns the multiplier with ASN.1 name s.
func ParseCurrencyMultiplier(s string) (CurrencyMultiplier, bool) {
	return indexParse[CurrencyMultiplier](currencyMultiplierNames[:], s)
}

// ChargingInfo is the charge of a call so far or in total (ECMA-269
// 12.3.6), in charging units or in a currency.
type ChargingInfo struct {
	// ChargeUnits is the numberOfChargeUnits alternative, used when
	// Currency is nil: a list of unit counts, each of an optional type.
	ChargeUnits []ChargeUnits
	// Currency is the numberOfCurrencyUnits alternative.
	Currency           *CurrencyUnits
	TypeOfChargingInfo ChargingType
}

// ChargeUnits is a number of charging units of one type.
type ChargeUnits struct {
	ChargingUnits int64
	TypeOfUnits   []byte // optional; nil when absent
}

// CurrencyUnits is an amount of money: CurrencyAmount times the multiplier,
// in CurrencyType (empty: the switch's default currency).
type CurrencyUnits struct {
	CurrencyType       []byte
	CurrencyAmount     int64
	CurrencyMultiplier CurrencyMultiplier
}

var (
	tagNumberOfChargeUnits   = ber.Context(0).Constructed()
	tagNumberOfCurrencyUnits = ber.Context(1).Constructed()
)

// encode writes the ChargingInfo SEQUENCE with tag t.
func (c *ChargingInfo) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		if u := c.Currency; u != nil {
			b.AddConstructed(tagNumberOfCurrencyUnits, func(b *ber.Builder) {
				b.AddBytes(ber.TagOctetString, u.CurrencyType)
				b.AddInt64(ber.TagInteger, u.CurrencyAmount)
				b.AddInt(ber.TagEnumerated, int(u.CurrencyMultiplier))
			})
		} else {
			b.AddConstructed(tagNumberOfChargeUnits, func(b *ber.Builder) {
				for _, u := range c.ChargeUnits {
					b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
						b.AddInt64(ber.TagInteger, u.ChargingUnits)
						addOptOctets(b, ber.TagOctetString, u.TypeOfUnits)
					})
				}
			})
		}
		b.AddInt(ber.TagEnumerated, int(c.TypeOfChargingInfo))
	})
}

func (c *ChargingInfo) decode(e ber.Element) error {
	*c = ChargingInfo{}
	r := e.Reader()
	n, err := r.Next()
	if err != nil {
		return ber.Field("numberUnits", err)
	}
	switch n.Tag {
	case tagNumberOfChargeUnits:
		c.ChargeUnits = []ChargeUnits{}
		if err := chargeDecodeUnits(n, &c.ChargeUnits); err != nil {
			return ber.Field("numberUnits.numberOfChargeUnits", err)
		}
	case tagNumberOfCurrencyUnits:
		c.Currency = new(CurrencyUnits)
		if err := c.Currency.decode(n); err != nil {
			return ber.Field("numberUnits.numberOfCurrencyUnits", err)
		}
	default:
		return ber.Field("numberUnits", tagError(n))
	}
	k, err := r.Expect(ber.TagEnumerated)
	if err != nil {
		return ber.Field("typeOfChargingInfo", err)
	}
	return ber.Field("typeOfChargingInfo", decodeEnum(k, &c.TypeOfChargingInfo))
}

// chargeDecodeUnits reads the SEQUENCE OF of numberOfChargeUnits.
func chargeDecodeUnits(e ber.Element, out *[]ChargeUnits) error {
	r := e.Reader()
	for i := 0; !r.Empty(); i++ {
		s, err := r.Expect(ber.TagSequence)
		if err != nil {
			return ber.Field(strconv.Itoa(i), err)
		}
		var u ChargeUnits
		sr := s.Reader()
		n, err := sr.Expect(ber.TagInteger)
		if err == nil {
			u.ChargingUnits, err = n.Int64()
		}
		if err != nil {
			return ber.Field(strconv.Itoa(i)+".chargingUnits", err)
		}
		if t, ok, err := sr.Optional(ber.TagOctetString); err != nil {
			return ber.Field(strconv.Itoa(i)+".typeOfUnits", err)
		} else if ok {
			if u.TypeOfUnits, err = octets(t); err != nil {
				return ber.Field(strconv.Itoa(i)+".typeOfUnits", err)
			}
		}
		*out = append(*out, u)
	}
	return nil
}

func (u *CurrencyUnits) decode(e ber.Element) error {
	r := e.Reader()
	t, err := r.Expect(ber.TagOctetString)
	if err == nil {
		u.CurrencyType, err = octets(t)
	}
	if err != nil {
		return ber.Field("currencyType", err)
	}
	a, err := r.Expect(ber.TagInteger)
	if err == nil {
		u.CurrencyAmount, err = a.Int64()
	}
	if err != nil {
		return ber.Field("currencyAmount", err)
	}
	m, err := r.Expect(ber.TagEnumerated)
	if err == nil {
		err = decodeEnum(m, &u.CurrencyMultiplier)
	}
	return ber.Field("currencyMultiplier", err)
}
