package hipath

import (
	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// Credentials are the user name and password with which a HiPath
// authenticates an application. In the AARQ they are a Siemens-private
// calling-authentication-value (cstav3.AARQ.Authentication): the external
// alternative [2], an EXTERNAL whose single-ASN1-type [0] holds a [0]
// SEQUENCE of two OCTET STRINGs, the user name and the password.
type Credentials struct {
	User, Password string
}

var (
	tagExternal    = ber.Context(2).Constructed() // Authentication-value external
	tagSingleType  = ber.Context(0).Constructed() // EXTERNAL single-ASN1-type
	tagCredentials = ber.Context(0).Constructed() // the Siemens SEQUENCE
)

// AppendBinary appends the encoding of c as an Authentication-value to b,
// for cstav3.AARQ.Authentication.
func (c Credentials) AppendBinary(b []byte) ([]byte, error) {
	var bb ber.Builder
	bb.ResetAppend(b)
	bb.AddConstructed(tagExternal, func(bb *ber.Builder) {
		bb.AddConstructed(tagSingleType, func(bb *ber.Builder) {
			bb.AddConstructed(tagCredentials, func(bb *ber.Builder) {
				bb.AddString(ber.TagOctetString, c.User)
				bb.AddString(ber.TagOctetString, c.Password)
			})
		})
	})
	return bb.Bytes()
}

// UnmarshalBinary decodes the Authentication of an AARQ. A switch takes
// anything but HiPath's form as no credentials, so an empty value, another
// Authentication-value alternative and an EXTERNAL in another encoding leave
// c empty and are no error; a HiPath value that is cut short or mistyped is
// a *ber.SyntaxError.
func (c *Credentials) UnmarshalBinary(data []byte) error {
	*c = Credentials{}
	if len(data) == 0 {
		return nil
	}
	r := ber.NewReader(data)
	ext, err := r.Next()
	if err != nil || ext.Tag != tagExternal {
		return err
	}
	er := ext.Reader()
	for !er.Empty() {
		f, err := er.Next()
		if err != nil {
			return err
		}
		if f.Tag == tagSingleType {
			return c.decodeValue(f)
		}
	}
	return nil
}

// decodeValue decodes the single-ASN1-type element of the EXTERNAL.
func (c *Credentials) decodeValue(single ber.Element) error {
	sr := single.Reader()
	v, err := sr.Next()
	if err != nil {
		return err
	}
	r := v.Reader()
	name, err := r.Expect(ber.TagOctetString)
	if err != nil {
		return ber.Field("authName", err)
	}
	pw, err := r.Expect(ber.TagOctetString)
	if err != nil {
		return ber.Field("password", err)
	}
	if c.User, err = name.Text(); err != nil {
		return ber.Field("authName", err)
	}
	if c.Password, err = pw.Text(); err != nil {
		return ber.Field("password", err)
	}
	return nil
}

// WithAuth sets the user name and password the client sends in its AARQ
// (DefaultUser and DefaultPass in Options). Both empty send no
// authentication.
func WithAuth(user, password string) cstav3.Option {
	if user == "" && password == "" {
		return cstav3.WithAuthentication(nil)
	}
	// Two OCTET STRINGs in three constructed elements: the builder fails
	// only on lengths no string in memory reaches.
	v, _ := Credentials{User: user, Password: password}.AppendBinary(nil)
	return cstav3.WithAuthentication(v)
}
