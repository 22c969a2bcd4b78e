package vault

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func TestScanEraseAndChain(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/r/1", "first")
	mustRecord(t, v, "inc/a/r/2", "second")
	mustRecord(t, v, "inc/b/r/1", "other")
	err := v.Update(func(tx *Tx) error {
		n, err := tx.Erase("inc/a/", Event{Type: "deleted", Subject: "a"})
		if n != 2 {
			t.Errorf("erased %d records, want 2", n)
		}
		if err != nil {
			return err
		}
		// The transaction sees its own deletions.
		if _, err := tx.Get("inc/a/r/1"); !errors.Is(err, ErrNoRecord) {
			t.Errorf("inside the transaction: %v", err)
		}
		return tx.Log(Event{Type: "exported", Hash: strings.Repeat("ab", 32)})
	})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	v.View(func(r *Reader) error {
		return r.Scan("inc/", func(k string, _ Value) error {
			keys = append(keys, k)
			return nil
		})
	})
	if fmt.Sprint(keys) != "[inc/b/r/1]" {
		t.Fatalf("keys after erase: %v", keys)
	}
	events, err := v.Events()
	if err != nil {
		t.Fatal(err)
	}
	types := []string{}
	for _, e := range events {
		types = append(types, e.Type)
	}
	if fmt.Sprint(types) != "[created created created deleted exported]" {
		t.Fatalf("events: %v", types)
	}
	head, _ := v.Head()
	if err := VerifyChain(events, head); err != nil {
		t.Fatal(err)
	}
	rep, err := v.Verify(t.Context(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
	if rep.Records != 1 || rep.Events != 5 {
		t.Fatalf("verify counted %d records and %d events", rep.Records, rep.Events)
	}
}

func TestFailedUpdateWritesNothing(t *testing.T) {
	v, _, _ := newTestVault(t)
	boom := errors.New("boom")
	err := v.Update(func(tx *Tx) error {
		tx.Record("inc/x", []byte("x"), Event{Type: "created"})
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if head, _ := v.Head(); head.Seq != 0 {
		t.Fatalf("head moved: %+v", head)
	}
}

func TestInvalidKeysAndEventsAreRefused(t *testing.T) {
	v, _, _ := newTestVault(t)
	for _, c := range []struct {
		key string
		ev  Event
	}{
		{"", Event{Type: "created"}},
		{"a/", Event{Type: "created"}},
		{"a\nb", Event{Type: "created"}},
		{"a", Event{Type: "Created!"}},
		{"a", Event{Type: "created", Subject: "x\ny"}},
	} {
		err := v.Update(func(tx *Tx) error { return tx.Record(c.key, nil, c.ev) })
		if err == nil {
			t.Errorf("key %q event %+v accepted", c.key, c.ev)
		}
	}
}

// A sealed value is bound to its key: moving it elsewhere, or changing a
// byte, makes it fail to open with an error that names the record.
func TestRecordTamperingIsDetected(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a", "Parent P1 menace")
	mustRecord(t, v, "inc/b", "autre chose")
	raw := func(key string) []byte {
		var out []byte
		v.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get([]byte(key))
			if err != nil {
				t.Fatal(err)
			}
			out, _ = item.ValueCopy(nil)
			return nil
		})
		return out
	}
	put := func(key string, val []byte) {
		v.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(key), val) })
	}
	a := raw("r/inc/a")
	flipped := append([]byte{}, a...)
	flipped[len(flipped)/2] ^= 0x40
	put("r/inc/a", flipped)
	put("r/inc/b", a) // a's value moved under b's key

	for _, key := range []string{"inc/a", "inc/b"} {
		err := v.View(func(r *Reader) error { _, err := r.Get(key); return err })
		var ce *CorruptError
		if !errors.As(err, &ce) || !strings.Contains(ce.What, key) {
			t.Errorf("%s: got %v, want a CorruptError naming it", key, err)
		}
	}
	rep, err := v.Verify(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Both records, and the database's state, which no longer adds up.
	if len(rep.Problems) != 3 || rep.Problems[0].What != "database" {
		t.Fatalf("verify found %v", rep.Problems)
	}
}

