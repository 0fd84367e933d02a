package ecma323

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

func codecCallChars() ber.BitString {
	return ber.BitString{Bytes: []byte{0x90, 0x08}, Length: 13} // acdCall, directAgent, highPriorityCall
}

func codecFilter() *cstav3.MonitorFilter {
	f := &cstav3.MonitorFilter{}
	for c, names := range codecFilterBits {
		*f.Category(cstav3.EventCategory(c)) = ber.BitString{Bytes: make([]byte, (len(names)+7)/8), Length: len(names)}
	}
	f.Suppress(cstav3.EventDigitsDialed)
	f.Suppress(cstav3.EventOffered)
	f.Suppress(cstav3.EventAgentBusy)
	f.Suppress(cstav3.EventOutOfService)
	return f
}

// codecArguments returns one rich value of every request argument.
func codecArguments() []cstav3.Argument {
	ext := codecExt()
	return []cstav3.Argument{
		&cstav3.MakeCallArgument{CallingDevice: codecA, CalledDirectoryNumber: codecTrunk, AccountCode: []byte("77"),
			AuthCode: []byte("1234"), AutoOriginate: cstav3.AutoOriginateDoNotPrompt, CorrelatorData: []byte{1},
			UserData: cstav3.UserData("x"), CallCharacteristics: codecCallChars(), CallingConnectionInfo: codecInfo(),
			SubjectOfCall: "hello", LanguagePreferences: "de", HasReason: true, Reason: cstav3.CauseMakeCall, Extensions: ext},
		&cstav3.AnswerCallArgument{CallToBeAnswered: codecConnA, CorrelatorData: []byte{2}, UserData: cstav3.UserData("y"),
			Extensions: ext},
		&cstav3.ClearConnectionArgument{ConnectionToBeCleared: codecConnA, CorrelatorData: []byte{3},
			HasReason: true, Reason: cstav3.CauseNormalClearing, Extensions: ext},
		&cstav3.ClearCallArgument{CallToBeCleared: cstav3.ConnectionID{Call: codecCall}, HasReason: true,
			Reason: cstav3.CauseNormalClearing},
		&cstav3.HoldCallArgument{CallToBeHeld: codecConnA, HasConnectionReservation: true, ConnectionReservation: false},
		&cstav3.RetrieveCallArgument{CallToBeRetrieved: codecConnA, Extensions: ext},
		&cstav3.ConsultationCallArgument{ExistingCall: codecConnA, ConsultedDevice: codecB, HasConnectionReservation: true,
			ConnectionReservation: true, AccountCode: []byte("1"), AuthCode: []byte("2"), CorrelatorData: []byte{4},
			UserData: cstav3.UserData("z"), CallCharacteristics: codecCallChars(), CallingConnectionInfo: codecInfo(),
			ConsultOptions: cstav3.ConsultTransferOnly, SubjectOfCall: "s", LanguagePreferences: "en", Extensions: ext},
		&cstav3.TransferCallArgument{HeldCall: codecConnB, ActiveCall: codecConnA, Extensions: ext},
		&cstav3.SingleStepTransferCallArgument{ActiveCall: codecConnA, TransferredTo: codecDevNum, AccountCode: []byte("9"),
			CorrelatorData: []byte{5}, CallCharacteristics: codecCallChars(), SubjectOfCall: "t", HasReason: true,
			Reason: cstav3.CauseSingleStepTransfer, Extensions: ext},
		&cstav3.ConferenceCallArgument{HeldCall: codecConnB, ActiveCall: codecConnA},
		&cstav3.AlternateCallArgument{HeldCall: codecConnB, ActiveCall: codecConnA, HasConnectionReservation: true,
			ConnectionReservation: true, ConsultOptions: cstav3.ConsultOnly, Extensions: ext},
		&cstav3.ReconnectCallArgument{ActiveCall: codecConnA, HeldCall: codecConnB},
		&cstav3.DeflectCallArgument{CallToBeDiverted: codecConnA, NewDestination: codecB,
			AddNewDestinationsList: []cstav3.DeviceID{codecA, codecTrunk}, CorrelatorData: []byte{6},
			UserData: cstav3.UserData("d"), CallCharacteristics: codecCallChars(), SubjectOfCall: "u",
			LanguagePreferences: "fr", HasReason: true, Reason: cstav3.CauseRedirected, Extensions: ext},
		&cstav3.MonitorStartArgument{MonitorObject: cstav3.DeviceObject(codecA), RequestedMonitorFilter: codecFilter(),
			HasMonitorType: true, MonitorType: cstav3.MonitorDevice,
			RequestedMonitorMediaClass: ber.BitString{Bytes: []byte{0x80, 0x00}, Length: 12}, Extensions: ext},
		&cstav3.MonitorStartArgument{MonitorObject: cstav3.CallObject(codecConnB)},
		&cstav3.MonitorStopArgument{Extensions: ext},
		&cstav3.ChangeMonitorFilterArgument{RequestedFilterList: *codecFilter(), Extensions: ext},
		&cstav3.SnapshotDeviceArgument{SnapshotObject: codecA, Extensions: ext},
		&cstav3.SnapshotCallArgument{SnapshotObject: codecConnA},
		&cstav3.SystemStatusArgument{SysStatRegisterID: []byte("reg1"), SystemStatus: cstav3.SystemNormal, Extensions: ext},
	}
}

