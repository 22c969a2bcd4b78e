//go:build testhooks

package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
)

// This file is a test hook, built only with the testhooks tag (make test
// and make torture give it; the release binary never holds it: make test
// checks its symbols). It lets the leak proof of package torture
// (torture/leak_gui_test.go) go through the real screens as a person
// would, from outside package ui, which keeps its widgets unexported.
//
// Honest by construction: every step types into the same entries and
// presses the same buttons as a person (through the widgets' own
// TypedRune and OnTapped), with the same file dialogs answered by a
// path; the only differences from a real session are the ones the unit
// tests of this package make too: the work that the application runs
// in a goroutine runs at once, timers (the search's pause, the
// autosave) do not fire by themselves, and Fyne's test driver replaces
// the window. It needs an app from fyne.io/fyne/v2/test.

// LeakSession is Témoin's window driven headlessly, step by step.
type LeakSession struct {
	g      *gui
	answer *answers
}

// answers answers the file and folder dialogs with the path set last.
type answers struct{ path string }

func (a *answers) folder(_ string, then func(string))         { then(a.path) }
func (a *answers) open(then func(string), _ ...string)        { then(a.path) }
func (a *answers) save(_ string, then func(path string))      { then(a.path) }
func (a *answers) openFiles(then func([]string), _ ...string) { then([]string{a.path}) }

// NewLeakSession opens Témoin's window on the vault folder dir, in
// French, as Run does (a Fyne test app).
//
// The auto-lock is set to the longest a person can choose (60 minutes):
// the session's steps that work on the journal directly (the report, the
// bundle) do not touch the window, and on a slow machine five idle
// minutes locked the journal in the middle of the session, which then
// failed on a nil journal instead of saying what it proves.
func NewLeakSession(a fyne.App, dir string) *LeakSession {
	a.Preferences().SetInt(prefAutoLock, autoLockChoices[len(autoLockChoices)-1])
	g := newGUI(a, Options{VaultDir: dir, Lang: "fr"})
	g.async = func(f func()) { f() }
	g.later = func(time.Duration, func()) func() { return func() {} }
	s := &LeakSession{g: g, answer: &answers{}}
	g.pick = s.answer
	return s
}

// Journal is the journal open in the window (nil when locked).
func (s *LeakSession) Journal() *app.Journal { return s.g.journal }

// typeInto focuses e and types text into it, key by key.
func (s *LeakSession) typeInto(e fyne.Focusable, text string) {
	s.g.win.Canvas().Focus(e)
	for _, r := range text {
		e.TypedRune(r)
	}
}

func tap(b *widget.Button) error {
	if b.Disabled() {
		return fmt.Errorf("the button %q is disabled", b.Text)
	}
	b.OnTapped()
	return nil
}

// Create goes through the first start: the passphrase twice, the
// recovery code shown, noted and checked, then the empty journal.
func (s *LeakSession) Create(pass string) (code string, err error) {
	st := s.g.setup
	if st == nil {
		return "", errors.New("the first-start screen is not shown")
	}
	s.typeInto(st.chooser.pass, pass)
	s.typeInto(st.chooser.confirm, pass)
	if err := tap(st.createBtn); err != nil {
		return "", err
	}
	if st.code == nil {
		return "", fmt.Errorf("no recovery code: %s", st.message.Text)
	}
	code = st.code.code
	st.code.showCheck()
	s.typeInto(st.code.check, st.code.expected())
	if err := tap(st.code.nextBtn); err != nil {
		return "", err
	}
	if s.g.journal == nil {
		return "", errors.New("the journal is not open after the first start")
	}
	return code, nil
}

// Unlock types pass on the unlock screen and presses Enter.
func (s *LeakSession) Unlock(pass string) error {
	u := s.g.unlock
	if u == nil {
		return errors.New("the unlock screen is not shown")
	}
	s.typeInto(u.pass, pass)
	u.pass.OnSubmitted(u.pass.Text)
	if s.g.journal == nil {
		return errors.New(u.message.Text)
	}
	s.g.closeDialogs()
	return nil
}

// typeFields types text(name) into each named field.
func (s *LeakSession) typeFields(text func(string) string, fields map[string]fyne.Focusable) {
	for name, f := range fields {
		s.typeInto(f, text(name))
	}
}

