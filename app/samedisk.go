package app

import (
	"os"
	"path/filepath"
)

// SameDisk reports whether a backup written into folder would sit on the
// disk that holds the journal in dir: then a failed disk, a theft or a
// ransomware takes both. On Unix the two device numbers are compared,
// on Windows the two volumes. It is false when either cannot be read.
func SameDisk(dir, folder string) bool {
	a, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	b, err := filepath.Abs(folder)
	if err != nil {
		return false
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	if err != nil {
		return false
	}
	return sameVolume(a, b, sa, sb)
}
