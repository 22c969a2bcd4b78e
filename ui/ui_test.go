package ui

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

const testPass = "un chat gris dort sur le toit 42"

// recoveryCodes keeps the recovery code of each test's vault.
var recoveryCodes = map[string]string{}

// testNow is the clock of the tests.
var testNow = time.Date(2026, 3, 20, 15, 30, 0, 0, time.UTC)

// packageDir is where the golden files are (tests move to a temporary
// folder for their vaults).
var packageDir string

func TestMain(m *testing.M) {
	time.Local = time.UTC
	packageDir, _ = os.Getwd()
	os.Exit(vaulttest.MainWithTempUserFolders(m)) // the user folders of this run (vaulttest): never the developer's
}

// golden compares the window with testdata/name, from the package folder.
func golden(t *testing.T, name string, c fyne.Canvas) {
	t.Helper()
	here, _ := os.Getwd()
	os.Chdir(packageDir)
	defer os.Chdir(here)
	test.AssertRendersToMarkup(t, name, c)
}

// newTestGUI opens the application on a vault folder with a fixed path
// (golden files show it), in French, with synchronous work.
func newTestGUI(t *testing.T, withVault bool) *gui {
	t.Helper()
	// A relative folder, the same for every run, since screens show it.
	t.Chdir(t.TempDir())
	dir := "journal-de-test"
	if withVault {
		j, code, err := app.CreateVault(dir, []byte(testPass), apptest.VaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		j.Lock()
		recoveryCodes[t.Name()] = code
	}
	a := test.NewTempApp(t)
	g := newGUI(a, Options{VaultDir: dir, Lang: "fr"})
	g.async = func(f func()) { f() }
	g.now = func() time.Time { return testNow }
	g.later = func(time.Duration, func()) func() { return func() {} } // tests call refresh and save themselves
	g.vaultOptions = apptest.VaultOptions()
	g.pick = &fakePicker{}
	t.Cleanup(func() {
		g.stopIdle()
		if g.journal != nil {
			g.lock()
		}
	})
	return g
}

// unlockTestGUI opens a GUI on an existing vault, unlocked.
func unlockTestGUI(t *testing.T) *gui {
	g := newTestGUI(t, true)
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.journal == nil {
		t.Fatalf("not unlocked: %q", g.unlock.message.Text)
	}
	return g
}

func testIncident(day int, description string) *app.Incident {
	return &app.Incident{
		OccurredAt: time.Date(2026, 3, day, 10, 15, 0, 0, time.UTC), Setting: "classroom",
		Kinds: []string{"insult"}, Channels: []string{"school_messaging"}, Diffusion: "private",
		Description: description, ExactWords: "« Vous êtes nulle »",
		Perpetrator: "parent", PerpetratorRef: "Parent P1",
	}
}

func pngFile(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, 10, color.RGBA{200, 0, 0, 255})
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	path := filepath.Join(t.TempDir(), "capture pronote.png")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFirstStart creates a vault: passphrase, strength, recovery code and
// its check.
func TestFirstStart(t *testing.T) {
	g := newTestGUI(t, false)
	s := g.setup
	if s == nil {
		t.Fatal("no vault: the first-start screen should show")
	}
	golden(t, "setup.xml", g.win.Canvas())
	if !s.createBtn.Disabled() {
		t.Error("create enabled without a passphrase")
	}
	test.Type(s.chooser.pass, "court")
	if ok, _ := s.chooser.valid(); ok {
		t.Error("a short passphrase accepted")
	}
	s.chooser.pass.SetText(testPass)
	test.Type(s.chooser.confirm, "autre chose")
	if !s.createBtn.Disabled() {
		t.Error("create enabled with different passphrases")
	}
	s.chooser.confirm.SetText(testPass)
	if s.createBtn.Disabled() {
		_, why := s.chooser.valid()
		t.Fatalf("create disabled: %s", why)
	}
	test.Tap(s.createBtn)
	if s.code == nil {
		t.Fatalf("no recovery code shown: %q", s.message.Text)
	}
	if !app.VaultExists(g.dir) {
		t.Fatal("no vault created")
	}
	s.code.showCheck()
	test.Type(s.code.check, "ZZZZ")
	if !s.code.nextBtn.Disabled() {
		t.Error("continue enabled with wrong characters")
	}
	s.code.check.SetText(strings.ToLower(s.code.expected()))
	if s.code.nextBtn.Disabled() {
		t.Fatal("continue disabled with the right characters")
	}
	test.Tap(s.code.nextBtn)
	if g.main == nil || g.journal == nil {
		t.Fatal("journal not shown after the first start")
	}
	golden(t, "journal_empty.xml", g.win.Canvas())
}

// TestWorkflow: unlock (wrong then right), add an incident with
// evidence, search it, amend it, see its history, lock.
func TestWorkflow(t *testing.T) {
	g := newTestGUI(t, true)
	u := g.unlock
	if u == nil {
		t.Fatal("the unlock screen should show")
	}
	if g.win.Canvas().Focused() != u.pass {
		t.Error("the passphrase field is not focused")
	}
	golden(t, "unlock.xml", g.win.Canvas())
	if g.win.Title() != Title {
		t.Errorf("title %q", g.win.Title())
	}

	test.Type(u.pass, "pas la bonne phrase")
	test.Tap(u.unlockBtn)
	if g.journal != nil || !u.message.Visible() || !strings.Contains(u.message.Text, "phrase de passe") {
		t.Fatalf("wrong passphrase: journal %v, message %q", g.journal, u.message.Text)
	}
	test.Type(u.pass, testPass)
	u.pass.OnSubmitted(u.pass.Text) // Enter
	if g.journal == nil {
		t.Fatalf("right passphrase refused: %q", u.message.Text)
	}

	// A new incident, written in the full editor.
	e := newFullIncident(g)
	if e == nil {
		t.Fatal("no editor")
	}
	test.Type(e.what.description, "Message Pronote menaçant reçu d’un parent d’élève après le conseil de classe.")
	e.what.kinds.checks[1].SetChecked(true)    // insult
	e.what.channels.checks[4].SetChecked(true) // school_messaging
	e.who.perpetrator.set("parent")
	test.Type(e.who.perpRef, "Parent P1")
	e.when.timeOf.SetText("8 h 30")
	if e.what.videoBox.Visible() {
		t.Error("video-call details shown without a video call")
	}
	e.what.channels.checks[1].SetChecked(true) // video_call
	if !e.what.videoBox.Visible() {
		t.Error("video-call details hidden for a video call")
	}
	e.what.channels.checks[1].SetChecked(false)
	test.Tap(e.saveBtn)
	if e.id == "" || g.journal.Incidents.Count() != 1 {
		t.Fatalf("not saved: %q", e.status.Text)
	}
	in, _ := g.journal.Incidents.Get(e.id)
	if in.OccurredAt.Hour() != 8 || in.OccurredAt.Minute() != 30 || in.PerpetratorRef != "Parent P1" || !in.HasKind("insult") {
		t.Errorf("saved incident: %+v", in)
	}

	// Evidence: a file and a link.
	path := pngFile(t)
	src, ok := fileSource(path)
	if !ok {
		t.Fatal("fileSource")
	}
	e.evidence.importFiles([]importSource{src})
	in, _ = g.journal.Incidents.Get(e.id)
	if len(in.Evidence) != 1 || in.Evidence[0].MediaType != "image/png" || len(in.Evidence[0].SHA256) != 64 {
		t.Fatalf("evidence: %+v", in.Evidence)
	}
	if len(g.dialogs) != 1 {
		t.Fatalf("want the offer to delete the original, have %d dialogs", len(g.dialogs))
	}
	g.escape() // Escape closes it
	if len(g.dialogs) != 0 {
		t.Error("Escape did not close the dialog")
	}
	if _, err := os.Stat(path); err != nil {
		t.Error("the original was deleted without being asked")
	}
	img, err := decodePreview(g.journal, in.Evidence[0].ID)
	if err != nil || img.Bounds().Dx() != 40 {
		t.Errorf("preview: %v", err)
	}
	e.evidence.addLinkNow("https://video.example.net/v/123", app.DateOf(testNow), "vue le jour même")
	in, _ = g.journal.Incidents.Get(e.id)
	if len(in.Evidence) != 2 || !in.Evidence[1].IsLink() {
		t.Fatalf("link: %+v", in.Evidence)
	}

	// Search, accents ignored.
	g.main.showJournal()
	js := g.main.journal
	test.Type(js.search, "menacant")
	js.refresh()
	if len(js.items) != 1 {
		t.Fatalf("search found %d", len(js.items))
	}
	js.search.SetText("rien de tel")
	js.refresh()
	if len(js.items) != 0 || !js.empty.Visible() {
		t.Error("a search that finds nothing should say so")
	}
	js.clearFilters()
	if len(js.items) != 1 {
		t.Fatal("clearing the search")
	}
	js.list.Select(0)
	e = g.main.editor
	if e == nil || e.id != in.ID {
		t.Fatal("selecting the incident did not open it")
	}

	// Amend: a new revision, shown in History.
	e.what.description.SetText(e.what.description.Text + " Second message le lendemain.")
	if !e.dirty {
		t.Error("typing did not mark the incident changed")
	}
	g.main.save() // Ctrl+S
	in, _ = g.journal.Incidents.Get(e.id)
	if in.Revision != 2 {
		t.Fatalf("revision %d after an amendment", in.Revision)
	}
	revs, _ := g.journal.Incidents.History(e.id)
	if len(revs) != 2 || len(e.history.box.Objects) != 4 { // title, help, two revisions
		t.Fatalf("history: %d revisions, %d objects", len(revs), len(e.history.box.Objects))
	}
	if !slices.Contains(revs[1].Changed, "description") {
		t.Errorf("changed fields: %v", revs[1].Changed)
	}
	e.history.showRevision(revs[0]) // the first version stays readable
	if len(g.dialogs) != 1 {
		t.Error("the earlier revision is not shown")
	}
	g.closeDialogs()

	// Lock: back to the unlock screen, nothing of the journal left.
	g.lock()
	if g.journal != nil || g.main != nil || g.unlock == nil {
		t.Fatal("lock did not lock")
	}
	if strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Pronote") {
		t.Error("content still shown after locking")
	}
}

