package vaulttest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"

	"github.com/temoin-app/temoin/vault"
)

// Records is what a person wrote in a vault, as it reads back: every
// journal record ("r/" and its key), every unchained record ("u/": people,
// representatives, profile, settings, drafts), every chain event ("c/" and
// its number) and the chain's head, each with the SHA-256 of its value.
type Records map[string]string

// ReadRecords reads every record of an open vault.
func ReadRecords(v *vault.Vault) (Records, error) {
	out := Records{}
	add := func(prefix string) func(string, vault.Value) error {
		return func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			out[prefix+key] = hex.EncodeToString(sum[:])
			return nil
		}
	}
	err := v.View(func(r *vault.Reader) error {
		if err := r.Scan("", add("r/")); err != nil {
			return err
		}
		if err := r.ScanUnchained("", add("u/")); err != nil {
			return err
		}
		return r.Events(func(e *vault.ChainEvent) error {
			out[fmt.Sprintf("c/%d", e.Seq)] = e.ID
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	head, err := v.Head()
	if err != nil {
		return nil, err
	}
	out["head"] = fmt.Sprintf("%d %s", head.Seq, head.ID)
	return out, nil
}

// Diff lists the records that differ between two readings: missing,
// added or changed (at most max of them, sorted).
func (before Records) Diff(after Records, max int) []string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(before)) {
		switch v, ok := after[k]; {
		case !ok:
			out = append(out, "missing "+k)
		case v != before[k]:
			out = append(out, "changed "+k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[k]; !ok {
			out = append(out, "added "+k)
		}
	}
	if len(out) > max {
		out = append(out[:max], fmt.Sprintf("and %d more", len(out)-max))
	}
	return out
}
