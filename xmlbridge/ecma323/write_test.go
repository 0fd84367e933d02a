package ecma323

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"
)

// codecWriterStrings are the texts the writer tests and the fuzz seeds
// start from: every byte escapeText treats apart, invalid UTF-8, runes
// outside XML's Char production and at its edges.
var codecWriterStrings = []string{
	"",
	"DMON:0007",
	"a\nb\rc\td",
	`<&>"'`,
	"]]>",
	"\x00\x01\x1f\x7f",
	"\xff\xfe\xc3",
	"\xed\xa0\x80", // an encoded surrogate: invalid UTF-8
	"\uFFFD\uFFFE\uFFFF",
	"\u0085\u00a0\u2028\ud7ff\ue000\U00010000\U0010FFFF",
	"Ünïcödé ☎ 電話",
}

// codecFuzzDelivered returns a DeliveredEvent holding s in every text and
// attribute value, and the same event with t in their place, so that each
// value appears in element text, in chardata of a MarshalXML type and in an
// attribute.
func codecFuzzDelivered(s, t string) *DeliveredEvent {
	dev := func(v string) DeviceID {
		return DeviceID{TypeOfNumber: t, MediaClass: s, BitRate: t, Value: v}
	}
	return &DeliveredEvent{
		MonitorCrossRefID: s,
		Connection:        ConnectionID{DeviceID: dev(t), CallID: s},
		AlertingDevice:    DeviceRole{Known: true, Device: dev(s)},
		CallingDevice:     DeviceRole{Known: true, Device: DeviceID{TypeOfNumber: s, Value: t}},
		CalledDevice:      DeviceRole{Status: s},
		LastRedirectionDevice: DeviceRole{Known: true, NumberDialed: true,
			Device: DeviceID{Value: s}},
		OriginatingNIDConnection: &ConnectionID{DynamicID: t, Text: s},
		LocalConnectionInfo:      s,
		CorrelatorData:           t,
		UserData:                 &UserData{String: s},
		Cause:                    t,
		NetworkCallingDevice:     &DeviceRole{Status: RoleRestricted},
		AssociatedCalledDevice:   &DeviceRole{Known: true, Device: DeviceID{MediaClass: t}},
		CallLinkageData: &CallLinkageData{GlobalCallData: GlobalCallData{SubDomainName: s,
			LinkageID: GlobalLinkage{GloballyUnique: t}, Timestamp: s}},
		Extensions: &Extensions{
			Security: &Security{Timestamp: t, SecurityInfo: s},
			// innerxml: written by encoding/xml itself, in the middle of
			// the writer's output.
			PrivateData: &PrivateData{Strings: []string{s, t, ""},
				Private: []PrivateXML{{Inner: "<x:a xmlns:x=\"urn:x\">1</x:a>"}}},
		},
	}
}

// codecCheckMarshal checks that the Encoder writes x exactly as xml.Marshal
// does, in namespace ns.
func codecCheckMarshal(t *testing.T, ns string, x *DeliveredEvent) {
	t.Helper()
	enc := Encoder{Namespace: ns, Declaration: true}
	got, err := enc.Append([]byte("prefix"), x)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(got, []byte("prefix")) {
		t.Fatalf("Append overwrote dst: %q", got)
	}
	got = got[len("prefix"):]
	// xml.Marshal names the document with XMLName, where the Encoder puts
	// the namespace.
	y := *x
	y.XMLName = xml.Name{Space: enc.namespace(messageByType[reflectTypeOf(x)]), Local: "DeliveredEvent"}
	want, err := xml.Marshal(&y)
	if err != nil {
		t.Fatal(err)
	}
	want = append([]byte(xml.Header), want...)
	if !bytes.Equal(got, want) {
		t.Errorf("namespace %q:\n got %q\nwant %q", ns, got, want)
	}
}

// TestWriterMatchesEncoding checks the writer against encoding/xml for each
// string that escapes differently, alone and among others.
func TestWriterMatchesEncoding(t *testing.T) {
	for _, s := range codecWriterStrings {
		codecCheckMarshal(t, s, codecFuzzDelivered(s, "x"+s+"y"))
	}
	all := strings.Join(codecWriterStrings, "|")
	codecCheckMarshal(t, all, codecFuzzDelivered(all, ""))
}

