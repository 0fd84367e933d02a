package ecma323

import (
	"fmt"
	"strings"

	"github.com/cstav3/cstav3/cstav3"
)

// Mapping of the call control service arguments and results. Monitor,
// snapshot and status services are in codec_map_monitor.go.

// ArgumentToXML maps a cstav3 request argument to its ECMA-323 struct, e.g.
// *cstav3.MakeCallArgument to *MakeCall. xref is the monitorCrossRefID
// written for MonitorStop and ChangeMonitorFilter, whose cstav3 arguments
// hold the switch's cross-reference instead.
func ArgumentToXML(arg cstav3.Argument, xref string) (any, error) {
	switch a := arg.(type) {
	case *cstav3.MakeCallArgument:
		return &MakeCall{CallingDevice: deviceIDToXML(a.CallingDevice),
			CalledDirectoryNumber: deviceIDToXML(a.CalledDirectoryNumber),
			AccountCode:           string(a.AccountCode), AuthCode: string(a.AuthCode),
			AutoOriginate:  codecAutoOriginate(a.AutoOriginate),
			CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
			CallCharacteristics:   flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
			CallingConnectionInfo: connInfoToXML(a.CallingConnectionInfo),
			SubjectOfCall:         a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
			Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.AnswerCallArgument:
		return &AnswerCall{CallToBeAnswered: connToXML(a.CallToBeAnswered), CorrelatorData: hexString(a.CorrelatorData),
			UserData: userDataToXML(a.UserData), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.ClearConnectionArgument:
		return &ClearConnection{ConnectionToBeCleared: connToXML(a.ConnectionToBeCleared),
			CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
			Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.ClearCallArgument:
		return &ClearCall{CallToBeCleared: connToXML(a.CallToBeCleared), UserData: userDataToXML(a.UserData),
			Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.HoldCallArgument:
		return &HoldCall{CallToBeHeld: connToXML(a.CallToBeHeld),
			ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
			Extensions:            extToXML(&a.Extensions)}, nil
	case *cstav3.RetrieveCallArgument:
		return &RetrieveCall{CallToBeRetrieved: connToXML(a.CallToBeRetrieved), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.ConsultationCallArgument:
		return &ConsultationCall{ExistingCall: connToXML(a.ExistingCall), ConsultedDevice: deviceIDToXML(a.ConsultedDevice),
			ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
			AccountCode:           string(a.AccountCode), AuthCode: string(a.AuthCode),
			CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
			CallCharacteristics:   flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
			CallingConnectionInfo: connInfoToXML(a.CallingConnectionInfo),
			ConsultOptions:        codecConsultOptions(a.ConsultOptions),
			SubjectOfCall:         a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
			Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.TransferCallArgument:
		return &TransferCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
			Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.SingleStepTransferCallArgument:
		return &SingleStepTransferCall{ActiveCall: connToXML(a.ActiveCall), TransferredTo: deviceIDToXML(a.TransferredTo),
			AccountCode: string(a.AccountCode), AuthCode: string(a.AuthCode),
			CorrelatorData: hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
			CallCharacteristics: flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
			SubjectOfCall:       a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
			Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.ConferenceCallArgument:
		return &ConferenceCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
			Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.AlternateCallArgument:
		return &AlternateCall{HeldCall: connToXML(a.HeldCall), ActiveCall: connToXML(a.ActiveCall),
			ConnectionReservation: optBool(a.HasConnectionReservation, a.ConnectionReservation),
			ConsultOptions:        codecConsultOptions(a.ConsultOptions), Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.ReconnectCallArgument:
		return &ReconnectCall{ActiveCall: connToXML(a.ActiveCall), HeldCall: connToXML(a.HeldCall),
			Extensions: extToXML(&a.Extensions)}, nil
	case *cstav3.DeflectCallArgument:
		return &DeflectCall{CallToBeDiverted: connToXML(a.CallToBeDiverted), NewDestination: deviceIDToXML(a.NewDestination),
			AddNewDestinationsList: deviceListToXML(a.AddNewDestinationsList),
			CorrelatorData:         hexString(a.CorrelatorData), UserData: userDataToXML(a.UserData),
			CallCharacteristics: flagsToXML(a.CallCharacteristics, codecCallCharacteristicsBits),
			SubjectOfCall:       a.SubjectOfCall, LanguagePreferences: a.LanguagePreferences,
			Reason: optCauseToXML(a.HasReason, a.Reason), Extensions: extToXML(&a.Extensions)}, nil
	}
	if x, ok := monitorArgumentToXML(arg, xref); ok {
		return x, nil
	}
	return nil, fmt.Errorf("ecma323: argument %T has no ECMA-323 mapping", arg)
}

// ArgumentFromXML maps a request struct to its cstav3 argument. For
// MonitorStop and ChangeMonitorFilter it also returns the monitorCrossRefID;
// the argument's CrossRefIdentifier is left nil for the bridge to fill in
// with the switch's. Requests without a cstav3 argument (RequestSystemStatus,
// the session messages) return a nil argument and no error.
func ArgumentFromXML(v any) (cstav3.Argument, string, error) {
	var m codecMapper
	arg, xref := m.argument(v)
	if m.err != nil {
		return nil, "", m.err
	}
	return arg, xref, nil
}

func (m *codecMapper) argument(v any) (cstav3.Argument, string) {
	switch x := v.(type) {
	case *MakeCall:
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
	case *AnswerCall:
		return &cstav3.AnswerCallArgument{CallToBeAnswered: m.conn("callToBeAnswered", x.CallToBeAnswered),
			CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
			Extensions: m.ext("extensions", x.Extensions)}, ""
	case *ClearConnection:
		a := &cstav3.ClearConnectionArgument{ConnectionToBeCleared: m.conn("connectionToBeCleared", x.ConnectionToBeCleared),
			CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
			Extensions: m.ext("extensions", x.Extensions)}
		a.HasReason, a.Reason = m.optCause("reason", x.Reason)
		return a, ""
	case *ClearCall:
		a := &cstav3.ClearCallArgument{CallToBeCleared: m.conn("callToBeCleared", x.CallToBeCleared),
			UserData: m.userData("userData", x.UserData), Extensions: m.ext("extensions", x.Extensions)}
		a.HasReason, a.Reason = m.optCause("reason", x.Reason)
		return a, ""
	case *HoldCall:
		a := &cstav3.HoldCallArgument{CallToBeHeld: m.conn("callToBeHeld", x.CallToBeHeld),
			Extensions: m.ext("extensions", x.Extensions)}
		a.HasConnectionReservation, a.ConnectionReservation = boolOf(x.ConnectionReservation)
		return a, ""
	case *RetrieveCall:
		return &cstav3.RetrieveCallArgument{CallToBeRetrieved: m.conn("callToBeRetrieved", x.CallToBeRetrieved),
			Extensions: m.ext("extensions", x.Extensions)}, ""
	case *ConsultationCall:
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
	case *TransferCall:
		return &cstav3.TransferCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
			ActiveCall: m.conn("activeCall", x.ActiveCall), Extensions: m.ext("extensions", x.Extensions)}, ""
	case *SingleStepTransferCall:
		a := &cstav3.SingleStepTransferCallArgument{ActiveCall: m.conn("activeCall", x.ActiveCall),
			TransferredTo: m.device("transferredTo", x.TransferredTo),
			AccountCode:   textBytes(x.AccountCode), AuthCode: textBytes(x.AuthCode),
			CorrelatorData: m.hexBytes("correlatorData", x.CorrelatorData), UserData: m.userData("userData", x.UserData),
			CallCharacteristics: m.flags("callCharacteristics", x.CallCharacteristics, codecCallCharacteristicsBits),
			SubjectOfCall:       x.SubjectOfCall, LanguagePreferences: x.LanguagePreferences,
			Extensions: m.ext("extensions", x.Extensions)}
		a.HasReason, a.Reason = m.optCause("reason", x.Reason)
		return a, ""
	case *ConferenceCall:
		return &cstav3.ConferenceCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
			ActiveCall: m.conn("activeCall", x.ActiveCall), Extensions: m.ext("extensions", x.Extensions)}, ""
	case *AlternateCall:
		a := &cstav3.AlternateCallArgument{HeldCall: m.conn("heldCall", x.HeldCall),
			ActiveCall:     m.conn("activeCall", x.ActiveCall),
			ConsultOptions: m.consultOptions("consultOptions", x.ConsultOptions),
			Extensions:     m.ext("extensions", x.Extensions)}
		a.HasConnectionReservation, a.ConnectionReservation = boolOf(x.ConnectionReservation)
		return a, ""
	case *ReconnectCall:
		return &cstav3.ReconnectCallArgument{ActiveCall: m.conn("activeCall", x.ActiveCall),
			HeldCall: m.conn("heldCall", x.HeldCall), Extensions: m.ext("extensions", x.Extensions)}, ""
	case *DeflectCall:
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
	return m.monitorArgument(v)
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

// ResultToXML maps a cstav3 result to its ECMA-323 response struct, e.g.
// *cstav3.MakeCallResult to *MakeCallResponse and a *cstav3.NoData of
// answerCall to *AnswerCallResponse. xref is the monitorCrossRefID written
// in a MonitorStartResponse: the bridge's name for the monitor.
func ResultToXML(res cstav3.Result, xref string) (any, error) {
	switch r := res.(type) {
	case *cstav3.MakeCallResult:
		return &MakeCallResponse{CallingDevice: connToXML(r.CallingDevice),
			InitiatedCallInfo: connInfoToXML(r.InitiatedCallInfo), CallLinkageData: linkToXML(r.CallLinkageData),
			Extensions: extToXML(&r.Extensions)}, nil
	case *cstav3.ConsultationCallResult:
		return &ConsultationCallResponse{InitiatedCall: connToXML(r.InitiatedCall),
			InitiatedCallInfo: connInfoToXML(r.InitiatedCallInfo), CallLinkageData: linkToXML(r.CallLinkageData),
			Extensions: extToXML(&r.Extensions)}, nil
	case *cstav3.TransferCallResult:
		return &TransferCallResponse{TransferredCall: connToXML(r.TransferredCall),
			Connections: optConnListToXML(r.Connections), TransferredCallInfo: connInfoToXML(r.TransferredCallInfo),
			CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}, nil
	case *cstav3.SingleStepTransferCallResult:
		return &SingleStepTransferCallResponse{TransferredCall: connToXML(r.TransferredCall),
			Connections: optConnListToXML(r.Connections), TransferredCallInfo: connInfoToXML(r.TransferredCallInfo),
			CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}, nil
	case *cstav3.ConferenceCallResult:
		return &ConferenceCallResponse{ConferenceCall: connToXML(r.ConferenceCall),
			Connections: optConnListToXML(r.Connections), ConferenceCallInfo: connInfoToXML(r.ConferenceCallInfo),
			CallLinkageDataList: linkListToXML(&r.CallLinkageDataList), Extensions: extToXML(&r.Extensions)}, nil
	case *cstav3.NoData:
		if x := noDataToXML(r.Op, extToXML(&r.Extensions)); x != nil {
			return x, nil
		}
		return nil, fmt.Errorf("ecma323: result of %s has no ECMA-323 mapping", r.Op)
	}
	if x, ok := monitorResultToXML(res, xref); ok {
		return x, nil
	}
	return nil, fmt.Errorf("ecma323: result %T has no ECMA-323 mapping", res)
}

// noDataToXML returns the empty response of an operation whose result is
// noData, or nil.
func noDataToXML(op cstav3.Opcode, ext *Extensions) any {
	switch op {
	case cstav3.OpAnswerCall:
		return &AnswerCallResponse{Extensions: ext}
	case cstav3.OpClearConnection:
		return &ClearConnectionResponse{Extensions: ext}
	case cstav3.OpClearCall:
		return &ClearCallResponse{Extensions: ext}
	case cstav3.OpHoldCall:
		return &HoldCallResponse{Extensions: ext}
	case cstav3.OpRetrieveCall:
		return &RetrieveCallResponse{Extensions: ext}
	case cstav3.OpAlternateCall:
		return &AlternateCallResponse{Extensions: ext}
	case cstav3.OpReconnectCall:
		return &ReconnectCallResponse{Extensions: ext}
	case cstav3.OpDeflectCall:
		return &DeflectCallResponse{Extensions: ext}
	case cstav3.OpMonitorStop:
		return &MonitorStopResponse{Extensions: ext}
	case cstav3.OpSystemStatus:
		return &SystemStatusResponse{Extensions: ext}
	}
	return nil
}

// ResultFromXML maps a response struct back to its cstav3 result. For a
// MonitorStartResponse it also returns the monitorCrossRefID; the result's
// CrossRefIdentifier is left nil. RequestSystemStatusResponse has no cstav3
// result: nil, no error.
func ResultFromXML(v any) (cstav3.Result, string, error) {
	var m codecMapper
	res, xref := m.result(v)
	if m.err != nil {
		return nil, "", m.err
	}
	return res, xref, nil
}

func (m *codecMapper) result(v any) (cstav3.Result, string) {
	noData := func(op cstav3.Opcode, x *Extensions) *cstav3.NoData {
		return &cstav3.NoData{Op: op, Extensions: m.ext("extensions", x)}
	}
	switch x := v.(type) {
	case *MakeCallResponse:
		return &cstav3.MakeCallResult{CallingDevice: m.conn("callingDevice", x.CallingDevice),
			InitiatedCallInfo: m.connInfo("initiatedCallInfo", x.InitiatedCallInfo),
			CallLinkageData:   m.link("callLinkageData", x.CallLinkageData), Extensions: m.ext("extensions", x.Extensions)}, ""
	case *ConsultationCallResponse:
		return &cstav3.ConsultationCallResult{InitiatedCall: m.conn("initiatedCall", x.InitiatedCall),
			InitiatedCallInfo: m.connInfo("initiatedCallInfo", x.InitiatedCallInfo),
			CallLinkageData:   m.link("callLinkageData", x.CallLinkageData), Extensions: m.ext("extensions", x.Extensions)}, ""
	case *TransferCallResponse:
		return &cstav3.TransferCallResult{TransferredCall: m.conn("transferredCall", x.TransferredCall),
			Connections:         m.connList("connections", x.Connections),
			TransferredCallInfo: m.connInfo("transferredCallInfo", x.TransferredCallInfo),
			CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
			Extensions:          m.ext("extensions", x.Extensions)}, ""
	case *SingleStepTransferCallResponse:
		return &cstav3.SingleStepTransferCallResult{TransferredCall: m.conn("transferredCall", x.TransferredCall),
			Connections:         m.connList("connections", x.Connections),
			TransferredCallInfo: m.connInfo("transferredCallInfo", x.TransferredCallInfo),
			CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
			Extensions:          m.ext("extensions", x.Extensions)}, ""
	case *ConferenceCallResponse:
		return &cstav3.ConferenceCallResult{ConferenceCall: m.conn("conferenceCall", x.ConferenceCall),
			Connections:         m.connList("connections", x.Connections),
			ConferenceCallInfo:  m.connInfo("conferenceCallInfo", x.ConferenceCallInfo),
			CallLinkageDataList: m.linkList("callLinkageDataList", x.CallLinkageDataList),
			Extensions:          m.ext("extensions", x.Extensions)}, ""
	case *AnswerCallResponse:
		return noData(cstav3.OpAnswerCall, x.Extensions), ""
	case *ClearConnectionResponse:
		return noData(cstav3.OpClearConnection, x.Extensions), ""
	case *ClearCallResponse:
		return noData(cstav3.OpClearCall, x.Extensions), ""
	case *HoldCallResponse:
		return noData(cstav3.OpHoldCall, x.Extensions), ""
	case *RetrieveCallResponse:
		return noData(cstav3.OpRetrieveCall, x.Extensions), ""
	case *AlternateCallResponse:
		return noData(cstav3.OpAlternateCall, x.Extensions), ""
	case *ReconnectCallResponse:
		return noData(cstav3.OpReconnectCall, x.Extensions), ""
	case *DeflectCallResponse:
		return noData(cstav3.OpDeflectCall, x.Extensions), ""
	case *MonitorStopResponse:
		return noData(cstav3.OpMonitorStop, x.Extensions), ""
	case *SystemStatusResponse:
		return noData(cstav3.OpSystemStatus, x.Extensions), ""
	}
	return m.monitorResult(v)
}

// ErrorToXML maps a universalFailure to CSTAErrorCode.
func ErrorToXML(e *cstav3.Error) *CSTAErrorCode {
	x := &CSTAErrorCode{}
	name := e.Name()
	switch e.Branch {
	case cstav3.OperationError:
		x.Operation = name
	case cstav3.SecurityError:
		x.Security = name
	case cstav3.StateIncompatibility:
		x.StateIncompatibility = name
	case cstav3.SystemResourceAvailability:
		x.SystemResourceAvailability = name
	case cstav3.SubscribedResourceAvailability:
		x.SubscribedResourceAvailability = name
	case cstav3.PerformanceManagement:
		x.PerformanceManagement = name
	case cstav3.PrivateDataInfo:
		x.PrivateData = name
	default:
		x.Unspecified = &Empty{}
	}
	return x
}

// ErrorFromXML maps CSTAErrorCode back to a universalFailure.
func ErrorFromXML(x *CSTAErrorCode) (*cstav3.Error, error) {
	branches := []struct {
		b cstav3.ErrorBranch
		v string
	}{{cstav3.OperationError, x.Operation}, {cstav3.SecurityError, x.Security},
		{cstav3.StateIncompatibility, x.StateIncompatibility},
		{cstav3.SystemResourceAvailability, x.SystemResourceAvailability},
		{cstav3.SubscribedResourceAvailability, x.SubscribedResourceAvailability},
		{cstav3.PerformanceManagement, x.PerformanceManagement}, {cstav3.PrivateDataInfo, x.PrivateData}}
	for _, br := range branches {
		if br.v == "" {
			continue
		}
		v := strings.TrimSpace(br.v)
		e, ok := cstav3.NewError(br.b, v)
		if !ok {
			return nil, &FieldError{Path: br.b.String(), Value: v, Reason: "unknown error value"}
		}
		return e, nil
	}
	return &cstav3.Error{Branch: cstav3.Unspecified}, nil
}
