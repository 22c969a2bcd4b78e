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

// TestLetter writes the letter of incidents of the demo journal, from a
// real vault.
func TestLetter(t *testing.T) {
	t.Parallel()
	j, secret := secretJournal(t)
	var ids []string
	for _, in := range j.Incidents.List(app.Filter{Perpetrator: "parent"}) {
		ids = append(ids, in.ID)
	}
	ids = append(ids, secret.ID)
	var buf bytes.Buffer
	res, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{IncidentIDs: ids, Now: testNow}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{
		"Claire Durand", "professeure certifiée de biologie-écologie", "Lycée agricole Jean-Monnet",
		"de l’alimentation, de l’agriculture et de la forêt", "DRAAF Hauts-de-France", "Sous couvert de la voie hiérarchique",
		"Demande de protection fonctionnelle", "articles L134-1 et suivants", "L134-5",
		"1. Les faits", "2. Le lien avec mes fonctions", "5. Les mesures de protection demandées",
		"de prendre en charge les frais d’avocat et de procédure", "Fait à Arras, le", "Signature", "Pièces jointes",
		"Élève K s’est levé", "« Vous êtes nulle, je vais vous faire virer »",
	} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the letter does not say %q", want)
		}
	}
	// The facts in chronological order.
	first := j.Incidents.List(app.Filter{Perpetrator: "parent"})
	oldest, newest := first[len(first)-1], secret
	if a, b := strings.Index(text, squash(oldest.Description[:40])), strings.Index(text, "Élève K s’est levé"); a < 0 || b < a {
		t.Errorf("facts out of order (%d, %d)", a, b)
	}
	for _, secretText := range []string{"Dr Fabre", "Kevin Martin", "06 12 34 56 78"} {
		if strings.Contains(app.Fold(text), app.Fold(secretText)) {
			t.Errorf("the letter shows %q", secretText)
		}
	}
	if newest.ID == "" || res.Pages < 2 {
		t.Errorf("%d pages", res.Pages)
	}
	events, _ := j.Chain.Events()
	if last := events[len(events)-1]; app.KindOf(last) != app.EventReportGenerated || last.Subject != "protection_letter" || last.Hash != res.SHA256 {
		t.Errorf("last event %+v", last)
	}

	if _, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{}, &buf); !errors.Is(err, ErrNoIncidentChosen) {
		t.Errorf("no incident: %v", err)
	}
}

func TestLetterRecteur(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	in := m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -5), Kinds: []string{"threat"},
		Channels: []string{"phone"}, Description: "Appel menaçant.", Activity: "Permanence au CDI"})
	var buf bytes.Buffer
	_, err := WriteLetter(context.Background(), sourceOf(m), LetterOptions{IncidentIDs: []string{in.ID}, Lang: i18n.French,
		Forms: []string{"une mesure demandée sur mesure"}}, &buf)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	for _, want := range []string{"Madame la Rectrice, Monsieur le Recteur,", "une mesure demandée sur mesure",
		"Permanence au CDI", "Fait à ………………, le ………………", "P. J. : aucune"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the letter does not say %q", want)
		}
	}
	if strings.Contains(text, "frais d’avocat") {
		t.Error("the usual forms were added to the ones given")
	}
}
