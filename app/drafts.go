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

// SaveDraft stores the draft under key (an incident id when amending).
func (j *Journal) SaveDraft(key string, in *Incident) error {
	if key == "" || strings.ContainsAny(key, "/\n") {
		return fmt.Errorf("invalid draft key %q", key)
	}
	data, err := json.Marshal(&Draft{Key: key, SavedAt: time.Now().UTC(), Incident: in})
	if err != nil {
		return fmt.Errorf("failed to encode the draft: %w", err)
	}
	return j.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained(draftKey(key), data) })
}

// DeleteDraft forgets a draft (once saved, or abandoned).
func (j *Journal) DeleteDraft(key string) error {
	return j.v.Update(func(tx *vault.Tx) error {
		tx.DeleteUnchained(draftKey(key))
		return nil
	})
}

// Drafts returns every draft, to offer to resume them.
func (j *Journal) Drafts() ([]Draft, error) {
	var drafts []Draft
	err := j.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained(draftPrefix, func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			var d Draft
			if err := json.Unmarshal(data, &d); err != nil || d.Incident == nil {
				return &vault.CorruptError{What: "draft " + key, Err: errors.New("unreadable")}
			}
			drafts = append(drafts, d)
			return nil
		})
	})
	return drafts, err
}

// Setting returns a setting kept in the vault ("" when unset). Settings
// that reveal nothing (language, theme) live in the GUI's preferences;
// those that could (a backup folder's path) live here.
func (j *Journal) Setting(name string) (string, error) {
	var val []byte
	err := j.v.View(func(r *vault.Reader) error {
		var err error
		val, err = r.GetUnchained("setting/" + name)
		return err
	})
	if errors.Is(err, vault.ErrNoRecord) {
		return "", nil
	}
	return string(val), err
}

// SetSetting stores a setting in the vault.
func (j *Journal) SetSetting(name, value string) error {
	return j.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained("setting/"+name, []byte(value)) })
}
