//go:build !linux

package vault

import "os"

// writeback flushes a whole file where the system cannot start the
// writing of a part only.
type writeback struct{ f *os.File }

func newWriteback(f *os.File) writeback { return writeback{f} }

// start flushes the file (what was written so far, whatever off and n).
// A write-back error is reported to one fsync only on some systems: it
// is returned, or the final fsync could succeed over lost data.
func (wb writeback) start(_, _ int64) error { return wb.f.Sync() }
