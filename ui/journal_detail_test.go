package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/i18n"
)

// TestWideJournalListAndDetail: in a wide window the journal shows the
// list and, beside it, the selected incident read-only; the arrows move
// the selection and the detail follows; Enter or "Modifier" opens the
// editor.
// A narrow window keeps the list alone, a row opening the editor.
func TestWideJournalListAndDetail(t *testing.T) {
	g := unlockTestGUI(t)
	for i, text := range []string{"Premier incident", "Deuxième incident", "Troisième incident"} {
		if _, err := g.journal.Incidents.Create(testIncident(10+i, text)); err != nil {
			t.Fatal(err)
		}
	}
	g.win.Resize(fyne.NewSize(1366, 768))
	g.main.showJournal()
	js := g.main.journal
	if !js.wide || !js.detailBox.Visible() {
		t.Fatalf("at 1366 pixels the journal is not side by side (width %v)", js.center.Size().Width)
	}
	if js.detail.title.Text != "Choisissez un incident" {
		t.Errorf("before a choice the detail says %q", js.detail.title.Text)
	}

	js.list.Select(0) // the newest: the third
	if g.main.current != js {
		t.Fatal("a row opened the editor in a wide window")
	}
	if got := js.detail.text.String(); !strings.Contains(got, "Troisième incident") || !strings.Contains(got, "Insultes, injures") {
		t.Fatalf("the detail shows %q", got)
	}
	g.win.Canvas().Focus(js.list)
	js.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if got := js.detail.text.String(); !strings.Contains(got, "Deuxième incident") {
		t.Fatalf("after Down the detail shows %q", got)
	}
	js.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if got := js.detail.text.String(); !strings.Contains(got, "Troisième incident") {
		t.Fatalf("after Up the detail shows %q", got)
	}
	js.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if g.main.current != g.main.editor || g.main.editor.base.Description != "Troisième incident" {
		t.Fatal("Enter did not open the incident shown")
	}

	// Back in the journal, the same incident is still shown.
	g.main.showJournal()
	if got := js.detail.text.String(); !strings.Contains(got, "Troisième incident") {
		t.Errorf("back from the editor the detail shows %q", got)
	}
	test.Tap(js.detail.edit)
	if g.main.current != g.main.editor || g.main.editor.base.Description != "Troisième incident" {
		t.Fatal("Modifier did not open the incident shown")
	}
	g.main.showJournal()

	// Narrow: the list alone; a row opens the editor.
	g.win.Resize(fyne.NewSize(1024, 600))
	g.main.showJournal()
	if js.wide || js.detailBox.Visible() {
		t.Fatalf("at 1024 pixels the detail still shows (width %v)", js.center.Size().Width)
	}
	js.list.Select(1)
	if g.main.current != g.main.editor || g.main.editor.base.Description != "Deuxième incident" {
		t.Fatal("in a narrow window a row does not open the editor")
	}
}

// TestHistoryTabVisibleInEnglish: at 1080 pixels, in English, every tab
// of the editor shows, History last (none hides behind the overflow menu).
func TestHistoryTabVisibleInEnglish(t *testing.T) {
	g := unlockTestGUI(t)
	useLanguage(i18n.English)
	t.Cleanup(func() { useLanguage(i18n.French) })
	saved, err := g.journal.Incidents.Create(testIncident(12, "An incident"))
	if err != nil {
		t.Fatal(err)
	}
	g.win.Resize(fyne.NewSize(1080, 740))
	g.main.openIncident(saved.ID)
	markup := test.RenderToMarkup(g.win.Canvas())
	for _, tab := range []string{">When, where<", ">Facts<", ">Consequences<", ">Follow-up<", ">History<"} {
		if !strings.Contains(markup, tab) {
			t.Errorf("the tab %s does not show at 1080 pixels in English", tab)
		}
	}
}
