package app

import (
	"errors"
	"testing"
)

// An incident linked to one that is then deleted can still be amended:
// the link stays as it was written (deleting an incident does not rewrite
// the others), and a new link to a deleted incident is still refused.
func TestAnIncidentLinkedToADeletedOneCanBeAmended(t *testing.T) {
	j, _ := newTestJournal(t)
	fillJournal(t, j, 3)
	list := j.Incidents.List(Filter{})
	target, other := list[0].ID, list[1].ID
	in := list[2].Clone()
	in.Linked = []string{target, other}
	if _, err := j.Incidents.Amend(in.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := j.Incidents.Delete(target); err != nil {
		t.Fatal(err)
	}
	got, err := j.Incidents.Get(in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Linked) != 2 {
		t.Errorf("after the deletion the incident links %v, want both as written", got.Linked)
	}
	got.Description = "Corrigé après la suppression"
	if _, err := j.Incidents.Amend(got.ID, got); err != nil {
		t.Fatalf("amending an incident that was linked to a deleted one: %v", err)
	}
	fresh := list[1].Clone()
	fresh.Linked = []string{target}
	if _, err := j.Incidents.Amend(fresh.ID, fresh); !isUnknownLink(err) {
		t.Errorf("a new link to a deleted incident: %v, want it refused", err)
	}
}

func isUnknownLink(err error) bool {
	var fe *FieldError
	return errors.As(err, &fe) && fe.Problem == FieldUnknownLink
}
