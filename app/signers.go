package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/temoin-app/temoin/vault"
)

// The representative's signer registry: which signing key belongs to
// which colleague's journal (vault id), under a name the representative
// chose. The first bundle of a journal is signed by a key nobody vouched
// for yet: the representative compares its fingerprint with the
// colleague (by phone or in person) and then trusts it (TrustSigner);
// later bundles are "signed by <name>". A bundle of the same journal
// signed by another key is not counted in the synthesis unless the
// representative accepts that case explicitly (AcceptCase). Both
// decisions are journal records, in the chain: the representative's own
// history says when they were made.

// Errors of the signer registry.
var (
	// ErrNoSigner: no key is trusted yet for this colleague's journal.
	ErrNoSigner = errors.New("no signing key is known for this colleague yet")
	// ErrSignerName: the name given to a signer is empty or too long.
	ErrSignerName = errors.New("give the colleague a name of 1 to 80 characters")
)

// Signer is a colleague's signing key as a representative trusted it.
type Signer struct {
	// VaultID is the colleague's journal (as bundles' manifests give it).
	VaultID string `json:"vault_id"`
	// PublicKey is the minisign public key ("RW…").
	PublicKey string `json:"public_key"`
	// Name is what the representative calls the colleague.
	Name      string    `json:"name"`
	TrustedAt time.Time `json:"trusted_at"`
}

// Fingerprint returns the key's fingerprint, to read aloud by phone.
func (s Signer) Fingerprint() string { return SignerFingerprint(s.PublicKey) }

const (
	signersPrefix  = "signer/"
	acceptedPrefix = "case-accepted/"
)

// The events of the registry's decisions.
const (
	EventSignerTrusted EventKind = "signer_trusted" // a colleague's key trusted under a name
	EventCaseAccepted  EventKind = "case_accepted"  // a bundle accepted despite its signer
)

func validVaultID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if (r < '0' || r > '9') && (r < 'a' || r > 'z') {
			return false
		}
	}
	return true
}

// cleanSignerName trims a signer's name and checks it.
func cleanSignerName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 || strings.IndexFunc(name, unicode.IsControl) >= 0 {
		return "", ErrSignerName
	}
	return name, nil
}

// Signer returns the key trusted for a colleague's journal, or an error
// wrapping ErrNoSigner.
func (s *CaseService) Signer(vaultID string) (*Signer, error) {
	if !validVaultID(vaultID) {
		return nil, fmt.Errorf("%w: %q", ErrNoSigner, vaultID)
	}
	var out *Signer
	err := s.v.View(func(r *vault.Reader) error {
		data, err := r.Get(signersPrefix + vaultID)
		if errors.Is(err, vault.ErrNoRecord) {
			return ErrNoSigner
		}
		if err != nil {
			return err
		}
		var sg Signer
		if err := json.Unmarshal(data, &sg); err != nil {
			return &vault.CorruptError{What: "record " + signersPrefix + vaultID, Err: err}
		}
		// The colleague's name, when the representative renamed them.
		if c, err := colleagueOf(r, vaultID); err == nil && c.Name != "" {
			sg.Name = c.Name
		}
		out = &sg
		return nil
	})
	return out, err
}

// Signers returns every trusted key, by vault id.
// Each has the colleague's current name.
func (s *CaseService) Signers() ([]Signer, error) {
	signers, err := listRecords[Signer](s.v, signersPrefix, chained)
	if err != nil {
		return nil, err
	}
	err = s.v.View(func(r *vault.Reader) error {
		for i := range signers {
			c, err := colleagueOf(r, signers[i].VaultID)
			if err != nil {
				return err
			}
			signers[i].Name = c.Name
		}
		return nil
	})
	return signers, err
}

// TrustSigner records that the key publicKey signs the bundles of the
// journal vaultID, under the name the representative chose, after they
// compared its fingerprint with the colleague. It replaces the key known
// before for that journal, if any: only call it on the representative's
// explicit word.
func (s *CaseService) TrustSigner(vaultID, publicKey, name string) (*Signer, error) {
	if !validVaultID(vaultID) {
		return nil, fmt.Errorf("invalid colleague's journal id %q", vaultID)
	}
	key, err := ParseSignerKey(publicKey)
	if err != nil {
		return nil, err
	}
	if name, err = cleanSignerName(name); err != nil {
		return nil, err
	}
	sg := &Signer{VaultID: vaultID, PublicKey: key, Name: name, TrustedAt: time.Now().UTC()}
	data, err := json.Marshal(sg)
	if err != nil {
		return nil, err
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		// The name given with the key is the colleague's name.
		if _, err := changeColleague(tx, vaultID, EventColleagueNamed, func(c *Colleague) error {
			c.Name = name
			return nil
		}); err != nil {
			return err
		}
		return tx.Record(signersPrefix+vaultID, data, vault.Event{Type: string(EventSignerTrusted), Subject: vaultID})
	})
	if err != nil {
		return nil, err
	}
	return sg, nil
}

// AcceptCase records that the representative accepts a case whose signer
// is not the one known for its colleague (or that is not signed): it is
// then counted in the synthesis.
func (s *CaseService) AcceptCase(id string) error {
	return s.v.Update(func(tx *vault.Tx) error {
		if _, err := caseRecordOf(&tx.Reader, id); err != nil {
			return err
		}
		stamp, _ := json.Marshal(map[string]time.Time{"accepted_at": time.Now().UTC()})
		return tx.Record(acceptedPrefix+id, stamp, vault.Event{Type: string(EventCaseAccepted), Subject: id})
	})
}

// CaseAccepted reports whether the representative accepted a case
// despite its signer (AcceptCase).
func (s *CaseService) CaseAccepted(id string) (bool, error) {
	var ok bool
	err := s.v.View(func(r *vault.Reader) error {
		_, err := r.Get(acceptedPrefix + id)
		if errors.Is(err, vault.ErrNoRecord) {
			return nil
		}
		ok = err == nil
		return err
	})
	return ok, err
}
