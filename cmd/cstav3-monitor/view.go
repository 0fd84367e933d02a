package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// The view layer turns the cstav3 values into JSON the way people and
// scripts want to read them, without tags on the library's structs:
//
//   - keys are the Go field names in lowerCamel (acdGroup, cstaVersion …),
//     in the order of the struct;
//   - enumerations by their ASN.1 names (their String method);
//   - octet strings ([]byte, CallID, CrossRefID, UserData …) as lowercase hex;
//   - a Device or DeviceID as its number text ("100"), a Device without id as
//     its status ("notKnown"); forms other than a dialling number become an
//     object with their kind;
//   - a ConnectionID as {"callID": "b164", "deviceID": "100"};
//   - absent optional values are left out: nil pointers and slices, empty
//     strings, zero structs, and the values whose HasX flag is false.

// obj is a JSON object whose keys keep their order.
type obj []kv

type kv struct {
	k string
	v any
}

func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(e.k)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.k, err)
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// add appends a key and value.
func (o *obj) add(k string, v any) { *o = append(*o, kv{k, v}) }

// get returns the value of key k.
func (o obj) get(k string) (any, bool) {
	for _, e := range o {
		if e.k == k {
			return e.v, true
		}
	}
	return nil, false
}

var (
	typeBytes        = reflect.TypeFor[[]byte]()
	typeDevice       = reflect.TypeFor[cstav3.Device]()
	typeDeviceID     = reflect.TypeFor[cstav3.DeviceID]()
	typeConnectionID = reflect.TypeFor[cstav3.ConnectionID]()
	typeBitString    = reflect.TypeFor[ber.BitString]()
	typeOID          = reflect.TypeFor[ber.OID]()
	typeUnmodelled   = reflect.TypeFor[cstav3.Unmodelled]()
	typeEvents       = reflect.TypeFor[cstav3.EventsProvided]()
	typeTime         = reflect.TypeFor[time.Time]()
	typeStringer     = reflect.TypeFor[fmt.Stringer]()
	typeError        = reflect.TypeFor[error]()
	typeIsZero       = reflect.TypeFor[interface{ IsZero() bool }]()
	typeDiagnostic   = reflect.TypeFor[cstav3.AssociateDiagnostic]()
	typeProblem      = reflect.TypeFor[cstav3.RejectProblem]()
	typeNoData       = reflect.TypeFor[cstav3.NoData]()
)

// view returns the JSON form of a cstav3 value (or any value built of the
// same kinds of fields).
func view(v any) any {
	if v == nil {
		return nil
	}
	return viewValue(reflect.ValueOf(v))
}

func viewValue(v reflect.Value) any {
	if !v.IsValid() {
		return nil
	}
	t := v.Type()
	if t == typeNoData {
		// The operation is named beside the result already.
		nd := v.Interface().(cstav3.NoData)
		if nd.Extensions.IsZero() {
			return obj{{"noData", true}}
		}
		return obj{{"extensions", view(nd.Extensions)}}
	}
	switch t {
	case typeDevice:
		return viewDevice(v.Interface().(cstav3.Device))
	case typeDeviceID:
		return viewDeviceID(v.Interface().(cstav3.DeviceID))
	case typeConnectionID:
		return viewConnection(v.Interface().(cstav3.ConnectionID))
	case typeBitString:
		return bits(v.Interface().(ber.BitString))
	case typeEvents:
		var names []string
		for _, e := range v.Interface().(cstav3.EventsProvided).Events() {
			names = append(names, e.String())
		}
		return names
	case typeOID:
		return v.Interface().(ber.OID).String()
	case typeUnmodelled:
		return viewUnmodelled(v.Interface().(cstav3.Unmodelled))
	case typeTime:
		return v.Interface().(time.Time).Format(time.RFC3339Nano)
	case typeDiagnostic:
		d := v.Interface().(cstav3.AssociateDiagnostic)
		source := "acse-service-user"
		if d.Provider {
			source = "acse-service-provider"
		}
		return obj{{"source", source}, {"value", d.Value}, {"name", d.String()}}
	case typeProblem:
		return v.Interface().(cstav3.RejectProblem).String()
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		if t.Implements(typeError) && t.Kind() == reflect.Interface {
			return v.Interface().(error).Error()
		}
		return viewValue(v.Elem())
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		if t.Elem().Kind() == reflect.Uint8 {
			return hex.EncodeToString(v.Convert(typeBytes).Interface().([]byte))
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = viewValue(v.Index(i))
		}
		return out
	case reflect.Struct:
		return viewStruct(v)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if t.Implements(typeStringer) {
			return v.Interface().(fmt.Stringer).String()
		}
		if v.CanInt() {
			return v.Int()
		}
		return v.Uint()
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	}
	return fmt.Sprint(v.Interface())
}

