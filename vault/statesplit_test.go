package vault

import (
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// The check at open reads the database on two goroutines (the records a
// preload asks for on one, every other key on the other) and adds the two
// halves: the state it finds is the one a single pass finds, whatever the
// prefix (empty, covering nothing, the first or the last keys), with keys
// overwritten and removed, some in Badger's tables and some still in its
// memtable, and the preload is shown exactly the keys under its prefix, in
// order.
func TestSplitStateIsTheWholeState(t *testing.T) {
	v, dir, _ := newTestVault(t)
	fill := func(round int) {
		t.Helper()
		for i := range 40 {
			mustRecord(t, v, fmt.Sprintf("inc/%02d/r/%08d", i, round), fmt.Sprintf(`{"round":%d}`, round))
		}
		err := v.Update(func(tx *Tx) error {
			if err := tx.Remove(fmt.Sprintf("inc/%02d/r/%08d", round, round), Event{Type: "removed"}); err != nil {
				return err
			}
			tx.DeleteUnchained(fmt.Sprintf("people/%d", round-1))
			return tx.PutUnchained(fmt.Sprintf("people/%d", round), []byte("P"))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	fill(1)
	v.Lock()
	v = reopenVault(t, dir) // round 1 in the tables, round 2 in the memtable
	fill(2)
	for _, prefix := range []string{"", "r/", "r/inc/", "r/inc/05/", "c/", "m/", "u/", "a/", "zz/"} {
		var seen []string
		err := v.db.View(func(txn *badger.Txn) error {
			whole, err := computeState(txn, v.stateHasher(), nil)
			if err != nil {
				return err
			}
			split, err := computeStateSplit(txn, v.stateHasher, prefix, func(key, _ []byte) {
				seen = append(seen, string(key))
			})
			if err != nil {
				return err
			}
			if !split.sameContent(whole) || !whole.sameContent(v.state) {
				t.Errorf("prefix %q: split %v, whole %v, stored %v", prefix, split, whole, v.state)
			}
			var want []string
			opts := badger.DefaultIteratorOptions
			opts.Prefix = []byte(prefix)
			it := txn.NewIterator(opts)
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				if k := string(it.Item().Key()); inState(k) {
					want = append(want, k)
				}
			}
			if fmt.Sprint(seen) != fmt.Sprint(want) {
				t.Errorf("prefix %q: shown %d keys %v, want %d", prefix, len(seen), seen, len(want))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func reopenVault(t *testing.T, dir string) *Vault {
	t.Helper()
	v, err := OpenWith(dir, Passphrase(testPass), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { v.Lock() })
	return v
}
