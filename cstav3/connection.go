package cstav3

import (
	"encoding/hex"

	"github.com/cstav3/cstav3/ber"
)

// A CallID names a call inside the switch. HiPath uses two octets.
type CallID []byte

// String returns the call id in lowercase hex, the form the XML bridge and
// the command line show.
func (c CallID) String() string { return hex.EncodeToString(c) }

// A ConnectionID names one device's connection to a call (ECMA-269 12.3.8).
// It takes one of three forms: CallID only, device only, or both (what
// HiPath sends). A nil CallID means the call id is absent; a zero Device
// with a nil DynamicID means the device is absent.
type ConnectionID struct {
	Call   CallID
	Device DeviceID // staticID form of the LocalDeviceID
	// DynamicID is the dynamicID [3] form of the LocalDeviceID.
	DynamicID []byte
}

// NewConnectionID returns the "both" form HiPath uses.
func NewConnectionID(call CallID, device DeviceID) ConnectionID {
	return ConnectionID{Call: call, Device: device}
}

// IsZero reports whether c names nothing (an absent optional connection).
func (c ConnectionID) IsZero() bool {
	return c.Call == nil && c.Device.IsZero() && c.DynamicID == nil
}

func (c ConnectionID) hasDevice() bool { return !c.Device.IsZero() || c.DynamicID != nil }

// Equal reports whether two connection ids name the same connection.
func (c ConnectionID) Equal(d ConnectionID) bool {
	return string(c.Call) == string(d.Call) && c.Device.Kind == d.Device.Kind &&
		c.Device.Number == d.Device.Number &&
		string(c.DynamicID) == string(d.DynamicID)
}

// String returns the call id in hex, followed by @device when the
// connection names one.
func (c ConnectionID) String() string {
	s := c.Call.String()
	if c.hasDevice() {
		s += "@" + c.Device.String()
	}
	return s
}

var (
	tagConnectionID = ber.Application(11).Constructed()
	tagLocalDevice  = ber.Context(1).Constructed()
	tagDynamicID    = ber.Context(3)
)

func (c *ConnectionID) encodeLocal(b *ber.Builder) {
	b.AddConstructed(tagLocalDevice, func(b *ber.Builder) {
		if c.DynamicID != nil {
			b.AddBytes(tagDynamicID, c.DynamicID)
			return
		}
		c.Device.encode(b, ber.TagSequence)
	})
}

// encode writes c with wrapper tag t: [APPLICATION 11] normally, or the
// context tag of a field that re-tags it (the choice is explicit either way).
func (c *ConnectionID) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		switch {
		case c.Call != nil && c.hasDevice():
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
				b.AddBytes(ber.Context(0), c.Call)
				c.encodeLocal(b)
			})
		case c.hasDevice():
			c.encodeLocal(b)
		default:
			b.AddBytes(ber.Context(0), c.Call)
		}
	})
}

func (c *ConnectionID) decodeLocal(e ber.Element) error {
	r := e.Reader()
	d, err := r.Next()
	if err != nil {
		return err
	}
	switch d.Tag {
	case ber.TagSequence:
		return c.Device.decode(d)
	case tagDynamicID:
		c.DynamicID, err = d.Bytes()
		if c.DynamicID == nil {
			c.DynamicID = []byte{}
		}
		return err
	}
	return tagError(d)
}

// decode reads a ConnectionID from its wrapper element.
func (c *ConnectionID) decode(e ber.Element) error {
	if c.decodeBoth(e.Content()) {
		return nil
	}
	return c.decodeFull(e)
}

// decodeFull is decode without the fast path.
func (c *ConnectionID) decodeFull(e ber.Element) error {
	*c = ConnectionID{}
	r := e.Reader()
	x, err := r.Next()
	if err != nil {
		return err
	}
	switch x.Tag {
	case ber.Context(0):
		return c.decodeCall(x)
	case tagLocalDevice:
		return ber.Field("deviceID", c.decodeLocal(x))
	case ber.TagSequence:
		// both: callID and deviceID are mandatory; other elements are
		// skipped.
		var seen fieldDecoder
		rr := x.Reader()
		for !rr.Empty() {
			f, err := rr.Next()
			if err != nil {
				return ber.Field("both", err)
			}
			switch f.Tag {
			case ber.Context(0):
				seen.seen(0)
				if err := c.decodeCall(f); err != nil {
					return ber.Field("both.callID", err)
				}
			case tagLocalDevice:
				seen.seen(1)
				if err := c.decodeLocal(f); err != nil {
					return ber.Field("both.deviceID", err)
				}
			}
		}
		return seen.require(x, "both.callID", "both.deviceID")
	}
	return tagError(x)
}

// decodeBoth is decode's fast path for the form HiPath sends: exactly
// SEQUENCE { [0] callID, [1] { SEQUENCE { [0] dialing number } } } with short
// lengths. It reports false, having changed nothing, for anything else.
func (c *ConnectionID) decodeBoth(x []byte) bool {
	x, ok := shortContent(x, 0x30)
	if !ok || len(x) < 2 || x[0] != 0x80 || x[1] >= 0x80 || int(x[1])+2 > len(x) {
		return false
	}
	k := 2 + int(x[1])
	call, x := x[2:k:k], x[k:]
	if x, ok = shortContent(x, 0xA1); !ok {
		return false
	}
	if x, ok = shortContent(x, 0x30); !ok {
		return false
	}
	var d DeviceID
	if !d.decodeDialing(x) {
		return false
	}
	*c = ConnectionID{Call: call, Device: d}
	return true
}

func (c *ConnectionID) decodeCall(e ber.Element) error {
	v, err := e.Bytes()
	if err != nil {
		return ber.Field("callID", err)
	}
	if v == nil {
		v = CallID{}
	}
	c.Call = v
	return nil
}

// decodeOptionalConnection decodes an optional ConnectionID into a new value
// at *p; absent ones stay nil, which keeps the events that carry them small.
func decodeOptionalConnection(p **ConnectionID, e ber.Element) error {
	c := new(ConnectionID)
	*p = c
	return c.decode(e)
}
