package ecma323

import (
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// TestEventsRoundTrip encodes every event type from a rich cstav3 value,
// decodes the XML and compares every field with the original.
func TestEventsRoundTrip(t *testing.T) {
	enc := Encoder{Declaration: true}
	seen := map[string]bool{}
	for _, ev := range codecEvents() {
		name := ev.Type().Name()
		seen[name] = true
		t.Run(name, func(t *testing.T) {
			b, err := enc.AppendEvent(nil, ev, "DMON:"+name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Decode(b)
			if err != nil {
				t.Fatalf("%v\n%s", err, b)
			}
			if m.Name != name || m.Kind != KindEvent || m.Edition != Ed3 || m.CrossRef != "DMON:"+name {
				t.Errorf("decoded %s %s %s %q", m.Name, m.Kind, m.Edition, m.CrossRef)
			}
			if !reflect.DeepEqual(m.Event, ev) {
				t.Errorf("round trip differs\n got %#v\nwant %#v\n%s", m.Event, ev, b)
			}
		})
	}
	for _, name := range Messages() {
		if _, k, _ := NewMessage(name); k == KindEvent && !seen[name] {
			t.Errorf("no round trip for %s", name)
		}
	}
}

// TestEventsFromBER takes each event through its BER encoding first, as the
// bridge receives it, and checks the XML maps back to the decoded value.
func TestEventsFromBER(t *testing.T) {
	for _, ev := range codecEvents() {
		t.Run(ev.Type().Name(), func(t *testing.T) {
			pdu, err := cstav3.AppendEventReport(nil, &cstav3.EventReport{CrossRef: cstav3.CrossRefID{0, 1}, Event: ev})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := cstav3.DecodeEventReport(pdu)
			if err != nil {
				t.Fatal(err)
			}
			x, err := EventToXML(rep.Event, "x")
			if err != nil {
				t.Fatal(err)
			}
			back, _, err := EventFromXML(x)
			if err != nil {
				t.Fatal(err)
			}
			want, _, _ := EventFromXML(codecMustEventXML(t, ev))
			if !reflect.DeepEqual(back, want) {
				t.Errorf("BER-decoded event maps differently\n got %#v\nwant %#v", back, want)
			}
		})
	}
}

func codecMustEventXML(t *testing.T, ev cstav3.Event) any {
	x, err := EventToXML(ev, "x")
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestEventToXMLErrors(t *testing.T) {
	if _, err := EventToXML(&cstav3.RawEvent{EventType: cstav3.Type(cstav3.VoiceUnitEvents, 1)}, "x"); err == nil {
		t.Error("RawEvent mapped")
	}
	if _, err := EventToXML(nil, "x"); err == nil {
		t.Error("nil event mapped")
	}
	if _, _, err := EventFromXML(&MakeCall{}); err == nil {
		t.Error("MakeCall mapped as an event")
	}
}

// TestEventFieldErrors checks that values the XML cannot map are reported
// with their path.
func TestEventFieldErrors(t *testing.T) {
	cases := []struct{ doc, path string }{
		{`<DeliveredEvent><connection><callID>xyz</callID></connection><cause>newCall</cause></DeliveredEvent>`, "connection/callID"},
		{`<DeliveredEvent><connection><callID>01</callID></connection><cause>bogus</cause></DeliveredEvent>`, "cause"},
		{`<HeldEvent><heldConnection><callID>01</callID></heldConnection><localConnectionInfo>x</localConnectionInfo></HeldEvent>`, "localConnectionInfo"},
		{`<HeldEvent><heldConnection><callID>01</callID></heldConnection><holdingDevice><deviceIdentifier typeOfNumber="x">1</deviceIdentifier></holdingDevice></HeldEvent>`, "holdingDevice/@typeOfNumber"},
		{`<HeldEvent><heldConnection/></HeldEvent>`, "heldConnection"},
		{`<HeldEvent><heldConnection><callID>01</callID></heldConnection><extensions><security><timestamp>yesterday</timestamp></security></extensions></HeldEvent>`, "extensions/security/timestamp"},
		{`<DoNotDisturbEvent><device>1</device><callOrigination>inside</callOrigination></DoNotDisturbEvent>`, "callOrigination"},
	}
	for _, c := range cases {
		m, err := Decode([]byte(c.doc))
		var fe *FieldError
		if !codecAs(err, &fe) || fe.Path != c.path {
			t.Errorf("%s: err %v, want a FieldError at %s", c.doc, err, c.path)
			continue
		}
		if m == nil || m.XML == nil || m.Event != nil {
			t.Errorf("%s: message %+v, want the XML without the event", c.doc, m)
		}
	}
}

// codecTree is an element tree for golden comparisons: names, namespaces,
// nesting, text and typeOfNumber, ignoring the presentation attributes
// (xsi:schemaLocation, mediaClass, bitRate) and whitespace.
type codecTree struct {
	Name     xml.Name
	TON      string
	Text     string
	Children []*codecTree
}

func codecParseTree(t *testing.T, doc []byte) *codecTree {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(doc)))
	var stack []*codecTree
	var root *codecTree
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &codecTree{Name: tk.Name}
			for _, a := range tk.Attr {
				if a.Name.Local == "typeOfNumber" {
					n.TON = a.Value
				}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += strings.TrimSpace(string(tk))
			}
		}
	}
	if root == nil {
		t.Fatalf("no element in %s", doc)
	}
	return root
}

