package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"github.com/temoin-app/temoin/vault"
)

// The representative's side. A representative keeps, inside their own
// vault, an age identity that colleagues encrypt bundles to, and the
// bundles they received, as read-only cases. Package bundle verifies a
// bundle before it becomes a case and reads cases back; this file only
// stores them.

// ErrNoIdentity: the vault holds no representative identity yet.
var ErrNoIdentity = errors.New("no representative key in this vault yet")

// ErrNoCase: no case with this id.
var ErrNoCase = errors.New("no received bundle with this id")

const keyRepIdentity = "representative/identity"

// CaseService keeps a representative's side of the journal: the age
// identity colleagues encrypt bundles to, and the bundles received, as
// read-only cases.
type CaseService struct{ v *vault.Vault }

// Identity returns the representative's age identity kept in the vault,
// or ErrNoIdentity.
func (s *CaseService) Identity() (*age.X25519Identity, error) {
	var id *age.X25519Identity
	err := s.v.View(func(r *vault.Reader) error {
		data, err := r.GetUnchained(keyRepIdentity)
		if errors.Is(err, vault.ErrNoRecord) {
			return ErrNoIdentity
		}
		if err != nil {
			return err
		}
		id, err = age.ParseX25519Identity(string(data))
		if err != nil {
			return &vault.CorruptError{What: "representative key", Err: err}
		}
		return nil
	})
	return id, err
}

// CreateIdentity returns the representative's identity, creating it on
// first use ("Je suis représentant·e"). It never replaces an existing one:
// bundles already encrypted to it would become unreadable.
func (s *CaseService) CreateIdentity() (*age.X25519Identity, error) {
	var out *age.X25519Identity
	err := s.v.Update(func(tx *vault.Tx) error {
		data, err := tx.GetUnchained(keyRepIdentity)
		if err == nil {
			out, err = age.ParseX25519Identity(string(data))
			if err != nil {
				return &vault.CorruptError{What: "representative key", Err: err}
			}
			return nil
		}
		if !errors.Is(err, vault.ErrNoRecord) {
			return err
		}
		out, err = age.GenerateX25519Identity()
		if err != nil {
			return fmt.Errorf("failed to create the key: %w", err)
		}
		return tx.PutUnchained(keyRepIdentity, []byte(out.String()))
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// PublicKey returns the public key ("age1…") of the representative's
// identity, or ErrNoIdentity.
func (s *CaseService) PublicKey() (string, error) {
	id, err := s.Identity()
	if err != nil {
		return "", err
	}
	return id.Recipient().String(), nil
}

// Case is a bundle received by a representative and kept, encrypted, in
// their vault. It is read-only: it can be read and removed, not changed.
type Case struct {
	ID         string    `json:"id"`
	ReceivedAt time.Time `json:"received_at"`
	// Name is the name of the bundle's file as received.
	Name string `json:"name"`
	// Size is the size of what is stored.
	Size int64 `json:"size"`
	// Summary is what package bundle keeps about the bundle to list,
	// compare and count cases without decrypting them again.
	Summary json.RawMessage `json:"summary,omitempty"`
}

type caseRecord struct {
	Case
	Blob string `json:"blob"`
}

const casesPrefix = "case/"

func caseKey(id string) string { return casesPrefix + id }

// Add stores what r gives (package bundle gives the bundle, encrypted to
// the representative's identity) as a new case, streamed into the vault in
// constant memory. Cancelling ctx stops and leaves nothing behind.
func (s *CaseService) Add(ctx context.Context, r io.Reader, c Case, progress func(int64)) (*Case, error) {
	c.Name = cleanFileName(c.Name)
	blob, err := s.v.WriteBlob(ctx, r, progress)
	if err != nil {
		return nil, err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		id, err := newID(func(id string) bool {
			_, err := tx.Get(caseKey(id))
			return err == nil
		})
		if err != nil {
			return err
		}
		c.ID, c.ReceivedAt, c.Size = id, time.Now().UTC(), blob.Size
		data, err := json.Marshal(&caseRecord{Case: c, Blob: blob.ID})
		if err != nil {
			return err
		}
		if err := tx.KeepBlob(blob); err != nil {
			return err
		}
		return tx.Record(caseKey(id), data, vault.Event{Type: string(EventCaseReceived), Subject: id})
	})
	if err != nil {
		s.v.DiscardBlob(blob.ID)
		return nil, err
	}
	return &c, nil
}

func caseRecordOf(r *vault.Reader, id string) (*caseRecord, error) {
	if id == "" || strings.ContainsAny(id, "/\n\r\x00") {
		return nil, fmt.Errorf("%w: %q", ErrNoCase, id)
	}
	data, err := r.Get(caseKey(id))
	if errors.Is(err, vault.ErrNoRecord) {
		return nil, fmt.Errorf("%w: %q", ErrNoCase, id)
	}
	if err != nil {
		return nil, err
	}
	var rec caseRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		return nil, &vault.CorruptError{What: "record " + caseKey(id), Err: err}
	}
	return &rec, nil
}

// List returns the received bundles, oldest first.
func (s *CaseService) List() ([]Case, error) {
	recs, err := listRecords[caseRecord](s.v, casesPrefix, chained)
	out := make([]Case, len(recs))
	for i, rec := range recs {
		out[i] = rec.Case
	}
	slices.SortFunc(out, func(a, b Case) int { return a.ReceivedAt.Compare(b.ReceivedAt) })
	return out, err
}

// Get returns one case's description.
func (s *CaseService) Get(id string) (*Case, error) {
	var c *Case
	err := s.v.View(func(r *vault.Reader) error {
		rec, err := caseRecordOf(r, id)
		if err == nil {
			c = &rec.Case
		}
		return err
	})
	return c, err
}

// Open returns a reader of what Add stored. The reader ends with an error
// instead of io.EOF if the stored content was damaged.
func (s *CaseService) Open(id string) (io.ReadCloser, *Case, error) {
	var rec *caseRecord
	err := s.v.View(func(r *vault.Reader) error {
		var err error
		rec, err = caseRecordOf(r, id)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	rc, _, err := s.v.OpenBlob(rec.Blob)
	if err != nil {
		return nil, &rec.Case, err
	}
	return rc, &rec.Case, nil
}

// Remove deletes a received bundle from the vault. The chain records the
// removal.
func (s *CaseService) Remove(id string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		rec, err := caseRecordOf(&tx.Reader, id)
		if err != nil {
			return err
		}
		if err := tx.Remove(caseKey(id), vault.Event{Type: string(EventCaseRemoved), Subject: id}); err != nil {
			return err
		}
		if _, err := tx.Get(acceptedPrefix + id); err == nil {
			if err := tx.Remove(acceptedPrefix+id, vault.Event{Type: string(EventCaseRemoved), Subject: id}); err != nil {
				return err
			}
		}
		return tx.DropBlob(rec.Blob)
	})
}
