package ui

import (
	"context"
	"errors"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The lock path: the journal is hidden at once, the automatic backup is
// made when it is on, then the journal locks. A cancelled backup or a
// missing folder (the USB key is not plugged in) never keeps the journal
// open: it locks anyway and says so at the next unlock.

// lockWithBackup hides the journal at once, then makes the automatic
// backup when it is on, and locks. after, if not nil, runs once locked
// (closing the window).
func (g *gui) lockWithBackup(after func()) {
	if b := g.bar; b != nil {
		// A recording is saved, a burst's captures are kept (nobody is
		// asked at a lock: it may come after a moment without use),
		// then the lock goes on.
		b.finish(func() { g.lockWithBackup(after) })
		if keep := g.keepGrid; keep != nil {
			keep(nil)
		}
		return
	}
	if keep := g.keepGrid; keep != nil {
		// A burst's grid is open: what is ticked is kept, as
		// « Garder » would, before the journal locks.
		keep(func() { g.lockWithBackup(after) })
		return
	}
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
	j := g.hideJournal()
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

// hideJournal lets the screen shown save its work, drops every screen
// that showed content, and returns the journal, still unlocked.
func (g *gui) hideJournal() *app.Journal {
	if g.main != nil {
		g.main.leave()
	}
	g.closeDialogs()
	g.forgetFolders()
	g.lastDir = ""
	g.main = nil
	j := g.journal
	g.journal = nil
	g.stopIdle()
	g.stopStamps()
	return j
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
		why := present.Error(err, present.Where{Vault: g.dir, Folder: folder})
		g.bk.note = i18n.X("gui.backup.note_failed", map[string]any{"Why": why})
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

// copyText puts text on the clipboard and remembers it, so that the lock
// and the exit clear it (clearClipboard).
func (g *gui) copyText(text string) {
	g.touch()
	g.app.Clipboard().SetContent(text)
	g.copied = text
}

// clearClipboard empties the clipboard when it still holds what Témoin
// put there: what the person copied since from another application is
// theirs and stays.
func (g *gui) clearClipboard() {
	if g.copied != "" && g.app.Clipboard().Content() == g.copied {
		g.app.Clipboard().SetContent("")
	}
	g.copied = ""
}
