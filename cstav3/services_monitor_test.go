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

// Table tests of the monitor, snapshot and status services. The PDUs come
// from the Erlang asn1ct oracle built from the ECMA-285 modules
// (testdata/oracle): CSTA-Oracle-ROSE CSTA-ROSE-PDU for every operation but
// setDisplay, whose argument and result were encoded with the oracle's
// compiled CSTA-set-display module directly (SetDisplayArgument,
// SetDisplayResult) because the ROSE harness does not list it.

// monCase is one argument or result with its exact encoding: a whole ROSE
// PDU (invoke or returnResult), or, when pdu is empty, the bare element elem
// of operation op.
type monCase struct {
	name   string
	pdu    string
	op     Opcode
	elem   string
	result bool
	v      interface {
		Opcode() Opcode
		encode(*ber.Builder)
		decode(ber.Element) error
	}
}

var (
	monExt   = CommonArguments{Security: true, Timestamp: "20100916120000"}
	monConn  = NewConnectionID(CallID{0xb1, 0x64}, Dialing("100"))
	monConn2 = NewConnectionID(CallID{0xb1, 0x65}, Dialing("200"))
	monLink  = CallLinkageData{GlobalCallLinkageID: []byte{1, 2, 3, 4}}
)

func monBitsOf(n int, b ...byte) ber.BitString { return ber.BitString{Bytes: b, Length: n} }

func monHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// monUnmodelled returns an Unmodelled holding the given tag/hex pairs.
func monUnmodelled(pairs ...any) Unmodelled {
	var u Unmodelled
	for i := 0; i < len(pairs); i += 2 {
		b, _ := hex.DecodeString(pairs[i+1].(string))
		u.Set(pairs[i].(int), b)
	}
	return u
}

// monSuppressed returns HiPathAllEvents with the given events suppressed.
func monSuppressed(types ...EventType) *MonitorFilter {
	f := hipathAllEvents()
	for _, t := range types {
		if !f.Suppress(t) {
			panic("no filter bit for " + t.String())
		}
	}
	return f
}

