package ecma323

import (
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// eventBox holds an event's XML values and what they point to
// (extensions, connections, list items, short strings), so that mapping a
// call-control event takes one allocation, or none when the box is reused
// (see mapScratch).
type eventBox[T any] struct {
	ev    T
	text  textBuf
	exts  extSlot
	conns [2]ConnectionID
	nconn int
	items []ConnectionListItem
	slots []connListSlot
	list  bool // items and slots hold this event's list
}

// reset clears the box for reuse, keeping the capacity of its lists.
func (b *eventBox[T]) reset() {
	clear(b.items[:cap(b.items)])
	clear(b.slots[:cap(b.slots)])
	*b = eventBox[T]{items: b.items[:0], slots: b.slots[:0]}
}

func (b *eventBox[T]) conn(c cstav3.ConnectionID) ConnectionID { return connToXMLIn(c, &b.text) }

func (b *eventBox[T]) optConn(c cstav3.ConnectionID) *ConnectionID {
	if c.IsZero() {
		return nil
	}
	return b.newConn(c)
}

func (b *eventBox[T]) optConnPtr(c *cstav3.ConnectionID) *ConnectionID {
	if c == nil {
		return nil
	}
	return b.newConn(*c)
}

func (b *eventBox[T]) newConn(c cstav3.ConnectionID) *ConnectionID {
	if b.nconn == len(b.conns) {
		x := connToXML(c)
		return &x
	}
	p := &b.conns[b.nconn]
	b.nconn++
	*p = b.conn(c)
	return p
}

// connList maps a connection list into the box's lists. A box holds one
// list: a second one in the same event gets lists of its own.
func (b *eventBox[T]) connList(l cstav3.ConnectionList) ConnectionList {
	if b.list {
		return connListToXML(l)
	}
	x, slots := connListInto(l, b.items, b.slots)
	b.items, b.slots, b.list = x.Items, slots, true
	return x
}

func (b *eventBox[T]) ext(c *cstav3.CommonArguments) *Extensions {
	return extToXMLIn(c, &b.exts, &b.text)
}

// codecIsText reports whether b can travel as XML text and come back
// unchanged: valid UTF-8 without control characters other than tab.
func codecIsText(b []byte) bool {
	s := string(b)
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t') || r == 0x7F || r == 0xFFFE || r == 0xFFFF {
			return false
		}
	}
	return strings.TrimSpace(s) == s
}

// ext maps extensions back. Private items that are not hex of one BER
// element are vendor XML a switch cannot take; they stay in the XML only.
func (m *codecMapper) ext(path string, x *Extensions) cstav3.CommonArguments {
	var c cstav3.CommonArguments
	if x == nil {
		return c
	}
	if s := x.Security; s != nil {
		c.Security = true
		if s.MessageSequenceNumber != nil {
			c.HasSequenceNumber, c.SequenceNumber = true, *s.MessageSequenceNumber
		}
		c.Timestamp = m.time(path+"/security/timestamp", s.Timestamp)
		c.SecurityInfo = m.hexBytes(path+"/security/securityInfo", strings.TrimSpace(s.SecurityInfo))
	}
	if p := x.PrivateData; p != nil {
		var b ber.Builder
		b.Reset([]byte{})
		for _, s := range p.Strings {
			b.AddString(ber.TagOctetString, s)
		}
		for _, pr := range p.Private {
			raw, err := hex.DecodeString(strings.TrimSpace(pr.Inner))
			if err != nil {
				continue
			}
			r := ber.NewReader(raw)
			if e, err := r.Next(); err == nil && r.Empty() {
				b.AddRaw(e.Raw)
			}
		}
		out, err := b.Bytes()
		if err != nil {
			m.fail(path+"/privateData", "", err.Error())
		}
		c.PrivateData = out
	}
	return c
}
