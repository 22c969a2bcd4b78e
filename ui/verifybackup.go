package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// verifyDialog checks a backup file whole, with the passphrase in force
// when it was made or the recovery code, off the UI thread; it says what
// it holds, or what is wrong with it.
type verifyDialog struct {
	g    *gui
	path string

	form     *secretForm
	check    *widget.Button
	progress *progressView
	result   *widget.Label
	d        dialog.Dialog
	cancel   context.CancelFunc // the check running, if any
}

// verifyBackupFile asks for the secret of the backup at path, then
// checks it.
func (g *gui) verifyBackupFile(path string) {
	v := &verifyDialog{g: g, path: path}
	v.d = dialog.NewCustomWithoutButtons(i18n.X("gui.backup.verify_title"), card(480, v.buildUI()), g.win)
	g.bk.verify = v
	g.showDialog(v.d)
	v.d.SetOnClosed(func() {
		g.forget(v.d)
		v.stop()
	})
	g.win.Canvas().Focus(v.form.pass)
}

func (v *verifyDialog) buildUI() fyne.CanvasObject {
	v.form = newSecretForm(v.g, v.run)
	v.check = &widget.Button{Text: i18n.X("gui.backup.verify_button"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: v.run}
	closeBtn := &widget.Button{Text: i18n.X("gui.close"), OnTapped: func() { v.d.Hide() }}
	v.progress = newProgressView(i18n.X("gui.backup.verifying"), v.stop)
	v.progress.box.Hide()
	v.result = wrapped("")
	v.result.Hide()
	name := bold(filepath.Base(v.path))
	name.Wrapping = fyne.TextWrapBreak
	return container.NewVBox(name, caption(i18n.X("gui.backup.verify_help")),
		v.form.buildUI(), v.progress.box, v.result,
		container.NewGridWithColumns(2, closeBtn, v.check))
}

func (v *verifyDialog) stop() {
	if v.cancel != nil {
		v.cancel()
	}
}

// run checks the backup with the secret typed.
func (v *verifyDialog) run() {
	if v.cancel != nil || !v.form.filled() {
		return
	}
	secret, pass, _ := v.form.secret()
	v.form.clear()
	v.setBusy(true)
	var ctx context.Context
	ctx, v.cancel = context.WithCancel(context.Background())
	progress := v.progress.progress(v.g.touch).Bytes()
	v.g.async(func() {
		rep, err := app.VerifyBackupFile(ctx, v.path, secret, progress)
		clear(pass)
		fyne.Do(func() { v.checked(rep, err) })
	})
}

func (v *verifyDialog) setBusy(busy bool) {
	v.form.disable(busy)
	if busy {
		v.check.Disable()
		v.progress.bar.SetValue(0)
		v.progress.box.Show()
		v.result.Hide()
	} else {
		v.check.Enable()
		v.progress.box.Hide()
	}
}

// checked says what the check found.
func (v *verifyDialog) checked(rep *app.BackupReport, err error) {
	v.cancel = nil
	v.setBusy(false)
	switch {
	case err == nil && rep.OK():
		v.result.Importance = widget.SuccessImportance
		v.result.SetText(i18n.X("gui.backup.verified", map[string]any{"When": i18n.DateTime(rep.Info.Created.Local()),
			"Files": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)}))
	case err == nil:
		v.result.Importance = widget.WarningImportance
		v.result.SetText(i18n.X("gui.backup.verified_problems", map[string]any{"Problems": i18n.N("count.problems", len(rep.Problems))}))
	default:
		v.result.Importance = widget.DangerImportance
		v.result.SetText(present.Error(err, present.Where{Vault: v.g.dir, Backup: v.path}))
	}
	v.result.Show()
}
