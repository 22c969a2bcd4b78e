package ui

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/charmap"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/sheet/sheettest"
	"github.com/temoin-app/temoin/ui/control"
)

// openOnEvidence creates an incident and opens it on its evidence tab.
func openOnEvidence(t *testing.T, g *gui) *evidenceSection {
	t.Helper()
	in, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(in.ID)
	g.main.editor.tabs.SelectIndex(tabEvidence)
	return g.main.editor.evidence
}

// shownText is every label and button of the top dialog, or of the
// evidence's detail pane when no dialog is open.
func shownText(t *testing.T, g *gui) string {
	o := g.win.Canvas().Overlays().Top()
	if o == nil {
		o = g.main.editor.evidence.detail
	}
	return strings.Join(append(labels(t, o), buttons(t, o)...), "\n")
}

// evidenceOf returns the evidence of the incident open in the editor.
func evidenceOf(t *testing.T, s *evidenceSection) []app.Evidence {
	t.Helper()
	in, err := s.g.journal.Incidents.Get(s.e.id)
	if err != nil {
		t.Fatal(err)
	}
	return in.Evidence
}

// TestPasteAsEvidence: Ctrl+V on the evidence tab keeps a picture as PNG,
// and a message as text with its sender, date and channel.
func TestPasteAsEvidence(t *testing.T) {
	g := unlockTestGUI(t)
	s := openOnEvidence(t, g)
	raw, _ := os.ReadFile(pngFile(t))
	g.clipboard = func() clipContent { return clipContent{png: raw} }
	g.main.paste() // what Ctrl+V does outside a text box (shortcuts.go)
	if len(g.dialogs) != 1 {
		t.Fatal("Ctrl+V on the evidence tab shows nothing")
	}
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	list := evidenceOf(t, s)
	if len(list) != 1 || list[0].Source != app.SourcePaste || list[0].MediaType != "image/png" {
		t.Fatalf("pasted picture: %+v", list)
	}
	if img, err := png.Decode(bytes.NewReader(readEvidence(t, g.journal, list[0]))); err != nil || img.Bounds().Dx() != 40 {
		t.Errorf("the picture kept: %v", err)
	}

	g.clipboard = func() clipContent { return clipContent{text: "  Vous allez le regretter.\n"} }
	test.Tap(s.pasteBtn)
	form := g.win.Canvas().Overlays().Top()
	// The form: the message, sender, date, then the channel (the
	// incident's first one chosen already).
	sender, sent := findEntry(t, form, "Parent P1, un numéro inconnu…"), findEntry(t, form, "13/03/2026 21:46")
	test.Type(sender, "M. Durand")
	test.Type(sent, "13/03/2026 21:46")
	g.dialogs[0].(*dialog.FormDialog).Submit()
	list = evidenceOf(t, s)
	if len(list) != 2 {
		t.Fatalf("pasted text: %+v", list)
	}
	ev := list[1]
	if ev.Sender != "M. Durand" || ev.SentAt != "13/03/2026 21:46" || ev.Channel != "school_messaging" || ev.MediaType != "text/plain" {
		t.Errorf("pasted text: %+v", ev)
	}
	if got := string(readEvidence(t, g.journal, ev)); got != "Vous allez le regretter.\n" {
		t.Errorf("text kept %q", got)
	}
	detail := shownText(t, g)
	for _, want := range []string{"M. Durand", "13/03/2026 21:46", "Messagerie"} {
		if !strings.Contains(detail, want) {
			t.Errorf("the detail does not show %q:\n%s", want, detail)
		}
	}
}

// findEntry finds the entry whose placeholder is ph.
func findEntry(t *testing.T, o fyne.CanvasObject, ph string) *control.Entry {
	t.Helper()
	for _, e := range widgetsUnder[*control.Entry](t, o) {
		if e.PlaceHolder == ph {
			return e
		}
	}
	t.Fatalf("no entry %q", ph)
	return nil
}

