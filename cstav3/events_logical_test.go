package cstav3

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// Logical device feature and device maintenance events. Every vector is a
// whole CSTA-ROSE-PDU invoke of cSTAEventReport (21) with cross-reference
// 0001, produced by the Erlang asn1ct oracle (testdata/oracle) from the
// ECMA-285 modules.

// ldCase is one vector: the PDU in hex, its invoke id and the event it holds.
type ldCase struct {
	name string
	hex  string
	id   int64
	want Event
}

func ldSubject(n string) Device { return Known(Dialing(n)) }

var ldExt = CommonArguments{Security: true, Timestamp: "20100916120000"}

func ldHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ldRun decodes each vector with Message.Decode and DecodeEventReport,
// compares every field of the event with the expected value, encodes the
// expected value (and the decoded one) back through EventReport.encode and
// Message.Append and compares with the vector, and checks that every
// truncation of the event is an error or a shorter valid event.
func ldRun(t *testing.T, cases []ldCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := ldHex(t, c.hex)
			var m Message
			if err := m.Decode(data); err != nil {
				t.Fatal(err)
			}
			if m.Type != Invoke || m.InvokeID != c.id || m.Opcode != OpEventReport {
				t.Fatalf("envelope %+v", m)
			}
			rep, err := DecodeEventReport(m.Argument)
			if err != nil {
				t.Fatal(err)
			}
			if rep.CrossRef.String() != "0001" {
				t.Errorf("crossRef %s", rep.CrossRef)
			}
			if rep.Event.Type() != c.want.Type() {
				t.Fatalf("type %v, want %v", rep.Event.Type(), c.want.Type())
			}
			if !reflect.DeepEqual(rep.Event, c.want) {
				t.Fatalf("decoded\n got %+v\nwant %+v", rep.Event, c.want)
			}
			for _, ev := range []Event{c.want, rep.Event} {
				out := ldEncodeReport(t, c.id, &EventReport{CrossRef: CrossRefID{0, 1}, Event: ev})
				if !bytes.Equal(out, data) {
					t.Fatalf("encoded\n got %x\nwant %x", out, data)
				}
			}
			ldTruncations(t, m.Argument)
			for n := range len(data) {
				var m Message
				if m.Decode(data[:n]) == nil {
					if _, err := DecodeEventReport(m.Argument); err == nil {
						t.Fatalf("PDU truncated to %d bytes decoded", n)
					}
				}
			}
		})
	}
}

func ldEncodeReport(t *testing.T, id int64, r *EventReport) []byte {
	t.Helper()
	var b ber.Builder
	r.encode(&b)
	arg, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	m := Message{Type: Invoke, InvokeID: id, Opcode: OpEventReport, Argument: arg}
	out, err := m.Append(nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// ldTruncations cuts the content of the event element of a report argument
// at every length, keeping the enclosing lengths right, and decodes it: the
// result must be ErrTruncated or ErrMissing naming the event, or (for cuts
// between elements) a valid event that re-encodes to the cut input.
func ldTruncations(t *testing.T, arg []byte) {
	t.Helper()
	r := ber.NewReader(arg)
	seq, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	sr := seq.Reader()
	xref, _ := sr.Next()
	cat, _ := sr.Next()
	inner, err := explicitInner(cat)
	if err != nil {
		t.Fatal(err)
	}
	name := Type(EventCategory(cat.Tag.Number()), inner.Tag.Number()).Name()
	for n := range len(inner.Content()) {
		var b ber.Builder
		b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
			b.AddRaw(xref.Raw)
			b.AddConstructed(cat.Tag, func(b *ber.Builder) {
				b.AddConstructed(inner.Tag, func(b *ber.Builder) { b.AddRaw(inner.Content()[:n]) })
			})
		})
		cut, _ := b.Bytes()
		rep, err := DecodeEventReport(cut)
		if err == nil {
			var b ber.Builder
			rep.encode(&b)
			again, _ := b.Bytes()
			if !bytes.Equal(again, cut) {
				t.Fatalf("cut at %d decoded but re-encodes differently\n got %x\nwant %x", n, again, cut)
			}
			continue
		}
		if !errors.Is(err, ber.ErrTruncated) && !errors.Is(err, ber.ErrMissing) {
			t.Fatalf("cut at %d: unexpected error %v", n, err)
		}
		if !strings.HasPrefix(err.Error(), name+".") && !strings.HasPrefix(err.Error(), name+":") {
			t.Fatalf("cut at %d: error %q does not name %s", n, err, name)
		}
	}
}

func TestAgentLoggedOnEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a1460202012c020115303d55020001a437a1356307300580033130308204343731313005800335303083067365637265740a01117e12a010180e3230313030393136313230303030",
			300, &AgentLoggedOnEvent{AgentDevice: ldSubject("100"), AgentID: AgentID("4711"), ACDGroup: Dialing("500"),
				AgentPassword: AgentPassword("secret"), HasCause: true, Cause: CauseKeyOperation, Extensions: ldExt}},
		{"minimal", "a119020101020115301155020001a40ba109630730058003313030",
			1, &AgentLoggedOnEvent{AgentDevice: ldSubject("100")}},
	})
}

func TestAgentLoggedOffEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full, empty password", "a1410203011170020115303755020001a431a22f6307300580033130308204343731313005800335303083000a01117e12a010180e3230313030393136313230303030",
			70000, &AgentLoggedOffEvent{AgentDevice: ldSubject("100"), AgentID: AgentID("4711"), ACDGroup: Dialing("500"),
				AgentPassword: AgentPassword{}, HasCause: true, Cause: CauseKeyOperation, Extensions: ldExt}},
		{"device not known, agent id only", "a11a020102020115301255020001a40ca20a63028700820434373131",
			2, &AgentLoggedOffEvent{AgentDevice: Device{Status: DeviceNotKnown}, AgentID: AgentID("4711")}},
	})
}

func TestAgentNotReadyEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a13b020103020115303355020001a42da32b63073005800331303104023132300580033530300a012b7e12a010180e3230313030393136313230303030",
			3, &AgentNotReadyEvent{AgentDevice: ldSubject("101"), AgentID: AgentID("12"), ACDGroup: Dialing("500"),
				HasCause: true, Cause: CauseForcedPause, Extensions: ldExt}},
		{"minimal", "a119020104020115301155020001a40ba309630730058003313031",
			4, &AgentNotReadyEvent{AgentDevice: ldSubject("101")}},
	})
}

func TestAgentReadyEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a13b020105020115303355020001a42da42b63073005800331303104023132300580033530300a01117e12a010180e3230313030393136313230303030",
			5, &AgentReadyEvent{AgentDevice: ldSubject("101"), AgentID: AgentID("12"), ACDGroup: Dialing("500"),
				HasCause: true, Cause: CauseKeyOperation, Extensions: ldExt}},
		{"minimal", "a119020106020115301155020001a40ba409630730058003313031",
			6, &AgentReadyEvent{AgentDevice: ldSubject("101")}},
	})
}

func TestAgentBusyEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a13e020107020115303655020001a430a02e63073005800331303204023133300580033530318201038301267e12a010180e3230313030393136313230303030",
			7, &AgentBusyEvent{AgentDevice: ldSubject("102"), AgentID: AgentID("13"), ACDGroup: Dialing("501"),
				HasPendingAgentState: true, PendingAgentState: PendingAgentWorkingAfterCall,
				HasCause: true, Cause: CauseDistributed, Extensions: ldExt}},
		{"minimal", "a119020108020115301155020001a40ba009630730058003313032",
			8, &AgentBusyEvent{AgentDevice: ldSubject("102")}},
		{"pending agentNotReady (zero value present)", "a11c020109020115301455020001a40ea00c630730058003313032820100",
			9, &AgentBusyEvent{AgentDevice: ldSubject("102"), HasPendingAgentState: true, PendingAgentState: PendingAgentNotReady}},
	})
}

func TestAgentWorkingAfterCallEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a13e02010a020115303655020001a430a52e630730058003313032040231333005800335303182010183014e7e12a010180e3230313030393136313230303030",
			10, &AgentWorkingAfterCallEvent{AgentDevice: ldSubject("102"), AgentID: AgentID("13"), ACDGroup: Dialing("501"),
				HasPendingAgentState: true, PendingAgentState: AfterCallPendingReady,
				HasCause: true, Cause: CauseNormal, Extensions: ldExt}},
		{"minimal", "a11902010b020115301155020001a40ba509630730058003313032",
			11, &AgentWorkingAfterCallEvent{AgentDevice: ldSubject("102")}},
		{"restricted device, pending null", "a11702010c020115300f55020001a409a50763028800820102",
			12, &AgentWorkingAfterCallEvent{AgentDevice: Device{Status: DeviceRestricted},
				HasPendingAgentState: true, PendingAgentState: AfterCallPendingNull}},
	})
}

func TestDoNotDisturbEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a14402010d020115303c55020001a436ab346307300580033130300101ff03020780300e30058003323030300580033230317e12a010180e3230313030393136313230303030",
			13, &DoNotDisturbEvent{Device: ldSubject("100"), DoNotDisturbOn: true,
				HasCallOrigination: true, CallOrigination: OriginationInternal,
				CallingDeviceList: []DeviceID{Dialing("200"), Dialing("201")}, Extensions: ldExt}},
		{"minimal, off", "a11c02010e020115301455020001a40eab0c630730058003313030010100",
			14, &DoNotDisturbEvent{Device: ldSubject("100")}},
		{"external, empty list", "a12202010f020115301a55020001a414ab126307300580033130300101ff030206403000",
			15, &DoNotDisturbEvent{Device: ldSubject("100"), DoNotDisturbOn: true,
				HasCallOrigination: true, CallOrigination: OriginationExternal, CallingDeviceList: []DeviceID{}}},
		{"internal and external", "a120020110020115301855020001a412ab106307300580033130300101ff030206c0",
			16, &DoNotDisturbEvent{Device: ldSubject("100"), DoNotDisturbOn: true,
				HasCallOrigination: true, CallOrigination: OriginationInternal | OriginationExternal}},
		{"no origination bit", "a11f020111020115301755020001a411ab0f6307300580033130300101ff030100",
			17, &DoNotDisturbEvent{Device: ldSubject("100"), DoNotDisturbOn: true, HasCallOrigination: true}},
	})
}

func TestForwardingEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a144020112020115303c55020001a436ac346307300580033130300a01020101ff300580033330300a010002010384024e207e12a010180e3230313030393136313230303030",
			18, &ForwardingEvent{Device: ldSubject("100"), HasForwardingType: true, ForwardingType: ForwardNoAns,
				ForwardStatus: true, ForwardTo: Dialing("300"), HasForwardDefault: true, ForwardDefault: ForwardDefaultTypeAndDN,
				HasRingCount: true, RingCount: 3, HasRingDuration: true, RingDuration: 20000, Extensions: ldExt}},
		{"minimal, off", "a11c020113020115301455020001a40eac0c630730058003313030010100",
			19, &ForwardingEvent{Device: ldSubject("100")}},
		// Both forwardingType and forwardDefault are untagged ENUMERATED: a
		// lone one after forwardStatus is forwardDefault.
		{"default only", "a11f020114020115301755020001a411ac0f6307300580033130300101ff0a0102",
			20, &ForwardingEvent{Device: ldSubject("100"), ForwardStatus: true, HasForwardDefault: true, ForwardDefault: ForwardDefaultDN}},
		{"type only, ring duration 0", "a122020115020115301a55020001a414ac126307300580033130300a010b010100840100",
			21, &ForwardingEvent{Device: ldSubject("100"), HasForwardingType: true, ForwardingType: ForwardDNDExt,
				HasRingDuration: true}},
	})
}

func TestBackInServiceEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a130020116020115302855020001a522a0206307300580033130300a01137e12a010180e3230313030393136313230303030",
			22, &BackInServiceEvent{Device: ldSubject("100"), HasCause: true, Cause: CauseMaintenance, Extensions: ldExt}},
		{"minimal", "a119020117020115301155020001a50ba009630730058003313030",
			23, &BackInServiceEvent{Device: ldSubject("100")}},
	})
}

func TestOutOfServiceEvent(t *testing.T) {
	ldRun(t, []ldCase{
		{"full", "a130020118020115302855020001a522a2206307300580033130300a01137e12a010180e3230313030393136313230303030",
			24, &OutOfServiceEvent{Device: ldSubject("100"), HasCause: true, Cause: CauseMaintenance, Extensions: ldExt}},
		{"restricted", "a114020119020115300c55020001a506a20463028800",
			25, &OutOfServiceEvent{Device: Device{Status: DeviceRestricted}}},
	})
}

// Events the package does not model stay *RawEvent with their type and
// content, and re-encode byte for byte.
func TestLogicalUnmodelledEventsRaw(t *testing.T) {
	cases := []struct {
		name    string
		hex     string
		id      int64
		typ     EventType
		typName string
		content string
	}{
		{"hookswitch", "a13302011a020115302b55020001a325a3236307300580033130300401010101ff7e12a010180e3230313030393136313230303030",
			26, Type(PhysicalDeviceFeatureEvents, 3), "HookswitchEvent",
			"6307300580033130300401010101ff7e12a010180e3230313030393136313230303030"},
		{"autoAnswer", "a11f02011c020115301755020001a411a60f6307300580033130300101ff020102",
			28, Type(LogicalDeviceFeatureEvents, 6), "AutoAnswerEvent",
			"6307300580033130300101ff020102"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := ldHex(t, c.hex)
			var m Message
			if err := m.Decode(data); err != nil {
				t.Fatal(err)
			}
			rep, err := DecodeEventReport(m.Argument)
			if err != nil {
				t.Fatal(err)
			}
			raw, ok := rep.Event.(*RawEvent)
			if !ok {
				t.Fatalf("event %T, want *RawEvent", rep.Event)
			}
			if raw.EventType != c.typ || raw.Type() != c.typ || raw.EventType.Name() != c.typName {
				t.Errorf("type %v (%s), want %v (%s)", raw.EventType, raw.EventType.Name(), c.typ, c.typName)
			}
			if hex.EncodeToString(raw.Content) != c.content {
				t.Errorf("content %x, want %s", raw.Content, c.content)
			}
			if out := ldEncodeReport(t, c.id, rep); !bytes.Equal(out, data) {
				t.Fatalf("encoded\n got %x\nwant %x", out, data)
			}
		})
	}
}

