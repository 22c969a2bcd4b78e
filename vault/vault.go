package vault

import (
	"crypto/cipher"
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

	"github.com/temoin-app/temoin/internal/membudget"
	"github.com/temoin-app/temoin/internal/owneronly"
)

// Vault is an unlocked vault. All its methods are safe for concurrent use.
// After Lock, every method returns ErrLocked.
type Vault struct {
	dir    string
	header *Header
	lock   *flock.Flock

	// mu guards the fields below against Lock: operations hold it for
	// reading, Lock and RotateKeys hold it for writing.
	mu        sync.RWMutex
	closed    atomic.Bool
	db        *badger.DB
	dbName    string // the database's folder in the vault folder
	master    []byte
	recordKey []byte

	writeMu sync.Mutex   // one writer at a time; guards the fields below
	applyMu sync.RWMutex // readers wait while a large transaction is applied
	state   vaultState   // the database's authenticated state (state.go)
	chain   ChainHead    // the chain's head, as committed
	hasher  *stateHasher
	broken  error // set when a write was made durable but not applied: reopen

	// configWitness is the copy of the witness outside the vault folder
	// ("" when there is none), headerCopies the headers it keeps a copy of
	// (headercopy.go). Both change under writeMu.
	configWitness string
	headerCopies  [][]byte

	pendingMu sync.Mutex
	pending   map[string][]byte // blobs written but not yet kept → their file key

	legacyBlobs *age.X25519Identity // format 1: the identity blobs were encrypted to

	warnMu   sync.Mutex
	warnings []Warning
}

// Options are the choices made when a vault is created or opened.
type Options struct {
	// KDF defaults to CalibrateKDF's: DefaultKDF with as many passes as
	// take about KDFTarget on this computer (Create only).
	KDF KDFParams
	// WitnessDir is the folder, outside the vault, where the vault keeps a
	// copy of its witness and of its header (witness.go, headercopy.go).
	// Empty: the folder "temoin/witness" of the user's configuration folder
	// (os.UserConfigDir). Tests give a temporary folder.
	WitnessDir string
	// AcceptIntegrityLoss opens a vault whose checks at open failed with an
	// *IntegrityError (records removed outside Témoin, a history cut): the
	// person saw what was found and chose to go on with what is left. The
	// history records it (event "integrity_loss_accepted"), the checks start
	// again from the vault as it is, and Warnings lists what was found.
	AcceptIntegrityLoss bool
	// Preload, when set, is given the journal's records under its prefix
	// during the check every open makes of the whole database (state.go):
	// the journal loads in that pass instead of reading the same tables
	// once more.
	Preload *Preload
}

// Preload asks an open to hand the records under Prefix (a prefix of
// Reader.Scan's keys) to Fn, in key order, as the check at open reads
// them. Fn sees the records of the very snapshot the check then finds
// intact; when the open fails, what Fn was given must be dropped. Fn is
// called on a goroutine of the open's own (the check reads the rest of
// the database on another meanwhile), one record after the other; a
// Value is valid until Fn returns.
type Preload struct {
	Prefix string
	Fn     func(key string, value Value) error
	// Buffer, when set, gives the slice a Value opens its record into
	// (its capacity n at least; its length is ignored) instead of a new
	// one: Fn's caller uses its buffers again once done with a record.
	// Buffer is called on Fn's goroutine.
	Buffer func(n int) []byte
	// Sealed, when set, is given the records instead of Fn, still
	// sealed: each copied as stored into a slice from Buffer, and opened
	// only when its Open is called, on any goroutine, after Sealed
	// returned too. A record never opened costs a copy: an incident's
	// superseded revisions, which an unlock does not read. The check at
	// open covers every record all the same (its sum is over the records
	// as stored: TestSealedRecordsNotOpenedAreChecked).
	Sealed func(rec SealedRecord) error
	// Done is set when the open succeeded and Fn was given every record
	// under Prefix without an error. It stays false when the open made no
	// such check (a new vault, an integrity loss accepted) or Fn returned
	// an error (the pass goes on without it: the check says what it
	// finds, as without a preload): the caller then reads the records
	// itself.
	Done bool
}

// SealedRecord is a record handed over still sealed (Preload.Sealed).
type SealedRecord struct {
	buf   []byte // associated data, then the record as stored
	adLen int
	aead  cipher.AEAD
}

