package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// Backups in the GUI (the file format and its guarantees are app's and
// vault's, see docs/backup-format.md):
//
//   - "Sauvegarder maintenant": a folder the person picks (a USB key);
//     the backup is written, read back, and its name and size said;
//   - an automatic backup at each lock (manual or idle) into a chosen
//     folder, keeping the last N; the journal is hidden at once, the
//     backup runs behind a small progress dialog that can be cancelled;
//     a cancelled backup or a missing folder (the key is not plugged in)
//     never keeps the journal open: it locks anyway and says so at the
//     next unlock;
//   - a gentle reminder on the journal when the last backup is older
//     than 30 days, dismissible for 7 days (the dismissal is kept in the
//     vault, encrypted, not in Fyne's preferences);
//   - a warning when the chosen folder looks synchronised with a cloud
//     or a work account (app.DetectCloudFolder): the person decides;
//   - checking a backup file, and restoring one at the first start.
//
// Folders and files are chosen with Fyne's dialogs, whose last folder is
// forgotten each time they close (forgetFolders). Every backup runs off
// the UI thread and reports back through fyne.Do.

// Settings kept in the vault by the GUI.
const settingReminderSnoozed = "gui.backup.reminder_until" // RFC 3339 time

// reminderSnooze is how long "Later" hides the reminder.
const reminderSnooze = 7 * 24 * time.Hour

// keepChoices are the numbers of automatic backups that can be kept.
var keepChoices = []int{2, 3, 5, 10, 20}

// backupState is the gui's part for backups.
type backupState struct {
	// pickFolder and pickFile show Fyne's dialogs and call then with the
	// path chosen (not called when cancelled); tests replace them.
	pickFolder func(start string, then func(path string))
	pickFile   func(then func(path string))

	running *backupRun    // the backup in progress, if any
	note    string        // said after the next unlock: the backup before lock was not made
	after   []func()      // run once the lock is done (closing the window)
	dlg     dialog.Dialog // the last progress dialog (tests)
	verify  *verifyDialog // the last check of a backup (tests)
	cloud   *cloudDialog  // the last cloud warning (tests)
	noteDlg dialog.Dialog // the last note after an unlock (tests)
	said    string        // the last result of a backup said (tests)
}

// cloudDialog keeps the cloud warning's widgets, for tests.
type cloudDialog struct {
	text        *widget.Label
	goOn, other *widget.Button
}

// backupRun is a backup in progress: its progress bar and its Cancel.
type backupRun struct {
	cancel    context.CancelFunc
	cancelBtn *widget.Button
	bar       *widget.ProgressBar
	label     *widget.Label
	atLock    bool
	// then runs on the UI thread once the backup ended, after its own
	// result was applied (a lock asked for in the meantime).
	then []func()
}

// newBackupRun shows a progress dialog with a Cancel button and returns
// the run, its context and a progress function safe to call from any
// goroutine (at most ten updates a second reach the UI).
func (g *gui) newBackupRun(title, text string, atLock bool) (*backupRun, context.Context, func(done, total int64)) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &backupRun{cancel: cancel, bar: widget.NewProgressBar(), label: wrapped(text), atLock: atLock}
	r.cancelBtn = &widget.Button{Text: i18n.X("gui.cancel"), Icon: theme.CancelIcon(), OnTapped: cancel}
	content := container.NewVBox(r.label, r.bar, container.NewCenter(r.cancelBtn))
	d := dialog.NewCustomWithoutButtons(title, card(420, content), g.win)
	g.bk.running, g.bk.dlg = r, d
	g.showDialog(d)
	// Closing the dialog (Escape) cancels, like the button.
	d.SetOnClosed(func() { g.forget(d); cancel() })

	var mu sync.Mutex
	var last time.Time
	var lastDone int64
	reading := false
	progress := func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		turned := done < lastDone && !reading // the check reads the file again from the start
		lastDone = done
		if turned {
			reading = true
		}
		if !turned && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		read := reading
		fyne.Do(func() {
			if total > 0 {
				r.bar.SetValue(float64(done) / float64(total))
			}
			if read {
				r.label.SetText(i18n.X("gui.backup.reading"))
			}
			if !atLock {
				g.touch() // a long backup is activity: no auto-lock in the middle
			}
		})
	}
	return r, ctx, progress
}

