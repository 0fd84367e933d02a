package ecma323

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/internal/seeddoc"
)

// codecSeed returns the sample testdata/seeds/name.xml exactly as the seed
// printed it: every byte before the provenance comment's line.
func codecSeed(t testing.TB, name string) []byte {
	t.Helper()
	b, err := seeddoc.Load(seeddoc.Dir, name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func codecSeedNames(t testing.TB) []string {
	t.Helper()
	names, err := seeddoc.Names(seeddoc.Dir)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// The ECSS-10 devices of seed 000 carry long opaque suffixes.
const (
	codecECSS725 = "725:::QkE6Zjc2ZjI1NDBlYmU5MGY0NjpmNzZmMjU0MjUwYTAzODll#ZWNzc08xNTEwNzk4NDA1ODI3ODI4MDE2MTE2MTE=#MTEyMzg5MDIxMQ=="
)

func codecHexCall(s string) cstav3.CallID {
	var m codecMapper
	return m.hexBytes("", s)
}

// TestSeedRequests decodes every request sample of the seeds byte for byte
// as published and checks the cstav3 argument it maps to.
func TestSeedRequests(t *testing.T) {
	ecssFilter := &cstav3.MonitorFilter{CallControl: ber.BitString{Bytes: []byte{0x0b, 0xb3, 0xc0}, Length: 18}}
	cases := []struct {
		file    string
		ed      Edition
		soap    bool
		want    cstav3.Argument
		fieldOK func(t *testing.T, m *Message)
	}{
		{"ecss10-monitor-start", Ed3, false, &cstav3.MonitorStartArgument{MonitorObject: cstav3.DeviceObject(cstav3.Dialing("725")),
			RequestedMonitorFilter: ecssFilter}, nil},
		{"ecss10-make-call", Ed3, false, &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("725"),
			CalledDirectoryNumber: cstav3.Dialing("722")}, nil},
		{"ecss10-hold-call", Ed3, false, &cstav3.HoldCallArgument{CallToBeHeld: cstav3.NewConnectionID(
			codecHexCall("f76f2540ebe90f46"), cstav3.Dialing(codecECSS725)), HasConnectionReservation: true}, nil},
		{"ecss10-retrieve-call", Ed3, false, &cstav3.RetrieveCallArgument{CallToBeRetrieved: cstav3.NewConnectionID(
			codecHexCall("f76f2540ebe90f46"), cstav3.Dialing(codecECSS725))}, nil},
		{"ecss10-clear-connection", Ed3, false, &cstav3.ClearConnectionArgument{ConnectionToBeCleared: cstav3.NewConnectionID(
			codecHexCall("f76f53d9a8977228"), cstav3.Dialing("722:::QkE6Zjc2ZjUzZDlhODk3NzIyODpmNzZmNTNlM2QzMjVmNGJh#ZWNzc08xNTEwNzk4NjA2MTEwMDUzMDE3NTg2MTE=#MzVhdnllOXJ5MTgzZQ=="))}, nil},
		{"ecss10-clear-call", Ed3, false, &cstav3.ClearCallArgument{CallToBeCleared: cstav3.NewConnectionID(
			codecHexCall("f76f659f3ec18f55"), cstav3.Dialing("722:::QkE6Zjc2ZjY1OWYzZWMxOGY1NTpmNzZmNjVhOTc2MDhiZjU1#ZWNzc08xNTEwNzk4NjgyNDM5NTg0MDE4MTY0MTE=#akQ2RlM0NURLN3B2Yw=="))}, nil},
		{"ecss10-snapshot-device", Ed3, false, &cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("725")}, nil},
		{"ecss10-answer-call", Ed3, false, &cstav3.AnswerCallArgument{CallToBeAnswered: cstav3.NewConnectionID(
			codecHexCall("f76f9803860c26df"), cstav3.Dialing("725:::QkE6Zjc2Zjk4MDM4NjBjMjZkZjpmNzZmOTgwZTZmMzk4ZDgz#ZWNzc08xNTEwNzk4ODk4ODgzOTA1MDE5NzQ5MTE=#MzEzMjc2MjM0NA=="))}, nil},
		{"ecss10-single-step-transfer-call", Ed3, false, &cstav3.SingleStepTransferCallArgument{ActiveCall: cstav3.NewConnectionID(
			codecHexCall("f76fb6d4a65b7147"), cstav3.Dialing("725:::QkE6Zjc2ZmI2ZDRhNjViNzE0NzpmNzZmYjZkNjZmNjY2YTRi#ZWNzc08xNTEwNzk5MDMxMDgyOTg4MDIwNzYzMTE=#MzUyODQwMTIyNg==")),
			TransferredTo: cstav3.Dialing("723")}, nil},
		{"snom-soap-clear-connection", Ed4, true, &cstav3.ClearConnectionArgument{ConnectionToBeCleared: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}}}, nil},
		{"snom-soap-hold-call", Ed4, true, &cstav3.HoldCallArgument{CallToBeHeld: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}}}, nil},
		{"snom-soap-retrieve-call", Ed4, true, &cstav3.RetrieveCallArgument{CallToBeRetrieved: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}}}, nil},
		{"snom-soap-single-step-transfer-call", Ed4, true, &cstav3.SingleStepTransferCallArgument{ActiveCall: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}},
			TransferredTo: cstav3.Dialing("sip:a@bc.com")}, nil},
		{"snom-soap-transfer-call", Ed4, true, &cstav3.TransferCallArgument{HeldCall: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}},
			ActiveCall: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x12}}}, nil},
		{"snom-soap-answer-call", Ed4, true, &cstav3.AnswerCallArgument{CallToBeAnswered: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}}}, nil},
		{"snom-soap-clear-call", Ed4, true, &cstav3.ClearCallArgument{CallToBeCleared: cstav3.ConnectionID{Call: cstav3.CallID{0x47, 0x11}}}, nil},
		{"snom-soap-make-call", Ed4, true, &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("22343"),
			CalledDirectoryNumber: cstav3.Dialing("18005551212")}, nil},
		{"unitel-make-call", EditionUnknown, false, &cstav3.MakeCallArgument{CallingDevice: cstav3.Dialing("200"),
			CalledDirectoryNumber: cstav3.Dialing("22334455"), AutoOriginate: cstav3.AutoOriginateDoNotPrompt}, nil},
		{"uacsta-monitor-start", Ed5, false, &cstav3.MonitorStartArgument{MonitorObject: cstav3.DeviceObject(
			cstav3.Dialing("sip:181@172.16.7.255:5060"))}, nil},
		{"uacsta-request-system-status", Ed3, false, nil, func(t *testing.T, m *Message) {
			if _, ok := m.XML.(*RequestSystemStatus); !ok {
				t.Errorf("XML %T", m.XML)
			}
		}},
		{"ecss10-start-application-session", EditionUnknown, false, nil, func(t *testing.T, m *Message) {
			x := m.XML.(*StartApplicationSession)
			u, p, ok := x.ApplicationInfo.ApplicationSpecificInfo.Login()
			if u != "p.city" || p != "1234" || !ok || x.ApplicationInfo.ApplicationID != "Eltex ECSS-10 CSTA adapter" ||
				x.RequestedProtocolVersions.ProtocolVersion[0] != Ed3.Namespace() || *x.RequestedSessionDuration != 300 ||
				x.ApplicationInfo.ApplicationSpecificInfo.SessionLoginInfo.XMLName.Space != NamespaceEltex {
				t.Errorf("login %q %q %v in %+v", u, p, ok, x)
			}
		}},
		{"unitel-start-application-session", EditionUnknown, false, nil, func(t *testing.T, m *Message) {
			x := m.XML.(*StartApplicationSession)
			u, p, ok := x.ApplicationInfo.ApplicationSpecificInfo.Login()
			if u != "bill@uni-tel.dk" || p != "*******" || !ok || *x.RequestedSessionDuration != 120 || !m.Repaired {
				t.Errorf("login %q %q %v, repaired %v", u, p, ok, m.Repaired)
			}
		}},
		{"ecss10-reset-application-session-timer", EditionUnknown, false, nil, func(t *testing.T, m *Message) {
			x := m.XML.(*ResetApplicationSessionTimer)
			if x.SessionID != "f76e5fe9c5e0d444" || *x.RequestedSessionDuration != 500 {
				t.Errorf("%+v", x)
			}
		}},
		{"ecss10-stop-application-session", EditionUnknown, false, nil, func(t *testing.T, m *Message) {
			x := m.XML.(*StopApplicationSession)
			if x.SessionID != "f76e5fe9c5e0d444" || x.SessionEndReason.DefinedEndReason != "normal" {
				t.Errorf("%+v", x)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			m, err := DecodeRequest(codecSeed(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if m.Edition != c.ed || m.SOAP != c.soap || m.UnknownNamespace {
				t.Errorf("edition %s soap %v unknown %v", m.Edition, m.SOAP, m.UnknownNamespace)
			}
			if c.want != nil && !reflect.DeepEqual(m.Argument, c.want) {
				t.Errorf("argument\n got %+v\nwant %+v", m.Argument, c.want)
			}
			if c.fieldOK != nil {
				c.fieldOK(t, m)
			}
		})
	}
}

// TestSeedRequestsRefused: snom's $csta_id examples (-18, -2) are no call
// ids the bridge handed out; they decode to the XML and a FieldError the
// server answers with a CSTAErrorCode.
func TestSeedRequestsRefused(t *testing.T) {
	for _, c := range []struct{ file, value string }{{"snom-answer-call-fragment", "-18"}, {"snom-soap-answer-call-post", "-2"}} {
		m, err := DecodeRequest(codecSeed(t, c.file))
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Value != c.value || !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", c.file, err)
		}
		if m == nil || m.Name != "AnswerCall" || m.XML.(*AnswerCall).CallToBeAnswered.Text != c.value {
			t.Errorf("%s: %+v", c.file, m)
		}
	}
	m, _ := DecodeRequest(codecSeed(t, "snom-answer-call-fragment"))
	if !m.UnknownNamespace || m.Namespace != "csta" {
		t.Errorf("undeclared csta prefix: namespace %q unknown %v", m.Namespace, m.UnknownNamespace)
	}
}

