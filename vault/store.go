package vault

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
	"golang.org/x/crypto/chacha20poly1305"
)

// Badger key spaces. The names callers give are put under one of them.
const (
	spaceRecords   = "r/" // hash-chained journal records
	spaceUnchained = "u/" // drafts, settings, lists: not in the chain
	spaceChain     = "c/" // chain events, by sequence number
	spaceBlobs     = "b/" // blob descriptions (size, hash)
	spaceStaging   = "x/" // large transactions being committed
	keyChainHead   = "m/head"
	keyBlobIdent   = "m/blob-identity"
)

// The database's folder. A vault's first database is "db"; each renewal of
// the keys (rotate.go) writes a new one, "db-" followed by 16 hex digits
// derived from the new master key, and the header's replacement is what
// makes it the vault's. At open, the folder of the master key is used if
// it exists, else "db"; once the vault is open and checked, the others
// are what an interrupted renewal left, and they are removed.
const labelDBName = "temoin/v2/database-folder"

func dbDirFor(master []byte, vaultID string) string {
	k := deriveKey(master, vaultID, labelDBName)
	defer clear(k)
	return dbDirName + "-" + hex.EncodeToString(k[:8])
}

func pickDatabase(dir string, master []byte, vaultID string) string {
	if name := dbDirFor(master, vaultID); fileExists(filepath.Join(dir, name)) {
		return name
	}
	return dbDirName
}

func isDBDirName(name string) bool {
	return name == dbDirName || strings.HasPrefix(name, dbDirName+"-") && len(name) == len(dbDirName)+17
}

// removeStaleDatabases removes the database folders other than the one in
// use.
func removeStaleDatabases(dir, inUse string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && isDBDirName(e.Name()) && e.Name() != inUse {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}

// openBadger checks and opens the database in dir with key, which it
// clears. It returns a *CorruptError for damage, ErrNoAccess or
// ErrDatabaseSettings otherwise (see openRefused).
func openBadger(dir string, key []byte) (*badger.DB, error) {
	defer clear(key) // Badger keeps its own copy
	removeEmptyLogs(dir)
	if err := checkDatabase(dir, key); err != nil {
		if accessRefused(err) {
			return nil, fmt.Errorf("%w: %v", ErrNoAccess, err)
		}
		return nil, err
	}
	return openBadgerWith(badgerOptions(dir, key))
}

// badgerOptions are the options of a vault's database in dir.
func badgerOptions(dir string, key []byte) badger.Options {
	// Badger's sizes are tuned for a journal, not a server (issue 15: a
	// teacher's 4 GB laptop). A journal of 10,000 incidents is about
	// 20 MiB of tables; what each choice costs:
	//  - no compression: every value is sealed (random bytes), Snappy
	//    found nothing to compress and cost a buffer per block read;
	//  - memtables of 8 MiB (Badger: 64), two at most: each is an arena
	//    of about 10.5 MiB, touched only as it fills, and its flush a
	//    table builder of about twice its size. 16 MiB cost 35 MiB more
	//    at the peak of a large import. (While large transactions were
	//    staged in Badger, dropping a table could bring back a staged
	//    transaction depending on the tables' boundaries; the staging
	//    file, staging.go, ended that.);
	//  - level 0 compacted only once it holds five tables or more
	//    (compactLevel0At, vault.go), not at every close;
	//  - a block cache of 1 MiB and an index cache of 8 MiB: the checks
	//    at open read the whole database once anyway, and the journal
	//    keeps what it lists in its own index (app/index.go); a read
	//    outside the caches decrypts its block again (microseconds). A
	//    block cache of 4 MiB held 3 MB more in the GUI after an unlock
	//    (Badger needs one when the tables are encrypted);
	//  - two compactors (Badger: 4, the least it accepts above 0): each
	//    builds tables in buffers of twice the table size;
	//  - value log files of 64 MiB: values above 1 MiB only (none today);
	//  - no lock of Badger's own on its folder: the vault's lock
	//    (vault.lock, acquireLock), taken before any database of the vault
	//    is opened, is the one guard. Badger releases its lock by closing
	//    its descriptor, so a program started by this process at that
	//    moment, which holds a copy of every descriptor until it execs,
	//    kept the database locked after the vault was; flock.Unlock
	//    releases the vault's lock itself, whatever copies live.
	return badger.DefaultOptions(dir).
		WithEncryptionKey(key).
		WithCompression(options.None).
		WithIndexCacheSize(8 << 20).
		WithBlockCacheSize(1 << 20).
		WithMemTableSize(8 << 20).
		WithNumMemtables(2).
		WithNumCompactors(2).
		WithValueLogFileSize(64 << 20).
		WithNumVersionsToKeep(1).
		WithSyncWrites(true).
		WithChecksumVerificationMode(options.OnBlockRead). // a damaged block is an error, not a panic
		WithDetectConflicts(false).
		WithCompactL0OnClose(false).
		WithMetricsEnabled(false).
		WithBypassLockGuard(true).
		WithLogger(nil)
}

// openBadgerWith opens a database with opts, and says what a refusal
// was: see openRefused.
func openBadgerWith(opts badger.Options) (*badger.DB, error) {
	db, err := badger.Open(opts)
	if err != nil {
		return nil, openRefused(opts, err)
	}
	return db, nil
}

// openRefused names what made badger.Open refuse a database with opts:
// the system's refusal to let Témoin use a file of the folder (ErrNoAccess:
// its permissions, a read-only disk, a file another program holds),
// options Badger refuses whatever the files hold (ErrDatabaseSettings: a
// fault of this program), or else damage (*CorruptError). A person told
// that the journal is damaged may restore an older backup over it: only
// damage is named so.
func openRefused(opts badger.Options, err error) error {
	switch {
	case errors.Is(err, badger.ErrEncryptionKeyMismatch):
		return corrupt("database", errors.New("its key does not match the header"))
	case accessRefused(err):
		return fmt.Errorf("%w: %v", ErrNoAccess, err)
	case optionsRefused(opts):
		return fmt.Errorf("%w: %v", ErrDatabaseSettings, err)
	}
	return corrupt("database", err)
}

// optionsRefused reports whether Badger refuses opts without reading a
// file: the same options, for a database held in memory. It runs only
// after an open failed.
func optionsRefused(opts badger.Options) bool {
	db, err := badger.Open(opts.WithDir("").WithValueDir("").WithInMemory(true))
	if err != nil {
		return true
	}
	db.Close()
	return false
}

// accessRefused reports an error of the system refusing a file to this
// process, whatever the file holds.
func accessRefused(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) || heldByAnotherProgram(err)
}

