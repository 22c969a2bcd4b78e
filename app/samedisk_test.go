package app

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestSameDisk: two folders of the same temporary folder are on the same
// disk; /proc (its own file system) is not on the disk of a temporary
// folder.
func TestSameDisk(t *testing.T) {
	base := t.TempDir()
	a, b := filepath.Join(base, "journal"), filepath.Join(base, "sauvegardes")
	os.Mkdir(a, 0o700)
	os.Mkdir(b, 0o700)
	if !SameDisk(a, b) {
		t.Error("two folders side by side are not on the same disk")
	}
	if SameDisk(a, filepath.Join(base, "absent")) {
		t.Error("a folder that does not exist is on the journal's disk")
	}
	if runtime.GOOS == "linux" {
		if _, err := os.Stat("/proc/self"); err == nil && SameDisk(a, "/proc") {
			t.Error("/proc is on the disk of a temporary folder")
		}
	}
}
