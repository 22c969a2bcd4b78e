// Package writeback writes a large file and has the disk start writing
// it while it is being written: the vault's evidence files, the bundles.
// Every few megabytes, a goroutine asks the system to start writing to
// disk what was written so far while the next part is encrypted. The
// disk's work is then spread over the copy instead of being paid at the
// end: the final fsync of a 4 GiB file waits for the last few megabytes
// only. The final fsync, the caller's, stays what makes the file durable;
// what is started here only brings it forward.
package writeback

import (
	"os"
	"sync"
)

// Writer writes to a file and hands what lies behind it to the disk.
//
// The range handed over ends flushLag behind the writer, on a multiple of
// flushLag: the writer never writes into a page the disk is being given
// (Linux keeps a file's pages in folios of up to a few megabytes, and a
// write into a folio under write-back waits for the disk).
type Writer struct {
	f        *os.File
	written  int64
	queued   int64 // the end of the last range handed to the goroutine
	ranges   chan [2]int64
	done     chan struct{}
	stopOnce sync.Once
	syncErr  error // the first error of a background flush, set before done closes
}

const (
	flushEvery = 16 << 20
	flushLag   = 8 << 20
)

// New returns a Writer to f. Call Stop once everything is written, then
// sync f.
func New(f *os.File) *Writer { return newWriter(f, newStarter(f).start) }

// newWriter writes to f; start is called, in a goroutine, with each range
// written to hand to the disk.
func newWriter(f *os.File, start func(off, n int64) error) *Writer {
	w := &Writer{f: f, ranges: make(chan [2]int64, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for r := range w.ranges {
			if err := start(r[0], r[1]-r[0]); err != nil && w.syncErr == nil {
				w.syncErr = err
			}
		}
	}()
	return w
}

func (w *Writer) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	end := (w.written - flushLag) &^ (flushLag - 1)
	if end-w.queued >= flushEvery {
		select {
		case w.ranges <- [2]int64{w.queued, end}:
			w.queued = end
		default: // a flush is under way: the next range will cover this part too
		}
	}
	return n, err
}

// Stop waits for the goroutine to end and returns the first error a
// background flush met. It can be called more than once.
func (w *Writer) Stop() error {
	w.stopOnce.Do(func() { close(w.ranges) })
	<-w.done
	return w.syncErr
}
