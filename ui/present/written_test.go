package present_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// TestNoOpener: a missing xdg-open is said in a sentence naming the
// folder to open by hand, never as « exec: … ».
func TestNoOpener(t *testing.T) {
	i18n.SetLanguage(i18n.French)
	err := present.In(&exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}, present.Where{Folder: "/home/claire/Documents"})
	msg := present.Error(err, present.Where{})
	if strings.Contains(msg, "exec") || !strings.Contains(msg, "/home/claire/Documents") {
		t.Errorf("%q", msg)
	}
}

// TestAfterWriting: a bundle above about 20 MB is said too big for
// e-mail; a backup next to the journal is said to be on its disk.
func TestAfterWriting(t *testing.T) {
	i18n.SetLanguage(i18n.French)
	if present.BundleTooBig(5_000_000) != "" || !strings.Contains(present.BundleTooBig(48_000_000), "trop lourd") {
		t.Error("bundle size warning")
	}
	dir := t.TempDir()
	if !strings.Contains(present.BackupSameDisk(dir, filepath.Join(dir, "x.temoin-backup")), "même disque") {
		t.Error("no warning for a backup next to the journal")
	}
}
