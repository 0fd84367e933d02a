package cstav3

// The events of events_a_test.go cut short and with bad elements: every
// decoder returns a typed error, never a panic.

import (
	"errors"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// evaEventOffset returns the offset of the content of the event element in
// an event report invoke.
func evaEventOffset(t testing.TB, data []byte) int {
	t.Helper()
	r := ber.NewReader(data)
	e, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	rr := e.Reader()
	var arg ber.Element
	for !rr.Empty() {
		if arg, err = rr.Next(); err != nil {
			t.Fatal(err)
		}
	}
	ar := arg.Reader()
	if _, err := ar.Next(); err != nil { // crossRefIdentifier
		t.Fatal(err)
	}
	cat, err := ar.Next()
	if err != nil {
		t.Fatal(err)
	}
	ev, err := explicitInner(cat)
	if err != nil {
		t.Fatal(err)
	}
	return ev.ContentOffset()
}

// evaCut removes everything from offset p on from the element at the start
// of raw and rewrites the lengths of the constructed elements that contain p
// to fit. It reports whether p fell on an element boundary and returns the
// tags of the elements that contained p, outermost first.
func evaCut(raw []byte, p int) ([]byte, bool, []ber.Tag) {
	if p == 0 {
		return nil, true, nil
	}
	r := ber.NewReader(raw)
	e, err := r.Next()
	if err != nil || p >= len(e.Raw) {
		return raw, true, nil
	}
	path := []ber.Tag{e.Tag}
	if p <= e.Header() || !e.Tag.IsConstructed() {
		return raw[:p], false, path
	}
	var content []byte
	boundary := false
	cr := e.Reader()
	off := e.Header()
	for !cr.Empty() {
		c, err := cr.Next()
		if err != nil {
			break
		}
		end := off + len(c.Raw)
		if end <= p {
			content = append(content, c.Raw...)
			off = end
			if end == p {
				boundary = true
				break
			}
			continue
		}
		sub, b, subPath := evaCut(c.Raw, p-off)
		content = append(content, sub...)
		boundary = b
		path = append(path, subPath...)
		break
	}
	tagLen := 1
	if raw[0]&0x1F == 0x1F {
		for tagLen < len(raw) && raw[tagLen]&0x80 != 0 {
			tagLen++
		}
		tagLen++
	}
	out := append([]byte{}, raw[:tagLen]...)
	switch n := len(content); {
	case n < 0x80:
		out = append(out, byte(n))
	case n < 0x100:
		out = append(out, 0x81, byte(n))
	default:
		out = append(out, 0x82, byte(n>>8), byte(n))
	}
	return append(out, content...), boundary, path
}

// evaInsideOpaque reports whether a cut path runs through an element the
// package keeps encoded without walking it (privateData of the extensions),
// where a cut goes unnoticed.
func evaInsideOpaque(path []ber.Tag) bool {
	for i := 1; i < len(path); i++ {
		if path[i] == tagPrivateData && (path[i-1] == tagCommonArguments || path[i-1] == tagConferencedExtensions) {
			return true
		}
	}
	return false
}

// evaArgument builds an event report argument whose event, with context tag
// n of the call-control category, has the content f writes.
func evaArgument(n uint32, f func(b *ber.Builder)) []byte {
	var b ber.Builder
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddBytes(tagCrossRef, []byte{0, 1})
		b.AddConstructed(ber.Context(0), func(b *ber.Builder) {
			b.AddConstructed(ber.Context(n), f)
		})
	})
	out, _ := b.Bytes()
	return out
}

