package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
	"github.com/cstav3/cstav3/internal/capture"
)

// The captures in testdata/pcaps are simulator sessions recorded by
// TestMakePcaps through internal/capture (what `sim --capture` does);
// TestPcapGolden decodes each with the binary and compares the output with
// its .golden.json file.
//
//	go test ./cmd/cstav3-monitor -run 'TestMakePcaps|TestPcapGolden' -make-pcaps -update
//
// records the sessions again and rewrites the golden files; -update alone
// rewrites the golden files from the committed captures.
var (
	makePcaps = flag.Bool("make-pcaps", false, "record testdata/pcaps/*.pcap again from simulator sessions")
	update    = flag.Bool("update", false, "rewrite testdata/pcaps/*.golden.json from the decoder's output")
)

const pcapDir = "../../testdata/pcaps"

// session is one recorded scenario: a client against the simulator.
type session struct {
	t      *testing.T
	ctx    context.Context
	client *cstav3.Client
	sim    *hipathsim.Server
	events chan devEvent
}

type devEvent struct {
	device string
	ev     cstav3.Event
}

func (s *session) monitor(devices ...string) []*cstav3.Monitor {
	var mons []*cstav3.Monitor
	for _, d := range devices {
		m, err := s.client.Monitor(s.ctx, cstav3.Dialing(d), cstav3.MonitorConfig{
			OnEvent: func(ev cstav3.Event) { s.events <- devEvent{d, ev} },
		})
		if err != nil {
			s.t.Fatal(err)
		}
		mons = append(mons, m)
	}
	return mons
}

// waitFor waits for an event of type want at device.
func (s *session) waitFor(device string, want cstav3.EventType) cstav3.Event {
	s.t.Helper()
	deadline := time.After(waitLong)
	for {
		select {
		case e := <-s.events:
			if e.device == device && e.ev.Type() == want {
				return e.ev
			}
		case <-deadline:
			s.t.Fatalf("no %v at %s", want, device)
		}
	}
}

func (s *session) check(err error) {
	s.t.Helper()
	if err != nil {
		s.t.Fatal(err)
	}
}

func conn(call cstav3.CallID, device string) cstav3.ConnectionID {
	return cstav3.NewConnectionID(call, cstav3.Dialing(device))
}

// consulted sets up 100 → 101 answered, then 101 consulting 102, answered:
// 101 holds c1 and is active in c2.
func (s *session) consulted() (c1, c2 cstav3.CallID) {
	s.monitor("100", "101", "102")
	r, err := s.client.MakeCall(s.ctx, cstav3.Dialing("100"), cstav3.Dialing("101"))
	s.check(err)
	c1 = r.CallingDevice.Call
	s.waitFor("101", cstav3.EventDelivered)
	s.check(s.client.AnswerCall(s.ctx, conn(c1, "101")))
	s.waitFor("100", cstav3.EventEstablished)
	cr, err := s.client.ConsultationCall(s.ctx, conn(c1, "101"), cstav3.Dialing("102"))
	s.check(err)
	c2 = cr.InitiatedCall.Call
	s.waitFor("102", cstav3.EventDelivered)
	s.check(s.client.AnswerCall(s.ctx, conn(c2, "102")))
	s.waitFor("101", cstav3.EventEstablished)
	return c1, c2
}

