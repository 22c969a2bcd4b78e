package writeback

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestWrittenPartsLeaveTheCache: once written to disk, the start of a
// large file written through a Writer is no longer in the page cache (a
// 4 GiB video attached on a 4 GB laptop does not push out what the
// person's other programs hold), and the file holds what was written.
func TestWrittenPartsLeaveTheCache(t *testing.T) {
	dir := t.TempDir()
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	if fs.Type == unix.TMPFS_MAGIC || fs.Type == unix.RAMFS_MAGIC {
		t.Skip("the file system is memory: its pages cannot leave it")
	}
	path := filepath.Join(dir, "blob")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := New(f)
	chunk := bytes.Repeat([]byte{7}, 65536+16)
	const total = 96 << 20
	for n := 0; n < total; n += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, flushEvery, unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(m)
	resident := make([]byte, flushEvery/os.Getpagesize())
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&resident[0]))); errno != 0 {
		t.Fatal(errno)
	}
	in := 0
	for _, r := range resident {
		in += int(r & 1)
	}
	if in > len(resident)/10 {
		t.Errorf("%d of the first %d pages written are still in the page cache", in, len(resident))
	}
	if st, err := os.Stat(path); err != nil || st.Size() < total {
		t.Fatalf("the file holds %v bytes, %d were written (%v)", st.Size(), total, err)
	}
}
