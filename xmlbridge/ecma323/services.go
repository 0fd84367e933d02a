package ecma323

import "encoding/xml"

// Call control services (ECMA-269 17.1) and their responses. Byte strings
// that are codes people type (accountCode, authCode) are text; opaque ones
// (correlatorData) are hex. A service whose result is "noData" answers with
// an empty ...Response element, as ECSS-10 and snom do.

// MakeCall sets up a call from callingDevice to calledDirectoryNumber.
type MakeCall struct {
	XMLName               xml.Name
	CallingDevice         DeviceID               `xml:"callingDevice"`
	CalledDirectoryNumber DeviceID               `xml:"calledDirectoryNumber"`
	AccountCode           string                 `xml:"accountCode,omitempty"`
	AuthCode              string                 `xml:"authCode,omitempty"`
	AutoOriginate         string                 `xml:"autoOriginate,omitempty"`
	CorrelatorData        string                 `xml:"correlatorData,omitempty"`
	UserData              *UserData              `xml:"userData,omitempty"`
	CallCharacteristics   *Flags                 `xml:"callCharacteristics,omitempty"`
	CallingConnectionInfo *ConnectionInformation `xml:"callingConnectionInfo,omitempty"`
	SubjectOfCall         string                 `xml:"subjectOfCall,omitempty"`
	LanguagePreferences   string                 `xml:"languagePreferences,omitempty"`
	Reason                string                 `xml:"reason,omitempty"`
	Extensions            *Extensions            `xml:"extensions,omitempty"`
}

// MakeCallResponse names the calling device's connection to the new call.
type MakeCallResponse struct {
	XMLName           xml.Name
	CallingDevice     ConnectionID           `xml:"callingDevice"`
	InitiatedCallInfo *ConnectionInformation `xml:"initiatedCallInfo,omitempty"`
	CallLinkageData   *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions        *Extensions            `xml:"extensions,omitempty"`
}

// AnswerCall answers an alerting call.
type AnswerCall struct {
	XMLName          xml.Name
	CallToBeAnswered ConnectionID `xml:"callToBeAnswered"`
	CorrelatorData   string       `xml:"correlatorData,omitempty"`
	UserData         *UserData    `xml:"userData,omitempty"`
	Extensions       *Extensions  `xml:"extensions,omitempty"`
}

// AnswerCallResponse acknowledges AnswerCall.
type AnswerCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// ClearConnection releases one device from a call.
type ClearConnection struct {
	XMLName               xml.Name
	ConnectionToBeCleared ConnectionID `xml:"connectionToBeCleared"`
	CorrelatorData        string       `xml:"correlatorData,omitempty"`
	UserData              *UserData    `xml:"userData,omitempty"`
	Reason                string       `xml:"reason,omitempty"`
	Extensions            *Extensions  `xml:"extensions,omitempty"`
}

// ClearConnectionResponse acknowledges ClearConnection.
type ClearConnectionResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// ClearCall releases every connection of a call.
type ClearCall struct {
	XMLName         xml.Name
	CallToBeCleared ConnectionID `xml:"callToBeCleared"`
	UserData        *UserData    `xml:"userData,omitempty"`
	Reason          string       `xml:"reason,omitempty"`
	Extensions      *Extensions  `xml:"extensions,omitempty"`
}

// ClearCallResponse acknowledges ClearCall.
type ClearCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// HoldCall puts a connection on hold.
type HoldCall struct {
	XMLName               xml.Name
	CallToBeHeld          ConnectionID `xml:"callToBeHeld"`
	ConnectionReservation *bool        `xml:"connectionReservation,omitempty"`
	Extensions            *Extensions  `xml:"extensions,omitempty"`
}

// HoldCallResponse acknowledges HoldCall.
type HoldCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// RetrieveCall takes a held connection back.
type RetrieveCall struct {
	XMLName           xml.Name
	CallToBeRetrieved ConnectionID `xml:"callToBeRetrieved"`
	Extensions        *Extensions  `xml:"extensions,omitempty"`
}

// RetrieveCallResponse acknowledges RetrieveCall.
type RetrieveCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// ConsultationCall holds a call and calls another device from the same one.
type ConsultationCall struct {
	XMLName               xml.Name
	ExistingCall          ConnectionID           `xml:"existingCall"`
	ConsultedDevice       DeviceID               `xml:"consultedDevice"`
	ConnectionReservation *bool                  `xml:"connectionReservation,omitempty"`
	AccountCode           string                 `xml:"accountCode,omitempty"`
	AuthCode              string                 `xml:"authCode,omitempty"`
	CorrelatorData        string                 `xml:"correlatorData,omitempty"`
	UserData              *UserData              `xml:"userData,omitempty"`
	CallCharacteristics   *Flags                 `xml:"callCharacteristics,omitempty"`
	CallingConnectionInfo *ConnectionInformation `xml:"callingConnectionInfo,omitempty"`
	ConsultOptions        string                 `xml:"consultOptions,omitempty"`
	SubjectOfCall         string                 `xml:"subjectOfCall,omitempty"`
	LanguagePreferences   string                 `xml:"languagePreferences,omitempty"`
	Extensions            *Extensions            `xml:"extensions,omitempty"`
}

