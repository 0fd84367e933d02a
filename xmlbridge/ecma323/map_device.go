package ecma323

import (
	"encoding/hex"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// The one mapping between cstav3 values and the XML types: this file holds
// the shared parts (devices, connections, times, extensions, linkage), the
// map_*.go files the messages. Every toXML function has its fromXML
// counterpart next to it, so that the two directions stay mirror images.

// codecMapper collects the first error of a fromXML mapping, so that the
// per-message code can read field after field without checking each.
type codecMapper struct{ err error }

func (m *codecMapper) fail(path, value, reason string) {
	if m.err == nil {
		m.err = &FieldError{Path: path, Value: value, Reason: reason}
	}
}

// hexBytes decodes a hex element; "" is absent (nil).
func (m *codecMapper) hexBytes(path, s string) []byte {
	if s == "" {
		return nil
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		m.fail(path, s, "not hex")
		return nil
	}
	return b
}

func hexString(b []byte) string { return hex.EncodeToString(b) }

// textBytes maps an optional text element to an optional OCTET STRING.
func textBytes(s string) []byte {
	if s == "" {
		return nil
	}
	return []byte(s)
}

// The typeOfNumber attribute of a DeviceID: the ASN.1 name of its
// cstav3.DeviceIDKind, but for the explicit forms the kind and the name of
// the type of number with its first letter upper-cased
// (explicitPublicInternational, explicitPrivateLocalNumber; ECMA-323 spells
// the public networkspecific NetworkSpecific). The names are cstav3's,
// read once: codecTONNames by kind (blank for the explicit forms), the
// others by type of number.
var (
	codecTONNames   = tonKindNames()
	codecPublicTON  = tonNames(cstav3.ExplicitPublic)
	codecPrivateTON = tonNames(cstav3.ExplicitPrivate)
)

// tonKindNames returns the names of the device id kinds, indexed by kind,
// with the explicit forms blank.
func tonKindNames() []string {
	var names []string
	for k := cstav3.NoDevice; k <= cstav3.OtherPlan; k++ {
		n := k.String()
		if k == cstav3.ExplicitPublic || k == cstav3.ExplicitPrivate {
			n = ""
		}
		names = append(names, n)
	}
	return names
}

// tonNames returns the types of number of an explicit kind as they follow
// the kind in typeOfNumber, indexed by type of number.
func tonNames(kind cstav3.DeviceIDKind) []string {
	var names []string
	for ton := 0; ton <= math.MaxUint8; ton++ {
		n := cstav3.DeviceID{Kind: kind, TON: uint8(ton)}.TONName()
		if n == "" {
			break
		}
		if n == "networkspecific" {
			n = "networkSpecific"
		}
		names = append(names, strings.ToUpper(n[:1])+n[1:])
	}
	return names
}

func deviceIDToXML(d cstav3.DeviceID) DeviceID {
	x := DeviceID{Value: d.Number}
	switch d.Kind {
	case cstav3.DeviceNumber:
		x.TypeOfNumber = "deviceNumber"
	case cstav3.ExplicitPublic:
		if int(d.TON) < len(codecPublicTON) {
			x.TypeOfNumber = "explicitPublic" + codecPublicTON[d.TON]
		}
	case cstav3.ExplicitPrivate:
		if int(d.TON) < len(codecPrivateTON) {
			x.TypeOfNumber = "explicitPrivate" + codecPrivateTON[d.TON]
		}
	default:
		if int(d.Kind) < len(codecTONNames) {
			x.TypeOfNumber = codecTONNames[d.Kind]
		}
	}
	return x
}

// device maps a DeviceID; without typeOfNumber it is a dialling number, as
// snom, uaCSTA and uni-tel send it.
func (m *codecMapper) device(path string, x DeviceID) cstav3.DeviceID {
	v := strings.TrimSpace(x.Value)
	ton := x.TypeOfNumber
	switch {
	case ton == "" || ton == "dialingNumber":
		return cstav3.Dialing(v)
	case ton == "deviceNumber":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			m.fail(path, v, "deviceNumber is not an integer")
		}
		return cstav3.Numbered(n)
	}
	for k, name := range codecTONNames {
		if name != "" && name == ton {
			return cstav3.DeviceID{Kind: cstav3.DeviceIDKind(k), Number: v}
		}
	}
	if rest, ok := strings.CutPrefix(ton, "explicitPublic"); ok {
		for i, n := range codecPublicTON {
			if n == rest {
				return cstav3.DeviceID{Kind: cstav3.ExplicitPublic, TON: uint8(i), Number: v}
			}
		}
	}
	if rest, ok := strings.CutPrefix(ton, "explicitPrivate"); ok {
		for i, n := range codecPrivateTON {
			if n == rest {
				return cstav3.DeviceID{Kind: cstav3.ExplicitPrivate, TON: uint8(i), Number: v}
			}
		}
	}
	m.fail(path+"/@typeOfNumber", ton, "unknown type of number")
	return cstav3.Dialing(v)
}

