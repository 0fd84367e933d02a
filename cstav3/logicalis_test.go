package cstav3

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	lasn1 "github.com/Logicalis/asn1"
	"github.com/cstav3/cstav3/ber"
)

// A second, independent encoder: github.com/Logicalis/asn1, a reflection
// based BER codec driven by struct tags. The same values are encoded by it
// and by our hand-written encoders; both must give identical bytes, and the
// bytes of the reference vectors. It is used in tests only.
//
// What the library can and cannot say, as learnt from its sources (the
// version is archived; keep it pinned):
//   - "tag:n" re-tags a field implicitly in the context class, "application"
//     or "universal" change the class, "explicit" wraps the element in the
//     tag instead. A field has one tag, so two nested explicit tags (a
//     ConnectionID [APPLICATION 11] inside a ConnectionList's [0]) are
//     written as an implicit [0] on a one-field SEQUENCE holding the
//     [APPLICATION 11] element, which gives the same bytes.
//   - Go strings and byte slices are OCTET STRINGs, ints INTEGERs; there is
//     no ENUMERATED, IA5String, GeneralizedTime or BIT STRING type.
//     ENUMERATED, GeneralizedTime and implicitly tagged IA5String are
//     spelled with "universal,tag:n" or a context tag (the content octets
//     are the same); a BIT STRING is a []byte holding the unused-bits octet
//     and the bits (lgBits); an IA5String under an explicit tag needs a
//     CHOICE with a single "universal,tag:22" alternative (privateName).
//   - A CHOICE is an interface field with "choice:name", its alternatives
//     registered on the Context (lgContext). A nil CHOICE cannot be
//     encoded (the encoder panics on it even when optional), so optional
//     CHOICEs must be present in the values encoded here, and a struct
//     holding one cannot be an absent optional either.
//   - The decoder matches a SEQUENCE's elements to fields by position and
//     tag; once a CHOICE field matched, every later field with the same
//     choice name is skipped, so each device role gets a name of its own.
//     It drops elements it has no field for and ignores the constructed bit.
//   - Its decoder of an explicit tag clears the options it was built from
//     (decode.go, getExpectedElement). For an explicit CHOICE alternative
//     those live in the Context: concurrent decodes race on them, and the
//     alternative is no longer explicit afterwards. No alternative here is
//     explicit, and these tests never decode from parallel goroutines.

// lgIA5 is an IA5String, the only alternative of the "privateName" CHOICE.
type lgIA5 string

// lgDeviceID is a DeviceID in the dialingNumber form, the one HiPath uses.
type lgDeviceID struct {
	DialingNumber string `asn1:"tag:0"` // [0] IMPLICIT NumberDigits (IA5String)
}

// lgNamedDeviceID is a DeviceID with its optional privateName [1].
type lgNamedDeviceID struct {
	DialingNumber string `asn1:"tag:0"`
	PrivateName   any    `asn1:"tag:1,explicit,choice:privateName"` // lgIA5
}

// lgConnectionID is the "both" alternative of the ConnectionID CHOICE,
// which HiPath always sends: SEQUENCE { callID [0] IMPLICIT OCTET STRING,
// deviceID [1] LocalDeviceID }, LocalDeviceID being a CHOICE (so [1] is
// explicit) whose staticID alternative is the DeviceID.
type lgConnectionID struct {
	CallID []byte     `asn1:"tag:0"`
	Device lgDeviceID `asn1:"tag:1,explicit"`
}

// lgConnectionRef is a ConnectionID (its [APPLICATION 11] element) inside a
// further explicit tag, which the field carrying it sets (see above).
type lgConnectionRef struct {
	ID lgConnectionID `asn1:"application,tag:11,explicit"`
}

// lgSecurity is CSTASecurityData with only its timestamp.
type lgSecurity struct {
	Timestamp string `asn1:"universal,tag:24"` // GeneralizedTime
}

// lgCommonArguments is CSTACommonArguments with only security [0].
type lgCommonArguments struct {
	Security lgSecurity `asn1:"tag:0"`
}

