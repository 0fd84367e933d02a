// Package hipath holds what is particular to Siemens HiPath and OpenScape
// switches speaking CSTA Phase III over TCP, so that package cstav3 stays a
// generic CSTA client. It composes the three places where cstav3 lets a
// dialect in: the frame header (Framing, given to cstav3.WithFraming), the
// authentication value of the AARQ (Credentials, WithAuth, given to
// cstav3.WithAuthentication) and the monitor filter that gets every event
// reported (AllEvents, MonitorStart, given to
// cstav3.WithDefaultMonitorFilter). Options returns them all, with the
// application context and time zone a HiPath needs; Dial uses Options.
//
// A HiPath 3000 listens on port 7001; HiPath OpenOffice, OpenScape Office
// and OpenScape Business on 8800 (where the port also auto-detects XML).
// The switch frames every PDU with a three-byte header (0x26, then the
// length with its top bit set), authenticates the application with a user
// name and password (AMHOST / 77777 unless changed), uses the ECMA-218
// application context 1.3.12.0.218 for Phase III too, reports every event
// of a monitor only when the monitor filter is sent with all eight fields
// present and zero, uses two-octet call ids and cross-references, and writes
// timestamps without a time zone, in its own local time.
//
// A switch reached over TLS (a TLS-terminating proxy in front of the CSTA
// port, or a switch configured for it) is dialled with cstav3.WithTLS among
// the options of Dial.
package hipath

import (
	"context"
	"net"
	"strconv"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// Default ports and credentials.
const (
	PortHiPath3000 = 7001 // HiPath 3000
	PortOpenScape  = 8800 // HiPath OpenOffice, OpenScape Office / Business
	DefaultUser    = "AMHOST"
	DefaultPass    = "77777"
)

// Options returns the cstav3 options for a HiPath: its frame header, the
// default credentials, the application context and CSTA version it
// expects, the all-events monitor filter, and timestamps read in loc
// (time.Local if nil). Options given after these override them (WithAuth
// for other credentials).
func Options(loc *time.Location) []cstav3.Option {
	if loc == nil {
		loc = time.Local
	}
	return []cstav3.Option{
		cstav3.WithFraming(Framing),
		WithAuth(DefaultUser, DefaultPass),
		cstav3.WithApplicationContext(cstav3.ContextCSTA, cstav3.DefaultCSTAVersion),
		cstav3.WithDefaultMonitorFilter(AllEvents),
		cstav3.WithLocation(loc),
	}
}

// Dial connects to a HiPath at addr with the HiPath defaults; opts may
// override them (WithAuth for other credentials). An addr without a
// port gets PortHiPath3000.
func Dial(ctx context.Context, addr string, opts ...cstav3.Option) (*cstav3.Client, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		addr = net.JoinHostPort(addr, strconv.Itoa(PortHiPath3000))
	}
	return cstav3.Dial(ctx, addr, append(Options(nil), opts...)...)
}
