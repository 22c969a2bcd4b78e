package vault

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// Tx is a write transaction: everything it does is committed at once, or
// not at all, also when the process is killed in the middle of a large
// commit. Reads through its Reader see its own writes.
type Tx struct {
	Reader
	writes  map[string]*write
	order   []string
	head    ChainHead
	dropped []string // blob files to remove once committed
	kept    []string // pending blobs this transaction keeps
}

type write struct {
	plain   []byte
	deleted bool
}

// Update runs fn in a write transaction and commits it if fn returns nil.
// Writers take turns: one Update runs at a time.
func (v *Vault) Update(fn func(tx *Tx) error) error {
	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	if v.broken != nil {
		return v.broken
	}
	txn := v.db.NewTransaction(false)
	defer txn.Discard()
	tx := &Tx{writes: make(map[string]*write)}
	tx.Reader = Reader{v: v, txn: txn, tx: tx}
	head, err := v.readHead(txn)
	if err != nil {
		return err
	}
	tx.head = head
	if err := fn(tx); err != nil {
		return err
	}
	if len(tx.order) == 0 {
		return nil
	}
	if err := v.commitTx(tx, txn); err != nil {
		return err
	}
	v.pendingMu.Lock()
	for _, id := range tx.kept {
		clear(v.pending[id])
		delete(v.pending, id)
	}
	v.pendingMu.Unlock()
	for _, id := range tx.dropped {
		if os.Remove(v.blobPath(id)) == nil || !fileExists(v.blobPath(id)) {
			v.setMeta(metaBlobTrash+id, nil) // else retried at the next Open
		}
	}
	return nil
}

// commitTx seals the transaction's writes, adds the new authenticated
// state, commits them at once and records the state in the witness.
// txn is the transaction's snapshot: the database before it.
func (v *Vault) commitTx(tx *Tx, txn *badger.Txn) error {
	// Each write is sealed, counted in the new state and given to the
	// committer in turn, and its plaintext let go: a spreadsheet of ten
	// thousand rows is not held three times (plain, sealed, staged).
	c := v.newCommitter()
	s := v.state
	if w, ok := tx.writes[keyChainHead]; ok {
		w.plain, _ = json.Marshal(&tx.head)
	}
	if v.commitTooBig(tx.sealedSize()) {
		if err := c.spill(); err != nil {
			c.abort()
			return fmt.Errorf("failed to save: %w", err)
		}
	}
	// Staged, a sealed value is copied into the staging file at once:
	// each is sealed into the same buffer (an import's ten thousand
	// records would otherwise be as many values to collect).
	sealer := v.newSealer()
	for _, bkey := range tx.order {
		w := tx.writes[bkey]
		o := op{key: bkey}
		switch {
		case w.deleted:
		case c.staging():
			o.value = sealer.seal(bkey, w.plain)
		default:
			o.value = v.seal(bkey, w.plain)
		}
		delete(tx.writes, bkey)
		var err error
		if s, err = stateStep(s, o, txn, v.hasher); err != nil {
			c.abort()
			return err
		}
		if err := c.add(o); err != nil {
			c.abort()
			return fmt.Errorf("failed to save: %w", err)
		}
	}
	tx.writes, tx.order = nil, nil
	s.N++
	if err := c.add(v.stateOp(s)); err != nil {
		c.abort()
		return fmt.Errorf("failed to save: %w", err)
	}
	if err := c.finish(); err != nil {
		if errors.Is(err, errAppliedLater) {
			// Durable, applied at the next open: this session's view of the
			// database is behind it until then.
			v.broken = fmt.Errorf("the vault must be locked and opened again: %w", err)
		}
		return fmt.Errorf("failed to save: %w", err)
	}
	v.state, v.chain = s, tx.head
	v.witnessState(s, tx.head)
	return nil
}

// sealedSize is the size of the transaction's keys and sealed values,
// and how many there are, its state's write included.
func (tx *Tx) sealedSize() (size, count int64) {
	for bkey, w := range tx.writes {
		size += int64(len(bkey))
		if !w.deleted {
			size += int64(nonceSize + len(w.plain) + tagSize)
		}
	}
	return size, int64(len(tx.writes)) + 1
}

func (tx *Tx) set(bkey string, plain []byte) { tx.setOwned(bkey, bytes.Clone(plain)) }

// setOwned is set for a value the transaction holds from now on, which
// no one else changes: one it encoded itself (a chain event).
func (tx *Tx) setOwned(bkey string, plain []byte) {
	if _, ok := tx.writes[bkey]; !ok {
		tx.order = append(tx.order, bkey)
	}
	tx.writes[bkey] = &write{plain: plain}
}

func (tx *Tx) del(bkey string) {
	if _, ok := tx.writes[bkey]; !ok {
		tx.order = append(tx.order, bkey)
	}
	tx.writes[bkey] = &write{deleted: true}
}

// Event describes a change for the chain. Callers set Type (lower-case
// words joined by underscores: "created", "evidence_added"...) and
// Subject (what the change is about, e.g. an incident id); Log also takes
// Hash, the hex SHA-256 of what the event is about (a report's PDF).
type Event struct {
	Type    string `json:"type"`
	Subject string `json:"subject,omitempty"`
	Hash    string `json:"hash,omitempty"`
}

