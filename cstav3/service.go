package cstav3

import "github.com/cstav3/cstav3/ber"

// An Argument is the typed argument of a CSTA operation: what a client sends
// in an Invoke and a switch decodes. Each services_*.go file defines the
// arguments of one family of operations.
type Argument interface {
	// Opcode returns the operation the argument belongs to.
	Opcode() Opcode
	encode(b *ber.Builder)
	decode(e ber.Element) error
}

// A Result is the typed result of a CSTA operation, carried by ReturnResult.
type Result interface {
	Opcode() Opcode
	encode(b *ber.Builder)
	decode(e ber.Element) error
}

type operation struct {
	arg func() Argument
	res func() Result
}

// operations maps each modelled opcode to constructors of its argument and
// result. It is filled by the init functions of services_*.go and never
// changed after.
var operations = map[Opcode]operation{}

func registerOperation(op Opcode, arg func() Argument, res func() Result) {
	operations[op] = operation{arg, res}
}

// NewArgument returns a zero argument for op, or nil if op is not modelled.
func NewArgument(op Opcode) Argument {
	if o, ok := operations[op]; ok && o.arg != nil {
		return o.arg()
	}
	return nil
}

// NewResult returns a zero result for op, or nil if op is not modelled.
func NewResult(op Opcode) Result {
	if o, ok := operations[op]; ok && o.res != nil {
		return o.res()
	}
	return nil
}

// AppendArgument appends the encoding of a's element to buf.
func AppendArgument(buf []byte, a Argument) ([]byte, error) { return appendWith(buf, a.encode) }

// AppendResult appends the encoding of r's element to buf.
func AppendResult(buf []byte, r Result) ([]byte, error) { return appendWith(buf, r.encode) }

// DecodeArgument decodes the argument element of an Invoke of op. The
// result aliases data.
func DecodeArgument(op Opcode, data []byte) (Argument, error) {
	a := NewArgument(op)
	if a == nil {
		return nil, &UnknownOperationError{Opcode: op}
	}
	return a, decodeWhole(data, a.decode, op.String()+".argument")
}

// DecodeResult decodes the result element of a ReturnResult of op.
func DecodeResult(op Opcode, data []byte) (Result, error) {
	r := NewResult(op)
	if r == nil {
		return nil, &UnknownOperationError{Opcode: op}
	}
	return r, decodeWhole(data, r.decode, op.String()+".result")
}

// decodeWhole decodes the single element in data with f.
func decodeWhole(data []byte, f func(ber.Element) error, path string) error {
	r := ber.NewReader(data)
	e, err := r.Next()
	if err == nil {
		err = f(e)
	}
	if err == nil {
		err = r.Done()
	}
	return ber.Field(path, err)
}

// UnknownOperationError reports an operation the package does not model.
type UnknownOperationError struct{ Opcode Opcode }

// Error returns the operation that is not modelled.
func (e *UnknownOperationError) Error() string {
	return "cstav3: operation " + e.Opcode.String() + " is not modelled"
}

// NoData is the result of the many operations whose result is
// CHOICE { extensions CSTACommonArguments, noData NULL }.
type NoData struct {
	Op         Opcode
	Extensions CommonArguments
}

// Opcode returns the operation the result answers.
func (r *NoData) Opcode() Opcode { return r.Op }

func (r *NoData) encode(b *ber.Builder) {
	if r.Extensions.IsZero() {
		b.AddNull(ber.TagNull)
		return
	}
	r.Extensions.encode(b)
}

func (r *NoData) decode(e ber.Element) error {
	r.Extensions = CommonArguments{}
	switch e.Tag {
	case ber.TagNull:
		return e.Null()
	case tagCommonArguments:
		return ber.Field("extensions", r.Extensions.decode(e))
	}
	return tagError(e)
}

// noData returns a constructor of the NoData result of op, for
// registerOperation.
func noData(op Opcode) func() Result { return func() Result { return &NoData{Op: op} } }