// TestDrafts: what is typed is kept as a draft when the screen is left
// or the journal locked, and offered back after unlocking.
func TestDrafts(t *testing.T) {
	g := unlockTestGUI(t)
	e := newFullIncident(g)
	test.Type(e.what.description, "Brouillon interrompu")
	g.lock()
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	drafts, err := g.journal.Drafts.List()
	if err != nil || len(drafts) != 1 || drafts[0].Incident.Description != "Brouillon interrompu" {
		t.Fatalf("drafts: %v %v", drafts, err)
	}
	if len(g.dialogs) != 1 {
		t.Fatalf("the drafts were not offered (%d dialogs)", len(g.dialogs))
	}
	g.closeDialogs()
	g.main.openDraft(drafts[0])
	if q := g.main.editor.quick; q == nil || q.facts.Text != "Brouillon interrompu" {
		t.Error("draft not resumed on the quick screen")
	}
	g.main.editor.showDetails()
	if g.main.editor.what.description.Text != "Brouillon interrompu" {
		t.Error("draft not resumed")
	}
	g.main.editor.when.date.SetDate(&testNow)
	g.main.editor.save()
	id := g.main.editor.id

	// A draft of a saved incident comes back when it is opened again.
	g.main.editor.what.description.SetText("Brouillon interrompu, complété")
	g.main.showJournal()
	g.main.openIncident(id)
	if e := g.main.editor; e.what.description.Text != "Brouillon interrompu, complété" || !e.dirty {
		t.Errorf("the draft of a saved incident was not restored: %q", e.what.description.Text)
	}
	g.main.editor.save()
	if g.journal.Incidents.Count() != 1 {
		t.Fatal("draft not saved")
	}
	if drafts, _ := g.journal.Drafts.List(); len(drafts) != 0 {
		t.Errorf("draft kept after saving: %v", drafts)
	}
}

