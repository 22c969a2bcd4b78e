package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"filippo.io/age"
	"github.com/dgraph-io/badger/v4"
)

// The upgrade of a vault of format 1, made when it is first opened by this
// version. Each step can be interrupted and done again: the header says
// "version 1" until the last one.
//
//  1. The witness of format 1 (the chain's head, in the file "head") is
//     compared with the chain, before anything is written: a history cut
//     before the upgrade is noticed as it would have been by Verify.
//  2. Each evidence file's age key and original header move into its
//     record (one transaction), and the identity of format 1 is deleted;
//     then the header in each file is erased (blob.go says why).
//  3. The authenticated state of the database is computed and stored
//     (state.go), and the two copies of the witness are written.
//  4. The header is written again, version 2: from then on the vault is
//     checked at every open.

// upgrade brings a vault of format 1 to format 2. accept is
// Options.AcceptIntegrityLoss.
func (v *Vault) upgrade(accept bool) error {
	var events []ChainEvent
	var head ChainHead
	err := v.db.View(func(txn *badger.Txn) error {
		var err error
		if head, err = v.readHead(txn); err != nil {
			return err
		}
		r := &Reader{v: v, txn: txn}
		return r.Events(func(e *ChainEvent) error {
			events = append(events, *e)
			return nil
		})
	})
	if err != nil {
		return err
	}
	found := v.checkWitnessV1(events)
	if found != nil && !accept {
		return found
	}
	if err := v.upgradeBlobs(); err != nil {
		return fmt.Errorf("failed to upgrade the vault: %w", err)
	}
	if crashPoint("upgrade:blobs") {
		return errSimulatedCrash
	}
	if err := v.storeFreshState(head); err != nil {
		return fmt.Errorf("failed to upgrade the vault: %w", err)
	}
	if crashPoint("upgrade:state") {
		return errSimulatedCrash
	}
	h := *v.header
	h.Version = formatVersion
	if err := v.writeHeader(&h); err != nil {
		return fmt.Errorf("failed to upgrade the vault: %w", err)
	}
	if found != nil {
		return v.acceptIntegrityLoss(found)
	}
	return nil
}

// storeFreshState computes the state of the whole database, stores it and
// writes it in the witness.
func (v *Vault) storeFreshState(head ChainHead) error {
	var s vaultState
	var n uint64
	err := v.db.View(func(txn *badger.Txn) error {
		stored, _, err := v.readState(txn)
		if err != nil {
			return err
		}
		n = stored.N
		s, err = computeState(txn, v.hasher, nil)
		return err
	})
	if err != nil {
		return err
	}
	s.N = max(n, 1)
	if err := v.commit([]op{v.stateOp(s)}); err != nil {
		return err
	}
	v.state, v.chain = s, head
	v.witnessState(s, head)
	return nil
}

// loadLegacyBlobIdentity reads the X25519 identity of format 1, if the
// database still holds it.
func (v *Vault) loadLegacyBlobIdentity() error {
	return v.db.View(func(txn *badger.Txn) error {
		s, err := v.getSealed(txn, keyBlobIdent)
		if errors.Is(err, ErrNoRecord) {
			return nil
		}
		if err != nil {
			return err
		}
		id, err := age.ParseX25519Identity(string(s))
		if err != nil {
			return corrupt("evidence key", err)
		}
		v.legacyBlobs = id
		return nil
	})
}

// upgradeBlobs moves each evidence file's key and age header into its
// record, deletes the identity of format 1 when no file needs it any
// more, then erases the headers in the files.
func (v *Vault) upgradeBlobs() error {
	var recs []blobRecord
	err := v.db.View(func(txn *badger.Txn) error {
		r := &Reader{v: v, txn: txn}
		return r.scanBadger(spaceBlobs, func(bkey string, value Value) error {
			data, err := value()
			if err != nil {
				return nil // Verify reports it
			}
			if rec, err := parseBlobRecord(bkey[len(spaceBlobs):], data); err == nil {
				recs = append(recs, rec)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	var ops []op
	left := 0
	for i, rec := range recs {
		if rec.Key != nil {
			continue
		}
		key, hdr, err := v.legacyFileKey(rec.ID)
		if err != nil {
			left++ // a missing or damaged file: Verify reports it
			continue
		}
		recs[i].Key, recs[i].Header = key, hdr
		data, _ := json.Marshal(&recs[i])
		ops = append(ops, op{key: spaceBlobs + rec.ID, value: v.seal(spaceBlobs+rec.ID, data)})
	}
	if left == 0 && v.legacyBlobs != nil {
		ops = append(ops, op{key: keyBlobIdent})
	}
	if len(ops) > 0 {
		if err := v.commit(ops); err != nil {
			return err
		}
	}
	if crashPoint("upgrade:keys") {
		return errSimulatedCrash
	}
	if left == 0 {
		v.legacyBlobs = nil
	}
	for _, rec := range recs {
		if rec.Header != nil {
			if err := eraseBlobHeader(v.blobPath(rec.ID), rec.Header); err != nil {
				return err
			}
		}
	}
	return nil
}

// legacyFileKey reads the age header of a blob of format 1 and returns its
// file key, with the header.
func (v *Vault) legacyFileKey(id string) ([]byte, []byte, error) {
	if v.legacyBlobs == nil || !validBlobID(id) {
		return nil, nil, errors.New("no key")
	}
	f, err := os.Open(v.blobPath(id))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	hdr, err := age.ExtractHeader(f)
	if err != nil {
		return nil, nil, err
	}
	key, err := age.DecryptHeader(hdr, v.legacyBlobs)
	if err != nil {
		return nil, nil, err
	}
	// The header as age writes it is the header as it is in the file.
	start := make([]byte, len(hdr))
	if _, err := f.ReadAt(start, 0); err != nil || !bytes.Equal(start, hdr) {
		return nil, nil, errors.New("the file's header is not in its canonical form")
	}
	return key, hdr, nil
}

// eraseBlobHeader overwrites with zeros the age header at the start of a
// blob's file, if it is still there (a crash may have left it half
// erased: the record holds it whole).
func eraseBlobHeader(path string, hdr []byte) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("failed to open an evidence file: %w", err)
	}
	defer f.Close()
	start := make([]byte, len(hdr))
	if _, err := io.ReadFull(f, start); err != nil || !bytes.Equal(start, hdr) {
		return nil
	}
	if _, err := f.WriteAt(make([]byte, len(hdr)), 0); err != nil {
		return fmt.Errorf("failed to erase the key of an evidence file: %w", err)
	}
	return f.Sync()
}
