package cstav3

import (
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// Tests of the call control events DigitsDialed, Diverted, Failed,
// NetworkCapabilitiesChanged, NetworkReached, Offered, Originated, Queued
// and ServiceInitiated. The PDUs were produced by the Erlang asn1ct oracle
// (testdata/oracle) from the Erlang terms noted in each case.

func evbHex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func evbDev(n string) Device { return Known(Dialing(n)) }

func evbConn(call, dev string) ConnectionID {
	return NewConnectionID(CallID(evbHex(call)), Dialing(dev))
}

var (
	evbNotKnown     = Device{Status: DeviceNotKnown}
	evbRestricted   = Device{Status: DeviceRestricted}
	evbNotRequired  = Device{Status: DeviceNotRequired}
	evbNotSpecified = Device{Status: DeviceNotSpecified}
)

// evbUnm builds an Unmodelled from (tag number, hex element) pairs.
func evbUnm(kv ...any) Unmodelled {
	var u Unmodelled
	for i := 0; i+1 < len(kv); i += 2 {
		u.Set(kv[i].(int), evbHex(kv[i+1].(string)))
	}
	return u
}

// evbHiPathExt is the extensions element HiPath sends: a timestamp in PBX
// local time without a zone.
func evbHiPathExt() CommonArguments {
	return CommonArguments{Security: true, Timestamp: "20240615103000"}
}

// evbFullExt is extensions with a sequence number, a UTC timestamp and
// private data {string 'cafe'H}.
func evbFullExt() CommonArguments {
	return CommonArguments{Security: true, HasSequenceNumber: true, SequenceNumber: 7,
		Timestamp: "20240102030405Z", PrivateData: evbHex("0402cafe")}
}

// evbLink is CallLinkageData with every field: globalCallData {"pbx1",
// globallyUniqueCallLinkageID 0102…0a, "20240102030405Z"}, threadData
// {subDomainThreadID 0909}.
func evbLink() CallLinkageData {
	return CallLinkageData{GlobalCallSubDomain: "pbx1", GlobalCallLinkageID: evbHex("0102030405060708090a"),
		GlobalCallUnique: true, GlobalCallTimestamp: "20240102030405Z",
		HasThread: true, ThreadLinkageID: evbHex("0909")}
}

type evbCase struct {
	name     string
	pdu      string
	invokeID int64
	crossRef string
	// subject is the ASN.1 name of the event's SubjectDeviceID field.
	subject string
	want    Event
}

var evbCases = []evbCase{
	// ---- DigitsDialed [5]
	{name: "digitsDialed/hipath", invokeID: 70000, crossRef: "0001", subject: "dialingDevice",
		pdu: "a14d0203011170020115304355020001a03da53b6b0f300d8002b164a10730058003313030630730058003313030300580033230304e01030a01167e12a010180e3230323430363135313033303030",
		want: &DigitsDialedEvent{DialingConnection: evbConn("b164", "100"), DialingDevice: evbDev("100"),
			DialingSequence: Dialing("200"), HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
			Cause: CauseNewCall, Extensions: evbHiPathExt()}},
	{name: "digitsDialed/minimal", invokeID: 1, crossRef: "00000001", subject: "dialingDevice",
		pdu: "a124020101020115301c550400000001a014a5126b03800105630287003004810212670a0116",
		want: &DigitsDialedEvent{DialingConnection: ConnectionID{Call: CallID{5}}, DialingDevice: evbNotKnown,
			DialingSequence: Numbered(4711), Cause: CauseNewCall}},
	{name: "digitsDialed/full", invokeID: 2, crossRef: "0002", subject: "dialingDevice",
		pdu: "a181c30201020201153081ba55020002a081b3a581b06b0f300d80020102a107300580033130306307300580033130303015800a30303439383931323334a1071605416c6963654e01018004636f72720a01116708300680043038393168028800650730058003333030660730058003343030830206c0a42b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a300480020909850264657e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &DigitsDialedEvent{DialingConnection: evbConn("0102", "100"), DialingDevice: evbDev("100"),
			DialingSequence:        DeviceID{Kind: DialingNumber, Number: "0049891234", Details: &DeviceDetails{PrivateName: "Alice"}},
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateInitiated, CorrelatorData: []byte("corr"),
			Cause: CauseKeyOperation, NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbRestricted,
			AssociatedCallingDevice: evbDev("300"), AssociatedCalledDevice: evbDev("400"),
			CallLinkageData: ptrTo(evbLink()),
			Unmodelled:      evbUnm(3, "830206c0", 5, "85026465"), // callCharacteristics {acdCall, priorityCall}, languagePreferences "de"
			Extensions:      evbFullExt()}},

	// ---- Diverted [6]
	{name: "diverted/hipath", invokeID: 70001, crossRef: "0001", subject: "divertingDevice",
		pdu: "a1500203011171020115304655020001a040a63e6b0f300d8002b164a10730058003313030630730058003313030630730058003323030640287000a011c7e12a010180e3230323430363135313033303030",
		want: &DivertedEvent{Connection: evbConn("b164", "100"), DivertingDevice: evbDev("100"),
			NewDestination: evbDev("200"), LastRedirectionDevice: evbNotKnown, Cause: CauseRedirected,
			Extensions: evbHiPathExt()}},
	{name: "diverted/full", invokeID: 3, crossRef: "0003", subject: "divertingDevice",
		pdu: "a181da0201030201153081d155020003a081caa681c76b0f300d80020102a107300580033130306307300580033130306307300580033230306107300580033330306207300580033130306407300580033130304e01008001637d04040275640a010983020780670830068004303839316808300680043038393265028700660730058003343030a52b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a30048002090986047375626a8802656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &DivertedEvent{Connection: evbConn("0102", "100"), DivertingDevice: evbDev("100"),
			NewDestination: evbDev("200"), CallingDevice: evbDev("300"), CalledDevice: evbDev("100"),
			LastRedirectionDevice: evbDev("100"), HasLocalConnectionInfo: true, LocalConnectionInfo: StateNull,
			CorrelatorData: []byte("c"), UserData: UserData("ud"), Cause: CauseCallForward,
			NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbNotKnown, AssociatedCalledDevice: evbDev("400"),
			CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, subjectOfCall "subj", languagePreferences "en"
			Unmodelled: evbUnm(3, "83020780", 6, "86047375626a", 8, "8802656e"),
			Extensions: evbFullExt()}},
	{name: "diverted/minimal", invokeID: 4, crossRef: "0004", subject: "divertingDevice",
		pdu: "a125020104020115301d55020004a017a6156b04800201026302880063028700640289000a0106",
		want: &DivertedEvent{Connection: ConnectionID{Call: CallID{1, 2}}, DivertingDevice: evbRestricted,
			NewDestination: evbNotKnown, LastRedirectionDevice: evbNotSpecified, Cause: CauseCallForwardImmediate}},

	// ---- Failed [8]
	{name: "failed/hipath", invokeID: 70002, crossRef: "0001", subject: "failingDevice",
		pdu: "a15c0203011172020115305255020001a04ca84a6b0f300d8002b165a10730058003313030630730058003323030610730058003313030620730058003323030640287004e01060a01037e12a010180e3230323430363135313033303030",
		want: &FailedEvent{FailedConnection: evbConn("b165", "100"), FailingDevice: evbDev("200"),
			CallingDevice: evbDev("100"), CalledDevice: evbDev("200"), LastRedirectionDevice: evbNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateFail, Cause: CauseBusy,
			Extensions: evbHiPathExt()}},
	{name: "failed/full", invokeID: 5, crossRef: "0005", subject: "failingDevice",
		pdu: "a181b60201050201153081ad55020005a081a6a881a36b0f300d80020102a10730058003313030630730058003323030610730058003313030620730058003323030640288006b0d300b80020304a10530038001394e01068001637d04040275640a010d67083006800430383931680830068004303839326507300580033330306602880083020640a50630048002070786047375626a880266727e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &FailedEvent{FailedConnection: evbConn("0102", "100"), FailingDevice: evbDev("200"),
			CallingDevice: evbDev("100"), CalledDevice: evbDev("200"), LastRedirectionDevice: evbNotRequired,
			OriginatingNIDConnection: ptrTo(evbConn("0304", "9")), HasLocalConnectionInfo: true, LocalConnectionInfo: StateFail,
			CorrelatorData: []byte("c"), UserData: UserData("ud"), Cause: CauseDestNotObtainable,
			NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbDev("300"), AssociatedCalledDevice: evbRestricted,
			CallLinkageData: &CallLinkageData{GlobalCallLinkageID: evbHex("0707")},
			// callCharacteristics {priorityCall}, subjectOfCall "subj", languagePreferences "fr"
			Unmodelled: evbUnm(3, "83020640", 6, "86047375626a", 8, "88026672"),
			Extensions: evbFullExt()}},
	{name: "failed/minimal", invokeID: 6, crossRef: "0006", subject: "failingDevice",
		pdu: "a129020106020115302155020006a01ba8196b048002010263028700610287006202880064028a000a0121",
		want: &FailedEvent{FailedConnection: ConnectionID{Call: CallID{1, 2}}, FailingDevice: evbNotKnown,
			CallingDevice: evbNotKnown, CalledDevice: evbRestricted, LastRedirectionDevice: evbRestricted,
			Cause: CauseTrunksBusy}},

	// ---- NetworkCapabilitiesChanged [10]
	{name: "networkCapabilitiesChanged/hipath", invokeID: 70003, crossRef: "0001", subject: "networkInterfaceUsed",
		pdu: "a1540203011173020115304a55020001a044aa426b0f300d8002b164a1073005800331303063073005800331303062073005800332303030060a01020a01000a012e7e12a010180e3230323430363135313033303030",
		want: &NetworkCapabilitiesChangedEvent{OutboundConnection: evbConn("b164", "100"),
			NetworkInterfaceUsed: evbDev("100"), CalledDevice: evbDev("200"),
			ProgressIndicator: ProgressIndicator{ProgressLocationPublicNetServingLocal, ProgressDescriptionISDN},
			Cause:             CauseNetworkSignal, Extensions: evbHiPathExt()}},
	{name: "networkCapabilitiesChanged/full", invokeID: 7, crossRef: "0007", subject: "networkInterfaceUsed",
		pdu: "a181a802010702011530819f55020007a08198aa81956b0f300d80020102a1073005800331303063063004800254316202880030060a01090a01014e01030404636f72727d0404027564a0090a01020304060900400a012e83020780a52b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a300480020909860269747e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &NetworkCapabilitiesChangedEvent{OutboundConnection: evbConn("0102", "100"),
			NetworkInterfaceUsed: evbDev("T1"), CalledDevice: evbRestricted,
			ProgressIndicator:      ProgressIndicator{ProgressLocationOther, ProgressDescriptionQSIG},
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
			CorrelatorData: []byte("corr"), UserData: UserData("ud"),
			HasNetworkCapability: true,
			NetworkCapability: NetworkCapability{NetworkType: NetworkTypeISDNPrivate,
				EventsProvided: NewEventsProvided(EventDelivered, EventEstablished, EventTransferred)},
			Cause: CauseNetworkSignal, CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, languagePreferences "it"
			Unmodelled: evbUnm(3, "83020780", 6, "86026974"),
			Extensions: evbFullExt()}},
	{name: "networkCapabilitiesChanged/capabilityWithoutEvents", invokeID: 8, crossRef: "0008", subject: "networkInterfaceUsed",
		pdu: "a132020108020115302a55020008a024aa226b038001016302870062073005800332303030060a01000a0102a0030a01040a0116",
		want: &NetworkCapabilitiesChangedEvent{OutboundConnection: ConnectionID{Call: CallID{1}},
			NetworkInterfaceUsed: evbNotKnown, CalledDevice: evbDev("200"),
			ProgressIndicator:    ProgressIndicator{ProgressLocationUser, ProgressDescriptionOther},
			HasNetworkCapability: true, NetworkCapability: NetworkCapability{NetworkType: NetworkTypeOther},
			Cause: CauseNewCall}},

	// ---- NetworkReached [11]
	{name: "networkReached/hipath", invokeID: 70004, crossRef: "0001", subject: "networkInterfaceUsed",
		pdu: "a15c0203011174020115305255020001a04cab4a6b0f300d8002b164a10730058003313030630730058003313030610730058003313030620730058003323030640287004e01030a012e7e12a010180e3230323430363135313033303030",
		want: &NetworkReachedEvent{OutboundConnection: evbConn("b164", "100"), NetworkInterfaceUsed: evbDev("100"),
			CallingDevice: evbDev("100"), CalledDevice: evbDev("200"), LastRedirectionDevice: evbNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected, Cause: CauseNetworkSignal,
			Extensions: evbHiPathExt()}},
	{name: "networkReached/full", invokeID: 9, crossRef: "0009", subject: "networkInterfaceUsed",
		pdu: "a181e00201090201153081d755020009a081d0ab81cd6b0f300d80020102a107300580033130306306300480025431610730058003313030620b3009800730383931323334640b30098007303839313233346b0d300b80020304a10530038001394e01038001637d0404027564a1070a0101030207800a012e840207806708300680043038393168028700650730058003333030a62b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a3004800209098702656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &NetworkReachedEvent{OutboundConnection: evbConn("0102", "100"), NetworkInterfaceUsed: evbDev("T1"),
			CallingDevice: evbDev("100"), CalledDevice: evbDev("0891234"), LastRedirectionDevice: evbDev("0891234"),
			OriginatingNIDConnection: ptrTo(evbConn("0304", "9")), HasLocalConnectionInfo: true,
			LocalConnectionInfo: StateConnected, CorrelatorData: []byte("c"), UserData: UserData("ud"),
			HasNetworkCapability: true,
			NetworkCapability: NetworkCapability{NetworkType: NetworkTypeNonISDNPublic,
				EventsProvided: NewEventsProvided(EventBridged)},
			Cause: CauseNetworkSignal, NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbNotKnown,
			AssociatedCallingDevice: evbDev("300"), CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, languagePreferences "en"
			Unmodelled: evbUnm(4, "84020780", 7, "8702656e"),
			Extensions: evbFullExt()}},
	{name: "networkReached/minimal", invokeID: 10, crossRef: "000a", subject: "networkInterfaceUsed",
		pdu: "a12902010a02011530215502000aa01bab196b0480020102630287006102880062028700640288000a0116",
		want: &NetworkReachedEvent{OutboundConnection: ConnectionID{Call: CallID{1, 2}}, NetworkInterfaceUsed: evbNotKnown,
			CallingDevice: evbRestricted, CalledDevice: evbNotKnown, LastRedirectionDevice: evbNotRequired,
			Cause: CauseNewCall}},

	// ---- Offered [12]
	{name: "offered/hipath", invokeID: 70005, crossRef: "0001", subject: "offeredDevice",
		pdu: "a15c0203011175020115305255020001a04cac4a6b0f300d8002b164a10730058003313030630730058003313030610730058003323030620730058003313030640287004e01020a01167e12a010180e3230323430363135313033303030",
		want: &OfferedEvent{OfferedConnection: evbConn("b164", "100"), OfferedDevice: evbDev("100"),
			CallingDevice: evbDev("200"), CalledDevice: evbDev("100"), LastRedirectionDevice: evbNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateAlerting, Cause: CauseNewCall,
			Extensions: evbHiPathExt()}},
	{name: "offered/full", invokeID: 11, crossRef: "000b", subject: "offeredDevice",
		pdu: "a181e302010b0201153081da5502000ba081d3ac81d06b0f300d80020102a107300580033130306307300580033130306107300580033230306207300580033130306407300580033135306b0d300b80020304a10530038001394e01020404636f72727d04040275640a011667083006800430383931680830068004303839326502880066073005800334303082020780a42b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a30048002090985047375626a8702656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &OfferedEvent{OfferedConnection: evbConn("0102", "100"), OfferedDevice: evbDev("100"),
			CallingDevice: evbDev("200"), CalledDevice: evbDev("100"), LastRedirectionDevice: evbDev("150"),
			OriginatingNIDConnection: ptrTo(evbConn("0304", "9")), HasLocalConnectionInfo: true,
			LocalConnectionInfo: StateAlerting, CorrelatorData: []byte("corr"), UserData: UserData("ud"),
			Cause: CauseNewCall, NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbRestricted, AssociatedCalledDevice: evbDev("400"),
			CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, subjectOfCall "subj", languagePreferences "en"
			Unmodelled: evbUnm(2, "82020780", 5, "85047375626a", 7, "8702656e"),
			Extensions: evbFullExt()}},
	{name: "offered/minimal", invokeID: 12, crossRef: "000c", subject: "offeredDevice",
		pdu: "a12902010c02011530215502000ca01bac196b0480020102630287006102870062028700640289000a0126",
		want: &OfferedEvent{OfferedConnection: ConnectionID{Call: CallID{1, 2}}, OfferedDevice: evbNotKnown,
			CallingDevice: evbNotKnown, CalledDevice: evbNotKnown, LastRedirectionDevice: evbNotSpecified,
			Cause: CauseDistributed}},

	// ---- Originated [13]
	{name: "originated/hipath", invokeID: 70006, crossRef: "0001", subject: "callingDevice",
		pdu: "a14f0203011176020115304555020001a03fad3d6b0f300d8002b164a107300580033130306307300580033130306207300580033230304e01030a012c7e12a010180e3230323430363135313033303030",
		want: &OriginatedEvent{OriginatedConnection: evbConn("b164", "100"), CallingDevice: evbDev("100"),
			CalledDevice: evbDev("200"), HasLocalConnectionInfo: true, LocalConnectionInfo: StateConnected,
			Cause: CauseMakeCall, Extensions: evbHiPathExt()}},
	{name: "originated/full", invokeID: 13, crossRef: "000d", subject: "callingDevice",
		pdu: "a181c402010d0201153081bb5502000da081b4ad81b16b0f300d80020102a1073005800331303063073005800331303062073005800332303030068004343731314e01038204636f72720a011667083006800430383931680830068004303839326507300580033330306602870085020780a72b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a30048002090988047375626a8a02656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &OriginatedEvent{OriginatedConnection: evbConn("0102", "100"), CallingDevice: evbDev("100"),
			CalledDevice: evbDev("200"), OriginatingDevice: Dialing("4711"), HasLocalConnectionInfo: true,
			LocalConnectionInfo: StateConnected, CorrelatorData: []byte("corr"), Cause: CauseNewCall,
			NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbDev("300"), AssociatedCalledDevice: evbNotKnown,
			CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, subjectOfCall "subj", languagePreferences "en"
			Unmodelled: evbUnm(5, "85020780", 8, "88047375626a", 10, "8a02656e"),
			Extensions: evbFullExt()}},
	{name: "originated/minimal", invokeID: 14, crossRef: "000e", subject: "callingDevice",
		pdu: "a12102010e02011530195502000ea013ad116b048002010263028800620287000a0116",
		want: &OriginatedEvent{OriginatedConnection: ConnectionID{Call: CallID{1, 2}}, CallingDevice: evbRestricted,
			CalledDevice: evbNotKnown, Cause: CauseNewCall}},

	// ---- Queued [14]
	{name: "queued/hipath", invokeID: 70007, crossRef: "0001", subject: "queue",
		pdu: "a15c0203011177020115305255020001a04cae4a6b0f300d8002b164a10730058003313030630730058003313030610730058003323030620730058003313030640287004e01050a01167e12a010180e3230323430363135313033303030",
		want: &QueuedEvent{QueuedConnection: evbConn("b164", "100"), Queue: evbDev("100"),
			CallingDevice: evbDev("200"), CalledDevice: evbDev("100"), LastRedirectionDevice: evbNotKnown,
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateQueued, Cause: CauseNewCall,
			Extensions: evbHiPathExt()}},
	{name: "queued/full", invokeID: 15, crossRef: "000f", subject: "queue",
		pdu: "a181e002010f0201153081d75502000fa081d0ae81cd6b0f300d80020102a10730058003353030630730058003353030610730058003323030620730058003353030640730058003353030800103810200c84e01058204636f72727d04040275640a0126670830068004303839316808300680043038393265073005800333303066073005800334303085020780a72b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a30048002090988047375626a8a02656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &QueuedEvent{QueuedConnection: evbConn("0102", "500"), Queue: evbDev("500"),
			CallingDevice: evbDev("200"), CalledDevice: evbDev("500"), LastRedirectionDevice: evbDev("500"),
			HasNumberQueued: true, NumberQueued: 3, HasCallsInFront: true, CallsInFront: 200,
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateQueued, CorrelatorData: []byte("corr"),
			UserData: UserData("ud"), Cause: CauseDistributed,
			NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbDev("300"), AssociatedCalledDevice: evbDev("400"),
			CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, subjectOfCall "subj", languagePreferences "en"
			Unmodelled: evbUnm(5, "85020780", 8, "88047375626a", 10, "8a02656e"),
			Extensions: evbFullExt()}},
	{name: "queued/zeroQueued", invokeID: 16, crossRef: "0010", subject: "queue",
		pdu: "a12c020110020115302455020010a01eae1c6b0480020102630287006102870062028700640287008001000a011a",
		want: &QueuedEvent{QueuedConnection: ConnectionID{Call: CallID{1, 2}}, Queue: evbNotKnown,
			CallingDevice: evbNotKnown, CalledDevice: evbNotKnown, LastRedirectionDevice: evbNotKnown,
			HasNumberQueued: true, NumberQueued: 0, Cause: CauseOverflow}},

	// ---- ServiceInitiated [16]
	{name: "serviceInitiated/hipath", invokeID: 70008, crossRef: "0001", subject: "initiatingDevice",
		pdu: "a1460203011178020115303c55020001a036b0346b0f300d8002b164a107300580033130306307300580033130304e01010a012c7e12a010180e3230323430363135313033303030",
		want: &ServiceInitiatedEvent{InitiatedConnection: evbConn("b164", "100"), InitiatingDevice: evbDev("100"),
			HasLocalConnectionInfo: true, LocalConnectionInfo: StateInitiated, Cause: CauseMakeCall,
			Extensions: evbHiPathExt()}},
	{name: "serviceInitiated/full", invokeID: 17, crossRef: "0011", subject: "initiatingDevice",
		pdu: "a181b30201110201153081aa55020011a081a3b081a06b0f300d80020102a107300580033130306307300580033130306207300580033230304e01018004636f72720a011683020780670830068004303839316808300680043038393265028800a52b3023160470627831810a0102030405060708090a180f32303234303130323033303430355a30048002090987047375626a8902656e7e1ca014800107180f32303234303130323033303430355aa1040402cafe",
		want: &ServiceInitiatedEvent{InitiatedConnection: evbConn("0102", "100"), InitiatingDevice: evbDev("100"),
			CalledDevice: evbDev("200"), HasLocalConnectionInfo: true, LocalConnectionInfo: StateInitiated,
			CorrelatorData: []byte("corr"), Cause: CauseNewCall,
			NetworkCallingDevice: evbDev("0891"), NetworkCalledDevice: evbDev("0892"),
			AssociatedCallingDevice: evbRestricted, CallLinkageData: ptrTo(evbLink()),
			// callCharacteristics {acdCall}, subjectOfCall "subj", languagePreferences "en"
			Unmodelled: evbUnm(3, "83020780", 7, "87047375626a", 9, "8902656e"),
			Extensions: evbFullExt()}},
	{name: "serviceInitiated/minimal", invokeID: 18, crossRef: "0012", subject: "initiatingDevice",
		pdu: "a11d020112020115301555020012a00fb00d6b0480020102630287000a0116",
		want: &ServiceInitiatedEvent{InitiatedConnection: ConnectionID{Call: CallID{1, 2}},
			InitiatingDevice: evbNotKnown, Cause: CauseNewCall}},
}

