package ecma323

import (
	"encoding"
	"encoding/xml"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unsafe"
)

// The Encoder writes the message structs driven by a plan per struct type,
// read once from the same struct tags encoding/xml uses: encoding/xml's
// Marshal re-examines every field's type on every call (Marshaler checks,
// omitempty, type info lookups), which made a DeliveredEvent cost several
// times the bytes it writes. The plan appends the bytes itself through
// codecXMLWriter (codec_write.go) rather than handing tokens to an
// xml.Encoder, whose EncodeToken cost as much again. The output is the one
// xml.Marshal gives for these types, which TestFastMarshalMatches checks
// for every message and FuzzWriterMatchesEncoding for arbitrary strings;
// shapes the plan does not know (innerxml) are handed to encoding/xml
// itself.

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

// codecFieldWriter writes the value at p (a field, a slice element or what
// a pointer points to), of the type it was made for, as the element t.
//
// The plans address values with unsafe.Pointer and field offsets rather
// than reflect.Value: Value.Field, Addr and Interface cost more than the
// bytes most fields write, and a DeliveredEvent has some thirty fields to
// visit. Every pointer is the message's own pointer or one derived from it
// with a field offset, an element of a slice or a pointer field, so it
// always points at a value of the type the writer was made for.
type codecFieldWriter func(w *codecWriter, t *codecTag, p unsafe.Pointer) error

type codecField struct {
	offset uintptr
	tag    codecTag
	omit   codecOmit
	typ    reflect.Type // for omit == codecOmitOther
	write  codecFieldWriter
}

// codecOmit says how to tell whether an omitempty field is empty, as
// encoding/xml's isEmptyValue does: a string or slice without elements (nil
// or not), false, zero, a nil pointer; a struct never is. Strings and
// pointers, the usual omitempty fields, are told without reflection.
type codecOmit uint8

const (
	codecOmitNever   codecOmit = iota // not omitempty, or a struct
	codecOmitString                   // a string of length 0
	codecOmitPointer                  // a nil pointer
	codecOmitOther                    // codecIsEmpty says
)

func codecOmitFor(t reflect.Type) codecOmit {
	switch t.Kind() {
	case reflect.String:
		return codecOmitString
	case reflect.Pointer:
		return codecOmitPointer
	case reflect.Struct:
		return codecOmitNever
	}
	return codecOmitOther
}

// empty reports whether the field at p is to be omitted.
func (f *codecField) empty(p unsafe.Pointer) bool {
	switch f.omit {
	case codecOmitString:
		return len(*(*string)(p)) == 0
	case codecOmitPointer:
		return *(*unsafe.Pointer)(p) == nil
	case codecOmitOther:
		return codecIsEmpty(reflect.NewAt(f.typ, p).Elem())
	}
	return false
}

// codecPlan is how a struct type is written: its element fields in order,
// and its XMLName field if it has one, whose value names a nested element
// as it does for encoding/xml.
type codecPlan struct {
	fields     []codecField
	hasXMLName bool
	xmlName    uintptr // offset of the XMLName field
}

var (
	// codecPlans holds the finished plans (reflect.Type → *codecPlan; nil:
	// not for a plan), read without locking.
	codecPlans sync.Map
	// codecPlansMu makes one goroutine at a time build plans, so that a plan
	// is published only once all its field writers are set.
	codecPlansMu sync.Mutex
)

var (
	codecTypeDeviceID   = reflect.TypeFor[DeviceID]()
	codecTypeDeviceRole = reflect.TypeFor[DeviceRole]()
	codecTypeConnection = reflect.TypeFor[ConnectionID]()
	codecTypeFlags      = reflect.TypeFor[Flags]()
	codecTypeEmpty      = reflect.TypeFor[Empty]()
	codecTypeName       = reflect.TypeFor[xml.Name]()
)

// codecPlanFor returns the plan of a struct whose fields are all elements;
// nil for one with attributes, character data or inner XML, or with a
// MarshalXML or MarshalText method.
func codecPlanFor(t reflect.Type) *codecPlan {
	if p, ok := codecPlans.Load(t); ok {
		return p.(*codecPlan)
	}
	codecPlansMu.Lock()
	defer codecPlansMu.Unlock()
	if p, ok := codecPlans.Load(t); ok {
		return p.(*codecPlan)
	}
	b := codecPlanBuilder{plans: map[reflect.Type]*codecPlan{}}
	plan := b.plan(t)
	for t, p := range b.plans {
		codecPlans.Store(t, p)
	}
	return plan
}

// codecPlanBuilder builds the plans of a type and of the types it holds,
// which codecPlanFor publishes together once they are complete.
type codecPlanBuilder struct {
	plans map[reflect.Type]*codecPlan
}

func (b *codecPlanBuilder) plan(t reflect.Type) *codecPlan {
	if p, ok := codecPlans.Load(t); ok {
		return p.(*codecPlan)
	}
	if p, ok := b.plans[t]; ok {
		return p
	}
	if codecMarshals(t) {
		b.plans[t] = nil
		return nil
	}
	plan := &codecPlan{}
	var types []reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Type == codecTypeName {
			plan.hasXMLName, plan.xmlName = true, f.Offset
			continue
		}
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("xml")
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "attr") || strings.Contains(opts, "chardata") ||
			strings.Contains(opts, "innerxml") || strings.Contains(opts, "any") || strings.Contains(name, " ") {
			b.plans[t] = nil
			return nil
		}
		if name == "" {
			name = f.Name
		}
		field := codecField{offset: f.Offset, tag: codecTagFor(xml.Name{Local: name}), typ: f.Type}
		if strings.Contains(opts, "omitempty") {
			field.omit = codecOmitFor(f.Type)
		}
		plan.fields = append(plan.fields, field)
		types = append(types, f.Type)
	}
	// Record before resolving the writers, so that recursive types terminate.
	b.plans[t] = plan
	for i := range plan.fields {
		plan.fields[i].write = b.writer(types[i])
	}
	return plan
}

