package vault

import (
	"bytes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"math/bits"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/crypto/chacha20poly1305"
)

// The authenticated state. Every Badger key of the vault (journal records,
// chain events, unchained records such as people, representatives, the
// profile, settings and drafts, evidence descriptions, the chain head) is
// covered by one value kept in the database under keyState:
//
//	n      how many changes the vault has committed (each Update is one)
//	count  how many keys the state covers
//	sum    Σ HMAC-SHA-256(K, uvarint(len key) | key | value as stored)
//	       over those keys, modulo 2^256, K = HKDF(master, "…/state-hash")
//
// A sum of keyed hashes is an incremental multiset hash (Clarke et al.,
// MSet-Add-Hash): a write subtracts the element of the value it replaces
// and adds the new one, so keeping it costs one HMAC per key written, and
// nobody without the key can make a different set of keys and values add
// up to the same sum. It is written in the same Badger transaction as the
// change it describes, so it is always exactly the state of the database.
//
// At every open the whole database is read once and its sum compared with
// the stored one: a table dropped from Badger's plaintext MANIFEST, a
// record added, removed or put back from an older copy shows as a
// mismatch (ErrRecordsChanged). A database cut back to an older state as a
// whole (the end of its log cut) is consistent with itself: the witness,
// kept outside the database (witness.go), shows that it is older than what
// this computer saw, by n.
//
// Keys that describe work in progress are not covered: the staging area of
// large transactions (x/, all-or-nothing by itself), the markers of blobs
// being written or dropped, and the state itself.

const (
	keyState       = "m/state"
	labelStateHash = "temoin/v2/state-hash"
)

// inState reports whether a Badger key is covered by the state.
func inState(key string) bool { return inStateKey(key) }

// inStateKey is inState for a key given as a string or as bytes.
func inStateKey[K string | []byte](key K) bool {
	return string(key) != keyState && !hasPrefix(key, spaceStaging) &&
		!hasPrefix(key, metaBlobPending) && !hasPrefix(key, metaBlobTrash)
}

// hasPrefix is strings.HasPrefix for a string or bytes, without copying.
func hasPrefix[K string | []byte](s K, prefix string) bool {
	return len(s) >= len(prefix) && string(s[:len(prefix)]) == prefix
}

// vaultState is the stored state: the change counter and the multiset
// hash of the keys it covers.
type vaultState struct {
	N     uint64
	Count uint64
	Sum   [32]byte
}

type stateJSON struct {
	N     uint64 `json:"n"`
	Count uint64 `json:"count"`
	Sum   string `json:"sum"`
}

func (s vaultState) marshal() []byte {
	b, _ := json.Marshal(stateJSON{N: s.N, Count: s.Count, Sum: hex.EncodeToString(s.Sum[:])})
	return b
}

func parseState(data []byte) (vaultState, error) {
	var j stateJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return vaultState{}, err
	}
	sum, err := hex.DecodeString(j.Sum)
	if err != nil || len(sum) != 32 {
		return vaultState{}, errors.New("invalid sum")
	}
	s := vaultState{N: j.N, Count: j.Count}
	copy(s.Sum[:], sum)
	return s, nil
}

// sameContent reports whether two states cover the same keys and values.
func (s vaultState) sameContent(o vaultState) bool { return s.Count == o.Count && s.Sum == o.Sum }

// stateHasher computes the elements of the multiset hash. Its buffers
// are reused: an element costs no allocation (every key of the database
// is hashed at every open).
type stateHasher struct {
	mac     hash.Hash
	scratch []byte
	sum     []byte
}

func newStateHasher(key []byte) *stateHasher {
	return &stateHasher{mac: hmac.New(sha256.New, key)}
}

// elem is the element of one key and its value as stored (sealed).
func (h *stateHasher) elem(key string, sealed []byte) [32]byte {
	return elemOf(h, key, sealed)
}

// elemOf is elem for a key given as a string or as bytes.
func elemOf[K string | []byte](h *stateHasher, key K, sealed []byte) [32]byte {
	h.mac.Reset()
	h.scratch = binary.AppendUvarint(h.scratch[:0], uint64(len(key)))
	h.scratch = append(h.scratch, key...)
	h.mac.Write(h.scratch)
	h.mac.Write(sealed)
	h.sum = h.mac.Sum(h.sum[:0])
	return [32]byte(h.sum)
}

// add and sub change the state by one element, modulo 2^256 (four
// little-endian 64-bit limbs).
func (s *vaultState) add(e [32]byte) {
	s.addSum(e)
	s.Count++
}

// merge adds to s the keys o covers (o and s covering different keys).
func (s *vaultState) merge(o vaultState) {
	s.addSum(o.Sum)
	s.Count += o.Count
}

