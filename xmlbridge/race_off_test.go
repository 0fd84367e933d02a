//go:build !race

package xmlbridge

const raceEnabled = false