// seal encrypts a value for a Badger key. The key is the associated data:
// a value copied under another key does not open.
func (v *Vault) seal(bkey string, plain []byte) []byte {
	aead, _ := chacha20poly1305.NewX(v.recordKey)
	out := make([]byte, nonceSize, nonceSize+len(plain)+tagSize)
	if _, err := rand.Read(out); err != nil {
		panic("crypto/rand failed: " + err.Error()) // the OS has no entropy left: nothing sane to do
	}
	return aead.Seal(out, out, plain, sealAD(bkey))
}

// sealer seals values as Vault.seal does, each into the buffer of the
// one before: a value it returns is valid until the next call.
type sealer struct {
	aead cipher.AEAD
	ad   []byte
	out  []byte
}

func (v *Vault) newSealer() *sealer {
	aead, _ := chacha20poly1305.NewX(v.recordKey)
	return &sealer{aead: aead}
}

func (s *sealer) seal(bkey string, plain []byte) []byte {
	s.ad = append(append(s.ad[:0], sealADPrefix...), bkey...)
	s.out = append(s.out[:0], make([]byte, nonceSize)...)
	if _, err := rand.Read(s.out); err != nil {
		panic("crypto/rand failed: " + err.Error()) // as Vault.seal
	}
	s.out = s.aead.Seal(s.out, s.out, plain, s.ad)
	return s.out
}

// unseal opens a sealed value; damage is reported as a *CorruptError that
// names the record.
func (v *Vault) unseal(bkey string, sealed []byte) ([]byte, error) {
	aead, _ := chacha20poly1305.NewX(v.recordKey)
	return unsealInto(aead, nil, sealAD(bkey), bkey, sealed)
}

