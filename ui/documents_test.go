package ui

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// TestReportReader (issue 11, defect 7): the reader chosen on the report
// screen becomes the report's audience; the witnesses' contacts are
// offered for the lawyer only; the private notes only when ticked.
func TestReportReader(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Appel insultant")); err != nil {
		t.Fatal(err)
	}
	o := showReport(t, g).opts
	opts, _ := o.options()
	if opts.Audience != report.ForCommittee || opts.IncludeNotes || o.contacts.Visible() {
		t.Fatalf("defaults: %+v", opts)
	}
	o.audience.SetSelected(o.audience.Options[2])
	if !o.contacts.Visible() {
		t.Error("the witnesses' contacts are not offered for the lawyer")
	}
	o.contacts.SetChecked(true)
	o.notes.SetChecked(true)
	if opts, _ = o.options(); opts.Audience != report.ForLawyer || !opts.WitnessContacts || !opts.IncludeNotes {
		t.Errorf("lawyer: %+v", opts)
	}
	o.audience.SetSelected(o.audience.Options[1])
	if opts, _ = o.options(); opts.Audience != report.ForRepresentative || opts.WitnessContacts || o.contacts.Visible() {
		t.Errorf("representative: %+v", opts)
	}
}

// TestReplacementsShown (issue 11, defect 2): the report screen shows the
// words the documents will replace, holds back a common word until the
// person confirms it, and takes forms the person adds.
func TestReplacementsShown(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Rose Bernard et Lulu ont crié.")); err != nil {
		t.Fatal(err)
	}
	o := showReport(t, g).opts
	test.Type(o.people.name, "Rose Bernard")
	test.Type(o.people.pseudo, "Élève A")
	test.Tap(o.people.addBtn)
	text := labelTexts(o.replaced)
	for _, want := range []string{"Élève A remplace", "« Rose Bernard »", "« Bernard »", "« Rose » (Rose Bernard) est aussi un mot courant"} {
		if !strings.Contains(text, want) {
			t.Errorf("the replacements do not show %q", want)
		}
	}
	btn := o.repl.confirm["Rose"]
	if btn == nil {
		t.Fatal("no button to confirm « Rose »")
	}
	test.Tap(btn)
	test.Type(o.repl.form, "Lulu")
	test.Tap(o.repl.addBtn)
	people, _ := g.journal.People.List()
	if len(people) != 1 || strings.Join(people[0].Forms, ",") != "Rose,Lulu" {
		t.Fatalf("forms %+v", people)
	}
	text = labelTexts(o.replaced)
	if !strings.Contains(text, "« Lulu »") || strings.Contains(text, "est aussi un mot courant") {
		t.Error("the forms added are not listed as replaced")
	}
}

// TestLetterFromSteps (issue 11, defect 4): the documents tab offers the
// letter the steps recorded call for, says what to know before sending
// it, and offers none, with the reason, when none is called for.
func TestLetterFromSteps(t *testing.T) {
	g := unlockTestGUI(t)
	pending := testIncident(3, "Insultes en classe.")
	pending.Actions = []app.Action{{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: time.March, Day: 5}, Status: "awaiting_answer"}}
	p, err := g.journal.Incidents.Create(pending)
	if err != nil {
		t.Fatal(err)
	}
	old := testIncident(3, "Menaces devant le collège.")
	old.OccurredAt = time.Date(2025, 12, 1, 16, 0, 0, 0, time.UTC)
	old.Actions = []app.Action{{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: time.January, Day: 5}, Status: "awaiting_answer"}}
	o, err := g.journal.Incidents.Create(old)
	if err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	d.letterPicker.set(p.ID, true)
	if note := plain(d.letterNote.Text); !d.letterBtn.Disabled() || !strings.Contains(d.letterKind.Text, "Aucune lettre") ||
		!strings.Contains(note, "Votre demande du 5 mars 2026 est en cours") || !strings.Contains(note, "réputée rejetée le 5 mai 2026") {
		t.Errorf("pending request: %q / %q", d.letterKind.Text, d.letterNote.Text)
	}
	d.letterPicker.set(p.ID, false)
	d.letterPicker.set(o.ID, true)
	if d.letterBtn.Disabled() || !strings.Contains(d.letterKind.Text, "demande des motifs") || !d.alsoBtn.Visible() ||
		!strings.Contains(d.alsoBtn.Text, "recours gracieux") || !strings.Contains(d.letterNote.Text, "au plus tard le") {
		t.Errorf("implicit rejection: %q / %q / %q", d.letterKind.Text, d.alsoBtn.Text, d.letterNote.Text)
	}
	test.Tap(d.alsoBtn)
	if s.panel.doc == nil || !bytes.HasPrefix(s.panel.doc.pdf, []byte("%PDF")) {
		t.Fatalf("no recours gracieux made: %d dialogs", len(g.dialogs))
	}
	pdf := pdfText(t, s.panel.doc.pdf)
	if pdf != "" && !strings.Contains(pdf, "recours gracieux") {
		t.Errorf("the letter made is not the recours gracieux:\n%s", pdf)
	}
}