// evbCompare checks got against want field by field, naming each field
// that differs.
func evbCompare(t *testing.T, got, want Event) {
	t.Helper()
	gv, wv := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	if gv.Type() != wv.Type() {
		t.Fatalf("event is %T, want %T", got, want)
	}
	for i := 0; i < gv.NumField(); i++ {
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s = %+v, want %+v", gv.Type().Field(i).Name, g, w)
		}
	}
}

// evbPDU encodes rep as the Invoke of a CSTAEventReport.
func evbPDU(t *testing.T, invokeID int64, rep *EventReport) []byte {
	t.Helper()
	var b ber.Builder
	rep.encode(&b)
	arg, err := b.Bytes()
	if err != nil {
		t.Fatalf("encode event report: %v", err)
	}
	m := Message{Type: Invoke, InvokeID: invokeID, Opcode: OpEventReport, Argument: arg}
	out, err := m.Append(nil)
	if err != nil {
		t.Fatalf("append: %v", err)
	}
	return out
}

// evbDecode decodes a whole event report PDU.
func evbDecode(pdu []byte) (*Message, *EventReport, error) {
	var m Message
	if err := m.Decode(pdu); err != nil {
		return nil, nil, err
	}
	rep, err := DecodeEventReport(m.Argument)
	return &m, rep, err
}