// Record writes a journal record and appends to the chain an event that
// holds the key and the SHA-256 of value.
func (tx *Tx) Record(key string, value []byte, ev Event) error {
	if err := checkRecordKey(key); err != nil {
		return err
	}
	sum := sha256.Sum256(value)
	ev.Hash = hex.EncodeToString(sum[:])
	if err := tx.appendEvent(ev, key); err != nil {
		return err
	}
	tx.set(spaceRecords+key, value)
	return nil
}

// Erase deletes every journal record whose key starts with prefix (which
// must end with "/") and leaves a tombstone event in the chain. It returns
// how many records it deleted.
func (tx *Tx) Erase(prefix string, ev Event) (int, error) {
	if !strings.HasSuffix(prefix, "/") || checkText(prefix) != nil {
		return 0, fmt.Errorf("invalid prefix to erase: %q", prefix)
	}
	ev.Hash = ""
	var keys []string
	err := tx.Scan(prefix, func(key string, _ Value) error {
		keys = append(keys, key)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := tx.appendEvent(ev, prefix); err != nil {
		return 0, err
	}
	for _, k := range keys {
		tx.del(spaceRecords + k)
	}
	return len(keys), nil
}

// Remove deletes one journal record and records its removal in the chain.
// Removing a record that does not exist is an error.
func (tx *Tx) Remove(key string, ev Event) error {
	if err := checkRecordKey(key); err != nil {
		return err
	}
	if _, err := tx.Get(key); err != nil {
		return err
	}
	ev.Hash = ""
	if err := tx.appendEvent(ev, key); err != nil {
		return err
	}
	tx.del(spaceRecords + key)
	return nil
}

// Log appends an event that writes no record, such as "exported".
func (tx *Tx) Log(ev Event) error {
	return tx.appendEvent(ev, "")
}

// PutUnchained writes a record that is not in the chain (a draft, a
// setting). It is encrypted like every other record.
func (tx *Tx) PutUnchained(key string, value []byte) error {
	if err := checkText(key); err != nil || key == "" {
		return fmt.Errorf("invalid key %q", key)
	}
	tx.set(spaceUnchained+key, value)
	return nil
}

// DeleteUnchained deletes an unchained record; deleting a missing one is
// not an error.
func (tx *Tx) DeleteUnchained(key string) {
	tx.del(spaceUnchained + key)
}

func (tx *Tx) appendEvent(ev Event, key string) error {
	if !validEventType(ev.Type) {
		return fmt.Errorf("invalid event type %q", ev.Type)
	}
	if err := checkText(ev.Subject); err != nil {
		return fmt.Errorf("invalid event subject: %w", err)
	}
	e := ChainEvent{
		Seq:     tx.head.Seq + 1,
		Time:    time.Now().UTC(),
		Type:    ev.Type,
		Subject: ev.Subject,
		Key:     key,
		Hash:    ev.Hash,
		Prev:    tx.head.ID,
	}
	e.ID = e.computeID()
	data, err := json.Marshal(&e)
	if err != nil {
		return fmt.Errorf("failed to encode chain event: %w", err)
	}
	tx.setOwned(chainKey(e.Seq), data) // json.Marshal's own
	tx.head = ChainHead{Seq: e.Seq, ID: e.ID}
	if _, ok := tx.writes[keyChainHead]; !ok {
		// Its place among the writes is taken now, its value (the last
		// head) encoded once at commit (commitTx), not at each event.
		tx.set(keyChainHead, nil)
	}
	return nil
}

func checkRecordKey(key string) error {
	if key == "" || strings.HasSuffix(key, "/") || checkText(key) != nil {
		return fmt.Errorf("invalid record key %q", key)
	}
	return nil
}

// checkText refuses what would make the chain's line-based encoding
// ambiguous.
func checkText(s string) error {
	if strings.ContainsAny(s, "\n\r\x00") {
		return errors.New("contains a line break or NUL")
	}
	return nil
}

func validEventType(t string) bool {
	if t == "" || len(t) > 64 {
		return false
	}
	for _, r := range t {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

func (tx *Tx) hasWritesUnder(full string) bool {
	for k := range tx.writes {
		if strings.HasPrefix(k, full) {
			return true
		}
	}
	return false
}

// scanMerged is Scan when the transaction wrote under the prefix: the
// snapshot's keys and the transaction's writes, merged in key order.
func (tx *Tx) scanMerged(r *Reader, space, prefix string, fn func(string, Value) error) error {
	values := make(map[string]Value)
	err := r.scanBadger(space+prefix, func(bkey string, value Value) error {
		values[bkey] = value
		return nil
	})
	if err != nil {
		return err
	}
	for bkey, w := range tx.writes {
		if !strings.HasPrefix(bkey, space+prefix) {
			continue
		}
		if w.deleted {
			delete(values, bkey)
			continue
		}
		plain := w.plain
		values[bkey] = func() ([]byte, error) { return bytes.Clone(plain), nil }
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := fn(strings.TrimPrefix(k, space), values[k]); err != nil {
			if errors.Is(err, ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// op is one Badger write of a commit: a sealed value, or a deletion when
// value is nil.
type op struct {
	key   string
	value []byte
}

func (o op) apply(txn *badger.Txn) error {
	if o.value == nil {
		return txn.Delete([]byte(o.key))
	}
	return txn.Set([]byte(o.key), o.value)
}
