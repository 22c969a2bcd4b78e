package ui

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestRecoveryCodePrint (issue 12, bug 9): "Imprimer" opens a one-page
// PDF of the code from the private viewer folder, erased when the person
// continues; saving to a file warns first; a wrong check answer says so.
func TestRecoveryCodePrint(t *testing.T) {
	g := newTestGUI(t, false)
	folder := privateViewerFolder(t, g)
	opened := captureOpen(t, g)
	s := g.setup
	s.chooser.pass.SetText(testPass)
	s.chooser.confirm.SetText(testPass)
	test.Tap(s.createBtn)
	v := s.code
	if v == nil {
		t.Fatalf("no recovery code: %q", s.message.Text)
	}

	test.Tap(v.printBtn)
	if len(*opened) != 1 || filepath.Dir((*opened)[0]) != folder || filepath.Ext((*opened)[0]) != ".pdf" {
		t.Fatalf("opened for printing: %v (viewer folder %s)", *opened, folder)
	}
	page := (*opened)[0]
	data, err := os.ReadFile(page)
	if err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Fatalf("not a PDF: %v", err)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", page, "-").Output()
		if err != nil || !strings.Contains(string(out), v.code) || !strings.Contains(string(out), "J’ai oublié ma") {
			t.Errorf("the page does not show the code and how to use it: %v\n%s", err, out)
		}
		if info, err := exec.Command("pdfinfo", page).Output(); err == nil && !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Pages: 1 ") {
			t.Errorf("not one page:\n%s", info)
		}
	}

	pickFile(g, filepath.Join(t.TempDir(), "code.txt"))
	test.Tap(v.saveBtn)
	if len(g.dialogs) != 1 {
		t.Fatalf("saving the code on this computer without a warning (%d dialogs)", len(g.dialogs))
	}
	g.escape()

	v.showCheck()
	test.Type(v.check, "ZZZZ")
	if !strings.Contains(v.checkMsg.Text, "Ce n’est pas cela") {
		t.Errorf("a wrong answer is not said: %q", v.checkMsg.Text)
	}
	v.check.SetText(strings.ToLower(v.expected()))
	test.Tap(v.nextBtn)
	if _, err := os.Stat(page); !os.IsNotExist(err) {
		t.Errorf("the page to print is still on the computer: %v", err)
	}
}

// TestEnterClosesInformation: Enter closes a dialog that only informs,
// never a question.
func TestEnterClosesInformation(t *testing.T) {
	g := unlockTestGUI(t)
	enter := func() { g.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) }
	g.showInfo("Titre", "Un message.")
	enter()
	if len(g.dialogs) != 0 {
		t.Error("Enter did not close the information")
	}
	g.confirm("Supprimer ?", "Vraiment ?", "Oui", "Non", func() { t.Error("Enter answered a question") })
	enter()
	if len(g.dialogs) != 1 {
		t.Error("Enter closed a question")
	}
}

// noOpener is a system on which nothing opens files.
type noOpener struct{ fyne.App }

func (noOpener) OpenURL(*url.URL) error {
	return fmt.Errorf("exec: %q: %w", "xdg-open", exec.ErrNotFound)
}

// TestCannotOpenSaid (issue 12, bug 8): when the system opens nothing,
// the person reads a French sentence that says what to do, never
// `exec: "xdg-open"…`.
func TestCannotOpenSaid(t *testing.T) {
	g := unlockTestGUI(t)
	g.openURL = openWith(noOpener{fyne.CurrentApp()})
	g.openFile(filepath.Join(t.TempDir(), "rapport.pdf"))
	markup := test.RenderToMarkup(g.win.Canvas())
	if len(g.dialogs) != 1 || strings.Contains(markup, "exec:") || !strings.Contains(markup, "Aucune application") {
		t.Errorf("%d dialogs; the sentence is not the one expected", len(g.dialogs))
	}
}