// endBackupRun closes the progress dialog (before anything else is
// shown: hiding a dialog also removes the ones shown after it), then
// applies the result and runs what waited for the backup.
func (g *gui) endBackupRun(r *backupRun, apply func()) {
	if g.bk.dlg != nil {
		g.bk.dlg.Hide()
	}
	if g.bk.running == r {
		g.bk.running = nil
	}
	apply()
	for _, f := range r.then {
		f()
	}
}

// chooseFolder shows the folder dialog, starting in start when it exists.
func (g *gui) chooseFolder(start string, then func(path string)) {
	g.touch()
	if g.bk.pickFolder != nil {
		g.bk.pickFolder(start, then)
		return
	}
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		g.forgetFolders()
		if err != nil {
			g.showError(err)
			return
		}
		if u == nil {
			return
		}
		then(u.Path())
	}, g.win)
	if start != "" {
		if u, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
			d.SetLocation(u)
		}
	}
	g.showFileDialog(d)
}

// chooseBackupFile shows the file dialog for a backup file.
func (g *gui) chooseBackupFile(then func(path string)) {
	g.touch()
	if g.bk.pickFile != nil {
		g.bk.pickFile(then)
		return
	}
	g.chooseOpenPath(then, app.BackupExt)
}

// cloudWarning is the sentence that warns about a synchronised folder.
func cloudWarning(c app.CloudFolder) string {
	if c.Work {
		return i18n.X("gui.backup.cloud_work", map[string]any{"Service": c.Service})
	}
	return i18n.X("gui.backup.cloud", map[string]any{"Service": c.Service})
}

// confirmFolder warns when folder looks synchronised with a cloud or a
// work account; yes runs when the person goes on knowingly (at once when
// the folder looks local), another when they prefer another folder.
func (g *gui) confirmFolder(folder string, yes, another func()) {
	c, ok := app.DetectCloudFolder(folder)
	if !ok {
		yes()
		return
	}
	text := wrapped(cloudWarning(c))
	help := caption(i18n.X("gui.backup.cloud_help"))
	var d dialog.Dialog
	goOn := &widget.Button{Text: i18n.X("gui.backup.cloud_yes"), Importance: widget.WarningImportance,
		OnTapped: func() { d.Hide(); yes() }}
	other := &widget.Button{Text: i18n.X("gui.backup.cloud_other"), Importance: widget.HighImportance,
		OnTapped: func() {
			d.Hide()
			if another != nil {
				another()
			}
		}}
	content := container.NewVBox(text, help, container.NewGridWithColumns(2, goOn, other))
	d = dialog.NewCustomWithoutButtons(i18n.X("gui.backup.cloud_title"), card(540, content), g.win)
	g.bk.cloud = &cloudDialog{text: text, goOn: goOn, other: other}
	g.showDialog(d)
}

// backupNow asks for a folder, warns about clouds, then writes a backup
// there and says how it went. done, if not nil, runs after a backup was
// made (to refresh what shows the date of the last one).
func (g *gui) backupNow(done func()) {
	if g.journal == nil || g.bk.running != nil {
		return
	}
	start := ""
	if _, last, err := g.journal.Backups.Last(); err == nil && last != "" {
		start = filepath.Dir(last)
	}
	var pick func()
	pick = func() {
		g.chooseFolder(start, func(folder string) {
			g.confirmFolder(folder, func() { g.backupToFolder(folder, done) }, pick)
		})
	}
	pick()
}

// backupToFolder writes a backup into folder, off the UI thread, and
// reads it back. Manual backups are all kept.
func (g *gui) backupToFolder(folder string, done func()) {
	j := g.journal
	if j == nil || g.bk.running != nil {
		return
	}
	r, ctx, progress := g.newBackupRun(i18n.X("gui.backup.running_title"), i18n.X("gui.backup.running"), false)
	g.async(func() {
		res, err := j.Backups.WriteToFolder(ctx, folder, 0, progress)
		fyne.Do(func() {
			g.endBackupRun(r, func() {
				g.backupMade(res, err, folder)
				if done != nil && res != nil {
					done()
				}
			})
		})
	})
}

