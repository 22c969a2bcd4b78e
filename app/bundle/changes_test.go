package bundle

import (
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
)

func caseOf(id, vaultID string, at time.Time, incidents map[string]int, evidence ...string) CaseInfo {
	m := &Manifest{VaultID: vaultID, ExportedAt: at}
	for in, rev := range incidents {
		m.Incidents = append(m.Incidents, IncidentEntry{ID: in, Revision: rev})
	}
	for _, sum := range evidence {
		m.Evidence = append(m.Evidence, EvidenceEntry{SHA256: sum})
	}
	return CaseInfo{Case: app.Case{ID: id}, Summary: &Summary{Manifest: m}}
}

// TestChangesSince: a case is compared with the same colleague's case
// made just before it (by the time it was made, here: their histories
// are as long), whatever order they came in; another colleague's cases
// and later ones do not count.
func TestChangesSince(t *testing.T) {
	day := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	cases := []CaseInfo{
		caseOf("c3", "v1", day.Add(2*time.Hour), map[string]int{"a": 2, "b": 1, "c": 1}, "e1", "e2", "e3"),
		caseOf("c1", "v1", day, map[string]int{"a": 1}, "e1"),
		caseOf("c2", "v1", day.Add(time.Second), map[string]int{"a": 1, "b": 1}, "e1", "e2"),
		caseOf("o1", "v2", day.Add(time.Hour), map[string]int{"z": 1}),
	}
	ch := ChangesSince(cases, cases[0])
	if ch.Previous == nil || ch.Previous.ID != "c2" || len(ch.New) != 1 || !ch.New["c"] || len(ch.Amended) != 1 || !ch.Amended["a"] || ch.NewEvidence != 1 {
		t.Errorf("c3 since c2: %+v", ch)
	}
	if ch := ChangesSince(cases, cases[1]); ch.Previous != nil || ch.Any() {
		t.Errorf("the first case: %+v", ch)
	}
	if ch := ChangesSince(cases, cases[2]); ch.Previous.ID != "c1" || !ch.New["b"] || ch.NewEvidence != 1 {
		t.Errorf("c2 since c1: %+v", ch)
	}
	if ch := ChangesSince(cases, cases[3]); ch.Previous != nil {
		t.Errorf("another colleague's case: %+v", ch)
	}
	same := caseOf("c4", "v1", day.Add(3*time.Hour), map[string]int{"a": 2, "b": 1, "c": 1}, "e1", "e2", "e3")
	if ch := ChangesSince(append(cases, same), same); ch.Previous.ID != "c3" || ch.Any() {
		t.Errorf("nothing new: %+v", ch)
	}
}

// TestChangesSinceFollowsTheHistory: the colleague's history orders their
// bundles when their clock says otherwise.
func TestChangesSinceFollowsTheHistory(t *testing.T) {
	day := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	older := caseOf("c1", "v1", day, map[string]int{"a": 1})
	older.Summary.Manifest.ChainHead.Seq = 4
	newer := caseOf("c2", "v1", day.Add(-time.Hour), map[string]int{"a": 1, "b": 1})
	newer.Summary.Manifest.ChainHead.Seq = 9
	cases := []CaseInfo{older, newer}
	if ch := ChangesSince(cases, newer); ch.Previous == nil || ch.Previous.ID != "c1" || !ch.New["b"] {
		t.Errorf("%+v", ch)
	}
	if ch := ChangesSince(cases, older); ch.Previous != nil {
		t.Errorf("%+v", ch)
	}
}
