package report

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// TestLook writes every document of the demo journal (60 incidents) and
// of a one-incident journal, in French and English, as PDF and PNG pages
// into $TEMOIN_REPORT_PAGES, for a person to look at them: the report
// for each reader, each letter, the RSST text, the request to the head,
// the accident declaration helper. It does nothing without that
// variable.
func TestLook(t *testing.T) {
	dir := os.Getenv("TEMOIN_REPORT_PAGES")
	if dir == "" {
		t.Skip("set TEMOIN_REPORT_PAGES=DIR to write the documents' pages there")
	}
	j, _ := apptest.NewJournal(t)
	if _, err := app.FillDemo(context.Background(), j, testNow.AddDate(0, 0, -1)); err != nil {
		t.Fatal(err)
	}
	one := apptest.NewMemory()
	one.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure certifiée de lettres", Workplace: "Collège Émile-Zola, Roubaix",
		Authority: "académie de Lille", Town: "Roubaix", Addressee: "Madame la Rectrice de l’académie de Lille",
		Via: "Madame la Principale du collège Émile-Zola"})
	one.AddPerson(app.Person{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"})
	in := one.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -6).Truncate(60 * 60 * 1e9), Setting: "school_life",
		Place: "Bureau de la vie scolaire", Activity: "rendez-vous avec un parent", Kinds: []string{"insult", "threat"},
		Channels: []string{"in_person"}, Perpetrator: "parent", PerpetratorRef: "Parent P1", Dispute: "une sanction",
		Description: "Lors d’un rendez-vous, Mme Lemaire s’est levée, a frappé sur la table et m’a menacée devant la CPE.",
		ExactWords:  "« Vous allez le regretter »", Witnesses: []app.Witness{{Role: "CPE"}},
		Consequences: "Choc ; impossibilité de reprendre les cours l’après-midi.",
		Actions:      []app.Action{{Kind: "hierarchy_alert", Date: app.DateOf(testNow.AddDate(0, 0, -6)), Status: "done"}}})
	for _, lang := range i18n.Languages {
		suffix := "-" + lang.String()
		for _, a := range Audiences {
			look(t, dir, "demo-"+a.String()+suffix, func(w *bytes.Buffer) error {
				_, err := Write(context.Background(), JournalSource(j), Options{Lang: lang, Audience: a, Thumbnails: true,
					IncludeHealth: a != ForCommittee, Now: testNow}, w, nil)
				return err
			})
			look(t, dir, "one-"+a.String()+suffix, func(w *bytes.Buffer) error {
				_, err := Write(context.Background(), sourceOf(one), Options{Lang: lang, Audience: a, Now: testNow}, w, nil)
				return err
			})
		}
		lookLetters(t, dir, j, lang)
		look(t, dir, "one-letter"+suffix, func(w *bytes.Buffer) error {
			_, err := WriteLetter(context.Background(), sourceOf(one), LetterOptions{IncidentIDs: []string{in.ID}, Lang: lang, Now: testNow}, w)
			return err
		})
		look(t, dir, "one-rsst"+suffix, func(w *bytes.Buffer) error {
			_, err := WriteRSST(context.Background(), sourceOf(one), in.ID, RSSTOptions{Lang: lang, Now: testNow}, w)
			return err
		})
		look(t, dir, "one-school"+suffix, func(w *bytes.Buffer) error {
			_, err := WriteSchoolReport(context.Background(), sourceOf(one), FormOptions{IncidentID: in.ID, Lang: lang, Now: testNow}, w)
			return err
		})
		look(t, dir, "one-accident"+suffix, func(w *bytes.Buffer) error {
			_, err := WriteAccidentHelp(context.Background(), sourceOf(one), FormOptions{IncidentID: in.ID, Lang: lang, Now: testNow}, w)
			return err
		})
	}
}

// lookLetters writes each kind of letter the demo's steps call for.
func lookLetters(t *testing.T, dir string, j *app.Journal, lang i18n.Lang) {
	all := j.Incidents.List(app.Filter{})
	find := func(test func(in *app.Incident) bool) string {
		for _, in := range all {
			if test(in) {
				return in.ID
			}
		}
		t.Fatal("no incident for a letter")
		return ""
	}
	rejected := find(func(in *app.Incident) bool {
		return in.HasAction("functional_protection") && in.HasAction("sick_leave")
	})
	granted := find(func(in *app.Incident) bool {
		return in.HasAction("school_report") && in.HasAction("functional_protection")
	})
	later := find(func(in *app.Incident) bool { return in.HasChannel("sms") })
	for name, ids := range map[string][]string{"letter-reasons": {rejected}, "letter-extension": {granted, later}} {
		look(t, dir, "demo-"+name+"-"+lang.String(), func(w *bytes.Buffer) error {
			_, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{IncidentIDs: ids, Lang: lang, Now: testNow}, w)
			return err
		})
	}
	look(t, dir, "demo-letter-appeal-"+lang.String(), func(w *bytes.Buffer) error {
		_, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{IncidentIDs: []string{rejected}, Kind: app.DocLetterAppeal,
			Lang: lang, Now: testNow}, w)
		return err
	})
	look(t, dir, "demo-school-agri-"+lang.String(), func(w *bytes.Buffer) error {
		_, err := WriteSchoolReport(context.Background(), JournalSource(j), FormOptions{IncidentID: later, Lang: lang, Now: testNow}, w)
		return err
	})
}

// look writes a document and its pages.
func look(t *testing.T, dir, name string, write func(w *bytes.Buffer) error) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	checkPDF(t, buf.Bytes())
	writePages(t, buf.Bytes(), dir, name)
}
