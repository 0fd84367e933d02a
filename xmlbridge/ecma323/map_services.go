package ecma323

import (
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the call control service arguments and results. Monitor,
// snapshot and status services are in map_monitor.go; the rows that
// name them are in messages.go.

func makeCallToXML(a *cstav3.MakeCallArgument, xref string) any {
	return &MakeCall{CallingDevice: deviceIDToXML(a.CallingDevice),
		CalledDirectoryNumber: deviceIDToXML(a.CalledDirectoryNumber),
		AccountCode:           string(a.AccountCode), AuthCode: string(a.AuthCode),
		AutoOriginate:  codecAutoOriginate(a.AutoOriginate),
		CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
		CallCharacteristics:   flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
		CallingConnectionInfo: connInfoToXML(a.CallingConnectionInfo),
		SubjectOfCall:         a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
		Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}
}

func answerCallToXML(a *cstav3.AnswerCallArgument, xref string) any {
	return &AnswerCall{CallToBeAnswered: connToXML(a.CallToBeAnswered), CorrelatorData: hexString(a.CorrelatorData),
		UserData: userDataToXML(a.UserData), Extensions: extToXML(&a.Extensions)}
}

func clearConnectionToXML(a *cstav3.ClearConnectionArgument, xref string) any {
	return &ClearConnection{ConnectionToBeCleared: connToXML(a.ConnectionToBeCleared),
		CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
		Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}
}

func clearCallToXML(a *cstav3.ClearCallArgument, xref string) any {
	return &ClearCall{CallToBeCleared: connToXML(a.CallToBeCleared), UserData: userDataToXML(a.UserData),
		Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}
}

func holdCallToXML(a *cstav3.HoldCallArgument, xref string) any {
	return &HoldCall{CallToBeHeld: connToXML(a.CallToBeHeld),
		ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
		Extensions:            extToXML(&a.Extensions)}
}

func retrieveCallToXML(a *cstav3.RetrieveCallArgument, xref string) any {
	return &RetrieveCall{CallToBeRetrieved: connToXML(a.CallToBeRetrieved), Extensions: extToXML(&a.Extensions)}
}

func consultationCallToXML(a *cstav3.ConsultationCallArgument, xref string) any {
	return &ConsultationCall{ExistingCall: connToXML(a.ExistingCall), ConsultedDevice: deviceIDToXML(a.ConsultedDevice),
		ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
		AccountCode:           string(a.AccountCode), AuthCode: string(a.AuthCode),
		CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
		CallCharacteristics:   flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
		CallingConnectionInfo: connInfoToXML(a.CallingConnectionInfo),
		ConsultOptions:        codecConsultOptions(a.ConsultOptions),
		SubjectOfCall:         a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
		Extensions: extToXML(&a.Extensions)}
}

func transferCallToXML(a *cstav3.TransferCallArgument, xref string) any {
	return &TransferCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
		Extensions: extToXML(&a.Extensions)}
}

func singleStepTransferCallToXML(a *cstav3.SingleStepTransferCallArgument, xref string) any {
	return &SingleStepTransferCall{ActiveCall: connToXML(a.ActiveCall), TransferredTo: deviceIDToXML(a.TransferredTo),
		AccountCode: string(a.AccountCode), AuthCode: string(a.AuthCode),
		CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
		CallCharacteristics: flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
		SubjectOfCall:       a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
		Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}
}

func conferenceCallToXML(a *cstav3.ConferenceCallArgument, xref string) any {
	return &ConferenceCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
		Extensions: extToXML(&a.Extensions)}
}

func alternateCallToXML(a *cstav3.AlternateCallArgument, xref string) any {
	return &AlternateCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
		ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
		ConsultOptions:        codecConsultOptions(a.ConsultOptions), Extensions: extToXML(&a.Extensions)}
}

func reconnectCallToXML(a *cstav3.ReconnectCallArgument, xref string) any {
	return &ReconnectCall{ActiveCall: connToXML(a.ActiveCall), HeldCall: connToXML(a.HeldCall),
		Extensions: extToXML(&a.Extensions)}
}

func deflectCallToXML(a *cstav3.DeflectCallArgument, xref string) any {
	return &DeflectCall{CallToBeDiverted: connToXML(a.CallToBeDiverted), NewDestination: deviceIDToXML(a.NewDestination),
		AddNewDestinationsList: deviceListToXML(a.AddNewDestinationsList),
		CorrelatorData:         hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
		CallCharacteristics: flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
		SubjectOfCall:       a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
		Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}
}

