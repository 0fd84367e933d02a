package ecma323

import "encoding/xml"

// ECMA-354 application session messages, which open, keep alive and close a
// consumer's session, and CSTAErrorCode, the negative answer to any CSTA
// request. ECSS-10 sends the session messages in NamespaceSession (seed 000);
// uni-tel sends them without a namespace and answers in its CSTA one (seed
// 002).

// StartApplicationSession opens a session and carries the login.
type StartApplicationSession struct {
	XMLName                   xml.Name
	ApplicationInfo           ApplicationInfo            `xml:"applicationInfo"`
	RequestedProtocolVersions *RequestedProtocolVersions `xml:"requestedProtocolVersions,omitempty"`
	RequestedSessionDuration  *int                       `xml:"requestedSessionDuration,omitempty"`
	Extensions                *Extensions                `xml:"extensions,omitempty"`
}

// ApplicationInfo names the application and carries its login.
type ApplicationInfo struct {
	ApplicationID           string                   `xml:"applicationID,omitempty"`
	ApplicationSpecificInfo *ApplicationSpecificInfo `xml:"applicationSpecificInfo,omitempty"`
}

// ApplicationSpecificInfo holds a login in one of two forms: ECSS-10's
// SessionLoginInfo in NamespaceEltex, or uni-tel's vendorData:userID and
// vendorData:password (whose prefix uni-tel does not declare; the elements
// are read by local name).
type ApplicationSpecificInfo struct {
	SessionLoginInfo *SessionLoginInfo `xml:"SessionLoginInfo,omitempty"`
	UserID           string            `xml:"userID,omitempty"`
	Password         string            `xml:"password,omitempty"`
	PBXDomain        string            `xml:"pbxDomain,omitempty"`
}

// SessionLoginInfo is ECSS-10's login. Set XMLName to
// {NamespaceEltex, "SessionLoginInfo"} to write it in its namespace, as
// NewSessionLogin does.
type SessionLoginInfo struct {
	XMLName  xml.Name
	UserName string `xml:"userName"`
	Password string `xml:"password"`
}

// NewSessionLogin returns ECSS-10's login element in its namespace.
func NewSessionLogin(user, password string) *SessionLoginInfo {
	return &SessionLoginInfo{XMLName: xml.Name{Space: NamespaceEltex, Local: "SessionLoginInfo"},
		UserName: user, Password: password}
}

// Login returns the user name and password of either form, and whether one
// was given.
func (a *ApplicationSpecificInfo) Login() (user, password string, ok bool) {
	switch {
	case a == nil:
		return "", "", false
	case a.SessionLoginInfo != nil:
		return a.SessionLoginInfo.UserName, a.SessionLoginInfo.Password, true
	case a.UserID != "":
		return a.UserID, a.Password, true
	}
	return "", "", false
}

// RequestedProtocolVersions lists the CSTA namespaces the consumer speaks,
// preferred first.
type RequestedProtocolVersions struct {
	ProtocolVersion []string `xml:"protocolVersion"`
}

// StartApplicationSessionPosResponse accepts a session.
type StartApplicationSessionPosResponse struct {
	XMLName               xml.Name
	SessionID             string      `xml:"sessionID"`
	ActualProtocolVersion string      `xml:"actualProtocolVersion"`
	ActualSessionDuration int         `xml:"actualSessionDuration"`
	Extensions            *Extensions `xml:"extensions,omitempty"`
}

// StartApplicationSessionNegResponse refuses a session.
type StartApplicationSessionNegResponse struct {
	XMLName    xml.Name
	ErrorCode  SessionErrorCode `xml:"errorCode"`
	Extensions *Extensions      `xml:"extensions,omitempty"`
}

// SessionErrorCode says why a session request failed: an ECMA-354 defined
// error (e.g. invalidApplicationInfo, requestedProtocolVersionNotSupported,
// invalidSessionID) or an application-specific one.
type SessionErrorCode struct {
	DefinedError     string `xml:"definedError,omitempty"`
	ApplicationError string `xml:"applicationError,omitempty"`
}

// ResetApplicationSessionTimer keeps a session alive.
type ResetApplicationSessionTimer struct {
	XMLName                  xml.Name
	SessionID                string      `xml:"sessionID"`
	RequestedSessionDuration *int        `xml:"requestedSessionDuration,omitempty"`
	Extensions               *Extensions `xml:"extensions,omitempty"`
}

// ResetApplicationSessionTimerPosResponse grants the new duration.
type ResetApplicationSessionTimerPosResponse struct {
	XMLName               xml.Name
	ActualSessionDuration int         `xml:"actualSessionDuration"`
	Extensions            *Extensions `xml:"extensions,omitempty"`
}

// ResetApplicationSessionTimerNegResponse refuses, e.g. for an unknown
// session.
type ResetApplicationSessionTimerNegResponse struct {
	XMLName    xml.Name
	ErrorCode  SessionErrorCode `xml:"errorCode"`
	Extensions *Extensions      `xml:"extensions,omitempty"`
}

// StopApplicationSession closes a session.
type StopApplicationSession struct {
	XMLName          xml.Name
	SessionID        string            `xml:"sessionID"`
	SessionEndReason *SessionEndReason `xml:"sessionEndReason,omitempty"`
	Extensions       *Extensions       `xml:"extensions,omitempty"`
}

// SessionEndReason is an ECMA-354 defined reason (normal ...) or the
// application's own text.
type SessionEndReason struct {
	DefinedEndReason string `xml:"definedEndReason,omitempty"`
	AppEndReason     string `xml:"appEndReason,omitempty"`
}

// StopApplicationSessionPosResponse acknowledges StopApplicationSession.
type StopApplicationSessionPosResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// CSTAErrorCode is the negative answer to a CSTA request: one element named
// for the universalFailure branch holding the ASN.1 name of the value
// (<operation>invalidCallID</operation>); snom puts it in a SOAP Fault's
// detail (seed 001).
type CSTAErrorCode struct {
	XMLName                        xml.Name
	Operation                      string `xml:"operation,omitempty"`
	Security                       string `xml:"security,omitempty"`
	StateIncompatibility           string `xml:"stateIncompatibility,omitempty"`
	SystemResourceAvailability     string `xml:"systemResourceAvailability,omitempty"`
	SubscribedResourceAvailability string `xml:"subscribedResourceAvailability,omitempty"`
	PerformanceManagement          string `xml:"performanceManagement,omitempty"`
	PrivateData                    string `xml:"privateData,omitempty"`
	Unspecified                    *Empty `xml:"unspecified,omitempty"`
}