var monCases = []monCase{
	// monitorStart
	{name: "monitorStart/arg/min", pdu: "a10f020101020147300730058003313030",
		v: &MonitorStartArgument{MonitorObject: DeviceObject(Dialing("100"))}},
	{name: "monitorStart/arg/hipath", pdu: "a135020101020147302d30058003313030a02480040600000086020300870206" +
		"0088030500008903020000830205008502010084020700",
		v: hipathMonitorStart(Dialing("100"))},
	{name: "monitorStart/arg/suppressed", pdu: "a135020102020147302d30058003313030a024800406100000860203008702060088" +
		"030500008903020018830205408502010084020700",
		v: &MonitorStartArgument{MonitorObject: DeviceObject(Dialing("100")),
			RequestedMonitorFilter: monSuppressed(EventDelivered, EventDoNotDisturb, EventForwarding, EventOutOfService)}},
	{name: "monitorStart/arg/full", pdu: "a14802010302014730406b0f300d8002b164a10730058003313030a01280030010018803" +
		"05000083020640840207800a0100810206c07e12a010180e3230313030393136313230303030",
		v: &MonitorStartArgument{MonitorObject: CallObject(monConn),
			RequestedMonitorFilter: &MonitorFilter{CallControl: monBitsOf(16, 0x10, 0x01),
				PhysicalDeviceFeature: monBitsOf(11, 0, 0), Maintenance: monBitsOf(2, 0x40), Private: monBitsOf(1, 0x80)},
			HasMonitorType: true, MonitorType: MonitorCall, RequestedMonitorMediaClass: monBitsOf(2, 0xc0),
			Extensions: monExt}},
	{name: "monitorStart/arg/emptyFilter", pdu: "a114020104020147300c30058003313030a0000a0101",
		v: &MonitorStartArgument{MonitorObject: DeviceObject(Dialing("100")), RequestedMonitorFilter: &MonitorFilter{},
			HasMonitorType: true, MonitorType: MonitorDevice}},
	{name: "monitorStart/res/min", pdu: "a20e0201013009020147300455020001", result: true,
		v: &MonitorStartResult{CrossRefIdentifier: CrossRefID{0, 1}}},
	{name: "monitorStart/res/full", pdu: "a24f020103304a020147304555020002a02480040600000086020300870206008803" +
		"0500008903020000830205008502010084020700810207800101ff7e12a010180e3230313030393136313230303030", result: true,
		v: &MonitorStartResult{CrossRefIdentifier: CrossRefID{0, 2}, ActualMonitorFilter: hipathAllEvents(),
			ActualMonitorMediaClass: monBitsOf(1, 0x80), HasMonitorExistingCalls: true, MonitorExistingCalls: true,
			Extensions: monExt}},

	// monitorStop
	{name: "monitorStop/arg/min", pdu: "a10c020102020149300455020001",
		v: &MonitorStopArgument{CrossRefIdentifier: CrossRefID{0, 1}}},
	{name: "monitorStop/arg/ext", pdu: "a1200201050201493018550200027e12a010180e3230313030393136313230303030",
		v: &MonitorStopArgument{CrossRefIdentifier: CrossRefID{0, 2}, Extensions: monExt}},
	{name: "monitorStop/res/noData", pdu: "a20a02010230050201490500", result: true,
		v: &NoData{Op: OpMonitorStop}},
	{name: "monitorStop/res/ext", pdu: "a21c02010530170201497e12a010180e3230313030393136313230303030", result: true,
		v: &NoData{Op: OpMonitorStop, Extensions: monExt}},

	// changeMonitorFilter
	{name: "changeMonitorFilter/arg/full", pdu: "a13e020106020148303655020001301c80030280048602064087020640880204108903" +
		"0300188504068000407e12a010180e3230313030393136313230303030",
		v: &ChangeMonitorFilterArgument{CrossRefIdentifier: CrossRefID{0, 1}, RequestedFilterList: MonitorFilter{
			CallControl: monBitsOf(14, 0x80, 0x04), CallAssociated: monBitsOf(2, 0x40),
			MediaAttachment: monBitsOf(2, 0x40), PhysicalDeviceFeature: monBitsOf(4, 0x10),
			LogicalDeviceFeature: monBitsOf(13, 0x00, 0x18), VoiceUnit: monBitsOf(18, 0x80, 0x00, 0x40)},
			Extensions: monExt}},
	{name: "changeMonitorFilter/arg/emptyFilter", pdu: "a10e0201070201483006550200013000",
		v: &ChangeMonitorFilterArgument{CrossRefIdentifier: CrossRefID{0, 1}}},
	{name: "changeMonitorFilter/res/empty", pdu: "a20a02010630050201483000", result: true,
		v: &ChangeMonitorFilterResult{}},
	{name: "changeMonitorFilter/res/full", pdu: "a2250201073020020148301b300580030280047e12a010180e32303130303931363132" +
		"30303030", result: true,
		v: &ChangeMonitorFilterResult{ActualFilterList: &MonitorFilter{CallControl: monBitsOf(14, 0x80, 0x04)},
			Extensions: monExt}},

	// snapshotDevice
	{name: "snapshotDevice/arg/min", pdu: "a10f02010802014a300730058003313030",
		v: &SnapshotDeviceArgument{SnapshotObject: Dialing("100")}},
	{name: "snapshotDevice/arg/ext", pdu: "a12302010802014a301b300580033130307e12a010180e3230313030393136313230303030",
		v: &SnapshotDeviceArgument{SnapshotObject: Dialing("100"), Extensions: monExt}},
	{name: "snapshotDevice/res/data", pdu: "a27d020108307802014a3073765d30146b0f300d8002b164a1073005800331303081013330" +
		"2c6b0f300d8002b165a10730058003323030a30730058003323030a0064e01034e0102a408300680040102030430176b0f300d80" +
		"02b164a10730058003313030a302870082007e12a010180e3230313030393136313230303030", result: true,
		v: &SnapshotDeviceResult{SnapshotData: SnapshotDeviceData{
			{ConnectionIdentifier: monConn, LocalCallState: CallState{Kind: CallStateSimple, Simple: CallEstablished}},
			{ConnectionIdentifier: monConn2, EndpointDevice: Known(Dialing("200")),
				LocalCallState:  CallState{Kind: CallStateCompound, Compound: []ConnectionState{StateConnected, StateAlerting}},
				CallLinkageData: &monLink},
			{ConnectionIdentifier: monConn, EndpointDevice: Device{Status: DeviceNotKnown}},
		}, Extensions: monExt}},
	{name: "snapshotDevice/res/empty", pdu: "a20c020108300702014a30027600", result: true,
		v: &SnapshotDeviceResult{SnapshotData: SnapshotDeviceData{}}},
	{name: "snapshotDevice/res/crossRef", pdu: "a20e020108300902014a300404020009", result: true,
		v: &SnapshotDeviceResult{ServiceCrossRefID: []byte{0, 9}}},
	{name: "snapshotDevice/res/servicesPermitted", pdu: "a236020108303102014a302c762a30286b0f300d8002b164a1073005800331" +
		"3030a0034e0103a01003020001030100030100030100030100", result: true,
		v: &SnapshotDeviceResult{SnapshotData: SnapshotDeviceData{{ConnectionIdentifier: monConn,
			LocalCallState: CallState{Kind: CallStateCompound, Compound: []ConnectionState{StateConnected}},
			Unmodelled:     monUnmodelled(0, "a01003020001030100030100030100030100")}}}},

	// snapshotCall
	{name: "snapshotCall/arg/min", pdu: "a11902010902014b30116b0f300d8002b164a10730058003313030",
		v: &SnapshotCallArgument{SnapshotObject: monConn}},
	{name: "snapshotCall/arg/ext", pdu: "a12202010902014b301a6b048002b1647e12a010180e3230313030393136313230303030",
		v: &SnapshotCallArgument{SnapshotObject: ConnectionID{Call: CallID{0xb1, 0x64}}, Extensions: monExt}},
	{name: "snapshotCall/res/data", pdu: "a275020109307002014b306b7725301d6307300580033130306b0f300d8002b164a10730" +
		"0580033130304e0103300463028700030206c06107300580033230306207300580033130308103010203a208300680040102030483" +
		"0553616c65738502656e7e12a010180e3230313030393136313230303030", result: true,
		v: &SnapshotCallResult{SnapshotData: SnapshotCallData{
			{DeviceOnCall: Known(Dialing("100")), CallIdentifier: monConn, HasLocalConnectionState: true,
				LocalConnectionState: StateConnected},
			{DeviceOnCall: Device{Status: DeviceNotKnown}},
		}, CallCharacteristics: monBitsOf(2, 0xc0), CallingDevice: Known(Dialing("200")),
			CalledDevice: Known(Dialing("100")), CorrelatorData: []byte{1, 2, 3}, CallLinkageData: &monLink,
			Unmodelled: monUnmodelled(3, "830553616c6573", 5, "8502656e"), Extensions: monExt}},
	{name: "snapshotCall/res/crossRef", pdu: "a20e020109300902014b300480020009", result: true,
		v: &SnapshotCallResult{ServiceCrossRefID: []byte{0, 9}}},
	{name: "snapshotCall/res/associated", pdu: "a22b020109302602014b302177093007630288004e010461028700650730058003" +
		"323030660730058003313030", result: true,
		v: &SnapshotCallResult{SnapshotData: SnapshotCallData{{DeviceOnCall: Device{Status: DeviceRestricted},
			HasLocalConnectionState: true, LocalConnectionState: StateHold}},
			CallingDevice: Device{Status: DeviceNotKnown}, AssociatedCallingDevice: Known(Dialing("200")),
			AssociatedCalledDevice: Known(Dialing("100"))}},

	// systemStatus, both ways
	{name: "systemStatus/arg/normal", pdu: "a10c02010a020200d330030a0102",
		v: &SystemStatusArgument{SystemStatus: SystemNormal}},
	{name: "systemStatus/arg/full", pdu: "a1270202012c020200d3301d0404726567310a01057e12a010180e3230313030393136313230303030",
		v: &SystemStatusArgument{SysStatRegisterID: []byte("reg1"), SystemStatus: SystemOverloadImminent,
			Extensions: monExt}},
	{name: "systemStatus/res/noData", pdu: "a20b0201013006020200d30500", result: true,
		v: &NoData{Op: OpSystemStatus}},
	{name: "systemStatus/res/ext", pdu: "a21e0202012c3018020200d37e12a010180e3230313030393136313230303030", result: true,
		v: &NoData{Op: OpSystemStatus, Extensions: monExt}},

	// setDisplay: bare elements from CSTA-set-display
	{name: "setDisplay/arg/min", op: OpSetDisplay, elem: "300e30058003313030160548656c6c6f",
		v: &SetDisplayArgument{Device: Dialing("100"), ContentsOfDisplay: "Hello"}},
	{name: "setDisplay/arg/emptyText", op: OpSetDisplay, elem: "3009300580033130301600",
		v: &SetDisplayArgument{Device: Dialing("100")}},
	{name: "setDisplay/arg/full", op: OpSetDisplay, elem: "3035300580033130300401018001028102012c160843616c6c20323030" +
		"8201058301017e12a010180e3230313030393136313230303030",
		v: &SetDisplayArgument{Device: Dialing("100"), Display: []byte{1}, HasPhysicalBaseRowNumber: true,
			PhysicalBaseRowNumber: 2, HasPhysicalBaseColumnNumber: true, PhysicalBaseColumnNumber: 300,
			ContentsOfDisplay: "Call 200", HasOffset: true, Offset: 5, HasCharacterSet: true,
			CharacterSet: CharacterSetUnicode, Extensions: monExt}},
	{name: "setDisplay/res/noData", op: OpSetDisplay, elem: "0500", result: true, v: &NoData{Op: OpSetDisplay}},
	{name: "setDisplay/res/ext", op: OpSetDisplay, elem: "7e12a010180e3230313030393136313230303030", result: true,
		v: &NoData{Op: OpSetDisplay, Extensions: monExt}},
}

