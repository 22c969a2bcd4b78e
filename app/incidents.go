package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/temoin-app/temoin/internal/membudget"
	"github.com/temoin-app/temoin/vault"
)

// IncidentService keeps the incidents. Each is stored as a series of
// revisions: Create writes the first, Amend the next ones, and History
// reads them all back, so a correction shows as an amendment with its own
// date instead of silently replacing what was written. Delete erases an
// incident and its evidence and leaves a tombstone in the chain.
//
// Incidents returned by List are shared and must not be modified; Get
// returns a copy to edit.
type IncidentService struct {
	v   *vault.Vault
	idx *index
}

// Count returns how many incidents the journal holds.
func (s *IncidentService) Count() int {
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	return len(s.idx.known)
}

// Get returns a copy of the current revision of an incident.
func (s *IncidentService) Get(id string) (*Incident, error) {
	if err := s.idx.load(id); err != nil {
		return nil, err
	}
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	e, ok := s.idx.byID[id]
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: id}
	}
	return e.inc.Clone(), nil
}

// Resolve turns the start of an id, as a person types it, into the id.
func (s *IncidentService) Resolve(prefix string) (string, error) {
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	return resolvePrefix(prefix, s.idx.known, ErrNotFound)
}

// Create saves a new incident as its first revision and returns it as
// stored. What the caller put in ID, Evidence, Revision and the dates is
// ignored.
func (s *IncidentService) Create(in *Incident) (*Incident, error) {
	out, err := s.CreateMany(context.Background(), []*Incident{in}, nil)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// CreateMany saves several incidents at once: all of them, or none, also
// if the process is killed in the middle. progress, if not nil, is called
// as they are written.
func (s *IncidentService) CreateMany(ctx context.Context, ins []*Incident, progress func(done, total int)) ([]*Incident, error) {
	recs, err := s.prepareMany(ins)
	if err != nil {
		return nil, err
	}
	if err := s.writeMany(ctx, recs, progress, nil, false); err != nil {
		return nil, err
	}
	return s.indexMany(recs), nil
}

// A large batch (a spreadsheet of thousands of rows) is encoded, sealed,
// staged and applied in the database's tables: much short-lived garbage,
// which the collector would otherwise let grow to as much again as what is
// live. It is made within what the process used before plus
// largeBatchBudget (package membudget): for an import of 10,000 rows,
// with the database's close (vault's closeBudget), about 50 MiB less at
// the peak for about a fifth more processor time.
const (
	largeBatch       = 1000
	largeBatchBudget = 40 << 20
)

// writeMany writes the first revisions recs in one transaction, with
// also, if not nil, run in it with their ids. With forget, each record is
// let go (recs[i] = nil) once written into the transaction: the caller
// needs only their ids (an import into a journal opened partly), and the
// collector does not go over ten thousand incidents again and again
// while the database applies them.
func (s *IncidentService) writeMany(ctx context.Context, recs []*revisionRecord, progress func(done, total int), also func(tx *vault.Tx, ids []string) error, forget bool) error {
	if len(recs) >= largeBatch {
		defer membudget.Hold(largeBatchBudget)()
	}
	ids := idsOf(recs)
	return s.v.Update(func(tx *vault.Tx) error {
		for i, rec := range recs {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := encodeRevision(rec)
			if err != nil {
				return err
			}
			if err := tx.Record(revisionKey(ids[i], 1), data, vault.Event{Type: string(EventCreated), Subject: ids[i]}); err != nil {
				return err
			}
			if forget {
				recs[i] = nil
			}
			if progress != nil {
				progress(i+1, len(recs))
			}
		}
		if also == nil {
			return nil
		}
		return also(tx, ids)
	})
}

func idsOf(recs []*revisionRecord) []string {
	ids := make([]string, len(recs))
	for i, rec := range recs {
		ids[i] = rec.Incident.ID
	}
	return ids
}

// indexMany adds the incidents of recs, just written, to the index, and
// returns them as stored.
func (s *IncidentService) indexMany(recs []*revisionRecord) []*Incident {
	out := make([]*Incident, len(recs))
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	for i, rec := range recs {
		id := rec.Incident.ID
		if s.idx.full {
			s.idx.put(id, rec, nil)
			out[i] = s.idx.byID[id].inc.Clone()
			continue
		}
		// Opened partly: the incident is read back when asked for, as
		// the others; ten thousand imported rows are not kept twice.
		s.idx.known[id] = struct{}{}
		in := rec.Incident // prepareMany's copy, shared with no one
		in.Revision, in.CreatedAt, in.UpdatedAt, in.Evidence = rec.Revision, rec.CreatedAt, rec.SavedAt, []Evidence{}
		out[i] = in
	}
	return out
}

// knowMany notes that the incidents ids, just written and not kept, exist:
// each is read back when asked for, all of them at the next List.
func (s *IncidentService) knowMany(ids []string) {
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	for _, id := range ids {
		s.idx.known[id] = struct{}{}
	}
	s.idx.full = false
	s.idx.sorted = nil
}

// openedPartly reports whether the journal was opened partly (OpenPartly,
// UnlockPartly: only such an index notes the files of the incidents not
// read). A command opens it so; the desktop application reads it whole.
func (s *IncidentService) openedPartly() bool {
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	return s.idx.files != nil
}

// prepareMany checks new incidents and gives each a new id and its first
// revision.
func (s *IncidentService) prepareMany(ins []*Incident) ([]*revisionRecord, error) {
	recs := make([]*revisionRecord, len(ins))
	now := time.Now().UTC()
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	taken := make(map[string]bool)
	for i, in := range ins {
		c := prepare(in)
		if err := c.Validate(); err != nil {
			if len(ins) > 1 {
				return nil, fmt.Errorf("incident %d: %w", i+1, err)
			}
			return nil, err
		}
		if err := s.idx.checkLinks(c, "", nil); err != nil {
			return nil, err
		}
		id, err := newID(func(id string) bool { return s.idx.has(id) || taken[id] })
		if err != nil {
			return nil, err
		}
		taken[id] = true
		c.ID = id
		recs[i] = &revisionRecord{Revision: 1, SavedAt: now, CreatedAt: now, Incident: c}
	}
	return recs, nil
}

// prepare returns a normalized copy of what a caller gave, without the
// fields the journal keeps itself.
func prepare(in *Incident) *Incident {
	c := in.Clone()
	c.ID, c.Evidence, c.Revision = "", nil, 0
	c.CreatedAt, c.UpdatedAt = time.Time{}, time.Time{}
	c.normalize()
	return c
}

// checkLinks refuses links to incidents that do not exist or to itself.
// A link the incident already had (in had) is kept even when the incident
// it names was deleted since: deleting an incident does not rewrite the
// others, and the one that named it can still be amended. idx.mu must be
// held.
func (idx *index) checkLinks(in *Incident, self string, had []string) error {
	for _, l := range in.Linked {
		if l == self {
			return &FieldError{Field: "linked", Problem: FieldSelfLink, Msg: "an incident cannot be linked to itself"}
		}
		if !idx.has(l) && !slices.Contains(had, l) {
			return &FieldError{Field: "linked", Problem: FieldUnknownLink, Value: l, Msg: fmt.Sprintf("no incident with id %q", l)}
		}
	}
	return nil
}

// Amend saves a new revision of an incident with the content given. The
// earlier revisions stay readable (History). If in.Revision is set, it
// must be the current revision (otherwise ErrStale: someone amended it in
// the meantime). When nothing changed, Amend returns the incident and
// ErrUnchanged.
func (s *IncidentService) Amend(id string, in *Incident) (*Incident, error) {
	c := prepare(in)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	cur, err := s.current(id, c)
	if err != nil {
		return nil, err
	}
	if in.Revision != 0 && in.Revision != cur.Revision {
		return nil, fmt.Errorf("%w (revision %d, now %d)", ErrStale, in.Revision, cur.Revision)
	}
	c.ID = id
	if sameContent(c, cur) {
		return cur.Clone(), ErrUnchanged
	}
	rec := &revisionRecord{
		Revision:  cur.Revision + 1,
		SavedAt:   time.Now().UTC(),
		CreatedAt: cur.CreatedAt,
		Incident:  c,
	}
	data, err := encodeRevision(rec)
	if err != nil {
		return nil, err
	}
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	if now := s.idx.byID[id]; now == nil || now.inc.Revision != cur.Revision {
		return nil, ErrStale
	}
	err = s.v.Update(func(tx *vault.Tx) error {
		return tx.Record(revisionKey(id, rec.Revision), data, vault.Event{Type: string(EventAmended), Subject: id})
	})
	if err != nil {
		return nil, err
	}
	s.idx.replace(id, rec)
	return s.idx.byID[id].inc.Clone(), nil
}

// current returns the incident that an amendment with the content c
// replaces, once c's links are checked.
func (s *IncidentService) current(id string, c *Incident) (*Incident, error) {
	if err := s.idx.load(id); err != nil {
		return nil, err
	}
	s.idx.mu.RLock()
	defer s.idx.mu.RUnlock()
	cur, ok := s.idx.byID[id]
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: id}
	}
	if err := s.idx.checkLinks(c, id, cur.inc.Linked); err != nil {
		return nil, err
	}
	return cur.inc, nil
}

func sameContent(a, b *Incident) bool {
	strip := func(in *Incident) []byte {
		c := *in
		c.Evidence, c.Revision, c.CreatedAt, c.UpdatedAt = nil, 0, time.Time{}, time.Time{}
		c.normalize()
		data, _ := json.Marshal(&c)
		return data
	}
	return bytes.Equal(strip(a), strip(b))
}

// Delete removes an incident, its revisions, its evidence files and its
// draft. The chain keeps a tombstone: it shows that an incident was
// deleted, and when, but not what it said.
func (s *IncidentService) Delete(id string) error {
	if err := s.idx.load(id); err != nil {
		return err
	}
	s.idx.mu.Lock()
	defer s.idx.mu.Unlock()
	e, ok := s.idx.byID[id]
	if !ok {
		return &IDError{Err: ErrNotFound, ID: id}
	}
	err := s.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Erase(incidentPrefix(id), vault.Event{Type: string(EventDeleted), Subject: id}); err != nil {
			return err
		}
		for _, blob := range e.blobs {
			if err := dropFile(tx, blob); err != nil {
				return err
			}
		}
		tx.DeleteUnchained(draftKey(id))
		return nil
	})
	if err != nil {
		return err
	}
	s.idx.remove(id)
	return nil
}