func TestCallControlEventsAErrors(t *testing.T) {
	conn := evaConn(evaB164, "100")
	dev := evaDev("100")
	head := func(b *ber.Builder) {
		conn.encode(b, tagConnectionID)
		dev.encodeRole(b, tagSubjectDevice)
		dev.encodeRole(b, tagSubjectDevice)
	}
	cause := func(b *ber.Builder) { b.AddInt(ber.TagEnumerated, int(CauseTransfer)) }
	entry := func(f func(b *ber.Builder)) func(b *ber.Builder) {
		return func(b *ber.Builder) {
			head(b)
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
				b.AddConstructed(ber.TagSequence, f)
			})
			cause(b)
		}
	}
	tests := []struct {
		name string
		arg  []byte
		err  error
		path string
	}{
		{"conferenced entry not a SEQUENCE", evaArgument(2, func(b *ber.Builder) {
			head(b)
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) { b.AddBytes(ber.TagOctetString, nil) })
			cause(b)
		}), ber.ErrTag, "ConferencedEvent.conferenceConnections.0"},
		{"endpoint with a wrong alternative", evaArgument(2, entry(func(b *ber.Builder) {
			b.AddConstructed(tagListEndpoint, func(b *ber.Builder) { b.AddNull(ber.Context(2)) })
		})), ber.ErrTag, "ConferencedEvent.conferenceConnections.0.endpoint"},
		{"associatedNID cannot be restricted", evaArgument(2, entry(func(b *ber.Builder) {
			b.AddConstructed(tagListAssociatedNID, func(b *ber.Builder) {
				b.AddConstructed(tagListRestricted, func(b *ber.Builder) { b.AddNull(ber.TagNull) })
			})
		})), ber.ErrTag, "ConferencedEvent.conferenceConnections.0.associatedNID"},
		{"restricted endpoint that is not NULL", evaArgument(2, entry(func(b *ber.Builder) {
			b.AddConstructed(tagListEndpoint, func(b *ber.Builder) {
				b.AddConstructed(tagListRestricted, func(b *ber.Builder) { b.AddBool(ber.TagBoolean, true) })
			})
		})), ber.ErrTag, "ConferencedEvent.conferenceConnections.0.endpoint.restricted"},
		{"newConnection not a ConnectionID", evaArgument(2, entry(func(b *ber.Builder) {
			b.AddConstructed(tagListNewConnection, func(b *ber.Builder) { b.AddBytes(ber.Context(0), evaB164) })
		})), ber.ErrTag, "ConferencedEvent.conferenceConnections.0.newConnection"},
		{"empty oldConnection", evaArgument(2, entry(func(b *ber.Builder) {
			b.AddConstructed(tagListOldConnection, func(b *ber.Builder) {})
		})), ber.ErrTruncated, "ConferencedEvent.conferenceConnections.0.oldConnection"},
		{"conferenced without addedParty", evaArgument(2, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			dev.encodeRole(b, tagSubjectDevice)
			b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {})
			cause(b)
		}), ber.ErrMissing, "ConferencedEvent.addedParty"},
		{"transferred without transferredConnections", evaArgument(17, func(b *ber.Builder) {
			head(b)
			cause(b)
		}), ber.ErrMissing, "TransferredEvent.transferredConnections"},
		{"chargingInfo with a wrong numberUnits", evaArgument(17, func(b *ber.Builder) {
			head(b)
			ConnectionList{}.encode(b, tagTransferredConnections)
			b.AddConstructed(ber.Context(3), func(b *ber.Builder) {
				b.AddConstructed(ber.Context(2), func(b *ber.Builder) {})
				b.AddInt(ber.TagEnumerated, 1)
			})
			cause(b)
		}), ber.ErrTag, "TransferredEvent.chargingInfo.numberUnits"},
		{"chargingInfo without typeOfChargingInfo", evaArgument(17, func(b *ber.Builder) {
			head(b)
			ConnectionList{}.encode(b, tagTransferredConnections)
			b.AddConstructed(ber.Context(3), func(b *ber.Builder) {
				b.AddConstructed(tagNumberOfChargeUnits, func(b *ber.Builder) {})
			})
			cause(b)
		}), ber.ErrMissing, "TransferredEvent.chargingInfo.typeOfChargingInfo"},
		{"currency without amount", evaArgument(3, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			dev.encodeRole(b, tagSubjectDevice)
			b.AddConstructed(ber.Context(1), func(b *ber.Builder) {
				b.AddConstructed(tagNumberOfCurrencyUnits, func(b *ber.Builder) {
					b.AddBytes(ber.TagOctetString, nil)
				})
				b.AddInt(ber.TagEnumerated, 1)
			})
			cause(b)
		}), ber.ErrMissing, "ConnectionClearedEvent.chargingInfo.numberUnits.numberOfCurrencyUnits.currencyAmount"},
		{"callLinkageDataList without old", evaArgument(2, func(b *ber.Builder) {
			head(b)
			ConnectionList{}.encode(b, ber.TagSequence)
			cause(b)
			b.AddConstructed(ber.Context(6), func(b *ber.Builder) {
				evaLinkageShort.encode(b, ber.TagSequence)
			})
		}), ber.ErrMissing, "ConferencedEvent.callLinkageDataList.oldCallLinkageData"},
		{"connection both without deviceID", evaArgument(3, func(b *ber.Builder) {
			b.AddConstructed(tagConnectionID, func(b *ber.Builder) {
				b.AddConstructed(ber.TagSequence, func(b *ber.Builder) { b.AddBytes(ber.Context(0), evaB164) })
			})
			dev.encodeRole(b, tagSubjectDevice)
			cause(b)
		}), ber.ErrMissing, "ConnectionClearedEvent.droppedConnection.both.deviceID"},
		{"connection both of unknown elements only", evaArgument(3, func(b *ber.Builder) {
			b.AddConstructed(tagConnectionID, func(b *ber.Builder) {
				b.AddConstructed(ber.TagSequence, func(b *ber.Builder) { b.AddNull(ber.Context(7)) })
			})
			dev.encodeRole(b, tagSubjectDevice)
			cause(b)
		}), ber.ErrMissing, "ConnectionClearedEvent.droppedConnection.both.callID"},
		{"connectionCleared without cause", evaArgument(3, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			dev.encodeRole(b, tagSubjectDevice)
		}), ber.ErrMissing, "ConnectionClearedEvent.cause"},
		{"callCleared without clearedCall", evaArgument(1, cause), ber.ErrMissing, "CallClearedEvent.clearedCall"},
		{"established without lastRedirectionDevice", evaArgument(7, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			dev.encodeRole(b, tagSubjectDevice)
			dev.encodeRole(b, tagCallingDevice)
			dev.encodeRole(b, tagCalledDevice)
			cause(b)
		}), ber.ErrMissing, "EstablishedEvent.lastRedirectionDevice"},
		{"bridged with a bad connectionInfo", evaArgument(0, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			dev.encodeRole(b, tagSubjectDevice)
			cause(b)
			b.AddConstructed(ber.Context(4), func(b *ber.Builder) { b.AddBytes(ber.TagEnumerated, nil) })
		}), ber.ErrInvalid, "BridgedEvent.bridgedConnectionInfo.flowDirection"},
		{"held without holdingDevice", evaArgument(9, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			cause(b)
		}), ber.ErrMissing, "HeldEvent.holdingDevice"},
		{"retrieved with a bad device", evaArgument(15, func(b *ber.Builder) {
			conn.encode(b, tagConnectionID)
			b.AddConstructed(tagSubjectDevice, func(b *ber.Builder) { b.AddNull(ber.Context(9)) })
			cause(b)
		}), ber.ErrTag, "RetrievedEvent.retrievingDevice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeEventReport(tc.arg)
			var se *ber.SyntaxError
			if !errors.Is(err, tc.err) || !errors.As(err, &se) {
				t.Fatalf("err %v, want %v", err, tc.err)
			}
			if se.Path != tc.path {
				t.Errorf("path %q, want %q (%v)", se.Path, tc.path, err)
			}
		})
	}
}
