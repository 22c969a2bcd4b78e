package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestEscapeWhereverTheFocusIs: Escape leaves the editor also when the
// focus is on a check box just ticked, a drop-down or a button (Fyne
// gives the key to the focused widget, not to the window).
func TestEscapeWhereverTheFocusIs(t *testing.T) {
	g := unlockTestGUI(t)
	saved, err := g.journal.Incidents.Create(testIncident(12, "Un incident"))
	if err != nil {
		t.Fatal(err)
	}
	press := func(name string, focusable func(e *editorScreen) fyne.Focusable) {
		t.Helper()
		g.main.openIncident(saved.ID)
		c := g.win.Canvas()
		f := focusable(g.main.editor)
		c.Focus(f)
		if c.Focused() != f {
			t.Fatalf("%s: could not take the focus", name)
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if g.main.current != g.main.journal {
			t.Errorf("Escape with the focus on %s did not leave the editor", name)
		}
	}
	press("a kind's check box", func(e *editorScreen) fyne.Focusable {
		e.tabs.SelectIndex(tabWhat)
		return e.what.kinds.checks[0]
	})
	press("the setting drop-down", func(e *editorScreen) fyne.Focusable { return e.when.setting.sel })
	press("the time-unknown box", func(e *editorScreen) fyne.Focusable { return e.when.timeUnknown })
	press("the save button", func(e *editorScreen) fyne.Focusable { return e.saveBtn })
}
