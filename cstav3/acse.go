package cstav3

import (
	"errors"

	"github.com/cstav3/cstav3/ber"
)

// The association control (ACSE, ISO 8650 / X.227) PDUs that open and close
// a CSTA link. The application authenticates itself in the AARQ's
// calling-authentication-value, whose content each PBX defines (HiPath: a
// Siemens-private user name and password as an EXTERNAL, package hipath), so
// it is carried here already encoded; the CSTA version goes in
// user-information.

// An APDU is one of *AARQ, *AARE, *RLRQ, *RLRE and *ABRT.
type APDU interface {
	encode(b *ber.Builder)
	decode(e ber.Element) error
}

// CSTA application context of ECMA-218, which HiPath uses for Phase III too.
var ContextCSTA = ber.OID{1, 3, 12, 0, 218}

// DefaultCSTAVersion is the cSTAVersion BIT STRING HiPath clients send.
var DefaultCSTAVersion = ber.BitString{Bytes: []byte{0x10, 0x00}, Length: 16}

var (
	tagAARQ = ber.Application(0).Constructed()
	tagAARE = ber.Application(1).Constructed()
	tagRLRQ = ber.Application(2).Constructed()
	tagRLRE = ber.Application(3).Constructed()
	tagABRT = ber.Application(4).Constructed()

	tagUserInformation = ber.Context(30).Constructed()
)

// AARQ is the association request a client sends first.
type AARQ struct {
	Context ber.OID // application context; ContextCSTA if nil
	// Authentication is the calling-authentication-value: the encoding of
	// one Authentication-value alternative (charstring [0], bitstring [1],
	// external [2], other [3]) as the PBX's dialect defines it, e.g. by
	// hipath.Credentials. Decoded, it aliases the input. When it is empty
	// no authentication is sent; when not, sender-acse-requirements
	// announces the authentication functional unit.
	Authentication []byte
	// CSTAVersion goes in user-information; omitted when Length is 0.
	CSTAVersion ber.BitString
}

// AARE is the switch's answer to an AARQ.
type AARE struct {
	Context    ber.OID
	Result     AssociateResult
	Diagnostic AssociateDiagnostic
	// ResponderRequirements is responder-acse-requirements, if present.
	ResponderRequirements ber.BitString
	// APSStamp and SystemVersion come from HiPath's private responding
	// authentication value.
	APSStamp, SystemVersion []byte
	CSTAVersion             ber.BitString
}

// AssociateResult is the result field of an AARE.
type AssociateResult int

// Association results.
const (
	Accepted          AssociateResult = 0
	RejectedPermanent AssociateResult = 1
	RejectedTransient AssociateResult = 2
)

var associateResultNames = [...]string{"accepted", "rejected-permanent", "rejected-transient"}

// String returns the name of the result as X.227 writes it, or result(n)
// for a number without one.
func (r AssociateResult) String() string { return indexString(associateResultNames[:], r, "result") }

// AssociateDiagnostic is result-source-diagnostic: who diagnosed (the
// service user, i.e. the CSTA application in the switch, or the ACSE
// provider) and why.
type AssociateDiagnostic struct {
	Provider bool
	Value    int
}

// Diagnostic values of the service user that matter to a CSTA client.
const (
	DiagnosticNull                  = 0
	DiagnosticNoReason              = 1
	DiagnosticContextNotSupported   = 2
	DiagnosticAuthenticationFailure = 13
	DiagnosticAuthenticationNeeded  = 14
)

var userDiagnosticNames = [...]string{"null", "no-reason-given", "application-context-name-not-supported",
	"calling-AP-title-not-recognized", "calling-AP-invocation-identifier-not-recognized",
	"calling-AE-qualifier-not-recognized", "calling-AE-invocation-identifier-not-recognized",
	"called-AP-title-not-recognized", "called-AP-invocation-identifier-not-recognized",
	"called-AE-qualifier-not-recognized", "called-AE-invocation-identifier-not-recognized",
	"authentication-mechanism-name-not-recognized", "authentication-mechanism-name-required",
	"authentication-failure", "authentication-required"}

var providerDiagnosticNames = [...]string{"null", "no-reason-given", "no-common-acse-version"}

// String returns the X.227 name of the diagnostic in the list of its
// source, or diagnostic(n) for a number without one.
func (d AssociateDiagnostic) String() string {
	names := userDiagnosticNames[:]
	if d.Provider {
		names = providerDiagnosticNames[:]
	}
	return indexString(names, d.Value, "diagnostic")
}