func optDeviceIDToXML(d cstav3.DeviceID) *DeviceID {
	if d.IsZero() {
		return nil
	}
	x := deviceIDToXML(d)
	return &x
}

func (m *codecMapper) optDevice(path string, x *DeviceID) cstav3.DeviceID {
	if x == nil {
		return cstav3.DeviceID{}
	}
	return m.device(path, *x)
}

func deviceListToXML(l []cstav3.DeviceID) *DeviceIDList {
	if l == nil {
		return nil
	}
	x := &DeviceIDList{DeviceIDs: make([]DeviceID, len(l))}
	for i, d := range l {
		x.DeviceIDs[i] = deviceIDToXML(d)
	}
	return x
}

func (m *codecMapper) deviceList(path string, x *DeviceIDList) []cstav3.DeviceID {
	if x == nil {
		return nil
	}
	l := make([]cstav3.DeviceID, len(x.DeviceIDs))
	for i, d := range x.DeviceIDs {
		l[i] = m.device(path+"/deviceID", d)
	}
	return l
}

// roleToXML maps a device role; a zero (absent) Device of a mandatory role
// is written notKnown, as the BER encoder does.
func roleToXML(d cstav3.Device, redirection bool) DeviceRole {
	if d.Status == cstav3.DeviceGiven && !d.DeviceID.IsZero() {
		return DeviceRole{Device: deviceIDToXML(d.DeviceID), Known: true, NumberDialed: redirection}
	}
	if d.Status == cstav3.DeviceGiven {
		return DeviceRole{Status: RoleNotKnown}
	}
	return DeviceRole{Status: d.Status.String()}
}

func (m *codecMapper) role(path string, r DeviceRole) cstav3.Device {
	if r.Known {
		return cstav3.Known(m.device(path, r.Device))
	}
	switch r.Status {
	case RoleRestricted:
		return cstav3.Device{Status: cstav3.DeviceRestricted}
	case RoleNotRequired:
		return cstav3.Device{Status: cstav3.DeviceNotRequired}
	case RoleNotSpecified:
		return cstav3.Device{Status: cstav3.DeviceNotSpecified}
	}
	return cstav3.Device{Status: cstav3.DeviceNotKnown}
}

func optRoleToXML(d cstav3.Device) *DeviceRole {
	if d.IsZero() {
		return nil
	}
	r := roleToXML(d, false)
	return &r
}

func (m *codecMapper) optRole(path string, r *DeviceRole) cstav3.Device {
	if r == nil {
		return cstav3.Device{}
	}
	return m.role(path, *r)
}

func connToXML(c cstav3.ConnectionID) ConnectionID { return connToXMLIn(c, nil) }

// connToXMLIn is connToXML with the call id's text in t.
func connToXMLIn(c cstav3.ConnectionID, t *textBuf) ConnectionID {
	x := ConnectionID{CallID: t.hex(c.Call)}
	switch {
	case c.DynamicID != nil:
		x.DynamicID = hexString(c.DynamicID)
	case !c.Device.IsZero():
		x.DeviceID = deviceIDToXML(c.Device)
	}
	return x
}

// conn maps a ConnectionID. A bare id (snom) is taken as the call id; call
// ids must be the hex the bridge hands out.
func (m *codecMapper) conn(path string, x ConnectionID) cstav3.ConnectionID {
	var c cstav3.ConnectionID
	id := x.CallID
	if id == "" {
		id = x.Text
	}
	if id != "" {
		b, err := hex.DecodeString(id)
		if err != nil {
			m.fail(path+"/callID", id, "call id is not hex")
		}
		c.Call = b
	}
	if x.DeviceID != (DeviceID{}) {
		c.Device = m.device(path+"/deviceID", x.DeviceID)
	}
	if x.DynamicID != "" {
		c.DynamicID = m.hexBytes(path+"/dynamicID", x.DynamicID)
	}
	if c.IsZero() {
		m.fail(path, "", "connection names neither call nor device")
	}
	return c
}