// backupMade says how a backup went, calmly.
func (g *gui) backupMade(res *app.BackupResult, err error, folder string) {
	var title, text string
	switch {
	case errors.Is(err, context.Canceled):
		title = i18n.X("gui.backup.cancelled_title")
		text = i18n.X("gui.backup.cancelled")
	case err != nil:
		title, text = i18n.X("gui.backup.failed_title"), backupErrorText(err, folder)
	case res.Checked != nil && !res.Checked.OK():
		title = i18n.X("gui.backup.problems_title")
		text = i18n.X("gui.backup.problems",
			map[string]any{"Name": filepath.Base(res.Path), "Problems": i18n.N("count.problems", len(res.Checked.Problems))})
	default:
		title, text = i18n.X("gui.backup.done_title"), backupDoneText(res)
	}
	g.bk.said = text
	g.showInfo(title, text)
}

// backupDoneText says which file was written, its size, and that it was
// read back.
func backupDoneText(res *app.BackupResult) string {
	size := res.Info.Size
	if st, err := os.Stat(res.Path); err == nil {
		size = st.Size()
	}
	return i18n.X("gui.backup.done",
		map[string]any{"Name": filepath.Base(res.Path), "Size": i18n.Size(size), "Folder": filepath.Dir(res.Path)})
}

// backupErrorText turns the errors of backups into one calm sentence.
func backupErrorText(err error, path string) string {
	switch {
	case errors.Is(err, os.ErrNotExist) && path != "":
		return i18n.X("gui.backup.error.missing", map[string]any{"Folder": path})
	case errors.Is(err, app.ErrWrongPassphrase):
		return i18n.X("gui.backup.error.wrong_passphrase")
	case errors.Is(err, app.ErrVaultExists):
		return i18n.X("gui.backup.error.vault_exists", map[string]any{"Dir": path})
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EROFS), errors.Is(err, os.ErrPermission):
		return i18n.X("gui.backup.error.permission")
	}
	if msg, ok := sentence.BackupError(err, path); ok {
		return msg
	}
	return sentence.Error(err, path)
}

// sinceText says how long ago t was: "aujourd’hui", "hier", "il y a 41
// jours".
func (g *gui) sinceText(t time.Time) string {
	days := app.DateOf(t.Local()).DaysUntil(app.DateOf(g.now().Local()))
	switch {
	case days <= 0:
		return i18n.X("gui.backup.today")
	case days == 1:
		return i18n.X("gui.backup.yesterday")
	}
	return i18n.N("gui.backup.days_ago", days)
}

// ---- The lock path -------------------------------------------------

// lockWithBackup hides the journal at once, then makes the automatic
// backup when it is on, and locks. It never keeps the journal open: a
// cancelled backup, a missing folder or a failure locks all the same, and
// the reason is said after the next unlock. after, if not nil, runs once
// locked (closing the window).
func (g *gui) lockWithBackup(after func()) {
	if r := g.bk.running; r != nil {
		// A backup is running. Before a lock, the lock is under way and
		// after joins it; a manual backup is stopped first.
		if after != nil {
			g.bk.after = append(g.bk.after, after)
		}
		if !r.atLock {
			r.then = append(r.then, func() { g.lockWithBackup(nil) })
			r.cancel()
		}
		return
	}
	if g.journal == nil {
		if after != nil {
			after()
		}
		return
	}
	if after != nil {
		g.bk.after = append(g.bk.after, after)
	}
	if g.main != nil {
		g.main.leave()
	}
	g.closeDialogs()
	g.forgetFolders()
	g.main = nil
	j := g.journal
	g.journal = nil
	g.stopIdle()

	auto, err := j.Backups.Auto()
	if err != nil || !auto.AtLock || auto.Folder == "" {
		g.finishLock(j)
		return
	}
	g.setContent(g.lockingScreen())
	r, ctx, progress := g.newBackupRun(i18n.X("gui.backup.lock_title"), i18n.X("gui.backup.lock_text"), true)
	g.async(func() {
		res, err := j.Backups.BeforeLock(ctx, progress)
		if err == nil && res != nil && res.Checked != nil && !res.Checked.OK() {
			err = errBackupProblems
		}
		fyne.Do(func() {
			g.endBackupRun(r, func() {
				g.noteBackup(err, auto.Folder)
				g.finishLock(j)
			})
		})
	})
}

