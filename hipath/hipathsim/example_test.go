package hipathsim_test

import (
	"fmt"

	"github.com/cstav3/cstav3/hipath/hipathsim"
)

// A simulator in-process: phone actions change the call model, and every
// associated link monitoring the phones sees the events.
func Example() {
	s, err := hipathsim.Start(hipathsim.Config{})
	if err != nil {
		panic(err)
	}
	defer s.Close()
	// s.Addr() is where a CSTA client connects, e.g. with hipath.Dial.
	call, err := s.Dial("100", "101")
	if err != nil {
		panic(err)
	}
	fmt.Println("call", call)
	fmt.Println(s.Answer("101"), s.Hangup("100"))
	fmt.Println(s.Hangup("100"))
	fmt.Println(s.Stats().CallsStarted)
	// Output:
	// call 0001
	// <nil> <nil>
	// cstav3: CSTA error stateIncompatibility: noConnectionToClear
	// 1
}
