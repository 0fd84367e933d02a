package hipathsim

import (
	"bytes"
	"net"
	"slices"
	"testing"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
)

// FuzzRequests feeds framed client PDUs to the request handling of a switch
// with calls in progress (0001: 100–101 talking, 0002: 102 ringing at 103,
// 0003/0004: 104 consulting 106 with 105 held) and checks that the model
// stays consistent and that every answer and event encodes.
func FuzzRequests(f *testing.F) {
	req := func(args ...cstav3.Argument) []byte {
		var in []byte
		for i, a := range args {
			arg, err := cstav3.AppendArgument(nil, a)
			if err != nil {
				f.Fatal(err)
			}
			pdu, _ := (&cstav3.Message{Type: cstav3.Invoke, InvokeID: int64(i + 1), Opcode: a.Opcode(), Argument: arg}).Append(nil)
			in, _ = cstav3.AppendFrame(in, hipath.Framing, pdu)
		}
		return in
	}
	id := func(n byte) cstav3.CallID { return cstav3.CallID{0, n} }
	f.Add(vector(f, "client-monitorstart-100"))
	f.Add(req(hipath.MonitorStart(cstav3.Dialing("101")),
		&cstav3.TransferCallArgument{HeldCall: cid(id(3), "104"), ActiveCall: cid(id(4), "104")},
		&cstav3.ClearConnectionArgument{ConnectionToBeCleared: cid(id(3), "105")}))
	f.Add(req(&cstav3.ConferenceCallArgument{HeldCall: cid(id(3), "104"), ActiveCall: cid(id(4), "104")},
		&cstav3.SnapshotCallArgument{SnapshotObject: cstav3.ConnectionID{Call: id(3)}}))
	f.Add(req(&cstav3.DeflectCallArgument{CallToBeDiverted: cid(id(2), "103"), NewDestination: cstav3.Dialing("107")},
		&cstav3.SingleStepTransferCallArgument{ActiveCall: cid(id(1), "100"), TransferredTo: cstav3.Dialing("108")},
		&cstav3.AlternateCallArgument{HeldCall: cid(id(3), "104"), ActiveCall: cid(id(4), "104")},
		&cstav3.ReconnectCallArgument{ActiveCall: cid(id(3), "104"), HeldCall: cid(id(4), "104")}))
	f.Add(req(&cstav3.HoldCallArgument{CallToBeHeld: cid(id(1), "101")},
		&cstav3.ConsultationCallArgument{ExistingCall: cid(id(1), "100"), ConsultedDevice: cstav3.Dialing("102")},
		&cstav3.ClearCallArgument{CallToBeCleared: cstav3.ConnectionID{Call: id(1)}},
		&cstav3.SnapshotDeviceArgument{SnapshotObject: cstav3.Dialing("104")}))

	f.Fuzz(func(t *testing.T, in []byte) {
		s := New(Config{EventQueue: 1 << 20})
		for _, step := range []func() error{
			func() error { _, err := s.Dial("100", "101"); return err },
			func() error { return s.Answer("101") },
			func() error { _, err := s.Dial("102", "103"); return err },
			func() error { _, err := s.Dial("104", "105"); return err },
			func() error { return s.Answer("105") },
		} {
			if err := step(); err != nil {
				t.Fatal(err)
			}
		}
		p := s.pbx
		p.mu.Lock()
		if _, err := p.consult(p.connOf(p.calls[3], p.devices["104"]), p.devices["106"]); err != nil {
			t.Fatal(err)
		}
		p.out = p.out[:0]
		p.mu.Unlock()

		a, b := net.Pipe()
		defer a.Close()
		defer b.Close()
		l := newLink(s, a, 1)
		l.associated.Store(true)
		w := writer{l: l}
		fr := cstav3.NewFrameReader(bytes.NewReader(in), hipath.Framing, 0)
		for {
			pdu, err := fr.ReadFrame()
			if err != nil {
				break
			}
			l.serveROSE(pdu)
			for _, it := range l.q.take(nil) {
				if _, err := w.appendItem(nil, &it); err != nil {
					t.Fatalf("kind %d does not encode: %v", it.kind, err)
				}
			}
			p.mu.Lock()
			checkModel(t, p)
			p.mu.Unlock()
		}
	})
}

// checkModel checks that calls, connections and devices agree.
func checkModel(t *testing.T, p *pbx) {
	t.Helper()
	for key, c := range p.calls {
		if c.id != key || len(c.parties) == 0 {
			t.Fatalf("call %04x: %d parties", key, len(c.parties))
		}
		var seen []*device
		for _, cn := range c.parties {
			if cn.call != c || !slices.Contains(cn.dev.conns, cn) || slices.Contains(seen, cn.dev) {
				t.Fatalf("call %04x: bad party %s", key, cn.dev.number)
			}
			seen = append(seen, cn.dev)
		}
	}
	for _, d := range p.order {
		for _, cn := range d.conns {
			if p.calls[cn.call.id] != cn.call || !slices.Contains(cn.call.parties, cn) {
				t.Fatalf("device %s: connection to a dead call", d.number)
			}
		}
	}
}