// Key is the record's key, as Reader.Scan names it.
func (r SealedRecord) Key() string {
	return string(r.buf[len(sealADPrefix)+len(spaceRecords) : r.adLen])
}

// Buffer is the slice the record was copied into (from Preload.Buffer),
// to be used again once the record and what Open returned are done with.
func (r SealedRecord) Buffer() []byte { return r.buf }

// Open opens the record in place: the plain text it returns lies in
// Buffer. Call it once.
func (r SealedRecord) Open() ([]byte, error) {
	sealed := r.buf[r.adLen:]
	if len(sealed) < nonceSize+tagSize {
		return nil, corrupt("record "+string(r.buf[len(sealADPrefix):r.adLen]), errors.New("too short"))
	}
	// The plain text takes the cipher text's place.
	ct := sealed[nonceSize:]
	plain, err := r.aead.Open(ct[:0], sealed[:nonceSize], ct, r.buf[:r.adLen])
	if err != nil {
		return nil, corrupt("record "+string(r.buf[len(sealADPrefix):r.adLen]), errors.New("authentication failed"))
	}
	return plain, nil
}

func (o *Options) witnessDir() string {
	if o != nil && o.WitnessDir != "" {
		return o.WitnessDir
	}
	return defaultWitnessDir()
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
	var kdf KDFParams
	if opts != nil && opts.KDF != (KDFParams{}) {
		kdf = opts.KDF
	} else {
		kdf = CalibrateKDF()
	}
	if err := kdf.validate(); err != nil {
		return nil, "", err
	}
	if err := prepareNewVaultDir(dir); err != nil {
		return nil, "", err
	}
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, "", err
	}
	h, master, code, err := newHeader(kdf, passphrase)
	if err != nil {
		lk.Unlock()
		return nil, "", err
	}
	data, err := h.Marshal()
	if err != nil {
		lk.Unlock()
		return nil, "", err
	}
	// Open the database and store the first state before the header
	// exists: a crash before the header is written leaves no vault, only
	// leftovers that the next Create clears.
	v, err := open(dir, h, data, master, lk, openConfig{create: true, witnessDir: opts.witnessDir()})
	if err != nil {
		return nil, "", err
	}
	if err := writeFileAtomic(filepath.Join(dir, headerName), data); err != nil {
		v.Lock()
		return nil, "", fmt.Errorf("failed to write the vault header: %w", err)
	}
	v.witnessState(v.state, ChainHead{ID: GenesisID})
	return v, code, nil
}

