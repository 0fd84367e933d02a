package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// A ConnectionList tells, after a conference or a transfer, which new
// connection replaced which old one and which endpoint each belongs to
// (ECMA-269 12.3.9). ConferencedEvent, TransferredEvent and the results of
// ConferenceCall and TransferCall carry one.
type ConnectionList []ConnectionListEntry

// A ConnectionListEntry is one element of a ConnectionList. Every field is
// optional: a zero ConnectionID or Device is absent.
type ConnectionListEntry struct {
	NewConnection ConnectionID // newConnection [0]
	OldConnection ConnectionID // oldConnection [1]
	// Endpoint is the device at the end of the connection: a DeviceID, or
	// Status DeviceNotKnown or DeviceRestricted.
	Endpoint Device
	// AssociatedNID is the network interface device of the endpoint: a
	// DeviceID or Status DeviceNotKnown.
	AssociatedNID           Device
	ResultingConnectionInfo *ConnectionInformation // nil when absent
}

var (
	tagListNewConnection = ber.Context(0).Constructed()
	tagListOldConnection = ber.Context(1).Constructed()
	tagListEndpoint      = ber.Context(2).Constructed()
	tagListAssociatedNID = ber.Context(3).Constructed()
	// restricted [1] NULL: explicit, as the module has no default tagging.
	tagListRestricted = ber.Context(1).Constructed()
)

// encode writes the SEQUENCE OF with tag t (the universal SEQUENCE, or the
// context tag of a field that implicitly re-tags it).
func (l ConnectionList) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		for i := range l {
			l[i].encode(b)
		}
	})
}

// decode reads the entries of a ConnectionList element. The result is never
// nil, so that a present but empty list is told from an absent one.
func (l *ConnectionList) decode(e ber.Element) error {
	// Count the entries first, so that the list takes one allocation.
	n := 0
	for r := e.Reader(); !r.Empty(); n++ {
		if err := r.Skip(); err != nil {
			return err
		}
	}
	out := make(ConnectionList, n)
	r := e.Reader()
	var f ber.Element
	for i := range out {
		if err := r.Read(&f); err != nil {
			return err
		}
		if f.Tag != ber.TagSequence {
			return ber.Field(strconv.Itoa(i), tagError(f))
		}
		if err := out[i].decode(f); err != nil {
			return ber.Field(strconv.Itoa(i), err)
		}
	}
	*l = out
	return nil
}

func (c *ConnectionListEntry) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		if !c.NewConnection.IsZero() {
			b.AddConstructed(tagListNewConnection, func(b *ber.Builder) {
				c.NewConnection.encode(b, tagConnectionID)
			})
		}
		if !c.OldConnection.IsZero() {
			b.AddConstructed(tagListOldConnection, func(b *ber.Builder) {
				c.OldConnection.encode(b, tagConnectionID)
			})
		}
		if !c.Endpoint.IsZero() {
			b.AddConstructed(tagListEndpoint, func(b *ber.Builder) {
				listEncodeDevice(b, &c.Endpoint, true)
			})
		}
		if !c.AssociatedNID.IsZero() {
			b.AddConstructed(tagListAssociatedNID, func(b *ber.Builder) {
				listEncodeDevice(b, &c.AssociatedNID, false)
			})
		}
		if c.ResultingConnectionInfo != nil {
			c.ResultingConnectionInfo.encode(b, ber.TagSequence)
		}
	})
}

// listEncodeDevice writes the endpoint or associatedNID CHOICE: DeviceID,
// notKnown NULL, or (endpoint only) restricted [1] NULL, explicitly tagged.
func listEncodeDevice(b *ber.Builder, d *Device, restricted bool) {
	switch {
	case d.Status == DeviceGiven:
		d.DeviceID.encode(b, ber.TagSequence)
	case d.Status == DeviceNotKnown:
		b.AddNull(ber.TagNull)
	case d.Status == DeviceRestricted && restricted:
		b.AddConstructed(tagListRestricted, func(b *ber.Builder) { b.AddNull(ber.TagNull) })
	default:
		b.SetError(errNoDevice)
	}
}

// listDecodeDevice reads the CHOICE inside an endpoint or associatedNID tag.
func listDecodeDevice(e ber.Element, d *Device, restricted bool) error {
	*d = Device{}
	c, err := explicitInner(e)
	if err != nil {
		return err
	}
	switch {
	case c.Tag == ber.TagSequence:
		return d.DeviceID.decode(c)
	case c.Tag == ber.TagNull:
		d.Status = DeviceNotKnown
		return c.Null()
	case c.Tag == tagListRestricted && restricted:
		d.Status = DeviceRestricted
		n, err := explicitInner(c)
		if err != nil {
			return ber.Field("restricted", err)
		}
		if n.Tag != ber.TagNull {
			return ber.Field("restricted", tagError(n))
		}
		return ber.Field("restricted", n.Null())
	}
	return tagError(c)
}

