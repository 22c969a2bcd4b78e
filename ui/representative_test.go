package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/internal/owneronly/ownertest"
	"github.com/temoin-app/temoin/ui/present"
)

// colleagueBundle writes a bundle of a colleague's journal, encrypted to
// key, and returns its path.
func colleagueBundle(t *testing.T, j *app.Journal, key, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	_, err := bundle.Export(context.Background(), bundle.JournalSource(j), bundle.ExportOptions{Out: out, To: []string{key},
		Report: report.Options{Now: testNow}})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// colleagueJournal creates a colleague's journal in a folder of the test
// (name), with one incident (what), locked when the test ends.
func colleagueJournal(t *testing.T, name, what string) *app.Journal {
	t.Helper()
	cj, _, err := app.CreateVault(filepath.Join(t.TempDir(), name), []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cj.Lock() })
	if _, err := cj.Incidents.Create(testIncident(3, what)); err != nil {
		t.Fatal(err)
	}
	return cj
}

func showRepresentative(t *testing.T, g *gui) *representativeScreen {
	t.Helper()
	g.main.nav[len(g.main.nav)-1].open()
	s, ok := g.main.current.(*representativeScreen)
	if !ok {
		t.Fatalf("representative screen: %T", g.main.current)
	}
	return s
}

// TestRepresentativeScreen: the key made once, shown as text, QR code and
// fingerprint; two bundles of a colleague received (the second one's
// history continues the first); a bundle received twice refused; the
// report opened through the viewer folder, wiped at lock; the synthesis.
func TestRepresentativeScreen(t *testing.T) {
	g := unlockTestGUI(t)
	viewerDir := privateViewerFolder(t, g)
	opened := captureOpen(t, g)
	s := showRepresentative(t, g)
	golden(t, "representative_intro.xml", g.win.Canvas())
	if s.createBtn == nil {
		t.Fatal("no offer to create the key")
	}
	test.Tap(s.createBtn)
	key, err := g.journal.Cases.PublicKey()
	if err != nil || s.key != key || s.qr == nil {
		t.Fatalf("key %q (shown %q), QR %v: %v", key, s.key, s.qr != nil, err)
	}
	markup := test.RenderToMarkup(g.win.Canvas())
	if !strings.Contains(markup, app.KeyFingerprint(key)) {
		t.Error("the fingerprint is not shown")
	}
	test.Tap(s.copyBtn)
	if g.app.Clipboard().Content() != key {
		t.Error("the key was not copied")
	}

	// A colleague's journal, and a first bundle.
	cj := colleagueJournal(t, "collegue", "Intrusion pendant la classe virtuelle")
	first := colleagueBundle(t, cj, key, "temoin-2026-03-05.zip.age")
	s.receiveFile(first, nil)
	if s.received == nil {
		t.Fatalf("not received: %d dialogs", len(g.dialogs))
	}
	if s.received.Continuity.Verdict != bundle.VerdictFirst || len(s.cases) != 1 {
		t.Errorf("verdict %s, %d cases", s.received.Continuity.Verdict, len(s.cases))
	}
	// The first bundle of a colleague: a key to compare, then recognised
	// under a name (issue 10).
	trustFirstKey(t, g, s, cj, "Mme Martin")
	g.closeDialogs()

	// The second bundle continues the first.
	if _, err := cj.Incidents.Create(testIncident(9, "Message menaçant")); err != nil {
		t.Fatal(err)
	}
	second := colleagueBundle(t, cj, key, "temoin-2026-03-12.zip.age")
	s.receiveFile(second, nil)
	if s.received.Continuity.Verdict != bundle.VerdictExtends || len(s.cases) != 2 {
		t.Fatalf("verdict %s, %d cases", s.received.Continuity.Verdict, len(s.cases))
	}
	if msg := present.Continuity(s.received.Continuity); !strings.Contains(msg, "cohérent") {
		t.Errorf("verdict said %q", msg)
	}
	g.closeDialogs()
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Historique cohérent avec le dossier du") {
		t.Error("the continuity is not shown with the case")
	}

	// The same bundle again.
	before := len(s.cases)
	s.receiveFile(second, nil)
	if len(s.cases) != before || len(g.dialogs) != 1 {
		t.Error("a bundle received twice was kept twice, or not explained")
	}
	g.closeDialogs()

	// The report, one click away, through the viewer folder (the person
	// is told first).
	s.viewReport(s.cases[0].ID)
	if len(g.dialogs) != 1 {
		t.Fatal("the person is not told about the readable copy")
	}
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if len(*opened) != 1 || !strings.HasPrefix((*opened)[0], viewerDir) || !strings.HasSuffix((*opened)[0], ".pdf") {
		t.Fatalf("opened %v", *opened)
	}
	data, err := os.ReadFile((*opened)[0])
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("the copy: %v", err)
	}
	s.viewReport(s.cases[1].ID) // told once
	if len(g.dialogs) != 0 || len(*opened) != 2 {
		t.Errorf("told twice, or not opened: %d dialogs, %v", len(g.dialogs), *opened)
	}

	// The synthesis.
	inputs, err := s.synthesisInputs()
	if err != nil || len(inputs) != 2 {
		t.Fatalf("inputs %d %v", len(inputs), err)
	}
	out := filepath.Join(t.TempDir(), "synthese.pdf")
	st, err := s.synthesisTo(out, inputs, s.synthesisOptions())
	if err != nil {
		t.Fatal(err)
	}
	if st.Incidents != 2 || st.Colleagues != 1 {
		t.Errorf("synthesis %+v", st)
	}
	ownertest.Private(t, out)

	// Removing a case asks first.
	s.confirmRemove(s.cases[0])
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if cases, _ := bundle.Cases(g.journal.Cases); len(cases) != 1 || len(s.cases) != 1 {
		t.Error("the case was not removed")
	}

	// Locking wipes the readable copies.
	g.lock()
	if _, err := os.Stat(viewerDir); !os.IsNotExist(err) {
		t.Errorf("the viewer folder survives the lock: %v", err)
	}
}