// prepareNewVaultDir makes dir, restricted to its owner, empty but for
// what an interrupted Create left.
func prepareNewVaultDir(dir string) error {
	if Exists(dir) {
		return fmt.Errorf("%w: %s", ErrExists, dir)
	}
	if err := os.MkdirAll(dir, dirPerm); err != nil {
		return fmt.Errorf("failed to create the vault folder: %w", err)
	}
	if err := owneronly.Folder(dir); err != nil {
		return fmt.Errorf("failed to restrict the vault folder: %w", err)
	}
	if leftovers, _ := os.ReadDir(dir); len(leftovers) > 0 {
		if !onlyVaultLeftovers(leftovers) {
			return fmt.Errorf("the folder %s is not empty: choose an empty folder for a new vault", dir)
		}
		// A creation interrupted before the header was written: start over.
		for _, e := range leftovers {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

// newHeader draws a master key, a vault id and a recovery code, and
// returns the header that wraps the master key under the passphrase and
// the code.
func newHeader(kdf KDFParams, passphrase []byte) (*Header, []byte, string, error) {
	master := make([]byte, masterKeySize)
	idBytes := make([]byte, 16)
	if _, err := rand.Read(master); err != nil {
		return nil, nil, "", fmt.Errorf("failed to draw the master key: %w", err)
	}
	if _, err := rand.Read(idBytes); err != nil {
		return nil, nil, "", fmt.Errorf("failed to draw the vault id: %w", err)
	}
	h := &Header{
		Format:  formatName,
		Version: formatVersion,
		ID:      hex.EncodeToString(idBytes),
		Created: time.Now().UTC().Truncate(time.Second),
		KDF:     kdf,
	}
	code, err := h.wrapAll(master, passphrase)
	if err != nil {
		return nil, nil, "", err
	}
	return h, master, code, nil
}

// wrapAll wraps master under passphrase and under a new recovery code,
// which it returns, and sets the header's MAC.
func (h *Header) wrapAll(master, passphrase []byte) (string, error) {
	code, err := newRecoveryCode()
	if err != nil {
		return "", err
	}
	normCode, _ := NormalizeRecoveryCode(code)
	if h.Passphrase, err = wrapKey(h.KDF, passphrase, master, h.wrapAD("passphrase")); err != nil {
		return "", err
	}
	if h.Recovery, err = wrapKey(h.KDF, []byte(normCode), master, h.wrapAD("recovery")); err != nil {
		return "", err
	}
	h.MAC = headerMAC(master, h)
	return code, nil
}

func onlyVaultLeftovers(entries []fs.DirEntry) bool {
	for _, e := range entries {
		switch n := e.Name(); {
		case n == lockName, isDBDirName(n), n == blobsDir, n == witnessName, strings.HasPrefix(n, "."+headerName+".tmp-"):
		default:
			return false
		}
	}
	return true
}

// OpenWith unlocks the vault in dir with its passphrase or its recovery
// code, with options (nil: the defaults). Besides the errors of Open, it
// returns an *IntegrityError when the vault is not in a state it can vouch
// for (see integrity.go) and a *HeaderChangedError when the header was
// altered (see headercopy.go).
func OpenWith(dir string, secret Secret, opts *Options) (*Vault, error) {
	cfg := openConfig{witnessDir: opts.witnessDir()}
	if opts != nil {
		cfg.accept, cfg.preload = opts.AcceptIntegrityLoss, opts.Preload
	}
	return openWith(dir, secret.unwrap, cfg)
}

// ReadHeader returns the header of the vault in dir without unlocking it.
func ReadHeader(dir string) (*Header, error) {
	h, _, err := readHeaderFile(dir)
	return h, err
}

// readHeaderFile returns the header of the vault in dir and its bytes.
func readHeaderFile(dir string) (*Header, []byte, error) {
	data, err := readFileLimited(filepath.Join(dir, headerName), maxHeaderBytes)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("%w: %s", ErrNotFound, dir)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("failed to read the vault header: %w", err)
	}
	h, err := ParseHeader(data)
	return h, data, err
}

// openConfig is how a vault is opened.
type openConfig struct {
	create     bool   // a new vault: its database is made
	witnessDir string // "" for none (a vault being restored)
	accept     bool   // Options.AcceptIntegrityLoss
	preload    *Preload
}

func openWith(dir string, unwrap func(*Header) ([]byte, error), cfg openConfig) (*Vault, error) {
	restrictUmask()
	if !Exists(dir) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, dir)
	}
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	h, raw, err := readHeaderFile(dir)
	if err != nil {
		lk.Unlock()
		return nil, err
	}
	master, err := unwrap(h)
	if err != nil {
		err = diagnoseUnlockFailure(dir, h, raw, unwrap, err, cfg.witnessDir)
		lk.Unlock()
		return nil, err
	}
	if !hmac.Equal(headerMAC(master, h), h.MAC) {
		clear(master)
		lk.Unlock()
		return nil, corrupt(headerName, errors.New("the header was changed without the vault's key"))
	}
	removeStaleTemps(dir)
	return open(dir, h, raw, master, lk, cfg)
}

// open finishes unlocking once the master key is known: the database is
// opened (and made, for a new vault), a vault of format 1 is upgraded,
// interrupted changes are finished, and the database is checked against
// its authenticated state and the witness. It takes ownership of master
// and lk: on error both are released, and every file is closed.
func open(dir string, h *Header, raw, master []byte, lk *flock.Flock, cfg openConfig) (*Vault, error) {
	v := &Vault{
		dir:           dir,
		header:        h,
		lock:          lk,
		master:        master,
		recordKey:     deriveKey(master, h.ID, labelRecords),
		pending:       make(map[string][]byte),
		configWitness: configWitnessPath(cfg.witnessDir, dir, h.ID),
		headerCopies:  [][]byte{raw},
	}
	v.hasher = v.stateHasher()
	fail := func(err error) (*Vault, error) {
		v.release()
		return nil, err
	}
	if err := v.openDatabase(cfg.create); err != nil {
		return fail(err)
	}
	if cfg.create {
		if err := v.initState(); err != nil {
			return fail(err)
		}
		return v, nil
	}
	if err := v.recoverStaged(); err != nil {
		return fail(err)
	}
	if err := v.loadLegacyBlobIdentity(); err != nil {
		return fail(err)
	}
	if h.Version < 2 {
		if err := v.upgrade(cfg.accept); err != nil {
			return fail(err)
		}
	}
	if err := v.checkAtOpen(cfg.accept, cfg.preload); err != nil {
		return fail(err)
	}
	removeStaleDatabases(dir, v.dbName)
	if err := v.sweepOrphanBlobs(); err != nil {
		return fail(err)
	}
	return v, nil
}

