//go:build testhooks

package vault

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// RewriteAsKeyHolder does what someone who holds the vault's keys (who
// knows the passphrase and has the files) can do with a program of their
// own, for the tests that prove what still catches it: it replaces the
// value of the journal record key, rewrites the chain event that recorded
// it and every event after it (new hash, new IDs), the head, the
// authenticated state and both copies of the witness, in one commit. The
// vault then opens without any integrity error and Verify finds it
// consistent: only something kept outside, made before — a trusted
// time-stamp of the old head, a bundle sent — can tell. Compiled only with
// the testhooks tag.
func (v *Vault) RewriteAsKeyHolder(key string, value []byte) error {
	events, err := v.Events()
	if err != nil {
		return err
	}
	at := -1
	for i, e := range events {
		if e.Key == key && e.Hash != "" {
			at = i
		}
	}
	if at < 0 {
		return fmt.Errorf("no chain event wrote %q", key)
	}
	sum := sha256.Sum256(value)
	events[at].Hash = hex.EncodeToString(sum[:])
	ops := []op{{key: spaceRecords + key, value: v.seal(spaceRecords+key, value)}}
	for i := at; i < len(events); i++ {
		if i > 0 {
			events[i].Prev = events[i-1].ID
		}
		events[i].ID = events[i].computeID()
		data, _ := json.Marshal(&events[i])
		ops = append(ops, op{key: chainKey(events[i].Seq), value: v.seal(chainKey(events[i].Seq), data)})
	}
	last := events[len(events)-1]
	head := ChainHead{Seq: last.Seq, ID: last.ID}
	data, _ := json.Marshal(&head)
	ops = append(ops, op{key: keyChainHead, value: v.seal(keyChainHead, data)})

	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	txn := v.db.NewTransaction(false)
	s, err := stateDiff(v, ops, txn)
	txn.Discard()
	if err != nil {
		return err
	}
	ops = append(ops, v.stateOp(s))
	if err := v.commit(ops); err != nil {
		return err
	}
	v.state, v.chain = s, head
	v.witnessState(s, head)
	return nil
}

// stateDiff is the state after ops, from the vault's: each op counted
// (stateStep), then the change.
func stateDiff(v *Vault, ops []op, txn *badger.Txn) (vaultState, error) {
	s := v.state
	for _, o := range ops {
		var err error
		if s, err = stateStep(s, o, txn, v.hasher); err != nil {
			return s, err
		}
	}
	s.N++
	return s, nil
}
