package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// formJournal is a journal with a profile and one threatening parent.
func formJournal(t *testing.T, p app.Profile) (*apptest.Memory, *app.Incident) {
	t.Helper()
	m := apptest.NewMemory()
	m.SetProfile(p)
	m.AddPerson(app.Person{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"})
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -3).Truncate(3600e9), Setting: "school_life",
		Place: "Bureau de la vie scolaire", Activity: "Rendez-vous avec un parent", Kinds: []string{"threat", "insult"},
		Channels: []string{"in_person"}, Perpetrator: "parent", PerpetratorRef: "Parent P1",
		Description: "Mme Lemaire s’est levée et m’a menacée.", ExactWords: "« Vous allez le regretter »",
		Witnesses: []app.Witness{{Role: "CPE", Contact: "cpe@example.org"}},
		Actions: []app.Action{{Kind: "hierarchy_alert", Date: app.DateOf(testNow.AddDate(0, 0, -3)), Status: "done"},
			{Kind: "complaint", Date: app.DateOf(testNow.AddDate(0, 0, -2)), Reference: "PV 2026/1", Status: "done"}}})
	return m, in
}

func writeForm(t *testing.T, write func(context.Context, Source, FormOptions, *bytes.Buffer) (*Result, error), src Source, opts FormOptions) string {
	t.Helper()
	opts.Now = testNow
	var buf bytes.Buffer
	if _, err := write(context.Background(), src, opts, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	return pdfText(t, buf.Bytes())
}

func schoolReport(ctx context.Context, src Source, opts FormOptions, w *bytes.Buffer) (*Result, error) {
	return WriteSchoolReport(ctx, src, opts, w)
}

func accidentHelp(ctx context.Context, src Source, opts FormOptions, w *bytes.Buffer) (*Result, error) {
	return WriteAccidentHelp(ctx, src, opts, w)
}

// TestSchoolReportRequest: the request to the head of establishment to
// enter a fact in « Faits établissement » (code de l'éducation, art.
// R421-10-2), with the level suggested and why, the adult named; in
// agricultural education, the report of the aggression to the ministry.
func TestSchoolReportRequest(t *testing.T) {
	t.Parallel()
	m, in := formJournal(t, app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola",
		Town: "Roubaix", Via: "Madame la Principale du collège Zola"})
	text := writeForm(t, schoolReport, sourceOf(m), FormOptions{IncidentID: in.ID})
	for _, want := range []string{"Madame la Principale du collège Zola", "Demande de signalement d’un fait dans l’application « Faits établissement »",
		"article R421-10-2", "Mme Lemaire", "« Vous allez le regretter »", "le niveau 2 (fait grave) me paraît adapté",
		"infraction pénale apparente", "plainte déposée", "Je vous laisse bien entendu en juger", "article 40 du code de procédure pénale",
		"Madame la Principale,"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the request does not say %q", want)
		}
	}
	if strings.Contains(text, "cpe@example.org") || strings.Contains(text, "Parent P1") {
		t.Error("the request gives a contact or a pseudonym")
	}
	agri, in := formJournal(t, app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Lycée agricole", Agricultural: true})
	text = writeForm(t, schoolReport, sourceOf(agri), FormOptions{IncidentID: in.ID, Lang: i18n.French})
	if !strings.Contains(text, "SG/SRH/SDDPRS/2016-336") || strings.Contains(text, "Faits établissement") {
		t.Errorf("agricultural education: %s", text)
	}
}

func TestSuggestLevel(t *testing.T) {
	for _, c := range []struct {
		in   app.Incident
		want int
	}{
		{app.Incident{Kinds: []string{"other"}}, 1},
		{app.Incident{Kinds: []string{"insult"}}, 2},
		{app.Incident{Kinds: []string{"doxxing", "threat"}}, 3},
		{app.Incident{Kinds: []string{"threat"}, Description: "Il connaît mon adresse."}, 3},
		{app.Incident{Kinds: []string{"physical"}, MedicalNote: "ITT"}, 3},
	} {
		if got := SuggestLevel(&c.in, true); got != c.want {
			t.Errorf("%v: level %d, want %d", c.in.Kinds, got, c.want)
		}
	}
}

// TestAccidentHelper: the help to declare an accident de service follows
// the form's order, gives the last day, and leaves the injuries to the
// medical certificate.
func TestAccidentHelper(t *testing.T) {
	t.Parallel()
	m, in := formJournal(t, app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola", Status: "titulaire"})
	text := writeForm(t, accidentHelp, sourceOf(m), FormOptions{IncidentID: in.ID, IncludeHealth: true})
	due := nextDue(in)
	for _, want := range []string{"Aide à la déclaration d’accident de service", "jusqu’au " + newTexts(i18n.French).longDay(due) + " inclus",
		"art. 47-3", "1. Victime", "2. Accident", "3. Circonstances détaillées", "4. Témoins", "5. Lésions", "6. Suites", "7. Pièces à joindre",
		"cerfa n° 11138", "Choc psychologique consécutif à l’agression.", "48 heures", "titulaire", "la direction, le",
		"à compléter sur le formulaire"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the helper does not say %q", want)
		}
	}
	if strings.Contains(text, "Mme Lemaire") {
		t.Error("the helper names the perpetrator without being asked")
	}
	if text := writeForm(t, accidentHelp, sourceOf(m), FormOptions{IncidentID: in.ID, NamePerpetrator: true, WitnessContacts: true}); !strings.Contains(text, "Mme Lemaire") || !strings.Contains(text, "cpe@example.org") {
		t.Error("the perpetrator or the witness's contact is not given when chosen")
	}
	contract, in := formJournal(t, app.Profile{Name: "Claire Durand", Status: "contractuel"})
	if text := writeForm(t, accidentHelp, sourceOf(contract), FormOptions{IncidentID: in.ID}); !strings.Contains(text, "24 heures") {
		t.Error("contract staff are not told of the 24 hours")
	}
}

// nextDue is the last day to declare an incident as an accident.
func nextDue(in *app.Incident) app.Date {
	for _, d := range app.IncidentDeadlines(in, app.DateOf(testNow)) {
		if d.Rule == app.RuleWorkAccident {
			return d.Due
		}
	}
	return app.Date{}
}