// lgDeliveredEvent is DeliveredEvent with the elements HiPath sends. The
// device roles are explicitly tagged CHOICEs of a DeviceID or notKnown [7]
// NULL.
type lgDeliveredEvent struct {
	Connection            lgConnectionID    `asn1:"application,tag:11,explicit"`
	AlertingDevice        any               `asn1:"application,tag:3,explicit,choice:alertingDevice"`
	CallingDevice         any               `asn1:"application,tag:1,explicit,choice:callingDevice"`
	CalledDevice          any               `asn1:"application,tag:2,explicit,choice:calledDevice"`
	LastRedirectionDevice any               `asn1:"application,tag:4,explicit,choice:lastRedirectionDevice"`
	LocalConnectionInfo   int               `asn1:"application,tag:14"` // ENUMERATED: content as INTEGER
	CorrelatorData        []byte            `asn1:"tag:0,optional"`
	Cause                 int               `asn1:"universal,tag:10"` // ENUMERATED EventCause
	Extensions            lgCommonArguments `asn1:"application,tag:30,optional"`
}

// lgConnectionListEntry is one entry of a ConnectionList; every element is
// optional, but Endpoint, a CHOICE, must be present to be encoded.
type lgConnectionListEntry struct {
	NewConnection lgConnectionRef `asn1:"tag:0,optional"`
	OldConnection lgConnectionRef `asn1:"tag:1,optional"`
	Endpoint      any             `asn1:"tag:2,explicit,choice:endpoint"` // lgDeviceID or asn1.Null
	AssociatedNID lgDeviceID      `asn1:"tag:3,explicit,optional"`        // its DeviceID alternative
}

// lgTransferredEvent is TransferredEvent with the elements HiPath sends.
type lgTransferredEvent struct {
	PrimaryOldCall         lgConnectionID          `asn1:"application,tag:11,explicit"`
	SecondaryOldCall       lgConnectionID          `asn1:"tag:0,explicit,optional"` // [0] replaces [APPLICATION 11]
	TransferringDevice     any                     `asn1:"application,tag:3,explicit,choice:transferringDevice"`
	TransferredToDevice    any                     `asn1:"application,tag:3,explicit,choice:transferredToDevice"`
	TransferredConnections []lgConnectionListEntry `asn1:"tag:1"` // [1] IMPLICIT SEQUENCE OF
	LocalConnectionInfo    int                     `asn1:"application,tag:14"`
	Cause                  int                     `asn1:"universal,tag:10"`
	Extensions             lgCommonArguments       `asn1:"application,tag:30,optional"`
}

// lgEventReport is CSTAEventReportArgument; Event is the callControlEvents
// [0] alternative of eventSpecificInfo, itself a CHOICE (hence explicit) of
// the implicitly tagged events.
type lgEventReport struct {
	CrossRef []byte `asn1:"application,tag:21"`
	Event    any    `asn1:"tag:0,explicit,choice:callControlEvents"`
}

// lgEventReportInvoke is the ROSE Invoke of an event report, encoded with
// the option "tag:1" ([1] IMPLICIT SEQUENCE).
type lgEventReportInvoke struct {
	InvokeID int64
	Opcode   int64
	Argument lgEventReport
}

// lgMonitorFilter is MonitorFilter, its BIT STRINGs as raw content octets.
type lgMonitorFilter struct {
	CallControl           []byte `asn1:"tag:0,optional"`
	CallAssociated        []byte `asn1:"tag:6,optional"`
	MediaAttachment       []byte `asn1:"tag:7,optional"`
	PhysicalDeviceFeature []byte `asn1:"tag:8,optional"`
	LogicalDeviceFeature  []byte `asn1:"tag:9,optional"`
	Maintenance           []byte `asn1:"tag:3,optional"`
	VoiceUnit             []byte `asn1:"tag:5,optional"`
	Private               []byte `asn1:"tag:4,optional"`
}

// lgMonitorStartArgument is MonitorStartArgument. monitorObject is the
// untagged CSTAObject CHOICE whose deviceObject alternative is the DeviceID
// SEQUENCE itself.
type lgMonitorStartArgument struct {
	MonitorObject          lgDeviceID
	RequestedMonitorFilter lgMonitorFilter `asn1:"tag:0,optional"`
}

// lgMonitorStartInvoke is the ROSE Invoke of MonitorStart ("tag:1").
type lgMonitorStartInvoke struct {
	InvokeID int64
	Opcode   int64
	Argument lgMonitorStartArgument
}

// lgInvokeOptions are the options of the top-level value: Invoke [1].
const lgInvokeOptions = "tag:1"

