package ui

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// TestShots writes PNGs of the report, documents, send and backup screens
// in the states a headless test reaches more surely than clicks under
// Xvfb (a document out of date, the letter the steps call for, the
// procedures of an incident, a key with a character missing, a backup on
// the journal's disk), in French and English, at 1366×768 and 1024×600.
// It does nothing unless TEMOIN_SCREENSHOTS names a folder
// (tools/screenshots.sh sets it).
func TestShots(t *testing.T) {
	dir := os.Getenv("TEMOIN_SCREENSHOTS")
	if dir == "" {
		t.Skip("set TEMOIN_SCREENSHOTS=DIR to write the screens there")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "en"} {
		for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 600}} {
			t.Run(lang+"-"+sizeName(size), func(t *testing.T) { shots(t, dir, lang, size) })
		}
	}
}

func sizeName(s fyne.Size) string {
	if s.Width > 1100 {
		return "1366"
	}
	return "1024"
}

// shots opens the demo journal in lang at size and takes each picture.
func shots(t *testing.T, dir, lang string, size fyne.Size) {
	g := demoGUI(t, lang)
	g.win.Resize(size)
	snap := func(name string) {
		t.Helper()
		img := g.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(dir, "docsui-"+lang+"-"+sizeName(size)+"-"+name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
	}
	s := showReport(t, g)
	snap("01-report")
	if size.Width > 1100 {
		g.journal.People.Add(app.Person{Name: "Rose Lemaire", Pseudonym: "Parent P3", Role: "parent"})
		s.opts.people.changed()
		scrollTo(s.scroll, s.opts.replaced)
		snap("01b-report-replacements")
		scrollTo(s.scroll, s.opts.audience)
	}
	test.Tap(s.generateBtn)
	snap("02-report-generated")
	s.opts.pseudo.SetChecked(false)
	snap("03-report-stale")
	s.opts.pseudo.SetChecked(true)
	s.opts.audience.SetSelected(s.opts.audience.Options[2])
	snap("04-report-lawyer")
	s.tabs.SelectIndex(reportTabDocuments)
	d := s.documents
	for _, in := range d.letterPicker.items[:3] {
		d.letterPicker.set(in.ID, true)
	}
	scrollTo(d.scroll, d.letterPicker.list) // the whole list: a list cut by the scroll is not clipped in a capture
	snap("05-documents-letter")
	d.rsstSel.SetSelectedIndex(2)
	scrollTo(d.scroll, d.rsstSel)
	snap("06-documents-procedures")

	sc := showSend(t, g)
	sc.tabs.SelectIndex(sendTabReps)
	test.Tap(sc.list.addBtn)
	test.Type(sc.list.add.name, "Dominique Petit")
	test.Type(sc.list.add.org, "SUD Éducation")
	test.Type(sc.list.add.key, testRepKey2[:len(testRepKey2)-1])
	snap("07-add-rep-missing")
	sc.list.add.key.SetText(testRepKey2)
	snap("08-add-rep-valid")
	g.closeDialogs()

	usb := filepath.Join(t.TempDir(), "CLE USB")
	os.Mkdir(usb, 0o700)
	pickFolders(g, usb)
	g.backupNow(nil)
	snap("09-backup-same-disk")
	g.closeDialogs()

	// The linked incidents, at the end of "What happened", and their
	// picker.
	list := g.journal.Incidents.List(app.Filter{})
	in := list[0].Clone()
	in.Linked = []string{list[1].ID, list[2].ID}
	if _, err := g.journal.Incidents.Amend(in.ID, in); err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(in.ID)
	e := g.main.editor
	e.tabs.SelectIndex(tabWhat)
	scrollTo(e.scrolls[tabWhat], e.what.links.box)
	snap("10-editor-linked")
	e.what.links.choose()
	snap("11-editor-linked-picker")
	g.closeDialogs()
}

// demoGUI opens the demo journal in lang, unlocked.
func demoGUI(t *testing.T, lang string) *gui {
	t.Helper()
	t.Chdir(t.TempDir())
	j, _, err := app.CreateVault("journal", []byte(testPass), apptest.VaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.FillDemo(context.Background(), j, testNow); err != nil {
		t.Fatal(err)
	}
	j.Settings.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure de lettres", Workplace: "Collège Émile-Zola, Roubaix",
		Authority: "académie de Lille"})
	j.Lock()
	a := test.NewTempApp(t)
	g := newGUI(a, Options{VaultDir: "journal", Lang: lang})
	g.async = func(f func()) { f() }
	g.now = func() time.Time { return testNow }
	g.later = func(time.Duration, func()) func() { return func() {} }
	g.vaultOptions = apptest.VaultOptions()
	g.pick = &fakePicker{}
	t.Cleanup(func() {
		if g.journal != nil {
			g.lock()
		}
		i18n.SetLanguage(i18n.French)
	})
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.journal == nil {
		t.Fatalf("not unlocked: %q", g.unlock.message.Text)
	}
	g.closeDialogs()
	return g
}

// scrollTo scrolls so that o is near the top.
func scrollTo(sc *container.Scroll, o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(sc.Content).Y
	sc.Offset.Y = max(0, y-60)
	sc.Refresh()
}
