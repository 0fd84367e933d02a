package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"time"
)

// cpuTimes are the CPU times of the process so far.
type cpuTimes struct{ user, sys time.Duration }

// peakRSS returns the process's peak resident set size (VmHWM in
// /proc/self/status), 0 where there is no such file.
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
		if err != nil {
			return 0
		}
		return kb << 10
	}
	return 0
}
