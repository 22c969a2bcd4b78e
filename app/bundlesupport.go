package app

import (
	"fmt"
	"strings"
)

// What package bundle needs from the journal to describe an export: the
// keys under which revisions are recorded in the chain, the vault's id, and
// a way to refuse the vault's own passphrase as a bundle's passphrase.

// RevisionKey is the record key of an incident's revision, as it appears
// in the Key field of the chain event that wrote it ("inc/<id>/r/00000003").
func RevisionKey(id string, rev int) string { return revisionKey(id, rev) }

// ParseRevisionKey is the reverse of RevisionKey; ok is false for any other
// key.
func ParseRevisionKey(key string) (id string, rev int, ok bool) {
	parts := strings.Split(key, "/")
	if len(parts) != 4 || parts[0] != "inc" || parts[2] != "r" || len(parts[3]) != 8 {
		return "", 0, false
	}
	if _, err := fmt.Sscanf(parts[3], "%08d", &rev); err != nil || rev < 1 {
		return "", 0, false
	}
	return parts[1], rev, true
}

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