// element returns the operation and the encoded argument or result of c,
// checking the ROSE envelope of a whole PDU.
func (c *monCase) element(t *testing.T) (Opcode, []byte) {
	t.Helper()
	if c.pdu == "" {
		return c.op, monHex(t, c.elem)
	}
	var m Message
	if err := m.Decode(monHex(t, c.pdu)); err != nil {
		t.Fatal(err)
	}
	want := Invoke
	if c.result {
		want = ReturnResult
	}
	if m.Type != want {
		t.Fatalf("PDU is a %v, want %v", m.Type, want)
	}
	return m.Opcode, m.Argument
}

func (c *monCase) decode(op Opcode, data []byte) (any, error) {
	if c.result {
		return DecodeResult(op, data)
	}
	return DecodeArgument(op, data)
}

func TestMonitorServicesTable(t *testing.T) {
	for _, c := range monCases {
		t.Run(c.name, func(t *testing.T) {
			op, elem := c.element(t)
			if c.v.Opcode() != op {
				t.Fatalf("Opcode() = %v, PDU has %v", c.v.Opcode(), op)
			}
			// decode
			got, err := c.decode(op, elem)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !reflect.DeepEqual(got, c.v) {
				t.Fatalf("decoded\n got %+v\nwant %+v", got, c.v)
			}
			// encode
			var out []byte
			if c.result {
				out, err = AppendResult(nil, c.v)
			} else {
				out, err = AppendArgument(nil, c.v)
			}
			if err != nil {
				t.Fatalf("encode: %v", err)
			}
			if !bytes.Equal(out, elem) {
				t.Fatalf("encoded\n got %x\nwant %x", out, elem)
			}
			// the whole PDU again
			if c.pdu != "" {
				var m Message
				_ = m.Decode(monHex(t, c.pdu))
				m.Argument = out
				pdu, err := m.Append(nil)
				if err != nil || hex.EncodeToString(pdu) != c.pdu {
					t.Fatalf("PDU re-encoded %x, %v", pdu, err)
				}
			}
		})
	}
}

