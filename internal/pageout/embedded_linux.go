package pageout

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/unix"
)

// embedded releases the whole pages of b from this process's mapping of
// its executable (MADV_DONTNEED: a page of a private mapping that was
// never written is read again from the file, which holds b's bytes), then
// from the page cache (fadvise DONTNEED), which would otherwise keep
// them. A page of b that was written is the process's own copy, which
// MADV_DONTNEED would drop: then nothing is done.
func embedded(b []byte) (int64, error) {
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo, hi := (start+page-1)&^(page-1), (start+uintptr(len(b)))&^(page-1)
	if len(b) == 0 || hi <= lo {
		return 0, nil
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, fmt.Errorf("find the executable: %w", err)
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	var m mapping
	err = eachMapping(func(c mapping) bool {
		if c.path == exe && c.start <= lo && hi <= c.end {
			m = c
			return false
		}
		return true
	})
	if err != nil || m.path == "" {
		return 0, err // not bytes of the executable: never dropped
	}
	if clean, err := fromFile(lo, hi, page); err != nil || !clean {
		return 0, err
	}
	if _, _, errno := unix.Syscall(unix.SYS_MADVISE, lo, hi-lo, unix.MADV_DONTNEED); errno != 0 {
		return 0, fmt.Errorf("release embedded bytes: %w", errno)
	}
	if f, err := os.Open(exe); err == nil {
		// Advice: pages another process maps stay in the cache.
		unix.Fadvise(int(f.Fd()), int64(m.offset+lo-m.start), int64(hi-lo), unix.FADV_DONTNEED)
		f.Close()
	}
	return int64(hi - lo), nil
}

// fromFile says whether every page from lo to hi is still the file's:
// not present, or present as a page of the file, never an anonymous copy
// (resident or swapped) made when it was written. It reads
// /proc/self/pagemap, one 64-bit entry a page: bit 63 present, 62
// swapped, 61 a page of a file.
func fromFile(lo, hi, page uintptr) (bool, error) {
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return false, fmt.Errorf("read the page map: %w", err)
	}
	defer f.Close()
	entries := make([]byte, (hi-lo)/page*8)
	if _, err := f.ReadAt(entries, int64(lo/page*8)); err != nil {
		return false, fmt.Errorf("read the page map: %w", err)
	}
	for i := 0; i < len(entries); i += 8 {
		e := binary.LittleEndian.Uint64(entries[i:])
		present, swapped, file := e>>63&1 == 1, e>>62&1 == 1, e>>61&1 == 1
		if swapped || present && !file {
			return false, nil
		}
	}
	return true, nil
}
