package vault

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Large transactions (an import of thousands of incidents) do not fit in
// one Badger transaction. They are committed like a database's redo log:
//
//  1. every write is copied, sealed, under x/<id>/<n> ("staged"), in as
//     many Badger transactions as needed;
//  2. one small transaction writes x/<id>/commit: this is the moment the
//     whole transaction becomes durable;
//  3. the staged writes are applied to their real keys, then deleted.
//
// When a process dies before step 2, the next Open deletes the staged
// writes and nothing happened; after step 2, the next Open applies them
// again (applying twice is harmless) and everything happened.

const stagingCommit = "commit"

// errAppliedLater: a large transaction was made durable but not applied;
// the next open applies it.
var errAppliedLater = errors.New("changes saved but not yet applied (they will be when the vault is next opened)")

func (v *Vault) commitStaged(ops []op) error {
	idb := make([]byte, 8)
	if _, err := rand.Read(idb); err != nil {
		return fmt.Errorf("failed to draw a transaction id: %w", err)
	}
	base := spaceStaging + hex.EncodeToString(idb) + "/"
	err := v.writeChunked(len(ops), func(i int, txn *badger.Txn) error {
		k := fmt.Sprintf("%s%08d", base, i)
		return txn.Set([]byte(k), v.seal(k, encodeOp(ops[i])))
	})
	if err != nil {
		v.discardStaged(base)
		return fmt.Errorf("failed to stage the changes: %w", err)
	}
	marker := base + stagingCommit
	txn := v.db.NewTransaction(true)
	if err := txn.Set([]byte(marker), v.seal(marker, []byte(fmt.Sprint(len(ops))))); err != nil {
		txn.Discard()
		v.discardStaged(base)
		return err
	}
	if crashPoint("staging:staged") {
		txn.Discard()
		return errSimulatedCrash
	}
	if err := txn.Commit(); err != nil {
		v.discardStaged(base)
		return fmt.Errorf("failed to commit the changes: %w", err)
	}
	if crashPoint("staging:committed") {
		return errSimulatedCrash
	}
	// Durable from here on: a failure below is finished at the next Open.
	v.applyMu.Lock()
	defer v.applyMu.Unlock()
	if err := v.applyOps(ops); err != nil {
		return fmt.Errorf("%w: %w", errAppliedLater, err)
	}
	return v.discardStaged(base)
}

func (v *Vault) applyOps(ops []op) error {
	return v.writeChunked(len(ops), func(i int, txn *badger.Txn) error {
		return ops[i].apply(txn)
	})
}

// writeChunked runs write for 0..n-1, committing a Badger transaction each
// time one grows too big.
func (v *Vault) writeChunked(n int, write func(i int, txn *badger.Txn) error) error {
	txn := v.db.NewTransaction(true)
	for i := 0; i < n; i++ {
		err := write(i, txn)
		if errors.Is(err, badger.ErrTxnTooBig) {
			if err := txn.Commit(); err != nil {
				return err
			}
			txn = v.db.NewTransaction(true)
			err = write(i, txn)
		}
		if err != nil {
			txn.Discard()
			return err
		}
	}
	return txn.Commit()
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

// recoverStaged finishes or rolls back large transactions that a crash
// interrupted. A committed one is applied only while the database has not
// reached it (stagedAhead): staging keys that come back after they were
// deleted, because the table that held their deletions was dropped from
// Badger's plaintext MANIFEST, describe a change applied long ago, and
// applying it again would write old values over newer ones.
func (v *Vault) recoverStaged() error {
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
			if apply, err = v.stagedAhead(w.ops[id], w.stored, w.haveState); err != nil {
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

// stagedAhead reports whether a committed staged transaction is ahead of
// the database, and so must be applied: the state it writes (its last op)
// counts more changes than the stored state. Its state op is applied last,
// in order, so a transaction interrupted while it was applied is still
// ahead, and one applied in full is not. A transaction without a state op
// is one of format 1 (or of the upgrade to format 2, which stages before
// the header says format 2): applied in a vault of format 1 only.
func (v *Vault) stagedAhead(ops []op, stored vaultState, haveState bool) (bool, error) {
	if len(ops) == 0 || ops[len(ops)-1].key != keyState {
		return v.header.Version < 2, nil
	}
	last := ops[len(ops)-1]
	plain, err := v.unseal(keyState, last.value)
	if err != nil {
		return false, err
	}
	s, err := parseState(plain)
	if err != nil {
		return false, corrupt("staged state", err)
	}
	return haveState && s.N > stored.N, nil
}

func encodeOp(o op) []byte {
	b := make([]byte, 0, 1+binary.MaxVarintLen64+len(o.key)+len(o.value))
	if o.value == nil {
		b = append(b, 1)
	} else {
		b = append(b, 0)
	}
	b = binary.AppendUvarint(b, uint64(len(o.key)))
	b = append(b, o.key...)
	return append(b, o.value...)
}

func decodeOp(b []byte) (op, error) {
	if len(b) < 2 || b[0] > 1 {
		return op{}, errors.New("invalid staged write")
	}
	n, w := binary.Uvarint(b[1:])
	if w <= 0 || n > uint64(len(b)-1-w) {
		return op{}, errors.New("invalid staged write")
	}
	rest := b[1+w:]
	o := op{key: string(rest[:n])}
	if b[0] == 0 {
		o.value = append([]byte{}, rest[n:]...)
	}
	return o, nil
}