func (s *vaultState) addSum(e [32]byte) {
	var carry uint64
	for i := 0; i < 32; i += 8 {
		a := binary.LittleEndian.Uint64(s.Sum[i:])
		var r uint64
		r, carry = bits.Add64(a, binary.LittleEndian.Uint64(e[i:]), carry)
		binary.LittleEndian.PutUint64(s.Sum[i:], r)
	}
}

func (s *vaultState) sub(e [32]byte) {
	var borrow uint64
	for i := 0; i < 32; i += 8 {
		a := binary.LittleEndian.Uint64(s.Sum[i:])
		var r uint64
		r, borrow = bits.Sub64(a, binary.LittleEndian.Uint64(e[i:]), borrow)
		binary.LittleEndian.PutUint64(s.Sum[i:], r)
	}
	s.Count--
}

// computeState reads every key of the database and returns its state
// (N is left at zero). It stops at the first value Badger cannot read.
// visit, when not nil, is shown every key and its value as stored, in
// key order (both only until it returns).
func computeState(txn *badger.Txn, h *stateHasher, visit func(key, sealed []byte)) (vaultState, error) {
	return stateOfRange(txn, h, keyRange{}, visit)
}

// keyRange is the Badger keys from lo (nil: the first) up to hi, hi
// excluded (nil: to the last).
type keyRange struct{ lo, hi []byte }

// stateOfRange is computeState over the keys of r only.
func stateOfRange(txn *badger.Txn, h *stateHasher, r keyRange, visit func(key, sealed []byte)) (vaultState, error) {
	var s vaultState
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(r.lo); it.Valid(); it.Next() {
		item := it.Item()
		key := item.Key()
		if r.hi != nil && bytes.Compare(key, r.hi) >= 0 {
			break
		}
		if !inStateKey(key) {
			continue
		}
		err := item.Value(func(val []byte) error {
			s.add(elemOf(h, key, val))
			if visit != nil {
				visit(key, val)
			}
			return nil
		})
		if err != nil {
			return s, corrupt("record "+string(key), err)
		}
	}
	return s, nil
}

// computeStateSplit is computeState made on two goroutines, each with its
// own iterator in txn (the same snapshot) and its own hasher (newHasher):
// the keys under prefix on one, shown to visit in key order, every other
// key on the other. The sum is a sum: adding the two halves' gives the
// state of the whole (TestSplitStateIsTheWholeState). On two cores the
// check at open takes about the time of its larger half.
func computeStateSplit(txn *badger.Txn, newHasher func() *stateHasher, prefix string, visit func(key, sealed []byte)) (vaultState, error) {
	lo := []byte(prefix)
	hi := prefixEnd(lo)
	// In key order: before the prefix, under it, after it.
	ranges := [3]keyRange{{nil, lo}, {lo, hi}, {hi, nil}}
	if prefix == "" { // every key under the prefix
		ranges = [3]keyRange{{nil, []byte{}}, {}, {nil, []byte{}}}
	}
	var states [3]vaultState
	var errs [3]error
	var wg sync.WaitGroup
	wg.Go(func() {
		states[1], errs[1] = stateOfRange(txn, newHasher(), ranges[1], visit)
	})
	h := newHasher()
	for _, i := range []int{0, 2} {
		if states[i], errs[i] = stateOfRange(txn, h, ranges[i], nil); errs[i] != nil {
			break
		}
	}
	wg.Wait()
	var s vaultState
	for i := range states {
		if errs[i] != nil {
			return s, errs[i]
		}
		s.merge(states[i])
	}
	return s, nil
}

// prefixEnd is the first key after every key that starts with prefix
// (nil for an empty prefix; its last byte is never 0xff: the vault's
// prefixes are text ending with "/").
func prefixEnd(prefix []byte) []byte {
	if len(prefix) == 0 {
		return nil
	}
	end := bytes.Clone(prefix)
	end[len(end)-1]++
	return end
}

