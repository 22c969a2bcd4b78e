package pageout

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// pageOut advises MADV_PAGEOUT on the mappings of the files that want
// selects, read from /proc/self/maps.
func pageOut(want func(path string) bool) (int64, error) {
	var spanned int64
	var failed error
	err := eachMapping(func(m mapping) bool {
		if !want(m.path) {
			return true
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, m.start, m.end-m.start, unix.MADV_PAGEOUT)
		switch {
		case errno == unix.EINVAL: // a kernel older than 5.4
			spanned = 0
			return false
		case errno == unix.ENOMEM: // unmapped meanwhile: its owner closed the file
			return true
		case errno != 0:
			failed = fmt.Errorf("page out %s: %w", m.path, errno)
			return false
		}
		spanned += int64(m.end - m.start)
		return true
	})
	return spanned, errors.Join(failed, err)
}

// eachMapping calls each with the file mappings of this process, read
// from /proc/self/maps, until it returns false.
func eachMapping(each func(mapping) bool) error {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return fmt.Errorf("read the mappings: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m, ok := parseMapping(sc.Text()); ok && !each(m) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read the mappings: %w", err)
	}
	return nil
}

// mapping is one line of /proc/self/maps: the addresses a file is mapped
// at, from which offset in the file.
type mapping struct {
	start, end, offset uintptr
	path               string
}

// parseMapping reads one line of /proc/self/maps: "start-end perms
// offset dev inode path", the path possibly holding spaces.
func parseMapping(line string) (mapping, bool) {
	rest := line
	var fields [5]string
	var ok bool
	for i := range fields {
		rest = strings.TrimLeft(rest, " ")
		fields[i], rest, ok = strings.Cut(rest, " ")
		if !ok {
			return mapping{}, false
		}
	}
	path := strings.TrimLeft(rest, " ")
	lo, hi, ok := strings.Cut(fields[0], "-")
	if !ok || path == "" {
		return mapping{}, false
	}
	s, err1 := strconv.ParseUint(lo, 16, 64)
	e, err2 := strconv.ParseUint(hi, 16, 64)
	o, err3 := strconv.ParseUint(fields[2], 16, 64)
	if err := errors.Join(err1, err2, err3); err != nil || e <= s {
		return mapping{}, false
	}
	return mapping{uintptr(s), uintptr(e), uintptr(o), path}, true
}
