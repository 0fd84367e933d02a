//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package xmlbridge

import "syscall"

// fdLimit returns the process's soft RLIMIT_NOFILE, which the Go runtime
// raises to the hard limit at start-up on these systems; 0 if unknown.
func fdLimit() int {
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err != nil || rl.Cur == 0 {
		return 0
	}
	return int(min(rl.Cur, 1<<30))
}
