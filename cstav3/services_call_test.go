package cstav3

import (
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// ccVectors are whole CSTA-ROSE-PDUs produced by the Erlang asn1ct oracle
// built from the ECMA-285 modules (testdata/oracle); the hipath_* and
// oracle_* ones are copied from testdata/oracle/hipath.tsv and vectors.tsv.
var ccVectors = map[string]string{
	"makeCall_arg_min":               "a11602010102010a300e3005800331303030058003323030",
	"makeCall_arg_full":              "a16902010202010a306130058003313030300c800a303034393839313233348004616363748104313233348301018204636f72727d040402756403020640a40403020780a5030a0102860548656c6c6f870264658801167e12a010180e3230313030393136313230303030",
	"makeCall_res_min":               "a21b020101301602010a30116b0f300d8002b164a10730058003313030",
	"makeCall_res_full":              "a244020102303f02010a303a6b0f300d8002b164a10730058003313030a00403020780a1030a0102a20830068004010203047e12a010180e3230313030393136313230303030",
	"answerCall_arg_min":             "a11902010302010230116b0f300d8002b164a10730058003313030",
	"answerCall_arg_full":            "a13902010402010230316b0f300d8002b164a107300580033130300404636f72727d04040275647e12a010180e3230313030393136313230303030",
	"answerCall_res_null":            "a20a02010330050201020500",
	"answerCall_res_ext":             "a21c02010430170201027e12a010180e3230313030393136313230303030",
	"clearConnection_arg_min":        "a11902010502010530116b0f300d8002b164a10730058003313030",
	"clearConnection_arg_full":       "a13c02010602010530346b0f300d8002b164a107300580033130300404636f72727d04040275640a01307e12a010180e3230313030393136313230303030",
	"clearConnection_res_null":       "a20a02010530050201050500",
	"clearCall_arg_min":              "a10e02010702010430066b048002b164",
	"clearCall_arg_full":             "a136020108020104302e6b0f300d8002b164a107300580033130307d04040275640a01307e12a010180e3230313030393136313230303030",
	"clearCall_res_null":             "a20a02010730050201040500",
	"deflectCall_arg_min":            "a121020109020200da30186b0f300d8002b164a1073005800331303030058003333030",
	"deflectCall_arg_full":           "a16202010a020200da30596b0f300d8002b164a1073005800331303030058003333030300e30058003333031300580033330320404636f72727d04040275648002078081047375626a8202656e83011c7e12a010180e3230313030393136313230303030",
	"deflectCall_res_null":           "a20b0201093006020200da0500",
	"holdCall_arg_min":               "a11902010b02010930116b0f300d8002b164a10730058003313030",
	"holdCall_arg_full":              "a13002010c02010930286b0f300d8002b164a107300580033130300101ff7e12a010180e3230313030393136313230303030",
	"holdCall_res_null":              "a20a02010b30050201090500",
	"holdCall_res_ext":               "a21c02010c30170201097e12a010180e3230313030393136313230303030",
	"retrieveCall_arg_min":           "a11902010d02010e30116b0f300d8002b164a10730058003313030",
	"retrieveCall_arg_full":          "a12d02010e02010e30256b0f300d8002b164a107300580033130307e12a010180e3230313030393136313230303030",
	"retrieveCall_res_null":          "a20a02010d300502010e0500",
	"alternateCall_arg_min":          "a12a02010f02010130226b0f300d8002b164a107300580033130306b0f300d8002b165a10730058003313030",
	"alternateCall_arg_full":         "a144020110020101303c6b0f300d8002b164a107300580033130306b0f300d8002b165a107300580033130300101000a01017e12a010180e3230313030393136313230303030",
	"alternateCall_res_null":         "a20a02010f30050201010500",
	"reconnectCall_arg_min":          "a12a02011102010d30226b0f300d8002b165a107300580033130306b0f300d8002b164a10730058003313030",
	"reconnectCall_arg_full":         "a13e02011202010d30366b0f300d8002b165a107300580033130306b0f300d8002b164a107300580033130307e12a010180e3230313030393136313230303030",
	"reconnectCall_res_null":         "a20a020111300502010d0500",
	"consultationCall_arg_min":       "a122020113020107301aa00f300d8002b164a10730058003313030a10730058003323030",
	"consultationCall_arg_full":      "a16d0201140201073065a00f300d8002b164a10730058003313030a107300580033230308201ff8304616363748404313233348504636f7272a6040402756487020640a80403020780a9030a01028a01028b047375626a8c02656e7e12a010180e3230313030393136313230303030",
	"consultationCall_res_min":       "a21b020113301602010730116b0f300d8002b165a10730058003313030",
	"consultationCall_res_full":      "a2660201143061020107305c6b0f300d8002b165a10730058003313030a00403020780a1030a0102a22a3022160668697061746881080908070605040302180e32303130303931363132303030303004800207077e12a010180e3230313030393136313230303030",
	"transferCall_arg_min":           "a12a02011502011030226b0f300d8002b164a107300580033130306b0f300d8002b165a10730058003313030",
	"transferCall_arg_full":          "a13e02011602011030366b0f300d8002b164a107300580033130306b0f300d8002b165a107300580033130307e12a010180e3230313030393136313230303030",
	"transferCall_res_min":           "a21b020115301602011030116b0f300d8002b166a10730058003323030",
	"transferCall_res_full":          "a281ba0201163081b40201103081ae6b0f300d8002b166a10730058003323030a04a302fa0116b0f300d8002b166a10730058003323030a1116b0f300d8002b165a10730058003323030a207300580033230303017a0116b0f300d8002b166a10730058003333030a2020500a1030a0102a23630083006800401020304302a3022160668697061746881080908070605040302180e32303130303931363132303030303004800207077e12a010180e3230313030393136313230303030",
	"conferenceCall_arg_min":         "a12a02011702010630226b0f300d8002b164a107300580033130306b0f300d8002b165a10730058003313030",
	"conferenceCall_arg_full":        "a13e02011802010630366b0f300d8002b164a107300580033130306b0f300d8002b165a107300580033130307e12a010180e3230313030393136313230303030",
	"conferenceCall_res_min":         "a21b020117301602010630116b0f300d8002b164a10730058003313030",
	"conferenceCall_res_full":        "a281ba0201183081b40201063081ae6b0f300d8002b164a10730058003313030a04a302fa0116b0f300d8002b166a10730058003323030a1116b0f300d8002b165a10730058003323030a207300580033230303017a0116b0f300d8002b166a10730058003333030a2020500a1030a0102a23630083006800401020304302a3022160668697061746881080908070605040302180e32303130303931363132303030303004800207077e12a010180e3230313030393136313230303030",
	"singleStepTransfer_arg_min":     "a12002011902013230186b0f300d8002b164a1073005800331303030058003333030",
	"singleStepTransfer_arg_full":    "a15d02011a02013230556b0f300d8002b164a10730058003313030300580033330308004616363748104313233348204636f72727d0404027564830206c084047375626a8502656e8601347e12a010180e3230313030393136313230303030",
	"singleStepTransfer_res_min":     "a21b020119301602013230116b0f300d8002b166a10730058003333030",
	"singleStepTransfer_res_full":    "a281ba02011a3081b40201323081ae6b0f300d8002b166a10730058003333030a04a302fa0116b0f300d8002b166a10730058003323030a1116b0f300d8002b165a10730058003323030a207300580033230303017a0116b0f300d8002b166a10730058003333030a2020500a1030a0102a23630083006800401020304302a3022160668697061746881080908070605040302180e32303130303931363132303030303004800207077e12a010180e3230313030393136313230303030",
	"hipath_res_makeCall":            "a22f020114302a02010a30256b0f300d8002002aa107300580033130307e12a010180e3230313030393136313230383030",
	"hipath_res_consultationCall":    "a22f020115302a02010730256b0f300d8002002ba107300580033130307e12a010180e3230313030393136313230393030",
	"oracle_makeCall_invoke":         "a11e02010302010a30163006800434373131300c800a30303439383931323334",
	"oracle_makeCall_result":         "a21e020103301902010a30146b123010800401020304a1083006800434373131",
	"oracle_clearConnection_invoke":  "a11c02010402010530146b123010800401020304a1083006800434373131",
	"oracle_answerCall_invoke":       "a11a02010502010230126b10300e80020506a1083006800434373131",
	"oracle_holdCall_invoke":         "a11a02010602010930126b10300e80020506a1083006800434373131",
	"oracle_consultationCall_invoke": "a117020107020107300fa00480020506a10730058003323030",
	"oracle_transferCall_invoke":     "a12c02010802011030246b10300e80020506a10830068004343731316b10300e80020708a1083006800434373131",
}

func ccHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ccMustHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func ccConn(call string, dev string) ConnectionID {
	return NewConnectionID(CallID(ccMustHex(call)), Dialing(dev))
}

func ccExt(ts Timestamp) CommonArguments { return CommonArguments{Security: true, Timestamp: ts} }

// ccUnm builds an Unmodelled from (tag, hex) pairs.
func ccUnm(pairs ...any) Unmodelled {
	var u Unmodelled
	for i := 0; i+1 < len(pairs); i += 2 {
		u.Set(pairs[i].(int), ccMustHex(pairs[i+1].(string)))
	}
	return u
}

const ccTS Timestamp = "20100916120000"

const ccMCC = "03020780" // MediaCallCharacteristics { mediaClass {voice} }, content only

// ccInfo is ConnectionInformation { flowDirection transmitAndReceive }.
func ccInfo() *ConnectionInformation {
	return &ConnectionInformation{HasFlowDirection: true, FlowDirection: FlowTransmitAndReceive}
}

// ccConnList is the connections list of the transfer and conference
// results: b165 replaced by b166 at "200", and b166 at an unknown "300".
func ccConnList() ConnectionList {
	return ConnectionList{
		{NewConnection: ccConn("b166", "200"), OldConnection: ccConn("b165", "200"), Endpoint: Known(Dialing("200"))},
		{NewConnection: ccConn("b166", "300"), Endpoint: Device{Status: DeviceNotKnown}},
	}
}

var (
	ccLinkage  = CallLinkageData{GlobalCallLinkageID: []byte{1, 2, 3, 4}}
	ccLinkage2 = CallLinkageData{GlobalCallSubDomain: "hipath", GlobalCallLinkageID: []byte{9, 8, 7, 6, 5, 4, 3, 2},
		GlobalCallUnique: true, GlobalCallTimestamp: ccTS, HasThread: true, ThreadLinkageID: []byte{7, 7}}
	ccLinkageList = CallLinkageDataList{NewCallLinkageData: ccLinkage, OldCallLinkageData: ccLinkage2}
	ccPriority    = ber.BitString{Bytes: []byte{0x40}, Length: 2}
	ccACD         = ber.BitString{Bytes: []byte{0x80}, Length: 1}
	ccACDPrority  = ber.BitString{Bytes: []byte{0xc0}, Length: 2}
)

type ccCase struct {
	vector string
	id     int64
	op     Opcode
	result bool // a ReturnResult rather than an Invoke
	// mandatoryOnly: the value holds only mandatory fields, so every cut
	// of its content must fail to decode.
	mandatoryOnly bool
	want          any // Argument or Result
}

var ccCases = []ccCase{
	// makeCall
	{"makeCall_arg_min", 1, OpMakeCall, false, true,
		&MakeCallArgument{CallingDevice: Dialing("100"), CalledDirectoryNumber: Dialing("200")}},
	{"makeCall_arg_full", 2, OpMakeCall, false, false, &MakeCallArgument{
		CallingDevice: Dialing("100"), CalledDirectoryNumber: Dialing("0049891234"),
		AccountCode: []byte("acct"), AuthCode: []byte("1234"), AutoOriginate: AutoOriginateDoNotPrompt,
		CorrelatorData: []byte("corr"), UserData: UserData("ud"), CallCharacteristics: ccPriority,
		SubjectOfCall: "Hello", LanguagePreferences: "de", HasReason: true, Reason: CauseNewCall,
		CallingConnectionInfo: ccInfo(), Unmodelled: ccUnm(4, "a404"+ccMCC), Extensions: ccExt(ccTS)}},
	{"makeCall_res_min", 1, OpMakeCall, true, true, &MakeCallResult{CallingDevice: ccConn("b164", "100")}},
	{"makeCall_res_full", 2, OpMakeCall, true, false, &MakeCallResult{CallingDevice: ccConn("b164", "100"),
		InitiatedCallInfo: ccInfo(), CallLinkageData: &ccLinkage, Unmodelled: ccUnm(0, "a004"+ccMCC),
		Extensions: ccExt(ccTS)}},
	{"hipath_res_makeCall", 20, OpMakeCall, true, false, &MakeCallResult{CallingDevice: ccConn("002a", "100"),
		Extensions: ccExt("20100916120800")}},
	{"oracle_makeCall_invoke", 3, OpMakeCall, false, true,
		&MakeCallArgument{CallingDevice: Dialing("4711"), CalledDirectoryNumber: Dialing("0049891234")}},
	{"oracle_makeCall_result", 3, OpMakeCall, true, true, &MakeCallResult{CallingDevice: ccConn("01020304", "4711")}},

	// answerCall
	{"answerCall_arg_min", 3, OpAnswerCall, false, true, &AnswerCallArgument{CallToBeAnswered: ccConn("b164", "100")}},
	{"answerCall_arg_full", 4, OpAnswerCall, false, false, &AnswerCallArgument{CallToBeAnswered: ccConn("b164", "100"),
		CorrelatorData: []byte("corr"), UserData: UserData("ud"), Extensions: ccExt(ccTS)}},
	{"answerCall_res_null", 3, OpAnswerCall, true, true, &NoData{Op: OpAnswerCall}},
	{"answerCall_res_ext", 4, OpAnswerCall, true, false, &NoData{Op: OpAnswerCall, Extensions: ccExt(ccTS)}},
	{"oracle_answerCall_invoke", 5, OpAnswerCall, false, true, &AnswerCallArgument{CallToBeAnswered: ccConn("0506", "4711")}},

	// clearConnection
	{"clearConnection_arg_min", 5, OpClearConnection, false, true,
		&ClearConnectionArgument{ConnectionToBeCleared: ccConn("b164", "100")}},
	{"clearConnection_arg_full", 6, OpClearConnection, false, false, &ClearConnectionArgument{
		ConnectionToBeCleared: ccConn("b164", "100"), CorrelatorData: []byte("corr"), UserData: UserData("ud"),
		HasReason: true, Reason: CauseNormalClearing, Extensions: ccExt(ccTS)}},
	{"clearConnection_res_null", 5, OpClearConnection, true, true, &NoData{Op: OpClearConnection}},
	{"oracle_clearConnection_invoke", 4, OpClearConnection, false, true,
		&ClearConnectionArgument{ConnectionToBeCleared: ccConn("01020304", "4711")}},

	// clearCall
	{"clearCall_arg_min", 7, OpClearCall, false, true,
		&ClearCallArgument{CallToBeCleared: ConnectionID{Call: CallID{0xb1, 0x64}}}},
	{"clearCall_arg_full", 8, OpClearCall, false, false, &ClearCallArgument{CallToBeCleared: ccConn("b164", "100"),
		UserData: UserData("ud"), HasReason: true, Reason: CauseNormalClearing, Extensions: ccExt(ccTS)}},
	{"clearCall_res_null", 7, OpClearCall, true, true, &NoData{Op: OpClearCall}},

	// deflectCall
	{"deflectCall_arg_min", 9, OpDeflectCall, false, true,
		&DeflectCallArgument{CallToBeDiverted: ccConn("b164", "100"), NewDestination: Dialing("300")}},
	{"deflectCall_arg_full", 10, OpDeflectCall, false, false, &DeflectCallArgument{
		CallToBeDiverted: ccConn("b164", "100"), NewDestination: Dialing("300"),
		AddNewDestinationsList: []DeviceID{Dialing("301"), Dialing("302")}, CorrelatorData: []byte("corr"),
		UserData: UserData("ud"), CallCharacteristics: ccACD, SubjectOfCall: "subj", LanguagePreferences: "en",
		HasReason: true, Reason: CauseRedirected, Extensions: ccExt(ccTS)}},
	{"deflectCall_res_null", 9, OpDeflectCall, true, true, &NoData{Op: OpDeflectCall}},

	// holdCall
	{"holdCall_arg_min", 11, OpHoldCall, false, true, &HoldCallArgument{CallToBeHeld: ccConn("b164", "100")}},
	{"holdCall_arg_full", 12, OpHoldCall, false, false, &HoldCallArgument{CallToBeHeld: ccConn("b164", "100"),
		HasConnectionReservation: true, ConnectionReservation: true, Extensions: ccExt(ccTS)}},
	{"holdCall_res_null", 11, OpHoldCall, true, true, &NoData{Op: OpHoldCall}},
	{"holdCall_res_ext", 12, OpHoldCall, true, false, &NoData{Op: OpHoldCall, Extensions: ccExt(ccTS)}},
	{"oracle_holdCall_invoke", 6, OpHoldCall, false, true, &HoldCallArgument{CallToBeHeld: ccConn("0506", "4711")}},

	// retrieveCall
	{"retrieveCall_arg_min", 13, OpRetrieveCall, false, true,
		&RetrieveCallArgument{CallToBeRetrieved: ccConn("b164", "100")}},
	{"retrieveCall_arg_full", 14, OpRetrieveCall, false, false,
		&RetrieveCallArgument{CallToBeRetrieved: ccConn("b164", "100"), Extensions: ccExt(ccTS)}},
	{"retrieveCall_res_null", 13, OpRetrieveCall, true, true, &NoData{Op: OpRetrieveCall}},

	// alternateCall
	{"alternateCall_arg_min", 15, OpAlternateCall, false, true,
		&AlternateCallArgument{HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100")}},
	{"alternateCall_arg_full", 16, OpAlternateCall, false, false, &AlternateCallArgument{
		HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100"), HasConnectionReservation: true,
		ConnectionReservation: false, ConsultOptions: ConsultOnly, Extensions: ccExt(ccTS)}},
	{"alternateCall_res_null", 15, OpAlternateCall, true, true, &NoData{Op: OpAlternateCall}},

	// reconnectCall
	{"reconnectCall_arg_min", 17, OpReconnectCall, false, true,
		&ReconnectCallArgument{ActiveCall: ccConn("b165", "100"), HeldCall: ccConn("b164", "100")}},
	{"reconnectCall_arg_full", 18, OpReconnectCall, false, false, &ReconnectCallArgument{
		ActiveCall: ccConn("b165", "100"), HeldCall: ccConn("b164", "100"), Extensions: ccExt(ccTS)}},
	{"reconnectCall_res_null", 17, OpReconnectCall, true, true, &NoData{Op: OpReconnectCall}},

	// consultationCall
	{"consultationCall_arg_min", 19, OpConsultationCall, false, true,
		&ConsultationCallArgument{ExistingCall: ccConn("b164", "100"), ConsultedDevice: Dialing("200")}},
	{"consultationCall_arg_full", 20, OpConsultationCall, false, false, &ConsultationCallArgument{
		ExistingCall: ccConn("b164", "100"), ConsultedDevice: Dialing("200"), HasConnectionReservation: true,
		ConnectionReservation: true, AccountCode: []byte("acct"), AuthCode: []byte("1234"),
		CorrelatorData: []byte("corr"), UserData: UserData("ud"), CallCharacteristics: ccPriority,
		ConsultOptions: ConsultTransferOnly, SubjectOfCall: "subj", LanguagePreferences: "en",
		CallingConnectionInfo: ccInfo(), Unmodelled: ccUnm(8, "a804"+ccMCC), Extensions: ccExt(ccTS)}},
	{"consultationCall_res_min", 19, OpConsultationCall, true, true,
		&ConsultationCallResult{InitiatedCall: ccConn("b165", "100")}},
	{"consultationCall_res_full", 20, OpConsultationCall, true, false, &ConsultationCallResult{
		InitiatedCall: ccConn("b165", "100"), InitiatedCallInfo: ccInfo(), CallLinkageData: &ccLinkage2,
		Unmodelled: ccUnm(0, "a004"+ccMCC), Extensions: ccExt(ccTS)}},
	{"hipath_res_consultationCall", 21, OpConsultationCall, true, false, &ConsultationCallResult{
		InitiatedCall: ccConn("002b", "100"), Extensions: ccExt("20100916120900")}},
	{"oracle_consultationCall_invoke", 7, OpConsultationCall, false, true, &ConsultationCallArgument{
		ExistingCall: ConnectionID{Call: CallID{5, 6}}, ConsultedDevice: Dialing("200")}},

	// transferCall
	{"transferCall_arg_min", 21, OpTransferCall, false, true,
		&TransferCallArgument{HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100")}},
	{"transferCall_arg_full", 22, OpTransferCall, false, false, &TransferCallArgument{
		HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100"), Extensions: ccExt(ccTS)}},
	{"transferCall_res_min", 21, OpTransferCall, true, true, &TransferCallResult{TransferredCall: ccConn("b166", "200")}},
	{"transferCall_res_full", 22, OpTransferCall, true, false, &TransferCallResult{
		TransferredCall: ccConn("b166", "200"), Connections: ccConnList(),
		TransferredCallInfo: ccInfo(), CallLinkageDataList: ccLinkageList, Extensions: ccExt(ccTS)}},
	{"oracle_transferCall_invoke", 8, OpTransferCall, false, true,
		&TransferCallArgument{HeldCall: ccConn("0506", "4711"), ActiveCall: ccConn("0708", "4711")}},

	// conferenceCall
	{"conferenceCall_arg_min", 23, OpConferenceCall, false, true,
		&ConferenceCallArgument{HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100")}},
	{"conferenceCall_arg_full", 24, OpConferenceCall, false, false, &ConferenceCallArgument{
		HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100"), Extensions: ccExt(ccTS)}},
	{"conferenceCall_res_min", 23, OpConferenceCall, true, true, &ConferenceCallResult{ConferenceCall: ccConn("b164", "100")}},
	{"conferenceCall_res_full", 24, OpConferenceCall, true, false, &ConferenceCallResult{
		ConferenceCall: ccConn("b164", "100"), Connections: ccConnList(),
		ConferenceCallInfo: ccInfo(), CallLinkageDataList: ccLinkageList, Extensions: ccExt(ccTS)}},

	// singleStepTransferCall
	{"singleStepTransfer_arg_min", 25, OpSingleStepTransferCall, false, true,
		&SingleStepTransferCallArgument{ActiveCall: ccConn("b164", "100"), TransferredTo: Dialing("300")}},
	{"singleStepTransfer_arg_full", 26, OpSingleStepTransferCall, false, false, &SingleStepTransferCallArgument{
		ActiveCall: ccConn("b164", "100"), TransferredTo: Dialing("300"), AccountCode: []byte("acct"),
		AuthCode: []byte("1234"), CorrelatorData: []byte("corr"), UserData: UserData("ud"),
		CallCharacteristics: ccACDPrority, SubjectOfCall: "subj", LanguagePreferences: "en",
		HasReason: true, Reason: CauseSingleStepTransfer, Extensions: ccExt(ccTS)}},
	{"singleStepTransfer_res_min", 25, OpSingleStepTransferCall, true, true,
		&SingleStepTransferCallResult{TransferredCall: ccConn("b166", "300")}},
	{"singleStepTransfer_res_full", 26, OpSingleStepTransferCall, true, false, &SingleStepTransferCallResult{
		TransferredCall: ccConn("b166", "300"), Connections: ccConnList(),
		TransferredCallInfo: ccInfo(), CallLinkageDataList: ccLinkageList, Extensions: ccExt(ccTS)}},
}

// ccDecode decodes the argument or result of c from its encoding.
func ccDecode(c ccCase, data []byte) (any, error) {
	if c.result {
		return DecodeResult(c.op, data)
	}
	return DecodeArgument(c.op, data)
}

// ccEncode encodes the argument or result of c (without the ROSE envelope).
func ccEncode(c ccCase, v any) ([]byte, error) {
	if c.result {
		return AppendResult(nil, v.(Result))
	}
	return AppendArgument(nil, v.(Argument))
}

func TestCallControlVectors(t *testing.T) {
	for _, c := range ccCases {
		t.Run(c.vector, func(t *testing.T) {
			h, ok := ccVectors[c.vector]
			if !ok {
				t.Fatalf("no vector %s", c.vector)
			}
			data := ccHex(t, h)
			var m Message
			if err := m.Decode(data); err != nil {
				t.Fatal(err)
			}
			wantType := Invoke
			if c.result {
				wantType = ReturnResult
			}
			if m.Type != wantType || m.InvokeID != c.id || m.Opcode != c.op {
				t.Fatalf("envelope %v id %d op %v", m.Type, m.InvokeID, m.Opcode)
			}
			got, err := ccDecode(c, m.Argument)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("decoded\n got %+v\nwant %+v", got, c.want)
			}
			var op Opcode
			if c.result {
				op = got.(Result).Opcode()
			} else {
				op = got.(Argument).Opcode()
			}
			if op != c.op {
				t.Fatalf("Opcode() = %v, want %v", op, c.op)
			}
			// Encode the expected value (built by hand, not decoded) and
			// wrap it in the same envelope.
			enc, err := ccEncode(c, c.want)
			if err != nil {
				t.Fatal(err)
			}
			m2 := Message{Type: wantType, InvokeID: c.id, Opcode: c.op, Argument: enc}
			out, err := m2.Append(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.EqualFold(hex.EncodeToString(out), h) {
				t.Fatalf("encoded\n got %x\nwant %s", out, h)
			}
		})
	}
}

func TestCallControlTruncated(t *testing.T) {
	for _, c := range ccCases {
		t.Run(c.vector, func(t *testing.T) {
			var m Message
			if err := m.Decode(ccHex(t, ccVectors[c.vector])); err != nil {
				t.Fatal(err)
			}
			arg := m.Argument
			// Cut the element itself: always an error.
			for n := 0; n < len(arg); n++ {
				if _, err := ccDecode(c, arg[:n]); !errors.Is(err, ber.ErrTruncated) {
					t.Fatalf("cut at %d: err %v, want truncated", n, err)
				}
			}
			// Cut the content and re-wrap it with a correct length: never
			// a panic, and an error whenever a mandatory field is hit.
			r := ber.NewReader(arg)
			e, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			for n := 0; n < len(e.Content()); n++ {
				var b ber.Builder
				b.AddConstructed(e.Tag, func(b *ber.Builder) { b.AddRaw(e.Content()[:n]) })
				cut, err := b.Bytes()
				if err != nil {
					t.Fatal(err)
				}
				_, err = ccDecode(c, cut)
				var se *ber.SyntaxError
				if err != nil && !errors.As(err, &se) {
					t.Fatalf("content cut at %d: %T %v", n, err, err)
				}
				if c.mandatoryOnly && !errors.Is(err, ber.ErrTruncated) && !errors.Is(err, ber.ErrMissing) {
					t.Fatalf("content cut at %d: err %v, want truncated or missing", n, err)
				}
			}
		})
	}
}

func TestCallControlWrongTag(t *testing.T) {
	for _, c := range ccCases {
		t.Run(c.vector, func(t *testing.T) {
			var m Message
			if err := m.Decode(ccHex(t, ccVectors[c.vector])); err != nil {
				t.Fatal(err)
			}
			arg := append([]byte(nil), m.Argument...)
			switch arg[0] {
			case 0x30:
				arg[0] = 0x31 // SET instead of SEQUENCE
			case 0x05:
				arg[0] = 0x04 // OCTET STRING instead of NULL
			case 0x7e:
				arg[0] = 0x7d // [APPLICATION 29] instead of extensions
			default:
				t.Fatalf("unexpected first byte %x", arg[0])
			}
			if _, err := ccDecode(c, arg); !errors.Is(err, ber.ErrTag) {
				t.Fatalf("err %v, want unexpected tag", err)
			}
		})
	}
}

// Unknown elements (here a private tag at the end of the SEQUENCE) are
// skipped, not errors.
func TestCallControlSkipsUnknown(t *testing.T) {
	for _, c := range ccCases {
		var m Message
		if err := m.Decode(ccHex(t, ccVectors[c.vector])); err != nil {
			t.Fatal(err)
		}
		r := ber.NewReader(m.Argument)
		e, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.Tag != ber.TagSequence {
			continue
		}
		var b ber.Builder
		b.AddConstructed(e.Tag, func(b *ber.Builder) {
			b.AddRaw(e.Content())
			b.AddRaw([]byte{0xc5, 0x01, 0x00})
		})
		ext, _ := b.Bytes()
		got, err := ccDecode(c, ext)
		if err != nil {
			t.Fatalf("%s: %v", c.vector, err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Fatalf("%s: decoded\n got %+v\nwant %+v", c.vector, got, c.want)
		}
	}
}

func TestCallControlMissingField(t *testing.T) {
	tests := []struct {
		op   Opcode
		hex  string
		path string
	}{
		// TransferCallArgument with one connection only.
		{OpTransferCall, "30116b0f300d8002b164a10730058003313030", "transferCall.argument.activeCall"},
		// MakeCallArgument with the calling device only.
		{OpMakeCall, "3007300580033130307e00", "makeCall.argument.calledDirectoryNumber"},
		// DeflectCallArgument without a new destination.
		{OpDeflectCall, "30116b0f300d8002b164a10730058003313030", "deflectCall.argument.newDestination"},
		// ConsultationCallArgument without a consulted device.
		{OpConsultationCall, "3006a0048002b164", "consultationCall.argument.consultedDevice"},
		// HoldCallArgument with only a connection reservation.
		{OpHoldCall, "30030101ff", "holdCall.argument.callToBeHeld"},
	}
	for _, tt := range tests {
		_, err := DecodeArgument(tt.op, ccHex(t, tt.hex))
		var se *ber.SyntaxError
		if !errors.Is(err, ber.ErrMissing) || !errors.As(err, &se) || se.Path != tt.path {
			t.Errorf("%v: err %v, want missing %s", tt.op, err, tt.path)
		}
	}
	// A result with only extensions lacks the connection.
	_, err := DecodeResult(OpTransferCall, ccHex(t, "30027e00"))
	if !errors.Is(err, ber.ErrMissing) || !strings.Contains(err.Error(), "transferredCall") {
		t.Errorf("transferCall result: err %v", err)
	}
}

func TestCallControlErrorPath(t *testing.T) {
	// The consulted device's [1] wrapper holds a truncated DeviceID.
	_, err := DecodeArgument(OpConsultationCall, ccHex(t, "300da0048002b164a1053005800331"))
	if !errors.Is(err, ber.ErrTruncated) || !strings.Contains(err.Error(), "consultationCall.argument.consultedDevice") {
		t.Fatalf("err %v", err)
	}
	// A list entry that is not a DeviceID.
	_, err = DecodeArgument(OpDeflectCall,
		ccHex(t, "301e6b0f300d8002b164a1073005800331303030058003333030300404020000"))
	if !errors.Is(err, ber.ErrTag) || !strings.Contains(err.Error(), "addNewDestinationsList.0") {
		t.Fatalf("err %v", err)
	}
}

func TestCallControlRegistered(t *testing.T) {
	args := map[Opcode]Argument{
		OpMakeCall: &MakeCallArgument{}, OpAnswerCall: &AnswerCallArgument{},
		OpClearConnection: &ClearConnectionArgument{}, OpClearCall: &ClearCallArgument{},
		OpDeflectCall: &DeflectCallArgument{}, OpHoldCall: &HoldCallArgument{},
		OpRetrieveCall: &RetrieveCallArgument{}, OpAlternateCall: &AlternateCallArgument{},
		OpReconnectCall: &ReconnectCallArgument{}, OpConsultationCall: &ConsultationCallArgument{},
		OpTransferCall: &TransferCallArgument{}, OpSingleStepTransferCall: &SingleStepTransferCallArgument{},
		OpConferenceCall: &ConferenceCallArgument{},
	}
	results := map[Opcode]Result{
		OpMakeCall: &MakeCallResult{}, OpAnswerCall: &NoData{Op: OpAnswerCall},
		OpClearConnection: &NoData{Op: OpClearConnection}, OpClearCall: &NoData{Op: OpClearCall},
		OpDeflectCall: &NoData{Op: OpDeflectCall}, OpHoldCall: &NoData{Op: OpHoldCall},
		OpRetrieveCall: &NoData{Op: OpRetrieveCall}, OpAlternateCall: &NoData{Op: OpAlternateCall},
		OpReconnectCall: &NoData{Op: OpReconnectCall}, OpConsultationCall: &ConsultationCallResult{},
		OpTransferCall: &TransferCallResult{}, OpSingleStepTransferCall: &SingleStepTransferCallResult{},
		OpConferenceCall: &ConferenceCallResult{},
	}
	for op, want := range args {
		got := NewArgument(op)
		if reflect.TypeOf(got) != reflect.TypeOf(want) || got.Opcode() != op {
			t.Errorf("NewArgument(%v) = %T", op, got)
		}
	}
	for op, want := range results {
		got := NewResult(op)
		if !reflect.DeepEqual(got, want) || got.Opcode() != op {
			t.Errorf("NewResult(%v) = %#v", op, got)
		}
	}
}

func TestCallControlEnums(t *testing.T) {
	if AutoOriginateDoNotPrompt.String() != "doNotPrompt" || AutoOriginate(7).String() != "AutoOriginate(7)" {
		t.Error("AutoOriginate names")
	}
	if v, ok := ParseAutoOriginate("prompt"); !ok || v != AutoOriginatePrompt {
		t.Error("ParseAutoOriginate")
	}
	if ConsultConferenceOnly.String() != "conferenceOnly" || ConsultOptions(9).String() != "ConsultOptions(9)" {
		t.Error("ConsultOptions names")
	}
	if v, ok := ParseConsultOptions("transferOnly"); !ok || v != ConsultTransferOnly {
		t.Error("ParseConsultOptions")
	}
	if _, ok := ParseConsultOptions("nonsense"); ok {
		t.Error("ParseConsultOptions accepted nonsense")
	}
}

// DEFAULT values are not encoded, and an explicit default on the wire
// decodes to the same value.
func TestCallControlDefaults(t *testing.T) {
	a := &AlternateCallArgument{HeldCall: ccConn("b164", "100"), ActiveCall: ccConn("b165", "100"),
		ConsultOptions: ConsultUnrestricted}
	enc, err := AppendArgument(nil, a)
	if err != nil {
		t.Fatal(err)
	}
	withDefault := append(append([]byte{}, enc...), 0x0a, 0x01, 0x00)
	withDefault[1] += 3
	got, err := DecodeArgument(OpAlternateCall, withDefault)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Fatalf("got %+v, %v", got, err)
	}
	m := &MakeCallArgument{CallingDevice: Dialing("100"), CalledDirectoryNumber: Dialing("200")}
	enc, err = AppendArgument(nil, m)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(enc) != "300e3005800331303030058003323030" {
		t.Fatalf("makeCall %x", enc)
	}
}
