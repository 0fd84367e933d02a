package xmlbridge

import (
	"encoding/xml"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// The Encoder writes the message structs with xml.Encoder.EncodeToken,
// driven by a plan per struct type read once from the same struct tags
// encoding/xml uses: encoding/xml's Marshal re-examines every field's type
// on every call (Marshaler checks, omitempty, type info lookups), which made
// a DeliveredEvent cost several times the tokens it writes. The output is
// the one xml.Marshal gives for these types, which TestFastMarshalMatches
// checks for every message; shapes the plan does not know (innerxml) are
// handed to encoding/xml itself.

// codecWriter writes tokens through an xml.Encoder, reusing one buffer for
// text so that writing a string costs no allocation.
type codecWriter struct {
	enc     *xml.Encoder
	scratch []byte
}

func (w *codecWriter) start(s xml.StartElement) error { return w.enc.EncodeToken(s) }
func (w *codecWriter) end(n xml.Name) error           { return w.enc.EncodeToken(xml.EndElement{Name: n}) }

func (w *codecWriter) chars(s string) error {
	if s == "" {
		return nil
	}
	w.scratch = append(w.scratch[:0], s...)
	return w.enc.EncodeToken(xml.CharData(w.scratch))
}

// text writes <name>s</name>.
func (w *codecWriter) text(s xml.StartElement, text string) error {
	if err := w.start(s); err != nil {
		return err
	}
	if err := w.chars(text); err != nil {
		return err
	}
	return w.end(s.Name)
}

func (w *codecWriter) empty(n xml.Name) error {
	if err := w.start(xml.StartElement{Name: n}); err != nil {
		return err
	}
	return w.end(n)
}

func (w *codecWriter) deviceID(s xml.StartElement, d *DeviceID) error {
	var attrs [3]xml.Attr
	a := attrs[:0]
	if d.TypeOfNumber != "" {
		a = append(a, xml.Attr{Name: xmlAttrTypeOfNumber, Value: d.TypeOfNumber})
	}
	if d.MediaClass != "" {
		a = append(a, xml.Attr{Name: xmlAttrMediaClass, Value: d.MediaClass})
	}
	if d.BitRate != "" {
		a = append(a, xml.Attr{Name: xmlAttrBitRate, Value: d.BitRate})
	}
	s.Attr = append(s.Attr, a...)
	return w.text(s, d.Value)
}

func (w *codecWriter) role(s xml.StartElement, r *DeviceRole) error {
	if err := w.start(s); err != nil {
		return err
	}
	var err error
	switch {
	case r.Known && r.NumberDialed:
		err = w.deviceID(xml.StartElement{Name: xmlNameNumberDialed}, &r.Device)
	case r.Known:
		err = w.deviceID(xml.StartElement{Name: xmlNameDeviceIdentifier}, &r.Device)
	default:
		name, ok := xmlStatusNames[r.Status]
		if !ok {
			name = xmlStatusNames[RoleNotKnown]
		}
		err = w.empty(name)
	}
	if err != nil {
		return err
	}
	return w.end(s.Name)
}

func (w *codecWriter) conn(s xml.StartElement, c *ConnectionID) error {
	if err := w.start(s); err != nil {
		return err
	}
	var err error
	switch {
	case c.DeviceID != DeviceID{}:
		err = w.deviceID(xml.StartElement{Name: xmlNameDeviceID}, &c.DeviceID)
	case c.DynamicID != "":
		err = w.text(xml.StartElement{Name: xmlNameDynamicID}, c.DynamicID)
	}
	if err == nil && c.CallID != "" {
		err = w.text(xml.StartElement{Name: xmlNameCallID}, c.CallID)
	}
	if err == nil && c.Text != "" && c.CallID == "" && c.DeviceID == (DeviceID{}) && c.DynamicID == "" {
		err = w.chars(c.Text)
	}
	if err != nil {
		return err
	}
	return w.end(s.Name)
}

func (w *codecWriter) flags(s xml.StartElement, f Flags) error {
	if err := w.start(s); err != nil {
		return err
	}
	for _, fl := range f {
		v := "false"
		if fl.On {
			v = "true"
		}
		if err := w.text(xml.StartElement{Name: xml.Name{Local: fl.Name}}, v); err != nil {
			return err
		}
	}
	return w.end(s.Name)
}

// codecFieldWriter writes one value (a field, a slice element or what a
// pointer points to) as the element s.
type codecFieldWriter func(w *codecWriter, s xml.StartElement, v reflect.Value) error

type codecField struct {
	index     int
	name      xml.Name
	omitEmpty bool
	write     codecFieldWriter
}

// codecPlan is how a struct type is written: its element fields in order,
// and the index of its XMLName field (-1 if none), whose value names a
// nested element as it does for encoding/xml.
type codecPlan struct {
	fields  []codecField
	xmlName int
}

var codecPlans sync.Map // reflect.Type → *codecPlan (nil: not for a plan)

var (
	codecTypeDeviceID   = reflect.TypeFor[DeviceID]()
	codecTypeDeviceRole = reflect.TypeFor[DeviceRole]()
	codecTypeConnection = reflect.TypeFor[ConnectionID]()
	codecTypeFlags      = reflect.TypeFor[Flags]()
	codecTypeEmpty      = reflect.TypeFor[Empty]()
	codecTypeName       = reflect.TypeFor[xml.Name]()
)

// codecWriterFor returns how to write a value of type t.
func codecWriterFor(t reflect.Type) codecFieldWriter {
	switch t {
	case codecTypeDeviceID:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			return w.deviceID(s, v.Addr().Interface().(*DeviceID))
		}
	case codecTypeDeviceRole:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			return w.role(s, v.Addr().Interface().(*DeviceRole))
		}
	case codecTypeConnection:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			return w.conn(s, v.Addr().Interface().(*ConnectionID))
		}
	case codecTypeFlags:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			return w.flags(s, v.Interface().(Flags))
		}
	case codecTypeEmpty:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error { return w.empty(s.Name) }
	}
	switch t.Kind() {
	case reflect.String:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error { return w.text(s, v.String()) }
	case reflect.Bool:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			return w.text(s, strconv.FormatBool(v.Bool()))
		}
	case reflect.Int, reflect.Int64:
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			if err := w.start(s); err != nil {
				return err
			}
			w.scratch = strconv.AppendInt(w.scratch[:0], v.Int(), 10)
			if err := w.enc.EncodeToken(xml.CharData(w.scratch)); err != nil {
				return err
			}
			return w.end(s.Name)
		}
	case reflect.Pointer:
		elem := codecWriterFor(t.Elem())
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			if v.IsNil() {
				return nil
			}
			return elem(w, s, v.Elem())
		}
	case reflect.Slice:
		elem := codecWriterFor(t.Elem())
		return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
			for i := 0; i < v.Len(); i++ {
				if err := elem(w, s, v.Index(i)); err != nil {
					return err
				}
			}
			return nil
		}
	case reflect.Struct:
		if plan := codecPlanFor(t); plan != nil {
			return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
				if plan.xmlName >= 0 {
					if n := v.Field(plan.xmlName).Interface().(xml.Name); n.Local != "" {
						s.Name = n
					}
				}
				return w.fields(s, v, plan)
			}
		}
	}
	// Anything else (innerxml): encoding/xml itself.
	return func(w *codecWriter, s xml.StartElement, v reflect.Value) error {
		return w.enc.EncodeElement(v.Interface(), s)
	}
}