func TestSaveErrorsExplained(t *testing.T) {
	g := unlockTestGUI(t)
	e := newFullIncident(g)
	e.when.date.SetDate(nil)
	e.save()
	if g.journal.Incidents.Count() != 0 || len(g.dialogs) != 1 {
		t.Fatalf("an empty incident was saved, or not explained")
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string][2]int{"14:05": {14, 5}, "8h30": {8, 30}, "8 h 30": {8, 30}, "9h": {9, 0}} {
		h, m, ok := parseClock(in)
		if !ok || h != want[0] || m != want[1] {
			t.Errorf("parseClock(%q) = %d, %d, %v", in, h, m, ok)
		}
	}
	for _, in := range []string{"25:00", "midi", "12:75"} {
		if _, _, ok := parseClock(in); ok {
			t.Errorf("parseClock(%q) accepted", in)
		}
	}
}

// TestScreens renders each screen of a journal with a few incidents.
func TestScreens(t *testing.T) {
	g := unlockTestGUI(t)
	for i, d := range []int{3, 9, 14} {
		in := testIncident(d, []string{"Appel insultant", "Message menaçant sur Pronote", "Intrusion pendant la classe virtuelle"}[i])
		if i == 2 {
			in.Channels = []string{"video_call"}
			in.Kinds = []string{"video_intrusion", "insult"}
			in.Diffusion = "public"
			in.Perpetrator, in.PerpetratorRef = "outsider", "Intrus I1"
		}
		if _, err := g.journal.Incidents.Create(in); err != nil {
			t.Fatal(err)
		}
	}
	// Every screen fits a small laptop's window (1024 points wide).
	fits := func(name string) {
		t.Helper()
		if w := g.win.Content().MinSize().Width; w > 1024 {
			t.Errorf("%s needs %.0f points of width", name, w)
		}
	}
	g.main.showJournal()
	fits("journal")
	golden(t, "journal.xml", g.win.Canvas())
	g.main.showDeadlines()
	golden(t, "deadlines.xml", g.win.Canvas())
	g.main.showGuide()
	golden(t, "guide.xml", g.win.Canvas())
	g.main.showSettings()
	// The journal's signing key is random: its fingerprint is not golden.
	g.main.current.(*settingsScreen).proof.fpLabel.SetText("0000 0000 0000 0000 0000")
	if captureProtectionAvailable { // Windows and macOS: one more setting
		golden(t, "settings_capture.xml", g.win.Canvas())
	} else {
		golden(t, "settings.xml", g.win.Canvas())
	}
	g.main.openIncident(g.journal.Incidents.List(app.Filter{})[0].ID)
	for i := range g.main.editor.tabs.Items {
		g.main.editor.tabs.SelectIndex(i)
		g.main.editor.changed()
		fits("editor tab " + strconv.Itoa(i))
	}
	g.main.showDeadlines()
	fits("deadlines")
	g.main.showGuide()
	fits("guide")
	g.main.showSettings()
	fits("settings")
	g.main.newIncident()
	golden(t, "editor_quick.xml", g.win.Canvas())
	g.main.editor.showDetails()
	g.main.editor.tabs.SelectIndex(tabWhen)
	golden(t, "editor_new.xml", g.win.Canvas())
	g.main.editor.tabs.SelectIndex(tabWhat)
	golden(t, "editor_what.xml", g.win.Canvas())
	g.main.editor.tabs.SelectIndex(tabConsequences)
	golden(t, "editor_consequences.xml", g.win.Canvas())
}

