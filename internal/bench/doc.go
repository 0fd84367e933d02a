// Package bench is the end-to-end harness of cstav3-monitor bench: the
// simulator's paced events → client → (with consumers) XML bridge → K TCP
// consumers on loopback, all in one process, with the latency of every
// event (histograms), the CPU time and peak RSS of the process (rusage,
// /proc), heap per monitor and allocations per event; a matrix of runs
// with its Markdown table and PNG plot. BENCHMARKS.md holds its figures.
//
// It is internal: the command's flags are its interface. The paced
// traffic's wire format is in the pace subpackage, which the simulator
// imports.
package bench