// Every strict prefix of every element is truncated: an error wrapping
// ber.ErrTruncated, never a panic.
func TestMonitorServicesTruncated(t *testing.T) {
	for _, c := range monCases {
		t.Run(c.name, func(t *testing.T) {
			op, elem := c.element(t)
			for n := 0; n < len(elem); n++ {
				_, err := c.decode(op, elem[:n])
				if !errors.Is(err, ber.ErrTruncated) {
					t.Fatalf("prefix %d of %d: %v, want ErrTruncated", n, len(elem), err)
				}
			}
		})
	}
}

// Corrupting the lengths inside an element must give an error or a value,
// never a panic.
func TestMonitorServicesCorrupt(t *testing.T) {
	for _, c := range monCases {
		op, elem := c.element(t)
		for i := range elem {
			for _, v := range []byte{0x00, 0x01, 0x7f, 0x80, 0x81, 0xff} {
				data := bytes.Clone(elem)
				data[i] = v
				_, _ = c.decode(op, data)
			}
		}
	}
}

func TestMonitorServicesWrongTag(t *testing.T) {
	for _, c := range monCases {
		t.Run(c.name, func(t *testing.T) {
			op, elem := c.element(t)
			data := bytes.Clone(elem)
			data[0] = 0x31 // SET instead of SEQUENCE (or of NULL / [APPLICATION 30])
			if _, err := c.decode(op, data); !errors.Is(err, ber.ErrTag) {
				t.Fatalf("got %v, want ErrTag", err)
			}
		})
	}
}

