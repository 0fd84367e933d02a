package framing_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/cstav3/cstav3/xmlbridge/framing"
)

// A consumer's read loop over an Annex J.2 stream: each document is handled
// before the next is read, so one buffer serves them all.
func ExampleHeaderReader_ReadMessageInto() {
	var stream []byte // what a bridge connection would carry
	stream, _ = framing.AppendHeader(stream, 1, []byte(`<MonitorStartResponse><monitorCrossRefID>DMON:1</monitorCrossRefID></MonitorStartResponse>`))
	stream, _ = framing.AppendHeader(stream, framing.EventInvokeID, []byte(`<DeliveredEvent><monitorCrossRefID>DMON:1</monitorCrossRefID></DeliveredEvent>`))

	r := framing.NewHeaderReader(bufio.NewReader(bytes.NewReader(stream)), framing.HeaderOptions{})
	var buf []byte
	for {
		id, doc, err := r.ReadMessageInto(buf)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		buf = doc
		fmt.Println(id, len(doc), string(doc[:16]))
	}
	// Output:
	// 1 90 <MonitorStartRes
	// 9999 78 <DeliveredEvent>
}
