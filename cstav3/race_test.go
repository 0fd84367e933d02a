//go:build race

package cstav3_test

// The race detector changes allocation counts: the allocation checks skip.
func init() { raceEnabled = true }
