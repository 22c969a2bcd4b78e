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
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return 0, fmt.Errorf("read the mappings: %w", err)
	}
	defer f.Close()
	var spanned int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, path, ok := parseMapping(sc.Text())
		if !ok || !want(path) {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_PAGEOUT)
		switch {
		case errno == unix.EINVAL: // a kernel older than 5.4
			return 0, nil
		case errno == unix.ENOMEM: // unmapped meanwhile: its owner closed the file
			continue
		case errno != 0:
			return spanned, fmt.Errorf("page out %s: %w", path, errno)
		}
		spanned += int64(end - start)
	}
	if err := sc.Err(); err != nil {
		return spanned, fmt.Errorf("read the mappings: %w", err)
	}
	return spanned, nil
}

// parseMapping reads one line of /proc/self/maps: "start-end perms
// offset dev inode path", the path possibly holding spaces.
func parseMapping(line string) (start, end uintptr, path string, ok bool) {
	rest := line
	var fields [5]string
	for i := range fields {
		rest = strings.TrimLeft(rest, " ")
		fields[i], rest, ok = strings.Cut(rest, " ")
		if !ok {
			return 0, 0, "", false
		}
	}
	path = strings.TrimLeft(rest, " ")
	lo, hi, ok := strings.Cut(fields[0], "-")
	if !ok || path == "" {
		return 0, 0, "", false
	}
	s, err1 := strconv.ParseUint(lo, 16, 64)
	e, err2 := strconv.ParseUint(hi, 16, 64)
	if err := errors.Join(err1, err2); err != nil || e <= s {
		return 0, 0, "", false
	}
	return uintptr(s), uintptr(e), path, true
}