func codecTreeString(n *codecTree, indent string, b *strings.Builder) {
	b.WriteString(indent + "{" + n.Name.Space + "}" + n.Name.Local)
	if n.TON != "" {
		b.WriteString(" typeOfNumber=" + n.TON)
	}
	if n.Text != "" {
		b.WriteString(" = " + n.Text)
	}
	b.WriteString("\n")
	for _, c := range n.Children {
		codecTreeString(c, indent+"  ", b)
	}
}

// codecSameTree compares two documents as trees, in element order.
func codecSameTree(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w strings.Builder
	codecTreeString(codecParseTree(t, got), "", &g)
	codecTreeString(codecParseTree(t, want), "", &w)
	if g.String() != w.String() {
		t.Errorf("document differs from the golden one\n got:\n%s\nwant:\n%s", g.String(), w.String())
	}
}

// TestEventsGoldenECSS10 encodes the events of ECSS-10's published samples
// (seed 000) from their cstav3 values and compares the documents with the
// samples: same elements, nesting, order, namespace, text and typeOfNumber.
func TestEventsGoldenECSS10(t *testing.T) {
	for _, name := range []string{"ecss10-delivered-event", "ecss10-established-event",
		"ecss10-connection-cleared-event", "ecss10-originated-event", "ecss10-service-initiated-event"} {
		t.Run(name, func(t *testing.T) {
			seed := codecSeed(t, name)
			m, err := Decode(seed)
			if err != nil {
				t.Fatal(err)
			}
			// The sample goes through cstav3 and BER, as a HiPath event does.
			pdu, err := cstav3.AppendEventReport(nil, &cstav3.EventReport{CrossRef: cstav3.CrossRefID{1, 2}, Event: m.Event})
			if err != nil {
				t.Fatal(err)
			}
			rep, err := cstav3.DecodeEventReport(pdu)
			if err != nil {
				t.Fatal(err)
			}
			enc := Encoder{Edition: Ed3, Declaration: true}
			got, err := enc.AppendEvent(nil, rep.Event, m.CrossRef)
			if err != nil {
				t.Fatal(err)
			}
			codecSameTree(t, got, seed)
		})
	}
}

// TestEventsECSS10Fields checks the seed DeliveredEvent maps to the cstav3
// fields a HiPath would have sent.
func TestEventsECSS10Fields(t *testing.T) {
	m, err := Decode(codecSeed(t, "ecss10-delivered-event"))
	if err != nil {
		t.Fatal(err)
	}
	ev := m.Event.(*cstav3.DeliveredEvent)
	d722 := "722:::QkE6Zjc2ZTlkNjY3MjBlYjMyZDpmNzZlOWQ3MDE2MWNmM2Q3#ZWNzc08xNTEwNzk3ODIyNDgyMTE2MDExODI3MTE=#MUZtNVFIVWVwVXI1Yw=="
	if ev.Connection.Call.String() != "f76e9d66720eb32d" || !reflect.DeepEqual(ev.Connection.Device, cstav3.Dialing(d722)) ||
		!reflect.DeepEqual(ev.AlertingDevice.DeviceID, cstav3.Dialing(d722)) || ev.CallingDevice.Number[:3] != "725" ||
		ev.LastRedirectionDevice.Status != cstav3.DeviceNotKnown || ev.Cause != cstav3.CauseNewCall ||
		m.CrossRef != "DMON:f76e9c7a2075e497" {
		t.Errorf("mapped %+v", ev)
	}
	m, err = Decode(codecSeed(t, "ecss10-connection-cleared-event"))
	if err != nil {
		t.Fatal(err)
	}
	cc := m.Event.(*cstav3.ConnectionClearedEvent)
	if cc.Cause != cstav3.CauseNormalClearing || string(cc.Extensions.PrivateData) != "\x04\x19release_initiator=system;" {
		t.Errorf("mapped %+v", cc)
	}
}
