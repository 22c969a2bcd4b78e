package vault

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// openFilesUnder lists the files under dir that this process holds open
// (Linux: /proc/self/fd). On Windows an open handle keeps the vault from
// being repaired, moved or deleted ("Sharing violation" on KEYREGISTRY,
// "File has a user-mapped section" on a value log): issue 13, bug 2.
func openFilesUnder(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd on this system")
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		real = dir
	}
	var held []string
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err == nil && !strings.HasSuffix(target, " (deleted)") && (strings.HasPrefix(target, real+string(filepath.Separator)) || target == real) {
			held = append(held, target)
		}
	}
	// Memory maps hold files too (Badger maps tables and value logs).
	if maps, err := os.ReadFile("/proc/self/maps"); err == nil {
		for _, line := range strings.Split(string(maps), "\n") {
			if i := strings.Index(line, real+string(filepath.Separator)); i >= 0 && !strings.HasSuffix(line, " (deleted)") {
				held = append(held, "mapped: "+line[i:])
			}
		}
	}
	return held
}

// After a failed open, whatever the damage, nothing of the vault's folder
// stays open or mapped: Badger's partly opened database is closed, and so
// is the key registry a recovered panic left open.
func TestFailedOpenLeavesNoFileOpen(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("checked through /proc on Linux; the fix is the same everywhere")
	}
	v, dir, _ := newTestVault(t)
	for i := range 60 {
		mustRecord(t, v, fmt.Sprintf("inc/%d", i), strings.Repeat("x", 700))
	}
	keepBlob(t, v, bytes.NewReader([]byte("preuve")))
	// The folder as a crash leaves it (the memtable's log holds the last
	// writes), then at rest.
	crashed := snapshotDir(t, dir)
	v.Lock()
	atRest := snapshotDir(t, dir)
	for name, saved := range map[string]map[string]savedFile{"crashed": crashed, "at rest": atRest} {
		tried, failed := 0, 0
		for f, pristine := range saved {
			if filepath.Base(f) == lockName || filepath.Base(filepath.Dir(f)) == blobsDir {
				continue // the lock is Témoin's own; evidence is not read at open
			}
			for _, damage := range damages {
				restoreDir(t, dir, saved)
				os.WriteFile(f, damage(pristine.bytes()), 0o600)
				before := len(openFilesUnder(t, dir))
				tried++
				v2, err := Open(dir, testPass)
				if err == nil {
					v2.Lock()
				} else {
					failed++
				}
				if held := openFilesUnder(t, dir); len(held) > before {
					t.Errorf("%s, %s damaged (open: %v), still open: %v", name, strings.TrimPrefix(f, dir), err, held[before:])
				}
			}
		}
		if failed == 0 {
			t.Fatalf("%s: none of the %d damaged copies failed to open: the test proves nothing", name, tried)
		}
		t.Logf("%s: %d damaged copies, %d refused", name, tried, failed)
	}
}

var damages = []func([]byte) []byte{
	func(b []byte) []byte { return b[:len(b)/2] },
	func(b []byte) []byte { return b[:min(len(b), 7)] },
	func(b []byte) []byte { return b[:min(len(b), 20)] },
	func(b []byte) []byte { return b[:min(len(b), 29)] },
	func(b []byte) []byte {
		b = bytes.Clone(b)
		for i := len(b) / 3; i < len(b) && i < len(b)/3+24; i++ {
			b[i] ^= 0x5a
		}
		return b
	},
	func(b []byte) []byte {
		b = bytes.Clone(b)
		for i := 0; i < len(b) && i < 8; i++ {
			b[i] ^= 0xff
		}
		return b
	},
	func([]byte) []byte { return nil },
}

// savedFile is a file of a snapshot: its bytes without the zeros that end
// it (Badger's logs are preallocated: a 128 MiB value log may hold a few
// kilobytes), and its size.
type savedFile struct {
	data []byte
	size int64
}

func (f savedFile) bytes() []byte {
	return append(bytes.Clone(f.data), make([]byte, f.size-int64(len(f.data)))...)
}

// snapshotDir reads every file under dir.
func snapshotDir(t *testing.T, dir string) map[string]savedFile {
	t.Helper()
	files := map[string]savedFile{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = savedFile{data: bytes.TrimRight(data, "\x00"), size: int64(len(data))}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// restoreDir makes dir hold exactly the files of a snapshot (their final
// zeros as holes).
func restoreDir(t *testing.T, dir string, files map[string]savedFile) {
	t.Helper()
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	for p, f := range files {
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, f.data, 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, f.size); err != nil {
			t.Fatal(err)
		}
	}
}
