package app

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// TestArchive: an archived incident leaves the journal's list, stays in
// the vault, in the chain (an amendment), in searches of the archive and
// in every selection a document makes; it can be brought back; reopening
// the vault keeps it archived.
func TestArchive(t *testing.T) {
	j, dir := newTestJournal(t)
	kept, _ := j.Incidents.Create(sample(t))
	other := sample(t)
	other.Description = "Un parent a menacé par courriel de « tout faire remonter »."
	other.OccurredAt = other.OccurredAt.Add(24 * time.Hour)
	aside, _ := j.Incidents.Create(other)

	out, err := j.Incidents.Archive(aside.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if !out.Archived || out.Revision != 2 {
		t.Fatalf("archived: %v, revision %d", out.Archived, out.Revision)
	}
	if _, err := j.Incidents.Archive(aside.ID, true); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("archived twice: %v", err)
	}
	events, _ := j.Chain.Events()
	if last := events[len(events)-1]; KindOf(last) != EventAmended || last.Subject != aside.ID {
		t.Fatalf("the chain does not record the archiving as an amendment: %+v", last)
	}
	revs, err := j.Incidents.History(aside.ID)
	if err != nil || len(revs) != 2 || !slices.Equal(revs[1].Changed, []string{"archived"}) {
		t.Fatalf("history: %v %+v", err, revs)
	}

	j = reopen(t, j, dir)
	ids := func(f Filter) []string {
		var out []string
		for _, in := range j.Incidents.List(f) {
			out = append(out, in.ID)
		}
		return out
	}
	if got := ids(Filter{Archive: WithoutArchived}); !slices.Equal(got, []string{kept.ID}) {
		t.Errorf("the journal's list shows %v, want only %s", got, kept.ID)
	}
	if got := ids(Filter{Archive: OnlyArchived, Query: "remonter"}); !slices.Equal(got, []string{aside.ID}) {
		t.Errorf("a search of the archive finds %v, want %s", got, aside.ID)
	}
	if got := ids(Filter{}); len(got) != 2 {
		t.Errorf("documents select %v: archived incidents must count unless left out by name", got)
	}
	if n := j.Incidents.CountArchived(); n != 1 {
		t.Errorf("%d archived, want 1", n)
	}

	back, err := j.Incidents.Archive(aside.ID, false)
	if err != nil || back.Archived || back.Revision != 3 {
		t.Fatalf("restored: %v, archived %v, revision %d", err, back.Archived, back.Revision)
	}
	if got := ids(Filter{Archive: WithoutArchived}); len(got) != 2 {
		t.Errorf("after restoring, the journal's list shows %v", got)
	}
	if rep, _ := j.Verify(t.Context(), nil); !rep.OK() {
		t.Fatalf("verify: %+v", rep)
	}
}

// TestArchivedIncidentsKeepTheirDeadlines: setting an incident aside
// does not stop a clock the law runs.
func TestArchivedIncidentsKeepTheirDeadlines(t *testing.T) {
	j, _ := newTestJournal(t)
	now := time.Now()
	in := sample(t)
	in.OccurredAt = now.AddDate(0, 0, -3)
	in.Actions = []Action{{Kind: "functional_protection", Date: DateOf(now.AddDate(0, 0, -20)), Status: "awaiting_answer"}}
	saved, err := j.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	before, err := j.Deadlines.List(now)
	if err != nil || len(before) == 0 {
		t.Fatalf("no deadline to compare: %v", err)
	}
	if _, err := j.Incidents.Archive(saved.ID, true); err != nil {
		t.Fatal(err)
	}
	after, err := j.Deadlines.List(now)
	if err != nil || len(after) != len(before) {
		t.Fatalf("%d deadlines once archived, %d before (%v)", len(after), len(before), err)
	}
}
