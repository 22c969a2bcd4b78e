package app

import (
	"encoding/json"
	"errors"

	"github.com/temoin-app/temoin/vault"
)

// Lists kept in the vault: one JSON record per item under a prefix, in
// the chain (cases) or outside it (people, representatives, drafts).

// Whether a list's records are in the chain.
const (
	chained   = true
	unchained = false
)

// listRecords decodes every record under prefix, in key order.
func listRecords[T any](v *vault.Vault, prefix string, inChain bool) ([]T, error) {
	var out []T
	err := v.View(func(r *vault.Reader) error {
		scan := r.ScanUnchained
		if inChain {
			scan = r.Scan
		}
		return scan(prefix, func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			var item T
			if err := json.Unmarshal(data, &item); err != nil {
				return &vault.CorruptError{What: "record " + key, Err: err}
			}
			out = append(out, item)
			return nil
		})
	})
	return out, err
}

// removeRecord deletes the record under key, or returns missing when
// there is none.
func removeRecord(v *vault.Vault, key string, missing error) error {
	return v.Update(func(tx *vault.Tx) error {
		if _, err := tx.GetUnchained(key); errors.Is(err, vault.ErrNoRecord) {
			return missing
		} else if err != nil {
			return err
		}
		tx.DeleteUnchained(key)
		return nil
	})
}