func viewStruct(v reflect.Value) obj {
	t := v.Type()
	o := obj{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous {
			// Embedded structs are flattened.
			if sub, ok := viewValue(fv).(obj); ok {
				o = append(o, sub...)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(f.Name, "Has"); ok && rest != "" && f.Type.Kind() == reflect.Bool {
			if _, paired := t.FieldByName(rest); paired {
				continue // the flag of the field named rest
			}
			if !fv.Bool() {
				continue
			}
		}
		if flag, ok := t.FieldByName("Has" + f.Name); ok && flag.Type.Kind() == reflect.Bool && !v.FieldByIndex(flag.Index).Bool() {
			continue
		}
		if absent(fv) {
			continue
		}
		val := viewValue(fv)
		if val == nil {
			continue
		}
		o.add(jsonName(f.Name), val)
	}
	return o
}

// absent reports whether a field holds no value: nil, empty, or zero by its
// own IsZero method.
func absent(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	case reflect.Struct:
		if v.Type() == typeBitString {
			bs := v.Interface().(ber.BitString)
			return bs.Bytes == nil && bs.Length == 0
		}
		if v.Type().Implements(typeIsZero) {
			return v.Interface().(interface{ IsZero() bool }).IsZero()
		}
		if reflect.PointerTo(v.Type()).Implements(typeIsZero) {
			p := reflect.New(v.Type())
			p.Elem().Set(v)
			return p.Interface().(interface{ IsZero() bool }).IsZero()
		}
		return v.IsZero()
	}
	return false
}

// jsonName turns a Go field name into lowerCamel, lowering a leading
// acronym: CrossRefIdentifier → crossRefIdentifier, ACDGroup → acdGroup,
// CSTAVersion → cstaVersion, ID → id.
func jsonName(s string) string {
	r := []rune(s)
	n := 0
	for n < len(r) && unicode.IsUpper(r[n]) {
		n++
	}
	switch {
	case n == 0:
		return s
	case n == 1 || n == len(r):
		// One capital, or all capitals.
	default:
		n-- // the last capital starts the next word
	}
	for i := range n {
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

func bits(b ber.BitString) string {
	var s strings.Builder
	for i := range b.Length {
		if b.At(i) {
			s.WriteByte('1')
		} else {
			s.WriteByte('0')
		}
	}
	return s.String()
}

func viewUnmodelled(u cstav3.Unmodelled) any {
	o := obj{}
	for n := range 16 {
		if raw := u.Get(n); raw != nil {
			o.add(strconv.Itoa(n), hex.EncodeToString(raw))
		}
	}
	if len(o) == 0 {
		return nil
	}
	return o
}

// viewDevice renders a device role: its id, or the reason it has none.
func viewDevice(d cstav3.Device) any {
	if d.Status != cstav3.DeviceGiven {
		return d.Status.String()
	}
	return viewDeviceID(d.DeviceID)
}

// viewDeviceID renders a dialling number (what HiPath sends) as its text;
// other forms, and ids with private number, name or media, as an object.
func viewDeviceID(d cstav3.DeviceID) any {
	if d.Kind == cstav3.DialingNumber && d.Details == nil {
		return d.Number
	}
	if d.Kind == cstav3.NoDevice {
		return nil
	}
	o := obj{{"kind", d.Kind.String()}}
	switch d.Kind {
	case cstav3.DeviceNumber:
		o.add("number", json.Number(d.Number)) // decimal digits: decoded from an INTEGER
	case cstav3.OtherPlan:
		o.add("number", hex.EncodeToString([]byte(d.Number)))
	default:
		o.add("number", d.Number)
	}
	if ton := d.TONName(); ton != "" {
		o.add("ton", ton)
	}
	if x := d.Details; x != nil {
		if x.PrivateNumber != "" {
			o.add("privateNumber", x.PrivateNumber)
		}
		if x.PrivateName != "" {
			o.add("privateName", x.PrivateName)
		}
		if x.MediaCallCharacteristics != nil {
			o.add("mediaCallCharacteristics", hex.EncodeToString(x.MediaCallCharacteristics))
		}
	}
	return o
}

func viewConnection(c cstav3.ConnectionID) any {
	if c.IsZero() {
		return nil
	}
	o := obj{}
	if c.Call != nil {
		o.add("callID", c.Call.String())
	}
	if !c.Device.IsZero() {
		o.add("deviceID", viewDeviceID(c.Device))
	}
	if c.DynamicID != nil {
		o.add("dynamicID", hex.EncodeToString(c.DynamicID))
	}
	return o
}

// viewCSTAError renders a universalFailure.
func viewCSTAError(e *cstav3.Error) obj {
	o := obj{{"branch", e.Branch.String()}}
	if e.Branch != cstav3.Unspecified {
		o.add("value", e.Name())
		o.add("code", e.Value)
	}
	return o
}

// viewEvent renders an event with its type first.
func viewEvent(ev cstav3.Event) obj {
	o := obj{{"type", ev.Type().String()}, {"name", ev.Type().Name()}}
	if raw, ok := ev.(*cstav3.RawEvent); ok {
		o.add("category", raw.EventType.Category().String())
		o.add("tag", raw.EventType.Tag())
		o.add("content", hex.EncodeToString(raw.Content))
		return o
	}
	if fields, ok := view(ev).(obj); ok {
		o = append(o, fields...)
	}
	return o
}

// aarqView is an AARQ as printed: a HiPath's credentials decoded from its
// authentication value, any other authentication value in hex; the
// password, and an authentication value that is not HiPath's, masked
// unless shown.
type aarqView struct {
	Context            ber.OID
	AuthName, Password string
	Authentication     string
	CSTAVersion        ber.BitString
}

// masked is what is printed in place of a secret.
const masked = "*****"

func viewAARQ(a *cstav3.AARQ, showSecrets bool) (*aarqView, error) {
	v := &aarqView{Context: a.Context, CSTAVersion: a.CSTAVersion}
	var cred hipath.Credentials
	if err := cred.UnmarshalBinary(a.Authentication); err != nil {
		return nil, err
	}
	v.AuthName, v.Password = cred.User, cred.Password
	if cred == (hipath.Credentials{}) && len(a.Authentication) > 0 {
		v.Authentication = hex.EncodeToString(a.Authentication)
	}
	if !showSecrets {
		if v.Password != "" {
			v.Password = masked
		}
		if v.Authentication != "" {
			v.Authentication = masked
		}
	}
	return v, nil
}
