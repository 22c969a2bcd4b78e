package vault

import (
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"filippo.io/age"
	"github.com/dgraph-io/badger/v4"
	"github.com/gofrs/flock"

	"github.com/temoin-app/temoin/internal/owneronly"
)

// Vault is an unlocked vault. All its methods are safe for concurrent use.
// After Lock, every method returns ErrLocked.
type Vault struct {
	dir    string
	header *Header
	lock   *flock.Flock

	// mu guards the fields below against Lock: operations hold it for
	// reading, Lock holds it for writing.
	mu        sync.RWMutex
	closed    atomic.Bool
	db        *badger.DB
	master    []byte
	recordKey []byte
	blobID    *age.X25519Identity

	writeMu sync.Mutex   // one writer at a time
	applyMu sync.RWMutex // readers wait while a large transaction is applied

	pendingMu sync.Mutex
	pending   map[string]bool // blobs written but not yet committed
}

// Options are the choices made when a vault is created.
type Options struct {
	// KDF defaults to DefaultKDF.
	KDF KDFParams
}

// Paths inside the vault folder.
const (
	lockName  = "vault.lock"
	dbDirName = "db"
	blobsDir  = "blobs"
)

// Exists reports whether dir holds a vault.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, headerName))
	return err == nil
}

// Create makes a new vault in dir (created if missing; it must not already
// hold a vault) and returns it unlocked with its recovery code. Show the
// recovery code to the person once: it is stored nowhere in clear.
func Create(dir string, passphrase []byte, opts *Options) (*Vault, string, error) {
	restrictUmask()
	if len(passphrase) == 0 {
		return nil, "", errors.New("the passphrase is empty")
	}
	kdf := DefaultKDF
	if opts != nil && opts.KDF != (KDFParams{}) {
		kdf = opts.KDF
	}
	if err := kdf.validate(); err != nil {
		return nil, "", err
	}
	if Exists(dir) {
		return nil, "", fmt.Errorf("%w: %s", ErrExists, dir)
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return nil, "", fmt.Errorf("failed to create the vault folder: %w", err)
	}
	if err := owneronly.Folder(dir); err != nil {
		return nil, "", fmt.Errorf("failed to restrict the vault folder: %w", err)
	}
	if leftovers, _ := os.ReadDir(dir); len(leftovers) > 0 {
		if !onlyVaultLeftovers(leftovers) {
			return nil, "", fmt.Errorf("the folder %s is not empty: choose an empty folder for a new vault", dir)
		}
		// A creation interrupted before the header was written: start over.
		for _, e := range leftovers {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, "", err
	}
	master := make([]byte, masterKeySize)
	idBytes := make([]byte, 16)
	if _, err := rand.Read(master); err != nil {
		lk.Unlock()
		return nil, "", fmt.Errorf("failed to draw the master key: %w", err)
	}
	if _, err := rand.Read(idBytes); err != nil {
		lk.Unlock()
		return nil, "", fmt.Errorf("failed to draw the vault id: %w", err)
	}
	code, err := newRecoveryCode()
	if err != nil {
		lk.Unlock()
		return nil, "", err
	}
	h := &Header{
		Format:  formatName,
		Version: formatVersion,
		ID:      hex.EncodeToString(idBytes),
		Created: time.Now().UTC().Truncate(time.Second),
		KDF:     kdf,
	}
	normCode, _ := NormalizeRecoveryCode(code)
	if h.Passphrase, err = wrapKey(kdf, passphrase, master, h.wrapAD("passphrase")); err != nil {
		lk.Unlock()
		return nil, "", err
	}
	if h.Recovery, err = wrapKey(kdf, []byte(normCode), master, h.wrapAD("recovery")); err != nil {
		lk.Unlock()
		return nil, "", err
	}
	h.MAC = headerMAC(master, h)

	// Open the database and store the blob identity before the header
	// exists: a crash before the header is written leaves no vault, only
	// leftovers that the next Create clears.
	v, err := open(dir, h, master, lk, true)
	if err != nil {
		return nil, "", err
	}
	data, err := h.Marshal()
	if err == nil {
		err = writeFileAtomic(filepath.Join(dir, headerName), data)
	}
	if err != nil {
		v.Lock()
		return nil, "", fmt.Errorf("failed to write the vault header: %w", err)
	}
	return v, code, nil
}

func onlyVaultLeftovers(entries []fs.DirEntry) bool {
	for _, e := range entries {
		switch n := e.Name(); {
		case n == lockName, n == dbDirName, n == blobsDir, strings.HasPrefix(n, "."+headerName+".tmp-"):
		default:
			return false
		}
	}
	return true
}

// Open unlocks the vault in dir with its passphrase.
func Open(dir string, passphrase []byte) (*Vault, error) {
	return openWith(dir, func(h *Header) ([]byte, error) {
		m, ok := unwrapKey(h.KDF, passphrase, h.Passphrase, h.wrapAD("passphrase"))
		if !ok {
			return nil, ErrWrongPassphrase
		}
		return m, nil
	})
}

// OpenWithRecoveryCode unlocks the vault with its recovery code, as typed
// by the person (spaces, dashes and case do not matter). Call
// ChangePassphrase next: that is what a forgotten passphrase calls for.
func OpenWithRecoveryCode(dir, code string) (*Vault, error) {
	norm, ok := NormalizeRecoveryCode(code)
	if !ok {
		return nil, fmt.Errorf("%w: a recovery code has %d letters and digits", ErrWrongRecoveryCode, recoveryLength)
	}
	return openWith(dir, func(h *Header) ([]byte, error) {
		m, ok := unwrapKey(h.KDF, []byte(norm), h.Recovery, h.wrapAD("recovery"))
		if !ok {
			return nil, ErrWrongRecoveryCode
		}
		return m, nil
	})
}

// ReadHeader returns the header of the vault in dir without unlocking it.
func ReadHeader(dir string) (*Header, error) {
	data, err := os.ReadFile(filepath.Join(dir, headerName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("failed to read the vault header: %w", err)
	}
	return ParseHeader(data)
}

func openWith(dir string, unwrap func(*Header) ([]byte, error)) (*Vault, error) {
	restrictUmask()
	if !Exists(dir) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, dir)
	}
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	h, err := ReadHeader(dir)
	if err != nil {
		lk.Unlock()
		return nil, err
	}
	master, err := unwrap(h)
	if err != nil {
		lk.Unlock()
		return nil, err
	}
	if !hmac.Equal(headerMAC(master, h), h.MAC) {
		wipe(master)
		lk.Unlock()
		return nil, corrupt(headerName, errors.New("the header was changed without the vault's key"))
	}
	removeStaleTemps(dir)
	return open(dir, h, master, lk, false)
}