// Errors an association attempt can end with; AssociationError matches them
// with errors.Is.
var (
	ErrAuthFailed        = errors.New("cstav3: association rejected: authentication failure")
	ErrRejectedPermanent = errors.New("cstav3: association rejected (permanent)")
	ErrRejectedTransient = errors.New("cstav3: association rejected (transient)")
	// ErrAssociationTimeout: the switch did not answer the AARQ within the
	// association timeout (WithTimeouts).
	ErrAssociationTimeout = errors.New("cstav3: no association response")
)

// AssociationError reports an AARE that did not accept the association.
type AssociationError struct {
	Result     AssociateResult
	Diagnostic AssociateDiagnostic
}

// Error returns the result and the diagnostic of the rejection.
func (e *AssociationError) Error() string {
	return "cstav3: association " + e.Result.String() + ": " + e.Diagnostic.String()
}

// Is makes the error match ErrAuthFailed for authentication diagnostics and
// ErrRejectedPermanent / ErrRejectedTransient by result.
func (e *AssociationError) Is(target error) bool {
	switch target {
	case ErrAuthFailed:
		return !e.Diagnostic.Provider && (e.Diagnostic.Value == DiagnosticAuthenticationFailure ||
			e.Diagnostic.Value == DiagnosticAuthenticationNeeded)
	case ErrRejectedPermanent:
		return e.Result == RejectedPermanent
	case ErrRejectedTransient:
		return e.Result == RejectedTransient
	}
	return false
}

// Err returns nil if the AARE accepts the association, else an
// *AssociationError.
func (a *AARE) Err() error {
	if a.Result == Accepted {
		return nil
	}
	return &AssociationError{Result: a.Result, Diagnostic: a.Diagnostic}
}

func encodeContext(b *ber.Builder, o ber.OID) {
	if o == nil {
		o = ContextCSTA
	}
	b.AddConstructed(ber.Context(1), func(b *ber.Builder) { b.AddOID(ber.TagOID, o) })
}

// encodeExternal writes an EXTERNAL with tag t whose encoding is
// single-ASN1-type [0] holding what f writes.
func encodeExternal(b *ber.Builder, t ber.Tag, f func(*ber.Builder)) {
	b.AddConstructed(t, func(b *ber.Builder) {
		b.AddConstructed(ber.Context(0), f)
	})
}

func encodeUserInfo(b *ber.Builder, v ber.BitString) {
	if v.Length == 0 {
		return
	}
	b.AddConstructed(tagUserInformation, func(b *ber.Builder) {
		encodeExternal(b, ber.TagExternal, func(b *ber.Builder) {
			b.AddConstructed(ber.Context(0), func(b *ber.Builder) { // newDefinition
				b.AddBitString(ber.TagBitString, v)
			})
		})
	})
}

func (a *AARQ) encode(b *ber.Builder) {
	b.AddConstructed(tagAARQ, func(b *ber.Builder) {
		encodeContext(b, a.Context)
		if len(a.Authentication) > 0 {
			b.AddBitString(ber.Context(10), ber.BitString{Bytes: []byte{0x80}, Length: 2})
			b.AddConstructed(ber.Context(12), func(b *ber.Builder) { b.AddRaw(a.Authentication) })
		}
		encodeUserInfo(b, a.CSTAVersion)
	})
}

func (a *AARE) encode(b *ber.Builder) {
	b.AddConstructed(tagAARE, func(b *ber.Builder) {
		encodeContext(b, a.Context)
		b.AddConstructed(ber.Context(2), func(b *ber.Builder) { b.AddInt(ber.TagInteger, int(a.Result)) })
		b.AddConstructed(ber.Context(3), func(b *ber.Builder) {
			n := uint32(1)
			if a.Diagnostic.Provider {
				n = 2
			}
			b.AddConstructed(ber.Context(n), func(b *ber.Builder) { b.AddInt(ber.TagInteger, a.Diagnostic.Value) })
		})
		if a.ResponderRequirements.Length > 0 {
			b.AddBitString(ber.Context(8), a.ResponderRequirements)
		}
		if a.APSStamp != nil || a.SystemVersion != nil {
			b.AddConstructed(ber.Context(10), func(b *ber.Builder) {
				encodeExternal(b, ber.Context(2), func(b *ber.Builder) {
					b.AddConstructed(ber.Context(1), func(b *ber.Builder) {
						b.AddBytes(ber.TagOctetString, a.APSStamp)
						b.AddBytes(ber.TagOctetString, a.SystemVersion)
					})
				})
			})
		}
		encodeUserInfo(b, a.CSTAVersion)
	})
}

