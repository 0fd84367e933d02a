package cstav3_test

import (
	"net"
	"testing"
	"time"

	"github.com/cstav3/cstav3/cstav3"
)

// TestDefaultFraming: a client without WithFraming or WithAuthentication
// frames with LengthPrefix and sends an AARQ without authentication.
func TestDefaultFraming(t *testing.T) {
	cli, srv := net.Pipe()
	defer srv.Close()
	aarq := make(chan *cstav3.AARQ, 1)
	go func() {
		defer close(aarq)
		fr := cstav3.NewFrameReader(srv, cstav3.LengthPrefix, 0)
		pdu, err := fr.ReadFrame()
		if err != nil {
			return
		}
		if a, err := cstav3.DecodeAPDU(pdu); err == nil {
			if q, ok := a.(*cstav3.AARQ); ok {
				aarq <- q
			}
		}
		aare, _ := cstav3.AppendAPDU(nil, &cstav3.AARE{Result: cstav3.Accepted})
		if cstav3.WriteFrame(srv, cstav3.LengthPrefix, aare) != nil {
			return
		}
		for { // let Close's RLRQ through; no RLRE comes, so it aborts
			if _, err := fr.ReadFrame(); err != nil {
				return
			}
		}
	}()
	c, err := cstav3.Connect(ctxT(t), cli, cstav3.WithHeartbeat(0, 1), cstav3.WithoutReconnect(),
		cstav3.WithTimeouts(time.Second, 50*time.Millisecond, time.Second))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	q, ok := <-aarq
	if !ok || q.Authentication != nil || !q.Context.Equal(cstav3.ContextCSTA) {
		t.Fatalf("AARQ %+v", q)
	}
}
