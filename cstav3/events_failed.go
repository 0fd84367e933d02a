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

func (e *FailedEvent) encode(b *ber.Builder, t ber.Tag) {
	f := e.fields()
	f.encode(b, t)
}

func (e *FailedEvent) decode(el ber.Element) error {
	*e = FailedEvent{}
	f := e.fields()
	return f.decode(el)
}

// fields lets FailedEvent use DeliveredEvent's codec: the layout is the same.
func (e *FailedEvent) fields() alertingFields {
	return alertingFields{"failedConnection", "failingDevice", &e.FailedConnection, &e.FailingDevice, &e.CallingDevice,
		&e.CalledDevice, &e.LastRedirectionDevice, &e.OriginatingNIDConnection, &e.HasLocalConnectionInfo,
		&e.LocalConnectionInfo, &e.CorrelatorData, &e.UserData, &e.Cause, &e.NetworkCallingDevice,
		&e.NetworkCalledDevice, &e.AssociatedCallingDevice, &e.AssociatedCalledDevice, &e.CallLinkageData,
		&e.Unmodelled, &e.Extensions}
}
