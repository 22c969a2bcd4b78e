package ui

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestReportStaleAfterChange (issue 12, bug 1): once a document is made,
// any change of a choice (pseudonyms, health notes, language, the text
// for the committee, the reader, the incidents chosen, the people list)
// marks it out of date, and nothing out of date can be saved; choosing
// again what the document was made with makes it current again.
func TestReportStaleAfterChange(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Kevin Martin a filmé la classe.")); err != nil {
		t.Fatal(err)
	}
	if _, err := g.journal.Incidents.Create(testIncident(9, "Message menaçant sur Pronote")); err != nil {
		t.Fatal(err)
	}
	s := showReport(t, g)
	o := s.opts
	dir := t.TempDir()
	changes := []struct {
		name         string
		change, undo func()
	}{
		{"pseudonyms", func() { o.pseudo.SetChecked(false) }, func() { o.pseudo.SetChecked(true) }},
		{"health notes", func() { o.health.SetChecked(true) }, func() { o.health.SetChecked(false) }},
		{"language", func() { o.language.SetSelectedIndex(1) }, func() { o.language.SetSelectedIndex(0) }},
		{"request", func() { test.Type(o.request, "Une enquête.") }, func() { o.request.SetText("") }},
		{"reader", func() { o.audience.SetSelected(o.audience.Options[2]) }, func() { o.audience.SetSelected(o.audience.Options[0]) }},
		{"incidents", func() { o.mode.SetSelected(o.mode.Options[1]); o.picker.list.Select(0) },
			func() { o.picker.set(o.picker.items[0].ID, false); o.mode.SetSelected(o.mode.Options[0]) }},
		{"people", func() {
			test.Type(o.people.name, "Kevin Martin")
			test.Type(o.people.pseudo, "Élève A")
			test.Tap(o.people.addBtn)
		}, func() { o.people.remove("Kevin Martin") }},
	}
	test.Tap(s.generateBtn)
	if s.panel.doc == nil {
		t.Fatal("no report made")
	}
	for _, c := range changes {
		c.change()
		if !s.panel.stale() {
			t.Errorf("%s: the preview is not marked out of date", c.name)
		}
		if s.panel.saveBtn.Disabled() == false || !s.panel.staleNote.Visible() {
			t.Errorf("%s: the out-of-date report can still be saved, or nothing says it is out of date", c.name)
		}
		out := filepath.Join(dir, c.name+".pdf")
		if err := s.panel.saveTo(out); !errors.Is(err, errStaleDocument()) {
			t.Errorf("%s: saving the out-of-date report: %v", c.name, err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: an out-of-date report was written", c.name)
		}
		c.undo()
		if s.panel.stale() || s.panel.saveBtn.Disabled() {
			t.Errorf("%s: back to the choices the report was made with, it is still out of date", c.name)
		}
	}
	// Regenerating makes the document current.
	o.pseudo.SetChecked(false)
	test.Tap(s.panel.regenBtn)
	if s.panel.stale() || s.panel.doc == nil {
		t.Fatal("regenerating did not make the document current")
	}
	if err := s.panel.saveTo(filepath.Join(dir, "fresh.pdf")); err != nil {
		t.Fatal(err)
	}
}

// TestLetterStaleAfterChange: the same rule for the letter made on the
// documents tab: the incidents chosen and its language.
func TestLetterStaleAfterChange(t *testing.T) {
	g := unlockTestGUI(t)
	for _, d := range []int{3, 9} {
		if _, err := g.journal.Incidents.Create(testIncident(d, "Insultes en classe.")); err != nil {
			t.Fatal(err)
		}
	}
	s := showReport(t, g)
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	d.letterPicker.set(d.letterPicker.items[0].ID, true)
	test.Tap(d.letterBtn)
	if s.panel.doc == nil {
		t.Fatalf("no letter made: %d dialogs", len(g.dialogs))
	}
	d.letterPicker.set(d.letterPicker.items[1].ID, true)
	if !s.panel.stale() {
		t.Error("choosing another incident does not mark the letter out of date")
	}
	d.letterPicker.set(d.letterPicker.items[1].ID, false)
	d.docLang.SetSelectedIndex(1)
	if !s.panel.stale() {
		t.Error("changing the letter's language does not mark it out of date")
	}
}
