package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestListsInMessagesReadFromTheLeft: a message of several lines (a list,
// paragraphs) is aligned on the left, where a list reads; a one-line
// message stays centred as in every Fyne dialog. Enter closes both.
func TestListsInMessagesReadFromTheLeft(t *testing.T) {
	g := unlockTestGUI(t)
	g.win.Resize(fyne.NewSize(1024, 600))
	for _, c := range []struct {
		msg  string
		want fyne.TextAlign
	}{
		{"La sauvegarde est écrite\u00a0:\n• relue\u00a0;\n• vérifiée.", fyne.TextAlignLeading},
		{"L’incident est enregistré.", fyne.TextAlignCenter},
	} {
		g.showInfo("Fait", c.msg)
		var found *widget.Label
		for _, l := range widgetsUnder[*widget.Label](t, g.win.Canvas().Overlays().Top()) {
			if l.Text == c.msg {
				found = l
			}
		}
		if found == nil {
			t.Fatalf("%q: not shown", c.msg)
		}
		if found.Alignment != c.want {
			t.Errorf("%q: aligned %v, want %v", c.msg, found.Alignment, c.want)
		}
		if !g.enter() || g.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%q: Enter did not close the message", c.msg)
		}
		answered := false
		g.confirm("Question", c.msg, "Oui", "Non", func() { answered = true })
		for _, l := range widgetsUnder[*widget.Label](t, g.win.Canvas().Overlays().Top()) {
			if l.Text == c.msg && l.Alignment != c.want {
				t.Errorf("question %q: aligned %v, want %v", c.msg, l.Alignment, c.want)
			}
		}
		for _, b := range widgetsUnder[*widget.Button](t, g.win.Canvas().Overlays().Top()) {
			if b.Text == "Oui" {
				test.Tap(b)
			}
		}
		if !answered {
			t.Errorf("question %q: « Oui » did not answer", c.msg)
		}
	}
}
