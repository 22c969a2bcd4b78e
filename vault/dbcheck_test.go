package vault

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/table"
)

// A bit flipped anywhere in a table (Badger's SSTable) must be refused or
// reported, never panic, and never show a wrong record as good. Badger
// reads a block's entry count before checking its checksum: before
// checkBlocks, some flips made it slice out of range and panic.
func TestFlipsInTablesNeverPanic(t *testing.T) {
	v, dir, _ := newTestVault(t)
	want := map[string]string{}
	for i := range 300 {
		key, val := fmt.Sprintf("inc/%04d", i), fmt.Sprintf("incident %d, un texte assez long pour remplir plusieurs blocs %0200d", i, i)
		mustRecord(t, v, key, val)
		want[key] = val
	}
	v.Lock()
	tables, _ := filepath.Glob(filepath.Join(dir, dbDirName, "*.sst"))
	if len(tables) == 0 {
		t.Fatal("no table written: the test proves nothing")
	}
	step := 97
	if testing.Short() {
		step = 997
	}
	var refused, reported, harmless int
	for _, name := range tables {
		orig, _ := os.ReadFile(name)
		for at := 0; at < len(orig); at += step {
			damaged := append([]byte{}, orig...)
			damaged[at] ^= 1 << (at % 8)
			os.WriteFile(name, damaged, 0o600)
			switch openAndCompare(t, dir, want, fmt.Sprintf("%s byte %d", filepath.Base(name), at)) {
			case "refused":
				refused++
			case "reported":
				reported++
			default:
				harmless++
			}
		}
		os.WriteFile(name, orig, 0o600)
	}
	t.Logf("flips: %d refused at open, %d reported by verify, %d harmless", refused, reported, harmless)
}

func openAndCompare(t *testing.T, dir string, want map[string]string, what string) (outcome string) {
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s: panic: %v\n%s", what, r, debug.Stack())
		}
	}()
	v, err := Open(dir, testPass)
	if err != nil {
		var ce *CorruptError
		if !errors.As(err, &ce) {
			t.Fatalf("%s: refused without naming the damage: %v", what, err)
		}
		return "refused"
	}
	defer v.Lock()
	rep, err := v.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		return "reported"
	}
	for key, val := range want {
		var got []byte
		err := v.View(func(r *Reader) error {
			var err error
			got, err = r.Get(key)
			return err
		})
		if err != nil || string(got) != val {
			t.Fatalf("%s: verify said all is well but %s reads %q, %v", what, key, got, err)
		}
	}
	return "harmless"
}

// verifyBlocks (with checkTable, which checks the index first) refuses
// exactly the tables Badger's own reader refuses: a healthy table passes,
// and a bit flipped anywhere is refused by both or by neither, without a
// panic.
func TestVerifyBlocksAgreesWithBadger(t *testing.T) {
	v, dir, _ := newTestVault(t)
	for i := range 300 {
		mustRecord(t, v, fmt.Sprintf("inc/%04d", i), fmt.Sprintf("incident %d, un texte assez long pour remplir plusieurs blocs %0200d", i, i))
	}
	key := deriveKey(v.master, v.header.ID, labelBadger)
	db := filepath.Join(dir, v.dbName)
	v.Lock()
	kr, err := openKeyRegistry(db, key)
	if err != nil {
		t.Fatal(err)
	}
	defer kr.Close()
	f, err := os.Open(filepath.Join(db, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := badger.ReplayManifestFile(f, 0, badger.DefaultOptions(db))
	f.Close()
	if err != nil || len(m.Tables) == 0 {
		t.Fatalf("no table to check (%v): the test proves nothing", err)
	}
	step := 61
	if testing.Short() {
		step = 331
	}
	for id, tm := range m.Tables {
		dk, err := kr.DataKey(tm.KeyID)
		if err != nil {
			t.Fatal(err)
		}
		name := table.NewFilename(id, db)
		orig, _ := os.ReadFile(name)
		ours := func(data []byte) error {
			if err := checkTable(name); err != nil {
				return err
			}
			return verifyBlocks(data, dk.Data)
		}
		if err := ours(orig); err != nil {
			t.Fatalf("a healthy table is refused: %v", err)
		}
		var refused int
		for at := 0; at < len(orig); at += step {
			damaged := append([]byte{}, orig...)
			damaged[at] ^= 1 << (at % 8)
			os.WriteFile(name, damaged, 0o600)
			got, want := ours(damaged), checkBlocksWithBadger(name, tm, dk)
			if (got == nil) != (want == nil) {
				t.Errorf("byte %d of %d flipped: verifyBlocks says %v, Badger %v", at, len(orig), got, want)
			}
			if got != nil {
				refused++
			}
		}
		os.WriteFile(name, orig, 0o600)
		if refused == 0 {
			t.Errorf("table %d: no flip refused", id)
		}
	}
}