// Malformed events: the error says which event and field, and wraps the
// right sentinel.
func TestLogicalEventErrors(t *testing.T) {
	cases := []struct {
		name string
		arg  string // CSTAEventReportArgument
		want error
		path string
	}{
		{"agentDevice number overruns", "301155020001a40ba109630730058005313030",
			ber.ErrTruncated, "AgentLoggedOnEvent.agentDevice"},
		{"agentDevice missing", "300b55020001a405a403040131",
			ber.ErrMissing, "AgentReadyEvent.agentDevice"},
		{"agentID overruns", "301355020001a40da30b6307300580033130310405",
			ber.ErrTruncated, "AgentNotReadyEvent"},
		{"acdGroup wrong identifier", "301555020001a40fa00d63073005800331303230028900",
			ber.ErrTag, "AgentBusyEvent.acdGroup"},
		{"doNotDisturbOn missing", "300f55020001a409ab0763053003800131",
			ber.ErrMissing, "DoNotDisturbEvent.doNotDisturbOn"},
		{"callOrigination invalid", "301555020001a40fab0d6305300380013101010003010a",
			ber.ErrInvalid, "DoNotDisturbEvent.callOrigination"},
		{"callingDeviceList holds an INTEGER", "301755020001a411ab0f630530038001310101ff3003020101",
			ber.ErrTag, "DoNotDisturbEvent.callingDeviceList"},
		{"forwarding device is an INTEGER", "301055020001a40aac08630302010501 0100",
			ber.ErrTag, "ForwardingEvent.device"},
		{"forwardStatus missing", "301255020001a40cac0a63053003800131 0a0100",
			ber.ErrMissing, "ForwardingEvent.forwardStatus"},
		{"out of service device missing", "300b55020001a505a2030a0113",
			ber.ErrMissing, "OutOfServiceEvent.device"},
		{"back in service device truncated", "300d55020001a507a0056303300180",
			ber.ErrTruncated, "BackInServiceEvent.device"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			arg := ldHex(t, strings.ReplaceAll(c.arg, " ", ""))
			_, err := DecodeEventReport(arg)
			if !errors.Is(err, c.want) {
				t.Fatalf("error %v, want %v", err, c.want)
			}
			if !strings.HasPrefix(err.Error(), c.path) {
				t.Fatalf("error %q, want path %s", err, c.path)
			}
		})
	}
}

func TestLogicalEnumNames(t *testing.T) {
	checks := []struct{ got, want string }{
		{PendingAgentWorkingAfterCall.String(), "agentWorkingAfterCall"},
		{PendingAgentState(9).String(), "PendingAgentState(9)"},
		{AfterCallPendingNull.String(), "null"},
		{ForwardNoAnsExt.String(), "forwardNoAnsExt"},
		{ForwardDND.String(), "forwardDND"},
		{ForwardingType(42).String(), "ForwardingType(42)"},
		{ForwardDefaultTypeAndDN.String(), "forwardingTypeAndForwardDN"},
		{(OriginationInternal | OriginationExternal).String(), "internal external"},
		{CallOrigination(0x05).String(), "internal 2"},
		{AgentID("4711").String(), "4711"},
		{EventAgentWorkingAfterCall.Name(), "AgentWorkingAfterCallEvent"},
		{EventOutOfService.Name(), "OutOfServiceEvent"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if v, ok := ParseForwardingType("forwardImmInt"); !ok || v != ForwardImmInt {
		t.Errorf("ParseForwardingType = %v, %v", v, ok)
	}
	if v, ok := ParseForwardDefault("forwardDN"); !ok || v != ForwardDefaultDN {
		t.Errorf("ParseForwardDefault = %v, %v", v, ok)
	}
	if v, ok := ParsePendingAgentState("agentNull"); !ok || v != PendingAgentNull {
		t.Errorf("ParsePendingAgentState = %v, %v", v, ok)
	}
	if v, ok := ParseAfterCallPendingState("notReady"); !ok || v != AfterCallPendingNotReady {
		t.Errorf("ParseAfterCallPendingState = %v, %v", v, ok)
	}
	if _, ok := ParseForwardingType("forwardSometimes"); ok {
		t.Error("ParseForwardingType accepted an unknown name")
	}
	for s, want := range map[AfterCallPendingState]PendingAgentState{
		AfterCallPendingNotReady: PendingAgentNotReady, AfterCallPendingReady: PendingAgentReady,
		AfterCallPendingNull: PendingAgentNull,
	} {
		if p, ok := s.PendingAgentState(); !ok || p != want {
			t.Errorf("%v.PendingAgentState() = %v, %v", s, p, ok)
		}
	}
	if _, ok := AfterCallPendingState(7).PendingAgentState(); ok {
		t.Error("unknown AfterCallPendingState converted")
	}
}
