package ecma323

import (
	"encoding/xml"
	"strings"
)

// The device and connection types appear in every event, many times over.
// They marshal themselves through codecWriter, the token writer the Encoder
// uses (marshal.go), so that xml.Marshal and the Encoder write them
// alike. They also unmarshal themselves, to accept the shapes consumers send
// besides ECMA-323's: a bare number instead of a deviceIdentifier, snom's
// bare connection id, numberdialed spelled as in ASN.1, callID and deviceID
// in either order.

// Empty is a choice alternative without content, such as notKnown.
type Empty struct{}

// DeviceID is ECMA-323's DeviceID: the number as the element's text and its
// form in typeOfNumber ("dialingNumber" when absent). mediaClass and bitRate
// are read and written back but carry nothing from a HiPath.
type DeviceID struct {
	TypeOfNumber string `xml:"typeOfNumber,attr,omitempty"`
	MediaClass   string `xml:"mediaClass,attr,omitempty"`
	BitRate      string `xml:"bitRate,attr,omitempty"`
	Value        string `xml:",chardata"`
}

var (
	xmlAttrTypeOfNumber = xml.Name{Local: "typeOfNumber"}
	xmlAttrMediaClass   = xml.Name{Local: "mediaClass"}
	xmlAttrBitRate      = xml.Name{Local: "bitRate"}
)

// MarshalXML writes d with start's name.
func (d DeviceID) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	w := codecWriter{enc: e}
	return w.deviceID(start, &d)
}

// DeviceRole is a device in a role: ECMA-323's SubjectDeviceID,
// CallingDeviceID, CalledDeviceID, RedirectionDeviceID, the associated and
// network devices. It holds the device (Known) or says why there is none
// (Status: notKnown, restricted, and for the redirection role notRequired
// and notSpecified). The zero value is notKnown. The redirection role names
// its device numberDialed, the others deviceIdentifier.
type DeviceRole struct {
	Device       DeviceID
	Known        bool
	Status       string // when !Known; "" means notKnown
	NumberDialed bool   // write the device as numberDialed
}

// Values of DeviceRole.Status, the names of the choice alternatives.
const (
	RoleNotKnown     = "notKnown"
	RoleRestricted   = "restricted"
	RoleNotRequired  = "notRequired"
	RoleNotSpecified = "notSpecified"
)

var (
	xmlNameDeviceIdentifier = xml.Name{Local: "deviceIdentifier"}
	xmlNameNumberDialed     = xml.Name{Local: "numberDialed"}
	xmlNameDeviceID         = xml.Name{Local: "deviceID"}
	xmlNameCallID           = xml.Name{Local: "callID"}
	xmlNameDynamicID        = xml.Name{Local: "dynamicID"}
	xmlStatusNames          = map[string]xml.Name{}
)

func init() {
	for _, s := range []string{RoleNotKnown, RoleRestricted, RoleNotRequired, RoleNotSpecified} {
		xmlStatusNames[s] = xml.Name{Local: s}
	}
}

// MarshalXML writes the role's one alternative inside start.
func (r DeviceRole) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	w := codecWriter{enc: e}
	return w.role(start, &r)
}

// UnmarshalXML reads any of the alternatives, by local name and ignoring
// case; a role holding only text is read as a deviceIdentifier.
func (r *DeviceRole) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*r = DeviceRole{}
	var text strings.Builder
	child := false
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			child = true
			switch name := strings.ToLower(t.Name.Local); name {
			case "deviceidentifier", "deviceid", "numberdialed":
				r.Known, r.NumberDialed = true, name == "numberdialed"
				err = d.DecodeElement(&r.Device, &t)
			case "notknown", "restricted", "notrequired", "notspecified":
				for s := range xmlStatusNames {
					if strings.EqualFold(s, name) {
						r.Status = s
					}
				}
				err = d.Skip()
			default:
				err = d.Skip()
			}
			if err != nil {
				return err
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if s := strings.TrimSpace(text.String()); !child && s != "" {
				r.Known, r.Device = true, DeviceID{Value: s}
			}
			return nil
		}
	}
}

// ConnectionID is ECMA-323's ConnectionID: a call at a device. HiPath's
// binary call ids are written as lowercase hex. deviceID comes before callID,
// as ECSS-10 writes it (seed 000); the ECMA-323 schema lists callID first,
// and this reader accepts either order. The device is absent when DeviceID
// is zero. Text holds the bare id some consumers put in the element itself
// (snom's $csta_id, seed 001), read as a call id.
type ConnectionID struct {
	DeviceID  DeviceID
	CallID    string
	DynamicID string // hex of the dynamicID alternative of the device
	Text      string
}

// MarshalXML writes the device, then the call id.
func (c ConnectionID) MarshalXML(e *xml.Encoder, start xml.StartElement) error {
	w := codecWriter{enc: e}
	return w.conn(start, &c)
}

// UnmarshalXML reads callID, deviceID and dynamicID in any order.
func (c *ConnectionID) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	*c = ConnectionID{}
	var text strings.Builder
	child := false
	for {
		tok, err := d.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			child = true
			switch strings.ToLower(t.Name.Local) {
			case "deviceid", "staticid":
				err = d.DecodeElement(&c.DeviceID, &t)
			case "callid":
				err = d.DecodeElement(&c.CallID, &t)
				c.CallID = strings.TrimSpace(c.CallID)
			case "dynamicid":
				err = d.DecodeElement(&c.DynamicID, &t)
				c.DynamicID = strings.TrimSpace(c.DynamicID)
			default:
				err = d.Skip()
			}
			if err != nil {
				return err
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if !child {
				c.Text = strings.TrimSpace(text.String())
			}
			return nil
		}
	}
}
