package vault

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Renewing the keys. ChangePassphrase and NewRecoveryCode only wrap the
// same master key again: whoever kept an old vault.json (every old backup
// has one) and knew the old passphrase can still open the vault and read
// what is written afterwards. RotateKeys draws a new master key instead,
// and with it every key derived from it:
//
//  1. a new database is written in a new folder ("db-…", store.go), with
//     Badger's own encryption under the new Badger key (a new key registry,
//     new data keys: none of Badger's old files is kept), every record
//     opened with the old record key and sealed with the new one — among
//     them the records of the evidence files, which hold each file's key
//     (blob.go): the evidence files themselves are not rewritten;
//  2. the witness gets an entry under the new key beside the old one, and
//     the copy of the header outside the folder both headers;
//  3. vault.json is replaced, atomically: this is the moment the vault
//     changes keys — before it, the old header opens the old database,
//     which was only read; after it, the new header opens the new one;
//  4. the old database's folder is removed, and the witness keeps the new
//     entry only. A crash before this step leaves a folder that the next
//     open removes.
//
// Since the passphrase and the recovery code wrap the new key, and the
// vault keeps neither, RotateKeys takes the passphrase (the current one
// typed again, or a new one) and draws a new recovery code.

// RotateKeys renews the master key and every key derived from it, so that
// old copies of vault.json and old backups open nothing written from now
// on. passphrase is the passphrase from now on (the current one typed
// again, or a new one); the returned recovery code replaces the old one,
// which stops working: show it to the person. progress, if not nil, gets
// the records done and their total. The vault stays unlocked, with the
// new keys; nothing else can use it meanwhile.
func (v *Vault) RotateKeys(ctx context.Context, passphrase []byte, progress func(done, total int64)) (string, error) {
	if len(passphrase) == 0 {
		return "", errors.New("the passphrase is empty")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed.Load() {
		return "", ErrLocked
	}
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	if v.broken != nil {
		return "", v.broken
	}
	next, err := v.newKeys(passphrase)
	if err != nil {
		return "", err
	}
	defer next.wipe()
	if err := v.copyDatabase(ctx, next, progress); err != nil {
		os.RemoveAll(filepath.Join(v.dir, next.dbName))
		return "", err
	}
	if crashPoint("rotate:copied") {
		return "", errSimulatedCrash
	}
	during := []witnessEntry{
		newWitnessEntry(v.master, v.header.ID, v.state, v.chain),
		newWitnessEntry(next.master, v.header.ID, next.state, v.chain),
	}
	after := during[1:]
	if err := v.replaceHeader(next.headerJSON, during, after); err != nil {
		if errors.Is(err, errSimulatedCrash) {
			return "", err
		}
		cur, _ := os.ReadFile(filepath.Join(v.dir, headerName))
		if !bytes.Equal(cur, next.headerJSON) {
			os.RemoveAll(filepath.Join(v.dir, next.dbName))
			return "", err
		}
		// The new header is in place (only flushing the folder failed):
		// the vault has its new keys.
	}
	if err := v.switchKeys(next); err != nil {
		// The new keys are the vault's: opening it again uses them.
		v.release()
		return "", fmt.Errorf("the keys were renewed, but the vault must be opened again: %w", err)
	}
	return next.code, nil
}

// nextKeys is what a renewal of the keys makes before it commits.
type nextKeys struct {
	master, recordKey []byte
	header            *Header
	headerJSON        []byte
	code              string
	dbName            string
	state             vaultState
}

func (n *nextKeys) wipe() {
	clear(n.master)
	clear(n.recordKey)
}

// newKeys draws the new master key and makes the header that wraps it.
func (v *Vault) newKeys(passphrase []byte) (*nextKeys, error) {
	n := &nextKeys{master: make([]byte, masterKeySize)}
	if _, err := rand.Read(n.master); err != nil {
		return nil, fmt.Errorf("failed to draw the master key: %w", err)
	}
	h := *v.header
	h.Version = formatVersion
	code, err := h.wrapAll(n.master, passphrase)
	if err != nil {
		return nil, err
	}
	if n.headerJSON, err = h.Marshal(); err != nil {
		return nil, err
	}
	n.header, n.code = &h, code
	n.recordKey = deriveKey(n.master, h.ID, labelRecords)
	n.dbName = dbDirFor(n.master, h.ID)
	if n.dbName == v.dbName {
		return nil, errors.New("the new key names the same database folder") // 2^-64
	}
	return n, nil
}

// copyDatabase writes the new database: every key but the staging area,
// each value opened with the old record key and sealed with the new one,
// and the new state.
func (v *Vault) copyDatabase(ctx context.Context, n *nextKeys, progress func(int64, int64)) error {
	path := filepath.Join(v.dir, n.dbName)
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	if err := os.Mkdir(path, dirPerm); err != nil {
		return fmt.Errorf("failed to create the new database: %w", err)
	}
	db, err := openBadger(path, deriveKey(n.master, n.header.ID, labelBadger))
	if err != nil {
		return err
	}
	wb := db.NewWriteBatch()
	err = v.resealInto(ctx, n, wb, progress)
	if err == nil {
		err = wb.Flush()
	} else {
		wb.Cancel()
	}
	if cerr := db.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("failed to close the new database: %w", cerr)
	}
	if err == nil {
		err = syncDir(path)
	}
	return err
}

func (v *Vault) resealInto(ctx context.Context, n *nextKeys, wb *badger.WriteBatch, progress func(int64, int64)) error {
	newVault := &Vault{recordKey: n.recordKey}
	k := deriveKey(n.master, n.header.ID, labelStateHash)
	hasher := newStateHasher(k)
	clear(k)
	s := vaultState{N: v.state.N + 1}
	total, done := int64(v.state.Count), int64(0)
	err := v.db.View(func(txn *badger.Txn) error {
		r := &Reader{v: v, txn: txn}
		return r.scanBadger("", func(bkey string, value Value) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if bkey == keyState || strings.HasPrefix(bkey, spaceStaging) {
				return nil
			}
			plain, err := value()
			if err != nil {
				return fmt.Errorf("a record cannot be opened, so the keys cannot be renewed (verify the vault, or restore a backup): %w", err)
			}
			sealed := newVault.seal(bkey, plain)
			clear(plain)
			if inState(bkey) {
				s.add(hasher.elem(bkey, sealed))
				done++
				if progress != nil {
					progress(min(done, total), total)
				}
			}
			return wb.Set([]byte(bkey), sealed)
		})
	})
	if err != nil {
		return err
	}
	n.state = s
	return wb.Set([]byte(keyState), newVault.seal(keyState, s.marshal()))
}

// switchKeys makes the vault use the new keys and database once the new
// header is in place, and removes the old database.
func (v *Vault) switchKeys(n *nextKeys) error {
	old := v.dbName
	if err := v.db.Close(); err != nil {
		v.db = nil
		return fmt.Errorf("failed to close the old database: %w", err)
	}
	v.db = nil
	clear(v.master)
	clear(v.recordKey)
	v.master, v.recordKey = n.master, n.recordKey
	n.master, n.recordKey = nil, nil
	v.header, v.state, v.dbName = n.header, n.state, n.dbName
	v.hasher = v.stateHasher()
	db, err := openBadger(filepath.Join(v.dir, v.dbName), deriveKey(v.master, v.header.ID, labelBadger))
	if err != nil {
		return err
	}
	v.db = db
	if crashPoint("rotate:switched") {
		return nil
	}
	os.RemoveAll(filepath.Join(v.dir, old))
	syncDir(v.dir)
	return nil
}