// TestMailImportShowsHeaders: an .eml added as a file is kept byte-exact
// with its date, sender, recipients and subject shown; its attachment is
// added as evidence of its own, linked to it.
func TestMailImportShowsHeaders(t *testing.T) {
	g := unlockTestGUI(t)
	s := openOnEvidence(t, g)
	raw, err := os.ReadFile(filepath.Join(packageDir, "..", "app", "mail", "testdata", "parent.eml"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "message du parent.eml")
	os.WriteFile(path, raw, 0o600)
	src, _ := fileSource(path)
	s.importFiles([]importSource{src})
	g.closeDialogs() // the originals
	list := evidenceOf(t, s)
	if len(list) != 1 || list[0].Mail == nil || list[0].Source != app.SourceMail || !bytes.Equal(readEvidence(t, g.journal, list[0]), raw) {
		t.Fatalf("e-mail: %+v", list)
	}
	detail := shownText(t, g)
	for _, want := range []string{"Votre comportement inadmissible envers ma fille", "Pierre Durand <p.durand@exemple.fr>",
		"Mme Léa Martin <lea.martin@ac-exemple.fr>", "13\u00a0mars\u00a02026", "1 pièce jointe", "Ajouter comme pièce", "courriel · "} {
		if !strings.Contains(detail, want) {
			t.Errorf("the e-mail's detail does not show %q:\n%s", want, detail)
		}
	}
	if strings.Contains(detail, "rfc822") {
		t.Errorf("the detail shows a raw media type:\n%s", detail)
	}
	test.Tap(buttonNamed(t, s.detail, "Ajouter comme pièce"))
	list = evidenceOf(t, s)
	if len(list) != 2 || list[1].Parent != list[0].ID || list[1].SHA256 != list[0].Mail.Attachments[0].SHA256 {
		t.Fatalf("attachment: %+v", list)
	}
	if !strings.Contains(shownText(t, g), "Jointe au courriel") {
		t.Error("the attachment does not say which e-mail it came with")
	}
	s.selected = list[0].ID
	s.refresh()
	if !strings.Contains(shownText(t, g), "déjà ajoutée") {
		t.Error("the attachment added is offered again")
	}
}

// TestDuplicateEvidenceSaysWhere: the same file twice is refused with
// the name and the incident it already has (issue 12, bug 5).
func TestDuplicateEvidenceSaysWhere(t *testing.T) {
	g := unlockTestGUI(t)
	s := openOnEvidence(t, g)
	src, _ := fileSource(pngFile(t))
	s.importFiles([]importSource{src})
	g.closeDialogs()
	s.importFiles([]importSource{src})
	shown := shownText(t, g)
	if !strings.Contains(shown, "déjà dans le journal") || !strings.Contains(shown, "«\u00a0capture pronote.png\u00a0»") ||
		!strings.Contains(shown, "14\u00a0mars\u00a02026") {
		t.Errorf("the duplicate is said as %q", shown)
	}
	if len(evidenceOf(t, s)) != 1 {
		t.Error("the duplicate was kept")
	}
}

// TestOriginalsKeptByDefault: after an import, keeping the originals is
// the default; deletion is offered once the copy was checked; a cloud-
// synced folder is named (issue 12, bug 6).
func TestOriginalsKeptByDefault(t *testing.T) {
	g := unlockTestGUI(t)
	s := openOnEvidence(t, g)
	captureOpen(t, g)
	privateViewerFolder(t, g)
	dir := filepath.Join(t.TempDir(), "OneDrive - Académie", "Images")
	os.MkdirAll(dir, 0o700)
	path := filepath.Join(dir, "capture.png")
	data, _ := os.ReadFile(pngFile(t))
	os.WriteFile(path, data, 0o600)
	src, _ := fileSource(path)
	s.importFiles([]importSource{src})
	top := g.win.Canvas().Overlays().Top()
	shown := shownText(t, g)
	if !strings.Contains(shown, "OneDrive") || !strings.Contains(shown, "Les garder") {
		t.Errorf("the originals dialog: %q", shown)
	}
	del := buttonNamed(t, top, "Supprimer les originaux")
	if !del.Disabled() {
		t.Fatal("deletion is offered before the copy was checked")
	}
	test.Tap(del)
	if _, err := os.Stat(path); err != nil {
		t.Fatal("deleted without the copy checked")
	}
	check := widgetsUnder[*widget.Check](t, top)
	if len(check) != 1 {
		t.Fatalf("%d check boxes", len(check))
	}
	test.Tap(check[0])
	test.Tap(del)
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("the original was not deleted once the copy was checked")
	}
}

