package vault

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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

// Before the staging file, a large transaction's staging keys lived in
// Badger and were deleted once it was applied. When the table of Badger's
// that held those deletions was dropped from its plaintext MANIFEST, the
// staging keys came back, commit marker and all. The open took them for
// a transaction a crash had interrupted and applied it again, writing its
// old values over everything changed since: it then reported the change
// it had itself undone as records missing or a history cut. A staged
// transaction the database's state has already passed is now only
// cleared, and the journal opens as it was; vaults of earlier versions
// may still hold such keys.
func TestStagingBroughtBackIsNotAppliedAgain(t *testing.T) {
	v, dir, _ := newTestVault(t)
	if err := bigUpdate(v, 6000, 1000); err != nil {
		t.Fatal(err)
	}
	// The staging keys of that import, as earlier versions left them
	// when the table of their deletions was dropped.
	stageInBadger(t, v, currentOps(t, v))
	mustRecord(t, v, "inc/00001", "changed after the import")
	v.Lock()
	v = openAsChangedAfterTheImport(t, dir)
	defer v.Lock()
	if staged := countStagedKeys(v); staged != 0 {
		t.Fatalf("%d staging keys left after the open", staged)
	}
}

// openAsChangedAfterTheImport opens the vault in dir, where an import of
// 6,000 records (bigUpdate) was followed by a change of inc/00001, and
// checks that the change is there and the vault intact.
func openAsChangedAfterTheImport(t *testing.T, dir string) *Vault {
	t.Helper()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("open with the import's staging back: %v", err)
	}
	if got := mustGet(t, v, "inc/00001"); got != "changed after the import" {
		v.Lock()
		t.Fatalf("the record changed after the import reads %.20q", got)
	}
	rep, err := v.Verify(t.Context(), nil)
	if err != nil || !rep.OK() || rep.Records != 6000 || len(v.Warnings()) != 0 {
		v.Lock()
		t.Fatalf("verify: %v %+v, warnings %v", err, rep, v.Warnings())
	}
	return v
}

// A vault of an earlier version, killed after it committed a large
// transaction in Badger's staging area and before it applied it: the open
// applies it, and clears the staging keys.
func TestStagedKeysOfAnEarlierVersionAreApplied(t *testing.T) {
	v, dir, _ := newTestVault(t)
	mustRecord(t, v, "other", "before")
	var ops []op
	for i := range 3000 {
		k := spaceRecords + fmt.Sprintf("inc/%05d", i)
		ops = append(ops, op{key: k, value: v.seal(k, bytes.Repeat([]byte("x"), 1000))})
	}
	txn := v.db.NewTransaction(false)
	s := v.state
	for _, o := range ops {
		var err error
		if s, err = stateStep(s, o, txn, v.hasher); err != nil {
			t.Fatal(err)
		}
	}
	txn.Discard()
	s.N++
	stageInBadger(t, v, append(ops, v.stateOp(s)))
	v.Lock()
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Lock()
	if got := countRecords(t, v); got != 3000 {
		t.Fatalf("%d records, want 3000", got)
	}
	if mustGet(t, v, "other") != "before" || countStagedKeys(v) != 0 {
		t.Fatalf("other %q, %d staging keys left", mustGet(t, v, "other"), countStagedKeys(v))
	}
}

// stageInBadger writes ops to Badger's staging area with a commit marker,
// as versions before the staging file did before applying them.
func stageInBadger(t *testing.T, v *Vault, ops []op) {
	t.Helper()
	base := spaceStaging + "0123456789abcdef/"
	err := v.writeChunked(len(ops)+1, func(i int, txn *badger.Txn) error {
		if i == len(ops) {
			return txn.Set([]byte(base+stagingCommit), v.seal(base+stagingCommit, []byte(fmt.Sprint(len(ops)))))
		}
		k := fmt.Sprintf("%s%08d", base, i)
		return txn.Set([]byte(k), v.seal(k, appendOp(nil, ops[i])))
	})
	if err != nil {
		t.Fatal(err)
	}
}

// currentOps is every key of the database in the state, then the state:
// the writes of a transaction the database has already reached.
func currentOps(t *testing.T, v *Vault) []op {
	t.Helper()
	var ops []op
	var state op
	err := v.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := string(it.Item().KeyCopy(nil))
			val, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			switch {
			case k == keyState:
				state = op{key: k, value: val}
			case inState(k):
				ops = append(ops, op{key: k, value: val})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(ops, state)
}

func countStagedKeys(v *Vault) int {
	var staged int
	v.db.View(func(txn *badger.Txn) error {
		return (&Reader{v: v, txn: txn}).scanBadger(spaceStaging, func(string, Value) error { staged++; return nil })
	})
	return staged
}
