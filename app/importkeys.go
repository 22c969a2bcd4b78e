package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

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
// texts without the spaces around them. The fields are hashed as the
// JSON array encoding/json made of them until this was written by hand
// (rows imported before are recognised by it): see appendRowKey.
func rowKey(in *Incident) string {
	var buf [2048]byte
	sum := sha256.Sum256(appendRowKey(buf[:0], in))
	return hex.EncodeToString(sum[:])
}

// appendRowKey appends the fields rowKey hashes to b, as
// json.Marshal([]any{time, time unknown, sorted kinds, sorted channels,
// setting, perpetrator, perpetrator ref, description, exact words,
// witnesses, consequences, notes}) writes them (TestRowKeyIsTheJSONOfItsFields):
// an import of ten thousand rows spent as long in encoding/json's
// reflection as in the rest of reading its rows.
func appendRowKey(b []byte, in *Incident) []byte {
	b = append(b, '[', '"')
	b = in.OccurredAt.AppendFormat(b, "2006-01-02T15:04:05")
	b = append(b, '"', ',')
	b = strconv.AppendBool(b, in.TimeUnknown)
	for _, codes := range [][]string{in.Kinds, in.Channels} {
		b = append(b, ',')
		if codes == nil {
			b = append(b, "null"...)
			continue
		}
		codes = slices.Clone(codes)
		slices.Sort(codes)
		b = append(b, '[')
		for i, c := range codes {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, c)
		}
		b = append(b, ']')
	}
	for _, s := range []string{in.Setting, in.Perpetrator, strings.TrimSpace(in.PerpetratorRef), cellText(in.Description), cellText(in.ExactWords)} {
		b = appendJSONString(append(b, ','), s)
	}
	b = append(b, ',')
	if in.Witnesses == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, w := range in.Witnesses {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(append(b, `{"role":`...), w.Role)
			if w.Pseudonym != "" {
				b = appendJSONString(append(b, `,"pseudonym":`...), w.Pseudonym)
			}
			if w.Contact != "" {
				b = appendJSONString(append(b, `,"contact":`...), w.Contact)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	for _, s := range []string{cellText(in.Consequences), cellText(in.Notes)} {
		b = appendJSONString(append(b, ','), s)
	}
	return append(b, ']')
}

// appendJSONString appends s as encoding/json writes a string: quoted,
// with <, > and & escaped for HTML, control characters escaped, invalid
// UTF-8 replaced by \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			switch r {
			case utf8.RuneError:
				b = append(b, `\ufffd`...)
			default:
				b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
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
