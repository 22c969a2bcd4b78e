package main

import (
	"os"

	"golang.org/x/sys/unix"
)

// dropFromCache has the system forget the pages of the file at path it
// holds in its page cache (they are read from disk again when needed).
func (h *harness) dropFromCache(path string) {
	f, err := os.Open(path)
	if err != nil {
		h.fatal(err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil { // dirty pages are not dropped
		h.fatal(err)
	}
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		h.fatal(err)
	}
}
