package report

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// writeLetter writes a letter, checks it with qpdf and returns its text.
func writeLetter(t *testing.T, src Source, opts LetterOptions) (string, *Result) {
	_, text, res := writeLetterPDF(t, src, opts)
	return text, res
}

// writeLetterPDF writes a letter and returns the PDF too.
func writeLetterPDF(t *testing.T, src Source, opts LetterOptions) ([]byte, string, *Result) {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = testNow
	}
	var buf bytes.Buffer
	res, err := WriteLetter(context.Background(), src, opts, &buf)
	if err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	return buf.Bytes(), pdfText(t, buf.Bytes()), res
}

// TestLetter writes the letter of incidents of the demo journal, from a
// real vault: a first request (the profile's author, the DRAAF), adults
// named, pupils never, the lawyer's content.
func TestLetter(t *testing.T) {
	t.Parallel()
	j, secret := secretJournal(t)
	var ids []string
	for _, in := range j.Incidents.List(app.Filter{Perpetrator: "parent", Query: "portail"}) {
		ids = append(ids, in.ID)
	}
	ids = append(ids, secret.ID)
	text, res := writeLetter(t, JournalSource(j), LetterOptions{IncidentIDs: ids, Kind: app.DocLetterRequest})
	for _, want := range []string{
		"Claire Durand", "professeure certifiée de biologie-écologie", "Lycée agricole Jean-Monnet",
		"[Madame la Directrice régionale / Monsieur le Directeur régional] de l’alimentation, de l’agriculture et de la forêt",
		"Sous couvert de la voie hiérarchique", "Demande de protection fonctionnelle", "articles L134-1 et suivants",
		"sans qu’aucune faute personnelle puisse m’être imputée (article L134-5)",
		"1. Les faits", "2. Le lien avec mes fonctions", "Les mesures demandées",
		"sans attendre l’issue des procédures engagées", "que je choisirai librement", "décret n° 2017-97 du 26 janvier 2017",
		"de me proposer un soutien psychologique", "autorisations d’absence", "de réparer les préjudices que j’ai subis.",
		"Fait à Arras, le", "Signature", "Élève K s’est levé", "« Vous êtes nulle, je vais vous faire virer »",
		// the adult named, from the people list; the pupil by class or not at all
		"Mme Lemaire", "un courrier de votre part ou de la direction à Mme Lemaire",
		"des rencontres avec ce parent uniquement à l’initiative de l’établissement",
		// the link with the duties, incident by incident
		"aux abords de l’établissement",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the letter does not say %q", want)
		}
	}
	for _, secretText := range []string{"Dr Fabre", "Kevin Martin", "06 12 34 56 78", "Parent P1", "représentante du personnel", "Contact syndical"} {
		if strings.Contains(app.Fold(text), app.Fold(secretText)) {
			t.Errorf("the letter shows %q", secretText)
		}
	}
	events, _ := j.Chain.Events()
	if last := events[len(events)-1]; app.KindOf(last) != app.EventReportGenerated || last.Subject != "protection_letter" || last.Hash != res.SHA256 {
		t.Errorf("last event %+v", last)
	}
	if !hasWarning(res.Warnings, WarnNoAddressee) {
		t.Errorf("no warning for the addressee left to choose: %v", res.Warnings)
	}
	var buf bytes.Buffer
	if _, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{}, &buf); !errors.Is(err, ErrNoIncidentChosen) {
		t.Errorf("no incident: %v", err)
	}
}

func hasWarning(ws []Warning, kind WarningKind) bool {
	for _, w := range ws {
		if w.Kind == kind {
			return true
		}
	}
	return false
}

