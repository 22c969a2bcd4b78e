package writeback

import (
	"bytes"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// writeInChunks writes data to w in age's chunks (64 KiB and a tag: not
// a divisor of the disk's blocks), after a small header, as a blob is.
func writeInChunks(t *testing.T, w File, data []byte) {
	t.Helper()
	n := min(len(data), 200)
	for len(data) > 0 {
		m, err := w.Write(data[:n])
		if err != nil || m != n {
			t.Fatalf("write of %d bytes: %d, %v", n, m, err)
		}
		data = data[n:]
		n = min(len(data), 65536+16)
	}
}

// TestDirectFileHoldsWhatWasWritten: a file written past the page cache
// holds exactly what was written, whatever its size (the tail, not a
// multiple of the disk's blocks, is written through the page cache).
func TestDirectFileHoldsWhatWasWritten(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 4097, directBuf - 1, directBuf, directBuf + 17, 3*directBuf + 4096, 5*directBuf + 12345} {
		data := make([]byte, size)
		rand.Read(data)
		path := filepath.Join(dir, "blob")
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			t.Fatal(err)
		}
		w := NewDirect(f)
		writeInChunks(t, w, data)
		if err := w.Stop(); err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		if err := w.Stop(); err != nil { // a second Stop is harmless
			t.Fatalf("%d bytes, second Stop: %v", size, err)
		}
		if err := f.Sync(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, data) {
			t.Fatalf("%d bytes written, the file holds %d, or other bytes", size, len(got))
		}
	}
}

// TestDirectFallsBackOnRefusal: a file system that refuses a direct
// write (EINVAL) gets that write and the rest of the file through the
// page cache, and the file holds what was written.
func TestDirectFallsBackOnRefusal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "blob")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fd := int(f.Fd())
	if err := setDirect(fd, true); err != nil {
		t.Skipf("this file system refuses direct writes at once: %v", err)
	}
	direct, refused := true, 0
	w := newDirect(fd, func(fd int, p []byte, off int64) (int, error) {
		if direct {
			flags, _ := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
			if flags&unix.O_DIRECT == 0 {
				direct = false
			} else if off >= directBuf { // the second write is refused
				refused++
				return 0, unix.EINVAL
			}
		}
		return unix.Pwrite(fd, p, off)
	})
	data := make([]byte, 3*directBuf+777)
	rand.Read(data)
	writeInChunks(t, w, data)
	if err := w.Stop(); err != nil {
		t.Fatal(err)
	}
	if refused != 1 || direct {
		t.Fatalf("refused %d times, still direct: %v; want one refusal, then writes through the page cache", refused, direct)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, data) {
		t.Fatalf("the file holds %d bytes, or other bytes, than the %d written", len(got), len(data))
	}
}

// TestDirectReportsAWriteError: a write the disk fails (a full disk) is
// reported by a later Write or by Stop, and nothing is written after it.
func TestDirectReportsAWriteError(t *testing.T) {
	full := errors.New("no space left on device")
	var writes int
	w := newDirect(-1, func(int, []byte, int64) (int, error) {
		writes++
		return 0, full
	})
	data := make([]byte, 6*directBuf)
	var err error
	for len(data) > 0 && err == nil {
		var n int
		n, err = w.Write(data[:min(len(data), 65552)])
		data = data[n:]
	}
	if stopErr := w.Stop(); !errors.Is(stopErr, full) {
		t.Fatalf("Stop: %v, want the write's error", stopErr)
	}
	if writes != 1 {
		t.Fatalf("%d writes tried, want none after the first failed", writes)
	}
}

// TestDirectSmallFileTakesOneBuffer: a photo (a few hundred kilobytes)
// is written from one buffer, not directBufs of them.
func TestDirectSmallFileTakesOneBuffer(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "blob"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, ok := NewDirect(f).(*direct)
	if !ok {
		t.Skip("this file system refuses direct writes")
	}
	writeInChunks(t, w, make([]byte, 300<<10))
	if err := w.Stop(); err != nil {
		t.Fatal(err)
	}
	if w.made != 1 {
		t.Fatalf("%d buffers of %d bytes made for 300 KiB", w.made, directBuf)
	}
}
