package vault

import (
	"errors"
	"fmt"
)

// Sentinel errors. Callers test them with errors.Is; the user interface
// turns each into a calm sentence that says what to do.
var (
	// ErrNotFound: there is no vault in the folder.
	ErrNotFound = errors.New("no vault in this folder")
	// ErrExists: Create was asked to create a vault where one already is.
	ErrExists = errors.New("a vault already exists in this folder")
	// ErrWrongPassphrase: the passphrase does not unlock the vault.
	ErrWrongPassphrase = errors.New("wrong passphrase")
	// ErrWrongRecoveryCode: the recovery code does not unlock the vault.
	ErrWrongRecoveryCode = errors.New("wrong recovery code")
	// ErrLocked: the vault was locked; open it again.
	ErrLocked = errors.New("vault is locked")
	// ErrAlreadyOpen: another process (another window of Témoin, or a
	// command running in a terminal) has the vault open.
	ErrAlreadyOpen = errors.New("vault is already open in another program")
	// ErrNoAccess: the system refuses Témoin a file of the vault folder
	// (its permissions, a read-only disk, a file another program holds
	// open): nothing in the vault is damaged.
	ErrNoAccess = errors.New("the system refuses access to a file of the vault folder")
	// ErrDatabaseSettings: the database refuses the options this version
	// of Témoin opens it with, whatever its files hold: a fault of the
	// program, not damage to the vault, which is left as it was.
	ErrDatabaseSettings = errors.New("the database refuses the options Témoin opens it with")
	// ErrNoRecord: the record asked for does not exist.
	ErrNoRecord = errors.New("no such record")
	// ErrNoBlob: the blob asked for does not exist.
	ErrNoBlob = errors.New("no such blob")
	// ErrUnsupportedVersion: the vault was written by a newer Témoin.
	ErrUnsupportedVersion = errors.New("vault format is newer than this version of Témoin")
)

// CorruptError reports damaged data: a record that does not open, a blob
// whose content no longer matches its hash, a damaged header. What names
// the damaged piece ("vault.json", "record inc/8J3K…/r/00000002", "blob 5f…").
type CorruptError struct {
	What string
	Err  error
}

func (e *CorruptError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("%s is damaged", e.What)
	}
	return fmt.Sprintf("%s is damaged: %v", e.What, e.Err)
}

func (e *CorruptError) Unwrap() error { return e.Err }

func corrupt(what string, err error) error { return &CorruptError{What: what, Err: err} }
