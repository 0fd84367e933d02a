package cstav3

import "github.com/cstav3/cstav3/ber"

// The HiPath forms this package's own tests use; they cannot import package
// hipath, whose tests check that hipath.AllEvents and hipath.MonitorStart
// encode the same bytes as these (the vector client-monitorstart-100).

// hipathFilterBits are the lengths, in bits, of the eight MonitorFilter
// fields of hipath.AllEvents (indexed by EventCategory), as the captured
// MonitorStart of a HiPath client (testdata/vectors/client-monitorstart-100)
// has them.
var hipathFilterBits = [8]int{18, 5, 2, 11, 14, 3, 7, 1}

// hipathAllEvents is the filter of hipath.AllEvents: all eight fields
// present, every bit zero, at HiPath's lengths.
func hipathAllEvents() *MonitorFilter {
	f := new(MonitorFilter)
	for c, n := range hipathFilterBits {
		*f.Category(EventCategory(c)) = ber.BitString{Bytes: make([]byte, (n+7)/8), Length: n}
	}
	return f
}

// hipathMonitorStart is hipath.MonitorStart(d).
func hipathMonitorStart(d DeviceID) *MonitorStartArgument {
	return &MonitorStartArgument{MonitorObject: DeviceObject(d), RequestedMonitorFilter: hipathAllEvents()}
}
