package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
)

// receivedFromColleague unlocks a representative's journal, shows their
// screen and receives a bundle of a colleague's journal (cj), encrypted
// to the representative's key.
func receivedFromColleague(t *testing.T) (g *gui, s *representativeScreen, cj *app.Journal, key string) {
	t.Helper()
	g = unlockTestGUI(t)
	id, err := g.journal.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	key = id.Recipient().String()
	s = showRepresentative(t, g)
	cj = colleagueJournal(t, "collegue", "Intrusion pendant la classe virtuelle")
	s.receiveFile(colleagueBundle(t, cj, key, "a.zip.age"), nil)
	return g, s, cj, key
}

// TestNameAndAnnotateColleague: the representative names a colleague and
// keeps dated notes on them from the case's card; the name titles all the
// colleague's bundles, including one received later, and a note can be
// changed; a note left empty is refused in a sentence, keeping the name
// being typed. Neither the name nor a note goes into the synthesis.
func TestNameAndAnnotateColleague(t *testing.T) {
	g, s, cj, key := receivedFromColleague(t)
	vaultID := s.received.Contents.Manifest.VaultID
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Collègue 1 · dossier du") {
		t.Fatal("the colleague is not numbered before being named")
	}
	trustFirstKey(t, g, s, cj, "Collègue du 3 mars")
	g.closeDialogs()

	cc := s.caseCards[s.received.Case.ID]
	if cc.colleague == nil {
		t.Fatal("no way to name the colleague from the case")
	}
	test.Tap(cc.colleague)
	p := s.colleague
	if p == nil || len(g.dialogs) != 1 || p.vaultID != vaultID {
		t.Fatal("the colleague's dialog is not shown")
	}
	if p.name.Text != "Collègue du 3 mars" {
		t.Errorf("the name field shows %q, not the name given with the key", p.name.Text)
	}
	p.name.SetText("Mme Durand")
	test.Tap(p.saveName)
	if c, _ := g.journal.Cases.Colleague(vaultID); c.Name != "Mme Durand" {
		t.Fatalf("named %q", c.Name)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Signé par Mme Durand") {
		t.Error("the case is not shown as signed by the colleague's new name")
	}

	const note = "Appel le 3/12 : veut saisir la F3SCT"
	test.Type(p.newNote, note)
	test.Tap(p.addNote)
	c, _ := g.journal.Cases.Colleague(vaultID)
	if len(c.Notes) != 1 || c.Notes[0].Text != note || p.newNote.Text != "" {
		t.Fatalf("notes %+v, field %q", c.Notes, p.newNote.Text)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), note) {
		t.Error("the note is not shown")
	}

	// An empty note is refused in a sentence; the name being typed stays.
	p.name.SetText("Mme Durand, collège Jaurès")
	test.Tap(p.addNote)
	if len(g.dialogs) != 2 || !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Écrivez une note de 1 à") {
		t.Fatal("an empty note is not refused in a sentence")
	}
	g.escape()
	if p.name.Text != "Mme Durand, collège Jaurès" {
		t.Errorf("the name being typed was lost: %q", p.name.Text)
	}
	test.Tap(p.saveName)

	// A note changed keeps its date and says when it changed.
	test.Tap(p.edit[1])
	if p.editing == nil || p.editing.Text != note {
		t.Fatal("the note does not open for a change")
	}
	p.editing.SetText(note + ", rappeler lundi")
	test.Tap(p.saveEdit)
	c, _ = g.journal.Cases.Colleague(vaultID)
	if len(c.Notes) != 1 || c.Notes[0].Text != note+", rappeler lundi" || c.Notes[0].EditedAt.IsZero() {
		t.Fatalf("changed note %+v", c.Notes)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "modifiée le") {
		t.Error("the note does not say it was changed")
	}
	g.closeDialogs()

	// The next bundle of the same colleague comes under their name.
	if _, err := cj.Incidents.Create(testIncident(4, "Message insultant sur la messagerie")); err != nil {
		t.Fatal(err)
	}
	s.receiveFile(colleagueBundle(t, cj, key, "b.zip.age"), nil)
	g.closeDialogs()
	markup := test.RenderToMarkup(g.win.Canvas())
	if n := strings.Count(markup, "Mme Durand, collège Jaurès · dossier du"); n != 2 {
		t.Errorf("%d cases titled with the colleague's name, want 2", n)
	}
	if n := strings.Count(markup, "1 note, du "); n != 2 || !strings.Contains(markup, "rappeler lundi") {
		t.Errorf("%d cases say the colleague's notes", n)
	}

	// The synthesis names nobody.
	inputs, err := s.synthesisInputs()
	if err != nil || len(inputs) != 2 {
		t.Fatalf("inputs %d %v", len(inputs), err)
	}
	opts := s.synthesisOptions()
	opts.IncludeDescriptions = true
	out := filepath.Join(t.TempDir(), "synthese.pdf")
	if _, err := s.synthesisTo(out, inputs, opts); err != nil {
		t.Fatal(err)
	}
	pdf, _ := os.ReadFile(out)

	text := pdfText(t, pdf)
	for _, secret := range []string{"Durand", "rappeler lundi", "F3SCT : veut"} {
		if strings.Contains(text, secret) {
			t.Errorf("the synthesis says %q", secret)
		}
	}

	// Ctrl+Enter adds a note; Tab leaves the field for the button.
	test.Tap(s.caseCards[s.received.Case.ID].colleague)
	p = s.colleague
	if p.newNote.AcceptsTab() {
		t.Error("Tab stays in the note")
	}
	test.Type(p.newNote, "RDV le 10/12")
	p.newNote.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	if c, _ := g.journal.Cases.Colleague(vaultID); len(c.Notes) != 2 || c.Notes[1].Text != "RDV le 10/12" {
		t.Errorf("Ctrl+Enter did not add the note: %+v", c.Notes)
	}
	// Escape in the next note closes the dialog.
	if g.win.Canvas().Focused() != s.colleague.newNote {
		t.Error("the cursor is not in the next note")
	}
	s.colleague.newNote.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if len(g.dialogs) != 0 {
		t.Error("Escape in a note does not close the dialog")
	}
}