// writer returns how to write a value of type typ.
func (b *codecPlanBuilder) writer(typ reflect.Type) codecFieldWriter {
	switch typ {
	case codecTypeDeviceID:
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			return w.putDeviceID(t, nil, (*DeviceID)(p))
		}
	case codecTypeDeviceRole:
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			return w.putRole(t, nil, (*DeviceRole)(p))
		}
	case codecTypeConnection:
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			return w.putConn(t, nil, (*ConnectionID)(p))
		}
	case codecTypeFlags:
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			return w.putFlags(t, nil, *(*Flags)(p))
		}
	case codecTypeEmpty:
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error { return w.empty(t) }
	}
	if typ.Kind() != reflect.Pointer && codecMarshals(typ) {
		return codecEncodingXML(typ)
	}
	switch typ.Kind() {
	case reflect.String:
		if typ == reflect.TypeFor[string]() {
			return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error { return w.value(t, *(*string)(p)) }
		}
	case reflect.Bool:
		if typ == reflect.TypeFor[bool]() {
			return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
				if *(*bool)(p) {
					return w.value(t, "true")
				}
				return w.value(t, "false")
			}
		}
	case reflect.Int:
		if typ == reflect.TypeFor[int]() {
			return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error { return w.number(t, int64(*(*int)(p))) }
		}
	case reflect.Int64:
		if typ == reflect.TypeFor[int64]() {
			return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error { return w.number(t, *(*int64)(p)) }
		}
	case reflect.Pointer:
		elem := b.writer(typ.Elem())
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			if e := *(*unsafe.Pointer)(p); e != nil {
				return elem(w, t, e)
			}
			return nil
		}
	case reflect.Slice:
		if typ.Elem().Kind() == reflect.Uint8 {
			break // []byte is text, for encoding/xml
		}
		elem, size := b.writer(typ.Elem()), typ.Elem().Size()
		return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
			s := reflect.NewAt(typ, p).Elem()
			base := s.UnsafePointer()
			for i := range s.Len() {
				if err := elem(w, t, unsafe.Add(base, uintptr(i)*size)); err != nil {
					return err
				}
			}
			return nil
		}
	case reflect.Struct:
		if plan := b.plan(typ); plan != nil {
			return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
				if plan.hasXMLName {
					if n := *(*xml.Name)(unsafe.Add(p, plan.xmlName)); n.Local != "" {
						return w.fields(&codecTag{name: n}, p, plan)
					}
				}
				return w.fields(t, p, plan)
			}
		}
	}
	// Anything else (innerxml, []byte, other kinds): encoding/xml itself.
	return codecEncodingXML(typ)
}

// codecEncodingXML returns a writer that hands a value of type typ to
// encoding/xml, as a pointer to it: xml.Marshal of the message reaches it
// through the message's pointer, and so also calls methods with pointer
// receivers.
func codecEncodingXML(typ reflect.Type) codecFieldWriter {
	return func(w *codecWriter, t *codecTag, p unsafe.Pointer) error {
		return w.element(t, reflect.NewAt(typ, p).Interface())
	}
}

var (
	codecTypeMarshaler     = reflect.TypeFor[xml.Marshaler]()
	codecTypeTextMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// codecMarshals reports whether encoding/xml would write a value of type t
// (reached through a pointer, so addressable) with a method of its own,
// which the plans do not call: DeviceID, DeviceRole, ConnectionID and Flags
// have writers of their own; for any other such type the plan hands the
// value to encoding/xml.
func codecMarshals(t reflect.Type) bool {
	pt := reflect.PointerTo(t)
	return t.Implements(codecTypeMarshaler) || pt.Implements(codecTypeMarshaler) ||
		t.Implements(codecTypeTextMarshaler) || pt.Implements(codecTypeTextMarshaler)
}

// fields writes the struct at p as t with its plan.
func (w *codecWriter) fields(t *codecTag, p unsafe.Pointer, plan *codecPlan) error {
	if err := w.start(t, nil); err != nil {
		return err
	}
	for i := range plan.fields {
		f := &plan.fields[i]
		fp := unsafe.Add(p, f.offset)
		if f.empty(fp) {
			continue
		}
		if err := f.write(w, &f.tag, fp); err != nil {
			return err
		}
	}
	return w.end(t)
}

// codecIsEmpty is encoding/xml's isEmptyValue.
func codecIsEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64,
		reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// message writes a message struct (a pointer) as the element named n,
// whatever its XMLName holds, as EncodeElement does.
func (w *codecWriter) message(n xml.Name, v any) error {
	t := codecTag{name: n}
	rv := reflect.ValueOf(v)
	plan := codecPlanFor(rv.Type().Elem())
	if plan == nil {
		return w.element(&t, v)
	}
	return w.fields(&t, rv.UnsafePointer(), plan)
}
