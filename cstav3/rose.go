package cstav3

import (
	"strconv"

	"github.com/cstav3/cstav3/ber"
)

// MessageType is the kind of a ROSE (X.880) PDU.
type MessageType uint8

// ROSE PDU kinds, numbered by their context tags.
const (
	Invoke       MessageType = 1
	ReturnResult MessageType = 2
	ReturnError  MessageType = 3
	Reject       MessageType = 4
)

var messageTypeNames = [...]string{"", "invoke", "returnResult", "returnError", "reject"}

// String returns the ASN.1 name of the PDU kind, e.g. "invoke".
func (t MessageType) String() string {
	if int(t) < len(messageTypeNames) && t != 0 {
		return messageTypeNames[t]
	}
	return "MessageType(" + strconv.Itoa(int(t)) + ")"
}

// A Message is one ROSE PDU. All four kinds share this one struct so that
// decoding costs no allocation; the fields that apply depend on Type.
// Argument (the invoke argument, the result or the error parameter) is kept
// encoded, as a slice of the input, for the layer that knows the operation.
type Message struct {
	Type MessageType
	// InvokeID correlates requests and answers. A Reject may carry no
	// invoke id (NoInvokeID set).
	InvokeID   int64
	NoInvokeID bool
	// LinkedID is the invoke id an Invoke is linked to, if HasLinkedID.
	HasLinkedID bool
	LinkedID    int64
	// Opcode is the operation of an Invoke, and of a ReturnResult that
	// carries a result. Unknown operations keep their number.
	Opcode Opcode
	// Argument is the whole encoded argument (Invoke), result
	// (ReturnResult) or parameter (ReturnError) element; nil if absent.
	Argument []byte
	// ErrorCode is the errcode of a ReturnError (1 is universalFailure).
	ErrorCode int64
	// Problem is the problem of a Reject.
	Problem RejectProblem
}

// RejectProblem says why a PDU was rejected: the kind of PDU that was wrong
// (general, invoke, returnResult, returnError) and the problem code.
type RejectProblem struct {
	Kind RejectKind
	Code int
}

// RejectKind is the alternative of the ROSE Reject problem CHOICE.
type RejectKind uint8

// Reject problem kinds.
const (
	RejectGeneral      RejectKind = 0
	RejectInvoke       RejectKind = 1
	RejectReturnResult RejectKind = 2
	RejectReturnError  RejectKind = 3
)

var rejectProblemNames = [4][]string{
	{"unrecognizedPDU", "mistypedPDU", "badlyStructuredPDU"},
	{"duplicateInvocation", "unrecognizedOperation", "mistypedArgument", "resourceLimitation",
		"releaseInProgress", "unrecognizedLinkedId", "linkedResponseUnexpected", "unexpectedLinkedOperation"},
	{"unrecognizedInvocation", "resultResponseUnexpected", "mistypedResult"},
	{"unrecognizedInvocation", "errorResponseUnexpected", "unrecognizedError", "unexpectedError", "mistypedParameter"},
}

var rejectKindNames = [...]string{"general", "invoke", "returnResult", "returnError"}

// String returns the kind and the problem by their ASN.1 names, e.g.
// "invoke-unrecognizedOperation".
func (p RejectProblem) String() string {
	if int(p.Kind) >= len(rejectProblemNames) {
		return "reject(" + strconv.Itoa(int(p.Kind)) + "," + strconv.Itoa(p.Code) + ")"
	}
	names := rejectProblemNames[p.Kind]
	if p.Code >= 0 && p.Code < len(names) {
		return rejectKindNames[p.Kind] + "-" + names[p.Code]
	}
	return rejectKindNames[p.Kind] + "-" + strconv.Itoa(p.Code)
}

// Common reject problems.
var (
	ProblemUnrecognizedPDU       = RejectProblem{RejectGeneral, 0}
	ProblemMistypedPDU           = RejectProblem{RejectGeneral, 1}
	ProblemBadlyStructuredPDU    = RejectProblem{RejectGeneral, 2}
	ProblemUnrecognizedOperation = RejectProblem{RejectInvoke, 1}
	ProblemMistypedArgument      = RejectProblem{RejectInvoke, 2}
	ProblemResourceLimitation    = RejectProblem{RejectInvoke, 3}
)

// Append appends the BER encoding of m to buf.
func (m *Message) Append(buf []byte) ([]byte, error) { return appendWith(buf, m.encode) }

