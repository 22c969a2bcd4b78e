package app

import (
	"bytes"
	"encoding/json"
	"slices"
	"time"

	"github.com/temoin-app/temoin/vault"
)

// Revision is one saved version of an incident.
type Revision struct {
	Number   int       `json:"revision"`
	SavedAt  time.Time `json:"saved_at"`
	Incident *Incident `json:"incident"`
	// Changed names the fields that differ from the revision before.
	Changed []string `json:"changed,omitempty"`
}

// History returns every revision of an incident, oldest first.
func (s *IncidentService) History(id string) ([]Revision, error) {
	if _, err := s.Get(id); err != nil {
		return nil, err
	}
	var revs []Revision
	err := s.v.View(func(r *vault.Reader) error {
		return r.Scan(revisionPrefix(id), func(key string, value vault.Value) error {
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