// openDatabase opens the vault's Badger database; a new vault's is made.
func (v *Vault) openDatabase(create bool) error {
	v.dbName = pickDatabase(v.dir, v.master, v.header.ID)
	path := filepath.Join(v.dir, v.dbName)
	if err := os.MkdirAll(filepath.Join(v.dir, blobsDir), dirPerm); err != nil {
		return fmt.Errorf("failed to create %s: %w", blobsDir, err)
	}
	if create {
		if err := os.MkdirAll(path, dirPerm); err != nil {
			return fmt.Errorf("failed to create %s: %w", v.dbName, err)
		}
	} else if !fileExists(filepath.Join(path, "MANIFEST")) {
		if others, _ := filepath.Glob(filepath.Join(v.dir, dbDirName+"-*")); len(others) > 0 {
			// The database of a later key is here: this header is older
			// than a renewal of the keys (an old vault.json put back).
			return &IntegrityError{Kind: KeysRolledBack, Witness: "header"}
		}
		return corrupt("database", errors.New("it is missing from the vault folder"))
	}
	db, err := openBadger(path, deriveKey(v.master, v.header.ID, labelBadger))
	if err != nil {
		return err
	}
	v.db = db
	return nil
}

// initState stores the state of a new, empty database.
func (v *Vault) initState() error {
	s := vaultState{N: 1}
	if err := v.commit([]op{v.stateOp(s)}); err != nil {
		return fmt.Errorf("failed to initialise the vault: %w", err)
	}
	v.state, v.chain = s, ChainHead{ID: GenesisID}
	return nil
}

// checkAtOpen checks the database against its authenticated state and the
// witness, then records the state in both copies of the witness. The
// records pre asks for are handed to it in the same pass.
func (v *Vault) checkAtOpen(accept bool, pre *Preload) error {
	var head ChainHead
	err := v.db.View(func(txn *badger.Txn) error {
		var err error
		head, err = v.readHead(txn)
		return err
	})
	if err != nil {
		return err
	}
	s, preloaded, err := v.checkState(pre)
	if err == nil {
		found, warnings := v.compareWitnesses(s, head, v.headerCopies[len(v.headerCopies)-1])
		for _, w := range warnings {
			v.warn(w)
		}
		if found != nil {
			err = found
		}
	}
	var found *IntegrityError
	switch {
	case err == nil:
		v.state, v.chain = s, head
		v.witnessState(s, head)
		if pre != nil {
			pre.Done = preloaded
		}
		return nil
	case errors.As(err, &found) && accept:
		return v.acceptIntegrityLoss(found)
	}
	return err
}

// acceptIntegrityLoss starts the checks again from the database as it is,
// and records in the history what was found and accepted.
func (v *Vault) acceptIntegrityLoss(found *IntegrityError) error {
	var s vaultState
	err := v.db.View(func(txn *badger.Txn) error {
		var err error
		s, err = computeState(txn, v.hasher, nil)
		return err
	})
	if err != nil {
		return err
	}
	var stored uint64
	v.db.View(func(txn *badger.Txn) error {
		st, _, _ := v.readState(txn)
		stored = st.N
		return nil
	})
	s.N = max(stored, v.maxWitnessedN()) + 1
	if err := v.commit([]op{v.stateOp(s)}); err != nil {
		return err
	}
	v.state = s
	v.warn(Warning{Kind: IntegrityAccepted, Err: found})
	err = v.Update(func(tx *Tx) error {
		return tx.Log(Event{Type: "integrity_loss_accepted", Subject: found.Code()})
	})
	if err != nil {
		return fmt.Errorf("failed to record the loss in the history: %w", err)
	}
	return nil
}