var scenarios = map[string]func(s *session){
	// The association, the switch's first SystemStatus and the release.
	"association": func(s *session) {},
	// 100 calls 101, 101 answers, 100 hangs up.
	"basic-call": func(s *session) {
		mons := s.monitor("100", "101")
		r, err := s.client.MakeCall(s.ctx, cstav3.Dialing("100"), cstav3.Dialing("101"))
		s.check(err)
		call := r.CallingDevice.Call
		s.waitFor("101", cstav3.EventDelivered)
		s.check(s.client.AnswerCall(s.ctx, conn(call, "101")))
		s.waitFor("100", cstav3.EventEstablished)
		s.check(s.client.ClearConnection(s.ctx, conn(call, "100")))
		s.waitFor("101", cstav3.EventCallCleared)
		for _, m := range mons {
			s.check(m.Stop(s.ctx))
		}
	},
	// 101 transfers 100 to 102, then 100 hangs up.
	"transfer": func(s *session) {
		c1, c2 := s.consulted()
		r, err := s.client.TransferCall(s.ctx, conn(c1, "101"), conn(c2, "101"))
		s.check(err)
		s.waitFor("100", cstav3.EventTransferred)
		s.check(s.client.ClearConnection(s.ctx, conn(r.TransferredCall.Call, "100")))
		s.waitFor("102", cstav3.EventCallCleared)
	},
	// 101 conferences 100 and 102, then clears the call.
	"conference": func(s *session) {
		c1, c2 := s.consulted()
		r, err := s.client.ConferenceCall(s.ctx, conn(c1, "101"), conn(c2, "101"))
		s.check(err)
		s.waitFor("102", cstav3.EventConferenced)
		s.check(s.client.ClearCall(s.ctx, conn(r.ConferenceCall.Call, "101")))
		s.waitFor("100", cstav3.EventCallCleared)
	},
	// Requests the switch refuses, and a malformed frame from it.
	"error": func(s *session) {
		expect := func(err error) {
			s.t.Helper()
			var ce *cstav3.Error
			if !errors.As(err, &ce) {
				s.t.Fatalf("want a CSTA error, got %v", err)
			}
		}
		_, err := s.client.MakeCall(s.ctx, cstav3.Dialing("100"), cstav3.Dialing("100"))
		expect(err)
		_, err = s.client.MakeCall(s.ctx, cstav3.Dialing("100"), cstav3.Dialing("999"))
		expect(err)
		expect(s.client.AnswerCall(s.ctx, conn(cstav3.CallID{0x00, 0x99}, "100")))
		_, err = s.client.Monitor(s.ctx, cstav3.Dialing("999"), cstav3.MonitorConfig{OnEvent: func(cstav3.Event) {}})
		expect(err)
		s.check(s.sim.SendGarbage())
		// The garbage was written before the answer to this request.
		s.check(s.client.SystemStatus(s.ctx, cstav3.SystemNormal))
	},
}

// TestMakePcaps records the scenarios (only with -make-pcaps).
func TestMakePcaps(t *testing.T) {
	if !*makePcaps {
		t.Skip("run with -make-pcaps to record testdata/pcaps again")
	}
	for name, run := range scenarios {
		t.Run(name, func(t *testing.T) {
			w, err := capture.Create(filepath.Join(pcapDir, name+".pcap"))
			if err != nil {
				t.Fatal(err)
			}
			// One SystemStatus from the switch and none from the client,
			// so that a capture holds only what the scenario does.
			sim := hipathsim.New(hipathsim.Config{StatusInterval: 0, Location: time.UTC})
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			go sim.Serve(w.Listener(ln))
			ctx, cancel := context.WithTimeout(context.Background(), waitLong)
			defer cancel()
			client, err := hipath.Dial(ctx, ln.Addr().String(), cstav3.WithHeartbeat(0, 2), cstav3.WithoutReconnect())
			if err != nil {
				t.Fatal(err)
			}
			run(&session{t: t, ctx: ctx, client: client, sim: sim, events: make(chan devEvent, 1024)})
			if err := client.Close(); err != nil {
				t.Fatal(err)
			}
			sim.Close()
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestPcapGolden decodes every committed capture with the binary.
func TestPcapGolden(t *testing.T) {
	dir, err := filepath.Abs(pcapDir)
	if err != nil {
		t.Fatal(err)
	}
	pcaps, err := filepath.Glob(filepath.Join(dir, "*.pcap"))
	if err != nil {
		t.Fatal(err)
	}
	for name := range scenarios {
		if _, err := os.Stat(filepath.Join(pcapDir, name+".pcap")); err != nil {
			t.Errorf("capture of %s missing: %v", name, err)
		}
	}
	for _, pcap := range pcaps {
		name := strings.TrimSuffix(filepath.Base(pcap), ".pcap")
		t.Run(name, func(t *testing.T) {
			r := runBin(t, "", nil, "decode", "--pcap", pcap)
			// Exit 1 if (and only if) a part was undecodable, as the
			// deliberately bad frame of the error session.
			wantCode := 0
			if strings.Contains(r.stdout, `"error":"`) {
				wantCode = exitFailure
			}
			if r.code != wantCode || (name == "error") != (wantCode == exitFailure) {
				t.Fatalf("exit %d, want %d: %s", r.code, wantCode, r.stderr)
			}
			golden := strings.TrimSuffix(pcap, ".pcap") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal([]byte(r.stdout), want) {
				got := strings.Split(r.stdout, "\n")
				exp := strings.Split(string(want), "\n")
				for i := range max(len(got), len(exp)) {
					var g, e string
					if i < len(got) {
						g = got[i]
					}
					if i < len(exp) {
						e = exp[i]
					}
					if g != e {
						t.Fatalf("%s differs from %s at line %d:\n got: %s\nwant: %s", pcap, golden, i+1, g, e)
					}
				}
			}
			// Every line is an object with an envelope or an error.
			for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
				m := jsonLine(t, l)
				if m["acse"] == nil && m["rose"] == nil && m["error"] == nil {
					t.Errorf("line without acse, rose or error: %s", l)
				}
			}
		})
	}
}