func TestEventsBVectors(t *testing.T) {
	for _, c := range evbCases {
		t.Run(c.name, func(t *testing.T) {
			pdu := evbHex(c.pdu)
			m, rep, err := evbDecode(pdu)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if m.Type != Invoke || m.InvokeID != c.invokeID || m.Opcode != OpEventReport {
				t.Fatalf("envelope %v id %d op %v", m.Type, m.InvokeID, m.Opcode)
			}
			if rep.CrossRef.String() != c.crossRef {
				t.Errorf("crossRef %s, want %s", rep.CrossRef, c.crossRef)
			}
			if rep.Event.Type() != c.want.Type() {
				t.Fatalf("type %v, want %v", rep.Event.Type(), c.want.Type())
			}
			evbCompare(t, rep.Event, c.want)

			want := &EventReport{CrossRef: CrossRefID(evbHex(c.crossRef)), Event: c.want}
			if out := evbPDU(t, c.invokeID, want); hex.EncodeToString(out) != c.pdu {
				t.Errorf("encoded\n got %x\nwant %s", out, c.pdu)
			}
			if out := evbPDU(t, c.invokeID, rep); hex.EncodeToString(out) != c.pdu {
				t.Errorf("re-encoded\n got %x\nwant %s", out, c.pdu)
			}
		})
	}
}

