package cstav3

import "github.com/cstav3/cstav3/ber"

// Device maintenance events (ECMA-269 22.2.1, 22.2.3): a device going out
// of service and coming back. Both have the same shape, handled by
// mtEncodeService / mtDecodeService.

func init() {
	register[BackInServiceEvent](EventBackInService)
	register[OutOfServiceEvent](EventOutOfService)
}

// BackInServiceEvent reports that Device works again (ECMA-269 22.2.1).
type BackInServiceEvent struct {
	Device     Device
	HasCause   bool
	Cause      EventCause // valid if HasCause
	Extensions CommonArguments
}

// OutOfServiceEvent reports that Device can no longer be used, e.g. a phone
// was unplugged (ECMA-269 22.2.3).
type OutOfServiceEvent struct {
	Device     Device
	HasCause   bool
	Cause      EventCause // valid if HasCause
	Extensions CommonArguments
}

// Type returns EventBackInService.
func (*BackInServiceEvent) Type() EventType { return EventBackInService }

// Type returns EventOutOfService.
func (*OutOfServiceEvent) Type() EventType { return EventOutOfService }

func (e *BackInServiceEvent) encode(b *ber.Builder, t ber.Tag) {
	mtEncodeService(b, t, &e.Device, e.HasCause, e.Cause, &e.Extensions)
}

func (e *BackInServiceEvent) decode(el ber.Element) error {
	*e = BackInServiceEvent{}
	return mtDecodeService(el, &e.Device, &e.HasCause, &e.Cause, &e.Extensions)
}

func (e *OutOfServiceEvent) encode(b *ber.Builder, t ber.Tag) {
	mtEncodeService(b, t, &e.Device, e.HasCause, e.Cause, &e.Extensions)
}

func (e *OutOfServiceEvent) decode(el ber.Element) error {
	*e = OutOfServiceEvent{}
	return mtDecodeService(el, &e.Device, &e.HasCause, &e.Cause, &e.Extensions)
}

// mtEncodeService writes SEQUENCE { device SubjectDeviceID, cause EventCause
// OPTIONAL, extensions OPTIONAL } with tag t.
func mtEncodeService(b *ber.Builder, t ber.Tag, dev *Device, hasCause bool, cause EventCause, ext *CommonArguments) {
	b.AddConstructed(t, func(b *ber.Builder) {
		dev.encodeRole(b, tagSubjectDevice)
		if hasCause {
			b.AddInt(ber.TagEnumerated, int(cause))
		}
		ext.encode(b)
	})
}

// mtDecodeService reads what mtEncodeService writes into zeroed fields.
func mtDecodeService(el ber.Element, dev *Device, hasCause *bool, cause *EventCause, ext *CommonArguments) error {
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagSubjectDevice:
			d.seen(0)
			err = ber.Field("device", dev.decodeRole(f))
		case ber.TagEnumerated:
			*hasCause = true
			err = ber.Field("cause", decodeEnum(f, cause))
		case tagCommonArguments:
			err = ber.Field("extensions", ext.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "device")
}