// TestRequestsRoundTrip takes every request from cstav3 to XML and back, in
// every edition.
func TestRequestsRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for _, ed := range []Edition{Ed2, Ed3, Ed4, Ed5, Ed6} {
		enc := Encoder{Edition: ed}
		for _, arg := range codecArguments() {
			x, err := ArgumentToXML(arg, "DMON:7")
			if err != nil {
				t.Fatal(err)
			}
			b, err := enc.Append(nil, x)
			if err != nil {
				t.Fatal(err)
			}
			m, err := DecodeRequest(b)
			if err != nil {
				t.Fatalf("%v\n%s", err, b)
			}
			seen[m.Name] = true
			if m.Edition != ed || m.UnknownNamespace {
				t.Errorf("%s: edition %s, unknown %v", m.Name, m.Edition, m.UnknownNamespace)
			}
			if !reflect.DeepEqual(m.Argument, arg) {
				t.Errorf("%s differs\n got %+v\nwant %+v\n%s", m.Name, m.Argument, arg, b)
			}
			switch arg.(type) {
			case *cstav3.MonitorStopArgument, *cstav3.ChangeMonitorFilterArgument:
				if m.CrossRef != "DMON:7" {
					t.Errorf("%s: cross-ref %q", m.Name, m.CrossRef)
				}
			}
		}
	}
	for _, name := range Messages() {
		if _, k, _ := NewMessage(name); k == KindRequest && !seen[name] && name != "RequestSystemStatus" &&
			name != "StartApplicationSession" && name != "ResetApplicationSessionTimer" && name != "StopApplicationSession" {
			t.Errorf("no round trip for %s", name)
		}
	}
}

// codecResults returns one rich value of every result.
func codecResults() []cstav3.Result {
	ext, link := codecExt(), codecLink()
	list := cstav3.CallLinkageDataList{NewCallLinkageData: link, OldCallLinkageData: link}
	res := []cstav3.Result{
		&cstav3.MakeCallResult{CallingDevice: codecConnA, InitiatedCallInfo: codecInfo(), CallLinkageData: &link, Extensions: ext},
		&cstav3.ConsultationCallResult{InitiatedCall: codecConnB, InitiatedCallInfo: codecInfo(), CallLinkageData: &link},
		&cstav3.TransferCallResult{TransferredCall: codecConnB, Connections: codecList(), TransferredCallInfo: codecInfo(),
			CallLinkageDataList: list, Extensions: ext},
		&cstav3.SingleStepTransferCallResult{TransferredCall: codecConnB, Connections: codecList(),
			CallLinkageDataList: list},
		&cstav3.ConferenceCallResult{ConferenceCall: codecConnA, Connections: codecList(), ConferenceCallInfo: codecInfo(),
			CallLinkageDataList: list, Extensions: ext},
		&cstav3.MonitorStartResult{ActualMonitorFilter: codecFilter(),
			ActualMonitorMediaClass: ber.BitString{Bytes: []byte{0x40, 0x10}, Length: 12},
			HasMonitorExistingCalls: true, MonitorExistingCalls: true, Extensions: ext},
		&cstav3.ChangeMonitorFilterResult{ActualFilterList: codecFilter()},
		&cstav3.SnapshotDeviceResult{SnapshotData: cstav3.SnapshotDeviceData{
			{ConnectionIdentifier: codecConnA, EndpointDevice: codecKnownB, LocalCallState: cstav3.CallState{
				Kind: cstav3.CallStateCompound, Compound: []cstav3.ConnectionState{cstav3.StateAlerting, cstav3.StateConnected}},
				CallLinkageData: &link},
			{ConnectionIdentifier: codecConnB, LocalCallState: cstav3.CallState{Kind: cstav3.CallStateSimple,
				Simple: cstav3.CallEstablishedHeld}},
			{ConnectionIdentifier: codecConnB}}, Extensions: ext},
		&cstav3.SnapshotDeviceResult{ServiceCrossRefID: []byte{1, 2}},
		&cstav3.SnapshotCallResult{SnapshotData: cstav3.SnapshotCallData{
			{DeviceOnCall: codecKnownA, CallIdentifier: codecConnA, HasLocalConnectionState: true,
				LocalConnectionState: cstav3.StateConnected},
			{DeviceOnCall: codecRestricted}},
			CallCharacteristics: codecCallChars(), CallingDevice: codecKnownA, CalledDevice: codecKnownB,
			AssociatedCallingDevice: codecNotKnown, AssociatedCalledDevice: codecKnownB, CorrelatorData: []byte{8},
			CallLinkageData: &link, Extensions: ext},
		&cstav3.SnapshotCallResult{ServiceCrossRefID: []byte{3}},
	}
	for _, op := range []cstav3.Opcode{cstav3.OpAnswerCall, cstav3.OpClearConnection, cstav3.OpClearCall,
		cstav3.OpHoldCall, cstav3.OpRetrieveCall, cstav3.OpAlternateCall, cstav3.OpReconnectCall,
		cstav3.OpDeflectCall, cstav3.OpMonitorStop, cstav3.OpSystemStatus} {
		res = append(res, &cstav3.NoData{Op: op}, &cstav3.NoData{Op: op, Extensions: ext})
	}
	return res
}