func TestMonitorServicesErrors(t *testing.T) {
	tests := []struct {
		name   string
		op     Opcode
		result bool
		hex    string
		kind   error
		path   string
	}{
		{"monitorStart no object", OpMonitorStart, false, "3000", ber.ErrMissing, "monitorStart.argument.monitorObject: missing"},
		{"monitorStart bad object", OpMonitorStart, false, "30036b0100", ber.ErrTruncated, "monitorStart.argument.monitorObject.callObject"},
		{"monitorStart bad filter", OpMonitorStart, false, "300ca003800101" + "30058003313030", ber.ErrInvalid,
			"monitorStart.argument.requestedMonitorFilter.callControl"},
		{"monitorStart constructed filter bits", OpMonitorStart, false, "3010a007a005030300000030058003313030",
			ber.ErrUnsupported, "monitorStart.argument.requestedMonitorFilter.callControl"},
		{"monitorStart bad device", OpMonitorStart, false, "30023000", ber.ErrTruncated, "monitorStart.argument.monitorObject.deviceObject"},
		{"monitorStart no crossRef", OpMonitorStart, true, "30030101ff", ber.ErrMissing, "crossRefIdentifier"},
		{"monitorStart bad boolean", OpMonitorStart, true, "3008550200010102ffff", ber.ErrInvalid,
			"monitorStart.result.monitorExistingCalls"},
		{"monitorStop no crossRef", OpMonitorStop, false, "3000", ber.ErrMissing, "crossRefIdentifier"},
		{"monitorStop bad result", OpMonitorStop, true, "050100", ber.ErrInvalid, "monitorStop.result"},
		{"changeMonitorFilter no filter", OpChangeMonitorFilter, false, "300655020001" + "3001", ber.ErrTruncated, "changeMonitorFilter.argument"},
		{"changeMonitorFilter missing filter", OpChangeMonitorFilter, false, "300455020001", ber.ErrMissing,
			"requestedFilterList"},
		{"snapshotDevice no state", OpSnapshotDevice, true, "30137611300f6b0d300b8002b164a1053003800131",
			ber.ErrMissing, "snapshotDevice.result.snapshotData.0.localCallState: missing"},
		{"snapshotDevice bad compound", OpSnapshotDevice, true, "300976073005a0030a0103",
			ber.ErrTag, "snapshotDevice.result.snapshotData.0.localCallState.compoundCallState"},
		{"snapshotDevice bad unknown", OpSnapshotDevice, true, "3007760530038201" + "05",
			ber.ErrInvalid, "localCallState.unknown"},
		{"snapshotDevice no choice", OpSnapshotDevice, true, "3000", ber.ErrMissing, "crossRefIDorSnapshotData"},
		{"snapshotDevice entry not a sequence", OpSnapshotDevice, true, "300476020500", ber.ErrTag, "snapshotData.0"},
		{"snapshotCall no device", OpSnapshotCall, true, "30047702" + "3000", ber.ErrMissing, "snapshotCall.result.snapshotData.0.deviceOnCall"},
		{"snapshotCall no object", OpSnapshotCall, false, "3000", ber.ErrMissing, "snapshotObject"},
		{"systemStatus no status", OpSystemStatus, false, "3000", ber.ErrMissing, "systemStatus"},
		{"systemStatus bad enum", OpSystemStatus, false, "30020a00", ber.ErrInvalid, "systemStatus.argument.systemStatus"},
		{"setDisplay no text", OpSetDisplay, false, "300730058003313030", ber.ErrMissing, "contentsOfDisplay"},
		{"setDisplay no device", OpSetDisplay, false, "30021600", ber.ErrMissing, "device"},
		{"setDisplay big row", OpSetDisplay, false, "30103005800331303080050100000000" + "1600", ber.ErrOverflow,
			"physicalBaseRowNumber"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := monHex(t, tc.hex)
			var err error
			if tc.result {
				_, err = DecodeResult(tc.op, data)
			} else {
				_, err = DecodeArgument(tc.op, data)
			}
			if !errors.Is(err, tc.kind) {
				t.Fatalf("got %v, want %v", err, tc.kind)
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Fatalf("error %q does not name %q", err, tc.path)
			}
		})
	}
}

