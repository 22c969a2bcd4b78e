package ui

// Defects seen in the screenshots (make screenshots), each a test that
// failed before its fix, and the check that every screen fits 1024×600.

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// TestSpaceOpensWithoutTyping: Space on an incident of the journal opens
// it, and the same key is not typed into the incident (the window gets a
// key, then its character, each for the box focused at that moment: a
// date focused and selected on opening was replaced by a space).
func TestSpaceOpensWithoutTyping(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant")); err != nil {
		t.Fatal(err)
	}
	g.main.showJournal()
	s := g.main.journal
	s.refresh()
	c := g.win.Canvas()
	c.Focus(s.list)
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	e := g.main.editor
	if e == nil || g.main.current != e {
		t.Fatal("Space did not open the incident")
	}
	if f := c.Focused(); f != nil {
		f.TypedRune(' ')
	}
	if e.when.date.Text != "14/03/2026" || e.dirty {
		t.Errorf("the key that opened the incident changed it: date %q, changed %v", e.when.date.Text, e.dirty)
	}
}

// TestFirstStartFitsSmallScreen: the first start fits a 1024×600 screen
// (a small laptop): it scrolls instead of asking for a taller window,
// whose bottom (the journal's folder, the restore button) was cut off.
func TestFirstStartFitsSmallScreen(t *testing.T) {
	g := newTestGUI(t, false)
	if g.setup == nil {
		t.Fatal("no first-start screen")
	}
	if h := g.win.Content().MinSize().Height; h > 600 {
		t.Errorf("the first start needs a window %v high", h)
	}
}

// TestScreensFitSmallScreen: every screen of the navigation, and each
// section of the editor, fits a 1024×600 screen (a window cannot be made
// smaller than its content: what is beyond falls off the screen).
func TestScreensFitSmallScreen(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		g := demoGUI(t, lang)
		fits := func(what string) {
			t.Helper()
			if s := g.win.Content().MinSize(); s.Width > 1024 || s.Height > 600 {
				t.Errorf("%s, %s: the window must be at least %v", lang, what, s)
			}
		}
		for _, n := range g.main.nav {
			n.open()
			fits(n.id)
		}
		g.main.newIncident()
		fits("quick capture")
		g.main.showJournal()
		g.main.journal.open(g.main.journal.items[0])
		for i := range g.main.editor.tabs.Items {
			g.main.editor.tabs.SelectIndex(i)
			fits(g.main.editor.tabs.Items[i].Text)
		}
		g.lock()
		fits("unlock")
	}
}

// TestHashOnTwoLines: a fingerprint shows as two halves, never with one
// character alone on the last line (« …abb4808 / 1 » at 1366 points).
func TestHashOnTwoLines(t *testing.T) {
	h := "c80fdba583adb6c38e4ca0540931ca831ffbbb6de175a773399b44c7abb48081"
	if got := hashLines(h); got != h[:32]+"\n"+h[32:] {
		t.Errorf("hashLines = %q", got)
	}
}

// TestIncidentLabelKinds: in the pickers (letters, RSST, capture), kinds
// read as kinds, as in the journal: « Insultes, injures · Menaces », not
// « Insultes, injures, Menaces ».
func TestIncidentLabelKinds(t *testing.T) {
	in := testIncident(14, "Message menaçant")
	in.Kinds = []string{"insult", "threat"}
	if got := incidentLabel(in); !strings.Contains(got, "Insultes, injures · Menaces — Message menaçant") {
		t.Errorf("incidentLabel = %q", got)
	}
}
