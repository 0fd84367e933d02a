package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[FailedEvent](EventFailed) }

// FailedEvent reports that a call cannot be completed, or that a connection
// has entered the fail state, e.g. because the called device is busy
// (ECMA-269 17.2.9).
type FailedEvent struct {
	FailedConnection         ConnectionID
	FailingDevice            Device
	CallingDevice            Device
	CalledDevice             Device
	LastRedirectionDevice    Device
	OriginatingNIDConnection *ConnectionID // optional
	HasLocalConnectionInfo   bool
	LocalConnectionInfo      ConnectionState
	CorrelatorData           []byte   // optional [0]
	UserData                 UserData // optional
	Cause                    EventCause
	NetworkCallingDevice     Device           // optional
	NetworkCalledDevice      Device           // optional
	AssociatedCallingDevice  Device           // optional
	AssociatedCalledDevice   Device           // optional
	CallLinkageData          *CallLinkageData // optional [5]
	// Optional elements kept encoded: servicesPermitted [1],
	// mediaCallCharacteristics [2], callCharacteristics [3],
	// failedConnectionInfo [4], subjectOfCall [6], messageInfo [7],
	// languagePreferences [8], deviceHistory [9], locationInfo [10].
	Unmodelled Unmodelled
	Extensions CommonArguments
}

// Type returns EventFailed.
func (*FailedEvent) Type() EventType { return EventFailed }

// FailedEvent has DeliveredEvent's ASN.1 layout, with other names for its
// first two fields: its codec is DeliveredEvent's, through these two
// conversions.

func (e *FailedEvent) encode(b *ber.Builder, t ber.Tag) {
	d := DeliveredEvent{Connection: e.FailedConnection, AlertingDevice: e.FailingDevice,
		CallingDevice: e.CallingDevice, CalledDevice: e.CalledDevice, LastRedirectionDevice: e.LastRedirectionDevice,
		OriginatingNIDConnection: e.OriginatingNIDConnection, HasLocalConnectionInfo: e.HasLocalConnectionInfo,
		LocalConnectionInfo: e.LocalConnectionInfo, CorrelatorData: e.CorrelatorData, UserData: e.UserData,
		Cause: e.Cause, NetworkCallingDevice: e.NetworkCallingDevice, NetworkCalledDevice: e.NetworkCalledDevice,
		AssociatedCallingDevice: e.AssociatedCallingDevice, AssociatedCalledDevice: e.AssociatedCalledDevice,
		CallLinkageData: e.CallLinkageData, Unmodelled: e.Unmodelled, Extensions: e.Extensions}
	d.encode(b, t)
}

func (e *FailedEvent) decode(el ber.Element) error {
	var d DeliveredEvent
	err := d.decodeNamed(el, "failedConnection", "failingDevice")
	*e = FailedEvent{FailedConnection: d.Connection, FailingDevice: d.AlertingDevice,
		CallingDevice: d.CallingDevice, CalledDevice: d.CalledDevice, LastRedirectionDevice: d.LastRedirectionDevice,
		OriginatingNIDConnection: d.OriginatingNIDConnection, HasLocalConnectionInfo: d.HasLocalConnectionInfo,
		LocalConnectionInfo: d.LocalConnectionInfo, CorrelatorData: d.CorrelatorData, UserData: d.UserData,
		Cause: d.Cause, NetworkCallingDevice: d.NetworkCallingDevice, NetworkCalledDevice: d.NetworkCalledDevice,
		AssociatedCallingDevice: d.AssociatedCallingDevice, AssociatedCalledDevice: d.AssociatedCalledDevice,
		CallLinkageData: d.CallLinkageData, Unmodelled: d.Unmodelled, Extensions: d.Extensions}
	return err
}
