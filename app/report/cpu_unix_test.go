//go:build unix

package report

import "syscall"

// cpuSeconds returns the CPU time the process used so far (user and
// system): on a shared machine, steadier than the time on the clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
