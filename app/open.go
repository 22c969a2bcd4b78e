package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"unicode/utf8"

	"github.com/temoin-app/temoin/vault"
)

// Errors of the vault, for the user interfaces (which talk to package app
// only).
var (
	ErrWrongPassphrase    = vault.ErrWrongPassphrase
	ErrWrongRecoveryCode  = vault.ErrWrongRecoveryCode
	ErrVaultNotFound      = vault.ErrNotFound
	ErrVaultExists        = vault.ErrExists
	ErrAlreadyOpen        = vault.ErrAlreadyOpen
	ErrLocked             = vault.ErrLocked
	ErrUnsupportedVersion = vault.ErrUnsupportedVersion
	// ErrVaultNoAccess: the system refuses a file of the vault folder
	// (permissions, a read-only disk, another program holding it);
	// ErrDatabaseSettings: the program's own options were refused. Neither
	// is damage to the journal.
	ErrVaultNoAccess    = vault.ErrNoAccess
	ErrDatabaseSettings = vault.ErrDatabaseSettings
	// ErrHeaderChanged: vault.json was altered; the secret typed is right
	// (RestoreVaultHeaderFromCopy puts the copy back). A
	// *HeaderChangedError wraps it.
	ErrHeaderChanged      = vault.ErrHeaderChanged
	ErrHeaderCopyMismatch = vault.ErrHeaderCopyMismatch
	// ErrBackupOtherKeys: a backup made with keys the vault no longer has
	// (before they were renewed) cannot be compared with it.
	ErrBackupOtherKeys = vault.ErrBackupOtherKeys
	// ErrNoRecord and ErrNoBlob: a record or an evidence file the journal
	// expects is not in the vault (removed outside Témoin).
	ErrNoRecord = vault.ErrNoRecord
	ErrNoBlob   = vault.ErrNoBlob
)

// VaultInUse reports whether another window of Témoin or the command
// line holds the journal in dir open; it asks for no passphrase.
func VaultInUse(dir string) bool { return vault.InUse(dir) }

// What an *IntegrityError found, and what a VaultWarning says (see
// vault.IntegrityKind and vault.WarningKind).
const (
	IntegrityRecordsChanged  = vault.RecordsChanged
	IntegrityStateMissing    = vault.StateMissing
	IntegrityHistoryCut      = vault.HistoryCut
	IntegrityHistoryDiverged = vault.HistoryDiverged
	IntegrityKeysRolledBack  = vault.KeysRolledBack

	WarnWitnessMissing     = vault.WitnessMissing
	WarnWitnessCopyMissing = vault.WitnessCopyMissing
	WarnWitnessUnreadable  = vault.WitnessUnreadable
	WarnIntegrityAccepted  = vault.IntegrityAccepted
)

// CorruptError is the vault's report of damaged data.
type CorruptError = vault.CorruptError

// What the checks at every open find (see vault/integrity.go): an
// *IntegrityError stops the unlock unless the person accepts to go on
// (UnlockWith, VaultOptions.AcceptIntegrityLoss); VaultWarnings must be
// shown after an unlock.
type (
	IntegrityError     = vault.IntegrityError
	VaultWarning       = vault.Warning
	HeaderChangedError = vault.HeaderChangedError
)

// VaultOptions are the choices made when a vault is created.
type VaultOptions = vault.Options

// CreateVault creates a vault in dir and opens its (empty) journal. The
// recovery code must be shown to the person once.
func CreateVault(dir string, passphrase []byte, opts *VaultOptions) (*Journal, string, error) {
	v, code, err := vault.Create(dir, passphrase, opts)
	if err != nil {
		return nil, "", err
	}
	j, err := Open(v)
	if err != nil {
		v.Lock()
		return nil, "", err
	}
	return j, code, nil
}

// Unlock opens the vault in dir with its passphrase and loads the journal.
func Unlock(dir string, passphrase []byte) (*Journal, error) {
	return unlockAll(dir, vault.Passphrase(passphrase), nil)
}

// UnlockPartly opens the vault in dir with its passphrase and reads the
// journal's incidents only when they are asked for (OpenPartly): for a
// command that touches one incident. Which incidents and evidence exist
// is noted in the pass of the checks at open (vault.Preload).
func UnlockPartly(dir string, passphrase []byte) (*Journal, error) {
	idx := newPartIndex(nil)
	pre := &vault.Preload{Prefix: "inc/", Fn: idx.note}
	v, err := vault.OpenWith(dir, vault.Passphrase(passphrase), &VaultOptions{Preload: pre})
	return openJournalWith(func(v *vault.Vault) (*Journal, error) {
		if !pre.Done {
			return OpenPartly(v)
		}
		idx.v = v
		return newJournal(v, idx.opened()), nil
	}, v, err)
}

