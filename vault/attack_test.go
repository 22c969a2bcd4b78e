package vault_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// Attacks by someone who holds the vault's files but none of its keys,
// through the real files (issue 10). Each must be noticed at the next open
// and named; none may pass as a wrong passphrase or as an intact vault.

var pass = []byte("phrase de passe des attaques")

func create(t *testing.T) (string, *vault.Options) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "coffre")
	opts := vaulttest.Options(t)
	v, _, err := vault.Create(dir, pass, opts)
	if err != nil {
		t.Fatal(err)
	}
	v.Lock()
	return dir, opts
}

func open(t *testing.T, dir string, opts *vault.Options) *vault.Vault {
	t.Helper()
	v, err := vault.OpenWith(dir, vault.Passphrase(pass), opts)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func session(t *testing.T, dir string, opts *vault.Options, fn func(tx *vault.Tx) error) {
	t.Helper()
	v := open(t, dir, opts)
	defer v.Lock()
	if err := v.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// A "delete table" change appended to Badger's plaintext MANIFEST made the
// people-list entries one session wrote vanish, with Verify saying all was
// intact, and the next report printing the real name that had been
// pseudonymised. The open now refuses it and says what happened.
func TestDroppedTableIsNamedAtOpen(t *testing.T) {
	dir, opts := create(t)
	// Enough records for Badger to keep several tables.
	session(t, dir, opts, func(tx *vault.Tx) error {
		for i := range 3000 {
			if err := tx.Record(fmt.Sprintf("inc/%04d/r/00000001", i), bytes.Repeat([]byte("incident "), 250), vault.Event{Type: "created"}); err != nil {
				return err
			}
		}
		return nil
	})
	session(t, dir, opts, func(tx *vault.Tx) error {
		return tx.PutUnchained("person/Élève A", []byte(`{"pseudonym":"E1"}`))
	})
	db, err := vaulttest.DatabaseDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	tables, _ := vaulttest.Tables(db)
	if len(tables) < 2 {
		t.Fatalf("%d tables: the attack needs several", len(tables))
	}
	if _, err := vaulttest.DropNewestTable(db); err != nil {
		t.Fatal(err)
	}
	_, err = vault.OpenWith(dir, vault.Passphrase(pass), opts)
	// Records missing from the database's own state, or, when the table
	// held the state too (an older one then comes back), a database older
	// than the witness: either way named.
	var ie *vault.IntegrityError
	if !errors.As(err, &ie) || !(ie.Kind == vault.RecordsChanged && ie.Records > 0 || ie.Kind == vault.HistoryCut && ie.Missing > 0) {
		t.Fatalf("after dropping one of %d tables: %v", len(tables), err)
	}
	t.Logf("%d tables, newest dropped: %v", len(tables), err)

	// The person may go on with what is left, knowingly: the history says
	// so, and the next open is clean.
	accept := *opts
	accept.AcceptIntegrityLoss = true
	v, err := vault.OpenWith(dir, vault.Passphrase(pass), &accept)
	if err != nil {
		t.Fatal(err)
	}
	if w := v.Warnings(); len(w) != 1 || w[0].Kind != vault.IntegrityAccepted {
		t.Fatalf("warnings: %v", w)
	}
	events, _ := v.Events()
	if last := events[len(events)-1]; last.Type != "integrity_loss_accepted" || last.Subject != ie.Code() {
		t.Fatalf("last event: %+v", last)
	}
	v.Lock()
	v = open(t, dir, opts)
	defer v.Lock()
	if w := v.Warnings(); len(w) != 0 {
		t.Fatalf("warnings at the next open: %v", w)
	}
}

// Dropping a table is not always a loss: a table may hold only the
// staging area of a large transaction (its copies of the writes and their
// deletions, which Témoin's state does not cover), or only versions that
// newer ones elsewhere hide. What the person relies on is that after any
// drop, the open either names the damage or shows every record exactly as
// it was. Every table of a vault is dropped in turn, as a crash leaves the
// vault (several tables of Badger's level 0) and once it is closed (level
// 0 is compacted only once it holds five tables or more).
func TestEveryDroppedTableIsNamedOrChangesNothing(t *testing.T) {
	dir, opts := create(t)
	v := open(t, dir, opts)
	big := bytes.Repeat([]byte("incident "), 700)
	for round := range 2 {
		session := func(tx *vault.Tx) error {
			for i := range 2500 {
				if err := tx.Record(fmt.Sprintf("inc/%d-%04d/r/00000001", round, i), big, vault.Event{Type: "created"}); err != nil {
					return err
				}
			}
			return tx.PutUnchained(fmt.Sprintf("person/Élève %d", round), []byte(`{"pseudonym":"E"}`))
		}
		if err := v.Update(session); err != nil {
			t.Fatal(err)
		}
		if err := v.Update(func(tx *vault.Tx) error {
			tx.DeleteUnchained("person/Élève 0")
			return tx.Record("inc/0-0001/r/00000001", []byte("changed"), vault.Event{Type: "amended"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	const deleted = 1 // person/Élève 0
	before, err := vaulttest.ReadRecords(v)
	if err != nil {
		t.Fatal(err)
	}
	crashed := filepath.Join(t.TempDir(), "crashed")
	copyOpenVault(t, dir, crashed)
	v.Lock()
	closed := filepath.Join(t.TempDir(), "closed")
	if err := vaulttest.CopyDir(dir, closed); err != nil {
		t.Fatal(err)
	}
	for _, layout := range []string{crashed, closed} {
		db, _ := vaulttest.DatabaseDir(layout)
		tables, _ := vaulttest.Tables(db)
		var named, unchanged int
		for _, id := range tables {
			// In the vault's own folder, so that the copy of the witness
			// outside it applies.
			os.RemoveAll(dir)
			if err := vaulttest.CopyDir(layout, dir); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "vault.lock"))
			db, _ := vaulttest.DatabaseDir(dir)
			if err := vaulttest.DropTable(db, id); err != nil {
				t.Fatal(err)
			}
			dropped, _ := vaulttest.Tables(db)
			v, err := vault.OpenWith(dir, vault.Passphrase(pass), opts)
			var ie *vault.IntegrityError
			switch {
			case errors.As(err, &ie):
				// A drop brings back what was deleted, or an older
				// state: level 0's tables are compacted only once there
				// are five or more (compactLevel0At), and when the table
				// of the newest state record goes, an older one in
				// another table is read, and the records written after
				// it, in tables still there, are "added". What must never
				// happen is the open itself writing old records back (a
				// staged transaction applied a second time, as when the
				// staging area lived in Badger's tables): such writes
				// are in a new table once the database is closed.
				after, _ := vaulttest.Tables(db)
				if ie.Kind == vault.RecordsChanged && -ie.Records > deleted && !slices.Equal(sorted(dropped), sorted(after)) {
					t.Errorf("%s, table %d dropped: %v; %d record(s) were ever deleted, and the open wrote tables %v (before it: %v)",
						filepath.Base(layout), id, err, deleted, after, dropped)
				}
				named++
				continue
			case err != nil:
				t.Fatalf("%s, table %d dropped: %v", filepath.Base(layout), id, err)
			}
			after, err := vaulttest.ReadRecords(v)
			w := v.Warnings()
			v.Lock()
			if err != nil {
				t.Fatalf("%s, table %d dropped: %v", filepath.Base(layout), id, err)
			}
			if diff := before.Diff(after, 5); len(diff) > 0 || len(w) > 0 {
				t.Errorf("%s, table %d dropped: opened as intact, but %v (warnings %v)", filepath.Base(layout), id, diff, w)
			}
			unchanged++
		}
		t.Logf("%s: %d tables dropped one at a time: %d named at open, %d changed no record", filepath.Base(layout), len(tables), named, unchanged)
		if named == 0 {
			t.Errorf("%s: no drop of any of %d tables was named", filepath.Base(layout), len(tables))
		}
	}
}

func sorted(ids []uint64) []uint64 { return slices.Sorted(slices.Values(ids)) }

// copyOpenVault copies the folder of an open vault: the folder as a crash
// leaves it. Badger may remove a log while it is copied: then again.
func copyOpenVault(t *testing.T, dir, to string) {
	t.Helper()
	for try := 0; ; try++ {
		os.RemoveAll(to)
		err := vaulttest.CopyDir(dir, to)
		if err == nil {
			os.Remove(filepath.Join(to, "vault.lock"))
			return
		}
		if try == 20 {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Cutting the end of Badger's memtable log (as a torn write does, or
// someone without any key) and deleting the file "head" dropped the last
// incidents with no trace. The copy of the witness outside the vault
// folder now shows that changes are missing; when that copy is deleted
// too, the open says loudly that it could check nothing.
func TestCutLogIsNamedAtOpen(t *testing.T) {
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), 9))
	cut, named, silent := 0, 0, 0
	for try := range 12 {
		dir, opts := create(t)
		v := open(t, dir, opts)
		for i := range 10 {
			err := v.Update(func(tx *vault.Tx) error {
				return tx.Record(fmt.Sprintf("inc/%d/r/00000001", i), []byte(fmt.Sprintf("incident %d", i)), vault.Event{Type: "created"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		crashed := dir + ".crash"
		if err := vaulttest.CopyDir(dir, crashed); err != nil { // the folder as a crash leaves it
			t.Fatal(err)
		}
		v.Lock()
		os.RemoveAll(dir)
		os.Rename(crashed, dir)
		os.Remove(filepath.Join(dir, "vault.lock"))
		db, _ := vaulttest.DatabaseDir(dir)
		n, err := vaulttest.CutMemLogs(db, 1+rng.IntN(4000))
		if err != nil || n == 0 {
			t.Fatalf("cut %d bytes: %v", n, err)
		}
		os.Remove(filepath.Join(dir, "head"))
		cut++
		_, err = vault.OpenWith(dir, vault.Passphrase(pass), opts)
		var ie *vault.IntegrityError
		if !errors.As(err, &ie) || ie.Kind != vault.HistoryCut || ie.Missing == 0 {
			t.Fatalf("try %d, %d bytes cut, witness in the folder deleted: %v", try, n, err)
		}
		named++
		// Without either copy nothing can tell: the open says so.
		entries, _ := os.ReadDir(opts.WitnessDir)
		for _, e := range entries {
			os.Remove(filepath.Join(opts.WitnessDir, e.Name()))
		}
		v, err = vault.OpenWith(dir, vault.Passphrase(pass), opts)
		if err != nil {
			t.Fatal(err)
		}
		kinds := []vault.WarningKind{}
		for _, w := range v.Warnings() {
			kinds = append(kinds, w.Kind)
		}
		v.Lock()
		if !slices.Equal(kinds, []vault.WarningKind{vault.WitnessMissing}) {
			t.Fatalf("both copies deleted: warnings %v", kinds)
		}
		silent++
	}
	t.Logf("%d logs cut: %d named with the copy outside the folder, %d opened with the warning that nothing could be checked", cut, named, silent)
}

// Changing the Argon2id numbers in vault.json and recomputing its unkeyed
// checksum made the passphrase and the recovery code both "wrong": the
// person believed the journal lost. The open now says the header was
// changed, and the copy kept on this computer, or a backup's, puts it back.
func TestAlteredKDFNumbersAreNamed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "coffre")
	opts := vaulttest.Options(t)
	v, code, err := vault.Create(dir, pass, opts)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "s.temoin-backup")
	if _, err := v.WriteBackupFile(context.Background(), backup, false, nil); err != nil {
		t.Fatal(err)
	}
	v.Lock()
	alter := func() {
		h, err := vault.ReadHeader(dir)
		if err != nil {
			t.Fatal(err)
		}
		h.KDF.Time, h.KDF.MemoryKiB = 2, 128
		data, _ := h.Marshal()
		os.WriteFile(filepath.Join(dir, "vault.json"), data, 0o600)
	}
	alter()
	for _, s := range []vault.Secret{vault.Passphrase(pass), vault.RecoveryCode(code)} {
		_, err := vault.OpenWith(dir, s, opts)
		var he *vault.HeaderChangedError
		if !errors.As(err, &he) || !he.CopyOpens || errors.Is(err, vault.ErrWrongPassphrase) || errors.Is(err, vault.ErrWrongRecoveryCode) {
			t.Fatalf("%v: %v", s, err)
		}
	}
	// A wrong passphrase is still a wrong passphrase (and says the header
	// differs from the copy).
	if _, err := vault.OpenWith(dir, vault.Passphrase([]byte("pas la bonne")), opts); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if err := vault.RestoreHeaderFromCopy(dir, vault.Passphrase(pass), opts); err != nil {
		t.Fatal(err)
	}
	open(t, dir, opts).Lock()

	// Without the copy on this computer: a backup's copy.
	alter()
	if err := vault.RestoreHeaderFromCopy(dir, vault.Passphrase(pass), vaulttest.Options(t)); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("no copy: %v", err)
	}
	if err := vault.RestoreHeaderFromBackup(dir, backup, vault.Passphrase([]byte("pas la bonne"))); !errors.Is(err, vault.ErrWrongPassphrase) {
		t.Fatalf("backup, wrong passphrase: %v", err)
	}
	if err := vault.RestoreHeaderFromBackup(dir, backup, vault.Passphrase(pass)); err != nil {
		t.Fatal(err)
	}
	open(t, dir, opts).Lock()
}
