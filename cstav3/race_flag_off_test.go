//go:build !race

package cstav3

// RaceOn: see race_flag_on_test.go.
const RaceOn = false