func optConnToXML(c cstav3.ConnectionID) *ConnectionID {
	if c.IsZero() {
		return nil
	}
	x := connToXML(c)
	return &x
}

func (m *codecMapper) optConn(path string, x *ConnectionID) cstav3.ConnectionID {
	if x == nil {
		return cstav3.ConnectionID{}
	}
	return m.conn(path, *x)
}

func (m *codecMapper) optConnPtr(path string, x *ConnectionID) *cstav3.ConnectionID {
	if x == nil {
		return nil
	}
	c := m.conn(path, *x)
	return &c
}

// Enumerations are written with their ASN.1 names, which cstav3 provides.

func stateToXML(has bool, s cstav3.ConnectionState) string {
	if !has {
		return ""
	}
	return s.String()
}

func (m *codecMapper) state(path, s string) (bool, cstav3.ConnectionState) {
	if s == "" {
		return false, 0
	}
	v, ok := cstav3.ParseConnectionState(strings.TrimSpace(s))
	if !ok {
		m.fail(path, s, "unknown connection state")
	}
	return ok, v
}

func optCauseToXML(has bool, c cstav3.EventCause) string {
	if !has {
		return ""
	}
	return c.String()
}

// cause maps a mandatory cause; ECSS-10 and other servers write "normal"
// where HiPath has nothing better, so a missing one is read as normal.
func (m *codecMapper) cause(path, s string) cstav3.EventCause {
	if s == "" {
		return cstav3.CauseNormal
	}
	_, c := m.optCause(path, s)
	return c
}

func (m *codecMapper) optCause(path, s string) (bool, cstav3.EventCause) {
	if s == "" {
		return false, 0
	}
	c, ok := cstav3.ParseEventCause(strings.TrimSpace(s))
	if !ok {
		m.fail(path, s, "unknown event cause")
	}
	return ok, c
}

// optBool maps an optional BOOLEAN.
func optBool(has, v bool) *bool {
	if !has {
		return nil
	}
	return &v
}

func boolOf(p *bool) (bool, bool) {
	if p == nil {
		return false, false
	}
	return true, *p
}

func optInt(has bool, v int) *int {
	if !has {
		return nil
	}
	return &v
}

func intOf(p *int) (bool, int) {
	if p == nil {
		return false, 0
	}
	return true, *p
}

func userDataToXML(u cstav3.UserData) *UserData {
	if u == nil {
		return nil
	}
	return &UserData{String: hexString(u)}
}

func (m *codecMapper) userData(path string, x *UserData) cstav3.UserData {
	if x == nil {
		return nil
	}
	b := m.hexBytes(path+"/string", strings.TrimSpace(x.String))
	if b == nil {
		b = cstav3.UserData{}
	}
	return b
}

// codecGeneralizedTime turns a GeneralizedTime (20100916120000[.fff][Z|±hhmm])
// into an xsd:dateTime (2010-09-16T12:00:00[.fff][Z|±hh:mm]) by moving
// characters, so that a timestamp costs no parsing on the event path and
// maps back exactly. Forms without seconds or minutes are completed with
// zeros.
func timeToXML(ts cstav3.Timestamp) string { return (*textBuf)(nil).time(ts) }

// appendTime appends the xsd:dateTime of ts to b; ok is false (and b
// unchanged) when ts is not a GeneralizedTime, which then travels as it is.
func appendTime(b []byte, ts cstav3.Timestamp) (_ []byte, ok bool) {
	s := string(ts)
	if len(s) < 10 || !codecDigits(s[:10]) {
		return b, false
	}
	b = append(b, s[0:4]...)
	b = append(b, '-')
	b = append(b, s[4:6]...)
	b = append(b, '-')
	b = append(b, s[6:8]...)
	b = append(b, 'T')
	b = append(b, s[8:10]...)
	rest := s[10:]
	for range 2 {
		b = append(b, ':')
		if len(rest) >= 2 && codecDigits(rest[:2]) {
			b = append(b, rest[:2]...)
			rest = rest[2:]
		} else {
			b = append(b, '0', '0')
		}
	}
	if len(rest) > 1 && (rest[0] == '.' || rest[0] == ',') {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		b = append(b, '.')
		b = append(b, rest[1:i]...)
		rest = rest[i:]
	}
	if len(rest) == 5 && (rest[0] == '+' || rest[0] == '-') {
		b = append(b, rest[:3]...)
		b = append(b, ':')
		b = append(b, rest[3:]...)
	} else {
		b = append(b, rest...)
	}
	return b, true
}