// UnlockWith opens the vault with its passphrase or recovery code and
// options: AcceptIntegrityLoss, once the person has seen the
// *IntegrityError an Unlock returned and chosen to go on.
func UnlockWith(dir string, secret Secret, opts *VaultOptions) (*Journal, error) {
	return unlockAll(dir, secret, opts)
}

// RestoreVaultHeaderFromCopy puts back the copy of vault.json kept on this
// computer, after an Unlock failed with ErrHeaderChanged.
func RestoreVaultHeaderFromCopy(dir string, secret Secret) error {
	return vault.RestoreHeaderFromCopy(dir, secret, nil)
}

// RestoreVaultHeaderFromBackup puts back the copy of vault.json a backup of
// the vault holds.
func RestoreVaultHeaderFromBackup(dir, backup string, secret Secret) error {
	return vault.RestoreHeaderFromBackup(dir, backup, secret)
}

// UnlockWithRecoveryCode opens the vault with its recovery code; set a new
// passphrase next (ChangePassphrase).
func UnlockWithRecoveryCode(dir, code string) (*Journal, error) {
	return unlockAll(dir, vault.RecoveryCode(code), nil)
}

// unlockAll opens the vault and loads the whole journal in the same pass
// as the check every open makes of the whole database (vault.Preload):
// the incidents' tables are read once, not twice. The records come still
// sealed and are opened by the decoder's goroutine, not the pass's (the
// longer of the check's two halves), and an incident's superseded
// revisions are not opened at all. When the open could not
// hand every incident over (a new vault, a loss accepted, a record the
// journal cannot decode), the journal is read as Open reads it.
func unlockAll(dir string, secret Secret, opts *VaultOptions) (*Journal, error) {
	o := VaultOptions{}
	if opts != nil {
		o = *opts
	}
	idx := newIndex(nil)
	l := idx.loader()
	o.Preload = &vault.Preload{Prefix: "inc/", Sealed: l.visitSealed, Buffer: l.buffer}
	v, err := vault.OpenWith(dir, secret, &o)
	if err != nil || !o.Preload.Done {
		l.abandon(nil) // the decoder stops; the journal, if any, is read again
	}
	return openJournalWith(func(v *vault.Vault) (*Journal, error) {
		if !o.Preload.Done || l.finish() != nil {
			return Open(v)
		}
		idx.v, idx.full = v, true
		return loaded(v, idx), nil
	}, v, err)
}

// openJournalWith opens the journal of a vault just unlocked (or returns
// the unlock's error); the vault is locked again if the journal fails.
func openJournalWith(open func(*vault.Vault) (*Journal, error), v *vault.Vault, err error) (*Journal, error) {
	if err != nil {
		return nil, err
	}
	j, err := open(v)
	if err != nil {
		v.Lock()
		return nil, err
	}
	return j, nil
}

// VaultExists reports whether dir holds a vault.
func VaultExists(dir string) bool { return vault.Exists(dir) }

// DefaultVaultDir is where the vault lives unless told otherwise:
// $TEMOIN_VAULT, else the user's data folder (~/.local/share/temoin on
// Linux, ~/Library/Application Support/Temoin on macOS,
// %LOCALAPPDATA%\Temoin on Windows).
func DefaultVaultDir() (string, error) {
	if d := os.Getenv("TEMOIN_VAULT"); d != "" {
		return d, nil
	}
	home, err := os.UserHomeDir()
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LocalAppData"); d != "" {
			return filepath.Join(d, "Temoin"), nil
		}
	case "darwin":
		if err == nil {
			return filepath.Join(home, "Library", "Application Support", "Temoin"), nil
		}
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "temoin"), nil
		}
		if err == nil {
			return filepath.Join(home, ".local", "share", "temoin"), nil
		}
	}
	if err == nil {
		err = errors.New("no data folder known for this system")
	}
	return "", err
}

// MinPassphraseLength is the shortest passphrase accepted, in characters.
const MinPassphraseLength = 10

// ErrPassphraseTooShort: a new passphrase has fewer than
// MinPassphraseLength characters.
var ErrPassphraseTooShort = fmt.Errorf("the passphrase must have at least %d characters", MinPassphraseLength)

// CheckPassphrase refuses passphrases too short to resist guessing with
// ErrPassphraseTooShort. The GUI also shows a strength meter; this is the
// floor both share.
func CheckPassphrase(p []byte) error {
	if utf8.RuneCount(p) < MinPassphraseLength {
		return ErrPassphraseTooShort
	}
	return nil
}
