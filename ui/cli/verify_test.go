package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// TestVerifyComparesWithBackups: the vault folder put back whole to an
// older copy, with the witness outside it deleted too, opens; "temoin
// verify" compares it with the newest backup and says the history was
// cut, instead of "intact".
func TestVerifyComparesWithBackups(t *testing.T) {
	config := vaulttest.UserConfigDir(t) // the witness outside the folder
	dir := newVault(t)
	folder := t.TempDir()
	j, err := app.Unlock(dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Backups.SetAuto(app.AutoBackupSettings{Folder: folder, Keep: 3, AtLock: true}); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	older := filepath.Join(t.TempDir(), "older")
	if err := vaulttest.CopyDir(dir, older); err != nil {
		t.Fatal(err)
	}
	mustRun(t, incidentJSON, "add")
	if j, err = app.Unlock(dir, []byte(testPass)); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Backups.BeforeLock(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	if out := mustRun(t, "", "verify"); strings.Contains(out, "✗") {
		t.Fatalf("the vault itself:\n%s", out)
	}
	os.RemoveAll(dir)
	if err := vaulttest.CopyDir(older, dir); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(config)
	out, errOut, status := run(t, "", "verify")
	if status == 0 || !strings.Contains(out, "✗") {
		t.Fatalf("an older folder verified (status %d):\n%s%s", status, out, errOut)
	}
}
