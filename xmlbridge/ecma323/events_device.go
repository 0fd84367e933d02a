package ecma323

import "encoding/xml"

// Logical device feature events (ECMA-269 21.2) and device maintenance
// events (22.2). Optional enumerations are empty strings when absent.

// DoNotDisturbEvent reports that do-not-disturb was switched on or off.
// callOrigination is the ECMA-323 list form ("internal external").
type DoNotDisturbEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string        `xml:"monitorCrossRefID"`
	Device            DeviceRole    `xml:"device"`
	DoNotDisturbOn    bool          `xml:"doNotDisturbOn"`
	CallOrigination   string        `xml:"callOrigination,omitempty"`
	CallingDeviceList *DeviceIDList `xml:"callingDeviceList,omitempty"`
	Extensions        *Extensions   `xml:"extensions,omitempty"`
}

// DeviceIDList is a list of devices.
type DeviceIDList struct {
	DeviceIDs []DeviceID `xml:"deviceID"`
}

// ForwardingEvent reports that forwarding was switched on or off.
type ForwardingEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	Device            DeviceRole  `xml:"device"`
	ForwardingType    string      `xml:"forwardingType,omitempty"`
	ForwardStatus     bool        `xml:"forwardStatus"`
	ForwardTo         *DeviceID   `xml:"forwardTo,omitempty"`
	ForwardDefault    string      `xml:"forwardDefault,omitempty"`
	RingCount         *int        `xml:"ringCount,omitempty"`
	RingDuration      *int        `xml:"ringDuration,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentLoggedOnEvent reports that an agent logged on. agentID and
// agentPassword are text.
type AgentLoggedOnEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	AgentPassword     string      `xml:"agentPassword,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentLoggedOffEvent reports that an agent logged off.
type AgentLoggedOffEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	AgentPassword     string      `xml:"agentPassword,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentReadyEvent reports that an agent is ready for ACD calls.
type AgentReadyEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentNotReadyEvent reports that an agent is not ready for ACD calls.
type AgentNotReadyEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentBusyEvent reports that an agent is busy with an ACD call.
type AgentBusyEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	PendingAgentState string      `xml:"pendingAgentState,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// AgentWorkingAfterCallEvent reports that an agent does after-call work.
// pendingAgentState is notReady, ready or null here.
type AgentWorkingAfterCallEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	AgentDevice       DeviceRole  `xml:"agentDevice"`
	AgentID           string      `xml:"agentID,omitempty"`
	ACDGroup          *DeviceID   `xml:"acdGroup,omitempty"`
	PendingAgentState string      `xml:"pendingAgentState,omitempty"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// BackInServiceEvent reports that a device works again.
type BackInServiceEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	Device            DeviceRole  `xml:"device"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}

// OutOfServiceEvent reports that a device can no longer be used.
type OutOfServiceEvent struct {
	XMLName           xml.Name
	MonitorCrossRefID string      `xml:"monitorCrossRefID"`
	Device            DeviceRole  `xml:"device"`
	Cause             string      `xml:"cause,omitempty"`
	Extensions        *Extensions `xml:"extensions,omitempty"`
}
