package hipath_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/internal/testutil"
)

// TestCredentialsVector: the AARQ of a real HiPath client, byte for byte,
// both ways.
func TestCredentialsVector(t *testing.T) {
	want := testutil.Vector(t, "client-aarq-amhost")
	auth, err := hipath.Credentials{User: "AMHOST", Password: "77777"}.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cstav3.AppendAPDU(nil, &cstav3.AARQ{Context: cstav3.ContextCSTA, Authentication: auth,
		CSTAVersion: cstav3.DefaultCSTAVersion})
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("AARQ %x, %v\nwant %x", got, err, want)
	}
	a, err := cstav3.DecodeAPDU(want)
	if err != nil {
		t.Fatal(err)
	}
	var c hipath.Credentials
	if err := c.UnmarshalBinary(a.(*cstav3.AARQ).Authentication); err != nil || c.User != "AMHOST" || c.Password != "77777" {
		t.Fatalf("decoded %+v, %v", c, err)
	}
}

// TestCredentialsOther: what is not a HiPath value is no credentials.
func TestCredentialsOther(t *testing.T) {
	for name, v := range map[string][]byte{
		"none":                   nil,
		"charstring":             []byte("\x80\x06secret"),
		"EXTERNAL, other coding": {0xA2, 0x05, 0x81, 0x03, 0x04, 0x01, 0x41},
	} {
		c := hipath.Credentials{User: "stale", Password: "stale"}
		if err := c.UnmarshalBinary(v); err != nil || c != (hipath.Credentials{}) {
			t.Errorf("%s: %+v, %v", name, c, err)
		}
	}
}

// TestCredentialsMalformed: a HiPath value cut short or mistyped is a
// typed error.
func TestCredentialsMalformed(t *testing.T) {
	full, _ := hipath.Credentials{User: "AMHOST", Password: "77777"}.AppendBinary(nil)
	for i := 1; i < len(full); i++ {
		var c hipath.Credentials
		var se *ber.SyntaxError
		if err := c.UnmarshalBinary(full[:i]); !errors.As(err, &se) {
			t.Fatalf("cut at %d: %v", i, err)
		}
	}
	// The user name as an INTEGER.
	mistyped := []byte{0xA2, 0x0A, 0xA0, 0x08, 0xA0, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x37}
	var c hipath.Credentials
	if err := c.UnmarshalBinary(mistyped); !errors.Is(err, ber.ErrTag) {
		t.Fatalf("mistyped: %v", err)
	}
}

// TestMonitorStartVector: hipath.MonitorStart is the captured MonitorStart
// of a HiPath client.
func TestMonitorStartVector(t *testing.T) {
	want := testutil.Vector(t, "client-monitorstart-100")
	arg, err := cstav3.AppendArgument(nil, hipath.MonitorStart(cstav3.Dialing("100")))
	if err != nil {
		t.Fatal(err)
	}
	got, err := (&cstav3.Message{Type: cstav3.Invoke, InvokeID: 1, Opcode: cstav3.OpMonitorStart, Argument: arg}).Append(nil)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("MonitorStart %x, %v\nwant %x", got, err, want)
	}
	f := hipath.AllEvents()
	wantLen := [8]int{18, 5, 2, 11, 14, 3, 7, 1}
	for c := cstav3.CallControlEvents; c <= cstav3.VendorSpecEvents; c++ {
		if p := f.Category(c); p.Length != wantLen[c] || len(p.Bytes) != (wantLen[c]+7)/8 || f.Suppressed(cstav3.Type(c, 0)) {
			t.Fatalf("%v: %+v", c, *p)
		}
	}
	if &hipath.AllEvents().CallControl.Bytes[0] == &f.CallControl.Bytes[0] {
		t.Fatal("AllEvents returns a shared filter")
	}
}

// FuzzCredentials: UnmarshalBinary never panics, and credentials it
// accepts encode again to a value that decodes to the same credentials.
func FuzzCredentials(f *testing.F) {
	good, err := hipath.Credentials{User: "AMHOST", Password: "77777"}.AppendBinary(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)-1])
	f.Add([]byte{0xa2, 0x00})
	f.Add([]byte{0x80, 0x03, 'a', 'b', 'c'})
	f.Fuzz(func(t *testing.T, data []byte) {
		var c hipath.Credentials
		if err := c.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := c.AppendBinary(nil)
		if err != nil {
			t.Fatalf("accepted %x as %+v, which does not encode: %v", data, c, err)
		}
		var d hipath.Credentials
		if err := d.UnmarshalBinary(again); err != nil || d != c {
			t.Fatalf("%+v encoded as %x decodes to %+v, %v", c, again, d, err)
		}
	})
}
