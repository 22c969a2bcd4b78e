package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
)

// TestDeadlinesRestore (issue 12, bug 10): a deadline dismissed by
// mistake is shown on demand, and comes back.
func TestDeadlinesRestore(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(14, "Insultes")); err != nil {
		t.Fatal(err)
	}
	s := &deadlinesScreen{g: g, m: g.main}
	g.main.show(s, "deadlines")
	if s.hiddenBtn.Visible() {
		t.Error("« dismissed deadlines » offered while none is")
	}
	dls, _ := g.journal.Deadlines.List(testNow)
	for _, d := range dls {
		if d.Rule == app.RuleWorkAccident {
			s.dismiss(d)
		}
	}
	if len(s.cards) != 1 || !s.hiddenBtn.Visible() || s.hiddenBtn.Text != "Voir l’échéance écartée" {
		t.Fatalf("after dismissing: %d cards, button %v %q", len(s.cards), s.hiddenBtn.Visible(), s.hiddenBtn.Text)
	}
	test.Tap(s.hiddenBtn)
	if len(s.restores) != 1 || s.hiddenBtn.Text != "Masquer l’échéance écartée" {
		t.Fatalf("%d dismissed deadlines shown, want 1; button %q", len(s.restores), s.hiddenBtn.Text)
	}
	test.Tap(s.restores[0])
	if len(s.cards) != 2 || s.hiddenBtn.Visible() {
		t.Errorf("after restoring: %d cards, button shown %v", len(s.cards), s.hiddenBtn.Visible())
	}
	if dls, _ := g.journal.Deadlines.List(testNow); len(dls) != 2 {
		t.Errorf("the journal counts %d deadlines after restoring, want 2", len(dls))
	}
}