// decodeExternalValue returns the single-ASN1-type value inside an EXTERNAL
// (e is the EXTERNAL or its implicit replacement). Other encodings of
// EXTERNAL (octet-aligned, arbitrary) are returned as not found.
func decodeExternalValue(e ber.Element) (ber.Element, bool, error) {
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return ber.Element{}, false, err
		}
		if f.Tag == ber.Context(0).Constructed() {
			v, err := explicitInner(f)
			return v, err == nil, err
		}
	}
	return ber.Element{}, false, nil
}

func decodeUserInfo(e ber.Element) (ber.BitString, error) {
	// Association-data is a SEQUENCE OF EXTERNAL; CSTA uses the first.
	r := e.Reader()
	if r.Empty() {
		return ber.BitString{}, nil
	}
	ext, err := r.Next()
	if err != nil {
		return ber.BitString{}, err
	}
	v, ok, err := decodeExternalValue(ext)
	if err != nil || !ok {
		return ber.BitString{}, err
	}
	// newDefinition [0] or oldDefinition SEQUENCE: the version comes first.
	vr := v.Reader()
	bs, err := vr.Expect(ber.TagBitString)
	if err != nil {
		return ber.BitString{}, ber.Field("cSTAVersion", err)
	}
	return bs.BitString()
}

func decodeContext(e ber.Element) (ber.OID, error) {
	o, err := explicitInner(e)
	if err != nil {
		return nil, err
	}
	return o.OID()
}

func (a *AARQ) decode(e ber.Element) error {
	*a = AARQ{}
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.Context(1).Constructed():
			if a.Context, err = decodeContext(f); err != nil {
				return ber.Field("aSO-context-name", err)
			}
		case ber.Context(12).Constructed():
			v, err := explicitInner(f)
			if err != nil {
				return ber.Field("calling-authentication-value", err)
			}
			a.Authentication = v.Raw
		case tagUserInformation:
			if a.CSTAVersion, err = decodeUserInfo(f); err != nil {
				return ber.Field("user-information", err)
			}
		}
	}
	if a.Context == nil {
		return missing(e, "aSO-context-name")
	}
	return nil
}

func (a *AARE) decode(e ber.Element) error {
	*a = AARE{}
	var d fieldDecoder
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		switch f.Tag {
		case ber.Context(1).Constructed():
			d.seen(0)
			if a.Context, err = decodeContext(f); err != nil {
				return ber.Field("aSO-context-name", err)
			}
		case ber.Context(2).Constructed():
			d.seen(1)
			v, err := explicitInner(f)
			if err == nil {
				err = decodeEnum(v, &a.Result)
			}
			if err != nil {
				return ber.Field("result", err)
			}
		case ber.Context(3).Constructed():
			d.seen(2)
			if err := a.decodeDiagnostic(f); err != nil {
				return ber.Field("result-source-diagnostic", err)
			}
		case ber.Context(8):
			if a.ResponderRequirements, err = f.BitString(); err != nil {
				return ber.Field("responder-acse-requirements", err)
			}
		case ber.Context(10).Constructed():
			if err := a.decodeAuth(f); err != nil {
				return ber.Field("responding-authentication-value", err)
			}
		case tagUserInformation:
			if a.CSTAVersion, err = decodeUserInfo(f); err != nil {
				return ber.Field("user-information", err)
			}
		}
	}
	return d.require(e, "aSO-context-name", "result", "result-source-diagnostic")
}

func (a *AARE) decodeDiagnostic(e ber.Element) error {
	c, err := explicitInner(e)
	if err != nil {
		return err
	}
	switch c.Tag {
	case ber.Context(1).Constructed(), ber.Context(2).Constructed():
		a.Diagnostic.Provider = c.Tag.Number() == 2
		v, err := explicitInner(c)
		if err != nil {
			return err
		}
		a.Diagnostic.Value, err = v.Int()
		return err
	}
	return tagError(c)
}

func (a *AARE) decodeAuth(e ber.Element) error {
	ext, err := explicitInner(e)
	if err != nil || ext.Tag != ber.Context(2).Constructed() {
		return err
	}
	v, ok, err := decodeExternalValue(ext)
	if err != nil || !ok {
		return err
	}
	r := v.Reader()
	if f, ok, err := r.Optional(ber.TagOctetString); err != nil {
		return ber.Field("aps-stamp", err)
	} else if ok {
		a.APSStamp, _ = octets(f)
	}
	if f, ok, err := r.Optional(ber.TagOctetString); err != nil {
		return ber.Field("system-version", err)
	} else if ok {
		a.SystemVersion, _ = octets(f)
	}
	return nil
}

