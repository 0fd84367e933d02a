//go:build race

package cstav3

// RaceOn says the race detector is on: it changes allocation counts, so the
// allocation checks of this package's tests, internal and external, skip.
const RaceOn = true
