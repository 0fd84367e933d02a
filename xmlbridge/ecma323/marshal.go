package ecma323

import (
	"encoding"
	"encoding/xml"
	"reflect"
	"strings"
	"sync"
	"unsafe"
)

// The Encoder writes the message structs driven by a plan per struct type,
// read once from the same struct tags encoding/xml uses: encoding/xml's
// Marshal re-examines every field's type on every call (Marshaler checks,
// omitempty, type info lookups), which made a DeliveredEvent cost several
// times the bytes it writes. The plan appends the bytes itself through
// codecXMLWriter (write.go) rather than handing tokens to an
// xml.Encoder, whose EncodeToken cost as much again. The output is the one
// xml.Marshal gives for these types, which TestFastMarshalMatches checks
// for every message and FuzzWriterMatchesEncoding for arbitrary strings;
// shapes the plan does not know (innerxml) are handed to encoding/xml
// itself.

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
// whatever its XMLName holds, as EncodeElement does, with the plan of its
// struct (nil: written by encoding/xml).
func (w *codecWriter) message(n xml.Name, v any, plan *codecPlan) error {
	t := codecTag{name: n}
	rv := reflect.ValueOf(v)
	if plan == nil {
		return w.element(&t, v)
	}
	return w.fields(&t, rv.UnsafePointer(), plan)
}
