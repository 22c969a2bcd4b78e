package app

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"filippo.io/age"

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

// Errors about keys and representatives, tested with errors.Is.
var (
	// ErrInvalidKey: the text is not an age X25519 public key (nor a file
	// that holds one).
	ErrInvalidKey = errors.New("not an age public key (it starts with age1)")
	// ErrNoRepresentative: no representative has this name.
	ErrNoRepresentative = errors.New("no representative with this name")
)

const repsPrefix = "reps/"

func repKey(name string) string { return repsPrefix + fold(strings.TrimSpace(name)) }

// ParsePublicKey checks that s is an age X25519 public key and returns it
// in its canonical form (lower case, no surrounding space). A key copied
// from a QR code in upper case is accepted.
func ParsePublicKey(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "age1") {
		return "", fmt.Errorf("%w: %q", ErrInvalidKey, shorten(s))
	}
	r, err := age.ParseX25519Recipient(s)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrInvalidKey, err)
	}
	return r.String(), nil
}

// PublicKeyFromFile finds the public key in a key file: a single "age1…"
// line (a recipients file), or an identity file made by age-keygen or
// "temoin keygen", whose "# public key:" comment gives it; when that
// comment is missing, the key is derived from the identity. When the
// comment and the identity disagree, the file is refused.
func PublicKeyFromFile(data []byte) (string, error) {
	if len(data) > 64<<10 || !utf8.Valid(data) {
		return "", fmt.Errorf("%w: the file is not a key file", ErrInvalidKey)
	}
	var comment, derived, plain string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			if k, ok := cutPrefixFold(rest, "public key:"); ok {
				key, err := ParsePublicKey(k)
				if err != nil {
					return "", err
				}
				comment = key
			}
		case strings.HasPrefix(line, "AGE-SECRET-KEY-1"):
			id, err := age.ParseX25519Identity(line)
			if err != nil {
				return "", fmt.Errorf("%w: the identity cannot be read", ErrInvalidKey)
			}
			if derived != "" && derived != id.Recipient().String() {
				return "", fmt.Errorf("%w: the file holds several identities: give the public key instead", ErrInvalidKey)
			}
			derived = id.Recipient().String()
		case strings.HasPrefix(strings.ToLower(line), "age1"):
			key, err := ParsePublicKey(line)
			if err != nil {
				return "", err
			}
			if plain != "" && plain != key {
				return "", fmt.Errorf("%w: the file holds several keys: give one", ErrInvalidKey)
			}
			plain = key
		default:
			return "", fmt.Errorf("%w: unexpected line in the key file", ErrInvalidKey)
		}
	}
	switch {
	case derived != "" && comment != "" && derived != comment:
		return "", fmt.Errorf("%w: the \"public key\" comment does not match the identity in the file", ErrInvalidKey)
	case derived != "" && plain != "" && derived != plain:
		return "", fmt.Errorf("%w: the file holds keys that do not match", ErrInvalidKey)
	case derived != "":
		return derived, nil
	case plain != "":
		return plain, nil
	case comment != "":
		return comment, nil
	}
	return "", fmt.Errorf("%w: no key found in the file", ErrInvalidKey)
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// KeyFingerprint returns a short fingerprint of a public key: 20 digits in
// five groups ("4821 0937 1164 5502 8810"), easy to read and compare over
// the phone. It is the first 80 bits of a SHA-256 of the key, each 16 bits
// reduced to four digits: enough to catch a key swapped on the way.
func KeyFingerprint(key string) string {
	sum := sha256.Sum256([]byte("temoin-key-fingerprint-v1\n" + key))
	groups := make([]string, 5)
	for i := range groups {
		groups[i] = fmt.Sprintf("%04d", binary.BigEndian.Uint16(sum[2*i:])%10000)
	}
	return strings.Join(groups, " ")
}

// Representatives returns the contacts list, sorted by name.
func (j *Journal) Representatives() ([]Representative, error) {
	var out []Representative
	err := j.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained(repsPrefix, func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			var rep Representative
			if err := json.Unmarshal(data, &rep); err != nil {
				return &vault.CorruptError{What: "record " + key, Err: err}
			}
			out = append(out, rep)
			return nil
		})
	})
	sort.Slice(out, func(a, b int) bool { return fold(out[a].Name) < fold(out[b].Name) })
	return out, err
}

// Representative returns the representative with this name (case and
// accents ignored).
func (j *Journal) Representative(name string) (*Representative, error) {
	var rep Representative
	err := j.v.View(func(r *vault.Reader) error {
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

// AddRepresentative adds a representative, or replaces the one with the
// same name. The key is checked and stored in its canonical form; the
// representative as stored is returned.
func (j *Journal) AddRepresentative(rep Representative) (*Representative, error) {
	rep.Name, rep.Org = strings.TrimSpace(rep.Name), strings.TrimSpace(rep.Org)
	switch {
	case rep.Name == "":
		return nil, &FieldError{Field: "name", Msg: "give the representative's name"}
	case strings.ContainsAny(rep.Name+rep.Org, "\n\r\x00"):
		return nil, &FieldError{Field: "name", Msg: "names fit on one line"}
	case len(rep.Name) > maxShortLen || len(rep.Org) > maxShortLen:
		return nil, &FieldError{Field: "name", Msg: "too long"}
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
	err = j.v.Update(func(tx *vault.Tx) error { return tx.PutUnchained(repKey(rep.Name), data) })
	if err != nil {
		return nil, err
	}
	return &rep, nil
}

// RemoveRepresentative removes a representative from the list.
func (j *Journal) RemoveRepresentative(name string) error {
	key := repKey(name)
	return j.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.GetUnchained(key); errors.Is(err, vault.ErrNoRecord) {
			return fmt.Errorf("%w: %q", ErrNoRepresentative, name)
		} else if err != nil {
			return err
		}
		tx.DeleteUnchained(key)
		return nil
	})
}

// ResolveRecipient turns what a person gives after --to (a
// representative's name, or an age1… key) into a public key.
func (j *Journal) ResolveRecipient(nameOrKey string) (string, error) {
	s := strings.TrimSpace(nameOrKey)
	if strings.HasPrefix(strings.ToLower(s), "age1") {
		return ParsePublicKey(s)
	}
	rep, err := j.Representative(s)
	if err != nil {
		return "", err
	}
	return rep.Key, nil
}

func shorten(s string) string {
	if len(s) > 24 {
		r := []rune(s)
		if len(r) > 24 {
			return string(r[:24]) + "…"
		}
	}
	return s
}
