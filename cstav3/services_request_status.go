package cstav3

import (
	"context"

	"github.com/cstav3/cstav3/ber"
)

// OpRequestSystemStatus asks the other side for its system status
// (ECMA-269 requestSystemStatus; ASN.1 requestSysStat).
const OpRequestSystemStatus Opcode = 210

func init() {
	opcodeNames[OpRequestSystemStatus] = "requestSystemStatus"
	registerOperation(OpRequestSystemStatus,
		func() Argument { return new(RequestSystemStatusArgument) },
		func() Result { return new(RequestSystemStatusResult) })
}

// RequestSystemStatusArgument is RequestSysStatArg.
type RequestSystemStatusArgument struct {
	SysStatRegisterID []byte // optional; nil when absent
	Extensions        CommonArguments
}

// Opcode returns OpRequestSystemStatus.
func (*RequestSystemStatusArgument) Opcode() Opcode { return OpRequestSystemStatus }

func (a *RequestSystemStatusArgument) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		addOptOctets(b, ber.TagOctetString, a.SysStatRegisterID)
		a.Extensions.encode(b)
	})
}

func (a *RequestSystemStatusArgument) decode(e ber.Element) error {
	*a = RequestSystemStatusArgument{}
	if e.Tag != ber.TagSequence {
		return tagError(e)
	}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagOctetString:
			err = octetsField("sysStatRegisterID", &a.SysStatRegisterID, f)
		case tagCommonArguments:
			err = ber.Field("extensions", a.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// RequestSystemStatusResult is RequestSysStatRes: the status reported.
type RequestSystemStatusResult struct {
	SystemStatus SystemStatus
	Extensions   CommonArguments
}

// Opcode returns OpRequestSystemStatus.
func (*RequestSystemStatusResult) Opcode() Opcode { return OpRequestSystemStatus }

func (r *RequestSystemStatusResult) encode(b *ber.Builder) {
	b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
		b.AddInt(ber.TagEnumerated, int(r.SystemStatus))
		r.Extensions.encode(b)
	})
}

func (r *RequestSystemStatusResult) decode(e ber.Element) error {
	*r = RequestSystemStatusResult{}
	if e.Tag != ber.TagSequence {
		return tagError(e)
	}
	var d fieldDecoder
	rd := e.Reader()
	for !rd.Empty() {
		f, err := rd.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.TagEnumerated:
			d.seen(0)
			err = ber.Field("systemStatus", decodeEnum(f, &r.SystemStatus))
		case tagCommonArguments:
			err = ber.Field("extensions", r.Extensions.decode(f))
		}
		if err != nil {
			return err
		}
	}
	return d.require(e, "systemStatus")
}

// RequestSystemStatus asks the switch for its status.
func (c *Client) RequestSystemStatus(ctx context.Context) (SystemStatus, error) {
	r, err := do[*RequestSystemStatusResult](ctx, c, &RequestSystemStatusArgument{})
	if err != nil {
		return 0, err
	}
	return r.SystemStatus, nil
}