// TestSeedResponses decodes the published responses and checks what they
// map to.
func TestSeedResponses(t *testing.T) {
	m, err := Decode(codecSeed(t, "ecss10-make-call-response"))
	if err != nil {
		t.Fatal(err)
	}
	want := &cstav3.MakeCallResult{CallingDevice: cstav3.NewConnectionID(codecHexCall("f76f2540ebe90f46"), cstav3.Dialing(codecECSS725))}
	if !reflect.DeepEqual(m.Result, want) {
		t.Errorf("MakeCallResponse %+v", m.Result)
	}
	m, err = Decode(codecSeed(t, "ecss10-monitor-start-response"))
	if err != nil || m.CrossRef != "DMON:f76e605590f2bc03" {
		t.Errorf("MonitorStartResponse %v %+v", err, m)
	}
	m, err = Decode(codecSeed(t, "ecss10-snapshot-device-response"))
	if err != nil {
		t.Fatal(err)
	}
	sd := m.Result.(*cstav3.SnapshotDeviceResult).SnapshotData
	if len(sd) != 1 || sd[0].LocalCallState.Kind != cstav3.CallStateCompound ||
		!reflect.DeepEqual(sd[0].LocalCallState.Compound, []cstav3.ConnectionState{cstav3.StateAlerting, cstav3.StateAlerting}) ||
		sd[0].ConnectionIdentifier.Call.String() != "f76f7f32a8b2112e" {
		t.Errorf("SnapshotDeviceResponse %+v", sd)
	}
	m, err = Decode(codecSeed(t, "ecss10-single-step-transfer-call-response"))
	if err != nil || m.Result.(*cstav3.SingleStepTransferCallResult).TransferredCall.Call.String() != "f76fb6d4a65b7147" {
		t.Errorf("SingleStepTransferCallResponse %v %+v", err, m)
	}
	for _, f := range []string{"ecss10-hold-call-response", "ecss10-retrieve-call-response", "ecss10-clear-connection-response",
		"ecss10-clear-call-response", "ecss10-answer-call-response"} {
		m, err := Decode(codecSeed(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := m.Result.(*cstav3.NoData); !ok {
			t.Errorf("%s: %T", f, m.Result)
		}
	}
	m, err = Decode(codecSeed(t, "uacsta-request-system-status-response"))
	if err != nil || m.Edition != Ed5 || m.XML.(*RequestSystemStatusResponse).SystemStatus != "normal" {
		t.Errorf("RequestSystemStatusResponse %v %+v", err, m)
	}
	m, err = Decode(codecSeed(t, "unitel-start-application-session-pos-response"))
	if x, _ := m.XML.(*StartApplicationSessionPosResponse); err != nil || m.Edition != Ed6 || x.SessionID != "HotFShcrHZWUfc6tMIjD0A" ||
		x.ActualSessionDuration != 120 || x.ActualProtocolVersion != "http://www.ecma.ch/standards/ecma-323/csta/ed6" {
		t.Errorf("uni-tel StartApplicationSessionPosResponse %v %+v", err, m)
	}
	// uni-tel's MakeCallResponse says callID N/A: the XML is read, the
	// call id does not map.
	m, err = Decode(codecSeed(t, "unitel-make-call-response"))
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Value != "N/A" || m.XML.(*MakeCallResponse).CallingDevice.DeviceID.Value != "200" {
		t.Errorf("uni-tel MakeCallResponse %v %+v", err, m)
	}
	// Every request sample is refused by DecodeRequest if it is a response.
	if _, err := DecodeRequest(codecSeed(t, "ecss10-make-call-response")); !errors.Is(err, ErrUnknownRequest) {
		t.Errorf("response accepted as a request: %v", err)
	}
}

// TestSeedResponsesGolden writes the responses of ECSS-10's samples from
// their cstav3 values and compares them with the samples.
func TestSeedResponsesGolden(t *testing.T) {
	enc := Encoder{Declaration: true}
	for _, f := range []string{"ecss10-make-call-response", "ecss10-monitor-start-response", "ecss10-snapshot-device-response",
		"ecss10-single-step-transfer-call-response", "ecss10-hold-call-response", "ecss10-retrieve-call-response",
		"ecss10-clear-connection-response", "ecss10-clear-call-response", "ecss10-answer-call-response"} {
		t.Run(f, func(t *testing.T) {
			seed := codecSeed(t, f)
			m, err := Decode(seed)
			if err != nil {
				t.Fatal(err)
			}
			got, err := enc.AppendResult(nil, m.Result, m.CrossRef)
			if err != nil {
				t.Fatal(err)
			}
			codecSameTree(t, got, seed)
		})
	}
	pos := &StartApplicationSessionPosResponse{SessionID: "f76e5fe9c5e0d444", ActualProtocolVersion: Ed3.Namespace(), ActualSessionDuration: 300}
	got, _ := enc.Append(nil, pos)
	codecSameTree(t, got, codecSeed(t, "ecss10-start-application-session-pos-response"))
	got, _ = enc.Append(nil, &ResetApplicationSessionTimerPosResponse{ActualSessionDuration: 500})
	codecSameTree(t, got, codecSeed(t, "ecss10-reset-application-session-timer-pos-response"))
	got, _ = enc.Append(nil, &StopApplicationSessionPosResponse{})
	codecSameTree(t, got, codecSeed(t, "ecss10-stop-application-session-pos-response"))
	// uni-tel answers the session in its CSTA namespace.
	uni := Encoder{Namespace: "http://www.ecma.ch/standards/ecma-323/csta/ed6", SessionNamespace: "http://www.ecma.ch/standards/ecma-323/csta/ed6"}
	got, _ = uni.Append(nil, &StartApplicationSessionPosResponse{SessionID: "HotFShcrHZWUfc6tMIjD0A",
		ActualProtocolVersion: "http://www.ecma.ch/standards/ecma-323/csta/ed6", ActualSessionDuration: 120})
	codecSameTree(t, got, codecSeed(t, "unitel-start-application-session-pos-response"))
	// snom's SOAP answer is an empty csta:XResponse in ed4.
	got, _ = (&Encoder{Edition: Ed4}).AppendResult(nil, &cstav3.NoData{Op: cstav3.OpAnswerCall}, "")
	codecSameTree(t, got, []byte(`<csta:AnswerCallResponse xmlns:csta="http://www.ecma-international.org/standards/ecma-323/csta/ed4"></csta:AnswerCallResponse>`))
	invalidCallID, _ := cstav3.NewError(cstav3.OperationError, "invalidCallID")
	got, _ = (&Encoder{Edition: Ed4}).AppendError(nil, invalidCallID)
	codecSameTree(t, got, []byte(`<csta:CSTAErrorCode xmlns:csta="http://www.ecma-international.org/standards/ecma-323/csta/ed4"><csta:operation>invalidCallID</csta:operation></csta:CSTAErrorCode>`))
}

// TestSeedFilesDecode decodes every sample file whole (with its trailing
// provenance comment), as a document with a comment after it.
func TestSeedFilesDecode(t *testing.T) {
	for _, name := range codecSeedNames(t) {
		b, _ := os.ReadFile(filepath.Join("testdata", "seeds", name+".xml"))
		m, err := Decode(b)
		if m == nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}
