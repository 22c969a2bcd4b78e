// Package pageout gives back to the system the pages of files that the
// process maps and has read once. Badger maps its tables into memory;
// the checks at open read every table, and every page read stays in the
// process's resident memory while the person reads the journal (issue
// 15: about 19 MB of a 10,000-incident journal, on a 4 GB laptop). The
// journal keeps what it lists in its own index, so those pages are not
// needed again soon: given back, a page read later comes back from disk.
//
// Linux only (madvise MADV_PAGEOUT, Linux 5.4); elsewhere, and on an
// older kernel, nothing is done. Embedded does the same for bytes built
// into the program.
package pageout

import (
	"path/filepath"
	"strings"
)

// Files asks the system to reclaim the pages of this process's mappings
// of the files in dir whose names end with suffix, and returns how many
// bytes those mappings span. It is advice: what a mapping holds never
// changes, so the call is safe even when the owner of a mapping unmaps it
// meanwhile (at worst the pages of whatever was mapped there instead are
// reclaimed, and read back when used).
func Files(dir, suffix string) (int64, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return 0, err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real // the mappings name the file's real path
	}
	return pageOut(func(path string) bool {
		return filepath.Dir(path) == abs && strings.HasSuffix(path, suffix)
	})
}

// Embedded gives back to the system the pages of b, bytes embedded in
// the program's executable (go:embed) that the process has read and will
// not read again soon: a font that Fyne parsed, and whose tables it
// copied, at the first screen (issue 15: about 5 MB of Fyne's emoji and
// text fonts stay resident in the GUI while the person reads the journal,
// beside the copies the parser keeps). It returns how many bytes it gave
// back: only the whole pages inside b, and nothing when b is not mapped
// from the executable or when one of its pages was written (a read of b
// afterwards must return the same bytes: it comes back from the file).
// Linux only; elsewhere it does nothing.
func Embedded(b []byte) (int64, error) { return embedded(b) }
