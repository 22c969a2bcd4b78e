package ui

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
)

// TestBundleWritten (issue 12, « after writing a bundle »): the bundle
// follows the choices on screen when it is written (the rule of bug 1:
// a choice changed while the file dialog was open is the one used), and
// its folder can be shown; when no file manager can be started, a
// French sentence says which folder to open, never « exec: ».
func TestBundleWritten(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Appel insultant de Kevin Martin")); err != nil {
		t.Fatal(err)
	}
	if err := g.journal.People.Add(app.Person{Name: "Kevin Martin", Pseudonym: "Élève A", Role: "élève"}); err != nil {
		t.Fatal(err)
	}
	id := testRepIdentity(t)
	s := showSend(t, g)
	if err := s.addRep("Camille Bernard", "SNES", id.Recipient().String()); err != nil {
		t.Fatal(err)
	}
	s.tabs.SelectIndex(sendTabExport)
	out := filepath.Join(t.TempDir(), "dossier.zip.age")
	// The person unticks the pseudonyms while the file dialog is open.
	g.pick = &changingPicker{path: out, meanwhile: func() { s.export.opts.pseudo.SetChecked(false) }}
	test.Tap(s.export.exportBtn)
	if s.export.result == nil {
		t.Fatalf("no bundle: %d dialogs", len(g.dialogs))
	}
	c, err := bundle.OpenFile(context.Background(), out, bundle.OpenOptions{Identities: []age.Identity{id}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Manifest.Pseudonymised {
		t.Error("the bundle was made with the choices of before the file dialog")
	}
	w := s.export.done
	if w == nil || w.warning != nil {
		t.Fatal("a small bundle is said too big for e-mail, or nothing was said")
	}
	opened := captureOpen(t, g)
	test.Tap(w.folderBtn)
	if len(*opened) != 1 || (*opened)[0] != filepath.Dir(out) {
		t.Errorf("opened %v", *opened)
	}
	g.closeDialogs()

	// No program to open folders.
	g.openURL = func(*url.URL) error { return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound} }
	g.showInFolder(out)
	if len(g.dialogs) != 1 {
		t.Fatal("nothing said when no file manager can be started")
	}
	text := markup(g)
	if strings.Contains(text, "exec:") || strings.Contains(text, "xdg-open") || !strings.Contains(text, "Ouvrez-le vous-même") {
		t.Errorf("message %q", text)
	}
}

// changingPicker answers the save dialog with path, after running
// meanwhile (what the person changes while the dialog is open).
type changingPicker struct {
	fakePicker
	path      string
	meanwhile func()
}

func (p *changingPicker) save(_ string, then func(string)) {
	p.meanwhile()
	os.WriteFile(p.path, nil, 0o600) // the file dialog makes the file
	then(p.path)
}
