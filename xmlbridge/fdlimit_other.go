//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package xmlbridge

// fdLimit is unknown on this system; Config.MaxConns then defaults to
// defaultFDLimit minus Config.FDReserve.
func fdLimit() int { return 0 }
