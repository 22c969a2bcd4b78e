package vault

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// A vault that was locked opens again at once, even when another process
// still holds a copy of the descriptors the vault had open: a program
// started at that moment (the command line's tests start one per command,
// the GUI opens a document with another program) holds a copy of every
// descriptor of its parent from the fork until its exec. A lock released
// only by closing its descriptor stays held through that copy; the
// journal script was once refused ("already open") right after the vault
// it had just created was locked. A dup of the descriptor is such a copy.
func TestLockedVaultOpensWhileACopyOfItsDescriptorsLives(t *testing.T) {
	v, dir, _ := newTestVault(t)
	var copies []int
	for _, path := range []string{filepath.Join(dir, v.dbName), filepath.Join(dir, lockName)} {
		for _, fd := range descriptorsOf(t, path) {
			c, err := syscall.Dup(fd)
			if err != nil {
				t.Fatal(err)
			}
			copies = append(copies, c)
		}
	}
	defer func() {
		for _, c := range copies {
			syscall.Close(c)
		}
	}()
	if len(copies) == 0 {
		t.Fatal("the open vault holds no descriptor of its folder's locks")
	}
	if err := v.Lock(); err != nil {
		t.Fatal(err)
	}
	v2, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("open after lock, with %d copied descriptor(s) alive: %v", len(copies), err)
	}
	v2.Lock()
}

// descriptorsOf lists this process's descriptors open on path.
func descriptorsOf(t *testing.T, path string) []int {
	t.Helper()
	want, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd:", err)
	}
	var fds []int
	for _, e := range entries {
		target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name()))
		if err != nil || target != want {
			continue
		}
		if fd, err := strconv.Atoi(e.Name()); err == nil {
			fds = append(fds, fd)
		}
	}
	return fds
}