// lgContext returns a Context with every CHOICE of the structs above
// registered. Each device role has a choice name of its own (see above).
func lgContext(t testing.TB) *lasn1.Context {
	t.Helper()
	ctx := lasn1.NewContext()
	role := []lasn1.Choice{
		{Type: reflect.TypeOf(lgDeviceID{})},
		{Type: reflect.TypeOf(lasn1.Null{}), Options: "tag:7"}, // notKnown
	}
	for _, name := range []string{"alertingDevice", "callingDevice", "calledDevice", "lastRedirectionDevice",
		"transferringDevice", "transferredToDevice"} {
		if err := ctx.AddChoice(name, role); err != nil {
			t.Fatal(err)
		}
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ctx.AddChoice("endpoint", []lasn1.Choice{
		{Type: reflect.TypeOf(lgDeviceID{})},
		{Type: reflect.TypeOf(lasn1.Null{})}, // notKnown NULL
	}))
	must(ctx.AddChoice("privateName", []lasn1.Choice{
		{Type: reflect.TypeOf(lgIA5("")), Options: "universal,tag:22"},
	}))
	must(ctx.AddChoice("callControlEvents", []lasn1.Choice{
		{Type: reflect.TypeOf(lgDeliveredEvent{}), Options: "tag:4"},
		{Type: reflect.TypeOf(lgTransferredEvent{}), Options: "tag:17"},
	}))
	return ctx
}

// lgBits returns the content octets of a BIT STRING of n zero bits: the
// number of unused bits, then the bits.
func lgBits(n int) []byte {
	k := (n + 7) / 8
	out := make([]byte, 1+k)
	out[0] = byte(8*k - n)
	return out
}

// The values of the reference PDUs, for both encoders.

func lgDialing(n string) lgDeviceID { return lgDeviceID{DialingNumber: n} }

func lgConn(call string, dev string) lgConnectionID {
	c, err := hex.DecodeString(call)
	if err != nil {
		panic(err)
	}
	return lgConnectionID{CallID: c, Device: lgDialing(dev)}
}

func lgMonitorStartValue() lgMonitorStartInvoke {
	return lgMonitorStartInvoke{
		InvokeID: 1,
		Opcode:   int64(OpMonitorStart),
		Argument: lgMonitorStartArgument{
			MonitorObject: lgDialing("100"),
			RequestedMonitorFilter: lgMonitorFilter{
				CallControl: lgBits(18), CallAssociated: lgBits(5), MediaAttachment: lgBits(2),
				PhysicalDeviceFeature: lgBits(11), LogicalDeviceFeature: lgBits(14),
				Maintenance: lgBits(3), VoiceUnit: lgBits(7), Private: lgBits(1),
			},
		},
	}
}

// lgDeliveredValue is pbx-event-delivered: invoke 5, Delivered of call b164
// at "100" from "200", cross-ref 0001.
func lgDeliveredValue() lgEventReportInvoke {
	return lgEventReportInvoke{
		InvokeID: 5,
		Opcode:   int64(OpEventReport),
		Argument: lgEventReport{
			CrossRef: []byte{0x00, 0x01},
			Event: lgDeliveredEvent{
				Connection:            lgConn("b164", "100"),
				AlertingDevice:        lgDialing("100"),
				CallingDevice:         lgDialing("200"),
				CalledDevice:          lgDialing("100"),
				LastRedirectionDevice: lasn1.Null{},
				LocalConnectionInfo:   int(StateAlerting),
				Cause:                 int(CauseNewCall),
				Extensions:            lgCommonArguments{Security: lgSecurity{Timestamp: "20100916120000"}},
			},
		},
	}
}

// lgTransferredValue is hipath_event_transferred of testdata/oracle: "100"
// transferred call b164 (from "200") to "300", whom it had consulted in
// call 002a.
func lgTransferredValue() lgEventReportInvoke {
	return lgEventReportInvoke{
		InvokeID: 12,
		Opcode:   int64(OpEventReport),
		Argument: lgEventReport{
			CrossRef: []byte{0x00, 0x01},
			Event: lgTransferredEvent{
				PrimaryOldCall:      lgConn("b164", "100"),
				SecondaryOldCall:    lgConn("002a", "100"),
				TransferringDevice:  lgDialing("100"),
				TransferredToDevice: lgDialing("300"),
				TransferredConnections: []lgConnectionListEntry{
					{
						NewConnection: lgConnectionRef{lgConn("002a", "200")},
						OldConnection: lgConnectionRef{lgConn("b164", "200")},
						Endpoint:      lgDialing("200"),
					},
					{
						NewConnection: lgConnectionRef{lgConn("002a", "300")},
						Endpoint:      lgDialing("300"),
					},
				},
				LocalConnectionInfo: int(StateNull),
				Cause:               int(CauseTransfer),
				Extensions:          lgCommonArguments{Security: lgSecurity{Timestamp: "20100916120300"}},
			},
		},
	}
}