// TestProceduresShown (issue 11, « Beyond »): for the incident chosen,
// each procedure with where it stands, its next deadline said as its last
// day, and the document that moves it on.
func TestProceduresShown(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(12, "Un parent a bousculé l'enseignante.")); err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	d.rsstSel.SetSelectedIndex(0)
	var accident *pathRow
	for _, r := range d.pathRows {
		if r.path.Kind == app.PathAccident {
			accident = r
		}
	}
	if accident == nil || accident.next == nil || accident.doc == nil {
		t.Fatalf("no accident path with its deadline and document: %+v", d.pathRows)
	}
	if want := "jusqu’au vendredi 27 mars 2026 inclus"; !strings.Contains(plain(accident.next.Text), want) {
		t.Errorf("deadline %q, want %q", accident.next.Text, want)
	}
	if !strings.Contains(accident.state.Text, "Accident de service") {
		t.Errorf("state %q", accident.state.Text)
	}
	for _, tc := range []struct {
		btn  func()
		name string
		want string
	}{
		{func() { test.Tap(accident.doc) }, "aide-declaration-accident", "accident"},
		{func() { test.Tap(d.schoolBtn) }, "demande-faits-etablissement", "Faits établissement"},
		{func() { test.Tap(d.rsstPDFBtn) }, "fiche-RSST", "RSST"},
	} {
		tc.btn()
		doc := s.panel.doc
		if doc == nil || !bytes.HasPrefix(doc.pdf, []byte("%PDF")) || !strings.HasPrefix(doc.name, tc.name) {
			t.Fatalf("%s: not made (%d dialogs)", tc.name, len(g.dialogs))
		}
		if text := pdfText(t, doc.pdf); text != "" && !strings.Contains(strings.ReplaceAll(text, "\n", " "), tc.want) {
			t.Errorf("%s: %q not in the PDF", tc.name, tc.want)
		}
	}
}