// TestDeadlinesDismiss hides a deadline that does not apply.
func TestDeadlinesDismiss(t *testing.T) {
	g := unlockTestGUI(t)
	if _, err := g.journal.Incidents.Create(testIncident(14, "Insultes")); err != nil {
		t.Fatal(err)
	}
	s := &deadlinesScreen{g: g, m: g.main}
	g.main.show(s, "deadlines")
	// The accident declaration, and the three months of a non-public
	// insult (issue 11).
	if len(s.cards) != 2 {
		t.Fatalf("%d deadlines shown, want the accident at work and the private insult", len(s.cards))
	}
	dls, _ := g.journal.Deadlines.List(testNow)
	for _, d := range dls {
		if d.Rule == app.RuleWorkAccident {
			s.dismiss(d)
		}
	}
	if len(s.cards) != 1 {
		t.Error("dismissed deadline still shown")
	}
}

func TestGuideInBothLanguages(t *testing.T) {
	for _, l := range i18n.Languages {
		topics := guideTopics(l.String())
		if len(topics) < 4 {
			t.Errorf("%s: %d guide topics", l, len(topics))
		}
		all := ""
		for _, tp := range topics {
			all += tp.text
		}
		for _, must := range []string{"RSST", "3018", "PNAV", "#31#", "15", "3 "} {
			if !strings.Contains(all, must) {
				t.Errorf("%s guide does not mention %q", l, must)
			}
		}
	}
	if len(guideTopics("fr")) != len(guideTopics("en")) {
		t.Error("the French and English guides differ in topics")
	}
}

