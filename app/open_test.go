package app

import (
	"context"
	"errors"
	"testing"
)

// Renewing the keys keeps the journal whole and gives the new recovery
// code; the old passphrase and code stop working.
func TestRotateKeys(t *testing.T) {
	j, dir := newTestJournal(t)
	in, err := j.Create(sample(t))
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
	if got, err := j.Get(in.ID); err != nil || got.Description != in.Description {
		t.Fatalf("after the renewal: %v", err)
	}
	if w := j.VaultWarnings(); len(w) != 0 {
		t.Fatalf("warnings: %v", w)
	}
}