// stateStep applies one write of a commit to s: its new value replaces
// the old one, read from txn (a snapshot taken under writeMu: the current
// database). The commit's caller counts the change (N) once all its
// writes are in.
func stateStep(s vaultState, o op, txn *badger.Txn, h *stateHasher) (vaultState, error) {
	if !inState(o.key) {
		return s, nil
	}
	item, err := txn.Get([]byte(o.key))
	switch {
	case err == nil:
		err = item.Value(func(old []byte) error {
			s.sub(h.elem(o.key, old))
			return nil
		})
		if err != nil {
			return s, corrupt("record "+o.key, err)
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return s, corrupt("record "+o.key, err)
	}
	if o.value != nil {
		s.add(h.elem(o.key, o.value))
	}
	return s, nil
}

// readState returns the stored state, or ok false when there is none.
func (v *Vault) readState(txn *badger.Txn) (vaultState, bool, error) {
	data, err := v.getSealed(txn, keyState)
	if errors.Is(err, ErrNoRecord) {
		return vaultState{}, false, nil
	}
	if err != nil {
		return vaultState{}, false, err
	}
	s, err := parseState(data)
	if err != nil {
		return vaultState{}, false, corrupt("state record", err)
	}
	return s, true, nil
}

// stateOp is the write that stores s.
func (v *Vault) stateOp(s vaultState) op {
	return op{key: keyState, value: v.seal(keyState, s.marshal())}
}

// checkState reads the whole database and compares it with the stored
// state. It returns the stored state when they agree. The journal records
// pre asks for (nil: none) are handed to it in the same pass; preloaded
// says whether every one of them was, without an error.
func (v *Vault) checkState(pre *Preload) (stored vaultState, preloaded bool, err error) {
	var found vaultState
	var ok bool
	visit, preloadErr := v.preloader(pre)
	err = v.db.View(func(txn *badger.Txn) error {
		var err error
		if stored, ok, err = v.readState(txn); err != nil {
			return err
		}
		found, err = computeStateSplit(txn, v.stateHasher, spaceRecords+preloadPrefix(pre), visit)
		return err
	})
	if err != nil {
		return vaultState{}, false, err
	}
	if !ok {
		return vaultState{}, false, &IntegrityError{Kind: StateMissing}
	}
	if !found.sameContent(stored) {
		return stored, false, &IntegrityError{Kind: RecordsChanged, Records: int64(stored.Count) - int64(found.Count)}
	}
	return stored, pre != nil && *preloadErr == nil, nil
}

// preloadPrefix is the prefix of the records pre asks for, under
// spaceRecords ("": every record, when pre is nil).
func preloadPrefix(pre *Preload) string {
	if pre == nil {
		return ""
	}
	return pre.Prefix
}

// preloader returns what computeState shows the keys to for pre (nil when
// pre is nil), and where the first error of pre.Fn (or pre.Sealed) is
// kept: after one, it is given nothing more, and the check goes on. Only the keys
// under pre's prefix are made strings; the Value handed to pre.Fn is
// valid until Fn returns. Each record is opened into pre.Buffer's slice
// when it is set, with one cipher and its associated data made in one
// buffer used again.
func (v *Vault) preloader(pre *Preload) (func(key, sealed []byte), *error) {
	var failed error
	if pre == nil {
		return nil, &failed
	}
	prefix := spaceRecords + pre.Prefix
	var bkey string
	var sealed, ad []byte
	// One cipher for the pass (a copy of the records' key, as each
	// unseal's own was, dropped with it).
	aead, _ := chacha20poly1305.NewX(v.recordKey)
	if pre.Sealed != nil {
		return sealedPreloader(pre, aead, prefix, &failed), &failed
	}
	value := Value(func() ([]byte, error) {
		var dst []byte
		if pre.Buffer != nil {
			dst = pre.Buffer(len(sealed))
		}
		ad = append(append(ad[:0], sealADPrefix...), bkey...)
		return unsealInto(aead, dst, ad, bkey, sealed)
	})
	return func(key, val []byte) {
		if failed != nil || !hasPrefix(key, prefix) {
			return
		}
		bkey, sealed = string(key), val
		failed = pre.Fn(bkey[len(spaceRecords):], value)
		sealed = nil
	}, &failed
}

// sealedPreloader is preloader's visit for pre.Sealed: each record under
// prefix is copied, after its associated data, into one buffer (from
// pre.Buffer), opened when the receiver calls its Open.
func sealedPreloader(pre *Preload, aead cipher.AEAD, prefix string, failed *error) func(key, sealed []byte) {
	return func(key, sealed []byte) {
		if *failed != nil || !hasPrefix(key, prefix) {
			return
		}
		n := len(sealADPrefix) + len(key) + len(sealed)
		var buf []byte
		if pre.Buffer != nil {
			buf = pre.Buffer(n)
		}
		buf = append(append(append(buf[:0], sealADPrefix...), key...), sealed...)
		*failed = pre.Sealed(SealedRecord{buf: buf, adLen: len(buf) - len(sealed), aead: aead})
	}
}

func (v *Vault) stateHasher() *stateHasher {
	k := deriveKey(v.master, v.header.ID, labelStateHash)
	defer clear(k)
	return newStateHasher(k)
}

// String shows a state without its sum (for messages).
func (s vaultState) String() string { return fmt.Sprintf("change %d, %d keys", s.N, s.Count) }