// evbEventContent returns the content octets of c's event element.
func evbEventContent(t *testing.T, c evbCase) []byte {
	t.Helper()
	var b ber.Builder
	c.want.encode(&b, ber.Context(c.want.Type().Tag()).Constructed())
	raw, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	r := ber.NewReader(raw)
	e, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	return e.Content()
}

// evbWithContent wraps event content (possibly damaged) in a well-formed
// CSTAEventReport PDU, so that only the event decoder sees the damage.
func evbWithContent(t *testing.T, typ EventType, content []byte) []byte {
	return evbPDU(t, 1, &EventReport{CrossRef: CrossRefID{0, 1}, Event: &RawEvent{EventType: typ, Content: content}})
}

func TestEventsBTruncated(t *testing.T) {
	for _, c := range evbCases {
		t.Run(c.name, func(t *testing.T) {
			pdu := evbHex(c.pdu)
			// The PDU cut anywhere.
			for n := 0; n < len(pdu); n++ {
				if _, _, err := evbDecode(pdu[:n]); !errors.Is(err, ber.ErrTruncated) {
					t.Fatalf("PDU cut at %d: err %v, want truncated", n, err)
				}
			}
			// The event's content cut anywhere, inside an otherwise
			// well-formed PDU: cuts inside an element are truncations,
			// cuts between elements may lose a mandatory field.
			content := evbEventContent(t, c)
			bounds := map[int]bool{0: true}
			r := ber.NewReader(content)
			for !r.Empty() {
				if err := r.Skip(); err != nil {
					t.Fatal(err)
				}
				bounds[len(content)-len(r.Remaining())] = true
			}
			name := c.want.Type().Name()
			for k := 0; k < len(content); k++ {
				_, rep, err := evbDecode(evbWithContent(t, c.want.Type(), content[:k]))
				switch {
				case !bounds[k]:
					if !errors.Is(err, ber.ErrTruncated) {
						t.Fatalf("content cut at %d: err %v, want truncated", k, err)
					}
				case err == nil:
					if reflect.TypeOf(rep.Event) != reflect.TypeOf(c.want) {
						t.Fatalf("content cut at %d: decoded %T", k, rep.Event)
					}
					continue
				case !errors.Is(err, ber.ErrMissing):
					t.Fatalf("content cut at %d: err %v, want missing", k, err)
				}
				if !strings.HasPrefix(err.Error(), name+".") && !strings.HasPrefix(err.Error(), name+":") {
					t.Fatalf("content cut at %d: error %q does not name %s", k, err, name)
				}
			}
		})
	}
}

