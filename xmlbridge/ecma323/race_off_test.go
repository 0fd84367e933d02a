//go:build !race

package ecma323

const raceEnabled = false
