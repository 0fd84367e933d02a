package cstav3_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"log"
	"time"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/hipath"
	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// Dial a switch, monitor an extension and place a call. The switch here is
// the simulator; with a real HiPath, pass its address ("10.0.0.5:7001").
func Example() {
	sim, err := hipathsim.Start(hipathsim.Config{})
	if err != nil {
		log.Fatal(err)
	}
	defer sim.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	client, err := hipath.Dial(ctx, sim.Addr())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	rings := make(chan *cstav3.DeliveredEvent, 1)
	_, err = client.Monitor(ctx, cstav3.Dialing("101"), cstav3.MonitorConfig{
		OnDelivered: func(ev *cstav3.DeliveredEvent) { rings <- ev },
	})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.MakeCall(ctx, cstav3.Dialing("100"), cstav3.Dialing("101")); err != nil {
		log.Fatal(err)
	}
	ev := <-rings
	fmt.Printf("%s rings, %s calling (%s, %s)\n", ev.AlertingDevice, ev.CallingDevice, ev.Cause, ev.LocalConnectionInfo)
	// Output: 101 rings, 100 calling (newCall, alerting)
}

// A universalFailure from the switch is a *cstav3.Error naming its branch
// and value as ECMA-285 does.
func ExampleError() {
	sim, _ := hipathsim.Start(hipathsim.Config{FirstDevice: 100, LastDevice: 199})
	defer sim.Close()
	ctx := context.Background()
	client, err := hipath.Dial(ctx, sim.Addr())
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()

	_, err = client.MakeCall(ctx, cstav3.Dialing("100"), cstav3.Dialing("100"))
	if cerr, ok := err.(*cstav3.Error); ok {
		fmt.Println(cerr.Branch)
	}
	// Output: operation
}

// An EventDecoder reads a stream of event reports, here two HiPath frames
// as a capture holds them, without allocating an event per report: each
// report is valid until the next Decode.
func ExampleEventDecoder() {
	frames, _ := hex.DecodeString(
		"26805ca15a020105020115305255020001a04ca44a6b0f300d8002b164a107300580033130306307300580033130306107" +
			"300580033230306207300580033130306402870" + "04e01020a01167e12a010180e3230313030393136313230303030" +
			"26805ca15a020106020115305255020001a04ca44a6b0f300d8002b165a107300580033130306307300580033130306107" +
			"300580033230316207300580033130306402870" + "04e01020a01167e12a010180e3230313030393136313230303031")
	fr := cstav3.NewFrameReader(bytes.NewReader(frames), hipath.Framing, 0)
	var dec cstav3.EventDecoder
	for {
		pdu, err := fr.ReadFrame()
		if err != nil {
			break
		}
		var m cstav3.Message
		if err := m.Decode(pdu); err != nil || m.Opcode != cstav3.OpEventReport {
			continue
		}
		rep, err := dec.Decode(m.Argument)
		if err != nil {
			log.Fatal(err)
		}
		if ev, ok := rep.Event.(*cstav3.DeliveredEvent); ok {
			fmt.Printf("call %s: %s rings, %s calling\n", ev.Connection.Call, ev.AlertingDevice, ev.CallingDevice)
		}
	}
	// Output:
	// call b164: 100 rings, 200 calling
	// call b165: 100 rings, 201 calling
}
