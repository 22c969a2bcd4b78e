package vault

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
)

// Copies of the header. vault.json is the only part of a vault not
// encrypted with its key, and it has to be read before any secret is
// known: its checksum is not keyed. Someone who changes its Argon2id
// parameters and recomputes the checksum makes every passphrase and every
// recovery code fail, and the person would believe the journal lost. So
// copies of the header are kept where the vault folder is not:
//
//   - in the witness file of the user's configuration folder (witness.go),
//     rewritten with every header change, holding both headers while one
//     replaces the other;
//   - in every backup (its preamble).
//
// When a secret does not open vault.json, and vault.json is not a header
// this computer wrote, the secret is tried on the copies: if it opens one,
// vault.json was altered, and the open fails with a *HeaderChangedError
// that says so, instead of "wrong passphrase". RestoreHeaderFromCopy and
// RestoreHeaderFromBackup put a checked copy back.

// ErrHeaderChanged: vault.json was changed without the vault's key; the
// passphrase or recovery code typed is right (it opens a copy of the
// header). A *HeaderChangedError wraps it.
var ErrHeaderChanged = errors.New("the vault header (vault.json) was changed without the vault's key")

// ErrHeaderCopyMismatch: the copy of the header offered to
// RestoreHeaderFromCopy or RestoreHeaderFromBackup opens with the secret
// but not the vault's database (it is older than a renewal of the keys, or
// of another vault).
var ErrHeaderCopyMismatch = errors.New("this copy of the header does not open the vault's database")

// HeaderChangedError reports that vault.json is not a header this computer
// wrote for the vault.
type HeaderChangedError struct {
	// CopyOpens: the secret opens the copy kept outside the vault folder:
	// vault.json was altered, and RestoreHeaderFromCopy puts the copy back.
	// Otherwise the secret opens neither (Err is ErrWrongPassphrase or
	// ErrWrongRecoveryCode), but the header differs from the copy, which a
	// backup's copy may explain (RestoreHeaderFromBackup).
	CopyOpens bool
	Err       error
}

func (e *HeaderChangedError) Error() string {
	if e.CopyOpens {
		return ErrHeaderChanged.Error() + ": the secret opens the copy kept on this computer; put it back"
	}
	return fmt.Sprintf("%v; the vault header (vault.json) also differs from the copy kept on this computer", e.Err)
}

func (e *HeaderChangedError) Unwrap() error {
	if e.CopyOpens {
		return ErrHeaderChanged
	}
	return e.Err
}

// diagnoseUnlockFailure is called when unwrap refused vault.json (h, raw)
// with err: it tells a changed header from a wrong secret through the copy
// kept outside the folder.
func diagnoseUnlockFailure(dir string, h *Header, raw []byte, unwrap func(*Header) ([]byte, error), err error, witnessDir string) error {
	if !errors.Is(err, ErrWrongPassphrase) && !errors.Is(err, ErrWrongRecoveryCode) {
		return err
	}
	w, _ := readWitnessFile(configWitnessPath(witnessDir, dir, h.ID), h.ID)
	if w == nil || len(w.Headers) == 0 || w.holdsHeader(raw) {
		return err // a header this computer wrote (or knows nothing of)
	}
	for _, data := range w.Headers {
		_, master, ok := openHeaderCopy(data, h.ID, unwrap)
		if !ok {
			continue
		}
		// A later header made with the same key (a change made with another
		// copy of the folder) is genuine: the secret is just not its one.
		genuine := hmac.Equal(headerMAC(master, h), h.MAC)
		clear(master)
		if genuine {
			return err
		}
		return &HeaderChangedError{CopyOpens: true}
	}
	return &HeaderChangedError{Err: err}
}

// openHeaderCopy parses a copy of the header of vault id and opens it with
// unwrap; ok reports a copy that opens and whose MAC holds.
func openHeaderCopy(data []byte, id string, unwrap func(*Header) ([]byte, error)) (*Header, []byte, bool) {
	h, err := ParseHeader(data)
	if err != nil || h.ID != id {
		return nil, nil, false
	}
	master, err := unwrap(h)
	if err != nil {
		return nil, nil, false
	}
	if !hmac.Equal(headerMAC(master, h), h.MAC) {
		clear(master)
		return nil, nil, false
	}
	return h, master, true
}

// RestoreHeaderFromCopy puts back the copy of the header kept outside the
// vault folder (opts.WitnessDir), after checking that secret opens it and
// that its key opens the vault's database. Use it when an open failed with
// a *HeaderChangedError whose CopyOpens is true.
func RestoreHeaderFromCopy(dir string, secret Secret, opts *Options) error {
	h, err := ReadHeader(dir)
	if err != nil {
		return fmt.Errorf("the vault header cannot be read to find the vault's copy: %w", err)
	}
	id := h.ID
	w, err := readWitnessFile(configWitnessPath(opts.witnessDir(), dir, id), id)
	if err != nil || w == nil || len(w.Headers) == 0 {
		return fmt.Errorf("%w: no copy of the header is kept on this computer", ErrNotFound)
	}
	copies := make([][]byte, len(w.Headers))
	for i, c := range w.Headers {
		copies[i] = c
	}
	return restoreHeader(dir, id, copies, secret)
}

// RestoreHeaderFromBackup puts back the copy of the header that a backup
// of the vault holds, after checking that secret opens it and that its key
// opens the vault's database (a backup made before the keys were renewed
// does not). The secret is the one in force when the backup was made.
func RestoreHeaderFromBackup(dir, backupPath string, secret Secret) error {
	f, size, err := openForReading(backupPath)
	if err != nil {
		return err
	}
	defer f.Close()
	c, err := openBackupContainer(f, size)
	if err != nil {
		return err
	}
	return restoreHeader(dir, c.header.ID, [][]byte{c.headerRaw}, secret)
}

// restoreHeader writes the first of copies that opens with secret and
// opens the database of the vault in dir as vault.json.
func restoreHeader(dir, id string, copies [][]byte, secret Secret) error {
	lk, err := acquireLock(dir)
	if err != nil {
		return err
	}
	defer lk.Unlock()
	if h, err := ReadHeader(dir); err == nil && h.ID != id {
		return fmt.Errorf("%w: it is the header of another vault", ErrHeaderCopyMismatch)
	}
	opened := false
	for _, data := range copies {
		h, master, ok := openHeaderCopy(data, id, secret.unwrap)
		if !ok {
			continue
		}
		opened = true
		if !opensDatabase(dir, id, master) {
			continue
		}
		data, err := h.Marshal()
		if err != nil {
			return err
		}
		return writeFileAtomic(filepath.Join(dir, headerName), data)
	}
	if !opened {
		return secret.wrong()
	}
	return ErrHeaderCopyMismatch
}

// opensDatabase reports whether master (which it clears) is the key of the
// database of the vault in dir: Badger's key registry opens with it.
func opensDatabase(dir, id string, master []byte) bool {
	db := filepath.Join(dir, pickDatabase(dir, master, id))
	key := deriveKey(master, id, labelBadger)
	clear(master)
	defer clear(key)
	if !fileExists(filepath.Join(db, badger.KeyRegistryFileName)) {
		return false
	}
	kr, err := openKeyRegistry(db, key)
	if err != nil {
		return false
	}
	kr.Close()
	return true
}
