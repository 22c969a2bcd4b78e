package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
)

// testRepKey2 is another representative's public key.
const testRepKey2 = "age1yjv6ev0a5nfndvku7tzh4ja49hdr0ev88cff70r65wru4n62nufqvdavrt"

// testRepIdentity is a representative's identity, the same for every run
// (golden files show its key).
func testRepIdentity(t *testing.T) *age.X25519Identity {
	t.Helper()
	id, err := age.ParseX25519Identity("AGE-SECRET-KEY-1M5CUQTLX5TT0WAQ6J2CXYU029TLQ248894M7HEED3W57V7MGYG8QZ9VCTD")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func showSend(t *testing.T, g *gui) *sendScreen {
	t.Helper()
	g.main.showSend()
	s, ok := g.main.current.(*sendScreen)
	if !ok {
		t.Fatalf("send screen: %T", g.main.current)
	}
	return s
}

// TestSendScreen: representatives added by key (a bad key refused, the
// fingerprint shown), removed after a confirmation; a bundle exported to
// one of them opens with their identity; the journal's own passphrase is
// refused for a bundle.
func TestSendScreen(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Appel insultant de Parent P1")); err != nil {
		t.Fatal(err)
	}
	s := showSend(t, g)
	golden(t, "send_empty.xml", g.win.Canvas())
	if w := g.win.Content().MinSize().Width; w > 1024 {
		t.Errorf("the send screen needs %.0f points of width", w)
	}

	err := s.addRep("Camille Bernard", "SNES", "age1pasunecle")
	if !errors.Is(err, app.ErrInvalidKey) || len(s.reps) != 0 {
		t.Fatalf("a bad key was accepted: %v", err)
	}
	if msg := g.say(err); !strings.Contains(msg, "age1") {
		t.Errorf("message %q", msg)
	}
	id := testRepIdentity(t)
	key := id.Recipient().String()
	if err := s.addRep("Camille Bernard", "SNES", "  "+strings.ToUpper(key)+"\n"); err != nil {
		t.Fatal(err)
	}
	if len(s.reps) != 1 || s.reps[0].Key != key || len(s.export.repChecks) != 1 || !s.export.repChecks[0].Checked {
		t.Fatalf("representatives %+v", s.reps)
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), app.KeyFingerprint(key)) {
		t.Error("the fingerprint is not shown")
	}
	golden(t, "send_reps.xml", g.win.Canvas())

	// The add dialog refuses a bad key before anything is saved.
	test.Tap(s.list.addBtn)
	if len(g.dialogs) != 1 || s.list.add.d == nil {
		t.Fatal("no dialog to add a representative")
	}
	test.Type(s.list.add.name, "Dominique Petit")
	test.Type(s.list.add.key, "age1pasunecle")
	s.list.add.submit()
	if len(g.dialogs) != 1 || len(s.reps) != 1 || !s.list.add.addBtn.Disabled() {
		t.Fatal("the dialog accepted a bad key")
	}
	golden(t, "send_add_rep.xml", g.win.Canvas())
	g.escape()
	if len(g.dialogs) != 0 {
		t.Fatal("Escape did not close the dialog")
	}
	test.Tap(s.list.addBtn)
	test.Type(s.list.add.name, "Dominique Petit")
	s.list.add.key.SetText(testRepKey2)
	if !strings.Contains(s.list.add.status.Text, app.KeyFingerprint(testRepKey2)) {
		t.Errorf("fingerprint %q while typing", s.list.add.status.Text)
	}
	s.list.add.submit()
	if len(s.reps) != 2 {
		t.Fatal("the dialog did not add the representative")
	}
	s.removeRep("Dominique Petit")

	// Export to the representative.
	s.tabs.SelectIndex(sendTabExport)
	golden(t, "send_export.xml", g.win.Canvas())
	opts, err := s.export.options()
	if err != nil || len(opts.To) != 1 {
		t.Fatalf("options: %v %+v", err, opts)
	}
	out := filepath.Join(t.TempDir(), bundle.DefaultFileName(testNow))
	os.WriteFile(out, nil, 0o644) // the file dialog makes the file
	s.export.exportTo(out, opts)
	if s.export.result == nil {
		t.Fatalf("no bundle: %d dialogs", len(g.dialogs))
	}
	c, err := bundle.OpenFile(context.Background(), out, bundle.OpenOptions{Identities: []age.Identity{id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Manifest.Incidents) != 1 || !c.Manifest.Pseudonymised || c.Manifest.HealthIncluded {
		t.Errorf("manifest %+v", c.Manifest)
	}
	if !hasEvent(t, g.journal, app.EventExported) {
		t.Error("no exported event")
	}
	g.closeDialogs()

	// A passphrase: twice, and not the journal's own.
	s.export.toMode.SetSelected(s.export.toMode.Options[1])
	s.export.pass.SetText(testPass)
	s.export.pass2.SetText("autre chose encore et encore")
	if _, err := s.export.options(); err == nil {
		t.Error("different passphrases accepted")
	}
	s.export.pass2.SetText(testPass)
	opts, err = s.export.options()
	if err != nil {
		t.Fatal(err)
	}
	out2 := filepath.Join(t.TempDir(), "autre.zip.age")
	os.WriteFile(out2, nil, 0o644)
	s.export.result = nil
	s.export.exportTo(out2, opts)
	if s.export.result != nil || len(g.dialogs) != 1 {
		t.Fatal("the journal's passphrase was accepted for a bundle")
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Error("a file was left after a refused export")
	}
	g.closeDialogs()

	// Removing asks first.
	s.tabs.SelectIndex(sendTabReps)
	s.confirmRemove(s.reps[0])
	if len(g.dialogs) != 1 {
		t.Fatal("no confirmation before removing")
	}
	g.dialogs[0].(interface{ Confirm() }).Confirm()
	if reps, _ := g.journal.Representatives.List(); len(reps) != 0 || len(s.reps) != 0 {
		t.Error("not removed")
	}
}

// TestSendChosenEvidence: evidence chosen one by one.
func TestSendChosenEvidence(t *testing.T) {
	g := unlockTestGUI(t)
	in, err := g.journal.Incidents.Create(testIncident(3, "Appel insultant"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := fileSource(pngFile(t))
	r, _ := src.open()
	ev, err := g.journal.Evidence.AttachFile(context.Background(), in.ID, src.name, r, nil)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := showSend(t, g)
	s.export.evMode.SetSelected(s.export.evMode.Options[2])
	if len(s.export.evChecks) != 1 {
		t.Fatalf("%d evidence offered", len(s.export.evChecks))
	}
	if c := s.export.evidenceChoice(); !c.None {
		t.Error("nothing ticked should mean no evidence")
	}
	s.export.evChecks[ev.ID].SetChecked(true)
	if c := s.export.evidenceChoice(); len(c.IDs) != 1 || c.IDs[0] != ev.ID {
		t.Errorf("choice %+v", c)
	}
	s.export.evMode.SetSelected(s.export.evMode.Options[1])
	if c := s.export.evidenceChoice(); !c.None {
		t.Error("none")
	}
}

// TestAddRepKeyAsTyped (issue 12, bug 7): the key is checked as it is
// typed (a key with one character missing is not shown as valid, and
// says so), and when adding fails the dialog keeps what was typed and
// says why, without jargon.
func TestAddRepKeyAsTyped(t *testing.T) {
	g := unlockTestGUI(t)
	s := showSend(t, g)
	test.Tap(s.list.addBtn)
	a := s.list.add
	test.Type(a.name, "Dominique Petit")
	test.Type(a.org, "SNES")
	test.Type(a.key, testRepKey2[:len(testRepKey2)-1])
	if a.status.Importance == widget.SuccessImportance || !a.addBtn.Disabled() || !strings.Contains(plain(a.status.Text), "Il manque 1 caractère") {
		t.Errorf("a key with a missing character: %q (importance %v)", a.status.Text, a.status.Importance)
	}
	typo := []byte(testRepKey2)
	typo[20] = map[bool]byte{true: 'q', false: 'p'}[typo[20] != 'q']
	a.key.SetText(string(typo))
	if !a.addBtn.Disabled() || !strings.Contains(a.status.Text, "erreur") {
		t.Errorf("a key with a typo: %q", a.status.Text)
	}
	a.submit()
	if len(g.dialogs) != 1 || a.name.Text != "Dominique Petit" || a.org.Text != "SNES" || a.key.Text != string(typo) {
		t.Fatalf("what was typed was lost: %d dialogs, %q %q %q", len(g.dialogs), a.name.Text, a.org.Text, a.key.Text)
	}
	if !a.status.Visible() || !strings.Contains(a.status.Text, "erreur") {
		t.Error("nothing says why the representative was not added")
	}
	a.name.SetText("")
	a.submit()
	if !a.problem.Visible() || !strings.Contains(a.problem.Text, "nom") {
		t.Errorf("no name: %q", a.problem.Text)
	}
	a.name.SetText("Dominique Petit")
	// A key cut across two lines in an e-mail is whole again.
	a.key.SetText(testRepKey2[:30] + "\n" + testRepKey2[30:])
	if a.addBtn.Disabled() || a.status.Importance != widget.SuccessImportance {
		t.Errorf("a valid key: %q", a.status.Text)
	}
	a.submit()
	if len(g.dialogs) != 0 || len(s.reps) != 1 || s.reps[0].Key != testRepKey2 {
		t.Fatalf("not added: %+v", s.reps)
	}
	for _, jargon := range []string{"age-keygen", "bech32", "checksum"} {
		for _, text := range []string{g.say(app.ErrInvalidKey), a.problem.Text} {
			if strings.Contains(text, jargon) {
				t.Errorf("jargon %q in %q", jargon, text)
			}
		}
	}
}