// errBackupProblems: the backup before lock was written, but the journal
// itself has problems.
var errBackupProblems = errors.New("the journal has problems")

// noteBackup remembers why the backup before lock was not made.
func (g *gui) noteBackup(err error, folder string) {
	switch {
	case err == nil:
		g.bk.note = ""
	case errors.Is(err, context.Canceled):
		g.bk.note = i18n.X("gui.backup.note_cancelled")
	case errors.Is(err, os.ErrNotExist):
		g.bk.note = i18n.X("gui.backup.note_missing", map[string]any{"Folder": folder})
	case errors.Is(err, errBackupProblems):
		g.bk.note = i18n.X("gui.backup.note_problems")
	default:
		g.bk.note = i18n.X("gui.backup.note_failed", map[string]any{"Why": backupErrorText(err, folder)})
	}
}

// finishLock locks the journal and shows the unlock screen.
func (g *gui) finishLock(j *app.Journal) {
	j.Lock()
	g.showUnlock()
	after := g.bk.after
	g.bk.after = nil
	for _, f := range after {
		f()
	}
}

// lockingScreen is what the window shows while the backup before lock
// runs: nothing of the journal.
func (g *gui) lockingScreen() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(g.icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	name := heading(Title)
	name.Alignment = fyne.TextAlignCenter
	text := widget.NewLabel(i18n.X("gui.backup.locking"))
	text.Alignment = fyne.TextAlignCenter
	return container.NewCenter(card(440, container.NewVBox(container.NewCenter(icon), name, text)))
}

// sayLockNote tells, after an unlock, that the backup before the last
// lock was not made, and offers to make one now.
func (g *gui) sayLockNote() {
	note := g.bk.note
	if note == "" || g.journal == nil {
		return
	}
	g.bk.note = ""
	var d dialog.Dialog
	later := &widget.Button{Text: i18n.X("gui.backup.later"), OnTapped: func() { d.Hide() }}
	now := &widget.Button{Text: i18n.X("gui.backup.now"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
		OnTapped: func() { d.Hide(); g.backupNow(nil) }}
	content := container.NewVBox(wrapped(note), container.NewGridWithColumns(2, later, now))
	d = dialog.NewCustomWithoutButtons(i18n.X("gui.backup.note_title"), card(460, content), g.win)
	g.bk.noteDlg = d
	g.showDialog(d)
}

// ---- Settings → Backups ------------------------------------------

// backupSection is the Backups card of Settings.
type backupSection struct {
	g *gui

	last       *widget.Label
	nowBtn     *widget.Button
	verifyBtn  *widget.Button
	autoCheck  *widget.Check
	folder     *widget.Label
	folderBtn  *widget.Button
	keep       *widget.Select
	autoDetail *fyne.Container

	auto app.AutoBackupSettings
}

func (s *backupSection) buildUI() fyne.CanvasObject {
	s.auto, _ = s.g.journal.Backups.Auto()
	s.last = wrapped("")
	s.nowBtn = &widget.Button{Text: i18n.X("gui.backup.now"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: func() { s.g.backupNow(s.refresh) }}
	s.verifyBtn = &widget.Button{Text: i18n.X("gui.backup.verify"), Icon: theme.ConfirmIcon(), OnTapped: s.verify}

	s.autoCheck = widget.NewCheck(i18n.X("gui.backup.auto"), nil)
	s.autoCheck.SetChecked(s.auto.AtLock && s.auto.Folder != "")
	s.autoCheck.OnChanged = s.setAuto
	s.folder = widget.NewLabel("")
	s.folder.Wrapping = fyne.TextWrapBreak
	s.folder.TextStyle.Monospace = true
	s.folderBtn = &widget.Button{Text: i18n.X("gui.backup.choose_folder"), Icon: theme.FolderOpenIcon(),
		OnTapped: s.chooseAutoFolder}
	var keepLabels []string
	for _, n := range keepChoices {
		keepLabels = append(keepLabels, i18n.N("gui.backup.keep_n", n))
	}
	s.keep = widget.NewSelect(keepLabels, nil)
	if i := slices.Index(keepChoices, s.auto.Keep); i >= 0 {
		s.keep.SetSelectedIndex(i)
	} else {
		s.keep.SetSelectedIndex(slices.Index(keepChoices, app.DefaultBackupsKept))
	}
	s.keep.OnChanged = func(string) {
		s.auto.Keep = keepChoices[s.keep.SelectedIndex()]
		s.save()
	}
	s.autoDetail = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewCenter(s.folderBtn), s.folder),
		container.NewHBox(container.New(&fixedWidth{w: 260}, s.keep)),
		caption(i18n.X("gui.backup.auto_help")))
	s.refresh()
	return container.NewVBox(
		s.last,
		container.NewHBox(s.nowBtn, s.verifyBtn),
		caption(i18n.X("gui.backup.help")),
		widget.NewSeparator(),
		s.autoCheck, s.autoDetail,
	)
}

