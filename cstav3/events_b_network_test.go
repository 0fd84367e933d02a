package cstav3

// The values the network events carry: the EventsProvided bit string, the
// names of the network types and progress indicators, and bad inner values
// reported with their path.

import (
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

func TestEventsBNetworkTypes(t *testing.T) {
	p := NewEventsProvided(EventDelivered, EventEstablished, EventTransferred, EventAgentBusy)
	if hex.EncodeToString(p.Bytes) != "090040" || p.Length != 18 {
		t.Errorf("NewEventsProvided = %x/%d", p.Bytes, p.Length)
	}
	if !p.Has(EventDelivered) || !p.Has(EventTransferred) || p.Has(EventHeld) || p.Has(EventAgentBusy) {
		t.Errorf("Has wrong for %x", p.Bytes)
	}
	if got := p.Events(); !reflect.DeepEqual(got, []EventType{EventDelivered, EventEstablished, EventTransferred}) {
		t.Errorf("Events = %v", got)
	}
	if e := NewEventsProvided(); e.IsZero() || e.Length != 0 {
		t.Errorf("empty EventsProvided %+v", e)
	}
	if !(EventsProvided{}).IsZero() {
		t.Error("zero EventsProvided not IsZero")
	}

	for _, c := range []struct {
		got, want string
	}{
		{NetworkTypeISDNPublic.String(), "iSDNPublic"},
		{NetworkTypeNonISDNPrivate.String(), "nonISDNPrivate"},
		{NetworkType(9).String(), "NetworkType(9)"},
		{ProgressLocationNetworkBeyondInterwk.String(), "networkBeyondInterwk"},
		{ProgressLocation(10).String(), "ProgressLocation(10)"},
		{ProgressDescriptionQSIG.String(), "qSIGProgressDesc"},
		{ProgressDescription(3).String(), "ProgressDescription(3)"},
	} {
		if c.got != c.want {
			t.Errorf("String() = %q, want %q", c.got, c.want)
		}
	}
	if v, ok := ParseNetworkType("iSDNPrivate"); !ok || v != NetworkTypeISDNPrivate {
		t.Errorf("ParseNetworkType = %v %v", v, ok)
	}
	if v, ok := ParseProgressLocation("transitNetwork"); !ok || v != ProgressLocationTransitNetwork {
		t.Errorf("ParseProgressLocation = %v %v", v, ok)
	}
	if v, ok := ParseProgressDescription("other"); !ok || v != ProgressDescriptionOther {
		t.Errorf("ParseProgressDescription = %v %v", v, ok)
	}
	if _, ok := ParseNetworkType("nope"); ok {
		t.Error("ParseNetworkType accepted nope")
	}

	// Bad inner values are reported with their path.
	for _, c := range []struct {
		name, content string
		want          error
		path          string
	}{
		// progressIndicator with one ENUMERATED only
		{"progressDescription missing", "6b03800101630287006202870030030a0102" + "0a0116", ber.ErrMissing, "progressIndicator.progressDescription:"},
		// networkCapability without networkType
		{"networkType missing", "6b03800101630287006202870030060a01000a0100a00403020780" + "0a0116", ber.ErrMissing, "networkCapability.networkType:"},
		// eventsProvided with 8 unused bits
		{"bad bit string", "6b03800101630287006202870030060a01000a0100a0060a0100030108" + "0a0116", ber.ErrInvalid, "networkCapability.eventsProvided:"},
	} {
		_, _, err := evbDecode(evbWithContent(t, EventNetworkCapabilitiesChanged, evbHex(c.content)))
		if !errors.Is(err, c.want) || !strings.HasPrefix(err.Error(), "NetworkCapabilitiesChangedEvent."+c.path) {
			t.Errorf("%s: err %v", c.name, err)
		}
	}
}