// TestWriterStartElements checks the start elements the MarshalXML methods
// may be handed: an attribute without a name is skipped as encoding/xml
// skips it, an element without a name is refused as encoding/xml refuses it,
// and an attribute in a namespace, which the writer does not declare, is
// refused.
func TestWriterStartElements(t *testing.T) {
	d := &DeviceID{TypeOfNumber: "dialingNumber", Value: "1"}
	start := xml.StartElement{Name: xml.Name{Local: "d"},
		Attr: []xml.Attr{{Value: "skipped"}, {Name: xml.Name{Local: "a"}, Value: "<"}}}
	var want bytes.Buffer
	if err := xml.NewEncoder(&want).EncodeElement(d, start); err != nil {
		t.Fatal(err)
	}
	var w codecWriter
	if err := w.deviceID(start, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.out.buf, want.Bytes()) {
		t.Errorf("got %s, want %s", w.out.buf, want.Bytes())
	}

	type holder struct {
		F Flags `xml:"f"`
	}
	unnamed := Flags{{Name: "", On: true}}
	if _, err := xml.Marshal(holder{unnamed}); err == nil {
		t.Error("encoding/xml wrote a flag without a name")
	}
	if err := w.flags(xml.StartElement{Name: xml.Name{Local: "f"}}, unnamed); err == nil {
		t.Error("flag without a name written")
	}

	start.Attr = []xml.Attr{{Name: xml.Name{Space: "urn:x", Local: "a"}}}
	if err := w.deviceID(start, d); err == nil {
		t.Error("attribute in a namespace written")
	}
}

// codecOddShapes holds shapes no message has, which the plans hand to
// encoding/xml or must write as it does.
type codecOddShapes struct {
	XMLName xml.Name
	Bytes   []byte           `xml:"bytes"`
	Text    codecTextValue   `xml:"text"`
	TextPtr *codecTextValue  `xml:"textPtr,omitempty"`
	Texts   []codecTextValue `xml:"texts"`
	Any     any              `xml:"any"`
	Ints    []int            `xml:"int"`
	Empty   []string         `xml:"empty,omitempty"`
	N       int64            `xml:"n,omitempty"`
	Neg     int              `xml:"neg"`
	B       *bool            `xml:"b"`
	Inner   PrivateXML       `xml:"inner"`
	Nested  *codecOddShapes  `xml:"nested,omitempty"`
}

type codecTextValue int

func (v codecTextValue) MarshalText() ([]byte, error) {
	return []byte(strings.Repeat("<v>", int(v))), nil
}

// TestWriterFallback checks the shapes the plans hand to encoding/xml
// (text marshalers, []byte, interfaces, innerxml) and the recursion of a
// type into itself, against encoding/xml.
func TestWriterFallback(t *testing.T) {
	yes, tv := true, codecTextValue(2)
	x := &codecOddShapes{Bytes: []byte("a\nb<"), Text: 1, TextPtr: &tv, Texts: []codecTextValue{0, 3},
		Any: "any\n", Ints: []int{1, -2}, Empty: []string{}, Neg: -7, B: &yes,
		Inner:  PrivateXML{Inner: "<i/>"},
		Nested: &codecOddShapes{XMLName: xml.Name{Space: "urn:n", Local: "renamed"}, N: 5}}
	name := xml.Name{Space: "urn:x", Local: "odd"}
	var want bytes.Buffer
	if err := xml.NewEncoder(&want).EncodeElement(x, xml.StartElement{Name: name}); err != nil {
		t.Fatal(err)
	}
	w := new(codecWriter)
	if err := w.message(name, x, codecPlanFor(reflect.TypeOf(x).Elem())); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w.out.buf, want.Bytes()) {
		t.Errorf("got  %s\nwant %s", w.out.buf, want.Bytes())
	}
}

// TestWriterAllocations checks that encoding an event into a buffer large
// enough allocates nothing once the writers are warm.
func TestWriterAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts need a build without -race (sync.Pool drops items under it); .ci/run runs the Alloc tests without it")
	}
	x := codecFuzzDelivered("100", "dialingNumber")
	x.Extensions.PrivateData.Private = nil // encoding/xml allocates
	enc := Encoder{Edition: Ed4}
	buf := make([]byte, 0, 8192)
	if n := testing.AllocsPerRun(100, func() {
		buf, _ = enc.Append(buf[:0], x)
	}); n != 0 {
		t.Errorf("%v allocations per Append", n)
	}
}

// FuzzWriterMatchesEncoding feeds random strings into the text and
// attribute values of a DeliveredEvent, and its namespace, and checks that
// the Encoder writes the bytes xml.Marshal writes.
func FuzzWriterMatchesEncoding(f *testing.F) {
	for _, s := range codecWriterStrings {
		f.Add(s, s, "")
		f.Add(s, "", s)
	}
	f.Fuzz(func(t *testing.T, s, u, ns string) {
		codecCheckMarshal(t, ns, codecFuzzDelivered(s, u))
	})
}
