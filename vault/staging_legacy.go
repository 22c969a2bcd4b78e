package vault

import (
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Large transactions were staged inside Badger before the staging file
// (staging.go): every write copied, sealed, under x/<id>/<n>, then a
// commit marker x/<id>/commit, then applied and the staging keys
// deleted. A vault that a crash interrupted in the middle of one still
// holds them: the open finishes or rolls back those transactions here.

const stagingCommit = "commit"

// writeChunked runs write for 0..n-1, committing a Badger transaction each
// time one grows too big.
func (v *Vault) writeChunked(n int, write func(i int, txn *badger.Txn) error) error {
	w := v.newChunkedWriter()
	for i := 0; i < n; i++ {
		if err := w.write(func(txn *badger.Txn) error { return write(i, txn) }); err != nil {
			return err
		}
	}
	return w.commit()
}

func (v *Vault) applyOps(ops []op) error {
	return v.writeChunked(len(ops), func(i int, txn *badger.Txn) error {
		return ops[i].apply(txn)
	})
}

// discardStaged deletes the staging keys under base.
func (v *Vault) discardStaged(base string) error {
	var keys []string
	err := v.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte(base)
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, string(it.Item().KeyCopy(nil)))
		}
		return nil
	})
	if err != nil {
		return err
	}
	// The marker goes first: once it is gone, a crash leaves only
	// uncommitted staging, which is discarded.
	for i, k := range keys {
		if strings.HasSuffix(k, "/"+stagingCommit) {
			keys[0], keys[i] = keys[i], keys[0]
		}
	}
	return v.writeChunked(len(keys), func(i int, txn *badger.Txn) error {
		return txn.Delete([]byte(keys[i]))
	})
}

// recoverStagedKeys finishes or rolls back the large transactions that a
// crash interrupted while they were staged in Badger. A committed one is
// applied only while the database has not reached it (stagedAhead):
// staging keys that come back after they were deleted, because the table
// that held their deletions was dropped from Badger's plaintext MANIFEST,
// describe a change applied long ago, and applying it again would write
// old values over newer ones.
func (v *Vault) recoverStagedKeys() error {
	w, err := v.readStaged()
	if err != nil {
		return fmt.Errorf("failed to read interrupted changes: %w", err)
	}
	if w.stateErr != nil && len(w.committed) > 0 {
		// Whether they are ahead cannot be told: left as they are, for
		// the check that follows to name the damage.
		return nil
	}
	ids := make(map[string]bool)
	for id := range w.ops {
		ids[id] = true
	}
	for id := range w.committed {
		ids[id] = true
	}
	for id := range ids {
		apply := false
		if w.committed[id] {
			var last *op
			if ops := w.ops[id]; len(ops) > 0 {
				last = &ops[len(ops)-1]
			}
			if apply, err = v.stagedAhead(last, w.stored, w.haveState); err != nil {
				return fmt.Errorf("failed to read interrupted changes: %w", err)
			}
		}
		if apply {
			if err := v.applyOps(w.ops[id]); err != nil {
				return fmt.Errorf("failed to finish interrupted changes: %w", err)
			}
		}
		if err := v.discardStaged(spaceStaging + id + "/"); err != nil {
			return fmt.Errorf("failed to clear interrupted changes: %w", err)
		}
	}
	return nil
}

// stagedWork is what the staging area holds at open, by transaction id:
// the writes, and whether the transaction was committed; with the
// database's stored state, read in the same snapshot (stateErr when it
// cannot be read).
type stagedWork struct {
	ops       map[string][]op
	committed map[string]bool
	stored    vaultState
	haveState bool
	stateErr  error
}

func (v *Vault) readStaged() (*stagedWork, error) {
	w := &stagedWork{ops: make(map[string][]op), committed: make(map[string]bool)}
	err := v.db.View(func(txn *badger.Txn) error {
		w.stored, w.haveState, w.stateErr = v.readState(txn)
		r := &Reader{v: v, txn: txn}
		return r.scanBadger(spaceStaging, func(bkey string, value Value) error {
			id, name, ok := strings.Cut(strings.TrimPrefix(bkey, spaceStaging), "/")
			if !ok {
				return nil
			}
			if name == stagingCommit {
				w.committed[id] = true
				return nil
			}
			plain, err := value()
			if err != nil {
				return err
			}
			o, err := decodeOp(plain)
			if err != nil {
				return corrupt("record "+bkey, err)
			}
			w.ops[id] = append(w.ops[id], o)
			return nil
		})
	})
	return w, err
}
