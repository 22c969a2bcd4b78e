package pageout

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"os"
	"testing"
	"unsafe"
)

var (
	//go:embed testdata/read.txt
	embeddedRead []byte
	//go:embed testdata/written.txt
	embeddedWritten []byte
)

// TestEmbeddedGivesBackTheBytesRead: bytes built into the program and
// read count in its resident memory until Embedded is called; after it,
// their pages are given back, and the bytes read the same. Bytes that are
// not the executable's, or that were written, are left as they are.
func TestEmbeddedGivesBackTheBytesRead(t *testing.T) {
	want, err := os.ReadFile("testdata/read.txt")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(embeddedRead); i += os.Getpagesize() {
		touched += embeddedRead[i]
	}
	if n := residentPages(t, embeddedRead); n < 4 {
		t.Skipf("%d pages of the embedded bytes resident after reading them: nothing to measure", n)
	}
	released, err := Embedded(embeddedRead)
	if err != nil {
		t.Fatal(err)
	}
	if released < int64(len(embeddedRead)-2*os.Getpagesize()) {
		t.Errorf("Embedded gave back %d bytes of %d", released, len(embeddedRead))
	}
	if n := residentPages(t, embeddedRead); n > 2 { // the first and last pages are shared
		t.Errorf("%d pages of the embedded bytes still resident after Embedded", n)
	}
	if !bytes.Equal(embeddedRead, want) {
		t.Fatal("the embedded bytes read differently after Embedded")
	}

	copied := bytes.Clone(embeddedRead)
	if released, err := Embedded(copied); released != 0 || err != nil {
		t.Errorf("Embedded on a copy on the heap = %d, %v; want 0, nil", released, err)
	}
	if !bytes.Equal(copied, want) {
		t.Fatal("a copy on the heap changed")
	}

	middle := len(embeddedWritten) / 2
	embeddedWritten[middle] ^= 0xff
	if released, err := Embedded(embeddedWritten); released != 0 || err != nil {
		t.Errorf("Embedded on written bytes = %d, %v; want 0, nil", released, err)
	}
	if original, _ := os.ReadFile("testdata/written.txt"); embeddedWritten[middle] != original[middle]^0xff {
		t.Fatal("a byte written into embedded bytes was lost")
	}
}

// residentPages counts the pages of b present in this process's memory,
// from /proc/self/pagemap (bit 63 of each page's entry).
func residentPages(t *testing.T, b []byte) int {
	t.Helper()
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		t.Skip("no page map:", err)
	}
	defer f.Close()
	page := uintptr(os.Getpagesize())
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	first, last := start/page, (start+uintptr(len(b))-1)/page
	entries := make([]byte, (last-first+1)*8)
	if _, err := f.ReadAt(entries, int64(first*8)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := 0; i < len(entries); i += 8 {
		if binary.LittleEndian.Uint64(entries[i:])>>63 == 1 {
			n++
		}
	}
	return n
}
