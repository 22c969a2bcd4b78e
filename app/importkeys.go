package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"github.com/temoin-app/temoin/vault"
)

// A row imported once is recognised when the same spreadsheet, or a copy
// of it saved in another format, is imported again: each imported row
// leaves an unchained record "import/<key>" holding the id of the
// incident it became, written in the same transaction as the incidents.
// A row whose incident was deleted since is imported again.

const importPrefix = "import/"

// rowKey is a stable fingerprint of what a row says: the SHA-256 of its
// incident's imported fields, the time of day as written (not the instant,
// which moves with the computer's time zone), codes in a fixed order,
// texts without the spaces around them.
func rowKey(in *Incident) string {
	sorted := func(s []string) []string { s = slices.Clone(s); slices.Sort(s); return s }
	content := []any{
		in.OccurredAt.Format("2006-01-02T15:04:05"), in.TimeUnknown,
		sorted(in.Kinds), sorted(in.Channels), in.Setting, in.Perpetrator,
		strings.TrimSpace(in.PerpetratorRef), cellText(in.Description), cellText(in.ExactWords),
		in.Witnesses, cellText(in.Consequences), cellText(in.Notes),
	}
	data, err := json.Marshal(content)
	if err != nil {
		panic("app: row key: " + err.Error()) // plain strings and bools always marshal
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Imported reports, for each row of imp, whether it was imported before
// and its incident is still in the journal.
func (s *IncidentService) Imported(imp *SheetImport) ([]bool, error) {
	ids := map[string]string{}
	err := s.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained(importPrefix, func(key string, v vault.Value) error {
			data, err := v()
			if err != nil {
				return err
			}
			ids[strings.TrimPrefix(key, importPrefix)] = string(data)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	out := make([]bool, len(imp.Rows))
	for i, row := range imp.Rows {
		id, ok := ids[row.Key]
		out[i] = ok && s.idx.has(id)
	}
	return out, nil
}

// ImportedIDs returns the ids of the incidents that came from a
// spreadsheet import: their entries were written from earlier notes, and
// documents say so.
func (s *IncidentService) ImportedIDs() (map[string]bool, error) {
	out := map[string]bool{}
	err := s.v.View(func(r *vault.Reader) error {
		return r.ScanUnchained(importPrefix, func(_ string, v vault.Value) error {
			data, err := v()
			if err != nil {
				return err
			}
			out[string(data)] = true
			return nil
		})
	})
	if errors.Is(err, vault.ErrNoRecord) {
		err = nil
	}
	return out, err
}

// ImportResult says what an import did.
type ImportResult struct {
	// Created holds the ids of the incidents made, in the order of the
	// rows.
	Created []string
	// Skipped holds the numbers of the rows imported before, left out.
	Skipped []int
}

// Import saves the rows of imp that were not imported before: all of
// them, or none. progress, if not nil, is called as they are prepared.
func (s *IncidentService) Import(ctx context.Context, imp *SheetImport, progress func(done, total int)) (*ImportResult, error) {
	done, err := s.Imported(imp)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{}
	var ins []*Incident
	var keys []string
	for i, row := range imp.Rows {
		if done[i] {
			res.Skipped = append(res.Skipped, row.Number)
			continue
		}
		ins = append(ins, row.Incident)
		keys = append(keys, row.Key)
	}
	if len(ins) == 0 {
		return res, nil
	}
	recs, err := s.prepareMany(ins)
	if err != nil {
		return nil, err
	}
	res.Created = idsOf(recs)
	// A command (opened partly) keeps none of what it imports: each
	// incident is let go once written (writeMany's forget).
	forget := len(recs) >= largeBatch && s.openedPartly()
	err = s.writeMany(ctx, recs, progress, func(tx *vault.Tx, ids []string) error {
		for i, id := range ids {
			if err := tx.PutUnchained(importPrefix+keys[i], []byte(id)); err != nil {
				return err
			}
		}
		return nil
	}, forget)
	if err != nil {
		return nil, err
	}
	if forget {
		s.knowMany(res.Created)
	} else {
		s.indexMany(recs)
	}
	return res, nil
}