func (m *codecMapper) makeCall(x *MakeCall) (cstav3.Argument, string) {
	a := &cstav3.MakeCallArgument{CallingDevice: m.device("callingDevice", x.CallingDevice),
		CalledDirectoryNumber: m.device("calledDirectoryNumber", x.CalledDirectoryNumber),
		AccountCode:           textBytes(x.AccountCode), AuthCode: textBytes(x.AuthCode),
		AutoOriginate:  m.autoOriginate("autoOriginate", x.AutoOriginate),
		CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		CallCharacteristics:   m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
		CallingConnectionInfo: m.connInfo("callingConnectionInfo", x.CallingConnectionInfo),
		SubjectOfCall:         x.SubjectOfCall, LanguagePreferences: x.LanguagePreferences,
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasReason, a.Reason = m.optCause("reason", x.Reason)
	return a, ""
}

func (m *codecMapper) answerCall(x *AnswerCall) (cstav3.Argument, string) {
	return &cstav3.AnswerCallArgument{CallToBeAnswered: m.conn("callToBeAnswered", x.CallToBeAnswered),
		CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) clearConnection(x *ClearConnection) (cstav3.Argument, string) {
	a := &cstav3.ClearConnectionArgument{ConnectionToBeCleared: m.conn("connectionToBeCleared", x.ConnectionToBeCleared),
		CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasReason, a.Reason = m.optCause("reason", x.Reason)
	return a, ""
}

func (m *codecMapper) clearCall(x *ClearCall) (cstav3.Argument, string) {
	a := &cstav3.ClearCallArgument{CallToBeCleared: m.conn("callToBeCleared", x.CallToBeCleared),
		UserData: m.userData("userData", x.UserData), Extensions: m.ext("extensions", x.Extensions)}
	a.HasReason, a.Reason = m.optCause("reason", x.Reason)
	return a, ""
}

func (m *codecMapper) holdCall(x *HoldCall) (cstav3.Argument, string) {
	a := &cstav3.HoldCallArgument{CallToBeHeld: m.conn("callToBeHeld", x.CallToBeHeld),
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasConnectionReservation, a.ConnectionReservation = boolOf(x.ConnectionReservation)
	return a, ""
}

func (m *codecMapper) retrieveCall(x *RetrieveCall) (cstav3.Argument, string) {
	return &cstav3.RetrieveCallArgument{CallToBeRetrieved: m.conn("callToBeRetrieved", x.CallToBeRetrieved),
		Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) consultationCall(x *ConsultationCall) (cstav3.Argument, string) {
	a := &cstav3.ConsultationCallArgument{ExistingCall: m.conn("existingCall", x.ExistingCall),
		ConsultedDevice: m.device("consultedDevice", x.ConsultedDevice),
		AccountCode:     textBytes(x.AccountCode), AuthCode: textBytes(x.AuthCode),
		CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		CallCharacteristics:   m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
		CallingConnectionInfo: m.connInfo("callingConnectionInfo", x.CallingConnectionInfo),
		ConsultOptions:        m.consultOptions("consultOptions", x.ConsultOptions),
		SubjectOfCall:         x.SubjectOfCall, LanguagePreferences: x.LanguagePreferences,
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasConnectionReservation, a.ConnectionReservation = boolOf(x.ConnectionReservation)
	return a, ""
}

func (m *codecMapper) transferCall(x *TransferCall) (cstav3.Argument, string) {
	return &cstav3.TransferCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
		ActiveCall: m.conn("activeCall", x.ActiveCall), Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) singleStepTransferCall(x *SingleStepTransferCall) (cstav3.Argument, string) {
	a := &cstav3.SingleStepTransferCallArgument{ActiveCall: m.conn("activeCall", x.ActiveCall),
		TransferredTo: m.device("transferredTo", x.TransferredTo),
		AccountCode:   textBytes(x.AccountCode), AuthCode: textBytes(x.AuthCode),
		CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		CallCharacteristics: m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
		SubjectOfCall:       x.SubjectOfCall, LanguagePreferences: x.LanguagePreferences,
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasReason, a.Reason = m.optCause("reason", x.Reason)
	return a, ""
}

func (m *codecMapper) conferenceCall(x *ConferenceCall) (cstav3.Argument, string) {
	return &cstav3.ConferenceCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
		ActiveCall: m.conn("activeCall", x.ActiveCall), Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) alternateCall(x *AlternateCall) (cstav3.Argument, string) {
	a := &cstav3.AlternateCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
		ActiveCall:     m.conn("activeCall", x.ActiveCall),
		ConsultOptions: m.consultOptions("consultOptions", x.ConsultOptions),
		Extensions:     m.ext("extensions", x.Extensions)}
	a.HasConnectionReservation, a.ConnectionReservation = boolOf(x.ConnectionReservation)
	return a, ""
}

func (m *codecMapper) reconnectCall(x *ReconnectCall) (cstav3.Argument, string) {
	return &cstav3.ReconnectCallArgument{ActiveCall: m.conn("activeCall", x.ActiveCall),
		HeldCall: m.conn("heldCall", x.HeldCall), Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) deflectCall(x *DeflectCall) (cstav3.Argument, string) {
	a := &cstav3.DeflectCallArgument{CallToBeDiverted: m.conn("callToBeDiverted", x.CallToBeDiverted),
		NewDestination:         m.device("newDestination", x.NewDestination),
		AddNewDestinationsList: m.deviceList("addNewDestinationsList", x.AddNewDestinationsList),
		CorrelatorData:         m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
		CallCharacteristics: m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
		SubjectOfCall:       x.SubjectOfCall, LanguagePreferences: x.LanguagePreferences,
		Extensions: m.ext("extensions", x.Extensions)}
	a.HasReason, a.Reason = m.optCause("reason", x.Reason)
	return a, ""
}

// codecAutoOriginate writes the DEFAULT prompt as absent, as BER does.
func codecAutoOriginate(a cstav3.AutoOriginate) string {
	if a == cstav3.AutoOriginatePrompt {
		return ""
	}
	return a.String()
}

func (m *codecMapper) autoOriginate(path, s string) cstav3.AutoOriginate {
	if s == "" {
		return cstav3.AutoOriginatePrompt
	}
	a, ok := cstav3.ParseAutoOriginate(strings.TrimSpace(s))
	if !ok {
		m.fail(path, s, "unknown value")
	}
	return a
}

func codecConsultOptions(c cstav3.ConsultOptions) string {
	if c == cstav3.ConsultUnrestricted {
		return ""
	}
	return c.String()
}

func (m *codecMapper) consultOptions(path, s string) cstav3.ConsultOptions {
	if s == "" {
		return cstav3.ConsultUnrestricted
	}
	c, ok := cstav3.ParseConsultOptions(strings.TrimSpace(s))
	if !ok {
		m.fail(path, s, "unknown value")
	}
	return c
}

func makeCallResponseToXML(r *cstav3.MakeCallResult, xref string) any {
	return &MakeCallResponse{CallingDevice: connToXML(r.CallingDevice),
		InitiatedCallInfo: connInfoToXML(r.InitiatedCallInfo), CallLinkageData: linkToXML(r.CallLinkageData),
		Extensions: extToXML(&r.Extensions)}
}

func consultationCallResponseToXML(r *cstav3.ConsultationCallResult, xref string) any {
	return &ConsultationCallResponse{InitiatedCall: connToXML(r.InitiatedCall),
		InitiatedCallInfo: connInfoToXML(r.InitiatedCallInfo), CallLinkageData: linkToXML(r.CallLinkageData),
		Extensions: extToXML(&r.Extensions)}
}

func transferCallResponseToXML(r *cstav3.TransferCallResult, xref string) any {
	return &TransferCallResponse{TransferredCall: connToXML(r.TransferredCall),
		Connections: optConnListToXML(r.Connections), TransferredCallInfo: connInfoToXML(r.TransferredCallInfo),
		CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}
}

func singleStepTransferCallResponseToXML(r *cstav3.SingleStepTransferCallResult, xref string) any {
	return &SingleStepTransferCallResponse{TransferredCall: connToXML(r.TransferredCall),
		Connections: optConnListToXML(r.Connections), TransferredCallInfo: connInfoToXML(r.TransferredCallInfo),
		CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}
}

func conferenceCallResponseToXML(r *cstav3.ConferenceCallResult, xref string) any {
	return &ConferenceCallResponse{ConferenceCall: connToXML(r.ConferenceCall),
		Connections: optConnListToXML(r.Connections), ConferenceCallInfo: connInfoToXML(r.ConferenceCallInfo),
		CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}
}

func (m *codecMapper) makeCallResponse(x *MakeCallResponse) (cstav3.Result, string) {
	return &cstav3.MakeCallResult{CallingDevice: m.conn("callingDevice", x.CallingDevice),
		InitiatedCallInfo: m.connInfo("initiatedCallInfo", x.InitiatedCallInfo),
		CallLinkageData:   m.link("callLinkageData", x.CallLinkageData), Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) consultationCallResponse(x *ConsultationCallResponse) (cstav3.Result, string) {
	return &cstav3.ConsultationCallResult{InitiatedCall: m.conn("initiatedCall", x.InitiatedCall),
		InitiatedCallInfo: m.connInfo("initiatedCallInfo", x.InitiatedCallInfo),
		CallLinkageData:   m.link("callLinkageData", x.CallLinkageData), Extensions: m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) transferCallResponse(x *TransferCallResponse) (cstav3.Result, string) {
	return &cstav3.TransferCallResult{TransferredCall: m.conn("transferredCall", x.TransferredCall),
		Connections:         m.connList("connections", x.Connections),
		TransferredCallInfo: m.connInfo("transferredCallInfo", x.TransferredCallInfo),
		CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
		Extensions:          m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) singleStepTransferCallResponse(x *SingleStepTransferCallResponse) (cstav3.Result, string) {
	return &cstav3.SingleStepTransferCallResult{TransferredCall: m.conn("transferredCall", x.TransferredCall),
		Connections:         m.connList("connections", x.Connections),
		TransferredCallInfo: m.connInfo("transferredCallInfo", x.TransferredCallInfo),
		CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
		Extensions:          m.ext("extensions", x.Extensions)}, ""
}

func (m *codecMapper) conferenceCallResponse(x *ConferenceCallResponse) (cstav3.Result, string) {
	return &cstav3.ConferenceCallResult{ConferenceCall: m.conn("conferenceCall", x.ConferenceCall),
		Connections:         m.connList("connections", x.Connections),
		ConferenceCallInfo:  m.connInfo("conferenceCallInfo", x.ConferenceCallInfo),
		CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
		Extensions:          m.ext("extensions", x.Extensions)}, ""
}