// pdfText returns the text of a PDF read back with pdftotext, "" when
// pdftotext is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		return ""
	}
	cmd := exec.Command("pdftotext", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// plain replaces no-break spaces by spaces.
func plain(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// labelTexts returns the texts of the labels and buttons under o, one a
// line, no-break spaces as spaces.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(plain(w.Text) + "\n")
		case *widget.Button:
			b.WriteString(plain(w.Text) + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

// TestRSSTChoices (issue 11, defect 9): the RSST entry, read by every
// member of staff, leaves the complaint and the protection request out
// unless the person adds them, and is marked out of date once made when
// a choice changes.
func TestRSSTChoices(t *testing.T) {
	g := unlockTestGUI(t)
	in := testIncident(12, "Un parent a menacé l'enseignante.")
	in.Actions = []app.Action{{Kind: "complaint", Date: app.Date{Year: 2026, Month: time.March, Day: 13}, Status: "done", Reference: "PV 2026/123"},
		{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: time.March, Day: 14}, Status: "awaiting_answer"}}
	if _, err := g.journal.Incidents.Create(in); err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	d.rsstSel.SetSelectedIndex(0)
	plainText := func() string { return strings.ToLower(d.rsstText.Text) }
	if strings.Contains(plainText(), "plainte") || strings.Contains(plainText(), "demande de protection") {
		t.Errorf("the RSST entry mentions the complaint or the protection request by default:\n%s", d.rsstText.Text)
	}
	test.Tap(d.rsstPDFBtn)
	if s.panel.doc == nil {
		t.Fatal("no RSST entry made")
	}
	d.rsstCh.complaint.SetChecked(true)
	if !strings.Contains(plainText(), "plainte") {
		t.Errorf("the complaint ticked is not mentioned:\n%s", d.rsstText.Text)
	}
	if !s.panel.stale() {
		t.Error("the RSST entry made is not out of date after a choice changed")
	}
	d.rsstCh.protection.SetChecked(true)
	if !strings.Contains(plainText(), "demande de protection") {
		t.Errorf("the protection request ticked is not mentioned:\n%s", d.rsstText.Text)
	}
	// The text to copy follows the people list changed on the report tab.
	in.Description = "Mme Lemaire a menacé l'enseignante."
	if _, err := g.journal.Incidents.Amend(d.chosenIncident().ID, in); err != nil {
		t.Fatal(err)
	}
	d.showRSST()
	if !strings.Contains(d.rsstText.Text, "Lemaire") {
		t.Fatalf("the amended facts are not shown:\n%s", d.rsstText.Text)
	}
	p := s.opts.people
	test.Type(p.name, "Mme Lemaire")
	test.Type(p.pseudo, "Parent P9")
	test.Tap(p.addBtn)
	if strings.Contains(d.rsstText.Text, "Lemaire") {
		t.Errorf("the RSST text names a person of the people list:\n%s", d.rsstText.Text)
	}
}

// TestLetterNamesAdults (issue 11, defect 5): in the letter, adults are
// named by default and pupils never; the person may show adults by their
// pseudonym too. The saved letter can be shown in its folder.
func TestLetterNamesAdults(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is needed to read the letter back")
	}
	g := unlockTestGUI(t)
	for _, p := range []app.Person{{Name: "Mme Lemaire", Pseudonym: "Parent P1", Role: "parent"}, {Name: "Kevin Martin", Pseudonym: "Élève A", Role: "élève"}} {
		if err := g.journal.People.Add(p); err != nil {
			t.Fatal(err)
		}
	}
	in, err := g.journal.Incidents.Create(testIncident(12, "Mme Lemaire a crié dans le couloir ; Kevin Martin a filmé."))
	if err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	d.letterPicker.set(in.ID, true)
	test.Tap(d.letterBtn)
	text := strings.Join(strings.Fields(pdfText(t, s.panel.doc.pdf)), " ")
	if !strings.Contains(text, "Lemaire") || strings.Contains(text, "Kevin") || !strings.Contains(text, "Élève A") {
		t.Errorf("by default the adult must be named and the pupil never:\n%s", text)
	}
	d.nameAdults.SetChecked(false)
	if !s.panel.stale() {
		t.Error("the letter is not out of date once adults are to be pseudonymised")
	}
	test.Tap(s.panel.regenBtn)
	text = strings.Join(strings.Fields(pdfText(t, s.panel.doc.pdf)), " ")
	if strings.Contains(text, "Lemaire") || !strings.Contains(text, "Parent P1") {
		t.Errorf("the adult is named although pseudonyms were chosen:\n%s", text)
	}
	out := filepath.Join(t.TempDir(), s.panel.doc.name)
	if err := s.panel.saveTo(out); err != nil {
		t.Fatal(err)
	}
	opened := captureOpen(t, g)
	test.Tap(s.panel.folderBtn)
	if len(*opened) != 1 || (*opened)[0] != filepath.Dir(out) {
		t.Errorf("opened %v", *opened)
	}
}
