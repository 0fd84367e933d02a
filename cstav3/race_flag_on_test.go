//go:build race

package cstav3

// raceOn: the race detector changes allocation counts, so the allocation
// checks of this package's internal tests skip under it.
const raceOn = true
