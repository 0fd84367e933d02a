package hipathsim

import (
	"testing"

	"github.com/cstav3/cstav3/cstav3"
)

// BenchmarkCallEvents measures a whole call, phone actions to decoded events
// at a client monitoring both phones: 12 events per call.
func BenchmarkCallEvents(b *testing.B) {
	s := start(b, Config{})
	c := connect(b, s)
	c.monitor("100")
	c.monitor("101")
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.Dial("100", "101"); err != nil {
			b.Fatal(err)
		}
		if err := s.Answer("101"); err != nil {
			b.Fatal(err)
		}
		if err := s.Hangup("100"); err != nil {
			b.Fatal(err)
		}
		for range 12 {
			c.event()
		}
	}
	b.ReportMetric(float64(12*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkRequest measures one request round trip: SnapshotDevice.
func BenchmarkRequest(b *testing.B) {
	s := start(b, Config{})
	c := connect(b, s)
	arg := &cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("100")}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		c.must(arg)
	}
}
