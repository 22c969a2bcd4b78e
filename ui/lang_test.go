package ui

import (
	"os"
	"runtime"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
)

// texts returns the texts of the widgets under o that text knows (a
// button's, a label's).
func texts(t *testing.T, o fyne.CanvasObject, text func(fyne.CanvasObject) (string, bool)) []string {
	var out []string
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if s, ok := text(o); ok {
			out = append(out, s)
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.TempWidgetRenderer(t, w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// buttons returns the texts of the buttons under o.
func buttons(t *testing.T, o fyne.CanvasObject) []string {
	return texts(t, o, func(o fyne.CanvasObject) (string, bool) {
		if b, ok := o.(*widget.Button); ok {
			return b.Text, true
		}
		return "", false
	})
}

// labels returns the texts of the labels under o.
func labels(t *testing.T, o fyne.CanvasObject) []string {
	return texts(t, o, func(o fyne.CanvasObject) (string, bool) {
		if l, ok := o.(*widget.Label); ok {
			return l.Text, true
		}
		return "", false
	})
}

// dialogButtons shows a Fyne confirmation dialog and returns the texts of
// its buttons, which Fyne words itself.
func dialogButtons(t *testing.T, w fyne.Window) []string {
	t.Helper()
	d := dialog.NewConfirm("?", "?", nil, w)
	d.Show()
	defer d.Hide()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the dialog is not shown")
	}
	return buttons(t, top)
}

// TestFyneTextsFollowTheLanguage: on an English system, choosing French
// puts Fyne's own buttons in French too, and back, without changing the
// process environment (which Fyne ignores on Windows: --lang,
// TEMOIN_LANG and the setting did nothing there).
func TestFyneTextsFollowTheLanguage(t *testing.T) {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		t.Setenv("LANGUAGE", "")
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", "en_US.UTF-8")
	}
	defer useLanguage(i18n.French)
	a := test.NewTempApp(t)
	w := a.NewWindow("Témoin")
	w.Resize(fyne.NewSize(600, 400))
	env := os.Environ()

	useLanguage(i18n.French)
	if got := dialogButtons(t, w); !slices.Contains(got, "Oui") || !slices.Contains(got, "Non") {
		t.Errorf("French chosen on an English system: Fyne's dialog says %q", got)
	}
	if got := lang.L("Cancel"); got != "Annuler" {
		t.Errorf("Fyne's Cancel is %q in French", got)
	}
	useLanguage(i18n.English)
	if got := dialogButtons(t, w); !slices.Contains(got, "Yes") || !slices.Contains(got, "No") {
		t.Errorf("English chosen: Fyne's dialog says %q", got)
	}
	useLanguage(i18n.French)
	if got := dialogButtons(t, w); !slices.Contains(got, "Oui") {
		t.Errorf("back to French: Fyne's dialog says %q", got)
	}
	if !slices.Equal(env, os.Environ()) {
		t.Error("choosing the language changed the process environment")
	}
}

// TestEveryFyneTextIsTranslated: the store holds, in both languages, the
// words of every Fyne text the app shows, so that none stays in the
// system's language.
func TestEveryFyneTextIsTranslated(t *testing.T) {
	for _, key := range []string{"Cancel", "OK", "Yes", "No", "Open", "Save", "File", "Folder", "New Folder",
		"Create Folder", "Enter filename", "Show Hidden Files", "Favourites", "Error", "Confirm", "Copy",
		"Cut", "Paste", "Select all", "Undo", "Redo", "Quit", "Advanced", "file.name", "file.parent"} {
		for _, l := range i18n.Languages {
			if _, ok := l.Texts("fyne.")[key]; !ok {
				t.Errorf("%s: no text for Fyne's %q", l, key)
			}
		}
	}
}