// TestResponsesRoundTrip takes every response from cstav3 to XML and back.
func TestResponsesRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	enc := Encoder{Edition: Ed4, Declaration: true}
	for _, res := range codecResults() {
		b, err := enc.AppendResult(nil, res, "DMON:9")
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(b)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		seen[m.Name] = true
		if m.Kind != KindResponse || !reflect.DeepEqual(m.Result, res) {
			t.Errorf("%s differs\n got %+v\nwant %+v\n%s", m.Name, m.Result, res, b)
		}
		if _, ok := res.(*cstav3.MonitorStartResult); ok && m.CrossRef != "DMON:9" {
			t.Errorf("MonitorStartResponse cross-ref %q", m.CrossRef)
		}
	}
	for _, name := range Messages() {
		if _, k, _ := NewMessage(name); k == KindResponse && !seen[name] && name != "RequestSystemStatusResponse" &&
			!messageByName[name].session {
			t.Errorf("no round trip for %s", name)
		}
	}
	if _, err := ResultToXML(&cstav3.NoData{Op: cstav3.OpSetDisplay}, ""); err == nil {
		t.Error("setDisplay result mapped")
	}
}

// TestXMLOnlyMessagesRoundTrip covers the messages without a cstav3 value
// (session messages, RequestSystemStatus) and CSTAErrorCode: XML struct to
// document and back.
func TestXMLOnlyMessagesRoundTrip(t *testing.T) {
	dur := 300
	msgs := []any{
		&StartApplicationSession{ApplicationInfo: ApplicationInfo{ApplicationID: "app",
			ApplicationSpecificInfo: &ApplicationSpecificInfo{SessionLoginInfo: NewSessionLogin("p.city", "1234")}},
			RequestedProtocolVersions: &RequestedProtocolVersions{ProtocolVersion: []string{Ed3.Namespace(), Ed4.Namespace()}},
			RequestedSessionDuration:  &dur},
		&StartApplicationSession{ApplicationInfo: ApplicationInfo{
			ApplicationSpecificInfo: &ApplicationSpecificInfo{UserID: "bill", Password: "pw", PBXDomain: "d"}}},
		&StartApplicationSessionPosResponse{SessionID: "f76e5fe9c5e0d444", ActualProtocolVersion: Ed3.Namespace(),
			ActualSessionDuration: 300},
		&StartApplicationSessionNegResponse{ErrorCode: SessionErrorCode{DefinedError: "invalidApplicationInfo"}},
		&ResetApplicationSessionTimer{SessionID: "s", RequestedSessionDuration: &dur},
		&ResetApplicationSessionTimerPosResponse{ActualSessionDuration: 500},
		&ResetApplicationSessionTimerNegResponse{ErrorCode: SessionErrorCode{DefinedError: "invalidSessionID"}},
		&StopApplicationSession{SessionID: "s", SessionEndReason: &SessionEndReason{DefinedEndReason: "normal"}},
		&StopApplicationSessionPosResponse{},
		&RequestSystemStatus{SysStatRegisterID: "r"},
		&RequestSystemStatusResponse{SystemStatus: "normal"},
		ErrorToXML(&cstav3.Error{Branch: cstav3.OperationError, Value: 13}),
	}
	for _, x := range msgs {
		b, err := (&Encoder{}).Append(nil, x)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(b)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		codecClearNames(x)
		codecClearNames(m.XML)
		if !reflect.DeepEqual(m.XML, x) {
			t.Errorf("%s differs\n got %+v\nwant %+v\n%s", m.Name, m.XML, x, b)
		}
		if m.Session && m.Namespace != NamespaceSession {
			t.Errorf("%s written in %s", m.Name, m.Namespace)
		}
	}
}

