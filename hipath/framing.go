package hipath

import "errors"

// Framing is the frame header of a HiPath, in both directions: 0x26, then
// the PDU length as a 16-bit big-endian number with the top bit set (so at
// most MaxPDU bytes). The length counts the PDU only. Options sets it; it is
// also what a tool reading a capture of a HiPath link passes to
// cstav3.NewFrameReader.
var Framing framing

// MaxPDU is the largest PDU a HiPath frame header can announce.
const MaxPDU = 0x7FFF

const frameMarker = 0x26

// The reasons a header is not a HiPath one; a *cstav3.FrameError wraps them.
var (
	ErrFrameMarker = errors.New("no 0x26 marker")
	ErrFrameFlag   = errors.New("length without the 0x8000 flag")
)

type framing struct{}

// HeaderLen returns 3: the marker and the flagged length.
func (framing) HeaderLen() int { return 3 }

// MaxPDU returns MaxPDU.
func (framing) MaxPDU() int { return MaxPDU }

// PutHeader writes the header of a PDU of n bytes into h[:3].
func (framing) PutHeader(h []byte, n int) {
	h[0], h[1], h[2] = frameMarker, 0x80|byte(n>>8), byte(n)
}

// ParseHeader returns the length h[:3] announces, or ErrFrameMarker or
// ErrFrameFlag.
func (framing) ParseHeader(h []byte) (int, error) {
	if h[0] != frameMarker {
		return 0, ErrFrameMarker
	}
	if h[1]&0x80 == 0 {
		return 0, ErrFrameFlag
	}
	return int(h[1]&0x7F)<<8 | int(h[2]), nil
}