// evbReplace returns content with its first element of tag tg replaced by
// repl (nil deletes it).
func evbReplace(t *testing.T, content []byte, tg ber.Tag, repl []byte) []byte {
	t.Helper()
	r := ber.NewReader(content)
	for !r.Empty() {
		e, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e.Tag == tg {
			start := e.Offset
			out := append([]byte{}, content[:start]...)
			out = append(out, repl...)
			return append(out, content[e.End():]...)
		}
	}
	t.Fatalf("no element %v", tg)
	return nil
}

func TestEventsBBadElements(t *testing.T) {
	for _, c := range evbCases {
		if !strings.HasSuffix(c.name, "/hipath") {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			content := evbEventContent(t, c)
			name := c.want.Type().Name()

			// The subject device role holding a [9] NULL, which its
			// CHOICE does not have.
			bad := evbReplace(t, content, tagSubjectDevice, evbHex("63028900"))
			_, _, err := evbDecode(evbWithContent(t, c.want.Type(), bad))
			if !errors.Is(err, ber.ErrTag) || !strings.HasPrefix(err.Error(), name+"."+c.subject+":") {
				t.Errorf("bad subject: err %v", err)
			}

			// No cause.
			bad = evbReplace(t, content, ber.TagEnumerated, nil)
			_, _, err = evbDecode(evbWithContent(t, c.want.Type(), bad))
			if !errors.Is(err, ber.ErrMissing) || !strings.Contains(err.Error(), "cause") {
				t.Errorf("no cause: err %v", err)
			}

			// A bad cause encoding (empty ENUMERATED).
			bad = evbReplace(t, content, ber.TagEnumerated, evbHex("0a00"))
			_, _, err = evbDecode(evbWithContent(t, c.want.Type(), bad))
			if !errors.Is(err, ber.ErrInvalid) || !strings.HasPrefix(err.Error(), name+".cause:") {
				t.Errorf("empty cause: err %v", err)
			}

			// Unknown elements (an [APPLICATION 40] and a [PRIVATE 1])
			// are skipped.
			extra := append(append([]byte{}, content...), evbHex("5f28020102c100")...)
			_, rep, err := evbDecode(evbWithContent(t, c.want.Type(), extra))
			if err != nil {
				t.Fatalf("extra elements: %v", err)
			}
			evbCompare(t, rep.Event, c.want)

			// An empty event.
			_, _, err = evbDecode(evbWithContent(t, c.want.Type(), nil))
			if !errors.Is(err, ber.ErrMissing) {
				t.Errorf("empty event: err %v", err)
			}
		})
	}
}