// listDecodeConnection reads a ConnectionID inside an explicit context tag.
func listDecodeConnection(e ber.Element, c *ConnectionID) error {
	in, err := explicitInner(e)
	if err != nil {
		return err
	}
	if in.Tag != tagConnectionID {
		return tagError(in)
	}
	return c.decode(in)
}

func (c *ConnectionListEntry) decode(e ber.Element) error {
	*c = ConnectionListEntry{}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagListNewConnection:
			err = ber.Field("newConnection", listDecodeConnection(f, &c.NewConnection))
		case tagListOldConnection:
			err = ber.Field("oldConnection", listDecodeConnection(f, &c.OldConnection))
		case tagListEndpoint:
			err = ber.Field("endpoint", listDecodeDevice(f, &c.Endpoint, true))
		case tagListAssociatedNID:
			err = ber.Field("associatedNID", listDecodeDevice(f, &c.AssociatedNID, false))
		case ber.TagSequence:
			c.ResultingConnectionInfo = new(ConnectionInformation)
			err = ber.Field("resultingConnectionInfo", c.ResultingConnectionInfo.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// FlowDirection is the direction of the media flow of a connection.
type FlowDirection int

// Values of FlowDirection.
const (
	FlowTransmit           FlowDirection = 0
	FlowReceive            FlowDirection = 1
	FlowTransmitAndReceive FlowDirection = 2
	FlowNone               FlowDirection = 3
)

var flowDirectionNames = [...]string{"transmit", "receive", "transmitAndReceive", "none"}

// String returns the ASN.1 name of the direction.
func (f FlowDirection) String() string { return indexString(flowDirectionNames[:], f, "FlowDirection") }

// ParseFlowDirection returns the direction with ASN.1 name s.
func ParseFlowDirection(s string) (FlowDirection, bool) {
	return indexParse[FlowDirection](flowDirectionNames[:], s)
}

// ConnectionInformation describes the media of a connection (ECMA-269
// 12.3.10): its flow direction, channels and media session.
type ConnectionInformation struct {
	HasFlowDirection bool
	FlowDirection    FlowDirection
	// HasNumberOfChannels reports whether numberOfChannels was sent; when it
	// was not, the value is 1 (the ASN.1 DEFAULT).
	HasNumberOfChannels     bool
	NumberOfChannels        int64
	MediaSessionInformation string // optional; "" when absent
}

// Channels returns the number of channels, applying the default of 1.
func (c *ConnectionInformation) Channels() int64 {
	if !c.HasNumberOfChannels {
		return 1
	}
	return c.NumberOfChannels
}

// encode writes the SEQUENCE with tag t.
func (c *ConnectionInformation) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		addOptEnum(b, ber.TagEnumerated, c.HasFlowDirection, c.FlowDirection)
		if c.HasNumberOfChannels {
			b.AddInt64(ber.TagInteger, c.NumberOfChannels)
		}
		if c.MediaSessionInformation != "" {
			b.AddString(ber.TagIA5String, c.MediaSessionInformation)
		}
	})
}

func (c *ConnectionInformation) decode(e ber.Element) error {
	*c = ConnectionInformation{}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagEnumerated:
			err = optEnumField("flowDirection", &c.HasFlowDirection, &c.FlowDirection, f)
		case ber.TagInteger:
			c.HasNumberOfChannels = true
			c.NumberOfChannels, err = f.Int64()
			err = ber.Field("numberOfChannels", err)
		case ber.TagIA5String:
			c.MediaSessionInformation, err = f.Text()
			err = ber.Field("mediaSessionInformation", err)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// CallLinkageDataList is the call linkage of a call that results from
// joining two calls (conference, transfer): the new call's and the old
// call's CallLinkageData.
type CallLinkageDataList struct {
	NewCallLinkageData CallLinkageData
	OldCallLinkageData CallLinkageData
}

// IsZero reports whether the list is absent.
func (l *CallLinkageDataList) IsZero() bool {
	return l.NewCallLinkageData.IsZero() && l.OldCallLinkageData.IsZero()
}

// encode writes the SEQUENCE with tag t.
func (l *CallLinkageDataList) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		l.NewCallLinkageData.encode(b, ber.TagSequence)
		l.OldCallLinkageData.encode(b, ber.TagSequence)
	})
}

func (l *CallLinkageDataList) decode(e ber.Element) error {
	*l = CallLinkageDataList{}
	r := e.Reader()
	n, err := r.Expect(ber.TagSequence)
	if err != nil {
		return ber.Field("newCallLinkageData", err)
	}
	if err := l.NewCallLinkageData.decode(n); err != nil {
		return ber.Field("newCallLinkageData", err)
	}
	o, err := r.Expect(ber.TagSequence)
	if err != nil {
		return ber.Field("oldCallLinkageData", err)
	}
	return ber.Field("oldCallLinkageData", l.OldCallLinkageData.decode(o))
}
