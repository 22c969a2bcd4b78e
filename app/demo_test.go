package app

import (
	"context"
	"testing"
	"time"
)

func TestFillDemo(t *testing.T) {
	j, _ := newTestJournal(t)
	now := time.Date(2026, 11, 22, 14, 0, 0, 0, time.Local)
	n, err := FillDemo(context.Background(), j, now)
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 || j.Incidents.Count() != n {
		t.Fatalf("FillDemo wrote %d incidents, journal holds %d", n, j.Incidents.Count())
	}
	if got := j.Incidents.List(Filter{Query: "parent p1"}); len(got) < 3 {
		t.Errorf("want a repeat perpetrator, found %d incidents of Parent P1", len(got))
	}
	withFiles := 0
	for _, in := range j.Incidents.List(Filter{}) {
		for _, ev := range in.Evidence {
			if !ev.IsLink() && ev.MediaType == "image/png" {
				withFiles++
			}
		}
	}
	if withFiles == 0 {
		t.Error("no picture evidence")
	}
	dls, err := j.Deadlines.List(now)
	if err != nil || len(dls) == 0 {
		t.Errorf("Deadlines = %v, %v; want some", dls, err)
	}
	people, _ := j.People.List()
	if len(people) == 0 {
		t.Error("no people list")
	}
}
