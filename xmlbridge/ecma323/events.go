package ecma323

import "encoding/xml"

// Call control events (ECMA-323 clause 17.2, ECMA-269 17.2). Each starts with
// the monitorCrossRefID the consumer's MonitorStartResponse named; the rest
// follows the ASN.1 SEQUENCE. Optional elements the cstav3 package keeps
// encoded (servicesPermitted, media characteristics, location ...) have no
// field here. XMLName is set by the Encoder to carry the edition's namespace.

// UserData is the userData element: the octets as hex.
type UserData struct {
	String string `xml:"string"`
}

// BridgedEvent reports that a device joined a call as a bridged appearance.
type BridgedEvent struct {
	XMLName               xml.Name
	MonitorCrossRefID     string                 `xml:"monitorCrossRefID"`
	BridgedConnection     ConnectionID           `xml:"bridgedConnection"`
	BridgedAppearance     DeviceRole             `xml:"bridgedAppearance"`
	LocalConnectionInfo   string                 `xml:"localConnectionInfo,omitempty"`
	CorrelatorData        string                 `xml:"correlatorData,omitempty"`
	UserData              *UserData              `xml:"userData,omitempty"`
	Cause                 string                 `xml:"cause"`
	BridgedConnectionInfo *ConnectionInformation `xml:"bridgedConnectionInfo,omitempty"`
	CallLinkageData       *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions            *Extensions            `xml:"extensions,omitempty"`
}

// CallClearedEvent reports that a whole call ended.
type CallClearedEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string           `xml:"monitorCrossRefID"`
	ClearedCall       ConnectionID     `xml:"clearedCall"`
	CorrelatorData    string           `xml:"correlatorData,omitempty"`
	UserData          *UserData        `xml:"userData,omitempty"`
	Cause             string           `xml:"cause"`
	CallLinkageData   *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions        *Extensions      `xml:"extensions,omitempty"`
}

// ConferencedEvent reports that two calls were joined into a conference.
type ConferencedEvent struct {
	XMLName               xml.Name
	MonitorCrossRefID     string               `xml:"monitorCrossRefID"`
	PrimaryOldCall        ConnectionID         `xml:"primaryOldCall"`
	SecondaryOldCall      *ConnectionID        `xml:"secondaryOldCall,omitempty"`
	ConferencingDevice    DeviceRole           `xml:"conferencingDevice"`
	AddedParty            DeviceRole           `xml:"addedParty"`
	ConferenceConnections ConnectionList       `xml:"conferenceConnections"`
	LocalConnectionInfo   string               `xml:"localConnectionInfo,omitempty"`
	CorrelatorData        string               `xml:"correlatorData,omitempty"`
	UserData              *UserData            `xml:"userData,omitempty"`
	Cause                 string               `xml:"cause"`
	CallLinkageDataList   *CallLinkageDataList `xml:"callLinkageDataList,omitempty"`
	Extensions            *Extensions          `xml:"extensions,omitempty"`
}

// ConnectionClearedEvent reports that a device left a call.
type ConnectionClearedEvent struct {
	XMLName               xml.Name
	MonitorCrossRefID     string                 `xml:"monitorCrossRefID"`
	DroppedConnection     ConnectionID           `xml:"droppedConnection"`
	ReleasingDevice       DeviceRole             `xml:"releasingDevice"`
	LocalConnectionInfo   string                 `xml:"localConnectionInfo,omitempty"`
	CorrelatorData        string                 `xml:"correlatorData,omitempty"`
	UserData              *UserData              `xml:"userData,omitempty"`
	ChargingInfo          *ChargingInfo          `xml:"chargingInfo,omitempty"`
	Cause                 string                 `xml:"cause"`
	DroppedConnectionInfo *ConnectionInformation `xml:"droppedConnectionInfo,omitempty"`
	CallLinkageData       *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions            *Extensions            `xml:"extensions,omitempty"`
}

// DeliveredEvent reports that a call is alerting a device.
type DeliveredEvent struct {
	XMLName                  xml.Name
	MonitorCrossRefID        string           `xml:"monitorCrossRefID"`
	Connection               ConnectionID     `xml:"connection"`
	AlertingDevice           DeviceRole       `xml:"alertingDevice"`
	CallingDevice            DeviceRole       `xml:"callingDevice"`
	CalledDevice             DeviceRole       `xml:"calledDevice"`
	LastRedirectionDevice    DeviceRole       `xml:"lastRedirectionDevice"`
	OriginatingNIDConnection *ConnectionID    `xml:"originatingNIDConnection,omitempty"`
	LocalConnectionInfo      string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData           string           `xml:"correlatorData,omitempty"`
	UserData                 *UserData        `xml:"userData,omitempty"`
	Cause                    string           `xml:"cause"`
	NetworkCallingDevice     *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice      *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice  *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice   *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData          *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions               *Extensions      `xml:"extensions,omitempty"`
}

