package vaulttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// The folder of a test binary that died (killed, or stopped by go test's
// -timeout, which runs no clean-up) is removed by the next run; the
// folders of running binaries, and folders that name no process, stay.
func TestFoldersOfDeadRunsAreRemoved(t *testing.T) {
	dir := t.TempDir()
	child := exec.Command(os.Args[0], "-test.run=^$")
	if err := child.Run(); err != nil {
		t.Fatal(err)
	}
	folder := func(name, owner string) string {
		root := filepath.Join(dir, ConfigPrefix+name)
		if err := os.MkdirAll(filepath.Join(root, ".tmp", "TestX123", "001"), 0o700); err != nil {
			t.Fatal(err)
		}
		if owner != "" {
			if err := os.WriteFile(filepath.Join(root, ownerFile), []byte(owner), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return root
	}
	dead := folder("dead", strconv.Itoa(child.ProcessState.Pid()))
	alive := folder("alive", strconv.Itoa(os.Getpid()))
	unowned := folder("unowned", "")
	garbled := folder("garbled", "12a")
	other := filepath.Join(dir, "TestKillWhileOpening123")
	if err := os.Mkdir(other, 0o700); err != nil {
		t.Fatal(err)
	}
	RemoveFoldersOfDeadRuns(dir)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the folder of a dead run stays: %v", err)
	}
	for _, kept := range []string{alive, unowned, garbled, other} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(kept), err)
		}
	}
}

// The run's temporary folder is in its configuration folder, which holds
// the id of its process.
func TestTempDirIsInTheRunsFolder(t *testing.T) {
	cfg, err := os.UserConfigDir()
	if err != nil {
		t.Fatal(err)
	}
	if rel, err := filepath.Rel(cfg, t.TempDir()); err != nil || !filepath.IsLocal(rel) {
		t.Fatalf("t.TempDir is outside %s", cfg)
	}
	data, err := os.ReadFile(filepath.Join(cfg, ownerFile))
	if err != nil || string(data) != strconv.Itoa(os.Getpid()) {
		t.Fatalf("owner of %s: %q %v", cfg, data, err)
	}
}

func TestMain(m *testing.M) { os.Exit(MainWithTempUserFolders(m)) }