func TestSettingsLanguageAndAutoLock(t *testing.T) {
	g := unlockTestGUI(t)
	g.main.showSettings()
	s := g.main.current.(*settingsScreen)
	s.autoLock.SetSelectedIndex(0) // 1 minute
	if g.lockAfter != time.Minute || g.app.Preferences().Int(prefAutoLock) != 1 {
		t.Errorf("auto-lock %v", g.lockAfter)
	}
	s.language.SetSelectedIndex(1)
	if i18n.Language() != i18n.English || g.app.Preferences().String(prefLang) != "en" {
		t.Error("language not switched")
	}
	if !strings.Contains(test.RenderToMarkup(g.win.Canvas()), "Settings") {
		t.Error("screen not rebuilt in English")
	}
	useLanguage(i18n.French)
	// Preferences hold no content, not even the last folder of a file
	// dialog.
	g.app.Preferences().SetString(fileDialogFolderKey, "file:///home/x/Harcèlement")
	g.lock()
	if g.app.Preferences().String(fileDialogFolderKey) != "" {
		t.Error("the file dialog's last folder stays in the preferences")
	}
}

func TestAutoLock(t *testing.T) {
	g := unlockTestGUI(t)
	g.touch()
	g.idleMu.Lock()
	armed, gen := g.idleTimer != nil, g.idleGen
	g.idleMu.Unlock()
	if !armed {
		t.Fatal("no auto-lock timer while unlocked")
	}
	if g.lockAfter != defaultAutoLock*time.Minute {
		t.Errorf("default auto-lock %v", g.lockAfter)
	}
	g.idleExpired(gen)
	if g.journal != nil || g.unlock == nil {
		t.Fatal("the journal did not lock itself")
	}
}

// TestLargeJournal: ten thousand incidents list and search (the list is
// virtualised: only the visible rows are built).
func TestLargeJournal(t *testing.T) {
	if testing.Short() {
		t.Skip("large journal")
	}
	g := unlockTestGUI(t)
	ins := make([]*app.Incident, 10_000)
	for i := range ins {
		// "/10000" after the number: a random id may hold "4242", never
		// "4242/10000".
		ins[i] = testIncident(1+i%28, "Incident numéro "+strconv.Itoa(i)+"/10000 : message insultant reçu sur la messagerie de l’établissement.")
	}
	if _, err := g.journal.Incidents.CreateMany(context.Background(), ins, nil); err != nil {
		t.Fatal(err)
	}
	g.main.showJournal()
	js := g.main.journal
	// How fast: BenchmarkSearch10k (app), in make bench; never timed here.
	js.search.SetText("numero 4242/10000")
	js.refresh()
	if len(js.items) != 1 {
		t.Fatalf("search found %d", len(js.items))
	}
	js.clearFilters()
	if len(js.items) != 10_000 {
		t.Fatalf("%d listed", len(js.items))
	}
}

