package cstav3

import (
	"encoding/hex"
	"reflect"
	"testing"

	"github.com/cstav3/cstav3/ber"
)

// The decoders of DeviceID, device roles, ConnectionID and CommonArguments
// have fast paths for the exact shapes HiPath sends. These tests hold them
// to the full decoders: whenever a fast path takes an input, the full path
// must decode that input without error to the same value.

// fastPathShapes are elements in the shapes the fast paths take, as HiPath
// sends them (from the Delivered vector), and near misses they must leave
// to the full path.
var fastPathShapes = []struct {
	name string
	hex  string
	path string // the fast path probed: deviceID, role, connection or extensions
	fast bool   // whether it must take the element
}{
	{"deviceID", "30058003313030", "deviceID", true},
	{"deviceID-empty-number", "30028000", "deviceID", true},
	{"deviceID-outer-long-length", "3081058003313030", "deviceID", true},
	{"deviceID-inner-long-length", "300680810331 3030", "deviceID", false},
	{"deviceID-private-name", "3009800331303081024142", "deviceID", false},
	{"deviceID-number-form", "3003810164", "deviceID", false},
	{"role-calling", "6107300580033230 30", "role", true},
	{"role-redirection-notKnown", "64028700", "role", true},
	{"role-calling-restricted", "61028800", "role", true},
	{"role-redirection-restricted", "64028a00", "role", true},
	{"role-calling-notRequired", "61028900", "role", false},
	{"role-null-with-content", "6403870100", "role", false},
	{"connection-both", "6b0f300d8002b164a107300580033130 30", "connection", true},
	{"connection-call-only", "6b0480020102", "connection", false},
	{"connection-dynamic", "6b0c300a8002b164a1048302aabb", "connection", false},
	{"connection-trailing", "6b11300f8002b164a107300580033130 300500", "connection", false},
	{"extensions-timestamp", "7e12a010180e3230313030393136313230303030", "extensions", true},
	{"extensions-sequence-number", "7e05a003800107", "extensions", false},
	{"extensions-private-data", "7e05a1033001 00", "extensions", false},
}

func TestFastPathsMatchFullDecoders(t *testing.T) {
	for _, tc := range fastPathShapes {
		t.Run(tc.name, func(t *testing.T) {
			data, err := hex.DecodeString(stripSpaces(tc.hex))
			if err != nil {
				t.Fatal(err)
			}
			if took := checkFastPaths(t, data); took[tc.path] != tc.fast {
				t.Errorf("%s fast path took it: %v, want %v", tc.path, took[tc.path], tc.fast)
			}
		})
	}
}

// FuzzFastPaths checks the fast paths against the full decoders on any
// input.
func FuzzFastPaths(f *testing.F) {
	for _, tc := range fastPathShapes {
		data, _ := hex.DecodeString(stripSpaces(tc.hex))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastPaths(t, data)
	})
}

func stripSpaces(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			out = append(out, s[i])
		}
	}
	return string(out)
}

// checkFastPaths runs every fast path on the first element of data and,
// where one takes it, compares with the full decoder. It reports which
// fast paths took the element.
func checkFastPaths(t *testing.T, data []byte) map[string]bool {
	t.Helper()
	took := map[string]bool{}
	r := ber.NewReader(data)
	e, err := r.Next()
	if err != nil {
		return took
	}
	c := e.Content()

	var fastID, fullID DeviceID
	if fastID.decodeDialing(c) {
		took["deviceID"] = true
		if err := fullID.decodeFull(e); err != nil || !reflect.DeepEqual(fastID, fullID) {
			t.Errorf("DeviceID of %x: fast %#v, full %#v (%v)", data, fastID, fullID, err)
		}
	}

	var fastRole, fullRole Device
	fastRole.Status = DeviceRestricted // the fast path must set every field
	if e.Tag.IsConstructed() && fastRole.decodeRoleFast(e) {
		took["role"] = true
		if err := fullRole.decodeRoleFull(e); err != nil || !reflect.DeepEqual(fastRole, fullRole) {
			t.Errorf("role of %x: fast %#v, full %#v (%v)", data, fastRole, fullRole, err)
		}
	}

	var fastConn, fullConn ConnectionID
	if fastConn.decodeBoth(c) {
		took["connection"] = true
		if err := fullConn.decodeFull(e); err != nil || !reflect.DeepEqual(fastConn, fullConn) {
			t.Errorf("ConnectionID of %x: fast %#v, full %#v (%v)", data, fastConn, fullConn, err)
		}
	}

	var fastExt, fullExt CommonArguments
	fastExt.PrivateData = []byte{1} // the fast path must set every field
	if fastExt.decodeFast(e) {
		took["extensions"] = true
		if err := fullExt.decodeFull(e); err != nil || !reflect.DeepEqual(fastExt, fullExt) {
			t.Errorf("CommonArguments of %x: fast %#v, full %#v (%v)", data, fastExt, fullExt, err)
		}
	}
	return took
}