// codecClearNames zeroes the XMLName fields decoding fills in.
func codecClearNames(v any) {
	rv := reflect.ValueOf(v).Elem()
	if f := rv.FieldByName("XMLName"); f.IsValid() {
		f.Set(reflect.Zero(f.Type()))
	}
	if s, ok := v.(*StartApplicationSession); ok && s.ApplicationInfo.ApplicationSpecificInfo != nil &&
		s.ApplicationInfo.ApplicationSpecificInfo.SessionLoginInfo != nil {
		s.ApplicationInfo.ApplicationSpecificInfo.SessionLoginInfo.XMLName.Local = ""
	}
}

// TestErrorsRoundTrip maps every universalFailure branch to CSTAErrorCode
// and back.
func TestErrorsRoundTrip(t *testing.T) {
	errs := []*cstav3.Error{{Branch: cstav3.OperationError, Value: 13}, {Branch: cstav3.SecurityError, Value: 1},
		{Branch: cstav3.StateIncompatibility, Value: 2}, {Branch: cstav3.SystemResourceAvailability, Value: 3},
		{Branch: cstav3.SubscribedResourceAvailability, Value: 1}, {Branch: cstav3.PerformanceManagement, Value: 1},
		{Branch: cstav3.PrivateDataInfo, Value: 1}, {Branch: cstav3.Unspecified}}
	enc := Encoder{Edition: Ed4}
	for _, e := range errs {
		b, err := enc.AppendError(nil, e)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Decode(b)
		if err != nil {
			t.Fatalf("%v\n%s", err, b)
		}
		if m.Kind != KindError || !reflect.DeepEqual(m.Error, e) {
			t.Errorf("%s: got %+v want %+v\n%s", e, m.Error, e, b)
		}
	}
	if _, err := ErrorFromXML(&CSTAErrorCode{Operation: "noSuchError"}); err == nil {
		t.Error("unknown error value mapped")
	}
}

func TestArgumentToXMLErrors(t *testing.T) {
	if _, err := ArgumentToXML(&cstav3.SetDisplayArgument{}, ""); err == nil {
		t.Error("setDisplay mapped")
	}
	if arg, _, err := ArgumentFromXML(&RequestSystemStatus{}); arg != nil || err != nil {
		t.Errorf("RequestSystemStatus: %v %v", arg, err)
	}
	if _, err := (&Encoder{}).Append(nil, &cstav3.MakeCallArgument{}); err == nil {
		t.Error("encoded a cstav3 value")
	}
}

func TestEncoderRefusesNil(t *testing.T) {
	var x *MakeCall
	if _, err := (&Encoder{}).Append(nil, x); err == nil {
		t.Error("nil message encoded")
	}
	if _, err := (&Encoder{}).Append(nil, nil); err == nil {
		t.Error("nil encoded")
	}
}

// TestEncoderEncode writes one document in one Write.
func TestEncoderEncode(t *testing.T) {
	var b bytes.Buffer
	if err := (&Encoder{Declaration: true}).Encode(&b, &SystemStatusResponse{}); err != nil {
		t.Fatal(err)
	}
	want := "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SystemStatusResponse xmlns=\"" + Ed3.Namespace() + "\"></SystemStatusResponse>"
	if b.String() != want {
		t.Errorf("got %s", b.String())
	}
}

// TestPrivateVendorXML keeps a consumer's vendor private data as XML (the
// Microsoft RCC line of sipe's RequestSystemStatus) and does not pass it to
// the switch.
func TestPrivateVendorXML(t *testing.T) {
	doc := `<RequestSystemStatus xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><extensions><privateData><private><lcs:line xmlns:lcs="http://schemas.microsoft.com/Lcs/2005/04/RCCExtension">tel:73124;phone-context=dialstring</lcs:line><!-- c --></private></privateData></extensions></RequestSystemStatus>`
	m, err := DecodeRequest([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	inner := m.XML.(*RequestSystemStatus).Extensions.PrivateData.Private[0].Inner
	want := `<line xmlns="http://schemas.microsoft.com/Lcs/2005/04/RCCExtension">tel:73124;phone-context=dialstring</line>`
	if inner != want {
		t.Errorf("inner %s", inner)
	}
	var mp codecMapper
	if c := mp.ext("extensions", m.XML.(*RequestSystemStatus).Extensions); len(c.PrivateData) != 0 || mp.err != nil {
		t.Errorf("vendor XML reached cstav3: %x %v", c.PrivateData, mp.err)
	}
	var none *ApplicationSpecificInfo
	if _, _, ok := none.Login(); ok {
		t.Error("login from nothing")
	}
}
