package cstav3

import (
	"context"
	"fmt"
)

// Typed forms of Do for the services of ECMA-269 a CTI application uses. For
// options these do not expose (account codes, user data, correlator data …)
// build the argument struct and call Do.

// do sends arg and asserts the type of the result.
func do[R Result](ctx context.Context, c *Client, arg Argument) (R, error) {
	var zero R
	res, err := c.Do(ctx, arg)
	if err != nil {
		return zero, err
	}
	r, ok := res.(R)
	if !ok {
		return zero, fmt.Errorf("cstav3: %v: unexpected result %T", arg.Opcode(), res)
	}
	return r, nil
}

// doNoData sends arg whose result carries nothing a caller needs.
func doNoData(ctx context.Context, c *Client, arg Argument) error {
	_, err := c.Do(ctx, arg)
	return err
}

// MakeCall sets up a call from calling to called (ECMA-269 17.1.8). The
// result names the calling device's connection to the new call.
func (c *Client) MakeCall(ctx context.Context, calling, called DeviceID) (*MakeCallResult, error) {
	return do[*MakeCallResult](ctx, c, &MakeCallArgument{CallingDevice: calling, CalledDirectoryNumber: called})
}

// AnswerCall answers the alerting connection conn.
func (c *Client) AnswerCall(ctx context.Context, conn ConnectionID) error {
	return doNoData(ctx, c, &AnswerCallArgument{CallToBeAnswered: conn})
}

// ClearConnection releases one device's connection from a call.
func (c *Client) ClearConnection(ctx context.Context, conn ConnectionID) error {
	return doNoData(ctx, c, &ClearConnectionArgument{ConnectionToBeCleared: conn})
}

// ClearCall releases every connection of the call conn belongs to.
func (c *Client) ClearCall(ctx context.Context, conn ConnectionID) error {
	return doNoData(ctx, c, &ClearCallArgument{CallToBeCleared: conn})
}

// HoldCall puts the connection on hold.
func (c *Client) HoldCall(ctx context.Context, conn ConnectionID) error {
	return doNoData(ctx, c, &HoldCallArgument{CallToBeHeld: conn})
}

// RetrieveCall takes a held connection back.
func (c *Client) RetrieveCall(ctx context.Context, conn ConnectionID) error {
	return doNoData(ctx, c, &RetrieveCallArgument{CallToBeRetrieved: conn})
}

// ConsultationCall holds existing and calls consulted from the same device.
func (c *Client) ConsultationCall(ctx context.Context, existing ConnectionID, consulted DeviceID) (*ConsultationCallResult, error) {
	return do[*ConsultationCallResult](ctx, c, &ConsultationCallArgument{ExistingCall: existing, ConsultedDevice: consulted})
}

// TransferCall joins the held and active calls of a device and drops it.
func (c *Client) TransferCall(ctx context.Context, held, active ConnectionID) (*TransferCallResult, error) {
	return do[*TransferCallResult](ctx, c, &TransferCallArgument{HeldCall: held, ActiveCall: active})
}

// SingleStepTransferCall transfers the active call to a device without a
// consultation call.
func (c *Client) SingleStepTransferCall(ctx context.Context, active ConnectionID, to DeviceID) (*SingleStepTransferCallResult, error) {
	return do[*SingleStepTransferCallResult](ctx, c, &SingleStepTransferCallArgument{ActiveCall: active, TransferredTo: to})
}

// ConferenceCall joins the held and active calls into a conference.
func (c *Client) ConferenceCall(ctx context.Context, held, active ConnectionID) (*ConferenceCallResult, error) {
	return do[*ConferenceCallResult](ctx, c, &ConferenceCallArgument{HeldCall: held, ActiveCall: active})
}

// AlternateCall holds the active call and retrieves the held one.
func (c *Client) AlternateCall(ctx context.Context, held, active ConnectionID) error {
	return doNoData(ctx, c, &AlternateCallArgument{HeldCall: held, ActiveCall: active})
}

// ReconnectCall clears the active call and retrieves the held one.
func (c *Client) ReconnectCall(ctx context.Context, active, held ConnectionID) error {
	return doNoData(ctx, c, &ReconnectCallArgument{ActiveCall: active, HeldCall: held})
}

// DeflectCall diverts an alerting call to another device.
func (c *Client) DeflectCall(ctx context.Context, conn ConnectionID, to DeviceID) error {
	return doNoData(ctx, c, &DeflectCallArgument{CallToBeDiverted: conn, NewDestination: to})
}

// SnapshotDevice returns the calls a device takes part in and their states.
func (c *Client) SnapshotDevice(ctx context.Context, device DeviceID) (*SnapshotDeviceResult, error) {
	return do[*SnapshotDeviceResult](ctx, c, &SnapshotDeviceArgument{SnapshotObject: device})
}

// SnapshotCall returns the devices of a call and their connection states.
func (c *Client) SnapshotCall(ctx context.Context, conn ConnectionID) (*SnapshotCallResult, error) {
	return do[*SnapshotCallResult](ctx, c, &SnapshotCallArgument{SnapshotObject: conn})
}

// SetDisplay writes text on a phone's display (HiPath operation 274).
func (c *Client) SetDisplay(ctx context.Context, device DeviceID, text string) error {
	return doNoData(ctx, c, &SetDisplayArgument{Device: device, ContentsOfDisplay: text})
}

// SystemStatus tells the switch our status; SystemNormal doubles as a
// heartbeat.
func (c *Client) SystemStatus(ctx context.Context, status SystemStatus) error {
	return doNoData(ctx, c, &SystemStatusArgument{SystemStatus: status})
}

// ChangeFilter changes the monitor's filter at the switch; the new filter is
// kept for re-starts after a reconnection.
func (m *Monitor) ChangeFilter(ctx context.Context, f MonitorFilter) (*ChangeMonitorFilterResult, error) {
	xref := m.CrossRef()
	if xref == nil {
		return nil, ErrLinkDown
	}
	r, err := do[*ChangeMonitorFilterResult](ctx, m.c, &ChangeMonitorFilterArgument{CrossRefIdentifier: xref, RequestedFilterList: f})
	if err == nil {
		m.mu.Lock()
		m.cfg.Filter = &f
		m.mu.Unlock()
	}
	return r, err
}
