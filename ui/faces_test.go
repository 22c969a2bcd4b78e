package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present/presenttest"
)

// TestEveryErrorShownAsTheCLISaysIt: every kind of error of the vault, the
// journal, backups, bundles, reports, spreadsheets, e-mails and screen
// captures is shown in the error dialog with the very sentence the command
// line prints for it (package present's golden files, which the command
// line's test reads too), in French and English.
func TestEveryErrorShownAsTheCLISaysIt(t *testing.T) {
	g := newTestGUI(t, false)
	if g.dir != presenttest.Vault {
		t.Fatalf("the test's vault folder is %q", g.dir)
	}
	defer useLanguage(i18n.French)
	for _, l := range i18n.Languages {
		useLanguage(l)
		want, err := presenttest.Sentences(l.String())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range presenttest.Errors() {
			g.showError(c.Err)
			top := g.win.Canvas().Overlays().Top()
			if top == nil {
				t.Fatalf("%s %s: no dialog", l, c.Name)
			}
			shown := labels(t, top) // the message and the title
			g.closeDialogs()
			if !slices.Equal(shown, []string{want[c.Name], i18n.X("gui.error.title")}) {
				t.Errorf("%s %s:\n shown %q\n want  %q", l, c.Name, strings.Join(shown, " | "), want[c.Name])
			}
		}
	}
}