// AddIncident writes a new incident in the editor, typing text(field)
// into every text field (video call, a witness and a follow-up step
// included), and saves it. It returns the incident's id.
func (s *LeakSession) AddIncident(text func(field string) string) (string, error) {
	if s.g.main == nil {
		return "", errors.New("locked")
	}
	s.g.main.newIncident()
	e := s.g.main.editor
	e.showDetails()
	when := time.Date(2026, 3, 12, 0, 0, 0, 0, time.Local)
	e.when.date.SetDate(&when)
	s.typeInto(e.when.timeOf, "8 h 30")
	s.typeFields(text, map[string]fyne.Focusable{"place": e.when.place, "workplace": e.when.workplace,
		"authority": e.when.authority, "activity": e.when.activity})
	e.tabs.SelectIndex(tabWhat)
	e.what.kinds.checks[1].SetChecked(true)
	for i, c := range app.CodeLists["channel"] {
		if c == "video_call" {
			e.what.channels.checks[i].SetChecked(true)
		}
	}
	if !e.what.videoBox.Visible() {
		return "", errors.New("the video-call fields are not shown")
	}
	s.typeFields(text, map[string]fyne.Focusable{"description": e.what.description, "exact_words": e.what.exactWords,
		"vc_platform": e.what.vcPlatform, "vc_meeting": e.what.vcMeeting, "vc_intruders": e.what.vcIntruders})
	e.tabs.SelectIndex(tabWho)
	e.who.perpetrator.set("parent")
	s.typeInto(e.who.perpRef, text("perpetrator_ref"))
	e.who.addWitness(app.Witness{})
	w := e.who.witnesses[len(e.who.witnesses)-1]
	s.typeFields(text, map[string]fyne.Focusable{"witness_role": w.role, "witness_pseudonym": w.pseudonym, "witness_contact": w.contact})
	e.tabs.SelectIndex(tabConsequences)
	s.typeFields(text, map[string]fyne.Focusable{"consequences": e.cons.consequences, "work_impact": e.cons.workImpact,
		"medical": e.cons.medical, "notes": e.cons.notes})
	e.tabs.SelectIndex(tabFollowUp)
	e.follow.addAction(app.Action{Kind: app.CodeLists["action"][0], Date: app.DateOf(when), Status: "done"})
	a := e.follow.actions[len(e.follow.actions)-1]
	s.typeFields(text, map[string]fyne.Focusable{"action_reference": a.reference, "action_answer": a.answer, "action_note": a.note})
	if err := tap(&e.saveBtn.Button); err != nil {
		return "", err
	}
	if e.id == "" {
		return "", fmt.Errorf("not saved: %s", e.status.Text)
	}
	return e.id, nil
}

// AttachAndPreview drops the file at path on the window (the incident
// open in the editor), keeps the original when asked, adds a link with
// note, and shows the file's preview, decoded in memory. It fails when
// no picture is shown.
func (s *LeakSession) AttachAndPreview(path, link, note string) error {
	e := s.g.main.editor
	if e == nil || e.id == "" {
		return errors.New("no saved incident open")
	}
	s.g.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(path)})
	s.g.closeDialogs() // "delete the original?": no
	e.evidence.addLinkNow(link, app.DateOf(time.Now()), note)
	in, err := s.g.journal.Incidents.Get(e.id)
	if err != nil {
		return err
	}
	for _, ev := range in.Evidence {
		if ev.IsLink() || ev.Name != filepath.Base(path) {
			continue
		}
		e.tabs.SelectIndex(tabEvidence)
		e.evidence.showDetail(ev)
		for _, o := range e.evidence.detail.Objects {
			if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 1 {
				if _, ok := c.Objects[0].(*canvas.Image); ok {
					return nil
				}
			}
		}
		return errors.New("no preview shown for the picture")
	}
	return errors.New("the file was not attached")
}

// Search types query in the journal's search box and returns the number
// of incidents listed.
func (s *LeakSession) Search(query string) int {
	s.g.main.showJournal()
	js := s.g.main.journal
	s.typeInto(js.search, query)
	js.refresh()
	n := len(js.items)
	js.clearFilters()
	return n
}

// settings shows Settings.
func (s *LeakSession) settings() (*settingsScreen, error) {
	s.g.main.showSettings()
	st, ok := s.g.main.current.(*settingsScreen)
	if !ok {
		return nil, errors.New("settings not shown")
	}
	return st, nil
}

// BackupNow presses Settings → "Sauvegarder maintenant" and answers the
// folder dialog with folder; it returns what the window said.
func (s *LeakSession) BackupNow(folder string) (string, error) {
	st, err := s.settings()
	if err != nil {
		return "", err
	}
	s.answer.path = folder
	s.g.bk.said = ""
	if err := tap(st.backups.nowBtn); err != nil {
		return "", err
	}
	s.g.closeDialogs()
	if s.g.bk.said == "" {
		return "", errors.New("nothing said after the backup")
	}
	return s.g.bk.said, nil
}

// VerifyBackup presses "Vérifier une sauvegarde…", answers the file
// dialog with path and types pass; it returns the result shown.
func (s *LeakSession) VerifyBackup(path, pass string) (string, error) {
	st, ok := s.g.main.current.(*settingsScreen)
	if !ok {
		return "", errors.New("settings not shown")
	}
	s.answer.path = path
	if err := tap(st.backups.verifyBtn); err != nil {
		return "", err
	}
	v := s.g.bk.verify
	s.typeInto(v.form.pass, pass)
	if err := tap(v.check); err != nil {
		return "", err
	}
	s.g.closeDialogs()
	return v.result.Text, nil
}

// AutoBackupAt turns on the automatic backup at each lock into folder,
// through Settings.
func (s *LeakSession) AutoBackupAt(folder string) error {
	st, err := s.settings()
	if err != nil {
		return err
	}
	s.answer.path = folder
	st.backups.autoCheck.SetChecked(true)
	s.g.closeDialogs()
	auto, err := s.g.journal.Backups.Auto()
	if err != nil || !auto.AtLock || auto.Folder != folder {
		return fmt.Errorf("automatic backup not set: %+v %v", auto, err)
	}
	return nil
}

// Lock presses Lock (the automatic backup runs first when it is on).
func (s *LeakSession) Lock() error {
	if s.g.main == nil {
		return errors.New("already locked")
	}
	if err := tap(s.g.main.lockBtn); err != nil {
		return err
	}
	if s.g.journal != nil || s.g.unlock == nil {
		return errors.New("not locked")
	}
	return nil
}

// Quit closes the window as the person would (it locks first).
func (s *LeakSession) Quit() { s.g.quit() }

// Window is the window, for checks of what it shows (with
// fyne.io/fyne/v2/test's RenderToMarkup).
func (s *LeakSession) Window() fyne.Window { return s.g.win }
