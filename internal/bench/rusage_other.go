//go:build !unix

package bench

// cpuTime is unknown here: the bench reports 0 CPU seconds.
func cpuTime() cpuTimes { return cpuTimes{} }
