// Package apptest helps the tests of Témoin's packages make journals:
// real vaults on disk whose key derivation costs nothing, and an
// in-memory journal (Memory) for the packages that only read one.
//
// Only tests import it: nothing of it is linked into the application.
package apptest

import (
	"path/filepath"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// Passphrase is the passphrase of the vaults NewJournal creates.
const Passphrase = "une phrase de passe assez longue"

// VaultOptions makes vaults whose key derivation costs almost nothing
// (vaulttest.WeakKDF): such a vault is only as strong as its passphrase.
// Tests only.
func VaultOptions() *app.VaultOptions {
	return &app.VaultOptions{KDF: vaulttest.WeakKDF()}
}

// NewJournal creates a vault with VaultOptions and Passphrase in a
// temporary folder of the test, and opens its journal; the journal is
// locked when the test ends. It returns the vault's folder too, to open it
// again. The package's TestMain must give the tests user folders of their
// own (vaulttest.MainWithTempUserFolders): the vault keeps a copy of its
// witness in the configuration folder, and so does every later unlock.
func NewJournal(t testing.TB) (*app.Journal, string) {
	t.Helper()
	vaulttest.RequireTempUserFolders(t)
	dir := filepath.Join(t.TempDir(), "vault")
	j, _, err := app.CreateVault(dir, []byte(Passphrase), VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { j.Lock() })
	return j, dir
}
