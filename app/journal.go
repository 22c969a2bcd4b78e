package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/temoin-app/temoin/vault"
)

// Errors of the journal, tested with errors.Is.
var (
	ErrNotFound   = errors.New("no incident with this id")
	ErrAmbiguous  = errors.New("several incidents start with this id: give more characters")
	ErrUnchanged  = errors.New("nothing changed")
	ErrStale      = errors.New("the incident was amended in the meantime")
	ErrNoEvidence = errors.New("no evidence with this id")
)

// IDError is an error about a given incident or evidence id; it unwraps
// to ErrNotFound, ErrAmbiguous or ErrNoEvidence.
type IDError struct {
	Err error
	ID  string
}

func (e *IDError) Error() string { return e.Err.Error() + ": " + e.ID }
func (e *IDError) Unwrap() error { return e.Err }

// Journal is the incident journal kept in an unlocked vault: the session
// that lasts from unlocking to locking. Its work is done by the services
// it holds, one per responsibility; each is safe for concurrent use and
// unusable once the journal is locked.
//
//	in, err := j.Incidents.Create(&app.Incident{...})
//	ev, err := j.Evidence.AttachFile(ctx, in.ID, "capture.png", f, nil)
//	err = j.People.Add(app.Person{Name: "Kevin Martin", Pseudonym: "Élève A"})
type Journal struct {
	// Incidents are the incidents, their revisions and their search.
	Incidents *IncidentService
	// Evidence are the files and links attached to the incidents.
	Evidence *EvidenceService
	// People is the list of names replaced by pseudonyms.
	People *PeopleService
	// Representatives are the contacts bundles are sent to.
	Representatives *RepresentativeService
	// Settings are the settings kept in the vault, the profile among them.
	Settings *SettingService
	// Drafts are the incidents being written.
	Drafts *DraftService
	// Deadlines are the procedures' clocks, and those dismissed.
	Deadlines *DeadlineService
	// Cases are the bundles a representative received, and the key that
	// opens them.
	Cases *CaseService
	// Backups write the whole journal into one encrypted file.
	Backups *BackupService
	// Chain is the journal's history: the vault's hash chain.
	Chain *ChainService
	// Timestamps are the history's trusted time-stamps (RFC 3161).
	Timestamps *TimestampService

	v   *vault.Vault
	idx *index
}

// Open loads the journal of an unlocked vault: every incident is read
// and decoded, ready to be listed and searched (the GUI).
func Open(v *vault.Vault) (*Journal, error) {
	// One pass over the incidents' records: what exists and what it says
	// are read together (OpenPartly's pass over the keys alone would read
	// the same blocks of the database once more).
	idx := newIndex(v)
	if err := idx.loadAll(); err != nil {
		return nil, err
	}
	return loaded(v, idx), nil
}

// loaded makes the journal around an index holding every incident.
func loaded(v *vault.Vault, idx *index) *Journal {
	// Decoding every incident left their encoded records behind, as much
	// again as the index: collected and given back to the system now,
	// the journal's memory is what it keeps (issue 15: the GUI on an old
	// laptop), not twice that until the runtime gets to it.
	debug.FreeOSMemory()
	return newJournal(v, idx)
}

// OpenPartly opens the journal of an unlocked vault reading only which
// incidents exist: each is read when first asked for, and all of them at
// the first List (or LoadAll). A command that touches one incident (attach
// a file, show one, amend one) pays for that incident only.
func OpenPartly(v *vault.Vault) (*Journal, error) {
	idx, err := openIndex(v)
	if err != nil {
		return nil, fmt.Errorf("failed to load the journal: %w", err)
	}
	return newJournal(v, idx), nil
}

// newJournal makes the journal's services around its index.
func newJournal(v *vault.Vault, idx *index) *Journal {
	incidents := &IncidentService{v: v, idx: idx}
	settings := &SettingService{v: v}
	return &Journal{
		Incidents:       incidents,
		Evidence:        &EvidenceService{v: v, idx: idx},
		People:          &PeopleService{v: v},
		Representatives: &RepresentativeService{v: v},
		Settings:        settings,
		Drafts:          &DraftService{v: v},
		Deadlines:       &DeadlineService{v: v, incidents: incidents, settings: settings},
		Cases:           &CaseService{v: v},
		Backups:         &BackupService{v: v, settings: settings},
		Chain:           &ChainService{v: v},
		Timestamps:      &TimestampService{v: v},
		v:               v,
		idx:             idx,
	}
}

// Lock locks the vault; the journal and its services are unusable
// afterwards.
func (j *Journal) Lock() error {
	j.idx.clear()
	return j.v.Lock()
}

// ChangePassphrase sets a new passphrase; the old one stops working on
// this vault, but not on copies of its header made before (old backups):
// RotateKeys makes those useless too.
func (j *Journal) ChangePassphrase(newPassphrase []byte) error {
	return j.v.ChangePassphrase(newPassphrase)
}

// RotateKeys renews the vault's keys ("someone may know my passphrase", or
// a change of passphrase or recovery code with renewal): old copies of the
// header and old backups open nothing written afterwards. passphrase is
// the passphrase from now on (typed again, or new); the new recovery code
// is returned and must be shown.
func (j *Journal) RotateKeys(ctx context.Context, passphrase []byte, progress func(done, total int64)) (string, error) {
	return j.v.RotateKeys(ctx, passphrase, progress)
}

// VaultWarnings returns what the checks made at unlock found that did not
// stop it (a missing witness, a loss accepted): show them.
func (j *Journal) VaultWarnings() []VaultWarning { return j.v.Warnings() }

// ReleaseReadPages gives back to the system the pages of the vault's
// database read by the checks at unlock (vault.ReleaseTablePages): the
// desktop application, which keeps the journal open for hours, calls it
// once the journal is shown.
func (j *Journal) ReleaseReadPages() error { return j.v.ReleaseTablePages() }

// NewRecoveryCode replaces the recovery code and returns the new one.
func (j *Journal) NewRecoveryCode() (string, error) { return j.v.NewRecoveryCode() }

// VaultID returns the vault's random identifier. It is not secret: bundles
// carry it so that a representative can tell two bundles of the same
// colleague and compare their histories.
func (j *Journal) VaultID() string { return j.v.ID() }

// IsVaultPassphrase reports whether p unlocks this vault. It is used to
// refuse the vault's own passphrase as the passphrase of a bundle (a
// bundle's passphrase is given to someone else). It costs one key
// derivation (about half a second).
func (j *Journal) IsVaultPassphrase(p []byte) (bool, error) {
	return j.v.IsPassphrase(p)
}
