package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
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

// TestVaultWarningSaidAfterUnlock: what the checks at opening found
// without stopping it (here, the copy of the witness in the vault folder
// is missing) is said once the journal opens, in the sentence the
// command line prints too.
func TestVaultWarningSaidAfterUnlock(t *testing.T) {
	g := newTestGUI(t, true)
	if err := os.Remove(filepath.Join(g.dir, "head")); err != nil {
		t.Fatal(err)
	}
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.journal == nil {
		t.Fatalf("not unlocked: %q", g.unlock.message.Text)
	}
	warnings := g.journal.VaultWarnings()
	if len(warnings) == 0 {
		t.Fatal("no warning for a missing witness copy: the test proves nothing")
	}
	shown := labels(t, g.win.Canvas().Overlays().Top())
	if !slices.Contains(shown, present.VaultWarning(warnings[0])) || !strings.Contains(strings.Join(shown, " "), "dossier du journal") {
		t.Errorf("shown after the unlock: %q", shown)
	}
}
