//go:build !race

package cstav3

const raceOn = false