// trustFirstKey recognises, through the dialog of the bundle just
// received, the key that signed it, after checking that the dialog shows
// the fingerprint the colleague's journal gives.
func trustFirstKey(t *testing.T, g *gui, s *representativeScreen, cj *app.Journal, name string) {
	t.Helper()
	if s.received.Signer.Status != bundle.SignerNew || s.receivedTrust == nil {
		t.Fatalf("signer %s, trust button %v", s.received.Signer.Status, s.receivedTrust != nil)
	}
	pub, err := cj.SigningPublicKey()
	if err != nil {
		t.Fatal(err)
	}
	fp := app.SignerFingerprint(pub)
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), fp) {
		t.Errorf("the dialog does not show the colleague's fingerprint %s", fp)
	}
	if s.inSynthesis[s.received.Case.ID].Checked || !s.inSynthesis[s.received.Case.ID].Disabled() {
		t.Error("a case whose key is not recognised can be ticked for the synthesis")
	}
	test.Tap(s.receivedTrust)
	test.Type(s.trustForm, name)
	g.dialogs[len(g.dialogs)-1].(*dialog.ConfirmDialog).Confirm()
	if sg, err := g.journal.Cases.Signer(s.received.Contents.Manifest.VaultID); err != nil || sg.Name != name || sg.PublicKey != pub {
		t.Fatalf("trusted %+v: %v", sg, err)
	}
	markup := test.RenderToMarkup(g.win.Canvas())
	if !strings.Contains(markup, "Signé par "+name) || !strings.Contains(markup, name+" · dossier du") {
		t.Error("the case is not shown as signed by its colleague's name")
	}
	if !s.inSynthesis[s.received.Case.ID].Checked {
		t.Error("the case of a recognised key is not in the synthesis")
	}
}

// TestReceivePassphraseBundle: a bundle the key does not open asks for
// its passphrase.
func TestReceivePassphraseBundle(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Cases.CreateIdentity(); err != nil {
		t.Fatal(err)
	}
	s := showRepresentative(t, g)
	cj, _, err := app.CreateVault(filepath.Join(t.TempDir(), "collegue"), []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer cj.Lock()
	if _, err := cj.Incidents.Create(testIncident(3, "Appel insultant")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.zip.age")
	const pass = "une phrase pour le dossier seulement"
	if _, err := bundle.Export(context.Background(), bundle.JournalSource(cj), bundle.ExportOptions{Out: out, Passphrase: []byte(pass), PassphraseWorkFactor: 10,
		Report: report.Options{Now: testNow}}); err != nil {
		t.Fatal(err)
	}
	s.receiveFile(out, nil)
	if s.received != nil || len(g.dialogs) != 1 {
		t.Fatal("no passphrase asked")
	}
	g.closeDialogs()
	id, err := bundle.PassphraseIdentity([]byte(pass))
	if err != nil {
		t.Fatal(err)
	}
	s.receiveFile(out, []age.Identity{id})
	if s.received == nil {
		t.Fatal("the passphrase bundle was not received")
	}
}