func (m *Message) encode(b *ber.Builder) {
	b.AddConstructed(ber.Context(uint32(m.Type)), func(b *ber.Builder) {
		if m.Type == Reject && m.NoInvokeID {
			b.AddNull(ber.TagNull)
		} else {
			b.AddInt64(ber.TagInteger, m.InvokeID)
		}
		switch m.Type {
		case Invoke:
			if m.HasLinkedID {
				b.AddInt64(ber.Context(0), m.LinkedID)
			}
			b.AddInt64(ber.TagInteger, int64(m.Opcode))
			b.AddRaw(m.Argument)
		case ReturnResult:
			if m.Argument != nil {
				b.AddConstructed(ber.TagSequence, func(b *ber.Builder) {
					b.AddInt64(ber.TagInteger, int64(m.Opcode))
					b.AddRaw(m.Argument)
				})
			}
		case ReturnError:
			b.AddInt64(ber.TagInteger, m.ErrorCode)
			b.AddRaw(m.Argument)
		case Reject:
			b.AddInt(ber.Context(uint32(m.Problem.Kind)), m.Problem.Code)
		default:
			b.SetError(errBadMessageType)
		}
	})
}

// Decode decodes one ROSE PDU, which must fill data exactly. The Argument of
// the result aliases data.
func (m *Message) Decode(data []byte) error {
	*m = Message{}
	r := ber.NewReader(data)
	var e ber.Element
	if err := r.Read(&e); err != nil {
		return ber.Field("ROSE", err)
	}
	if err := r.Done(); err != nil {
		return ber.Field("ROSE", err)
	}
	if e.Tag.Class() != ber.ClassContext || !e.Tag.IsConstructed() || e.Tag.Number() < 1 || e.Tag.Number() > 4 {
		return ber.Field("ROSE", tagError(e))
	}
	m.Type = MessageType(e.Tag.Number())
	if err := m.decodeBody(e); err != nil {
		return ber.Field(m.Type.String(), err)
	}
	return nil
}

func (m *Message) decodeBody(e ber.Element) error {
	r := e.Reader()
	var id ber.Element
	err := r.Read(&id)
	if err != nil {
		return ber.Field("invokeId", err)
	}
	switch {
	case id.Tag == ber.TagInteger:
		if m.InvokeID, err = id.Int64(); err != nil {
			return ber.Field("invokeId", err)
		}
	case id.Tag == ber.TagNull && m.Type == Reject:
		m.NoInvokeID = true
	default:
		return ber.Field("invokeId", tagError(id))
	}
	switch m.Type {
	case Invoke:
		var f ber.Element
		if err := r.Read(&f); err != nil {
			return ber.Field("opcode", err)
		}
		switch f.Tag {
		case ber.Context(0):
			m.HasLinkedID = true
			if m.LinkedID, err = f.Int64(); err != nil {
				return ber.Field("linkedId", err)
			}
			err = r.Read(&f)
		case ber.Context(1):
			err = r.Read(&f)
		}
		if err != nil {
			return ber.Field("opcode", err)
		}
		if err := m.decodeOpcode(f); err != nil {
			return err
		}
		if !r.Empty() {
			var a ber.Element
			if err := r.Read(&a); err != nil {
				return ber.Field("argument", err)
			}
			m.Argument = a.Raw
		}
	case ReturnResult:
		if r.Empty() {
			return nil
		}
		s, err := r.Expect(ber.TagSequence)
		if err != nil {
			return ber.Field("result", err)
		}
		rr := s.Reader()
		op, err := rr.Next()
		if err != nil {
			return ber.Field("result.opcode", err)
		}
		if err := m.decodeOpcode(op); err != nil {
			return ber.Field("result", err)
		}
		a, err := rr.Next()
		if err != nil {
			return ber.Field("result.result", err)
		}
		m.Argument = a.Raw
	case ReturnError:
		c, err := r.Expect(ber.TagInteger)
		if err != nil {
			return ber.Field("errcode", err)
		}
		if m.ErrorCode, err = c.Int64(); err != nil {
			return ber.Field("errcode", err)
		}
		if !r.Empty() {
			p, err := r.Next()
			if err != nil {
				return ber.Field("parameter", err)
			}
			m.Argument = p.Raw
		}
	case Reject:
		p, err := r.Next()
		if err != nil {
			return ber.Field("problem", err)
		}
		if p.Tag.Class() != ber.ClassContext || p.Tag.IsConstructed() || p.Tag.Number() > 3 {
			return ber.Field("problem", tagError(p))
		}
		m.Problem.Kind = RejectKind(p.Tag.Number())
		if m.Problem.Code, err = p.Int(); err != nil {
			return ber.Field("problem", err)
		}
	}
	return nil
}

func (m *Message) decodeOpcode(f ber.Element) error {
	if f.Tag != ber.TagInteger {
		// A global (OBJECT IDENTIFIER) operation code: no CSTA PBX uses
		// one; report it as unsupported rather than guess.
		return ber.Field("opcode", tagError(f))
	}
	v, err := f.Int64()
	if err != nil {
		return ber.Field("opcode", err)
	}
	m.Opcode = Opcode(v)
	return nil
}
