package app

import (
	"errors"
	"slices"
	"testing"
)

func TestPseudonymizer(t *testing.T) {
	p := NewPseudonymizer([]Person{
		{Name: "Kévin Martin", Pseudonym: "Élève A"},
		{Name: "Kevin", Pseudonym: "Élève K"},
		{Name: "Mme Dubois-Léger", Pseudonym: "Parent P1"},
	})
	for in, want := range map[string]string{
		"kevin MARTIN a crié.":              "Élève A a crié.",
		"KÉVIN Martin, puis Kevin seul":     "Élève A, puis Élève K seul",
		"Martinez n’est pas Martin":         "Martinez n’est pas Élève A",
		"Kevinette":                         "Kevinette",
		"Appel de Mme Dubois-Leger (mère).": "Appel de Parent P1 (mère).",
		"Mme Dubois Léger a écrit":          "Parent P1 a écrit",
		"Madame DUBOIS-LÉGER a écrit":       "Parent P1 a écrit",
		"«Kévin Martin»":                    "«Élève A»",
		"Kevin\nKevin":                      "Élève K\nÉlève K",
		"rien à remplacer, œuvre et cœur":   "rien à remplacer, œuvre et cœur",
		"L’Élève Kévin   Martin, en cours":  "L’Élève Élève A, en cours",
		"K. M. et K.M. sont venus":          "Élève A et Élève A sont venus",
		"M. Martin, puis M.Martin":          "Élève A, puis Élève A",
	} {
		if got := p.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPseudonymizerEveryForm is defect 2 of issue 11: with "Lucas B." →
// "Élève A", a bare "Lucas" stayed in the facts.
func TestPseudonymizerEveryForm(t *testing.T) {
	p := NewPseudonymizer([]Person{
		{Name: "Lucas B.", Pseudonym: "Élève A", Role: "élève"},
		{Name: "Ilyès Rose", Pseudonym: "Élève I"},
		{Name: "Jean-Marc Petit", Pseudonym: "Parent P3", Forms: []string{"JM", "Petit"}},
		{Name: "Lucas Moreau", Pseudonym: "Élève M"},
		{Name: "Mme Lemaire", Pseudonym: "Parent P1"},
	})
	for in, want := range map[string]string{
		"lucas b. a filmé":                          "Élève A a filmé",
		"L. B. puis L.B. puis l.b.":                 "Élève A puis Élève A puis Élève A",
		"le frère d’Ilyès est venu":                 "le frère d’Élève I est venu",
		"ilyes a jeté une rose":                     "Élève I a jeté une rose",
		"Jean a vu Jean-Marc et JM":                 "Jean a vu Parent P3 et Parent P3",
		"un petit mot de M. Petit":                  "un Parent P3 mot de Parent P3",
		"Lucas a dit":                               "Élève A / Élève M a dit",
		"Lemaire, puis Mme Lemaire, Madame Lemaire": "Parent P1, puis Parent P1, Parent P1",
	} {
		if got := p.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := p.Quote("Dis à Lucas B. qu’il arrête"); got != "Dis à [Élève A] qu’il arrête" {
		t.Errorf("in exact words, a replacement is marked: %q", got)
	}
	var rose, lucas Replacement
	for _, r := range p.Replacements() {
		switch r.Pseudonym {
		case "Élève I":
			rose = r
		case "Élève A":
			lucas = r
		}
	}
	if !slices.Equal(rose.Held, []string{"Rose"}) || !slices.Contains(rose.Forms, "Ilyès") {
		t.Errorf("a common word is held back until confirmed: %+v", rose)
	}
	if !slices.Equal(lucas.Forms, []string{"Lucas B.", "Lucas", "L. B."}) {
		t.Errorf("the forms shown for Lucas B.: %q", lucas.Forms)
	}
}

func TestPseudonymizedIncidentLeavesNothingBehind(t *testing.T) {
	p := NewPseudonymizer([]Person{{Name: "Kévin Martin", Pseudonym: "Élève A"}})
	in := sample(t)
	in.Description = "Kévin Martin a transmis le lien."
	in.MedicalNote = "suivi par le Dr X après Kévin Martin"
	in.Witnesses = []Witness{{Role: "collègue de Kévin Martin", Contact: "06 12 34 56 78"}}
	in.VideoCall = &VideoCall{Platform: "Zoom", MeetingID: "salle-kevin-martin"}
	out := p.Incident(in, false)
	if out.VideoCall.MeetingID != "salle-Élève A" {
		t.Errorf("meeting id: %q", out.VideoCall.MeetingID)
	}
	in.ExactWords = "Kévin, arrête"
	out = p.Incident(in, false)
	if out.ExactWords != "[Élève A], arrête" {
		t.Errorf("exact words: %q", out.ExactWords)
	}
	if out.Description != "Élève A a transmis le lien." || out.MedicalNote != "" || out.Witnesses[0].Contact != "" ||
		out.Witnesses[0].Role != "collègue de Élève A" {
		t.Fatalf("%+v", out)
	}
	if in.Description == out.Description {
		t.Fatal("the original was modified")
	}
	if p.Incident(in, true).MedicalNote != "suivi par le Dr X après Élève A" {
		t.Fatal("health included on request, pseudonymised")
	}
}

func TestPeopleList(t *testing.T) {
	j, dir := newTestJournal(t)
	if err := j.People.Add(Person{Name: "Kévin Martin", Pseudonym: "Élève A", Role: "élève"}); err != nil {
		t.Fatal(err)
	}
	if err := j.People.Add(Person{Name: "kevin martin", Pseudonym: "Élève B"}); err != nil {
		t.Fatal(err)
	}
	if err := j.People.Add(Person{Name: "X", Pseudonym: "x"}); err == nil {
		t.Error("pseudonym equal to the name accepted")
	}
	j = reopen(t, j, dir)
	people, _ := j.People.List()
	if len(people) != 1 || people[0].Pseudonym != "Élève B" {
		t.Fatalf("%+v", people)
	}
	if err := j.People.Remove("KÉVIN MARTIN"); err != nil {
		t.Fatal(err)
	}
	if err := j.People.Remove("nobody"); err == nil {
		t.Error("removing an unknown person succeeded")
	}
}

// TestPeopleAddKeepsForms: adding a person again (a new pseudonym from
// the people screen, another --form on the command line) kept only the
// forms given that time, so a spelling the person had added earlier
// went out unreplaced in the next report.
func TestPeopleAddKeepsForms(t *testing.T) {
	j, dir := newTestJournal(t)
	if err := j.People.Add(Person{Name: "Lucas Bernard", Pseudonym: "Élève A", Forms: []string{"Lulu"}}); err != nil {
		t.Fatal(err)
	}
	if err := j.People.Add(Person{Name: "lucas bernard", Pseudonym: "Élève A", Forms: []string{"Le grand Lucas", "lulu"}}); err != nil {
		t.Fatal(err)
	}
	if err := j.People.Add(Person{Name: "Lucas Bernard", Pseudonym: "Lulu"}); err != nil {
		t.Fatal(err)
	}
	j = reopen(t, j, dir)
	people, _ := j.People.List()
	if len(people) != 1 || people[0].Pseudonym != "Lulu" || !slices.Equal(people[0].Forms, []string{"Le grand Lucas"}) {
		t.Fatalf("the forms given earlier must stay (but not one equal to the new pseudonym): %+v", people)
	}
	if got := NewPseudonymizer(people).Text("Le grand Lucas est venu"); got != "Lulu est venu" {
		t.Errorf("an earlier form left in the text: %q", got)
	}
	var fe *FieldError
	if err := j.People.Add(Person{Name: "Lucas Bernard", Pseudonym: "Lulu", Forms: []string{"deux\nlignes"}}); !errors.As(err, &fe) || fe.Field != "forms" {
		t.Errorf("a form on two lines must be a field error the faces can say: %v", err)
	}
}
