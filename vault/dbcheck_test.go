package vault

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
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
