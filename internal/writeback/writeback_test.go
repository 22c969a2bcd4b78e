package writeback

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestWriterHandsOverWhatIsBehind: the ranges handed to the disk
// while a blob is written follow each other from the start of the file,
// end on a multiple of flushLag, and end at least flushLag behind what was
// written when they were handed over, so that the writer never writes
// into pages the disk is being given (a write there waits for the disk).
// The file holds exactly what was written.
func TestWriterHandsOverWhatIsBehind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "blob")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var mu sync.Mutex
	var ranges [][2]int64
	var written int64 // what the writer will have written once its current write is done
	w := newWriter(f, func(off, n int64) error {
		mu.Lock()
		defer mu.Unlock()
		ranges = append(ranges, [2]int64{off, n})
		if off+n > written-flushLag {
			t.Errorf("range [%d, %d) handed over when %d bytes were written: less than %d behind", off, off+n, written, flushLag)
		}
		return nil
	})
	chunk := bytes.Repeat([]byte{7}, 65536+16) // an age chunk: not a divisor of flushLag
	const total = 100 << 20
	var n int64
	for n < total {
		mu.Lock()
		written = n + int64(len(chunk))
		mu.Unlock()
		m, err := w.Write(chunk)
		if err != nil {
			t.Fatal(err)
		}
		n += int64(m)
	}
	if err := w.Stop(); err != nil {
		t.Fatal(err)
	}
	if len(ranges) == 0 {
		t.Fatal("nothing was handed to the disk while writing 100 MiB")
	}
	var next int64
	for _, r := range ranges {
		if r[0] != next || r[1] < flushEvery || (r[0]+r[1])%flushLag != 0 {
			t.Errorf("range [%d, +%d): want it to start at %d, hold at least %d bytes and end on a multiple of %d", r[0], r[1], next, flushEvery, flushLag)
		}
		next = r[0] + r[1]
	}
	if st, err := os.Stat(path); err != nil || st.Size() != n {
		t.Fatalf("the file holds %v bytes, %d were written (%v)", st.Size(), n, err)
	}
}
