package cstav3

import "github.com/cstav3/cstav3/ber"

// The HiPath forms this package's own tests use; they cannot import package
// hipath, whose tests check that hipath.AllEvents and hipath.MonitorStart
// encode the same bytes as these (the vector client-monitorstart-100).

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
