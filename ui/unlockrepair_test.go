package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// alterHeader changes the key derivation numbers of the vault's
// vault.json (and its unkeyed checksum), as an attacker would to make the
// right passphrase look wrong.
func alterHeader(t *testing.T, dir string) {
	t.Helper()
	h, err := vault.ReadHeader(dir)
	if err != nil {
		t.Fatal(err)
	}
	h.KDF.Time++
	data, err := h.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "vault.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestUnlockHeaderChangedPutsTheCopyBack: a header altered outside Témoin
// is not said to be a wrong passphrase: the unlock screen says the
// passphrase did not change and puts back the copy kept on this computer,
// and the journal opens.
func TestUnlockHeaderChangedPutsTheCopyBack(t *testing.T) {
	g := newTestGUI(t, true)
	alterHeader(t, g.dir)
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	u := g.unlock
	if g.journal != nil || u.header == nil || u.header.fromCopy == nil {
		t.Fatal("no offer to put the header back")
	}
	said := canvasText(g.win.Canvas())
	if !strings.Contains(said, "Votre phrase de passe n’a pas changé") || strings.Contains(said, "n’ouvre pas le journal") {
		t.Errorf("the header change is not told apart from a wrong passphrase:\n%s", said)
	}
	if g.throttle.Failures() != 0 {
		t.Error("a changed header counted as a wrong passphrase")
	}
	test.Tap(u.header.fromCopy)
	if g.journal == nil {
		t.Fatalf("not opened after putting the copy back: %q", u.message.Text)
	}
}

// TestUnlockHeaderFromBackup: the header put back from a backup.
func TestUnlockHeaderFromBackup(t *testing.T) {
	g := unlockTestGUI(t)
	backup := filepath.Join(t.TempDir(), "s"+app.BackupExt)
	if _, err := g.journal.Backups.Write(context.Background(), backup, false, false, nil); err != nil {
		t.Fatal(err)
	}
	g.lock()
	alterHeader(t, g.dir)
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.unlock.header == nil {
		t.Fatal("no offer to put the header back")
	}
	pickFile(g, backup)
	test.Tap(g.unlock.header.fromBackup)
	if g.journal == nil {
		t.Fatalf("not opened after putting the backup's header back: %q", g.unlock.message.Text)
	}
}

// TestUnlockIntegrityAcceptLoss: a vault folder put back to an older
// copy (the witness on this computer saw more) is not opened silently:
// the unlock says what is missing and that nothing left is lost, and
// opens it only on « Ouvrir quand même », a choice the history records.
func TestUnlockIntegrityAcceptLoss(t *testing.T) {
	g := newTestGUI(t, true)
	older := filepath.Join(t.TempDir(), "older")
	if err := vaulttest.CopyDir(g.dir, older); err != nil {
		t.Fatal(err)
	}
	j, err := app.Unlock(g.dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := j.Incidents.Create(testIncident(3, "Intrusion")); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	os.RemoveAll(g.dir)
	if err := vaulttest.CopyDir(older, g.dir); err != nil {
		t.Fatal(err)
	}
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	u := g.unlock
	if g.journal != nil || u.header == nil || u.header.accept == nil {
		t.Fatal("a vault put back to an older copy opened, or no way out was offered")
	}
	said := canvasText(g.win.Canvas())
	for _, want := range []string{"plus ancien que le dernier état vu sur cet ordinateur", "n’est pas perdu"} {
		if !strings.Contains(said, want) {
			t.Errorf("the unlock does not say %q:\n%s", want, said)
		}
	}
	test.Tap(u.header.accept)
	if g.journal == nil {
		t.Fatalf("not opened anyway: %q", u.message.Text)
	}
	events, err := g.journal.Chain.Events()
	if err != nil || len(events) == 0 || events[len(events)-1].Type != "integrity_loss_accepted" {
		t.Errorf("the choice is not in the history: %v", err)
	}
}
