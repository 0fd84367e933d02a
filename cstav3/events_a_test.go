package cstav3

import (
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// Tests of the call-control events Conferenced, Transferred,
// ConnectionCleared, CallCleared, Established, Bridged, Held and Retrieved.
// The vectors are whole CSTA-ROSE-PDU invokes of operation 21 encoded by the
// Erlang asn1ct oracle (testdata/oracle) from ECMA-285.

var evaVectors = map[string]string{
	"conferenced_hipath":       "a181b30202012c0201153081a955020001a081a2a2819f6b0f300d8002b164a107300580033130306b0f300d8002b165a10730058003313030630730058003313030630730058003333030304f301ca0116b0f300d8002b164a10730058003323030a20730058003323030302fa0116b0f300d8002b164a10730058003333030a1116b0f300d8002b165a10730058003333030a207300580033330304e01030a013fa512a010180e3230313030393136313230303030",
	"conferenced_full":         "a181d902030111700201153081ce55020001a081c7a281c46b0f300d8002b164a1073005800331303063073005800331303063028800303e3016a2020500a3020500300c0a01020201021604736573733022a204a1020500a3183016800438303030a0051603353535a10716055472756e6b300030004e01048102cafe7d04040201020a013fa6333007300580030102033028301e1606686970617468810409080706180e3230313030393136313230303031300616017480010587026465a51ba013800107180e3230313030393136313230303030a10404027064",
	"conferenced_min":          "a128020101020115302055020001a01aa2186b048002b1646302870063073005800333303030000a014e",
	"transferred_hipath":       "a181950202012d02011530818b55020001a08184b181816b0f300d8002b164a10730058003313030a00f300d8002b165a10730058003313030630730058003313030630730058003333030a131302fa0116b0f300d8002b165a10730058003323030a1116b0f300d8002b164a10730058003323030a207300580033230304e01000a01207e12a010180e3230313030393136313230303030",
	"transferred_full":         "a181d90202012e0201153081cf55020001a081c8b181c56b0f300d8002b164a10730058003313030630730058003313030630730058003333030a12b301fa00b6b09a10730058003323030a20730058003323030a302050030030a01013008a1066b048002b1654e01068201007d050403030405a311a10c0403455552020204e20a01010a01010a0120a7333028301e1606686970617468810409080706180e323031303039313631323030303130061601748001053007300580030102037e1ba013800107180e3230313030393136313230303030a10404027064",
	"transferred_min":          "a14b0202012f020115304255020001a03cb13a6b0f300d8002b164a107300580033130306302880063028700a100a316a011300902010c04047469636b30040202012c0a01000a01208802656e",
	"connectionCleared_hipath": "a14502020130020115303c55020001a036a3346b0f300d8002b164a107300580033230306307300580033230304e01000a01307e12a010180e3230313030393136313230303030",
	"connectionCleared_full":   "a181920202013102011530818855020001a08181a37f6b0f300d8002b164a107300580033230306307300580033230304e01008001117d03040122a105a0000a01010a0130a5030a0103a628301e1606686970617468810409080706180e32303130303931363132303030313006160174800105870266727e1ba013800107180e3230313030393136313230303030a10404027064",
	"connectionCleared_min":    "a11e02020132020115301555020001a00fa30d6b048002b164630287000a0103",
	"callCleared_hipath":       "a12e02020133020115302555020001a01fa11d6b048002b1640a01307e12a010180e3230313030393136313230303030",
	"callCleared_full":         "a15502020134020115304c55020001a046a1446b0f300d8002b164a1073005800331303081007d0204000a0130a40730058003010203850269747e1ba013800107180e3230313030393136313230303030a10404027064",
	"callCleared_min":          "a11f02020135020115301655020001a010a10e6b09a107300580033130300a0105",
	"established_hipath":       "a15b02020136020115305255020001a04ca74a6b0f300d8002b164a10730058003313030630730058003313030610730058003323030620730058003313030640287004e01030a01167e12a010180e3230313030393136313230303030",
	"established_full":         "a181dc020201370201153081d255020001a081cba781c86b0f300d8002b164a107300580033130306307300580033130306107300580033230306207300580033130306407300580033330306b0d300b8002b165a10530038001394e01038101017d030401020a011c670b300980073038393132333468028800650730058003323031660730058003313031a5030a0100a628301e1606686970617468810409080706180e32303130303931363132303030313006160174800105870568656c6c6f7e1ba013800107180e3230313030393136313230303030a10404027064",
	"established_min":          "a12a02020138020115302155020001a01ba7196b048002b164630287006102880062028700640288000a0116",
	"bridged_hipath":           "a14502020139020115303c55020001a036a0346b0f300d8002b164a107300580033230306307300580033230304e01030a014e7e12a010180e3230313030393136313230303030",
	"bridged_full":             "a16b0202013a020115306255020001a05ca05a6b0f300d8002b164a107300580033230306307300580033230304e01038001077d030401080a014ea40602010416016da5073005800301020386026e6c7e1ba013800107180e3230313030393136313230303030a10404027064",
	"bridged_min":              "a11e0202013b020115301555020001a00fa00d6b048002b164630287000a014e",
	"held_hipath":              "a1450202013c020115303c55020001a036a9346b0f300d8002b164a107300580033130306307300580033130304e01040a014e7e12a010180e3230313030393136313230303030",
	"held_full":                "a1650202013d020115305c55020001a056a9546b0f300d8002b164a107300580033130306307300580033130304e010480030102030a014ea4030a0100a507300580030102038602656e7e1ba013800107180e3230313030393136313230303030a10404027064",
	"held_min":                 "a11e0202013e020115301555020001a00fa90d6b048002b164630288000a014e",
	"retrieved_hipath":         "a1450202013f020115303c55020001a036af346b0f300d8002b164a107300580033130306307300580033130304e01030a014e7e12a010180e3230313030393136313230303030",
	"retrieved_full":           "a1818402020140020115307b55020001a075af736b0f300d8002b164a107300580033130306307300580033130304e01038001040a014ea403160178a528301e1606686970617468810409080706180e32303130303931363132303030313006160174800105860265737e1ba013800107180e3230313030393136313230303030a10404027064",
	"retrieved_min":            "a11e02020141020115301555020001a00faf0d6b048002b164630287000a014e",
}

const evaTS = Timestamp("20100916120000") // HiPath: no zone

func evaDev(n string) Device { return Known(Dialing(n)) }

func evaConn(call CallID, dev string) ConnectionID { return NewConnectionID(call, Dialing(dev)) }

var (
	evaB164         = CallID{0xb1, 0x64}
	evaB165         = CallID{0xb1, 0x65}
	evaNotKnown     = Device{Status: DeviceNotKnown}
	evaRestricted   = Device{Status: DeviceRestricted}
	evaHiPathExt    = CommonArguments{Security: true, Timestamp: evaTS}
	evaFullExt      = CommonArguments{Security: true, HasSequenceNumber: true, SequenceNumber: 7, Timestamp: evaTS, PrivateData: []byte{0x04, 0x02, 'p', 'd'}}
	evaLinkageShort = CallLinkageData{GlobalCallLinkageID: []byte{1, 2, 3}}
	evaLinkageLong  = CallLinkageData{GlobalCallSubDomain: "hipath", GlobalCallLinkageID: []byte{9, 8, 7, 6},
		GlobalCallUnique: true, GlobalCallTimestamp: "20100916120001",
		HasThread: true, ThreadSubDomain: "t", ThreadLinkageID: []byte{5}}
)

// evaUnmodelled returns an Unmodelled holding one IA5String element with
// context tag n, as the oracle encodes languagePreferences and subjectOfCall.
func evaUnmodelled(n int, s string) Unmodelled {
	var u Unmodelled
	u.Set(n, append([]byte{0x80 | byte(n), byte(len(s))}, s...))
	return u
}

type evaCase struct {
	name     string
	invokeID int64
	want     Event
}

var evaCases = []evaCase{
	{"conferenced_hipath", 300, &ConferencedEvent{
		PrimaryOldCall: evaConn(evaB164, "100"), SecondaryOldCall: evaConn(evaB165, "100"),
		ConferencingDevice: evaDev("100"), AddedParty: evaDev("300"),
		ConferenceConnections: ConnectionList{
			{NewConnection: evaConn(evaB164, "200"), Endpoint: evaDev("200")},
			{NewConnection: evaConn(evaB164, "300"), OldConnection: evaConn(evaB165, "300"), Endpoint: evaDev("300")},
		},
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		Cause: CauseConference, Extensions: evaHiPathExt}},
	{"conferenced_full", 70000, &ConferencedEvent{
		PrimaryOldCall: evaConn(evaB164, "100"), ConferencingDevice: evaDev("100"), AddedParty: evaRestricted,
		ConferenceConnections: ConnectionList{
			{Endpoint: evaNotKnown, AssociatedNID: evaNotKnown, ResultingConnectionInfo: &ConnectionInformation{
				HasFlowDirection: true, FlowDirection: FlowTransmitAndReceive,
				HasNumberOfChannels: true, NumberOfChannels: 2, MediaSessionInformation: "sess"}},
			{Endpoint: evaRestricted,
				AssociatedNID:           Known(DeviceID{Kind: DialingNumber, Number: "8000", Details: &DeviceDetails{PrivateNumber: "555", PrivateName: "Trunk"}}),
				ResultingConnectionInfo: &ConnectionInformation{}},
			{},
		},
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateHold,
		CorrelatorData: []byte{0xca, 0xfe}, UserData: UserData{1, 2}, Cause: CauseConference,
		CallLinkageDataList: CallLinkageDataList{NewCallLinkageData: evaLinkageShort, OldCallLinkageData: evaLinkageLong},
		Unmodelled:          evaUnmodelled(7, "de"), Extensions: evaFullExt}},
	{"conferenced_min", 1, &ConferencedEvent{
		PrimaryOldCall: ConnectionID{Call: evaB164}, ConferencingDevice: evaNotKnown, AddedParty: evaDev("300"),
		ConferenceConnections: ConnectionList{}, Cause: CauseNormal}},

	{"transferred_hipath", 301, &TransferredEvent{
		PrimaryOldCall: evaConn(evaB164, "100"), SecondaryOldCall: evaConn(evaB165, "100"),
		TransferringDevice: evaDev("100"), TransferredToDevice: evaDev("300"),
		TransferredConnections: ConnectionList{
			{NewConnection: evaConn(evaB165, "200"), OldConnection: evaConn(evaB164, "200"), Endpoint: evaDev("200")},
		},
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateNull,
		Cause: CauseTransfer, Extensions: evaHiPathExt}},
	{"transferred_full", 302, &TransferredEvent{
		PrimaryOldCall: evaConn(evaB164, "100"), TransferringDevice: evaDev("100"), TransferredToDevice: evaDev("300"),
		TransferredConnections: ConnectionList{
			{NewConnection: ConnectionID{Device: Dialing("200")}, Endpoint: evaDev("200"), AssociatedNID: evaNotKnown,
				ResultingConnectionInfo: &ConnectionInformation{HasFlowDirection: true, FlowDirection: FlowReceive}},
			{OldConnection: ConnectionID{Call: evaB165}},
		},
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateFail,
		CorrelatorData: []byte{0}, UserData: UserData{3, 4, 5},
		ChargingInfo: &ChargingInfo{
			Currency:           &CurrencyUnits{CurrencyType: []byte("EUR"), CurrencyAmount: 1250, CurrencyMultiplier: MultiplierOneHundredth},
			TypeOfChargingInfo: ChargingTotal},
		Cause:               CauseTransfer,
		CallLinkageDataList: CallLinkageDataList{NewCallLinkageData: evaLinkageLong, OldCallLinkageData: evaLinkageShort},
		Extensions:          evaFullExt}},
	{"transferred_min", 303, &TransferredEvent{
		PrimaryOldCall: evaConn(evaB164, "100"), TransferringDevice: evaRestricted, TransferredToDevice: evaNotKnown,
		TransferredConnections: ConnectionList{},
		ChargingInfo: &ChargingInfo{
			ChargeUnits:        []ChargeUnits{{ChargingUnits: 12, TypeOfUnits: []byte("tick")}, {ChargingUnits: 300}},
			TypeOfChargingInfo: ChargingSubTotal},
		Cause: CauseTransfer, Unmodelled: evaUnmodelled(8, "en")}},

	{"connectionCleared_hipath", 304, &ConnectionClearedEvent{
		DroppedConnection: evaConn(evaB164, "200"), ReleasingDevice: evaDev("200"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateNull,
		Cause: CauseNormalClearing, Extensions: evaHiPathExt}},
	{"connectionCleared_full", 305, &ConnectionClearedEvent{
		DroppedConnection: evaConn(evaB164, "200"), ReleasingDevice: evaDev("200"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateNull,
		CorrelatorData: []byte{0x11}, UserData: UserData{0x22},
		ChargingInfo:          &ChargingInfo{ChargeUnits: []ChargeUnits{}, TypeOfChargingInfo: ChargingTotal},
		Cause:                 CauseNormalClearing,
		DroppedConnectionInfo: &ConnectionInformation{HasFlowDirection: true, FlowDirection: FlowNone},
		CallLinkageData:       &evaLinkageLong, Unmodelled: evaUnmodelled(7, "fr"), Extensions: evaFullExt}},
	{"connectionCleared_min", 306, &ConnectionClearedEvent{
		DroppedConnection: ConnectionID{Call: evaB164}, ReleasingDevice: evaNotKnown, Cause: CauseBusy}},

	{"callCleared_hipath", 307, &CallClearedEvent{
		ClearedCall: ConnectionID{Call: evaB164}, Cause: CauseNormalClearing, Extensions: evaHiPathExt}},
	{"callCleared_full", 308, &CallClearedEvent{
		ClearedCall: evaConn(evaB164, "100"), CorrelatorData: []byte{}, UserData: UserData{},
		Cause: CauseNormalClearing, CallLinkageData: &evaLinkageShort,
		Unmodelled: evaUnmodelled(5, "it"), Extensions: evaFullExt}},
	{"callCleared_min", 309, &CallClearedEvent{
		ClearedCall: ConnectionID{Device: Dialing("100")}, Cause: CauseCallCancelled}},

	{"established_hipath", 310, &EstablishedEvent{
		EstablishedConnection: evaConn(evaB164, "100"), AnsweringDevice: evaDev("100"),
		CallingDevice: evaDev("200"), CalledDevice: evaDev("100"), LastRedirectionDevice: evaNotKnown,
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		Cause: CauseNewCall, Extensions: evaHiPathExt}},
	{"established_full", 311, &EstablishedEvent{
		EstablishedConnection: evaConn(evaB164, "100"), AnsweringDevice: evaDev("100"),
		CallingDevice: evaDev("200"), CalledDevice: evaDev("100"), LastRedirectionDevice: evaDev("300"),
		OriginatingNIDConnection: ptrTo(evaConn(evaB165, "9")),
		HasLocalConnectionInfo:   true, LocalConnectionInfo: StateConnected,
		CorrelatorData: []byte{1}, UserData: UserData{2}, Cause: CauseRedirected,
		NetworkCallingDevice: evaDev("0891234"), NetworkCalledDevice: evaRestricted,
		AssociatedCallingDevice: evaDev("201"), AssociatedCalledDevice: evaDev("101"),
		EstablishedConnectionInfo: &ConnectionInformation{HasFlowDirection: true, FlowDirection: FlowTransmit},
		CallLinkageData:           &evaLinkageLong, Unmodelled: evaUnmodelled(7, "hello"), Extensions: evaFullExt}},
	{"established_min", 312, &EstablishedEvent{
		EstablishedConnection: ConnectionID{Call: evaB164}, AnsweringDevice: evaNotKnown,
		CallingDevice: evaRestricted, CalledDevice: evaNotKnown,
		LastRedirectionDevice: Device{Status: DeviceNotRequired}, Cause: CauseNewCall}},

	{"bridged_hipath", 313, &BridgedEvent{
		BridgedConnection: evaConn(evaB164, "200"), BridgedAppearance: evaDev("200"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		Cause: CauseNormal, Extensions: evaHiPathExt}},
	{"bridged_full", 314, &BridgedEvent{
		BridgedConnection: evaConn(evaB164, "200"), BridgedAppearance: evaDev("200"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		CorrelatorData: []byte{7}, UserData: UserData{8}, Cause: CauseNormal,
		BridgedConnectionInfo: &ConnectionInformation{HasNumberOfChannels: true, NumberOfChannels: 4, MediaSessionInformation: "m"},
		CallLinkageData:       &evaLinkageShort, Unmodelled: evaUnmodelled(6, "nl"), Extensions: evaFullExt}},
	{"bridged_min", 315, &BridgedEvent{
		BridgedConnection: ConnectionID{Call: evaB164}, BridgedAppearance: evaNotKnown, Cause: CauseNormal}},

	{"held_hipath", 316, &HeldEvent{
		HeldConnection: evaConn(evaB164, "100"), HoldingDevice: evaDev("100"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateHold,
		Cause: CauseNormal, Extensions: evaHiPathExt}},
	{"held_full", 317, &HeldEvent{
		HeldConnection: evaConn(evaB164, "100"), HoldingDevice: evaDev("100"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateHold,
		CorrelatorData: []byte{1, 2, 3}, Cause: CauseNormal,
		HeldConnectionInfo: &ConnectionInformation{HasFlowDirection: true, FlowDirection: FlowTransmit},
		CallLinkageData:    &evaLinkageShort, Unmodelled: evaUnmodelled(6, "en"), Extensions: evaFullExt}},
	{"held_min", 318, &HeldEvent{
		HeldConnection: ConnectionID{Call: evaB164}, HoldingDevice: evaRestricted, Cause: CauseNormal}},

	{"retrieved_hipath", 319, &RetrievedEvent{
		RetrievedConnection: evaConn(evaB164, "100"), RetrievingDevice: evaDev("100"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		Cause: CauseNormal, Extensions: evaHiPathExt}},
	{"retrieved_full", 320, &RetrievedEvent{
		RetrievedConnection: evaConn(evaB164, "100"), RetrievingDevice: evaDev("100"),
		HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
		CorrelatorData: []byte{4}, Cause: CauseNormal,
		RetrievedConnectionInfo: &ConnectionInformation{MediaSessionInformation: "x"},
		CallLinkageData:         &evaLinkageLong, Unmodelled: evaUnmodelled(6, "es"), Extensions: evaFullExt}},
	{"retrieved_min", 321, &RetrievedEvent{
		RetrievedConnection: ConnectionID{Call: evaB164}, RetrievingDevice: evaNotKnown, Cause: CauseNormal}},
}

func evaBytes(t testing.TB, name string) []byte {
	t.Helper()
	s, ok := evaVectors[name]
	if !ok {
		t.Fatalf("no vector %q", name)
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// evaDiff compares two events of the same struct type field by field and
// returns the names of the fields that differ.
func evaDiff(got, want Event) []string {
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	if gv.Type() != wv.Type() {
		return []string{"type " + gv.Type().String()}
	}
	var diff []string
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i), wv.Field(i)
		var same bool
		if gv.Type().Field(i).IsExported() {
			same = reflect.DeepEqual(g.Interface(), w.Interface())
		} else {
			same = reflect.DeepEqual(g, w)
		}
		if !same {
			diff = append(diff, gv.Type().Field(i).Name)
		}
	}
	return diff
}

// evaEncode encodes ev as the event report of monitor 0001 in invoke id.
func evaEncode(t testing.TB, id int64, ev Event) []byte {
	t.Helper()
	rep := EventReport{CrossRef: CrossRefID{0, 1}, Event: ev}
	var b ber.Builder
	rep.encode(&b)
	arg, err := b.Bytes()
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	m := Message{Type: Invoke, InvokeID: id, Opcode: OpEventReport, Argument: arg}
	out, err := m.Append(nil)
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	return out
}

func evaDecode(data []byte) (*Message, *EventReport, error) {
	var m Message
	if err := m.Decode(data); err != nil {
		return nil, nil, err
	}
	rep, err := DecodeEventReport(m.Argument)
	return &m, rep, err
}

func TestCallControlEventsA(t *testing.T) {
	seen := map[string]bool{}
	for _, tc := range evaCases {
		t.Run(tc.name, func(t *testing.T) {
			seen[tc.name] = true
			data := evaBytes(t, tc.name)
			m, rep, err := evaDecode(data)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if m.Type != Invoke || m.InvokeID != tc.invokeID || m.Opcode != OpEventReport {
				t.Fatalf("envelope %+v", m)
			}
			if rep.CrossRef.String() != "0001" {
				t.Errorf("crossRef %s", rep.CrossRef)
			}
			if rep.Event.Type() != tc.want.Type() {
				t.Fatalf("event type %v (%T), want %v", rep.Event.Type(), rep.Event, tc.want.Type())
			}
			if d := evaDiff(rep.Event, tc.want); d != nil {
				t.Errorf("fields differ: %v\n got %+v\nwant %+v", d, rep.Event, tc.want)
			}
			// Both directions: the decoded value and the expected value
			// encode to the oracle's bytes.
			if out := evaEncode(t, tc.invokeID, rep.Event); hex.EncodeToString(out) != hex.EncodeToString(data) {
				t.Errorf("re-encoded decoded value\n got %x\nwant %x", out, data)
			}
			if out := evaEncode(t, tc.invokeID, tc.want); hex.EncodeToString(out) != hex.EncodeToString(data) {
				t.Errorf("encoded expected value\n got %x\nwant %x", out, data)
			}
		})
	}
	for name := range evaVectors {
		if !seen[name] {
			t.Errorf("vector %s has no case", name)
		}
	}
}

// TestCallControlEventsATruncated cuts every vector short: the PDU itself
// (outer lengths then overrun the data) and, with every enclosing length
// rewritten to fit, the event inside it, so that each nested decoder meets
// the cut. Either way decoding must fail cleanly; a deep cut that falls
// between two elements may leave a valid event.
func TestCallControlEventsATruncated(t *testing.T) {
	for _, tc := range evaCases {
		t.Run(tc.name, func(t *testing.T) {
			data := evaBytes(t, tc.name)
			for n := 0; n < len(data); n++ {
				_, _, err := evaDecode(data[:n])
				if !errors.Is(err, ber.ErrTruncated) {
					t.Fatalf("prefix %d: err %v, want truncated", n, err)
				}
			}
			start, checked := evaEventOffset(t, data), 0
			for p := start + 1; p < len(data); p++ {
				cut, boundary, path := evaCut(data, p)
				_, _, err := evaDecode(cut)
				var se *ber.SyntaxError
				switch {
				case err != nil && !errors.As(err, &se):
					t.Fatalf("cut %d: error %v is not a SyntaxError", p, err)
				case boundary || evaInsideOpaque(path):
					// may or may not be valid
				case !errors.Is(err, ber.ErrTruncated):
					t.Fatalf("cut %d (%x): err %v, want truncated", p, cut, err)
				case !strings.HasPrefix(se.Path, tc.want.Type().Name()):
					t.Fatalf("cut %d: error path %q does not name the event", p, se.Path)
				default:
					checked++
				}
			}
			if checked < (len(data)-start)/2 {
				t.Errorf("only %d of %d deep cuts had to fail", checked, len(data)-start)
			}
		})
	}
}

// An entry whose associatedNID is "restricted" has no encoding.
func TestConnectionListEncodeError(t *testing.T) {
	ev := &ConferencedEvent{PrimaryOldCall: evaConn(evaB164, "100"), ConferencingDevice: evaDev("100"),
		AddedParty: evaDev("200"), ConferenceConnections: ConnectionList{{AssociatedNID: evaRestricted}}}
	rep := EventReport{CrossRef: CrossRefID{0, 1}, Event: ev}
	var b ber.Builder
	rep.encode(&b)
	if _, err := b.Bytes(); err == nil {
		t.Fatal("no error")
	}
}

func TestCallControlEventsANames(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{FlowTransmitAndReceive.String(), "transmitAndReceive"},
		{FlowNone.String(), "none"},
		{FlowDirection(9).String(), "FlowDirection(9)"},
		{ChargingSubTotal.String(), "subTotal"},
		{ChargingTotal.String(), "total"},
		{ChargingType(-1).String(), "ChargingType(-1)"},
		{MultiplierOneThousandth.String(), "oneThousandth"},
		{MultiplierThousand.String(), "thousand"},
		{CurrencyMultiplier(7).String(), "CurrencyMultiplier(7)"},
		{EventConferenced.Name(), "ConferencedEvent"},
		{EventRetrieved.Name(), "RetrievedEvent"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	var ci ConnectionInformation
	if ci.Channels() != 1 {
		t.Errorf("default channels %d", ci.Channels())
	}
	ci = ConnectionInformation{HasNumberOfChannels: true, NumberOfChannels: 3}
	if ci.Channels() != 3 {
		t.Errorf("channels %d", ci.Channels())
	}
}
