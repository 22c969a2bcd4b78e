package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"aead.dev/minisign"
	"filippo.io/age"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/bundle/bundletest"
)

// forgedBundle is what a forger makes from a bundle of their own journal
// (own, encrypted to the representative's identity id) knowing the
// colleague's journal id: signed with the forger's key, or unsigned.
func forgedBundle(t *testing.T, own string, id *age.X25519Identity, vaultID string, signed bool) string {
	t.Helper()
	f, err := os.Open(own)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(f, id)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	var key minisign.PrivateKey
	if signed {
		if _, key, err = minisign.GenerateKey(nil); err != nil {
			t.Fatal(err)
		}
	}
	forged, err := bundletest.Forge(plain, vaultID, key)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := age.Encrypt(&out, id.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	w.Write(forged)
	w.Close()
	path := filepath.Join(t.TempDir(), "forged.zip.age")
	if err := os.WriteFile(path, out.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestForgedBundleLeftOut: a bundle made by someone else in the name of
// a colleague whose key is recognised is shown "not signed by" their key,
// with its fingerprint, and left out of the synthesis (its box cannot be
// ticked) until the representative accepts it; an unsigned one too. The
// synthesis says how many it left out.
func TestForgedBundleLeftOut(t *testing.T) {
	g := unlockTestGUI(t)
	id, err := g.journal.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	key := id.Recipient().String()
	s := showRepresentative(t, g)
	cj := colleagueJournal(t, "collegue", "Intrusion pendant la classe virtuelle")
	s.receiveFile(colleagueBundle(t, cj, key, "a.zip.age"), nil)
	trustFirstKey(t, g, s, cj, "Mme Martin")
	g.closeDialogs()
	vaultID := s.received.Contents.Manifest.VaultID

	fj := colleagueJournal(t, "faussaire", "Faits inventés")
	own := colleagueBundle(t, fj, key, "b.zip.age")

	s.receiveFile(forgedBundle(t, own, id, vaultID, true), nil)
	if s.received == nil || s.received.Signer.Status != bundle.SignerChanged || s.receivedAccept == nil {
		t.Fatalf("forged bundle: %+v", s.received)
	}
	forged := s.received.Case.ID
	markup := test.RenderToMarkup(g.win.Canvas())
	for _, want := range []string{"n’est pas signé par la clé de Mme Martin", s.received.Signer.Signer.Fingerprint} {
		if !strings.Contains(markup, want) {
			t.Errorf("the forged bundle's dialog does not say %q", want)
		}
	}
	g.closeDialogs()
	if m := test.RenderToMarkup(g.win.Canvas()); strings.Count(m, "Mme Martin · dossier du") != 1 || !strings.Contains(m, "Au nom de Mme Martin, signé par une autre clé · dossier du") {
		t.Error("the forged bundle's card names the colleague as the recognised one's does")
	}
	if s.inSynthesis[forged].Checked || !s.inSynthesis[forged].Disabled() {
		t.Error("a forged bundle can be ticked for the synthesis")
	}
	if inputs, _ := s.synthesisInputs(); len(inputs) != 1 {
		t.Errorf("the synthesis takes %d bundles, want the recognised one", len(inputs))
	}
	if s.leftOut() != 1 || !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "pas signé par la clé connue de ce journal") {
		t.Errorf("left out %d, or the case does not say why", s.leftOut())
	}
	if !s.leftOutNote.Visible() || !strings.Contains(s.leftOutNote.Text, "1 dossier n’est pas compté dans la synthèse") {
		t.Errorf("the synthesis does not say what it leaves out: %q", s.leftOutNote.Text)
	}

	// Unsigned: no key to recognise, accepted only explicitly.
	s.receiveFile(forgedBundle(t, own, id, vaultID, false), nil)
	if s.received == nil || s.received.Signer.Status != bundle.SignerMissing || s.receivedTrust != nil || s.receivedAccept == nil {
		t.Fatalf("unsigned bundle: %+v", s.received)
	}
	g.closeDialogs()
	if s.leftOut() != 2 {
		t.Errorf("left out %d, want 2", s.leftOut())
	}

	// Accepted after talking with the colleague: counted.
	test.Tap(s.caseCards[forged].accept)
	g.dialogs[len(g.dialogs)-1].(*dialog.ConfirmDialog).Confirm()
	if ok, _ := g.journal.Cases.CaseAccepted(forged); !ok {
		t.Fatal("not accepted")
	}
	if !s.inSynthesis[forged].Checked || s.leftOut() != 1 {
		t.Errorf("the accepted case is not in the synthesis (left out %d)", s.leftOut())
	}
	if inputs, _ := s.synthesisInputs(); len(inputs) != 2 {
		t.Errorf("the synthesis takes %d bundles, want 2", len(inputs))
	}
}

// TestBrowseCase: a colleague's incidents and evidence read inside
// Témoin; a piece of evidence that is not a document or a medium is never
// handed to the system, only offered for saving.
func TestBrowseCase(t *testing.T) {
	g := unlockTestGUI(t)
	privateViewerFolder(t, g)
	opened := captureOpen(t, g)
	id, err := g.journal.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	s := showRepresentative(t, g)
	cj := colleagueJournal(t, "collegue", "Intrusion pendant la classe virtuelle")
	in := cj.Incidents.List(app.Filter{})[0]
	for name, data := range map[string]string{"capture.png": "\x89PNG\r\n\x1a\n", "setup.exe": "MZ"} {
		if _, err := cj.Evidence.AttachFile(context.Background(), in.ID, name, strings.NewReader(data), nil); err != nil {
			t.Fatal(err)
		}
	}
	s.receiveFile(colleagueBundle(t, cj, id.Recipient().String(), "a.zip.age"), nil)
	g.closeDialogs()
	test.Tap(s.caseCards[s.cases[0].ID].browse)
	if len(s.browsing) != 1 {
		t.Fatalf("%d incidents shown", len(s.browsing))
	}
	markup := test.RenderToMarkup(g.win.Canvas())
	for _, want := range []string{"Intrusion pendant la classe virtuelle", "capture.png", "setup.exe"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the case's incidents do not show %q", want)
		}
	}
	g.closeDialogs()
	files := s.cases[0].Summary.Incidents.Files
	var exe string
	for _, p := range files {
		if !strings.HasSuffix(p, ".png") {
			exe = p
		}
	}
	if exe == "" {
		t.Fatalf("files %v", files)
	}
	g.openInViewer(exe, func(w io.Writer) error { _, err := w.Write([]byte("MZ")); return err })
	if len(*opened) != 0 || len(g.dialogs) != 1 || !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Témoin n’ouvre pas") {
		t.Errorf("a program was opened (%v) or not explained", *opened)
	}
}

// TestRepresentativeScreenWithCases: the screen is built again on a
// journal that already keeps cases, as at every later unlock; building it
// crashed the application (the note of the cases left out of the
// synthesis was set before it existed).
func TestRepresentativeScreenWithCases(t *testing.T) {
	g := unlockTestGUI(t)
	id, err := g.journal.Cases.CreateIdentity()
	if err != nil {
		t.Fatal(err)
	}
	s := showRepresentative(t, g)
	cj := colleagueJournal(t, "collegue", "Intrusion pendant la classe virtuelle")
	s.receiveFile(colleagueBundle(t, cj, id.Recipient().String(), "a.zip.age"), nil)
	g.closeDialogs()
	g.main.showJournal()
	s = showRepresentative(t, g) // a new screen, on a journal with one case
	if len(s.cases) != 1 || s.leftOutNote == nil || !s.leftOutNote.Visible() {
		t.Fatalf("cases %d, note of the cases left out %v", len(s.cases), s.leftOutNote)
	}
}