// TestSecondBundleSaysWhatIsNew: a colleague's second bundle says, when
// received, on its card and when browsed, what it brings since the first:
// the incidents new and changed, marked one by one.
func TestSecondBundleSaysWhatIsNew(t *testing.T) {
	g, s, cj, key := receivedFromColleague(t)
	if strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Depuis le dossier du") {
		t.Error("a first bundle says what is new")
	}
	g.closeDialogs()

	first := cj.Incidents.List(app.Filter{})[0].Clone()
	first.Description += " Les parents ont été prévenus."
	if _, err := cj.Incidents.Amend(first.ID, first); err != nil {
		t.Fatal(err)
	}
	if _, err := cj.Incidents.Create(testIncident(5, "Message insultant sur la messagerie")); err != nil {
		t.Fatal(err)
	}
	s.receiveFile(colleagueBundle(t, cj, key, "b.zip.age"), nil)
	const want = "1 nouvel incident, 1 incident modifié."
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), want) {
		t.Errorf("the bundle received does not say %q", want)
	}
	g.closeDialogs()
	markup := test.RenderToMarkup(g.win.Canvas())
	if !strings.Contains(markup, want) {
		t.Errorf("the case's card does not say %q", want)
	}
	// Both bundles were made in the same minute: the card says which one
	// it continues to the second.
	if !regexp.MustCompile(`Historique cohérent avec le dossier du [^<]*\(\d\d:\d\d:\d\d\)`).MatchString(markup) {
		t.Error("the card's continuity does not tell apart two bundles of the same minute")
	}
	test.Tap(s.caseCards[s.received.Case.ID].browse)
	markup = test.RenderToMarkup(g.win.Canvas())
	if strings.Count(markup, ">Nouveau<") != 1 || strings.Count(markup, ">Modifié depuis le dossier précédent<") != 1 {
		t.Error("the incidents new and changed are not marked")
	}
	newAt, changedAt := strings.Index(markup, ">Nouveau<"), strings.Index(markup, ">Modifié depuis")
	if newAt > changedAt {
		t.Error("the new incident does not come first")
	}
}
