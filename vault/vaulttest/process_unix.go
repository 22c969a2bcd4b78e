//go:build !windows

package vaulttest

import (
	"errors"
	"os"
	"syscall"
)

// processRuns reports whether a process has the id pid.
func processRuns(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	defer p.Release()
	return !errors.Is(p.Signal(syscall.Signal(0)), os.ErrProcessDone)
}
