package ecma323_test

import (
	"errors"
	"fmt"

	"github.com/cstav3/cstav3/cstav3"
	"github.com/cstav3/cstav3/xmlbridge/ecma323"
)

// A consumer's request in, the CSTA argument for the switch out; an event
// from the switch in, the consumer's XML out.
func Example() {
	req := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<MakeCall xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3">
<callingDevice typeOfNumber="dialingNumber">725</callingDevice>
<calledDirectoryNumber typeOfNumber="dialingNumber">722</calledDirectoryNumber>
</MakeCall>`)
	m, err := ecma323.DecodeRequest(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	arg := m.Argument.(*cstav3.MakeCallArgument)
	fmt.Println(m.Name, m.Edition, arg.CallingDevice, "->", arg.CalledDirectoryNumber)

	// The switch answers; the consumer gets the response in its edition.
	enc := ecma323.Encoder{Edition: m.Edition}
	res := &cstav3.MakeCallResult{CallingDevice: cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2c}, cstav3.Dialing("725"))}
	out, _ := enc.AppendResult(nil, res, "")
	fmt.Println(string(out))

	// An event of the monitor the bridge calls "DMON:1" for this consumer.
	ev := &cstav3.ConnectionClearedEvent{
		DroppedConnection: cstav3.NewConnectionID(cstav3.CallID{0x01, 0x2c}, cstav3.Dialing("722")),
		ReleasingDevice:   cstav3.Known(cstav3.Dialing("722")),
		Cause:             cstav3.CauseNormalClearing,
	}
	out, _ = enc.AppendEvent(nil, ev, "DMON:1")
	fmt.Println(string(out))

	// A call id the bridge never handed out.
	_, err = ecma323.DecodeRequest([]byte(`<AnswerCall><callToBeAnswered>-18</callToBeAnswered></AnswerCall>`))
	var fe *ecma323.FieldError
	fmt.Println(errors.Is(err, ecma323.ErrMalformed), errors.As(err, &fe) && fe.Path == "callToBeAnswered/callID")
	// Output:
	// MakeCall ed3 725 -> 722
	// <MakeCallResponse xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><callingDevice><deviceID typeOfNumber="dialingNumber">725</deviceID><callID>012c</callID></callingDevice></MakeCallResponse>
	// <ConnectionClearedEvent xmlns="http://www.ecma-international.org/standards/ecma-323/csta/ed3"><monitorCrossRefID>DMON:1</monitorCrossRefID><droppedConnection><deviceID typeOfNumber="dialingNumber">722</deviceID><callID>012c</callID></droppedConnection><releasingDevice><deviceIdentifier typeOfNumber="dialingNumber">722</deviceIdentifier></releasingDevice><cause>normalClearing</cause></ConnectionClearedEvent>
	// true true
}