// A record removed or replaced by someone holding the database key (or by
// damage) is noticed by Verify thanks to the chain.
func TestVerifyNoticesRecordsChangedBehindTheChain(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a", "one")
	mustRecord(t, v, "inc/b", "two")
	v.db.Update(func(txn *badger.Txn) error {
		txn.Delete([]byte("r/inc/a"))
		return txn.Set([]byte("r/inc/b"), v.seal("r/inc/b", []byte("rewritten")))
	})
	v.db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte("r/inc/c"), v.seal("r/inc/c", []byte("slipped in")))
	})
	rep, err := v.Verify(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(rep.Problems)
	for _, want := range []string{"record inc/a has disappeared", "record inc/b does not match", "record inc/c is not in the history"} {
		if !strings.Contains(got, want) {
			t.Errorf("verify did not report %q; got %s", want, got)
		}
	}
}

func TestVerifyNoticesAnAlteredChain(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a", "one")
	mustRecord(t, v, "inc/b", "two")
	var e ChainEvent
	v.View(func(r *Reader) error {
		return r.Events(func(ev *ChainEvent) error { e = *ev; return ErrStop })
	})
	e.Subject = "someone else"
	data := fmt.Appendf(nil, `{"seq":%d,"time":%q,"type":%q,"subject":%q,"key":%q,"hash":%q,"prev":%q,"id":%q}`,
		e.Seq, e.Time.Format("2006-01-02T15:04:05.999999999Z07:00"), e.Type, e.Subject, e.Key, e.Hash, e.Prev, e.ID)
	v.db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(chainKey(1)), v.seal(chainKey(1), data))
	})
	rep, _ := v.Verify(t.Context(), nil)
	if !strings.Contains(fmt.Sprint(rep.Problems), "chain event 1 was altered") {
		t.Fatalf("got %v", rep.Problems)
	}
}

// bigUpdate writes n records of size bytes in one transaction: far more
// than one Badger transaction holds.
func bigUpdate(v *Vault, n, size int) error {
	return v.Update(func(tx *Tx) error {
		for i := range n {
			val := strings.Repeat(fmt.Sprintf("%d-", i), size/4)
			if err := tx.Record(fmt.Sprintf("inc/%05d", i), []byte(val), Event{Type: "created"}); err != nil {
				return err
			}
		}
		return nil
	})
}

