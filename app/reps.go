package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Representatives are the people a colleague sends encrypted bundles to:
// union representatives who sit on the F3SCT. Each is known by a name, an
// organisation and an age public key ("age1…"); only the key leaves the
// computer (in the chain's "exported" events), never the name. The list is
// kept in the vault, outside the chain (like the people list).

// Representative is one entry of the contacts list.
type Representative struct {
	Name    string    `json:"name"`
	Org     string    `json:"org,omitempty"`
	Key     string    `json:"key"` // age X25519 public key, "age1…", lower case
	AddedAt time.Time `json:"added_at"`
}

// Fingerprint returns the key's fingerprint, to read aloud by phone.
func (r Representative) Fingerprint() string { return KeyFingerprint(r.Key) }

// ErrNoRepresentative: no representative has this name.
var ErrNoRepresentative = errors.New("no representative with this name")

const repsPrefix = "reps/"

func repKey(name string) string { return repsPrefix + fold(strings.TrimSpace(name)) }

// RepresentativeService keeps the contacts list: the representatives a
// colleague sends bundles to.
type RepresentativeService struct{ v *vault.Vault }

// List returns the contacts list, sorted by name.
func (s *RepresentativeService) List() ([]Representative, error) {
	out, err := listRecords[Representative](s.v, repsPrefix, unchained)
	sort.Slice(out, func(a, b int) bool { return fold(out[a].Name) < fold(out[b].Name) })
	return out, err
}

// Get returns the representative with this name (case and accents
// ignored).
func (s *RepresentativeService) Get(name string) (*Representative, error) {
	var rep Representative
	err := s.v.View(func(r *vault.Reader) error {
		data, err := r.GetUnchained(repKey(name))
		if errors.Is(err, vault.ErrNoRecord) {
			return fmt.Errorf("%w: %q", ErrNoRepresentative, name)
		}
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, &rep); err != nil {
			return &vault.CorruptError{What: "record " + repKey(name), Err: err}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// Add adds a representative, or replaces the one with the same name. The
// key is checked and stored in its canonical form; the representative as
// stored is returned.
func (s *RepresentativeService) Add(rep Representative) (*Representative, error) {
	rep.Name, rep.Org = strings.TrimSpace(rep.Name), strings.TrimSpace(rep.Org)
	switch {
	case rep.Name == "":
		return nil, &FieldError{Field: "name", Problem: FieldMissing, Msg: "give the representative's name"}
	case strings.ContainsAny(rep.Name+rep.Org, "\n\r\x00"):
		return nil, &FieldError{Field: "name", Problem: FieldOneLine, Msg: "names fit on one line"}
	case len(rep.Name) > maxShortLen || len(rep.Org) > maxShortLen:
		return nil, &FieldError{Field: "name", Problem: FieldTooLong, Value: strconv.Itoa(maxShortLen), Msg: "too long"}
	}
	key, err := ParsePublicKey(rep.Key)
	if err != nil {
		return nil, err
	}
	rep.Key = key
	if rep.AddedAt.IsZero() {
		rep.AddedAt = time.Now().UTC()
	}
	data, err := json.Marshal(&rep)
	if err != nil {
		return nil, err
	}
	err = s.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained(repKey(rep.Name), data) })
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// Remove removes a representative from the list.
func (s *RepresentativeService) Remove(name string) error {
	return removeRecord(s.v, repKey(name), fmt.Errorf("%w: %q", ErrNoRepresentative, name))
}

// ResolveKey turns what a person gives after --to (a representative's
// name, or an age1… key) into a public key.
func (s *RepresentativeService) ResolveKey(nameOrKey string) (string, error) {
	given := strings.TrimSpace(nameOrKey)
	if strings.HasPrefix(strings.ToLower(given), "age1") {
		return ParsePublicKey(given)
	}
	rep, err := s.Get(given)
	if err != nil {
		return "", err
	}
	return rep.Key, nil
}
