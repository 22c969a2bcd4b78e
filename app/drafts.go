package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Drafts keep what a person is typing, encrypted in the vault like the
// rest, so that a crash or a power cut loses nothing. They are not in the
// chain: a draft is not a statement until it is saved.

// Draft is an incident being written.
type Draft struct {
	Key      string    `json:"key"` // the incident's id, or "new-…" for a new one
	SavedAt  time.Time `json:"saved_at"`
	Incident *Incident `json:"incident"`
}

const draftPrefix = "draft/"

func draftKey(key string) string { return draftPrefix + key }

// NewDraftKey returns a key for the draft of a new incident.
func NewDraftKey() string {
	id, _ := newID(func(string) bool { return false })
	return "new-" + id
}

// DraftService keeps the drafts.
type DraftService struct{ v *vault.Vault }

// Save stores the draft under key (an incident id when amending).
func (s *DraftService) Save(key string, in *Incident) error {
	if key == "" || strings.ContainsAny(key, "/\n") {
		return fmt.Errorf("invalid draft key %q", key)
	}
	data, err := json.Marshal(&Draft{Key: key, SavedAt: time.Now().UTC(), Incident: in})
	if err != nil {
		return fmt.Errorf("failed to encode the draft: %w", err)
	}
	return s.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained(draftKey(key), data) })
}

// Delete forgets a draft (once saved, or abandoned).
func (s *DraftService) Delete(key string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		tx.DeleteUnchained(draftKey(key))
		return nil
	})
}

// List returns every draft, to offer to resume them.
func (s *DraftService) List() ([]Draft, error) {
	drafts, err := listRecords[Draft](s.v, draftPrefix, unchained)
	if err != nil {
		return nil, err
	}
	for _, d := range drafts {
		if d.Incident == nil {
			return nil, &vault.CorruptError{What: "draft " + draftKey(d.Key), Err: errors.New("unreadable")}
		}
	}
	return drafts, nil
}
