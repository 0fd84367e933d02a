package cstav3

import "github.com/cstav3/cstav3/ber"

// Hold-related call-control services (ECMA-269 17.1): HoldCall,
// RetrieveCall, AlternateCall and ReconnectCall. All four results are
// NoData.

func init() {
	registerOperation(OpHoldCall, func() Argument { return new(HoldCallArgument) }, noData(OpHoldCall))
	registerOperation(OpRetrieveCall, func() Argument { return new(RetrieveCallArgument) }, noData(OpRetrieveCall))
	registerOperation(OpAlternateCall, func() Argument { return new(AlternateCallArgument) }, noData(OpAlternateCall))
	registerOperation(OpReconnectCall, func() Argument { return new(ReconnectCallArgument) }, noData(OpReconnectCall))
}

// HoldCallArgument puts a device's connection to a call on hold
// (ECMA-269 17.1.10, holdCall).
type HoldCallArgument struct {
	CallToBeHeld ConnectionID
	// ConnectionReservation asks the switch to keep the held device's
	// line reserved; present if HasConnectionReservation.
	HasConnectionReservation bool
	ConnectionReservation    bool
	Extensions               CommonArguments
}

// Opcode returns OpHoldCall.
func (*HoldCallArgument) Opcode() Opcode { return OpHoldCall }

func (a *HoldCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallToBeHeld.encode(b, tagConnectionID)
		if a.HasConnectionReservation {
			b.AddBool(ber.TagBoolean, a.ConnectionReservation)
		}
		a.Extensions.encode(b)
	})
}

func (a *HoldCallArgument) decode(e ber.Element) error {
	*a = HoldCallArgument{}
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
				err = ber.Field("callToBeHeld", a.CallToBeHeld.decode(f))
			}
		case ber.TagBoolean:
			a.HasConnectionReservation = true
			a.ConnectionReservation, err = f.Bool()
			err = ber.Field("connectionReservation", err)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callToBeHeld")
}

// RetrieveCallArgument reconnects a held connection (ECMA-269 17.1.14,
// retrieveCall).
type RetrieveCallArgument struct {
	CallToBeRetrieved ConnectionID
	Extensions        CommonArguments
}

// Opcode returns OpRetrieveCall.
func (*RetrieveCallArgument) Opcode() Opcode { return OpRetrieveCall }

func (a *RetrieveCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.CallToBeRetrieved.encode(b, tagConnectionID)
		a.Extensions.encode(b)
	})
}

func (a *RetrieveCallArgument) decode(e ber.Element) error {
	*a = RetrieveCallArgument{}
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
				err = ber.Field("callToBeRetrieved", a.CallToBeRetrieved.decode(f))
			}
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "callToBeRetrieved")
}

// AlternateCallArgument holds ActiveCall and retrieves HeldCall in one step
// (ECMA-269 17.1.1, alternateCall).
type AlternateCallArgument struct {
	HeldCall                 ConnectionID
	ActiveCall               ConnectionID
	HasConnectionReservation bool
	ConnectionReservation    bool // optional, if HasConnectionReservation
	// ConsultOptions defaults to unrestricted, which is never encoded.
	ConsultOptions ConsultOptions
	Extensions     CommonArguments
}

// Opcode returns OpAlternateCall.
func (*AlternateCallArgument) Opcode() Opcode { return OpAlternateCall }

func (a *AlternateCallArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		a.HeldCall.encode(b, tagConnectionID)
		a.ActiveCall.encode(b, tagConnectionID)
		if a.HasConnectionReservation {
			b.AddBool(ber.TagBoolean, a.ConnectionReservation)
		}
		if a.ConsultOptions != ConsultUnrestricted {
			b.AddInt(ber.TagEnumerated, int(a.ConsultOptions))
		}
		a.Extensions.encode(b)
	})
}

func (a *AlternateCallArgument) decode(e ber.Element) error {
	*a = AlternateCallArgument{}
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
			switch {
			case !d.seen(0):
				err = ber.Field("heldCall", a.HeldCall.decode(f))
			case !d.seen(1):
				err = ber.Field("activeCall", a.ActiveCall.decode(f))
			}
		case ber.TagBoolean:
			a.HasConnectionReservation = true
			a.ConnectionReservation, err = f.Bool()
			err = ber.Field("connectionReservation", err)
		case ber.TagEnumerated:
			err = ber.Field("consultOptions", decodeEnum(f, &a.ConsultOptions))
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "heldCall", "activeCall")
}

// ReconnectCallArgument clears ActiveCall and retrieves HeldCall
// (ECMA-269 17.1.13, reconnectCall).
type ReconnectCallArgument struct {
	ActiveCall ConnectionID
	HeldCall   ConnectionID
	Extensions CommonArguments
}

// Opcode returns OpReconnectCall.
func (*ReconnectCallArgument) Opcode() Opcode { return OpReconnectCall }

func (a *ReconnectCallArgument) encode(b *ber.Builder) {
	ccEncodeCallPair(b, &a.ActiveCall, &a.HeldCall, &a.Extensions)
}

func (a *ReconnectCallArgument) decode(e ber.Element) error {
	*a = ReconnectCallArgument{}
	return ccDecodeCallPair(e, "activeCall", "heldCall", &a.ActiveCall, &a.HeldCall, &a.Extensions)
}

// ccEncodeCallPair writes the argument shape { ConnectionID, ConnectionID,
// extensions } of ReconnectCall, TransferCall and ConferenceCall.
func ccEncodeCallPair(b *ber.Builder, first, second *ConnectionID, x *CommonArguments) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		first.encode(b, tagConnectionID)
		second.encode(b, tagConnectionID)
		x.encode(b)
	})
}

// ccDecodeCallPair reads the shape ccEncodeCallPair writes; the two
// connections share a tag and are told apart by position.
func ccDecodeCallPair(e ber.Element, firstName, secondName string, first, second *ConnectionID, x *CommonArguments) error {
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
			switch {
			case !d.seen(0):
				err = ber.Field(firstName, first.decode(f))
			case !d.seen(1):
				err = ber.Field(secondName, second.decode(f))
			}
		case tagCommonArguments:
			err = ber.Field("extensions", x.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, firstName, secondName)
}
