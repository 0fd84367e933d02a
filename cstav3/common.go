package cstav3

import (
	"time"

	"github.com/cstav3/cstav3/ber"
)

// A Timestamp is a GeneralizedTime as the PBX wrote it, e.g.
// "20100916120000". It is kept as text so that re-encoding is exact and
// decoding costs nothing; Time parses it. HiPath omits the zone: its
// timestamps are the PBX's local time.
type Timestamp string

// TimestampOf formats t as a Timestamp: in UTC with a Z if zoned, else as
// t's wall-clock time without a zone (the HiPath form).
func TimestampOf(t time.Time, zoned bool) Timestamp {
	var b ber.Builder
	b.AddGeneralizedTime(ber.TagGeneralizedTime, t, zoned)
	raw, _ := b.Bytes()
	return Timestamp(raw[2:])
}

// Time parses the timestamp; a zone-less value is read in loc (UTC if nil).
func (ts Timestamp) Time(loc *time.Location) (time.Time, error) {
	var b ber.Builder
	b.AddString(ber.TagGeneralizedTime, string(ts))
	raw, _ := b.Bytes()
	r := ber.NewReader(raw)
	e, err := r.Next()
	if err != nil {
		return time.Time{}, err
	}
	t, _, err := e.GeneralizedTime(loc)
	return t, err
}

// CommonArguments is CSTACommonArguments, the extensions element that ends
// most arguments, results and events: a timestamp and other security data,
// and private data, which is kept encoded for the caller to interpret.
type CommonArguments struct {
	// Security reports whether the security [0] element is present; its
	// fields follow.
	Security          bool
	HasSequenceNumber bool
	SequenceNumber    int64
	Timestamp         Timestamp // "" when absent
	// SecurityInfo is the encoded securityInfo CHOICE element, if present.
	SecurityInfo []byte
	// PrivateData holds the encoded CSTAPrivateData elements of the
	// privateData [1] list, back to back; nil when absent.
	PrivateData []byte
}

// IsZero reports whether no extension is present.
func (c *CommonArguments) IsZero() bool { return !c.Security && c.PrivateData == nil }

var (
	tagCommonArguments = ber.Application(30).Constructed()
	tagSecurity        = ber.Context(0).Constructed()
	tagPrivateData     = ber.Context(1).Constructed()
)

// encode writes the extensions element if any field is set.
func (c *CommonArguments) encode(b *ber.Builder) {
	if c.IsZero() {
		return
	}
	b.AddConstructed(tagCommonArguments, func(b *ber.Builder) {
		if c.Security {
			b.AddConstructed(tagSecurity, func(b *ber.Builder) {
				if c.HasSequenceNumber {
					b.AddInt64(ber.Context(0), c.SequenceNumber)
				}
				if c.Timestamp != "" {
					b.AddString(ber.TagGeneralizedTime, string(c.Timestamp))
				}
				b.AddRaw(c.SecurityInfo)
			})
		}
		if c.PrivateData != nil {
			b.AddConstructed(tagPrivateData, func(b *ber.Builder) {
				b.AddRaw(c.PrivateData)
			})
		}
	})
}

func (c *CommonArguments) decode(e ber.Element) error {
	if c.decodeFast(e) {
		return nil
	}
	return c.decodeFull(e)
}

// decodeFast is decode's fast path for what HiPath sends, security
// { timestamp } and nothing else. It reports false, having changed nothing,
// for anything else.
func (c *CommonArguments) decodeFast(e ber.Element) bool {
	if x, ok := shortContent(e.Content(), 0xA0); ok {
		if ts, ok := shortContent(x, 0x18); ok {
			*c = CommonArguments{Security: true, Timestamp: Timestamp(aliasString(ts))}
			return true
		}
	}
	return false
}

// decodeFull is decode without the fast path.
func (c *CommonArguments) decodeFull(e ber.Element) error {
	*c = CommonArguments{}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case tagSecurity:
			c.Security = true
			if err := c.decodeSecurity(f); err != nil {
				return ber.Field("security", err)
			}
		case tagPrivateData:
			c.PrivateData = f.Content()
			if c.PrivateData == nil {
				c.PrivateData = []byte{}
			}
		}
	}
	return nil
}

