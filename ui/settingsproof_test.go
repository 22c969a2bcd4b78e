package ui

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/tsa/tsatest"
)

// TestSettingsSigningFingerprint: the settings show the fingerprint of
// the key that signs the person's bundles — the one a representative's
// Témoin shows for them — and copy it; the lock clears the clipboard
// when it still holds it, and only then.
func TestSettingsSigningFingerprint(t *testing.T) {
	g := unlockTestGUI(t)
	s := settingsOf(t, g)
	pub, err := g.journal.SigningPublicKey()
	if err != nil {
		t.Fatal(err)
	}
	want := app.SignerFingerprint(pub)
	if s.proof.fingerprint != want || !strings.Contains(test.RenderToMarkup(g.win.Canvas()), want) {
		t.Fatalf("fingerprint shown %q, want %q", s.proof.fingerprint, want)
	}
	test.Tap(s.proof.copyFP)
	if got := g.app.Clipboard().Content(); got != want {
		t.Fatalf("clipboard %q", got)
	}
	g.lock()
	if got := g.app.Clipboard().Content(); got != "" {
		t.Errorf("the fingerprint stays on the clipboard after the lock: %q", got)
	}
}

// TestClipboardKeptWhenReplaced: what the person copied elsewhere after
// Témoin's copy is theirs: the lock leaves it.
func TestClipboardKeptWhenReplaced(t *testing.T) {
	g := unlockTestGUI(t)
	s := settingsOf(t, g)
	test.Tap(s.proof.copyFP)
	g.app.Clipboard().SetContent("la liste de courses")
	g.lock()
	if got := g.app.Clipboard().Content(); got != "la liste de courses" {
		t.Errorf("the person's own clipboard was cleared: %q", got)
	}
}

// TestSettingsTimestamps: the opt-in, with its whole explanation (only a
// hash leaves), "horodater maintenant" against a local test authority,
// the status; once on, what a report queued is sent while the journal is
// open.
func TestSettingsTimestamps(t *testing.T) {
	authority := tsatest.New(t, "Autorité de test")
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(3, "Intrusion")); err != nil {
		t.Fatal(err)
	}
	if err := g.journal.Timestamps.SetAuthorities([]app.Authority{{URL: authority.URL, CA: authority.CAPEM}}); err != nil {
		t.Fatal(err)
	}
	s := settingsOf(t, g)
	markup := test.RenderToMarkup(g.win.Canvas())
	for _, want := range []string{"Seule une empreinte", "jamais un incident, un nom ni un fichier", "Aucun horodatage obtenu"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the settings do not say %q", want)
		}
	}
	if s.proof.stampOn.Checked || s.proof.authority.Selected != authority.URL {
		t.Errorf("opt-in %v, authority %q", s.proof.stampOn.Checked, s.proof.authority.Selected)
	}

	test.Tap(s.proof.stampNow)
	if authority.Requests() != 1 {
		t.Fatalf("%d requests", authority.Requests())
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Historique horodaté par Autorité de test") ||
		!strings.Contains(s.proof.status.Text, "Dernier horodatage") {
		t.Errorf("not said: status %q", s.proof.status.Text)
	}
	g.closeDialogs()

	s.proof.stampOn.SetChecked(true)
	if on, _ := g.journal.Timestamps.Enabled(); !on {
		t.Fatal("the opt-in is not kept")
	}
	if _, err := g.journal.Incidents.Create(testIncident(4, "Insultes")); err != nil {
		t.Fatal(err)
	}
	if err := g.journal.Chain.Log(app.EventReportGenerated, "rapport", strings.Repeat("a", 64)); err != nil {
		t.Fatal(err)
	}
	sendStamps(g.journal)
	if pending, _ := g.journal.Timestamps.Pending(); pending || authority.Requests() != 2 {
		t.Errorf("the report's time-stamp was not sent: pending %v, %d requests", pending, authority.Requests())
	}
}

// TestPassphraseChangeRenewsKeys: "someone may know my passphrase"
// renews every key: the new passphrase opens, a new recovery code is
// shown (the old one no longer opens), and the dialog says plainly that
// old backups still open with the old passphrase.
func TestPassphraseChangeRenewsKeys(t *testing.T) {
	g := unlockTestGUI(t)
	oldCode := recoveryCodes[t.Name()]
	s := settingsOf(t, g)
	test.Tap(s.passBtn)
	markup := canvasText(g.win.Canvas())
	for _, want := range []string{"s’ouvrent encore avec l’ancienne phrase de passe", "Renouveler toutes les clés", "si quelqu’un connaît peut-être votre phrase de passe"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the dialog does not say %q", want)
		}
	}
	const next = "le vent souffle fort ce soir 19"
	test.Type(s.passChange.current, testPass)
	s.passChange.chooser.pass.SetText(next)
	s.passChange.chooser.confirm.SetText(next)
	s.passChange.renew.SetChecked(true)
	s.passChange.apply()
	if s.passChange.code == nil || s.passChange.code.code == "" || s.passChange.code.code == oldCode {
		t.Fatal("no new recovery code shown")
	}
	newCode := s.passChange.code.code
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Clés renouvelées") {
		t.Error("the renewal is not said")
	}
	if ok, _ := g.journal.IsVaultPassphrase([]byte(next)); !ok {
		t.Fatal("the new passphrase does not open the journal")
	}
	g.closeDialogs()
	g.lock()
	if j, err := app.UnlockWithRecoveryCode(g.dir, oldCode); err == nil {
		j.Lock()
		t.Error("the old recovery code still opens the journal")
	}
	j, err := app.UnlockWithRecoveryCode(g.dir, newCode)
	if err != nil {
		t.Fatalf("the new recovery code: %v", err)
	}
	j.Lock()
}

var markupText = regexp.MustCompile(`<text[^>]*>([^<]*)</text>`)

// canvasText is the text a canvas shows, its wrapped lines joined with
// spaces, to look for a sentence whatever its line breaks.
func canvasText(c fyne.Canvas) string {
	var parts []string
	for _, m := range markupText.FindAllStringSubmatch(test.RenderToMarkup(c), -1) {
		parts = append(parts, html.UnescapeString(m[1]))
	}
	return strings.Join(parts, " ")
}
