package pageout

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestFilesGivesBackTheMappedPagesRead: a table mapped and read whole
// counts in the process's resident memory until Files is called; after
// it, the pages are given back, and the mapping still reads the same
// bytes.
func TestFilesGivesBackTheMappedPagesRead(t *testing.T) {
	dir := t.TempDir()
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil || st.Type == unix.TMPFS_MAGIC {
		t.Skip("the temporary folder is in memory (tmpfs): its pages cannot be given back")
	}
	const size = 4 << 20
	data := make([]byte, size)
	for i := range data {
		data[i] = byte(i * 7)
	}
	table := mapRead(t, filepath.Join(dir, "000001.sst"), data)
	other := mapRead(t, filepath.Join(dir, "000001.vlog"), data)

	before := residentKB(t, filepath.Join(dir, "000001.sst"))
	if before < size/1024/2 {
		t.Skipf("the table read counts %d kB resident: nothing to measure", before)
	}
	spanned, err := Files(dir, ".sst")
	if err != nil {
		t.Fatal(err)
	}
	if spanned == 0 {
		t.Skip("this kernel has no MADV_PAGEOUT (Linux 5.4)")
	}
	if spanned != size {
		t.Errorf("Files advised %d bytes, want the table's %d", spanned, size)
	}
	if after := residentKB(t, filepath.Join(dir, "000001.sst")); after > before/4 {
		t.Errorf("the table's mapping is %d kB resident after Files, %d kB before: not given back", after, before)
	}
	if kept := residentKB(t, filepath.Join(dir, "000001.vlog")); kept < size/1024/2 {
		t.Errorf("the other file's mapping dropped to %d kB: Files reclaimed a file it was not asked for", kept)
	}
	if string(table) != string(data) || string(other) != string(data) {
		t.Fatal("a mapping reads other bytes after Files")
	}
}

// mapRead writes data to path (synced, so that its pages are clean),
// maps it and reads every page.
func mapRead(t *testing.T, path string, data []byte) []byte {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, len(data), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(m) })
	for i := 0; i < len(m); i += os.Getpagesize() {
		touched += m[i]
	}
	return m
}

// touched keeps the reads of mapRead from being optimised away.
var touched byte

// residentKB is the resident size of this process's mappings of path,
// from /proc/self/smaps.
func residentKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if head, _, _ := strings.Cut(line, " "); strings.Contains(head, "-") {
			m, _ := parseMapping(line) // a mapping begins: its path, or none
			in = m.path == path
			continue
		}
		if rss, ok := strings.CutPrefix(line, "Rss:"); ok && in {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rss), " kB"))
			total += kb
		}
	}
	return total
}

func TestParseMapping(t *testing.T) {
	for _, c := range []struct {
		line string
		want mapping
		ok   bool
	}{
		{"7f5aefe10000-7f5af0000000 r--s 00000000 fe:00 10322035                   /tmp/a vault/db/000007.sst", mapping{0x7f5aefe10000, 0x7f5af0000000, 0, "/tmp/a vault/db/000007.sst"}, true},
		{"00400000-00403000 r--p 00000000 fe:00 10322035 /bin/temoin", mapping{0x400000, 0x403000, 0, "/bin/temoin"}, true},
		{"02372000-03077000 rw-p 01f72000 fe:00 10322035 /bin/temoin", mapping{0x2372000, 0x3077000, 0x1f72000, "/bin/temoin"}, true},
		{"7ffc8ebb5000-7ffc8ebd6000 rw-p 00000000 00:00 0 ", mapping{}, false},
		{"7ffc8ebb5000-7ffc8ebd6000 rw-p 00000000 00:00 0", mapping{}, false},
		{"garbage", mapping{}, false},
	} {
		m, ok := parseMapping(c.line)
		if m != c.want || ok != c.ok {
			t.Errorf("parseMapping(%q) = %+v, %v; want %+v, %v", c.line, m, ok, c.want, c.ok)
		}
	}
}
