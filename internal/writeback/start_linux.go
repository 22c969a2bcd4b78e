package writeback

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// starter starts the disk's writing of part of a file without waiting
// for it (sync_file_range with SYNC_FILE_RANGE_WRITE).
type starter struct{ fd int }

func newStarter(f *os.File) starter { return starter{int(f.Fd())} }

// start asks the kernel to write [off, off+n) to disk. It neither waits
// nor consumes a write-back error: the final fsync reports any error met
// since the file was opened. A file system that cannot (EINVAL, ESPIPE)
// is no error: the final fsync does all the work.
func (wb starter) start(off, n int64) error {
	err := unix.SyncFileRange(wb.fd, off, n, unix.SYNC_FILE_RANGE_WRITE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ESPIPE) || errors.Is(err, unix.ENOSYS) {
		return nil
	}
	return err
}
