package ui

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// restorePanel restores a backup at the first start: a backup file, its
// passphrase or recovery code, and the journal comes back into the vault's
// folder (the default one or --vault), never over an existing journal.
type restorePanel struct {
	s    *setupScreen
	g    *gui
	path string

	form     *secretForm
	goBtn    *widget.Button
	progress *progressView
	msg      *widget.Label
	cancel   context.CancelFunc // the restore running, if any
}

// showRestore asks for what opens the backup at path.
func (s *setupScreen) showRestore(path string) {
	s.restore = &restorePanel{s: s, g: s.g, path: path}
	s.body.Objects = s.restore.objects()
	s.body.Refresh()
	s.g.win.Canvas().Focus(s.restore.form.pass)
}

// objects are what the panel shows, in the first start's column.
func (r *restorePanel) objects() []fyne.CanvasObject {
	r.form = newSecretForm(r.g, r.run)
	r.goBtn = &widget.Button{Text: i18n.X("gui.restore.go"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: r.run}
	r.progress = newProgressView(i18n.X("gui.restore.running"), func() {
		if r.cancel != nil {
			r.cancel()
		}
	})
	r.progress.box.Hide()
	r.msg = wrapped("")
	r.msg.Importance = widget.DangerImportance
	r.msg.Hide()
	back := &widget.Button{Text: i18n.X("gui.restore.back"), Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance,
		OnTapped: r.back}
	name := bold(filepath.Base(r.path))
	name.Wrapping = fyne.TextWrapBreak
	return []fyne.CanvasObject{
		heading(i18n.X("gui.restore.title")),
		wrapped(i18n.X("gui.restore.intro", map[string]any{"Dir": r.g.dir})),
		name, r.form.buildUI(), r.goBtn, r.progress.box, r.msg,
		container.NewCenter(back),
	}
}

// back returns to the first start's choice of a passphrase.
func (r *restorePanel) back() {
	if r.cancel != nil {
		return
	}
	r.s.restore = nil
	r.s.body.Objects = r.s.first
	r.s.body.Refresh()
	r.g.win.Canvas().Focus(r.s.pass)
}

func (r *restorePanel) setBusy(busy bool) {
	r.form.disable(busy)
	if busy {
		r.goBtn.Disable()
		r.msg.Hide()
		r.progress.bar.SetValue(0)
		r.progress.box.Show()
	} else {
		r.goBtn.Enable()
		r.progress.box.Hide()
	}
}

// run restores the backup into the vault's folder, then opens it, off
// the UI thread.
func (r *restorePanel) run() {
	if r.cancel != nil || !r.form.filled() {
		return
	}
	secret, pass, code := r.form.secret()
	r.form.clear()
	r.setBusy(true)
	var ctx context.Context
	ctx, r.cancel = context.WithCancel(context.Background())
	dir, path := r.g.dir, r.path
	progress := r.progress.progress(nil).Bytes()
	r.g.async(func() {
		rep, err := restoreInto(ctx, path, dir, secret, progress)
		var j *app.Journal
		var openErr error
		if err == nil {
			if code != "" {
				j, openErr = app.UnlockWithRecoveryCode(dir, code)
			} else {
				j, openErr = app.Unlock(dir, pass)
			}
		}
		clear(pass)
		fyne.Do(func() { r.restored(j, rep, err, openErr, code) })
	})
}

// restoreInto restores the backup at path into the folder dir, making
// the folders above it.
func restoreInto(ctx context.Context, path, dir string, secret app.Secret, progress func(done, total int64)) (*app.BackupReport, error) {
	if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o700); err != nil {
		return nil, err
	}
	return app.RestoreBackupFile(ctx, path, dir, secret, progress)
}

// restored applies the result of a restore.
func (r *restorePanel) restored(j *app.Journal, rep *app.BackupReport, err, openErr error, code string) {
	r.cancel = nil
	g := r.g
	if g.setup != r.s {
		if j != nil {
			j.Lock()
		}
		return
	}
	r.setBusy(false)
	if err != nil {
		r.msg.SetText(present.Error(err, present.Where{Vault: g.dir, Backup: r.path}))
		r.msg.Show()
		return
	}
	done := "gui.restore.done"
	switch {
	case openErr != nil || j == nil:
		g.showUnlock()
	case code != "":
		// Opened with the recovery code: a new passphrase is chosen, as
		// after a forgotten passphrase.
		g.showUnlock()
		g.unlock.showRecovery()
		g.unlock.codeDone(j, nil)
	default:
		done = "gui.restore.opened"
		g.opened(j, false)
	}
	text := i18n.X(done, map[string]any{"Files": i18n.N("count.evidence_files", rep.Blobs)})
	if !rep.OK() {
		text += " " + i18n.X("gui.restore.problems")
	}
	g.showInfo(i18n.X("gui.restore.done_title"), text)
}
