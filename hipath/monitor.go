package hipath

import (
	"github.com/cstav3/cstav3/ber"
	"github.com/cstav3/cstav3/cstav3"
)

// filterBits are the lengths, in bits, of the eight MonitorFilter fields
// that a HiPath sends and expects (indexed by cstav3.EventCategory), read
// from its captured MonitorStart (testdata/vectors/client-monitorstart-100):
// the bits of the CSTA Phase III edition it implements, fewer than the
// modules name for logicalDeviceFeature (no presenceState), maintenance (no
// partiallyInService) and voiceUnit (stop … voiceAttributesChange only).
var filterBits = [8]int{18, 5, 2, 11, 14, 3, 7, 1}

// AllEvents returns the filter with which a HiPath reports every event: all
// eight fields present with every bit zero, at the lengths HiPath uses
// (callControl 18 bits, callAssociated 5, mediaAttachment 2,
// physicalDeviceFeature 11, logicalDeviceFeature 14, maintenance 3,
// voiceUnit 7, private 1). Encoded it is exactly the requestedMonitorFilter of
// testdata/vectors/client-monitorstart-100.hex. Options makes it the
// default filter of Monitor.
func AllEvents() *cstav3.MonitorFilter {
	f := new(cstav3.MonitorFilter)
	for c, n := range filterBits {
		*f.Category(cstav3.EventCategory(c)) = ber.BitString{Bytes: make([]byte, (n+7)/8), Length: n}
	}
	return f
}

// MonitorStart returns the MonitorStart argument with which a HiPath
// reports every event of device d: the device and AllEvents.
func MonitorStart(d cstav3.DeviceID) *cstav3.MonitorStartArgument {
	return &cstav3.MonitorStartArgument{MonitorObject: cstav3.DeviceObject(d), RequestedMonitorFilter: AllEvents()}
}