// open finishes unlocking once the master key is known. It takes ownership
// of master and lk: on error both are released.
func open(dir string, h *Header, master []byte, lk *flock.Flock, create bool) (*Vault, error) {
	v := &Vault{
		dir:       dir,
		header:    h,
		lock:      lk,
		master:    master,
		recordKey: deriveKey(master, h.ID, labelRecords),
		pending:   make(map[string]bool),
	}
	fail := func(err error) (*Vault, error) {
		v.release()
		return nil, err
	}
	for _, sub := range []string{dbDirName, blobsDir} {
		if err := os.MkdirAll(filepath.Join(dir, sub), dirPerm); err != nil {
			return fail(fmt.Errorf("failed to create %s: %w", sub, err))
		}
	}
	db, err := openBadger(filepath.Join(dir, dbDirName), deriveKey(master, h.ID, labelBadger))
	if err != nil {
		return fail(err)
	}
	v.db = db
	if create {
		err = v.initBlobIdentity()
	} else {
		err = v.loadBlobIdentity()
	}
	if err != nil {
		return fail(err)
	}
	if err := v.recoverStaged(); err != nil {
		return fail(err)
	}
	if err := v.sweepOrphanBlobs(); err != nil {
		return fail(err)
	}
	return v, nil
}

func acquireLock(dir string) (*flock.Flock, error) {
	lk := flock.New(filepath.Join(dir, lockName), flock.SetPermissions(filePerm))
	ok, err := lk.TryLock()
	if err != nil {
		return nil, fmt.Errorf("failed to lock the vault: %w", err)
	}
	if !ok {
		return nil, ErrAlreadyOpen
	}
	return lk, nil
}