// codecPlanFor reads the plan of a struct whose fields are all elements;
// nil for one with attributes, character data or inner XML.
func codecPlanFor(t reflect.Type) *codecPlan {
	if p, ok := codecPlans.Load(t); ok {
		return p.(*codecPlan)
	}
	plan := &codecPlan{xmlName: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == codecTypeName {
			plan.xmlName = i
			continue
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("xml")
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "attr") || strings.Contains(opts, "chardata") ||
			strings.Contains(opts, "innerxml") || strings.Contains(opts, "any") || strings.Contains(name, " ") {
			codecPlans.Store(t, (*codecPlan)(nil))
			return nil
		}
		if name == "" {
			name = f.Name
		}
		plan.fields = append(plan.fields, codecField{index: i, name: xml.Name{Local: name},
			omitEmpty: strings.Contains(opts, "omitempty")})
	}
	// Store before resolving the writers, so that recursive types terminate.
	codecPlans.Store(t, plan)
	for i := range plan.fields {
		plan.fields[i].write = codecWriterFor(t.Field(plan.fields[i].index).Type)
	}
	return plan
}

// fields writes a struct value as s with its plan.
func (w *codecWriter) fields(s xml.StartElement, v reflect.Value, plan *codecPlan) error {
	if err := w.start(s); err != nil {
		return err
	}
	for i := range plan.fields {
		f := &plan.fields[i]
		fv := v.Field(f.index)
		if f.omitEmpty && fv.IsZero() && fv.Kind() != reflect.Struct {
			continue
		}
		if err := f.write(w, xml.StartElement{Name: f.name}, fv); err != nil {
			return err
		}
	}
	return w.end(s.Name)
}

// message writes a message struct (a pointer) as the element s, whatever
// its XMLName holds, as EncodeElement does.
func (w *codecWriter) message(s xml.StartElement, v any) error {
	rv := reflect.ValueOf(v).Elem()
	plan := codecPlanFor(rv.Type())
	if plan == nil {
		return w.enc.EncodeElement(v, s)
	}
	return w.fields(s, rv, plan)
}
