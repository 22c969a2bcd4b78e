package ui

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
)

func showReport(t *testing.T, g *gui) *reportScreen {
	t.Helper()
	g.main.showReport()
	s, ok := g.main.current.(*reportScreen)
	if !ok {
		t.Fatalf("report screen: %T", g.main.current)
	}
	return s
}

func hasEvent(t *testing.T, j *app.Journal, kind app.EventKind) bool {
	t.Helper()
	events, err := j.Chain.Events()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if app.KindOf(e) == kind {
			return true
		}
	}
	return false
}

// TestReportScreen: the report with its default choices (pseudonymised,
// no medical notes) is made in memory, previewed, saved where chosen
// with mode 0600, opened; the letter, the RSST text and the profile.
func TestReportScreen(t *testing.T) {
	g := unlockTestGUI(t)
	in1 := testIncident(3, "Kevin Martin a filmé la classe et publié la vidéo.")
	in1.MedicalNote = "Arrêt de travail de huit jours, suivi par le docteur Zorglub."
	if _, err := g.journal.Incidents.Create(in1); err != nil {
		t.Fatal(err)
	}
	if _, err := g.journal.Incidents.Create(testIncident(9, "Message menaçant sur Pronote")); err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	golden(t, "report.xml", g.win.Canvas())
	if w := g.win.Content().MinSize().Width; w > 1024 {
		t.Errorf("the report screen needs %.0f points of width", w)
	}

	// The people list, right there.
	p := s.opts.people
	test.Type(p.name, "Kevin Martin")
	test.Type(p.pseudo, "Élève A")
	test.Type(p.role, "élève")
	test.Tap(p.addBtn)
	if people, _ := g.journal.People.List(); len(people) != 1 || people[0].Pseudonym != "Élève A" {
		t.Fatalf("people: %+v", people)
	}
	if p.name.Text != "" {
		t.Error("the fields were not emptied after adding")
	}

	// Defaults: pseudonyms on, medical notes off; turning them on warns.
	if !s.opts.pseudo.Checked || s.opts.health.Checked {
		t.Fatal("unsafe defaults")
	}
	s.opts.health.SetChecked(true)
	if !s.opts.healthWarn.Visible() {
		t.Error("no warning for the medical notes")
	}
	s.opts.health.SetChecked(false)

	test.Tap(s.generateBtn)
	doc := s.panel.doc
	if doc == nil {
		t.Fatalf("no report made: %d dialogs", len(g.dialogs))
	}
	if !bytes.HasPrefix(doc.pdf, []byte("%PDF")) || doc.res.Incidents != 2 {
		t.Fatalf("report: %q…, %+v", doc.pdf[:min(8, len(doc.pdf))], doc.res)
	}
	if !hasEvent(t, g.journal, app.EventReportGenerated) {
		t.Error("no report_generated event in the chain")
	}
	if doc.name != "rapport-F3SCT-2026-03-20.pdf" {
		t.Errorf("default name %q", doc.name)
	}

	out := filepath.Join(t.TempDir(), doc.name)
	if err := s.panel.saveTo(out); err != nil {
		t.Fatal(err)
	}
	ownertest.Private(t, out)
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, err := exec.Command("pdftotext", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(text), "Kevin") || !strings.Contains(string(text), "Élève A") {
			t.Error("a listed name is in the pseudonymised report")
		}
		if strings.Contains(string(text), "Zorglub") {
			t.Error("the medical note is in the report")
		}
	}
	opened := captureOpen(t, g)
	test.Tap(s.panel.openBtn)
	if len(*opened) != 1 || (*opened)[0] != out {
		t.Errorf("opened %v", *opened)
	}

	// The letter, for chosen incidents.
	s.tabs.SelectIndex(reportTabDocuments)
	if !s.documents.letterBtn.Disabled() {
		t.Error("a letter can be drafted without incidents")
	}
	s.documents.letterPicker.set(s.documents.letterPicker.items[0].ID, true)
	test.Tap(s.documents.letterBtn)
	if s.panel.doc == nil || !bytes.HasPrefix(s.panel.doc.pdf, []byte("%PDF")) || !strings.HasPrefix(s.panel.doc.name, "lettre-protection") {
		t.Fatal("no letter made")
	}

	// The RSST text, to copy.
	s.documents.rsstSel.SetSelectedIndex(0)
	if !strings.Contains(s.documents.rsstText.Text, "Pronote") {
		t.Errorf("RSST text: %q", s.documents.rsstText.Text)
	}
	test.Type(s.documents.rsstText, "xyz")
	if strings.Contains(s.documents.rsstText.Text, "xyz") {
		t.Error("the RSST text can be changed")
	}
	test.Tap(s.documents.rsstCopy)
	if g.app.Clipboard().Content() != s.documents.rsstText.Text {
		t.Error("the RSST text was not copied")
	}

	// The profile.
	s.tabs.SelectIndex(reportTabProfile)
	test.Type(s.profile.name, "Claire Durand")
	test.Type(s.profile.workplace, "Lycée Jean-Moulin, Lille")
	test.Tap(s.profile.save)
	if p, _ := g.journal.Settings.Profile(); p.Name != "Claire Durand" || p.Workplace != "Lycée Jean-Moulin, Lille" {
		t.Errorf("profile %+v", p)
	}

	// Leaving the screen forgets the document.
	pdf := s.panel.doc.pdf
	g.main.showJournal()
	if s.panel.doc != nil || bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Error("the document stays in memory after leaving the screen")
	}
}

// TestReportChoices: the choices become report.Options as the command
// line's flags do.
func TestReportChoices(t *testing.T) {
	g := unlockTestGUI(t)
	in, err := g.journal.Incidents.Create(testIncident(3, "Appel insultant"))
	if err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	o := s.opts
	opts, err := o.options()
	if err != nil || opts.NoPseudonymize || opts.IncludeHealth || opts.Lang != i18n.French || len(opts.IncidentIDs) != 0 {
		t.Fatalf("defaults %+v %v", opts, err)
	}
	o.mode.SetSelected(o.mode.Options[1])
	if _, err := o.options(); err == nil {
		t.Error("no incident chosen, and no error")
	}
	o.picker.list.Select(0) // choosing the line ticks it
	if !o.picker.chosen[in.ID] {
		t.Fatal("choosing an incident's line did not tick it")
	}
	o.pseudo.SetChecked(false)
	o.authorPseudo.SetChecked(true)
	test.Type(o.authorName, "Enseignante A")
	o.language.SetSelectedIndex(1)
	test.Type(o.request, "Une enquête de la F3SCT.")
	opts, err = o.options()
	if err != nil || len(opts.IncidentIDs) != 1 || !opts.NoPseudonymize || opts.AuthorPseudonym != "Enseignante A" || opts.Lang != i18n.English || opts.Request == "" {
		t.Errorf("options %+v %v", opts, err)
	}
	if !o.namesWarn.Visible() {
		t.Error("no warning when names are kept")
	}
}
