package writeback

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// starter starts the disk's writing of part of a file without waiting
// for it (sync_file_range with SYNC_FILE_RANGE_WRITE), and drops from the
// page cache the part it started before, once written.
type starter struct {
	fd   int
	prev [2]int64 // the range started before: offset, length
}

func newStarter(f *os.File) *starter { return &starter{fd: int(f.Fd())} }

// start asks the kernel to write [off, off+n) to disk. It neither waits
// nor consumes a write-back error: the final fsync reports any error met
// since the file was opened. A file system that cannot (EINVAL, ESPIPE)
// is no error: the final fsync does all the work.
//
// The range started before, handed over at least 16 MiB of writing
// ago, is then waited for and its pages are dropped from the page cache
// (what dd's oflag=nocache does): a gigabyte of encrypted evidence, read
// again only when the file is opened, no longer pushes out of the memory
// of a 4 GB laptop what the person's other programs hold, and the next
// pages the file needs are those it gave back, not new ones (which
// writing into costs the system more). The final fsync is what makes the
// file durable, whatever happened here.
func (wb *starter) start(off, n int64) error {
	if err := ignoreUnsupported(unix.SyncFileRange(wb.fd, off, n, unix.SYNC_FILE_RANGE_WRITE)); err != nil {
		return err
	}
	prev := wb.prev
	wb.prev = [2]int64{off, n}
	if prev[1] == 0 {
		return nil
	}
	const waitWrite = unix.SYNC_FILE_RANGE_WAIT_BEFORE | unix.SYNC_FILE_RANGE_WRITE | unix.SYNC_FILE_RANGE_WAIT_AFTER
	if err := ignoreUnsupported(unix.SyncFileRange(wb.fd, prev[0], prev[1], waitWrite)); err != nil {
		return err
	}
	unix.Fadvise(wb.fd, prev[0], prev[1], unix.FADV_DONTNEED) // advice: nothing to report if not taken
	return nil
}

func ignoreUnsupported(err error) error {
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ESPIPE) || errors.Is(err, unix.ENOSYS) {
		return nil
	}
	return err
}