// TestEvidenceNote: a note is kept with a piece of evidence.
func TestEvidenceNote(t *testing.T) {
	g := unlockTestGUI(t)
	s := openOnEvidence(t, g)
	src, _ := fileSource(pngFile(t))
	s.importFiles([]importSource{src})
	g.closeDialogs()
	test.Type(s.note, "Capture du message reçu sur Pronote")
	test.Tap(buttonNamed(t, s.detail, "Enregistrer la note"))
	if list := evidenceOf(t, s); list[0].Note != "Capture du message reçu sur Pronote" {
		t.Errorf("note %q", list[0].Note)
	}
}

// TestSheetImportPreview: a French Excel CSV (Windows-1252, semicolons)
// chosen in the GUI shows what each column becomes and every row; the
// import creates the incidents; the same file again says the rows were
// imported before; errors name the spreadsheet's row and column.
func TestSheetImportPreview(t *testing.T) {
	g := unlockTestGUI(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal des incidents.csv")
	os.WriteFile(path, sheettest.Encode(t, charmap.Windows1252, sheettest.CSV([][]string{
		{"Date", "Heure", "Types", "Canaux", "Faits", "Référence auteur"},
		{"12/03/2026 14:05", "", "Insultes", "En personne", "Appel très agressif.", "Parent P1"},
		{"13/03/2026", "14:05:00", "Menaces", "Pronote", "Message de menace.", "Élève E2"},
	}, ";", "\r\n")), 0o600)
	pickFile(g, path)
	g.chooseSheet()
	shown := shownText(t, g)
	for _, want := range []string{"2 lignes d’incidents lues.", "Colonne F «\u00a0Référence auteur\u00a0»\nRéférence de l’auteur", "Importer 2 incidents"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the preview does not say %q:\n%s", want, shown)
		}
	}
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if n := g.journal.Incidents.Count(); n != 2 {
		t.Fatalf("%d incidents after the import", n)
	}
	if !strings.Contains(shownText(t, g), "2 incidents importés") {
		t.Errorf("after the import: %q", shownText(t, g))
	}
	g.closeDialogs()

	g.chooseSheet()
	if shown := shownText(t, g); !strings.Contains(shown, "2 lignes déjà importées ont été laissées de côté.") || !strings.Contains(shown, "Fermer") {
		t.Errorf("the same file again: %q", shown)
	}
	g.dialogs[0].(*dialog.ConfirmDialog).Confirm()
	if n := g.journal.Incidents.Count(); n != 2 {
		t.Fatalf("%d incidents after importing the same file again", n)
	}
	g.closeDialogs()

	bad := filepath.Join(dir, "erreurs.csv")
	os.WriteFile(bad, []byte("Date;Faits;Types\r\n12/03/2026;ok;Menaces\r\n14/03/2026;x;gifle\r\n"), 0o600)
	pickFile(g, bad)
	g.chooseSheet()
	if shown := shownText(t, g); !strings.Contains(shown, "Ligne 3, colonne C (Types)\u00a0: «\u00a0gifle\u00a0» n’est pas reconnu") {
		t.Errorf("the error: %q", shown)
	}
}

// buttonNamed finds the button labelled text under o.
func buttonNamed(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, b := range widgetsUnder[*widget.Button](t, o) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q", text)
	return nil
}