// ConsultationCallResponse names the connection of the consultation call.
type ConsultationCallResponse struct {
	XMLName           xml.Name
	InitiatedCall     ConnectionID           `xml:"initiatedCall"`
	InitiatedCallInfo *ConnectionInformation `xml:"initiatedCallInfo,omitempty"`
	CallLinkageData   *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions        *Extensions            `xml:"extensions,omitempty"`
}

// TransferCall joins a held and an active call and drops the device.
type TransferCall struct {
	XMLName    xml.Name
	HeldCall   ConnectionID `xml:"heldCall"`
	ActiveCall ConnectionID `xml:"activeCall"`
	Extensions *Extensions  `xml:"extensions,omitempty"`
}

// TransferCallResponse names the resulting call.
type TransferCallResponse struct {
	XMLName             xml.Name
	TransferredCall     ConnectionID           `xml:"transferredCall"`
	Connections         *ConnectionList        `xml:"connections,omitempty"`
	TransferredCallInfo *ConnectionInformation `xml:"transferredCallInfo,omitempty"`
	CallLinkageDataList *CallLinkageDataList   `xml:"callLinkageDataList,omitempty"`
	Extensions          *Extensions            `xml:"extensions,omitempty"`
}

// SingleStepTransferCall transfers a call without a consultation call.
type SingleStepTransferCall struct {
	XMLName             xml.Name
	ActiveCall          ConnectionID `xml:"activeCall"`
	TransferredTo       DeviceID     `xml:"transferredTo"`
	AccountCode         string       `xml:"accountCode,omitempty"`
	AuthCode            string       `xml:"authCode,omitempty"`
	CorrelatorData      string       `xml:"correlatorData,omitempty"`
	UserData            *UserData    `xml:"userData,omitempty"`
	CallCharacteristics *Flags       `xml:"callCharacteristics,omitempty"`
	SubjectOfCall       string       `xml:"subjectOfCall,omitempty"`
	LanguagePreferences string       `xml:"languagePreferences,omitempty"`
	Reason              string       `xml:"reason,omitempty"`
	Extensions          *Extensions  `xml:"extensions,omitempty"`
}

// SingleStepTransferCallResponse names the resulting call.
type SingleStepTransferCallResponse struct {
	XMLName             xml.Name
	TransferredCall     ConnectionID           `xml:"transferredCall"`
	Connections         *ConnectionList        `xml:"connections,omitempty"`
	TransferredCallInfo *ConnectionInformation `xml:"transferredCallInfo,omitempty"`
	CallLinkageDataList *CallLinkageDataList   `xml:"callLinkageDataList,omitempty"`
	Extensions          *Extensions            `xml:"extensions,omitempty"`
}

// ConferenceCall joins a held and an active call into a conference.
type ConferenceCall struct {
	XMLName    xml.Name
	HeldCall   ConnectionID `xml:"heldCall"`
	ActiveCall ConnectionID `xml:"activeCall"`
	Extensions *Extensions  `xml:"extensions,omitempty"`
}

// ConferenceCallResponse names the conference call.
type ConferenceCallResponse struct {
	XMLName             xml.Name
	ConferenceCall      ConnectionID           `xml:"conferenceCall"`
	Connections         *ConnectionList        `xml:"connections,omitempty"`
	ConferenceCallInfo  *ConnectionInformation `xml:"conferenceCallInfo,omitempty"`
	CallLinkageDataList *CallLinkageDataList   `xml:"callLinkageDataList,omitempty"`
	Extensions          *Extensions            `xml:"extensions,omitempty"`
}

// AlternateCall holds the active call and retrieves the held one.
type AlternateCall struct {
	XMLName               xml.Name
	HeldCall              ConnectionID `xml:"heldCall"`
	ActiveCall            ConnectionID `xml:"activeCall"`
	ConnectionReservation *bool        `xml:"connectionReservation,omitempty"`
	ConsultOptions        string       `xml:"consultOptions,omitempty"`
	Extensions            *Extensions  `xml:"extensions,omitempty"`
}

// AlternateCallResponse acknowledges AlternateCall.
type AlternateCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// ReconnectCall clears the active call and retrieves the held one.
type ReconnectCall struct {
	XMLName    xml.Name
	ActiveCall ConnectionID `xml:"activeCall"`
	HeldCall   ConnectionID `xml:"heldCall"`
	Extensions *Extensions  `xml:"extensions,omitempty"`
}

// ReconnectCallResponse acknowledges ReconnectCall.
type ReconnectCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// DeflectCall diverts an alerting call to another device.
type DeflectCall struct {
	XMLName                xml.Name
	CallToBeDiverted       ConnectionID  `xml:"callToBeDiverted"`
	NewDestination         DeviceID      `xml:"newDestination"`
	AddNewDestinationsList *DeviceIDList `xml:"addNewDestinationsList,omitempty"`
	CorrelatorData         string        `xml:"correlatorData,omitempty"`
	UserData               *UserData     `xml:"userData,omitempty"`
	CallCharacteristics    *Flags        `xml:"callCharacteristics,omitempty"`
	SubjectOfCall          string        `xml:"subjectOfCall,omitempty"`
	LanguagePreferences    string        `xml:"languagePreferences,omitempty"`
	Reason                 string        `xml:"reason,omitempty"`
	Extensions             *Extensions   `xml:"extensions,omitempty"`
}

// DeflectCallResponse acknowledges DeflectCall.
type DeflectCallResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}