func countRecords(t *testing.T, v *Vault) int {
	n := 0
	err := v.View(func(r *Reader) error {
		return r.Scan("inc/", func(string, Value) error { n++; return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestRemoveOneRecord(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a/e/1", "evidence")
	mustRecord(t, v, "inc/a/e/2", "evidence")
	if err := v.Update(func(tx *Tx) error { return tx.Remove("inc/a/e/1", Event{Type: "evidence_removed"}) }); err != nil {
		t.Fatal(err)
	}
	if err := v.Update(func(tx *Tx) error { return tx.Remove("inc/a/e/9", Event{Type: "evidence_removed"}) }); !errors.Is(err, ErrNoRecord) {
		t.Fatalf("removing a missing record: %v", err)
	}
	rep, _ := v.Verify(t.Context(), nil)
	if !rep.OK() || rep.Records != 1 {
		t.Fatalf("verify: %d records, %v", rep.Records, rep.Problems)
	}
}

// If the database loses its last transactions (records and chain events
// together, so the chain still holds), the head witness kept outside it
// shows that the history is shorter than it was.
func TestVerifyNoticesALostEndOfHistory(t *testing.T) {
	v, _, _ := newTestVault(t)
	mustRecord(t, v, "inc/a", "one")
	var state, head []byte
	v.db.View(func(txn *badger.Txn) error {
		item, _ := txn.Get([]byte(keyState))
		state, _ = item.ValueCopy(nil)
		item, _ = txn.Get([]byte(keyChainHead))
		head, _ = item.ValueCopy(nil)
		return nil
	})
	mustRecord(t, v, "inc/b", "two")
	mustRecord(t, v, "inc/c", "three")
	if rep, _ := v.Verify(t.Context(), nil); !rep.OK() {
		t.Fatalf("before: %v", rep.Problems)
	}
	// What a cut log leaves: the state after the first transaction.
	v.db.Update(func(txn *badger.Txn) error {
		for _, k := range []string{"r/inc/b", "r/inc/c", chainKey(2), chainKey(3)} {
			txn.Delete([]byte(k))
		}
		txn.Set([]byte(keyState), state)
		return txn.Set([]byte(keyChainHead), head)
	})
	rep, err := v.Verify(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(rep.Problems), "last 2 change(s) are missing") {
		t.Fatalf("got %v", rep.Problems)
	}
}

func TestDamagedWitnessIsOnlyANote(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "inc/a", "one")
	os.WriteFile(filepath.Join(dir, witnessName), []byte("{garbage"), 0o600)
	rep, _ := v.Verify(t.Context(), nil)
	if !rep.OK() || len(rep.Notes) != 1 {
		t.Fatalf("problems %v, notes %v", rep.Problems, rep.Notes)
	}
	mustRecord(t, v, "inc/b", "two") // rewritten at the next change
	if rep, _ := v.Verify(t.Context(), nil); !rep.OK() || len(rep.Notes) != 0 {
		t.Fatalf("after a change: problems %v, notes %v", rep.Problems, rep.Notes)
	}
}

func TestLargeTransactionIsCommitted(t *testing.T) {
	const n = 6000 // about 12 MB with chain events: several Badger transactions
	v, _, _ := newTestVault(t)
	if err := bigUpdate(v, n, 1000); err != nil {
		t.Fatal(err)
	}
	if got := countRecords(t, v); got != n {
		t.Fatalf("%d records, want %d", got, n)
	}
	rep, _ := v.Verify(t.Context(), nil)
	if !rep.OK() || rep.Events != n {
		t.Fatalf("verify: %d events, %v", rep.Events, rep.Problems)
	}
}

// A large transaction's staging keys are deleted once it is applied. When
// the table of Badger's that holds those deletions is dropped from its
// plaintext MANIFEST, the staging keys come back, commit marker and all.
// The open took them for a transaction a crash had interrupted and applied
// it again, writing its old values over everything changed since: it then
// reported the change it had itself undone as records missing or a history
// cut. A staged transaction the database's state has already passed is now
// only cleared, and the journal opens as it was.
func TestStagingBroughtBackIsNotAppliedAgain(t *testing.T) {
	v, dir, _ := newTestVault(t)
	if err := bigUpdate(v, 6000, 1000); err != nil {
		t.Fatal(err)
	}
	mustRecord(t, v, "inc/00001", "changed after the import")
	if got := resurrectStaging(t, v); got < 6000 {
		t.Fatalf("%d staging keys brought back", got)
	}
	v.Lock()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("open after the staging keys came back: %v", err)
	}
	defer v.Lock()
	if got := mustGet(t, v, "inc/00001"); got != "changed after the import" {
		t.Fatalf("the record changed after the import reads %.20q", got)
	}
	rep, err := v.Verify(t.Context(), nil)
	if err != nil || !rep.OK() || rep.Records != 6000 || len(v.Warnings()) != 0 {
		t.Fatalf("verify: %v %+v, warnings %v", err, rep, v.Warnings())
	}
	var staged int
	v.db.View(func(txn *badger.Txn) error {
		return (&Reader{v: v, txn: txn}).scanBadger(spaceStaging, func(string, Value) error { staged++; return nil })
	})
	if staged != 0 {
		t.Fatalf("%d staging keys left after the open", staged)
	}
}

// resurrectStaging undoes the deletion of every staging key, as dropping
// the table that holds the deletions does: each key's newest version
// before its deletion comes back. It returns how many came back.
func resurrectStaging(t *testing.T, v *Vault) int {
	t.Helper()
	back := map[string][]byte{}
	err := v.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions = true
		opts.Prefix = []byte(spaceStaging)
		it := txn.NewIterator(opts)
		defer it.Close()
		deleted := map[string]bool{}
		for it.Rewind(); it.Valid(); it.Next() { // newest version of each key first
			item := it.Item()
			key := string(item.KeyCopy(nil))
			if _, seen := back[key]; seen {
				continue
			}
			if item.IsDeletedOrExpired() {
				deleted[key] = true
				continue
			}
			if deleted[key] {
				val, err := item.ValueCopy(nil)
				if err != nil {
					return err
				}
				back[key] = val
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Sorted(maps.Keys(back))
	err = v.writeChunked(len(keys), func(i int, txn *badger.Txn) error {
		return txn.Set([]byte(keys[i]), back[keys[i]])
	})
	if err != nil {
		t.Fatal(err)
	}
	return len(keys)
}
