package ecma323

import "encoding/xml"

// Monitoring, snapshot and system status services (ECMA-269 clauses 15, 16
// and 12 of ECMA-323). Cross-references are the bridge's own text, not the
// switch's: MonitorStartResponse hands one to the consumer and every event
// and MonitorStop carries it back.

// MonitorObject is the device or call a monitor watches.
type MonitorObject struct {
	DeviceObject *DeviceID     `xml:"deviceObject,omitempty"`
	CallObject   *ConnectionID `xml:"callObject,omitempty"`
}

// MonitorStart asks for the events of a device or call.
type MonitorStart struct {
	XMLName                    xml.Name
	MonitorObject              MonitorObject  `xml:"monitorObject"`
	RequestedMonitorFilter     *MonitorFilter `xml:"requestedMonitorFilter,omitempty"`
	MonitorType                string         `xml:"monitorType,omitempty"`
	RequestedMonitorMediaClass *Flags         `xml:"requestedMonitorMediaClass,omitempty"`
	Extensions                 *Extensions    `xml:"extensions,omitempty"`
}

// MonitorStartResponse names the new monitor.
type MonitorStartResponse struct {
	XMLName                 xml.Name
	MonitorCrossRefID       string         `xml:"monitorCrossRefID"`
	ActualMonitorFilter     *MonitorFilter `xml:"actualMonitorFilter,omitempty"`
	ActualMonitorMediaClass *Flags         `xml:"actualMonitorMediaClass,omitempty"`
	MonitorExistingCalls    *bool          `xml:"monitorExistingCalls,omitempty"`
	Extensions              *Extensions    `xml:"extensions,omitempty"`
}

// MonitorStop ends a monitor.
type MonitorStop struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// MonitorStopResponse acknowledges MonitorStop.
type MonitorStopResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// ChangeMonitorFilter replaces a monitor's filter.
type ChangeMonitorFilter struct {
	XMLName             xml.Name
	MonitorCrossRefID   string        `xml:"monitorCrossRefID"`
	RequestedFilterList MonitorFilter `xml:"requestedFilterList"`
	Extensions          *Extensions   `xml:"extensions,omitempty"`
}

// ChangeMonitorFilterResponse reports the filter in force.
type ChangeMonitorFilterResponse struct {
	XMLName          xml.Name
	ActualFilterList *MonitorFilter `xml:"actualFilterList,omitempty"`
	Extensions       *Extensions    `xml:"extensions,omitempty"`
}

// SnapshotDevice asks for the calls at a device.
type SnapshotDevice struct {
	XMLName        xml.Name
	SnapshotObject DeviceID    `xml:"snapshotObject"`
	Extensions     *Extensions `xml:"extensions,omitempty"`
}

// SnapshotDeviceResponse lists the calls at the device (seed 000 has one).
type SnapshotDeviceResponse struct {
	XMLName                  xml.Name
	CrossRefIDorSnapshotData SnapshotDeviceChoice `xml:"crossRefIDorSnapshotData"`
	Extensions               *Extensions          `xml:"extensions,omitempty"`
}

// SnapshotDeviceChoice holds the snapshot, or a serviceCrossRefID (hex)
// under which it will come.
type SnapshotDeviceChoice struct {
	ServiceCrossRefID string              `xml:"serviceCrossRefID,omitempty"`
	SnapshotData      *SnapshotDeviceData `xml:"snapshotData,omitempty"`
}

// SnapshotDeviceData lists the calls at a device.
type SnapshotDeviceData struct {
	Items []SnapshotDeviceResponseInfo `xml:"snapshotDeviceResponseInfo"`
}

// SnapshotDeviceResponseInfo is one call at the device.
type SnapshotDeviceResponseInfo struct {
	ConnectionIdentifier ConnectionID     `xml:"connectionIdentifier"`
	EndpointDevice       *DeviceRole      `xml:"endpointDevice,omitempty"`
	LocalCallState       CallState        `xml:"localCallState"`
	CallLinkageData      *CallLinkageData `xml:"callLinkageData,omitempty"`
}

// CallState is the state of a call: every device's connection state
// (compound), one simpleCallState value, or unknown.
type CallState struct {
	CompoundCallState *CompoundCallState `xml:"compoundCallState,omitempty"`
	SimpleCallState   string             `xml:"simpleCallState,omitempty"`
	Unknown           *Empty             `xml:"unknown,omitempty"`
}

// CompoundCallState lists connection states, the snapshot device's first.
type CompoundCallState struct {
	LocalConnectionState []string `xml:"localConnectionState"`
}

// SnapshotCall asks for the devices in a call.
type SnapshotCall struct {
	XMLName        xml.Name
	SnapshotObject ConnectionID `xml:"snapshotObject"`
	Extensions     *Extensions  `xml:"extensions,omitempty"`
}

// SnapshotCallResponse lists the devices in the call.
type SnapshotCallResponse struct {
	XMLName                  xml.Name
	CrossRefIDorSnapshotData SnapshotCallChoice `xml:"crossRefIDorSnapshotData"`
	CallCharacteristics      *Flags             `xml:"callCharacteristics,omitempty"`
	CallingDevice            *DeviceRole        `xml:"callingDevice,omitempty"`
	CalledDevice             *DeviceRole        `xml:"calledDevice,omitempty"`
	AssociatedCallingDevice  *DeviceRole        `xml:"associatedCallingDevice,omitempty"`
	AssociatedCalledDevice   *DeviceRole        `xml:"associatedCalledDevice,omitempty"`
	CorrelatorData           string             `xml:"correlatorData,omitempty"`
	CallLinkageData          *CallLinkageData   `xml:"callLinkageData,omitempty"`
	Extensions               *Extensions        `xml:"extensions,omitempty"`
}

// SnapshotCallChoice holds the snapshot or a serviceCrossRefID (hex).
type SnapshotCallChoice struct {
	ServiceCrossRefID string            `xml:"serviceCrossRefID,omitempty"`
	SnapshotData      *SnapshotCallData `xml:"snapshotData,omitempty"`
}

// SnapshotCallData lists the devices in a call.
type SnapshotCallData struct {
	Items []SnapshotCallResponseInfo `xml:"snapshotCallResponseInfo"`
}

// SnapshotCallResponseInfo is one device in the call.
type SnapshotCallResponseInfo struct {
	DeviceOnCall         DeviceRole    `xml:"deviceOnCall"`
	CallIdentifier       *ConnectionID `xml:"callIdentifier,omitempty"`
	LocalConnectionState string        `xml:"localConnectionState,omitempty"`
}

// SystemStatus reports the sender's system state; either side sends it.
type SystemStatus struct {
	XMLName           xml.Name
	SysStatRegisterID string      `xml:"sysStatRegisterID,omitempty"`
	SystemStatus      string      `xml:"systemStatus"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// SystemStatusResponse acknowledges SystemStatus.
type SystemStatusResponse struct {
	XMLName    xml.Name
	Extensions *Extensions `xml:"extensions,omitempty"`
}

// RequestSystemStatus asks for the other side's system state (uaCSTA sends
// it first on a new link, seed 003).
type RequestSystemStatus struct {
	XMLName           xml.Name
	SysStatRegisterID string      `xml:"sysStatRegisterID,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// RequestSystemStatusResponse reports the system state.
type RequestSystemStatusResponse struct {
	XMLName      xml.Name
	SystemStatus string      `xml:"systemStatus"`
	Extensions   *Extensions `xml:"extensions,omitempty"`
}