// DigitsDialedEvent reports the digits dialled so far.
type DigitsDialedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string           `xml:"monitorCrossRefID"`
	DialingConnection       ConnectionID     `xml:"dialingConnection"`
	DialingDevice           DeviceRole       `xml:"dialingDevice"`
	DialingSequence         DeviceID         `xml:"dialingSequence"`
	LocalConnectionInfo     string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string           `xml:"correlatorData,omitempty"`
	Cause                   string           `xml:"cause"`
	NetworkCallingDevice    *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice     *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice  *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData         *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions      `xml:"extensions,omitempty"`
}

// DivertedEvent reports that a call was diverted to another device.
type DivertedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string           `xml:"monitorCrossRefID"`
	Connection              ConnectionID     `xml:"connection"`
	DivertingDevice         DeviceRole       `xml:"divertingDevice"`
	NewDestination          DeviceRole       `xml:"newDestination"`
	CallingDevice           *DeviceRole      `xml:"callingDevice,omitempty"`
	CalledDevice            *DeviceRole      `xml:"calledDevice,omitempty"`
	LastRedirectionDevice   DeviceRole       `xml:"lastRedirectionDevice"`
	LocalConnectionInfo     string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string           `xml:"correlatorData,omitempty"`
	UserData                *UserData        `xml:"userData,omitempty"`
	Cause                   string           `xml:"cause"`
	NetworkCallingDevice    *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice     *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice  *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData         *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions      `xml:"extensions,omitempty"`
}