// Unknown elements (later editions, private extensions) are skipped.
func TestMonitorServicesSkipUnknown(t *testing.T) {
	// monitorStart argument with [15] and [PRIVATE 1] elements added.
	data := monHex(t, "3010"+"30058003313030"+"8f0100"+"c10100"+"0a0101")
	a, err := DecodeArgument(OpMonitorStart, data)
	if err != nil {
		t.Fatal(err)
	}
	want := &MonitorStartArgument{MonitorObject: DeviceObject(Dialing("100")), HasMonitorType: true,
		MonitorType: MonitorDevice}
	if !reflect.DeepEqual(a, want) {
		t.Fatalf("got %+v", a)
	}
	// a filter with an unknown [1] field and a universal element
	f := new(MonitorFilter)
	if err := f.decode(monElement(t, "300a8102070080020700"+"0500")); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*f, MonitorFilter{CallControl: monBitsOf(1, 0x00)}) {
		t.Fatalf("filter %+v", *f)
	}
}

func monElement(t *testing.T, s string) ber.Element {
	t.Helper()
	r := ber.NewReader(monHex(t, s))
	e, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestMonitorFilterAPI(t *testing.T) {
	f := hipathAllEvents()
	wantLen := [8]int{18, 5, 2, 11, 14, 3, 7, 1}
	for c := CallControlEvents; c <= VendorSpecEvents; c++ {
		p := f.Category(c)
		if p.Length != wantLen[c] || len(p.Bytes) != (wantLen[c]+7)/8 {
			t.Fatalf("%v: %+v", c, *p)
		}
	}
	if f.Category(8) != nil || f.IsZero() || !new(MonitorFilter).IsZero() {
		t.Fatal("Category/IsZero")
	}
	bits := map[EventType]int{
		EventBridged: 15, EventCallCleared: 0, EventDelivered: 3, EventDigitsDialed: 14, EventOffered: 17,
		EventTransferred: 13, EventNetworkCapabilitiesChanged: 16,
		Type(CallAssociatedEvents, 4): 4, Type(PhysicalDeviceFeatureEvents, 10): 10,
		EventAgentLoggedOn: 1, EventForwarding: 12, Type(LogicalDeviceFeatureEvents, 14): 14,
		EventBackInService: 0, EventOutOfService: 1, Type(DeviceMaintenanceEvents, 1): 2,
		Type(VoiceUnitEvents, 0): 1, Type(VoiceUnitEvents, 3): 0, Type(VoiceUnitEvents, 16): 14,
		Type(VoiceUnitEvents, 14): 15, Type(VoiceUnitEvents, 17): 17, Type(VendorSpecEvents, 0): 0,
	}
	for typ, want := range bits {
		if got, ok := FilterBit(typ); !ok || got != want {
			t.Errorf("FilterBit(%v) = %d, %v; want %d", typ, got, ok, want)
		}
	}
	for _, typ := range []EventType{Type(CallControlEvents, 18), Type(VendorSpecEvents, 1), Type(9, 0)} {
		if _, ok := FilterBit(typ); ok {
			t.Errorf("FilterBit(%v) ok", typ)
		}
		if f.Suppress(typ) || f.Suppressed(typ) {
			t.Errorf("Suppress(%v)", typ)
		}
	}
	if f.Suppressed(EventDelivered) || !f.Suppress(EventDelivered) || !f.Suppressed(EventDelivered) ||
		f.Suppressed(EventEstablished) {
		t.Fatal("Suppress/Suppressed")
	}
	// Beyond the HiPath length the field grows; a partiallyInService bit
	// needs a 4-bit maintenance field.
	f.Suppress(Type(DeviceMaintenanceEvents, 3))
	if f.Maintenance.Length != 4 || f.Maintenance.Bytes[0] != 0x10 {
		t.Fatalf("maintenance %+v", f.Maintenance)
	}
	// An absent field gets the category's full bit count.
	var g MonitorFilter
	g.Suppress(EventHeld)
	if g.CallControl.Length != 18 || !bytes.Equal(g.CallControl.Bytes, []byte{0x01, 0, 0}) {
		t.Fatalf("held %+v", g.CallControl)
	}
	g.Suppress(Type(VoiceUnitEvents, 0)) // play, bit 1
	if g.VoiceUnit.Length != 18 || !bytes.Equal(g.VoiceUnit.Bytes, []byte{0x40, 0, 0}) {
		t.Fatalf("play %+v", g.VoiceUnit)
	}
	// Suppress never writes into a decoded input.
	in := monHex(t, "a0058003060000")
	var d MonitorFilter
	if err := d.decode(monElement(t, hex.EncodeToString(in))); err != nil {
		t.Fatal(err)
	}
	d.Suppress(EventCallCleared)
	if !bytes.Equal(in, monHex(t, "a0058003060000")) || !d.Suppressed(EventCallCleared) {
		t.Fatalf("input changed: %x", in)
	}
	// Bytes shorter than Length are zero bits; set bits beyond Length are
	// ignored by Suppressed.
	short := MonitorFilter{CallControl: ber.BitString{Length: 18}, Private: ber.BitString{Bytes: []byte{}}}
	var b ber.Builder
	short.encode(&b, ber.TagSequence)
	out, err := b.Bytes()
	if err != nil || hex.EncodeToString(out) != "3009"+"800406000000"+"840100" {
		t.Fatalf("short: %x %v", out, err)
	}
	if (&MonitorFilter{CallControl: monBitsOf(1, 0xff)}).Suppressed(EventDelivered) {
		t.Fatal("bit beyond Length")
	}
	// A negative length cannot be encoded.
	b.Reset(nil)
	(&MonitorFilter{Private: ber.BitString{Length: -1}}).encode(&b, ber.TagSequence)
	if _, err := b.Bytes(); err == nil {
		t.Fatal("negative length encoded")
	}
}

func TestCSTAObject(t *testing.T) {
	both := CSTAObject{Device: Dialing("100"), Call: monConn}
	if both.IsCall() || !CallObject(monConn).IsCall() || DeviceObject(Dialing("1")).IsCall() {
		t.Fatal("IsCall")
	}
	var b ber.Builder
	both.encode(&b)
	out, _ := b.Bytes()
	if hex.EncodeToString(out) != "30058003313030" {
		t.Fatalf("both: %x", out)
	}
	b.Reset(nil)
	var none CSTAObject
	none.encode(&b)
	if _, err := b.Bytes(); err == nil {
		t.Fatal("empty object encoded")
	}
	var o CSTAObject
	if err := o.decode(monElement(t, "0500")); !errors.Is(err, ber.ErrTag) {
		t.Fatalf("decode NULL: %v", err)
	}
}

func TestMonitorEnums(t *testing.T) {
	if MonitorDevice.String() != "device" || MonitorType(7).String() != "MonitorType(7)" {
		t.Fatal("MonitorType.String")
	}
	if v, ok := ParseMonitorType("call"); !ok || v != MonitorCall {
		t.Fatal("ParseMonitorType")
	}
	if CharacterSetProprietary.String() != "proprietary" || CharacterSet(9).String() != "CharacterSet(9)" {
		t.Fatal("CharacterSet.String")
	}
	if v, ok := ParseCharacterSet("unicode"); !ok || v != CharacterSetUnicode {
		t.Fatal("ParseCharacterSet")
	}
	if CallStateCompound.String() != "compoundCallState" || CallStateKind(5).String() != "CallStateKind(5)" {
		t.Fatal("CallStateKind.String")
	}
}

func TestSetDisplayTooLong(t *testing.T) {
	a := &SetDisplayArgument{Device: Dialing("100"), ContentsOfDisplay: strings.Repeat("x", 241)}
	if _, err := AppendArgument(nil, a); !errors.Is(err, errDisplayTooLong) {
		t.Fatalf("got %v", err)
	}
	a.ContentsOfDisplay = a.ContentsOfDisplay[:240]
	if _, err := AppendArgument(nil, a); err != nil {
		t.Fatal(err)
	}
}

func TestMonitorServicesRegistered(t *testing.T) {
	for _, op := range []Opcode{OpMonitorStart, OpChangeMonitorFilter, OpMonitorStop, OpSnapshotDevice,
		OpSnapshotCall, OpSystemStatus, OpSetDisplay} {
		a, r := NewArgument(op), NewResult(op)
		if a == nil || r == nil || a.Opcode() != op || r.Opcode() != op {
			t.Errorf("%v: %T %T", op, a, r)
		}
	}
}