// TestRecoveryAndPassphraseChange: forgotten passphrase → recovery code →
// new passphrase; then a change of passphrase in Settings.
func TestRecoveryAndPassphraseChange(t *testing.T) {
	g := newTestGUI(t, true)
	u := g.unlock
	u.showRecovery()
	test.Type(u.code, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE")
	test.Tap(u.codeBtn)
	if u.recovered != nil || !u.message.Visible() {
		t.Fatal("a wrong recovery code opened the journal, or was not explained")
	}
	u.code.SetText(strings.ToLower(recoveryCodes[t.Name()]))
	test.Tap(u.codeBtn)
	if u.recovered == nil {
		t.Fatalf("the recovery code did not open the journal: %q", u.message.Text)
	}
	const second = "trois pommes vertes sur la table 7"
	u.chooser.pass.SetText(second)
	u.chooser.confirm.SetText(second)
	test.Tap(u.setPassBtn)
	if g.journal == nil {
		t.Fatalf("not opened after the new passphrase: %q", u.message.Text)
	}
	g.closeDialogs()
	g.lock()
	test.Type(g.unlock.pass, second)
	test.Tap(g.unlock.unlockBtn)
	if g.journal == nil {
		t.Fatal("the new passphrase does not open the journal")
	}

	g.main.showSettings()
	s := g.main.current.(*settingsScreen)
	test.Tap(s.passBtn)
	const third = "le vent souffle fort ce soir 19"
	s.passChange.current.SetText(second)
	s.passChange.chooser.pass.SetText(third)
	s.passChange.chooser.confirm.SetText(third)
	s.passChange.apply()
	g.closeDialogs()
	g.lock()
	test.Type(g.unlock.pass, third)
	test.Tap(g.unlock.unlockBtn)
	if g.journal == nil {
		t.Fatal("the changed passphrase does not open the journal")
	}
}

// TestDropFiles: files dropped on the window go to the incident open in
// the editor; elsewhere, the person is told what to do.
func TestDropFiles(t *testing.T) {
	g := unlockTestGUI(t)
	uri := storage.NewFileURI(pngFile(t))
	g.onDropped(fyne.NewPos(10, 10), []fyne.URI{uri})
	if len(g.dialogs) != 1 {
		t.Fatal("a drop on the journal should explain where to drop")
	}
	g.closeDialogs()
	in, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(in.ID)
	g.onDropped(fyne.NewPos(10, 10), []fyne.URI{uri})
	got, _ := g.journal.Incidents.Get(in.ID)
	if len(got.Evidence) != 1 || got.Evidence[0].Name != "capture pronote.png" {
		t.Fatalf("dropped file not attached: %+v", got.Evidence)
	}
	if g.main.editor.tabs.SelectedIndex() != tabEvidence {
		t.Error("the evidence is not shown after a drop")
	}
}

// TestAlreadyOpen: when the command line holds the vault, the unlock
// screen says so.
func TestAlreadyOpen(t *testing.T) {
	g := newTestGUI(t, true)
	j, err := app.Unlock(g.dir, []byte(testPass))
	if err != nil {
		t.Fatal(err)
	}
	defer j.Lock()
	test.Type(g.unlock.pass, testPass)
	test.Tap(g.unlock.unlockBtn)
	if g.journal != nil || !strings.Contains(g.unlock.message.Text, "déjà ouvert") {
		t.Errorf("message %q", g.unlock.message.Text)
	}
}

// TestImportCancelled: a cancelled import keeps nothing.
func TestImportCancelled(t *testing.T) {
	g := unlockTestGUI(t)
	in, err := g.journal.Incidents.Create(testIncident(14, "Message menaçant"))
	if err != nil {
		t.Fatal(err)
	}
	src, _ := fileSource(pngFile(t))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := importWork(ctx, g.journal, in.ID, []importSource{src}, nil)
	if len(res) != 1 || !errors.Is(res[0].err, context.Canceled) {
		t.Fatalf("results %+v", res)
	}
	got, _ := g.journal.Incidents.Get(in.ID)
	if len(got.Evidence) != 0 {
		t.Error("a cancelled import left evidence")
	}
}
