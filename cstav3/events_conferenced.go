package cstav3

import "github.com/cstav3/cstav3/ber"

func init() { register[ConferencedEvent](EventConferenced) }

// ConferencedEvent reports that two calls were joined into one conference
// (ECMA-269 17.2.3): AddedParty joined the call of ConferencingDevice.
type ConferencedEvent struct {
	PrimaryOldCall         ConnectionID
	SecondaryOldCall       ConnectionID // optional
	ConferencingDevice     Device
	AddedParty             Device
	ConferenceConnections  ConnectionList
	HasLocalConnectionInfo bool
	LocalConnectionInfo    ConnectionState
	CorrelatorData         []byte   // optional [1]
	UserData               UserData // optional
	Cause                  EventCause
	CallLinkageDataList    CallLinkageDataList // optional [6]
	// Optional elements kept encoded: servicesPermitted [2],
	// mediaCallCharacteristics [3], callCharacteristics [4],
	// languagePreferences [7], deviceHistory [8], locationInfo [9].
	Unmodelled Unmodelled
	// Extensions is sent as [5] IMPLICIT here, not [APPLICATION 30].
	Extensions CommonArguments
}

var tagConferencedExtensions = ber.Context(5).Constructed()

// Type returns EventConferenced.
func (*ConferencedEvent) Type() EventType { return EventConferenced }

func (e *ConferencedEvent) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		e.PrimaryOldCall.encode(b, tagConnectionID)
		if !e.SecondaryOldCall.IsZero() {
			e.SecondaryOldCall.encode(b, tagConnectionID)
		}
		e.ConferencingDevice.encodeRole(b, tagSubjectDevice)
		e.AddedParty.encodeRole(b, tagSubjectDevice)
		e.ConferenceConnections.encode(b, ber.TagSequence)
		addOptEnum(b, tagConnectionState, e.HasLocalConnectionInfo, e.LocalConnectionInfo)
		addOptOctets(b, ber.Context(1), e.CorrelatorData)
		e.UserData.encode(b)
		b.AddInt(ber.TagEnumerated, int(e.Cause))
		e.Unmodelled.encodeRange(b, 2, 4)
		if !e.CallLinkageDataList.IsZero() {
			e.CallLinkageDataList.encode(b, ber.Context(6).Constructed())
		}
		e.Unmodelled.encodeRange(b, 7, 9)
		confEncodeExtensions(b, &e.Extensions, tagConferencedExtensions)
	})
}

func (e *ConferencedEvent) decode(el ber.Element) error {
	*e = ConferencedEvent{}
	var d fieldDecoder
	r := el.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagConnectionID:
			if !d.seen(0) {
				err = ber.Field("primaryOldCall", e.PrimaryOldCall.decode(f))
			} else {
				err = ber.Field("secondaryOldCall", e.SecondaryOldCall.decode(f))
			}
		case tagSubjectDevice:
			if !d.seen(1) {
				err = ber.Field("conferencingDevice", e.ConferencingDevice.decodeRole(f))
			} else {
				d.seen(2)
				err = ber.Field("addedParty", e.AddedParty.decodeRole(f))
			}
		case ber.TagSequence:
			d.seen(3)
			err = ber.Field("conferenceConnections", e.ConferenceConnections.decode(f))
		case tagConnectionState:
			err = optEnumField("localConnectionInfo", &e.HasLocalConnectionInfo, &e.LocalConnectionInfo, f)
		case ber.Context(1):
			err = octetsField("correlatorData", &e.CorrelatorData, f)
		case tagUserData:
			err = ber.Field("userData", e.UserData.decode(f))
		case ber.TagEnumerated:
			d.seen(4)
			err = ber.Field("cause", decodeEnum(f, &e.Cause))
		case ber.Context(6).Constructed():
			err = ber.Field("callLinkageDataList", e.CallLinkageDataList.decode(f))
		case tagConferencedExtensions:
			err = ber.Field("extensions", e.Extensions.decode(f))
		default:
			e.Unmodelled.keep(f, 2, 9)
		}
		if err != nil {
			return err
		}
	}
	return d.require(el, "primaryOldCall", "conferencingDevice", "addedParty", "conferenceConnections", "cause")
}

// confEncodeExtensions writes c, if not empty, with tag t in place of its
// own [APPLICATION 30], for the events whose extensions field is implicitly
// re-tagged.
func confEncodeExtensions(b *ber.Builder, c *CommonArguments, t ber.Tag) {
	if c.IsZero() {
		return
	}
	var tmp ber.Builder
	c.encode(&tmp)
	raw, err := tmp.Bytes()
	if err != nil {
		b.SetError(err)
		return
	}
	r := ber.NewReader(raw)
	x, err := r.Next()
	if err != nil {
		b.SetError(err)
		return
	}
	b.AddConstructed(t, func(b *ber.Builder) { b.AddRaw(x.Content()) })
}
