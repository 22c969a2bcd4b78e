package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/temoin-app/temoin/vault"
)

// Renewing the keys keeps the journal whole and gives the new recovery
// code; the old passphrase and code stop working.
func TestRotateKeys(t *testing.T) {
	j, dir := newTestJournal(t)
	in, err := j.Incidents.Create(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	code, err := j.RotateKeys(context.Background(), []byte("une nouvelle phrase de passe"), nil)
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
	if _, err := Unlock(dir, testPass); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase: %v", err)
	}
	j, err = UnlockWithRecoveryCode(dir, code)
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	if got, err := j.Incidents.Get(in.ID); err != nil || got.Description != in.Description {
		t.Fatalf("after the renewal: %v", err)
	}
	if w := j.VaultWarnings(); len(w) != 0 {
		t.Fatalf("warnings: %v", w)
	}
}

// A vault.json whose KDF numbers were changed is named, not taken for a
// wrong passphrase, and a backup's copy of the header puts it back.
func TestAlteredHeaderPutBackFromABackup(t *testing.T) {
	j, dir := newTestJournal(t)
	backup := filepath.Join(t.TempDir(), "s"+BackupExt)
	if _, err := j.Backups.Write(context.Background(), backup, false, false, nil); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	h, _ := vault.ReadHeader(dir)
	h.KDF.Time++
	data, _ := h.Marshal()
	os.WriteFile(filepath.Join(dir, "vault.json"), data, 0o600)
	if _, err := Unlock(dir, testPass); !errors.Is(err, ErrHeaderChanged) {
		t.Fatalf("altered header: %v", err)
	}
	if err := RestoreVaultHeaderFromBackup(dir, backup, Passphrase(testPass)); err != nil {
		t.Fatal(err)
	}
	j, err := Unlock(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	j.Lock()
}
