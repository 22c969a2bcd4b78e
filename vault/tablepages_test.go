package vault_test

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// The desktop application gives back the pages of the tables the checks
// at open read (internal/pageout proves they leave the process's memory):
// every record reads the same afterwards, and a locked vault is left
// alone.
func TestReleaseTablePagesChangesNoRead(t *testing.T) {
	dir, opts := create(t)
	session(t, dir, opts, func(tx *vault.Tx) error {
		for i := range 300 {
			if err := tx.Record(fmt.Sprintf("inc/%04d/r/00000001", i), bytes.Repeat([]byte("incident "), 250), vault.Event{Type: "created"}); err != nil {
				return err
			}
		}
		return nil
	})
	v := open(t, dir, opts) // the records are in tables now (closing flushed them)
	before, err := vaulttest.ReadRecords(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.ReleaseTablePages(); err != nil {
		t.Fatal(err)
	}
	after, err := vaulttest.ReadRecords(v)
	if err != nil {
		t.Fatal(err)
	}
	if diff := before.Diff(after, 5); len(diff) > 0 || len(after) < 300 {
		t.Fatalf("after ReleaseTablePages, %d records, differences: %v", len(after), diff)
	}
	v.Lock()
	if err := v.ReleaseTablePages(); !errors.Is(err, vault.ErrLocked) {
		t.Fatalf("ReleaseTablePages on a locked vault: %v, want ErrLocked", err)
	}
}
