package pace

import (
	"fmt"

	"github.com/cstav3/cstav3/cstav3"
)

// EventTypes are the event types the simulator can pace.
var EventTypes = []string{"Delivered", "Established", "ConnectionCleared", "Held", "Retrieved",
	"Originated", "Transferred"}

// Scratch holds one value of each event type paced: each event is encoded
// as soon as it is built, so one value serves them all. CID is the call id
// (the sequence number) of the next event built.
type Scratch struct {
	CID         [4]byte
	delivered   cstav3.DeliveredEvent
	established cstav3.EstablishedEvent
	cleared     cstav3.ConnectionClearedEvent
	held        cstav3.HeldEvent
	retrieved   cstav3.RetrievedEvent
	originated  cstav3.OriginatedEvent
	transferred cstav3.TransferredEvent
	list        [1]cstav3.ConnectionListEntry
}

// A Builder fills in an event for device dev in s, with s.CID as its call
// id; the event is valid until the next Builder call on s.
type Builder func(s *Scratch, dev cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event

// Builders returns the builders of the event types of mix, in order
// (Delivered only when mix is empty).
func Builders(mix []string) ([]Builder, error) {
	if len(mix) == 0 {
		mix = []string{"Delivered"}
	}
	builds := make([]Builder, len(mix))
	for i, name := range mix {
		if builds[i] = builders[name]; builds[i] == nil {
			return nil, fmt.Errorf("cannot send %q events", name)
		}
	}
	return builds, nil
}

var (
	caller   = cstav3.Dialing("200")
	other    = cstav3.Dialing("201")
	notKnown = cstav3.Device{Status: cstav3.DeviceNotKnown}
)

var builders = map[string]Builder{
	"Delivered": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.delivered = cstav3.DeliveredEvent{Connection: cstav3.NewConnectionID(s.CID[:], d),
			AlertingDevice: cstav3.Known(d), CallingDevice: cstav3.Known(caller), CalledDevice: cstav3.Known(d),
			LastRedirectionDevice: notKnown, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateAlerting,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.delivered
	},
	"Established": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.established = cstav3.EstablishedEvent{EstablishedConnection: cstav3.NewConnectionID(s.CID[:], d),
			AnsweringDevice: cstav3.Known(d), CallingDevice: cstav3.Known(caller), CalledDevice: cstav3.Known(d),
			LastRedirectionDevice: notKnown, HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.established
	},
	"ConnectionCleared": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.cleared = cstav3.ConnectionClearedEvent{DroppedConnection: cstav3.NewConnectionID(s.CID[:], d),
			ReleasingDevice: cstav3.Known(d), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateNull,
			Cause: cstav3.CauseNormalClearing, Extensions: ext}
		return &s.cleared
	},
	"Held": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.held = cstav3.HeldEvent{HeldConnection: cstav3.NewConnectionID(s.CID[:], d), HoldingDevice: cstav3.Known(d),
			HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateHold, Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.held
	},
	"Retrieved": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.retrieved = cstav3.RetrievedEvent{RetrievedConnection: cstav3.NewConnectionID(s.CID[:], d),
			RetrievingDevice: cstav3.Known(d), HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.retrieved
	},
	"Originated": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		s.originated = cstav3.OriginatedEvent{OriginatedConnection: cstav3.NewConnectionID(s.CID[:], d),
			CallingDevice: cstav3.Known(d), CalledDevice: cstav3.Known(caller), HasLocalConnectionInfo: true,
			LocalConnectionInfo: cstav3.StateConnected, Cause: cstav3.CauseNewCall, Extensions: ext}
		return &s.originated
	},
	"Transferred": func(s *Scratch, d cstav3.DeviceID, ext cstav3.CommonArguments) cstav3.Event {
		primary := cstav3.NewConnectionID(s.CID[:], d)
		s.list[0] = cstav3.ConnectionListEntry{NewConnection: primary, OldConnection: primary,
			Endpoint: cstav3.Known(other)}
		s.transferred = cstav3.TransferredEvent{PrimaryOldCall: primary, SecondaryOldCall: primary,
			TransferringDevice: cstav3.Known(d), TransferredToDevice: cstav3.Known(other),
			TransferredConnections: s.list[:], HasLocalConnectionInfo: true, LocalConnectionInfo: cstav3.StateConnected,
			Cause: cstav3.CauseTransfer, Extensions: ext}
		return &s.transferred
	},
}