func (h *Header) wrapAD(purpose string) string {
	return "temoin/v1/wrap/" + purpose + "/" + h.ID
}

// Dir is the vault's folder.
func (v *Vault) Dir() string { return v.dir }

// Format prints a vault as its folder only, whatever the verb: fmt would
// otherwise print the fields of a *Vault given to %v, %+v, %#v or %d,
// the master key's bytes among them, into a log or an error message.
func (v *Vault) Format(f fmt.State, verb rune) { fmt.Fprintf(f, "vault(%s)", v.dir) }

// String is the vault's folder (see Format).
func (v *Vault) String() string { return fmt.Sprintf("vault(%s)", v.dir) }

// ID is the vault's random identifier (not secret).
func (v *Vault) ID() string { return v.header.ID }

// Created is when the vault was created.
func (v *Vault) Created() time.Time { return v.header.Created }

// Lock closes the database, overwrites the key material the vault owns and
// releases the folder for other programs. Lock can be called more than once.
func (v *Vault) Lock() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed.Load() {
		return nil
	}
	return v.release()
}

// release is Lock without the mutex; mu must be held or v unpublished.
func (v *Vault) release() error {
	v.closed.Store(true)
	var err error
	if v.db != nil {
		v.db.RunValueLogGC(0.5)
		err = v.db.Close()
		v.db = nil
	}
	wipe(v.master)
	wipe(v.recordKey)
	v.master, v.recordKey, v.blobID = nil, nil, nil
	if v.lock != nil {
		v.lock.Unlock()
	}
	if err != nil {
		return fmt.Errorf("failed to close the database: %w", err)
	}
	return nil
}

// Locked reports whether Lock was called.
func (v *Vault) Locked() bool { return v.closed.Load() }

// acquire takes the vault for an operation, or says it is locked. The
// caller must call v.mu.RUnlock when done.
func (v *Vault) acquire() error {
	v.mu.RLock()
	if v.closed.Load() {
		v.mu.RUnlock()
		return ErrLocked
	}
	return nil
}

// ChangePassphrase wraps the master key under a new passphrase. Only the
// header changes, atomically: a crash at any moment leaves a vault that
// opens with the old passphrase or with the new one. The recovery code
// stays valid.
func (v *Vault) ChangePassphrase(newPassphrase []byte) error {
	if len(newPassphrase) == 0 {
		return errors.New("the new passphrase is empty")
	}
	return v.rewriteHeader(func(h *Header) error {
		w, err := wrapKey(h.KDF, newPassphrase, v.master, h.wrapAD("passphrase"))
		h.Passphrase = w
		return err
	})
}

// IsPassphrase reports whether p is the vault's current passphrase. It
// costs one key derivation; use it to refuse the vault's passphrase where
// another secret is asked for (the passphrase of a bundle sent to someone).
func (v *Vault) IsPassphrase(p []byte) (bool, error) {
	if err := v.acquire(); err != nil {
		return false, err
	}
	h := v.header
	v.mu.RUnlock()
	master, ok := unwrapKey(h.KDF, p, h.Passphrase, h.wrapAD("passphrase"))
	wipe(master)
	return ok, nil
}

// NewRecoveryCode replaces the recovery code; the old one stops working.
func (v *Vault) NewRecoveryCode() (string, error) {
	code, err := newRecoveryCode()
	if err != nil {
		return "", err
	}
	norm, _ := NormalizeRecoveryCode(code)
	err = v.rewriteHeader(func(h *Header) error {
		w, err := wrapKey(h.KDF, []byte(norm), v.master, h.wrapAD("recovery"))
		h.Recovery = w
		return err
	})
	if err != nil {
		return "", err
	}
	return code, nil
}

func (v *Vault) rewriteHeader(change func(*Header) error) error {
	if err := v.acquire(); err != nil {
		return err
	}
	defer v.mu.RUnlock()
	v.writeMu.Lock()
	defer v.writeMu.Unlock()
	h := *v.header
	if err := change(&h); err != nil {
		return err
	}
	h.MAC = headerMAC(v.master, &h)
	data, err := h.Marshal()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(v.dir, headerName), data); err != nil {
		return fmt.Errorf("failed to write the new header: %w", err)
	}
	v.header = &h
	return nil
}