// refresh shows the date of the last backup and the automatic settings.
func (s *backupSection) refresh() {
	j := s.g.journal
	if j == nil {
		return
	}
	when, path, err := j.Backups.Last()
	switch {
	case err != nil || when.IsZero():
		s.last.SetText(i18n.X("gui.backup.never"))
	default:
		s.last.SetText(i18n.X("gui.backup.last",
			map[string]any{"When": i18n.DateTime(when.Local()), "Since": s.g.sinceText(when), "Folder": filepath.Dir(path)}))
	}
	if s.auto.Folder == "" {
		s.folder.SetText(i18n.X("gui.backup.no_folder"))
		s.folder.TextStyle.Monospace = false
	} else {
		s.folder.SetText(s.auto.Folder)
		s.folder.TextStyle.Monospace = true
	}
	s.folder.Refresh()
}

// setAuto turns the automatic backup on (asking for a folder when none
// was chosen: the box is ticked once one is) or off.
func (s *backupSection) setAuto(on bool) {
	s.g.touch()
	if on && s.auto.Folder == "" {
		s.setChecked(false)
		s.chooseAutoFolder()
		return
	}
	s.auto.AtLock = on
	s.save()
}

// setChecked ticks the box without calling setAuto.
func (s *backupSection) setChecked(on bool) {
	s.autoCheck.OnChanged = nil
	s.autoCheck.SetChecked(on)
	s.autoCheck.OnChanged = s.setAuto
}

// chooseAutoFolder asks for the folder of the automatic backups, with the
// cloud warning, and turns the automatic backup on there.
func (s *backupSection) chooseAutoFolder() {
	var pick func()
	pick = func() {
		s.g.chooseFolder(s.auto.Folder, func(folder string) {
			s.g.confirmFolder(folder, func() {
				s.auto.Folder = folder
				s.auto.AtLock = true
				s.setChecked(true)
				s.save()
			}, pick)
		})
	}
	pick()
}

func (s *backupSection) save() {
	if s.g.journal == nil {
		return
	}
	if s.auto.Keep <= 0 {
		s.auto.Keep = app.DefaultBackupsKept
	}
	if err := s.g.journal.Backups.SetAuto(s.auto); err != nil {
		s.g.showError(err)
	}
	s.refresh()
}

// ---- Checking a backup, restoring one -----------------------------

// secretForm asks for what opens a backup: the passphrase in force when
// it was made, or the recovery code.
type secretForm struct {
	g        *gui
	kind     *widget.RadioGroup
	pass     *xwidget.Entry
	code     *xwidget.Entry
	box      *fyne.Container
	onSubmit func()
}