// time maps an xsd:dateTime back to the GeneralizedTime form.
func (m *codecMapper) time(path, s string) cstav3.Timestamp {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
		!codecDigits(s[0:4]+s[5:7]+s[8:10]+s[11:13]+s[14:16]+s[17:19]) {
		m.fail(path, s, "not an xsd:dateTime")
		return ""
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[0:4]...)
	b = append(b, s[5:7]...)
	b = append(b, s[8:10]...)
	b = append(b, s[11:13]...)
	b = append(b, s[14:16]...)
	b = append(b, s[17:19]...)
	rest := s[19:]
	if len(rest) > 1 && rest[0] == '.' {
		i := 1
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		b = append(b, rest[:i]...)
		rest = rest[i:]
	}
	switch {
	case rest == "" || rest == "Z":
		b = append(b, rest...)
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && codecDigits(rest[1:3]+rest[4:6]):
		b = append(b, rest[:3]...)
		b = append(b, rest[4:]...)
	default:
		m.fail(path, s, "bad time zone")
	}
	return cstav3.Timestamp(b)
}

func codecDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// extToXML maps CSTACommonArguments. Private data of the switch is a list
// of CSTAPrivateData elements: an OCTET STRING that is valid text becomes a
// string item, anything else a private item holding the hex of the element.
func extToXML(c *cstav3.CommonArguments) *Extensions { return extToXMLIn(c, nil, nil) }

// extSlot is room for the extensions of one event, allocated with it.
type extSlot struct {
	x   Extensions
	sec Security
	seq int64
}

// extToXMLIn is extToXML with the values in slot and the strings in t
// (either may be nil).
func extToXMLIn(c *cstav3.CommonArguments, slot *extSlot, t *textBuf) *Extensions {
	if c.IsZero() {
		return nil
	}
	if slot == nil {
		slot = new(extSlot)
	}
	x := &slot.x
	if c.Security {
		s := &slot.sec
		*s = Security{Timestamp: t.time(c.Timestamp), SecurityInfo: hexString(c.SecurityInfo)}
		if c.HasSequenceNumber {
			slot.seq = c.SequenceNumber
			s.MessageSequenceNumber = &slot.seq
		}
		x.Security = s
	}
	if c.PrivateData != nil {
		p := &PrivateData{}
		r := ber.NewReader(c.PrivateData)
		for !r.Empty() {
			e, err := r.Next()
			if err != nil {
				p.Private = append(p.Private, PrivateXML{Inner: hexString(r.Remaining())})
				break
			}
			if e.Tag == ber.TagOctetString && codecIsText(e.Content()) {
				p.Strings = append(p.Strings, string(e.Content()))
				continue
			}
			p.Private = append(p.Private, PrivateXML{Inner: hexString(e.Raw)})
		}
		x.PrivateData = p
	}
	return x
}

// textBuf is room for the short strings of one document (call ids,
// timestamps), allocated with the document's values so that these strings
// need no allocation of their own. Bytes once written are never changed:
// the strings alias them. A nil *textBuf, or one that is full, allocates.
type textBuf struct {
	b [64]byte
	n int
}

// hex returns the lowercase hex of v.
func (t *textBuf) hex(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	if t == nil || 2*len(v) > len(t.b)-t.n {
		return hex.EncodeToString(v)
	}
	dst := t.b[t.n : t.n+2*len(v)]
	hex.Encode(dst, v)
	t.n += len(dst)
	return unsafe.String(&dst[0], len(dst))
}

// time returns the xsd:dateTime of ts (see appendTime).
func (t *textBuf) time(ts cstav3.Timestamp) string {
	// appendTime adds at most 10 bytes (separators, missing minutes and
	// seconds, the zone's colon): with that much room, it writes in place.
	const grow = 10
	var b []byte
	inBuf := t != nil && len(ts)+grow <= len(t.b)-t.n
	if inBuf {
		b = t.b[t.n:t.n]
	} else {
		b = make([]byte, 0, len(ts)+grow)
	}
	b, ok := appendTime(b, ts)
	if !ok {
		return string(ts)
	}
	if inBuf {
		t.n += len(b)
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}
