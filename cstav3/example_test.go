package cstav3_test

import (
	"context"
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