func newSecretForm(g *gui, onSubmit func()) *secretForm {
	f := &secretForm{g: g, pass: g.passwordEntry(), code: g.entry(), onSubmit: onSubmit}
	byPass := i18n.X("gui.backup.by_passphrase")
	byCode := i18n.X("gui.backup.by_code")
	f.pass.SetPlaceHolder(i18n.X("gui.backup.passphrase_placeholder"))
	f.code.SetPlaceHolder("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
	f.pass.OnSubmitted = func(string) { f.submit() }
	f.code.OnSubmitted = func(string) { f.submit() }
	f.pass.OnChanged = func(string) { g.touch() }
	f.code.OnChanged = func(string) { g.touch() }
	f.box = container.NewStack(f.pass)
	f.kind = widget.NewRadioGroup([]string{byPass, byCode}, func(v string) {
		if v == byCode {
			f.box.Objects = []fyne.CanvasObject{f.code}
			f.box.Refresh()
			g.win.Canvas().Focus(f.code)
		} else {
			f.box.Objects = []fyne.CanvasObject{f.pass}
			f.box.Refresh()
			g.win.Canvas().Focus(f.pass)
		}
	})
	f.kind.Horizontal = true
	f.kind.Required = true
	f.kind.SetSelected(byPass)
	return f
}

func (f *secretForm) buildUI() fyne.CanvasObject {
	return container.NewVBox(widget.NewLabel(i18n.X("gui.backup.opens_with")), f.kind, f.box)
}

func (f *secretForm) usesCode() bool { return f.kind.Selected != "" && f.box.Objects[0] == f.code }

func (f *secretForm) filled() bool {
	if f.usesCode() {
		return strings.TrimSpace(f.code.Text) != ""
	}
	return f.pass.Text != ""
}

func (f *secretForm) submit() {
	if f.filled() && f.onSubmit != nil {
		f.onSubmit()
	}
}

// secret returns the secret typed and a function that wipes it once
// used.
func (f *secretForm) secret() (app.Secret, []byte, string) {
	if f.usesCode() {
		code := strings.TrimSpace(f.code.Text)
		return app.RecoveryCode(code), nil, code
	}
	p := []byte(f.pass.Text)
	return app.Passphrase(p), p, ""
}

func (f *secretForm) clear() {
	f.pass.SetText("")
	f.code.SetText("")
}

func (f *secretForm) disable(off bool) {
	for _, e := range []*xwidget.Entry{f.pass, f.code} {
		if off {
			e.Disable()
		} else {
			e.Enable()
		}
	}
	if off {
		f.kind.Disable()
	} else {
		f.kind.Enable()
	}
}

// verify checks a backup file chosen by the person, with the passphrase
// or the recovery code, off the UI thread.
func (s *backupSection) verify() {
	s.g.chooseBackupFile(s.g.verifyBackupFile)
}

// verifyBackupFile asks for the secret of path, then checks it whole.
func (g *gui) verifyBackupFile(path string) {
	var d dialog.Dialog
	bar := widget.NewProgressBar()
	bar.Hide()
	result := wrapped("")
	result.Hide()
	var cancel context.CancelFunc
	var form *secretForm
	check := &widget.Button{Text: i18n.X("gui.backup.verify_button"), Icon: theme.ConfirmIcon(), Importance: widget.HighImportance}
	closeBtn := &widget.Button{Text: i18n.X("gui.close"), OnTapped: func() {
		if cancel != nil {
			cancel()
		}
		d.Hide()
	}}
	run := func() {
		if cancel != nil || !form.filled() {
			return
		}
		secret, pass, _ := form.secret()
		form.clear()
		form.disable(true)
		check.Disable()
		bar.SetValue(0)
		bar.Show()
		result.Hide()
		var ctx context.Context
		ctx, cancel = context.WithCancel(context.Background())
		progress := throttledProgress(func(v float64) { bar.SetValue(v); g.touch() })
		g.async(func() {
			rep, err := app.VerifyBackupFile(ctx, path, secret, progress)
			wipe(pass)
			fyne.Do(func() {
				cancel = nil
				bar.Hide()
				form.disable(false)
				check.Enable()
				result.Importance = widget.MediumImportance
				switch {
				case err == nil && rep.OK():
					result.Importance = widget.SuccessImportance
					result.SetText(verifiedText(rep))
				case err == nil:
					result.Importance = widget.WarningImportance
					result.SetText(i18n.X("gui.backup.verified_problems", map[string]any{"Problems": i18n.N("count.problems", len(rep.Problems))}))
				default:
					result.Importance = widget.DangerImportance
					result.SetText(backupErrorText(err, path))
				}
				result.Show()
			})
		})
	}
	form = newSecretForm(g, run)
	check.OnTapped = run
	name := widget.NewLabel(filepath.Base(path))
	name.TextStyle.Bold = true
	name.Wrapping = fyne.TextWrapBreak
	content := container.NewVBox(
		name,
		caption(i18n.X("gui.backup.verify_help")),
		form.buildUI(), bar, result,
		container.NewGridWithColumns(2, closeBtn, check))
	d = dialog.NewCustomWithoutButtons(i18n.X("gui.backup.verify_title"), card(480, content), g.win)
	g.bk.verify = &verifyDialog{form: form, check: check, result: result}
	g.showDialog(d)
	d.SetOnClosed(func() {
		g.forget(d)
		if cancel != nil {
			cancel()
		}
	})
	g.win.Canvas().Focus(form.pass)
}

// verifyDialog keeps the check's widgets, for tests.
type verifyDialog struct {
	form   *secretForm
	check  *widget.Button
	result *widget.Label
}

// verifiedText says what a good backup holds.
func verifiedText(rep *app.BackupReport) string {
	return i18n.X("gui.backup.verified",
		map[string]any{"When": i18n.DateTime(rep.Info.Created.Local()), "Files": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)})
}

