//go:build !unix

package report

// cpuSeconds is 0 where getrusage does not exist: the benchmark then
// reports no CPU time.
func cpuSeconds() float64 { return 0 }
