package app

import "testing"

func TestPseudonymizer(t *testing.T) {
	p := NewPseudonymizer([]Person{
		{Name: "Kévin Martin", Pseudonym: "Élève A"},
		{Name: "Kevin", Pseudonym: "Élève K"},
		{Name: "Mme Dubois-Léger", Pseudonym: "Parent P1"},
	})
	for in, want := range map[string]string{
		"kevin MARTIN a crié.":              "Élève A a crié.",
		"KÉVIN Martin, puis Kevin seul":     "Élève A, puis Élève K seul",
		"Martinez n’est pas Martin":         "Martinez n’est pas Martin",
		"Kevinette":                         "Kevinette",
		"Appel de Mme Dubois-Leger (mère).": "Appel de Parent P1 (mère).",
		"Mme Dubois Léger a écrit":          "Parent P1 a écrit",
		"«Kévin Martin»":                    "«Élève A»",
		"Kevin\nKevin":                      "Élève K\nÉlève K",
		"rien à remplacer, œuvre et cœur":   "rien à remplacer, œuvre et cœur",
		"L’Élève Kévin   Martin, en cours":  "L’Élève Élève A, en cours",
	} {
		if got := p.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
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