func TestEventsBDuplicateTags(t *testing.T) {
	// Diverted: the first SubjectDeviceID is divertingDevice, the second
	// newDestination.
	_, rep, err := evbDecode(evbHex(evbCases[3].pdu))
	if err != nil {
		t.Fatal(err)
	}
	d := rep.Event.(*DivertedEvent)
	if d.DivertingDevice.String() != "100" || d.NewDestination.String() != "200" {
		t.Errorf("diverting %v new %v", d.DivertingDevice, d.NewDestination)
	}
	// Diverted without newDestination is an error naming it.
	content := evbEventContent(t, evbCases[3])
	r := ber.NewReader(content)
	var out []byte
	subjects := 0
	for !r.Empty() {
		e, _ := r.Next()
		if e.Tag == tagSubjectDevice {
			subjects++
			if subjects == 2 {
				continue
			}
		}
		out = append(out, e.Raw...)
	}
	_, _, err = evbDecode(evbWithContent(t, EventDiverted, out))
	if !errors.Is(err, ber.ErrMissing) || !strings.Contains(err.Error(), "newDestination") {
		t.Errorf("no newDestination: err %v", err)
	}
}

// ptrTo returns a pointer to a copy of v, for optional struct fields.
func ptrTo[T any](v T) *T { return &v }
