package bundle

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An extraction whose process died leaves its temporary folder; the next
// start removes it, and only it: an extraction still running is left
// alone. (The same through the real binary killed by SIGKILL:
// torture.TestKillWhileOpening.)
func TestCleanInterrupted(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	parent := t.TempDir()
	running, err := newExtractor(filepath.Join(parent, "en-cours"), 10)
	if err != nil {
		t.Fatal(err)
	}
	defer running.abort()
	dead, err := newExtractor(filepath.Join(parent, "interrompu"), 10)
	if err != nil {
		t.Fatal(err)
	}
	if err := dead.write("incidents.json", strings.NewReader("lisible")); err != nil {
		t.Fatal(err)
	}
	// The process dies: the system closes its files (the folder's handle
	// too, which Windows would not let a folder be removed under) and
	// releases its lock; nothing else happens.
	dead.root.Close()
	dead.reg.lock.Unlock()

	n, err := CleanInterrupted()
	if err != nil || n != 1 {
		t.Fatalf("removed %d, %v", n, err)
	}
	if _, err := os.Stat(dead.tmp); !os.IsNotExist(err) {
		t.Errorf("the interrupted extraction is still there: %v", err)
	}
	if _, err := os.Stat(running.tmp); err != nil {
		t.Errorf("the running extraction was removed: %v", err)
	}
	entries, _ := os.ReadDir(openingDir())
	if len(entries) != 2 {
		t.Errorf("registry: %v, want the running extraction's record and lock", entries)
	}
	running.abort()
	if entries, _ := os.ReadDir(openingDir()); len(entries) != 0 {
		t.Errorf("registry after the end: %v", entries)
	}
	if n, _ := CleanInterrupted(); n != 0 {
		t.Errorf("a second start removed %d", n)
	}
}