// EstablishedEvent reports that a call was answered.
type EstablishedEvent struct {
	XMLName                   xml.Name
	MonitorCrossRefID         string                 `xml:"monitorCrossRefID"`
	EstablishedConnection     ConnectionID           `xml:"establishedConnection"`
	AnsweringDevice           DeviceRole             `xml:"answeringDevice"`
	CallingDevice             DeviceRole             `xml:"callingDevice"`
	CalledDevice              DeviceRole             `xml:"calledDevice"`
	LastRedirectionDevice     DeviceRole             `xml:"lastRedirectionDevice"`
	OriginatingNIDConnection  *ConnectionID          `xml:"originatingNIDConnection,omitempty"`
	LocalConnectionInfo       string                 `xml:"localConnectionInfo,omitempty"`
	CorrelatorData            string                 `xml:"correlatorData,omitempty"`
	UserData                  *UserData              `xml:"userData,omitempty"`
	Cause                     string                 `xml:"cause"`
	NetworkCallingDevice      *DeviceRole            `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice       *DeviceRole            `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice   *DeviceRole            `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice    *DeviceRole            `xml:"associatedCalledDevice,omitempty"`
	EstablishedConnectionInfo *ConnectionInformation `xml:"establishedConnectionInfo,omitempty"`
	CallLinkageData           *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions                *Extensions            `xml:"extensions,omitempty"`
}

// FailedEvent reports that a call cannot be completed.
type FailedEvent struct {
	XMLName                  xml.Name
	MonitorCrossRefID        string           `xml:"monitorCrossRefID"`
	FailedConnection         ConnectionID     `xml:"failedConnection"`
	FailingDevice            DeviceRole       `xml:"failingDevice"`
	CallingDevice            DeviceRole       `xml:"callingDevice"`
	CalledDevice             DeviceRole       `xml:"calledDevice"`
	LastRedirectionDevice    DeviceRole       `xml:"lastRedirectionDevice"`
	OriginatingNIDConnection *ConnectionID    `xml:"originatingNIDConnection,omitempty"`
	LocalConnectionInfo      string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData           string           `xml:"correlatorData,omitempty"`
	UserData                 *UserData        `xml:"userData,omitempty"`
	Cause                    string           `xml:"cause"`
	NetworkCallingDevice     *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice      *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice  *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice   *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData          *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions               *Extensions      `xml:"extensions,omitempty"`
}

// HeldEvent reports that a device put a call on hold.
type HeldEvent struct {
	XMLName             xml.Name
	MonitorCrossRefID   string                 `xml:"monitorCrossRefID"`
	HeldConnection      ConnectionID           `xml:"heldConnection"`
	HoldingDevice       DeviceRole             `xml:"holdingDevice"`
	LocalConnectionInfo string                 `xml:"localConnectionInfo,omitempty"`
	CorrelatorData      string                 `xml:"correlatorData,omitempty"`
	Cause               string                 `xml:"cause"`
	HeldConnectionInfo  *ConnectionInformation `xml:"heldConnectionInfo,omitempty"`
	CallLinkageData     *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions          *Extensions            `xml:"extensions,omitempty"`
}

// NetworkCapabilitiesChangedEvent reports new capabilities of the network a
// call went out to.
type NetworkCapabilitiesChangedEvent struct {
	XMLName              xml.Name
	MonitorCrossRefID    string             `xml:"monitorCrossRefID"`
	OutboundConnection   ConnectionID       `xml:"outboundConnection"`
	NetworkInterfaceUsed DeviceRole         `xml:"networkInterfaceUsed"`
	CalledDevice         DeviceRole         `xml:"calledDevice"`
	ProgressIndicator    ProgressIndicator  `xml:"progressIndicator"`
	LocalConnectionInfo  string             `xml:"localConnectionInfo,omitempty"`
	CorrelatorData       string             `xml:"correlatorData,omitempty"`
	UserData             *UserData          `xml:"userData,omitempty"`
	NetworkCapability    *NetworkCapability `xml:"networkCapability,omitempty"`
	Cause                string             `xml:"cause"`
	CallLinkageData      *CallLinkageData   `xml:"callLinkageData,omitempty"`
	Extensions           *Extensions        `xml:"extensions,omitempty"`
}

// NetworkReachedEvent reports that a call left the switch for a network.
// The ASN.1 misspells originatingNIDConnection here; ECMA-323 does not.
type NetworkReachedEvent struct {
	XMLName                  xml.Name
	MonitorCrossRefID        string             `xml:"monitorCrossRefID"`
	OutboundConnection       ConnectionID       `xml:"outboundConnection"`
	NetworkInterfaceUsed     DeviceRole         `xml:"networkInterfaceUsed"`
	CallingDevice            DeviceRole         `xml:"callingDevice"`
	CalledDevice             DeviceRole         `xml:"calledDevice"`
	LastRedirectionDevice    DeviceRole         `xml:"lastRedirectionDevice"`
	OriginatingNIDConnection *ConnectionID      `xml:"originatingNIDConnection,omitempty"`
	LocalConnectionInfo      string             `xml:"localConnectionInfo,omitempty"`
	CorrelatorData           string             `xml:"correlatorData,omitempty"`
	UserData                 *UserData          `xml:"userData,omitempty"`
	NetworkCapability        *NetworkCapability `xml:"networkCapability,omitempty"`
	Cause                    string             `xml:"cause"`
	NetworkCallingDevice     *DeviceRole        `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice      *DeviceRole        `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice  *DeviceRole        `xml:"associatedCallingDevice,omitempty"`
	CallLinkageData          *CallLinkageData   `xml:"callLinkageData,omitempty"`
	Extensions               *Extensions        `xml:"extensions,omitempty"`
}

// OfferedEvent reports that a call is offered to a device.
type OfferedEvent struct {
	XMLName                  xml.Name
	MonitorCrossRefID        string           `xml:"monitorCrossRefID"`
	OfferedConnection        ConnectionID     `xml:"offeredConnection"`
	OfferedDevice            DeviceRole       `xml:"offeredDevice"`
	CallingDevice            DeviceRole       `xml:"callingDevice"`
	CalledDevice             DeviceRole       `xml:"calledDevice"`
	LastRedirectionDevice    DeviceRole       `xml:"lastRedirectionDevice"`
	OriginatingNIDConnection *ConnectionID    `xml:"originatingNIDConnection,omitempty"`
	LocalConnectionInfo      string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData           string           `xml:"correlatorData,omitempty"`
	UserData                 *UserData        `xml:"userData,omitempty"`
	Cause                    string           `xml:"cause"`
	NetworkCallingDevice     *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice      *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice  *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice   *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData          *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions               *Extensions      `xml:"extensions,omitempty"`
}

// OriginatedEvent reports that a device placed a call.
type OriginatedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string           `xml:"monitorCrossRefID"`
	OriginatedConnection    ConnectionID     `xml:"originatedConnection"`
	CallingDevice           DeviceRole       `xml:"callingDevice"`
	CalledDevice            DeviceRole       `xml:"calledDevice"`
	OriginatingDevice       *DeviceID        `xml:"originatingDevice,omitempty"`
	LocalConnectionInfo     string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string           `xml:"correlatorData,omitempty"`
	Cause                   string           `xml:"cause"`
	NetworkCallingDevice    *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice     *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice  *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData         *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions      `xml:"extensions,omitempty"`
}

// QueuedEvent reports that a call was queued.
type QueuedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string           `xml:"monitorCrossRefID"`
	QueuedConnection        ConnectionID     `xml:"queuedConnection"`
	Queue                   DeviceRole       `xml:"queue"`
	CallingDevice           DeviceRole       `xml:"callingDevice"`
	CalledDevice            DeviceRole       `xml:"calledDevice"`
	LastRedirectionDevice   DeviceRole       `xml:"lastRedirectionDevice"`
	NumberQueued            *int             `xml:"numberQueued,omitempty"`
	CallsInFront            *int             `xml:"callsInFront,omitempty"`
	LocalConnectionInfo     string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string           `xml:"correlatorData,omitempty"`
	UserData                *UserData        `xml:"userData,omitempty"`
	Cause                   string           `xml:"cause"`
	NetworkCallingDevice    *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice     *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice  *DeviceRole      `xml:"associatedCalledDevice,omitempty"`
	CallLinkageData         *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions      `xml:"extensions,omitempty"`
}

// RetrievedEvent reports that a held call was taken back.
type RetrievedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string                 `xml:"monitorCrossRefID"`
	RetrievedConnection     ConnectionID           `xml:"retrievedConnection"`
	RetrievingDevice        DeviceRole             `xml:"retrievingDevice"`
	LocalConnectionInfo     string                 `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string                 `xml:"correlatorData,omitempty"`
	Cause                   string                 `xml:"cause"`
	RetrievedConnectionInfo *ConnectionInformation `xml:"retrievedConnectionInfo,omitempty"`
	CallLinkageData         *CallLinkageData       `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions            `xml:"extensions,omitempty"`
}

// ServiceInitiatedEvent reports that a device went off-hook or a service
// started a connection there.
type ServiceInitiatedEvent struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string           `xml:"monitorCrossRefID"`
	InitiatedConnection     ConnectionID     `xml:"initiatedConnection"`
	InitiatingDevice        DeviceRole       `xml:"initiatingDevice"`
	CalledDevice            *DeviceRole      `xml:"calledDevice,omitempty"`
	LocalConnectionInfo     string           `xml:"localConnectionInfo,omitempty"`
	CorrelatorData          string           `xml:"correlatorData,omitempty"`
	Cause                   string           `xml:"cause"`
	NetworkCallingDevice    *DeviceRole      `xml:"networkCallingDevice,omitempty"`
	NetworkCalledDevice     *DeviceRole      `xml:"networkCalledDevice,omitempty"`
	AssociatedCallingDevice *DeviceRole      `xml:"associatedCallingDevice,omitempty"`
	CallLinkageData         *CallLinkageData `xml:"callLinkageData,omitempty"`
	Extensions              *Extensions      `xml:"extensions,omitempty"`
}

// TransferredEvent reports that a device transferred a call and left it.
type TransferredEvent struct {
	XMLName                xml.Name
	MonitorCrossRefID      string               `xml:"monitorCrossRefID"`
	PrimaryOldCall         ConnectionID         `xml:"primaryOldCall"`
	SecondaryOldCall       *ConnectionID        `xml:"secondaryOldCall,omitempty"`
	TransferringDevice     DeviceRole           `xml:"transferringDevice"`
	TransferredToDevice    DeviceRole           `xml:"transferredToDevice"`
	TransferredConnections ConnectionList       `xml:"transferredConnections"`
	LocalConnectionInfo    string               `xml:"localConnectionInfo,omitempty"`
	CorrelatorData         string               `xml:"correlatorData,omitempty"`
	UserData               *UserData            `xml:"userData,omitempty"`
	ChargingInfo           *ChargingInfo        `xml:"chargingInfo,omitempty"`
	Cause                  string               `xml:"cause"`
	CallLinkageDataList    *CallLinkageDataList `xml:"callLinkageDataList,omitempty"`
	Extensions             *Extensions          `xml:"extensions,omitempty"`
}
