//go:build !linux

package writeback

import "os"

// starter flushes a whole file where the system cannot start the
// writing of a part only.
type starter struct{ f *os.File }

func newStarter(f *os.File) starter { return starter{f} }

// start flushes the file (what was written so far, whatever off and n).
// A write-back error is reported to one fsync only on some systems: it
// is returned, or the final fsync could succeed over lost data.
func (wb starter) start(_, _ int64) error { return wb.f.Sync() }
