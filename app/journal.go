package app

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Errors of the journal, tested with errors.Is.
var (
	ErrNotFound   = errors.New("no incident with this id")
	ErrAmbiguous  = errors.New("several incidents start with this id: give more characters")
	ErrUnchanged  = errors.New("nothing changed")
	ErrStale      = errors.New("the incident was amended in the meantime")
	ErrNoEvidence = errors.New("no evidence with this id")
)

// IDError is an error about a given incident or evidence id; it unwraps
// to ErrNotFound, ErrAmbiguous or ErrNoEvidence.
type IDError struct {
	Err error
	ID  string
}

func (e *IDError) Error() string { return e.Err.Error() + ": " + e.ID }
func (e *IDError) Unwrap() error { return e.Err }

// Event types written to the vault's chain.
const (
	EventCreated         = "created"
	EventAmended         = "amended"
	EventDeleted         = "deleted"
	EventEvidenceAdded   = "evidence_added"
	EventEvidenceRemoved = "evidence_removed"
	EventExported        = "exported"
	EventReportGenerated = "report_generated"
)

// Journal is the incident journal kept in an unlocked vault. It holds an
// index of the current incidents in memory, so that listing and searching
// ten thousand incidents is instant. It is safe for concurrent use.
//
// Incidents returned by List are shared and must not be modified; Get
// returns a copy to edit.
type Journal struct {
	v *vault.Vault

	mu     sync.RWMutex
	byID   map[string]*entry
	owner  map[string]string // evidence id → incident id
	sorted []*entry          // newest first; nil when it must be rebuilt
}

type entry struct {
	inc    *Incident
	blobs  map[string]string // evidence id → blob id
	folded string            // the incident's text, folded for search
}

// Storage keys. Revision numbers are zero-padded so that keys sort in
// revision order.
func incidentPrefix(id string) string       { return "inc/" + id + "/" }
func revisionKey(id string, rev int) string { return fmt.Sprintf("inc/%s/r/%08d", id, rev) }
func evidenceKey(id, ev string) string      { return "inc/" + id + "/e/" + ev }

// revisionRecord is what each revision stores: the whole content at that
// revision, so that every earlier version stays readable.
type revisionRecord struct {
	Revision  int       `json:"revision"`
	SavedAt   time.Time `json:"saved_at"`
	CreatedAt time.Time `json:"created_at"`
	Incident  *Incident `json:"incident"`
}

// evidenceRecord is what the vault stores for a piece of evidence.
type evidenceRecord struct {
	Evidence
	Blob string `json:"blob,omitempty"`
}

