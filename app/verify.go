package app

import (
	"context"
	"fmt"

	"github.com/temoin-app/temoin/vault"
)

// VerifyReport is what Verify checked and found; Problem, one thing
// found damaged.
type (
	VerifyReport = vault.VerifyReport
	Problem      = vault.Problem
)

// Verify checks the whole vault (every record opens, the chain holds and
// accounts for every record, every file matches its SHA-256), that each
// piece of evidence still has its file, with the hash it was imported
// with, and that every time-stamp still matches the history.
func (j *Journal) Verify(ctx context.Context, progress func(done, total int64)) (*VerifyReport, error) {
	rep, err := j.v.Verify(ctx, progress)
	if err != nil {
		return nil, err
	}
	if err := j.verifyTimestamps(rep); err != nil {
		return nil, err
	}
	if err := j.idx.loadAll(); err != nil {
		return nil, err
	}
	j.idx.mu.RLock()
	defer j.idx.mu.RUnlock()
	err = j.v.View(func(r *vault.Reader) error {
		for id, e := range j.idx.byID {
			for _, ev := range e.inc.Evidence {
				blob, ok := e.blobs[ev.ID]
				if !ok {
					continue
				}
				what := fmt.Sprintf("evidence %s (%s) of incident %s", ev.ID, ev.Name, id)
				b, err := r.BlobInfo(blob)
				switch {
				case err != nil:
					rep.Problems = append(rep.Problems, vault.Problem{What: what, Detail: "its encrypted file is missing: " + err.Error()})
				case b.SHA256 != ev.SHA256 || b.Size != ev.Size:
					rep.Problems = append(rep.Problems, vault.Problem{What: what, Detail: "its file is not the one imported (SHA-256 differs)"})
				}
			}
		}
		return nil
	})
	return rep, err
}

// verifyTimestamps checks every time-stamp kept against the history: a
// history rewritten before a time-stamp by someone who holds the keys
// (who can recompute the chain, the state and the witness) no longer
// matches what the authority signed.
func (j *Journal) verifyTimestamps(rep *vault.VerifyReport) error {
	tokens, err := j.Timestamps.Tokens()
	if err != nil {
		return err
	}
	events, err := j.v.Events()
	if err != nil {
		return err
	}
	_, problems := checkTokens(tokens, events, j.Timestamps.roots())
	rep.Problems = append(rep.Problems, problems...)
	return nil
}
