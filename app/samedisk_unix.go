//go:build !windows

package app

import (
	"os"
	"syscall"
)

// sameVolume compares the devices the two files are on.
func sameVolume(_, _ string, a, b os.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev == sb.Dev
}