// RLRQ asks for an orderly release of the association.
type RLRQ struct {
	HasReason bool
	Reason    int // 0 normal, 1 urgent, 30 user-defined
}

// RLRE answers an RLRQ.
type RLRE struct {
	HasReason bool
	Reason    int // 0 normal, 1 not-finished, 30 user-defined
}

// ABRT aborts the association at once.
type ABRT struct {
	Source        int // 0 acse-service-user, 1 acse-service-provider
	HasDiagnostic bool
	Diagnostic    int // 1 no-reason-given, 2 protocol-error, 5 authentication-failure …
}

func encodeReason(b *ber.Builder, t ber.Tag, has bool, v int) {
	b.AddConstructed(t, func(b *ber.Builder) {
		if has {
			b.AddInt(ber.Context(0), v)
		}
	})
}

func decodeReason(e ber.Element, has *bool, v *int) error {
	r := e.Reader()
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		if f.Tag == ber.Context(0) {
			*has = true
			if *v, err = f.Int(); err != nil {
				return ber.Field("reason", err)
			}
		}
	}
	return nil
}

func (a *RLRQ) encode(b *ber.Builder) { encodeReason(b, tagRLRQ, a.HasReason, a.Reason) }
func (a *RLRE) encode(b *ber.Builder) { encodeReason(b, tagRLRE, a.HasReason, a.Reason) }
func (a *RLRQ) decode(e ber.Element) error {
	*a = RLRQ{}
	return decodeReason(e, &a.HasReason, &a.Reason)
}
func (a *RLRE) decode(e ber.Element) error {
	*a = RLRE{}
	return decodeReason(e, &a.HasReason, &a.Reason)
}

func (a *ABRT) encode(b *ber.Builder) {
	b.AddConstructed(tagABRT, func(b *ber.Builder) {
		b.AddInt(ber.Context(0), a.Source)
		if a.HasDiagnostic {
			b.AddInt(ber.Context(1), a.Diagnostic)
		}
	})
}

func (a *ABRT) decode(e ber.Element) error {
	*a = ABRT{}
	r := e.Reader()
	src, err := r.Expect(ber.Context(0))
	if err != nil {
		return ber.Field("abort-source", err)
	}
	if a.Source, err = src.Int(); err != nil {
		return ber.Field("abort-source", err)
	}
	for !r.Empty() {
		f, err := r.Next()
		if err != nil {
			return err
		}
		if f.Tag == ber.Context(1) {
			a.HasDiagnostic = true
			if a.Diagnostic, err = f.Int(); err != nil {
				return ber.Field("abort-diagnostic", err)
			}
		}
	}
	return nil
}

// AppendAPDU appends the encoding of an ACSE PDU to buf.
func AppendAPDU(buf []byte, a APDU) ([]byte, error) {
	var b ber.Builder
	b.ResetAppend(buf)
	a.encode(&b)
	return b.Bytes()
}

// IsACSE reports whether a PDU is an ACSE PDU (APPLICATION class) rather
// than a ROSE one (context class).
func IsACSE(pdu []byte) bool { return len(pdu) > 0 && pdu[0]&0xC0 == 0x40 }

// DecodeAPDU decodes one ACSE PDU. The result aliases data.
func DecodeAPDU(data []byte) (APDU, error) {
	r := ber.NewReader(data)
	e, err := r.Next()
	if err != nil {
		return nil, ber.Field("ACSE", err)
	}
	if err := r.Done(); err != nil {
		return nil, ber.Field("ACSE", err)
	}
	var a APDU
	var name string
	switch e.Tag {
	case tagAARQ:
		a, name = new(AARQ), "AARQ"
	case tagAARE:
		a, name = new(AARE), "AARE"
	case tagRLRQ:
		a, name = new(RLRQ), "RLRQ"
	case tagRLRE:
		a, name = new(RLRE), "RLRE"
	case tagABRT:
		a, name = new(ABRT), "ABRT"
	default:
		return nil, ber.Field("ACSE", tagError(e))
	}
	if err := a.decode(e); err != nil {
		return nil, ber.Field(name, err)
	}
	return a, nil
}