// maxWitnessedN is the highest change counter either copy of the witness
// vouches for (0 when none).
func (v *Vault) maxWitnessedN() uint64 {
	var n uint64
	for _, p := range []string{filepath.Join(v.dir, witnessName), v.configWitness} {
		if w, err := readWitnessFile(p, v.header.ID); err == nil && w != nil {
			for _, e := range w.valid(v.master) {
				n = max(n, e.N)
			}
		}
	}
	return n
}

// InUse reports whether another program (another window of Témoin, the
// command line) holds the vault in dir open. It asks for no secret: the
// faces say it before asking for the passphrase.
func InUse(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, lockName)); err != nil {
		return false // never opened: nothing holds it, and nothing is created here
	}
	lk, err := acquireLock(dir)
	if err != nil {
		return errors.Is(err, ErrAlreadyOpen)
	}
	lk.Unlock()
	return false
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

// closeBudget is the memory closing the database may add to the process.
const closeBudget = 32 << 20

// compactLevel0At: the tables of Badger's level 0 are compacted into the
// level below only once there are five or more, not at every close
// (WithCompactL0OnClose): Badger's own compactor does it in the background
// of the next command that opens the database with five
// (NumLevelZeroTables), and a close that finds more than five does it
// before it closes (DB.Flatten, which compacts a level 0 that is the only
// level only above five). Compacting at every close rewrote the journal's
// tables each time anything was written, and after an import of 10,000
// rows cost about 0.2 s of processor time and 28 MiB more at the peak
// (the old tables and the new ones mapped at once). A few more tables in
// level 0 are read as fast at the next open: list --json on the journal
// an import left uncompacted, 0.97+0.15 s of CPU; compacted, 0.94+0.18 s.
const compactLevel0At = 6

// level0Tables counts the tables of Badger's level 0.
func level0Tables(db *badger.DB) int {
	n := 0
	for _, t := range db.Tables() {
		if t.Level == 0 {
			n++
		}
	}
	return n
}

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
		// Closing flushes the memtables, and compacts level 0 when it holds
		// more than five tables (compactLevel0At): tens of megabytes of garbage,
		// kept within a budget (package membudget).
		defer membudget.Hold(closeBudget)()
		v.db.RunValueLogGC(0.5)
		if level0Tables(v.db) >= compactLevel0At {
			v.db.Flatten(1) // if it fails, the tables stay as they are: a later close tries again
		}
		err = v.db.Close()
		v.db = nil
	}
	clear(v.master)
	clear(v.recordKey)
	v.master, v.recordKey, v.legacyBlobs, v.hasher = nil, nil, nil, nil
	v.pendingMu.Lock()
	for _, k := range v.pending {
		clear(k)
	}
	v.pendingMu.Unlock()
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
//
// The master key stays the same: a copy of the old header (vault.json in
// an old backup or an old copy of the folder) still opens with the old
// passphrase, and with it everything written afterwards. When someone may
// know the old passphrase, renew the keys instead (RotateKeys).
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
	clear(master)
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
	return v.writeHeader(&h)
}

// writeHeader sets h's MAC under the vault's key and makes it the
// vault's header (replaceHeader). writeMu is held.
func (v *Vault) writeHeader(h *Header) error {
	h.MAC = headerMAC(v.master, h)
	data, err := h.Marshal()
	if err != nil {
		return err
	}
	entry := newWitnessEntry(v.master, h.ID, v.state, v.chain)
	if err := v.replaceHeader(data, []witnessEntry{entry}, []witnessEntry{entry}); err != nil {
		return err
	}
	v.header = h
	return nil
}

// replaceHeader writes a new vault.json atomically. The copy outside the
// folder knows both headers while the file is replaced (with the witness
// entries during), then the new one only (with after): whatever a crash
// leaves in vault.json is a header this computer knows. writeMu is held.
func (v *Vault) replaceHeader(data []byte, during, after []witnessEntry) error {
	old := v.headerCopies
	v.headerCopies = append(append([][]byte(nil), old...), data)
	v.writeWitnesses(during)
	if err := writeFileAtomic(filepath.Join(v.dir, headerName), data); err != nil {
		// vault.json is the old header or the new one (the rename may
		// have happened before the error): the copy knows both.
		return fmt.Errorf("failed to write the new header: %w", err)
	}
	v.headerCopies = [][]byte{data}
	v.writeWitnesses(after)
	return nil
}