// unsealInto is unseal with the records' cipher already made, opening
// the value into dst's memory when its capacity is enough, with ad,
// sealAD(bkey), already made.
func unsealInto(aead cipher.AEAD, dst, ad []byte, bkey string, sealed []byte) ([]byte, error) {
	if len(sealed) < nonceSize+tagSize {
		return nil, corrupt("record "+bkey, errors.New("too short"))
	}
	plain, err := aead.Open(dst[:0], sealed[:nonceSize], sealed[nonceSize:], ad)
	if err != nil {
		return nil, corrupt("record "+bkey, errors.New("authentication failed"))
	}
	return plain, nil
}

// sealADPrefix begins the associated data of every sealed value.
const sealADPrefix = "temoin/v1/record\x00"

func sealAD(bkey string) []byte { return []byte(sealADPrefix + bkey) }

// getSealed reads and opens one Badger key inside txn.
func (v *Vault) getSealed(txn *badger.Txn, bkey string) ([]byte, error) {
	item, err := txn.Get([]byte(bkey))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNoRecord
	}
	if err != nil {
		return nil, corrupt("record "+bkey, err)
	}
	sealed, err := item.ValueCopy(nil)
	if err != nil {
		return nil, corrupt("record "+bkey, err)
	}
	return v.unseal(bkey, sealed)
}

// Reader reads records from a consistent snapshot of the vault.
type Reader struct {
	v   *Vault
	txn *badger.Txn
	tx  *Tx // when reading inside Update: sees the transaction's writes
}

// View calls fn with a read-only snapshot.
func (v *Vault) View(fn func(r *Reader) error) error {
	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	v.applyMu.RLock()
	defer v.applyMu.RUnlock()
	txn := v.db.NewTransaction(false)
	defer txn.Discard()
	return fn(&Reader{v: v, txn: txn})
}

// Get returns the value of a journal record, or ErrNoRecord.
func (r *Reader) Get(key string) ([]byte, error) { return r.get(spaceRecords + key) }

// GetUnchained returns the value of an unchained record, or ErrNoRecord.
func (r *Reader) GetUnchained(key string) ([]byte, error) { return r.get(spaceUnchained + key) }

func (r *Reader) get(bkey string) ([]byte, error) {
	if r.tx != nil {
		if w, ok := r.tx.writes[bkey]; ok {
			if w.deleted {
				return nil, ErrNoRecord
			}
			return bytes.Clone(w.plain), nil
		}
	}
	return r.v.getSealed(r.txn, bkey)
}

// Value loads the value of the item a Scan is visiting.
type Value func() ([]byte, error)

// Scan visits the journal records whose key starts with prefix, in key
// order. The value is read only if fn calls it. Stop early by returning
// ErrStop.
func (r *Reader) Scan(prefix string, fn func(key string, value Value) error) error {
	return r.scan(spaceRecords, prefix, fn)
}

// ScanUnchained is Scan for unchained records.
func (r *Reader) ScanUnchained(prefix string, fn func(key string, value Value) error) error {
	return r.scan(spaceUnchained, prefix, fn)
}

// ErrStop ends a Scan early without error.
var ErrStop = errors.New("stop scanning")

func (r *Reader) scan(space, prefix string, fn func(string, Value) error) error {
	if r.tx != nil && r.tx.hasWritesUnder(space+prefix) {
		return r.tx.scanMerged(r, space, prefix, fn)
	}
	err := r.scanBadger(space+prefix, func(bkey string, value Value) error {
		return fn(strings.TrimPrefix(bkey, space), value)
	})
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

// scanBadger visits Badger keys under a full prefix.
func (r *Reader) scanBadger(full string, fn func(bkey string, value Value) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = []byte(full)
	it := r.txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		bkey := string(item.KeyCopy(nil))
		value := func() (plain []byte, err error) {
			// Opened where Badger holds it: the sealed value is not
			// copied first, only the plain one is made (a journal's
			// scan reads every record).
			verr := item.Value(func(sealed []byte) error {
				plain, err = r.v.unseal(bkey, sealed)
				return nil
			})
			if verr != nil {
				return nil, corrupt("record "+bkey, verr)
			}
			return plain, err
		}
		if err := fn(bkey, value); err != nil {
			return err
		}
	}
	return nil
}
