package ecma323

import (
	"encoding/xml"
	"slices"
	"sync"
)

// codecWriter writes elements either through an xml.Encoder (enc set: the
// MarshalXML methods of DeviceID, DeviceRole, ConnectionID and Flags, called
// by encoding/xml) or by appending to out (enc nil: the Encoder). Both write
// the same bytes; the MarshalXML methods exist so that xml.Marshal of a
// message, the reference the tests compare with, writes these types as the
// Encoder does.
type codecWriter struct {
	enc     *xml.Encoder
	pending xml.StartElement // the start tag being gathered for enc
	out     codecXMLWriter
	scratch []byte // text handed to enc
}

// openStart begins the start tag of t with attrs; attr adds an attribute
// and closeStart ends it. For enc, the tag is gathered into one token.
func (w *codecWriter) openStart(t *codecTag, attrs []xml.Attr) error {
	if w.enc != nil {
		w.pending = xml.StartElement{Name: t.name, Attr: slices.Clone(attrs)}
		return nil
	}
	if err := w.out.openStart(t); err != nil {
		return err
	}
	for i := range attrs {
		if err := w.out.attr(&codecAttr{name: attrs[i].Name}, attrs[i].Value); err != nil {
			return err
		}
	}
	return nil
}

func (w *codecWriter) attr(a *codecAttr, value string) error {
	if w.enc != nil {
		w.pending.Attr = append(w.pending.Attr, xml.Attr{Name: a.name, Value: value})
		return nil
	}
	return w.out.attr(a, value)
}

func (w *codecWriter) closeStart() error {
	if w.enc != nil {
		s := w.pending
		w.pending = xml.StartElement{}
		return w.enc.EncodeToken(s)
	}
	w.out.closeStart()
	return nil
}

// start writes the start tag of t with attrs.
func (w *codecWriter) start(t *codecTag, attrs []xml.Attr) error {
	if w.enc == nil && len(attrs) == 0 {
		return w.out.start(t)
	}
	if err := w.openStart(t, attrs); err != nil {
		return err
	}
	return w.closeStart()
}

func (w *codecWriter) end(t *codecTag) error {
	if w.enc == nil {
		return w.out.end(t)
	}
	return w.enc.EncodeToken(xml.EndElement{Name: t.name})
}

// chars writes s as an xml.CharData token: newlines are not escaped.
func (w *codecWriter) chars(s string) error {
	if s == "" {
		return nil
	}
	if w.enc == nil {
		w.out.charData(s)
		return nil
	}
	w.scratch = append(w.scratch[:0], s...)
	return w.enc.EncodeToken(xml.CharData(w.scratch))
}

// text writes <name>s</name>, s as chars writes it.
func (w *codecWriter) text(t *codecTag, s string) error {
	if err := w.start(t, nil); err != nil {
		return err
	}
	if err := w.chars(s); err != nil {
		return err
	}
	return w.end(t)
}

// value writes <name>s</name> as encoding/xml writes a string field (and
// the text of a bool): unlike chars, newlines are escaped.
func (w *codecWriter) value(t *codecTag, s string) error {
	if w.enc != nil {
		return w.enc.EncodeElement(s, xml.StartElement{Name: t.name})
	}
	if err := w.out.start(t); err != nil {
		return err
	}
	w.out.text(s)
	return w.out.end(t)
}

// number writes <name>n</name> as encoding/xml writes an int field.
func (w *codecWriter) number(t *codecTag, n int64) error {
	if w.enc != nil {
		return w.enc.EncodeElement(n, xml.StartElement{Name: t.name})
	}
	if err := w.out.start(t); err != nil {
		return err
	}
	w.out.int(n)
	return w.out.end(t)
}

// element writes v as the element t with encoding/xml itself.
func (w *codecWriter) element(t *codecTag, v any) error {
	if w.enc != nil {
		return w.enc.EncodeElement(v, xml.StartElement{Name: t.name})
	}
	return w.out.element(v, xml.StartElement{Name: t.name})
}

func (w *codecWriter) empty(t *codecTag) error {
	if err := w.start(t, nil); err != nil {
		return err
	}
	return w.end(t)
}

// The MarshalXML methods write through these, with the start element
// encoding/xml hands them.

func (w *codecWriter) deviceID(s xml.StartElement, d *DeviceID) error {
	return w.putDeviceID(&codecTag{name: s.Name}, s.Attr, d)
}

func (w *codecWriter) role(s xml.StartElement, r *DeviceRole) error {
	return w.putRole(&codecTag{name: s.Name}, s.Attr, r)
}

func (w *codecWriter) conn(s xml.StartElement, c *ConnectionID) error {
	return w.putConn(&codecTag{name: s.Name}, s.Attr, c)
}