// Open loads the journal of an unlocked vault.
func Open(v *vault.Vault) (*Journal, error) {
	j := &Journal{v: v, byID: make(map[string]*entry), owner: make(map[string]string)}
	type loading struct {
		latestKey string
		latest    []byte // the last revision seen: the current one once the scan is done
		evidence  []evidenceRecord
	}
	found := make(map[string]*loading)
	var ids []string
	err := v.View(func(r *vault.Reader) error {
		err := r.Scan("inc/", func(key string, value vault.Value) error {
			parts := strings.Split(key, "/")
			if len(parts) != 4 {
				return fmt.Errorf("unexpected record %q", key)
			}
			id := parts[1]
			l := found[id]
			if l == nil {
				l = &loading{}
				found[id] = l
				ids = append(ids, id)
			}
			switch parts[2] {
			case "r":
				// Revisions come in order; only the last is decoded.
				data, err := value()
				if err != nil {
					return err
				}
				l.latestKey, l.latest = key, data
			case "e":
				data, err := value()
				if err != nil {
					return err
				}
				var e evidenceRecord
				if err := json.Unmarshal(data, &e); err != nil {
					return &vault.CorruptError{What: "record " + key, Err: err}
				}
				l.evidence = append(l.evidence, e)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range ids {
			l := found[id]
			if l.latest == nil {
				return &vault.CorruptError{What: "incident " + id, Err: errors.New("it has evidence but no content")}
			}
			rec, err := decodeRevision(l.latestKey, l.latest)
			if err != nil {
				return err
			}
			j.index(id, rec, l.evidence)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("failed to load the journal: %w", err)
	}
	return j, nil
}

func decodeRevision(key string, data []byte) (*revisionRecord, error) {
	var rec revisionRecord
	if err := json.Unmarshal(data, &rec); err != nil || rec.Incident == nil {
		if err == nil {
			err = errors.New("empty revision")
		}
		return nil, &vault.CorruptError{What: "record " + key, Err: err}
	}
	return &rec, nil
}

// index puts an incident, as stored, into the in-memory index. j.mu must
// be held for writing, or j not yet shared.
func (j *Journal) index(id string, rec *revisionRecord, evidence []evidenceRecord) {
	in := rec.Incident
	in.ID = id
	in.Revision = rec.Revision
	in.CreatedAt = rec.CreatedAt
	in.UpdatedAt = rec.SavedAt
	in.Evidence = make([]Evidence, 0, len(evidence))
	e := &entry{inc: in, blobs: make(map[string]string)}
	slices.SortFunc(evidence, func(a, b evidenceRecord) int { return a.AddedAt.Compare(b.AddedAt) })
	for _, ev := range evidence {
		in.Evidence = append(in.Evidence, ev.Evidence)
		if ev.Blob != "" {
			e.blobs[ev.ID] = ev.Blob
		}
		j.owner[ev.ID] = id
		if ev.AddedAt.After(in.UpdatedAt) {
			in.UpdatedAt = ev.AddedAt
		}
	}
	e.folded = foldIncident(in)
	j.byID[id] = e
	j.sorted = nil
}

// Vault returns the vault the journal lives in.
func (j *Journal) Vault() *vault.Vault { return j.v }

// Lock locks the vault; the journal is unusable afterwards.
func (j *Journal) Lock() error {
	j.mu.Lock()
	j.byID, j.owner, j.sorted = map[string]*entry{}, map[string]string{}, nil
	j.mu.Unlock()
	return j.v.Lock()
}

// Count returns how many incidents the journal holds.
func (j *Journal) Count() int {
	j.mu.RLock()
	defer j.mu.RUnlock()
	return len(j.byID)
}

// Get returns a copy of the current revision of an incident.
func (j *Journal) Get(id string) (*Incident, error) {
	j.mu.RLock()
	defer j.mu.RUnlock()
	e, ok := j.byID[id]
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: id}
	}
	return e.inc.Clone(), nil
}

// Resolve turns the start of an id, as a person types it, into the id.
func (j *Journal) Resolve(prefix string) (string, error) {
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	j.mu.RLock()
	defer j.mu.RUnlock()
	if _, ok := j.byID[prefix]; ok {
		return prefix, nil
	}
	var match string
	for id := range j.byID {
		if prefix != "" && strings.HasPrefix(id, prefix) {
			if match != "" {
				return "", &IDError{Err: ErrAmbiguous, ID: prefix}
			}
			match = id
		}
	}
	if match == "" {
		return "", &IDError{Err: ErrNotFound, ID: prefix}
	}
	return match, nil
}

// Create saves a new incident as its first revision and returns it as
// stored. What the caller put in ID, Evidence, Revision and the dates is
// ignored.
func (j *Journal) Create(in *Incident) (*Incident, error) {
	out, err := j.CreateMany(context.Background(), []*Incident{in}, nil)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// CreateMany saves several incidents at once: all of them, or none, also
// if the process is killed in the middle. progress, if not nil, is called
// as they are prepared.
func (j *Journal) CreateMany(ctx context.Context, ins []*Incident, progress func(done, total int)) ([]*Incident, error) {
	return j.createMany(ctx, ins, progress, nil)
}

// createMany is CreateMany that also runs also, if not nil, in the same
// transaction, with the new incidents' ids.
func (j *Journal) createMany(ctx context.Context, ins []*Incident, progress func(done, total int), also func(tx *vault.Tx, ids []string) error) ([]*Incident, error) {
	recs := make([]*revisionRecord, len(ins))
	now := time.Now().UTC()
	j.mu.RLock()
	taken := make(map[string]bool)
	for i, in := range ins {
		c := prepare(in)
		if err := c.Validate(); err != nil {
			j.mu.RUnlock()
			if len(ins) > 1 {
				return nil, fmt.Errorf("incident %d: %w", i+1, err)
			}
			return nil, err
		}
		if err := j.checkLinks(c, ""); err != nil {
			j.mu.RUnlock()
			return nil, err
		}
		id, err := newID(func(id string) bool { return j.byID[id] != nil || taken[id] })
		if err != nil {
			j.mu.RUnlock()
			return nil, err
		}
		taken[id] = true
		c.ID = id
		recs[i] = &revisionRecord{Revision: 1, SavedAt: now, CreatedAt: now, Incident: c}
	}
	j.mu.RUnlock()
	err := j.v.Update(func(tx *vault.Tx) error {
		for i, rec := range recs {
			if err := ctx.Err(); err != nil {
				return err
			}
			data, err := encodeRevision(rec)
			if err != nil {
				return err
			}
			id := rec.Incident.ID
			if err := tx.Record(revisionKey(id, 1), data, vault.Event{Type: EventCreated, Subject: id}); err != nil {
				return err
			}
			if progress != nil {
				progress(i+1, len(recs))
			}
		}
		if also == nil {
			return nil
		}
		ids := make([]string, len(recs))
		for i, rec := range recs {
			ids[i] = rec.Incident.ID
		}
		return also(tx, ids)
	})
	if err != nil {
		return nil, err
	}
	out := make([]*Incident, len(recs))
	j.mu.Lock()
	defer j.mu.Unlock()
	for i, rec := range recs {
		j.index(rec.Incident.ID, rec, nil)
		out[i] = j.byID[rec.Incident.ID].inc.Clone()
	}
	return out, nil
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

func encodeRevision(rec *revisionRecord) ([]byte, error) {
	stored := *rec
	content := *rec.Incident
	content.ID, content.Evidence, content.Revision = "", nil, 0
	stored.Incident = &content
	data, err := json.Marshal(&stored)
	if err != nil {
		return nil, fmt.Errorf("failed to encode the incident: %w", err)
	}
	return data, nil
}

// checkLinks refuses links to incidents that do not exist or to itself.
// j.mu must be held.
func (j *Journal) checkLinks(in *Incident, self string) error {
	for _, l := range in.Linked {
		if l == self {
			return &FieldError{Field: "linked", Msg: "an incident cannot be linked to itself"}
		}
		if j.byID[l] == nil {
			return &FieldError{Field: "linked", Msg: fmt.Sprintf("no incident with id %q", l)}
		}
	}
	return nil
}

// Amend saves a new revision of an incident with the content given. The
// earlier revisions stay readable (History). If in.Revision is set, it
// must be the current revision (otherwise ErrStale: someone amended it in
// the meantime). When nothing changed, Amend returns the incident and
// ErrUnchanged.
func (j *Journal) Amend(id string, in *Incident) (*Incident, error) {
	c := prepare(in)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	j.mu.RLock()
	cur, ok := j.byID[id]
	var linkErr error
	if ok {
		linkErr = j.checkLinks(c, id)
	}
	j.mu.RUnlock()
	if !ok {
		return nil, &IDError{Err: ErrNotFound, ID: id}
	}
	if linkErr != nil {
		return nil, linkErr
	}
	if in.Revision != 0 && in.Revision != cur.inc.Revision {
		return nil, fmt.Errorf("%w (revision %d, now %d)", ErrStale, in.Revision, cur.inc.Revision)
	}
	c.ID = id
	if sameContent(c, cur.inc) {
		return cur.inc.Clone(), ErrUnchanged
	}
	rec := &revisionRecord{
		Revision:  cur.inc.Revision + 1,
		SavedAt:   time.Now().UTC(),
		CreatedAt: cur.inc.CreatedAt,
		Incident:  c,
	}
	data, err := encodeRevision(rec)
	if err != nil {
		return nil, err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if now := j.byID[id]; now == nil || now.inc.Revision != cur.inc.Revision {
		return nil, ErrStale
	}
	err = j.v.Update(func(tx *vault.Tx) error {
		return tx.Record(revisionKey(id, rec.Revision), data, vault.Event{Type: EventAmended, Subject: id})
	})
	if err != nil {
		return nil, err
	}
	j.reindex(id, rec)
	return j.byID[id].inc.Clone(), nil
}

// reindex replaces an incident's content in the index, keeping its
// evidence. j.mu must be held for writing.
func (j *Journal) reindex(id string, rec *revisionRecord) {
	old := j.byID[id]
	var evidence []evidenceRecord
	for _, ev := range old.inc.Evidence {
		evidence = append(evidence, evidenceRecord{Evidence: ev, Blob: old.blobs[ev.ID]})
	}
	j.index(id, rec, evidence)
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

// Delete removes an incident, its revisions and its evidence files. The
// chain keeps a tombstone: it shows that an incident was deleted, and
// when, but not what it said.
func (j *Journal) Delete(id string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	e, ok := j.byID[id]
	if !ok {
		return &IDError{Err: ErrNotFound, ID: id}
	}
	err := j.v.Update(func(tx *vault.Tx) error {
		if _, err := tx.Erase(incidentPrefix(id), vault.Event{Type: EventDeleted, Subject: id}); err != nil {
			return err
		}
		for _, blob := range e.blobs {
			if err := tx.DropBlob(blob); err != nil {
				return err
			}
		}
		tx.DeleteUnchained(draftKey(id))
		return nil
	})
	if err != nil {
		return err
	}
	for _, ev := range e.inc.Evidence {
		delete(j.owner, ev.ID)
	}
	delete(j.byID, id)
	j.sorted = nil
	return nil
}

// Revision is one saved version of an incident.
type Revision struct {
	Number   int       `json:"revision"`
	SavedAt  time.Time `json:"saved_at"`
	Incident *Incident `json:"incident"`
	// Changed names the fields that differ from the revision before.
	Changed []string `json:"changed,omitempty"`
}

// History returns every revision of an incident, oldest first.
func (j *Journal) History(id string) ([]Revision, error) {
	if _, err := j.Get(id); err != nil {
		return nil, err
	}
	var revs []Revision
	err := j.v.View(func(r *vault.Reader) error {
		return r.Scan("inc/"+id+"/r/", func(key string, value vault.Value) error {
			data, err := value()
			if err != nil {
				return err
			}
			rec, err := decodeRevision(key, data)
			if err != nil {
				return err
			}
			in := rec.Incident
			in.ID, in.Revision, in.CreatedAt, in.UpdatedAt = id, rec.Revision, rec.CreatedAt, rec.SavedAt
			rev := Revision{Number: rec.Revision, SavedAt: rec.SavedAt, Incident: in}
			if len(revs) > 0 {
				rev.Changed = changedFields(revs[len(revs)-1].Incident, in)
			}
			revs = append(revs, rev)
			return nil
		})
	})
	return revs, err
}

// changedFields names the JSON fields whose values differ.
func changedFields(a, b *Incident) []string {
	var ma, mb map[string]json.RawMessage
	da, _ := json.Marshal(a)
	db, _ := json.Marshal(b)
	json.Unmarshal(da, &ma)
	json.Unmarshal(db, &mb)
	var out []string
	for k, va := range ma {
		switch k {
		case "revision", "created_at", "updated_at", "evidence", "id":
			continue
		}
		if !bytes.Equal(va, mb[k]) {
			out = append(out, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// idAlphabet is Crockford's base32 in lower case: no i, l, o or u to
// misread.
const idAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// newID draws a random 8-character id (40 bits) that taken does not know.
func newID(taken func(string) bool) (string, error) {
	for range 100 {
		raw := make([]byte, 8)
		if _, err := rand.Read(raw); err != nil {
			return "", fmt.Errorf("failed to draw an id: %w", err)
		}
		for i := range raw {
			raw[i] = idAlphabet[raw[i]&31]
		}
		if id := string(raw); !taken(id) {
			return id, nil
		}
	}
	return "", errors.New("failed to draw a unique id")
}
