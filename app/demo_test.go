package app

import (
	"context"
	"fmt"
	"strings"
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

// TestDemoIsBelievable is defect 11 of issue 11: school events on school
// days, the agricultural system's letters to the DRAAF, a profile that
// matches the sheets, references of the year of their step, and every
// procedure's path exercised.
func TestDemoIsBelievable(t *testing.T) {
	j, _ := newTestJournal(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local)
	if _, err := FillDemo(context.Background(), j, now); err != nil {
		t.Fatal(err)
	}
	p, _ := j.Settings.Profile()
	if !p.Agricultural || !strings.Contains(p.Addressee, "Directeur régional de l’alimentation") || strings.Contains(Fold(p.Addressee), "le recteur") {
		t.Errorf("the demo's letters must go to the DRAAF: %+v", p)
	}
	if !j.Settings.IsDemo() {
		t.Error("the demo journal is not marked as such")
	}
	all := j.Incidents.List(Filter{})
	if len(all) < 55 {
		t.Errorf("%d incidents: the demo is a year of a journal", len(all))
	}
	paths := map[string]bool{}
	cal := Calendar{Today: DateOf(now)}
	for _, in := range all {
		atSchool := in.Setting == "classroom" || in.Setting == "workshop" || in.Setting == "school_life" ||
			in.Setting == "surroundings" || in.HasChannel("video_call")
		if atSchool && !IsSchoolDay(in.OccurredAt) {
			t.Errorf("%s at school on %s, not a school day: %q", in.Setting, in.OccurredAt.Format("Monday 2006-01-02 15:04"), in.Description)
		}
		if strings.Contains(in.Description, " 0 jours") || strings.Contains(in.Description, " 1 jours") {
			t.Errorf("a count of days that reads wrong: %q", in.Description)
		}
		if in.Workplace != "" && !strings.HasPrefix(p.Workplace, in.Workplace) {
			t.Errorf("sheet in %q, profile in %q", in.Workplace, p.Workplace)
		}
		for _, a := range in.Actions {
			if y := fmt.Sprint(a.Date.Year); (strings.Contains(a.Reference, "RSST n°") || strings.Contains(a.Reference, "PV ")) && !strings.Contains(a.Reference, y) {
				t.Errorf("reference %q of a step of %d", a.Reference, a.Date.Year)
			}
		}
		for _, w := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"} {
			if strings.Contains(in.Description, "un "+w+" soir") && !strings.Contains(in.Description, weekday(in.OccurredAt)) {
				t.Errorf("the text says %s, the date is a %s", w, in.OccurredAt.Weekday())
			}
		}
		for _, path := range Paths(in, all, cal) {
			paths[path.Kind+"/"+path.State] = true
		}
	}
	for _, want := range []string{"protection/granted", "protection/rejected", "rsst/silent", "accident/provisional",
		"complaint/filed", "online/still_online", "sick_leave/sent"} {
		if !paths[want] {
			t.Errorf("no incident of the demo is at %s", want)
		}
	}
}