func (w *codecWriter) flags(s xml.StartElement, f Flags) error {
	return w.putFlags(&codecTag{name: s.Name}, s.Attr, f)
}

// Tags of the elements and attributes inside the device types. Those of the
// status alternatives of a role are made on first use, as xmlStatusNames is
// filled by an init function, which runs after this file's variables are
// set; they are few, and a slice is searched faster than a map.
var (
	codecTagDeviceIdentifier = codecTagFor(xmlNameDeviceIdentifier)
	codecTagNumberDialed     = codecTagFor(xmlNameNumberDialed)
	codecTagDeviceID         = codecTagFor(xmlNameDeviceID)
	codecTagCallID           = codecTagFor(xmlNameCallID)
	codecTagDynamicID        = codecTagFor(xmlNameDynamicID)
	codecAttrTypeOfNumber    = codecAttrFor(xmlAttrTypeOfNumber)
	codecAttrMediaClass      = codecAttrFor(xmlAttrMediaClass)
	codecAttrBitRate         = codecAttrFor(xmlAttrBitRate)
	codecStatusTags          = sync.OnceValue(func() []codecStatusTag {
		var tags []codecStatusTag
		for s, n := range xmlStatusNames {
			tags = append(tags, codecStatusTag{s, codecTagFor(n)})
		}
		return tags
	})
)

type codecStatusTag struct {
	status string
	tag    codecTag
}

// codecStatusTagFor returns the tag of a role's status alternative: that of
// xmlStatusNames[status], or of notKnown if status is not there.
func codecStatusTagFor(status string) *codecTag {
	tags := codecStatusTags()
	for i := range tags {
		if tags[i].status == status {
			return &tags[i].tag
		}
	}
	for i := range tags {
		if tags[i].status == RoleNotKnown {
			return &tags[i].tag
		}
	}
	return &codecTag{name: xmlStatusNames[RoleNotKnown]}
}

// putDeviceID writes d as t, its attributes after attrs.
func (w *codecWriter) putDeviceID(t *codecTag, attrs []xml.Attr, d *DeviceID) error {
	if err := w.openStart(t, attrs); err != nil {
		return err
	}
	// The attributes are omitempty.
	if d.TypeOfNumber != "" {
		if err := w.attr(&codecAttrTypeOfNumber, d.TypeOfNumber); err != nil {
			return err
		}
	}
	if d.MediaClass != "" {
		if err := w.attr(&codecAttrMediaClass, d.MediaClass); err != nil {
			return err
		}
	}
	if d.BitRate != "" {
		if err := w.attr(&codecAttrBitRate, d.BitRate); err != nil {
			return err
		}
	}
	if err := w.closeStart(); err != nil {
		return err
	}
	if err := w.chars(d.Value); err != nil {
		return err
	}
	return w.end(t)
}

func (w *codecWriter) putRole(t *codecTag, attrs []xml.Attr, r *DeviceRole) error {
	if err := w.start(t, attrs); err != nil {
		return err
	}
	var err error
	switch {
	case r.Known && r.NumberDialed:
		err = w.putDeviceID(&codecTagNumberDialed, nil, &r.Device)
	case r.Known:
		err = w.putDeviceID(&codecTagDeviceIdentifier, nil, &r.Device)
	default:
		err = w.empty(codecStatusTagFor(r.Status))
	}
	if err != nil {
		return err
	}
	return w.end(t)
}

func (w *codecWriter) putConn(t *codecTag, attrs []xml.Attr, c *ConnectionID) error {
	if err := w.start(t, attrs); err != nil {
		return err
	}
	var err error
	switch {
	case c.DeviceID != DeviceID{}:
		err = w.putDeviceID(&codecTagDeviceID, nil, &c.DeviceID)
	case c.DynamicID != "":
		err = w.text(&codecTagDynamicID, c.DynamicID)
	}
	if err == nil && c.CallID != "" {
		err = w.text(&codecTagCallID, c.CallID)
	}
	if err == nil && c.Text != "" && c.CallID == "" && c.DeviceID == (DeviceID{}) && c.DynamicID == "" {
		err = w.chars(c.Text)
	}
	if err != nil {
		return err
	}
	return w.end(t)
}

func (w *codecWriter) putFlags(t *codecTag, attrs []xml.Attr, f Flags) error {
	if err := w.start(t, attrs); err != nil {
		return err
	}
	for _, fl := range f {
		v := "false"
		if fl.On {
			v = "true"
		}
		if err := w.text(&codecTag{name: xml.Name{Local: fl.Name}}, v); err != nil {
			return err
		}
	}
	return w.end(t)
}