// throttledProgress turns a progress callback of bytes into at most ten
// updates a second of a fraction, on the UI thread.
func throttledProgress(set func(float64)) func(done, total int64) {
	var mu sync.Mutex
	var last time.Time
	return func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if total <= 0 || (time.Since(last) < 100*time.Millisecond && done < total) {
			return
		}
		last = time.Now()
		v := float64(done) / float64(total)
		fyne.Do(func() { set(v) })
	}
}

// ---- The reminder on the journal ----------------------------------

// backupReminder is the gentle line on the journal when the last backup
// is older than 30 days: "Dernière sauvegarde il y a 41 jours —
// Sauvegarder maintenant". "Later" hides it for 7 days.
type backupReminder struct {
	g *gui
	// relayout lays the screen out again when the line appears or goes.
	relayout func()
	box      *fyne.Container
	text     *widget.Label
	now      *widget.Button
	later    *widget.Button
}

func newBackupReminder(g *gui) *backupReminder {
	r := &backupReminder{g: g, text: widget.NewLabel("")}
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.now = &widget.Button{Text: i18n.X("gui.backup.now"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.LowImportance, OnTapped: func() { g.backupNow(r.refresh) }}
	r.later = &widget.Button{Text: i18n.X("gui.backup.later"), Importance: widget.LowImportance, OnTapped: r.snooze}
	bg := canvas.NewRectangle(theme.Color(colorNameCard))
	bg.CornerRadius = 6
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), container.NewHBox(r.now, r.later), r.text)
	r.box = container.NewStack(bg, row)
	r.box.Hide()
	return r
}

// refresh shows the line when a backup is due and was not put off.
func (r *backupReminder) refresh() {
	j := r.g.journal
	if j == nil {
		return
	}
	due, last, err := j.Backups.Reminder(r.g.now())
	if err == nil && due {
		if v, _ := j.Settings.Get(settingReminderSnoozed); v != "" {
			if until, err := time.Parse(time.RFC3339, v); err == nil && r.g.now().Before(until) {
				due = false
			}
		}
	}
	if err != nil || !due {
		r.setVisible(false)
		return
	}
	if last.IsZero() {
		r.text.SetText(i18n.X("gui.backup.reminder_never"))
	} else {
		r.text.SetText(i18n.X("gui.backup.reminder", map[string]any{"Since": r.g.sinceText(last)}))
	}
	r.setVisible(true)
}

func (r *backupReminder) setVisible(on bool) {
	if on == r.box.Visible() {
		return
	}
	if on {
		r.box.Show()
	} else {
		r.box.Hide()
	}
	if r.relayout != nil {
		r.relayout()
	}
}

// snooze hides the reminder for 7 days.
func (r *backupReminder) snooze() {
	r.g.touch()
	if j := r.g.journal; j != nil {
		if err := j.Settings.Set(settingReminderSnoozed, r.g.now().Add(reminderSnooze).UTC().Format(time.RFC3339)); err != nil {
			r.g.showError(err)
			return
		}
	}
	r.setVisible(false)
}
