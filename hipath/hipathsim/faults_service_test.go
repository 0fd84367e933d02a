package hipathsim

import (
	"errors"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

func TestSetOutOfService(t *testing.T) {
	s, c := startConnected(t)
	if err := s.SetOutOfService(true, "100", "999"); !errors.Is(err, errInvalidDeviceID) {
		t.Fatalf("unknown extension: %v", err)
	}
	c.monitor("100") // nothing changed by the failed call
	if err := s.SetOutOfService(true, "101"); err != nil {
		t.Fatal(err)
	}
	c.fails(hipath.MonitorStart(cstav3.Dialing("101")), errInvalidMonitorObject)
	c.fails(&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("101")}, errInvalidDeviceID)
	if _, err := s.Dial("100", "101"); err == nil {
		t.Fatal("call to an extension out of service")
	}
	if err := s.SetOutOfService(false, "101"); err != nil {
		t.Fatal(err)
	}
	c.monitor("101")
}
