package ecma323

import (
	"bytes"
	"encoding/xml"
	"testing"
)

// codecAllMessages returns an XML struct of every kind the tests build.
func codecAllMessages(t *testing.T) []any {
	var msgs []any
	for _, ev := range codecEvents() {
		x, err := EventToXML(ev, "DMON:1")
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, x)
	}
	for _, a := range codecArguments() {
		x, err := ArgumentToXML(a, "DMON:1")
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, x)
	}
	for _, r := range codecResults() {
		x, err := ResultToXML(r, "DMON:1")
		if err != nil {
			t.Fatal(err)
		}
		msgs = append(msgs, x)
	}
	for _, name := range codecSeedNames(t) {
		if m, _ := Decode(codecSeed(t, name)); m != nil {
			msgs = append(msgs, m.XML)
		}
	}
	return msgs
}

// TestFastMarshalMatches checks that the Encoder's token writer produces
// exactly what encoding/xml's reflection produces for the same struct.
func TestFastMarshalMatches(t *testing.T) {
	enc := Encoder{Edition: Ed4}
	for _, x := range codecAllMessages(t) {
		got, err := enc.Append(nil, x)
		if err != nil {
			t.Fatal(err)
		}
		c := messageByType[reflectTypeOf(x)]
		var want bytes.Buffer
		e := xml.NewEncoder(&want)
		start := xml.StartElement{Name: xml.Name{Space: enc.namespace(c), Local: c.name}}
		if err := e.EncodeElement(x, start); err != nil {
			t.Fatal(err)
		}
		if err := e.Flush(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, want.Bytes())
		}
	}
}