// TestLetterOneIncident: one incident, the profile's addressee and
// route, one salutation; the last page never holds the signature alone.
func TestLetterOneIncident(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola", Town: "Lille",
		Addressee: "Madame la Rectrice de l’académie de Lille", Via: "Madame la Principale du collège Zola"})
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -5), Kinds: []string{"threat"},
		Channels: []string{"phone"}, Description: "Appel menaçant.", Activity: "Permanence au CDI"})
	pdf, text, res := writeLetterPDF(t, sourceOf(m), LetterOptions{IncidentIDs: []string{in.ID}})
	for _, want := range []string{"Madame la Rectrice de l’académie de Lille", "Sous couvert de Madame la Principale du collège Zola",
		"Madame la Rectrice,", "Je vous prie d’agréer, Madame la Rectrice, l’expression", "(activité : permanence au CDI)",
		"P. J. : aucune", "et de signaler vous-même ces faits au procureur de la République"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the letter does not say %q", want)
		}
	}
	if strings.Contains(text, "Monsieur le Recteur") {
		t.Error("the letter addresses two people at once")
	}
	last := pageText(t, pdf, res.Pages)
	if res.Pages > 1 && !strings.Contains(last, "de réparer les préjudices") {
		t.Errorf("the last page holds the signature alone: %q", last)
	}
	// Forms given replace the usual ones.
	text, _ = writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{in.ID}, Forms: []string{"une mesure demandée sur mesure"}})
	if !strings.Contains(text, "une mesure demandée sur mesure") || strings.Contains(text, "honoraires") {
		t.Error("the forms given are not the ones written")
	}
}

// TestLetterKinds is defect 4 of issue 11: what already happened decides
// the letter. An unanswered request past its implicit rejection calls for
// the reasons and a recours gracieux; a granted one, an extension to new
// facts; a planned step is never written as done.
func TestLetterKinds(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	m.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure", Workplace: "Collège Zola", Addressee: "Madame la Rectrice de l’académie de Lille"})
	day := func(daysAgo int) app.Date { return app.DateOf(testNow.AddDate(0, 0, -daysAgo)) }
	first := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -100), Kinds: []string{"insult"}, Setting: "classroom",
		Channels: []string{"in_person"}, Description: "Insultes en classe.",
		Actions: []app.Action{{Kind: "functional_protection", Date: day(95), ReceivedOn: day(93), Status: "awaiting_answer"},
			{Kind: "complaint", Date: day(99), Status: "planned"}}})
	text, _ := writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{first.ID}})
	ir := app.DateOf(testNow.AddDate(0, 0, -93)).AddMonths(2)
	for _, want := range []string{"Demande de communication des motifs d’une décision implicite de rejet", "L232-4",
		"une décision implicite de rejet est née le " + newTexts(i18n.French).day(ir)} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the letter after an implicit rejection does not say %q", want)
		}
	}
	text, _ = writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{first.ID}, Kind: app.DocLetterAppeal})
	for _, want := range []string{"Recours gracieux contre le rejet implicite", "aucune faute personnelle ne peut m’être imputée",
		"Ce recours interrompt le délai de recours contentieux (article L411-2"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the recours gracieux does not say %q", want)
		}
	}
	if strings.Contains(app.Fold(text), "plainte") {
		t.Error("a planned complaint is written as done")
	}

	granted := first.Clone()
	granted.Actions[0].Status, granted.Actions[0].AnswerDate = "answered", day(40)
	m.Amend(t, granted)
	later := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -3), Kinds: []string{"threat"}, Setting: "surroundings",
		Channels: []string{"in_person"}, Description: "Menaces à la sortie."})
	text, _ = writeLetter(t, sourceOf(m), LetterOptions{IncidentIDs: []string{first.ID, later.ID}})
	for _, want := range []string{"Demande d’extension de la protection fonctionnelle à des faits nouveaux",
		"Par décision du " + newTexts(i18n.French).day(day(40)) + ", vous m’avez accordé", "Les faits nouveaux", "Menaces à la sortie."} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the extension does not say %q", want)
		}
	}
	if strings.Contains(text, "Insultes en classe.") {
		t.Error("the extension repeats the facts already covered")
	}
	var buf bytes.Buffer
	_, err := WriteLetter(context.Background(), sourceOf(m), LetterOptions{IncidentIDs: []string{first.ID}, Now: testNow}, &buf)
	if !errors.Is(err, ErrNoLetter) {
		t.Errorf("protection granted for these facts: %v", err)
	}
}