func (c *CommonArguments) decodeSecurity(e ber.Element) error {
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.Context(0):
			c.HasSequenceNumber = true
			if c.SequenceNumber, err = f.Int64(); err != nil {
				return ber.Field("messageSequenceNumber", err)
			}
		case ber.TagGeneralizedTime:
			s, err := f.Text()
			if err != nil {
				return ber.Field("timestamp", err)
			}
			c.Timestamp = Timestamp(s)
		case ber.TagOctetString, ber.TagNull:
			c.SecurityInfo = f.Raw
		}
	}
	return nil
}

// CallLinkageData links the parts of a call across switching sub-domains
// (ECMA-269 12.3.5). Its identifiers are octet strings of up to 16 bytes.
type CallLinkageData struct {
	GlobalCallSubDomain string    // globalCallSwitchingSubDomainName, optional
	GlobalCallLinkageID []byte    // the linkage id
	GlobalCallUnique    bool      // globallyUniqueCallLinkageID [1] rather than subDomainCallLinkageID [0]
	GlobalCallTimestamp Timestamp // callLinkageIDTimestamp, optional

	HasThread         bool // threadData present; the fields below follow
	ThreadSubDomain   string
	ThreadLinkageID   []byte
	ThreadUnique      bool
	ThreadIDTimestamp Timestamp
}

// IsZero reports whether no call linkage data is present.
func (l *CallLinkageData) IsZero() bool { return l == nil || l.GlobalCallLinkageID == nil }

// decodeLinkage decodes an optional CallLinkageData into a new value at *p.
func decodeLinkage(p **CallLinkageData, e ber.Element) error {
	l := new(CallLinkageData)
	*p = l
	return l.decode(e)
}

func encodeLinkagePart(b *ber.Builder, sub string, id []byte, unique bool, ts Timestamp) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		if sub != "" {
			b.AddString(ber.TagIA5String, sub)
		}
		n := uint32(0)
		if unique {
			n = 1
		}
		b.AddBytes(ber.Context(n), id)
		if ts != "" {
			b.AddString(ber.TagGeneralizedTime, string(ts))
		}
	})
}

// encode writes the CallLinkageData SEQUENCE with tag t.
func (l *CallLinkageData) encode(b *ber.Builder, t ber.Tag) {
	b.AddConstructed(t, func(b *ber.Builder) {
		encodeLinkagePart(b, l.GlobalCallSubDomain, l.GlobalCallLinkageID, l.GlobalCallUnique, l.GlobalCallTimestamp)
		if l.HasThread {
			encodeLinkagePart(b, l.ThreadSubDomain, l.ThreadLinkageID, l.ThreadUnique, l.ThreadIDTimestamp)
		}
	})
}

func decodeLinkagePart(e ber.Element, sub *string, id *[]byte, unique *bool, ts *Timestamp) error {
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagIA5String:
			if *sub, err = f.Text(); err != nil {
				return err
			}
		case ber.Context(0), ber.Context(1):
			*unique = f.Tag == ber.Context(1)
			if *id, err = f.Bytes(); err != nil {
				return err
			}
			if *id == nil {
				*id = []byte{}
			}
		case ber.TagGeneralizedTime:
			s, err := f.Text()
			if err != nil {
				return err
			}
			*ts = Timestamp(s)
		}
	}
	if *id == nil {
		return missing(e, "linkageID")
	}
	return nil
}

func (l *CallLinkageData) decode(e ber.Element) error {
	*l = CallLinkageData{}
	r := e.Reader()
	g, err := r.Expect(ber.TagSequence)
	if err != nil {
		return ber.Field("globalCallData", err)
	}
	if err := decodeLinkagePart(g, &l.GlobalCallSubDomain, &l.GlobalCallLinkageID, &l.GlobalCallUnique, &l.GlobalCallTimestamp); err != nil {
		return ber.Field("globalCallData", err)
	}
	if t, ok, err := r.Optional(ber.TagSequence); err != nil {
		return ber.Field("threadData", err)
	} else if ok {
		l.HasThread = true
		if err := decodeLinkagePart(t, &l.ThreadSubDomain, &l.ThreadLinkageID, &l.ThreadUnique, &l.ThreadIDTimestamp); err != nil {
			return ber.Field("threadData", err)
		}
	}
	return nil
}