func oursConn(call string, dev string) ConnectionID {
	c, err := hex.DecodeString(call)
	if err != nil {
		panic(err)
	}
	return NewConnectionID(c, Dialing(dev))
}

func oursDeliveredReport() *EventReport {
	return &EventReport{
		CrossRef: CrossRefID{0x00, 0x01},
		Event: &DeliveredEvent{
			Connection:             oursConn("b164", "100"),
			AlertingDevice:         Known(Dialing("100")),
			CallingDevice:          Known(Dialing("200")),
			CalledDevice:           Known(Dialing("100")),
			LastRedirectionDevice:  Device{Status: DeviceNotKnown},
			HasLocalConnectionInfo: true,
			LocalConnectionInfo:    StateAlerting,
			Cause:                  CauseNewCall,
			Extensions:             CommonArguments{Security: true, Timestamp: "20100916120000"},
		},
	}
}

func oursTransferredReport() *EventReport {
	return &EventReport{
		CrossRef: CrossRefID{0x00, 0x01},
		Event: &TransferredEvent{
			PrimaryOldCall:      oursConn("b164", "100"),
			SecondaryOldCall:    oursConn("002a", "100"),
			TransferringDevice:  Known(Dialing("100")),
			TransferredToDevice: Known(Dialing("300")),
			TransferredConnections: ConnectionList{
				{
					NewConnection: oursConn("002a", "200"),
					OldConnection: oursConn("b164", "200"),
					Endpoint:      Known(Dialing("200")),
				},
				{
					NewConnection: oursConn("002a", "300"),
					Endpoint:      Known(Dialing("300")),
				},
			},
			HasLocalConnectionInfo: true,
			LocalConnectionInfo:    StateNull,
			Cause:                  CauseTransfer,
			Extensions:             CommonArguments{Security: true, Timestamp: "20100916120300"},
		},
	}
}

