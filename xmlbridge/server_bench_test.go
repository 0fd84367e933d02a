package xmlbridge

import (
	"bufio"
	"context"
	"net"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// tally counts the event frames of all benchmark consumers and says when
// the count reaches want.
type tally struct {
	n, want atomic.Int64
	hit     chan struct{}
}

func newTally() *tally { return &tally{hit: make(chan struct{}, 1)} }

func (t *tally) add() {
	if t.n.Add(1) == t.want.Load() {
		select {
		case t.hit <- struct{}{}:
		default:
		}
	}
}

// await waits until want frames were counted.
func (t *tally) await(want int64) bool {
	t.want.Store(want)
	if t.n.Load() >= want {
		return true
	}
	select {
	case <-t.hit:
		return true
	case <-time.After(30 * time.Second):
		return false
	}
}

// counter is a benchmark consumer: logged in, monitoring a device, and
// counting the event frames it reads without decoding them.
type counter struct {
	conn net.Conn
	done chan struct{}
}

func newCounter(b *testing.B, addr, device string, total *tally) *counter {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		b.Fatal(err)
	}
	br := bufio.NewReaderSize(conn, 64<<10)
	hr := framing.NewHeaderReader(br, framing.HeaderOptions{})
	for i, doc := range [][]byte{loginDoc(userECSS, passECSS, 3600),
		[]byte(`<MonitorStart xmlns="` + nsEd3 + `"><monitorObject><deviceObject>` + device + `</deviceObject></monitorObject></MonitorStart>`)} {
		m, _ := framing.AppendHeader(nil, i+1, doc)
		if _, err := conn.Write(m); err != nil {
			b.Fatal(err)
		}
		if _, _, err := hr.ReadMessage(); err != nil {
			b.Fatal(err)
		}
	}
	c := &counter{conn: conn, done: make(chan struct{})}
	go func() {
		defer close(c.done)
		for {
			id, _, err := hr.ReadMessage()
			if err != nil {
				return
			}
			if id == framing.EventInvokeID {
				total.add()
			}
		}
	}()
	b.Cleanup(func() {
		conn.Close()
		<-c.done
	})
	return c
}

// flood sends n Delivered events of device through the simulator, in
// chunks that the client's and the bridge's queues hold, waiting for
// consumers consumers to have read each chunk (their frames add up in
// total). It returns the time from the first event sent to the last read.
func flood(b *testing.B, e *bridgeEnv, device string, n, consumers, chunk int, total *tally) time.Duration {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	for sent := 0; sent < n; {
		k := min(chunk, n-sent)
		if err := e.sim.Flood(ctx, device, k); err != nil {
			b.Fatal(err)
		}
		sent += k
		if want := int64(sent) * int64(consumers); !total.await(want) {
			b.Fatalf("consumers read %d of %d frames; bridge %+v, client dropped %d",
				total.n.Load(), want, e.srv.Stats(), e.client.Stats().EventsDropped)
		}
	}
	return time.Since(start)
}

// BenchmarkBridgeEvents measures simulator → client → bridge → one TCP
// consumer (header framing): each op is one event encoded to XML and
// written to the consumer.
func BenchmarkBridgeEvents(b *testing.B) {
	e := newEnv(b, envOpts{
		cfg:    func(c *Config) { c.QueueLength = 1 << 16 },
		client: []cstav3.Option{cstav3.WithEventQueue(1 << 16)},
	})
	total := newTally()
	newCounter(b, e.header, "700", total)
	b.ResetTimer()
	d := flood(b, e, "700", b.N, 1, 1<<14, total)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/d.Seconds(), "events/s")
}

// BenchmarkBridgeFanOut100 measures one PBX monitor fanned out to 100
// consumers of the same device: each op is one PBX event, delivered 100
// times.
func BenchmarkBridgeFanOut100(b *testing.B) {
	const consumers = 100
	e := newEnv(b, envOpts{
		cfg:    func(c *Config) { c.QueueLength = 1 << 13 },
		client: []cstav3.Option{cstav3.WithEventQueue(1 << 16)},
	})
	total := newTally()
	for range consumers {
		newCounter(b, e.header, "701", total)
	}
	if st := e.srv.Stats(); st.PBXMonitors != 1 || st.ConsumerMonitors != consumers {
		b.Fatalf("stats %+v", st)
	}
	b.ResetTimer()
	d := flood(b, e, "701", b.N, consumers, 1<<12, total)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/d.Seconds(), "events/s")
	b.ReportMetric(float64(b.N)*consumers/d.Seconds(), "deliveries/s")
}
