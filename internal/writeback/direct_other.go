//go:build !linux

package writeback

import "os"

// NewDirect returns New(f): writing past the page cache is done on Linux
// only (direct_linux.go).
func NewDirect(f *os.File) File { return New(f) }
