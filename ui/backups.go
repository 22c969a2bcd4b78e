package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Backups in the GUI (the file format and its guarantees are app's and
// vault's, see docs/backup-format.md):
//
//   - "Sauvegarder maintenant": a folder the person picks (a USB key);
//     the backup is written, read back, and its name and size said
//     (this file);
//   - an automatic backup at each lock (manual or idle) into a chosen
//     folder, keeping the last N (lock.go);
//   - the Backups card of Settings (backupsection.go), checking a backup
//     file (verifybackup.go), restoring one at the first start
//     (restore.go), a gentle reminder on the journal (reminder.go);
//   - a warning when the chosen folder looks synchronised with a cloud
//     or a work account (app.DetectCloudFolder): the person decides.
//
// Every backup runs off the UI thread and reports back through fyne.Do.

// backupState is the gui's part for backups.
type backupState struct {
	running *backupRun     // the backup in progress, if any
	note    string         // said after the next unlock: the backup before lock was not made
	after   []func()       // run once the lock is done (closing the window)
	verify  *verifyDialog  // the last check of a backup (tests)
	cloud   *cloudDialog   // the last cloud warning (tests)
	noteDlg dialog.Dialog  // the last note after an unlock (tests)
	said    string         // the last result of a backup said (tests)
	written *writtenDialog // the last backup made, said (tests)
}

// cloudDialog keeps the cloud warning's widgets, for tests.
type cloudDialog struct {
	text        *widget.Label
	goOn, other *widget.Button
}

// backupRun is a backup in progress: its progress dialog and its Cancel.
type backupRun struct {
	cancel context.CancelFunc
	dlg    *progressDialog
	atLock bool
	// then runs on the UI thread once the backup ended, after its own
	// result was applied (a lock asked for in the meantime).
	then []func()
}

// newBackupRun shows a progress dialog with a Cancel button and returns
// the run, its context and the callback of the backup's progress.
func (g *gui) newBackupRun(title, text string, atLock bool) (*backupRun, context.Context, func(done, total int64)) {
	ctx, cancel := context.WithCancel(context.Background())
	r := &backupRun{cancel: cancel, atLock: atLock}
	r.dlg = g.showProgress(title, text, cancel)
	g.bk.running = r
	var also func()
	if !atLock {
		also = g.touch // a long backup is activity: no auto-lock in the middle
	}
	return r, ctx, r.dlg.progress(also).BackupBytes()
}

// endBackupRun closes the progress dialog (before anything else is
// shown), then applies the result and runs what waited for the backup.
func (g *gui) endBackupRun(r *backupRun, apply func()) {
	r.dlg.close()
	if g.bk.running == r {
		g.bk.running = nil
	}
	apply()
	for _, f := range r.then {
		f()
	}
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
	text := wrapped(present.CloudFolder(c) + " " + i18n.X("gui.backup.cloud_question"))
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
		g.pick.folder(start, func(folder string) {
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
		title, text = i18n.X("gui.backup.cancelled_title"), i18n.X("gui.backup.cancelled")
	case err != nil:
		title = i18n.X("gui.backup.failed_title")
		text = present.Error(err, present.Where{Vault: g.dir, Folder: folder})
	case res.Checked != nil && !res.Checked.OK():
		title = i18n.X("gui.backup.problems_title")
		text = i18n.X("gui.backup.problems",
			map[string]any{"Name": filepath.Base(res.Path), "Problems": i18n.N("count.problems", len(res.Checked.Problems))})
	default:
		text = backupDoneText(res)
		warning := present.BackupSameDisk(g.dir, res.Path)
		g.bk.said = text + " " + warning
		g.bk.written = g.showWritten(i18n.X("gui.backup.done_title"), []fyne.CanvasObject{wrapped(text)}, warning, res.Path)
		return
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
