// Package pace is the wire format and the types of the simulator's paced
// traffic for measuring clients end to end (cstav3-monitor bench): what to
// send (Config), what was sent (Result), when each event was sent (Stamps)
// and how a receiver finds an event's sequence number (Seq, EventSeq).
//
// The sequence number of an event travels as its call id, four octets
// instead of HiPath's two, which every CSTA client and the XML bridge treat
// as opaque bytes.
//
// The pacing loop itself needs the simulator's links and monitors, so it
// stays in hipathsim, unexported; hipathsim registers it here (SetHook) and
// the harness calls it through Run. This keeps it out of hipathsim's
// exported API, which is what a tester uses.
package pace