// oursInvoke encodes an Invoke of op with our encoders: the argument
// element built by arg, then the ROSE envelope.
func oursInvoke(t testing.TB, id int64, op Opcode, arg func(b *ber.Builder)) []byte {
	t.Helper()
	var b ber.Builder
	arg(&b)
	raw, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	m := Message{Type: Invoke, InvokeID: id, Opcode: op, Argument: raw}
	out, err := m.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// oracleHiPathVector returns a PDU of testdata/oracle/hipath.tsv by name.
func oracleHiPathVector(t testing.TB, name string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "oracle", "hipath.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n, h, ok := strings.Cut(sc.Text(), "\t")
		if ok && n == name {
			pdu, err := hex.DecodeString(strings.TrimSpace(h))
			if err != nil {
				t.Fatal(err)
			}
			return pdu
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("no vector %s in hipath.tsv", name)
	return nil
}

// lgEncode encodes v with Logicalis.
func lgEncode(t testing.TB, ctx *lasn1.Context, v any, options string) []byte {
	t.Helper()
	out, err := ctx.EncodeWithOptions(v, options)
	if err != nil {
		t.Fatalf("logicalis encode %T: %v", v, err)
	}
	return out
}

// lgDecodeCheck decodes data with Logicalis into a new value of want's
// type and compares it with want; nothing may be left over.
func lgDecodeCheck(t testing.TB, ctx *lasn1.Context, data []byte, want any, options string) {
	t.Helper()
	got := reflect.New(reflect.TypeOf(want))
	rest, err := ctx.DecodeWithOptions(data, got.Interface(), options)
	if err != nil {
		t.Fatalf("logicalis decode %T: %v", want, err)
	}
	if len(rest) != 0 {
		t.Fatalf("logicalis decode %T: %d bytes left", want, len(rest))
	}
	if !reflect.DeepEqual(got.Elem().Interface(), want) {
		t.Fatalf("logicalis decoded\n %#v\nwant %#v", got.Elem().Interface(), want)
	}
}

// lgSame fails unless ours, theirs and want are the same bytes.
func lgSame(t testing.TB, what string, ours, theirs, want []byte) {
	t.Helper()
	if !bytes.Equal(ours, theirs) {
		t.Errorf("%s: encoders differ\n ours      %x\n logicalis %x", what, ours, theirs)
	}
	if !bytes.Equal(ours, want) {
		t.Errorf("%s: ours\n got  %x\n want %x", what, ours, want)
	}
	if !bytes.Equal(theirs, want) {
		t.Errorf("%s: logicalis\n got  %x\n want %x", what, theirs, want)
	}
}

func TestLogicalisDeviceID(t *testing.T) {
	ctx := lgContext(t)
	// The DeviceID of client-monitorstart-100: the monitorObject, first
	// element of the MonitorStart argument.
	var m Message
	if err := m.Decode(vector(t, "client-monitorstart-100")); err != nil {
		t.Fatal(err)
	}
	arg := ber.NewReader(m.Argument)
	seq, err := arg.Expect(ber.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	fields := seq.Reader()
	dev, err := fields.Expect(ber.TagSequence)
	if err != nil {
		t.Fatal(err)
	}
	want := dev.Raw

	var b ber.Builder
	d := Dialing("100")
	d.encode(&b, ber.TagSequence)
	ours, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	lgSame(t, "DeviceID", ours, lgEncode(t, ctx, lgDialing("100"), ""), want)
	lgDecodeCheck(t, ctx, want, lgDialing("100"), "")

	// With privateName [1], an explicitly tagged IA5String. No vector has
	// one; the bytes are spelled out.
	want, _ = hex.DecodeString("300e" + "8003313030" + "a107" + "1605416c696365")
	b = ber.Builder{}
	d = DeviceID{Kind: DialingNumber, Number: "100", Details: &DeviceDetails{PrivateName: "Alice"}}
	d.encode(&b, ber.TagSequence)
	if ours, err = b.Bytes(); err != nil {
		t.Fatal(err)
	}
	named := lgNamedDeviceID{DialingNumber: "100", PrivateName: lgIA5("Alice")}
	lgSame(t, "DeviceID with privateName", ours, lgEncode(t, ctx, named, ""), want)
	lgDecodeCheck(t, ctx, want, named, "")
	// And ours reads back what both wrote.
	var back DeviceID
	if err := back.decode(mustElement(t, want)); err != nil || !reflect.DeepEqual(back, d) {
		t.Fatalf("decoded %+v, %v; want %+v", back, err, d)
	}
}

// mustElement reads the single element of data.
func mustElement(t testing.TB, data []byte) ber.Element {
	t.Helper()
	r := ber.NewReader(data)
	e, err := r.Next()
	if err == nil {
		err = r.Done()
	}
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestLogicalisMonitorStart(t *testing.T) {
	ctx := lgContext(t)
	want := vector(t, "client-monitorstart-100")
	arg := hipathMonitorStart(Dialing("100"))
	ours := oursInvoke(t, 1, OpMonitorStart, arg.encode)
	lg := lgMonitorStartValue()
	lgSame(t, "MonitorStart invoke", ours, lgEncode(t, ctx, lg, lgInvokeOptions), want)
	lgDecodeCheck(t, ctx, want, lg, lgInvokeOptions)
}

func TestLogicalisDeliveredEvent(t *testing.T) {
	ctx := lgContext(t)
	want := vector(t, "pbx-event-delivered")
	ours := oursInvoke(t, 5, OpEventReport, oursDeliveredReport().encode)
	lg := lgDeliveredValue()
	lgSame(t, "Delivered event invoke", ours, lgEncode(t, ctx, lg, lgInvokeOptions), want)
	lgDecodeCheck(t, ctx, want, lg, lgInvokeOptions)
}

func TestLogicalisTransferredEvent(t *testing.T) {
	ctx := lgContext(t)
	want := oracleHiPathVector(t, "hipath_event_transferred")
	ours := oursInvoke(t, 12, OpEventReport, oursTransferredReport().encode)
	lg := lgTransferredValue()
	lgSame(t, "Transferred event invoke", ours, lgEncode(t, ctx, lg, lgInvokeOptions), want)
	lgDecodeCheck(t, ctx, want, lg, lgInvokeOptions)
}
