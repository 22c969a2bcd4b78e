package ui

import (
	"bytes"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The header changed: vault.json was altered outside Témoin (its key
// derivation numbers, say), so that the right passphrase looks wrong. The
// unlock screen tells it apart from a forgotten passphrase and offers the
// way out: put back the copy of the header kept on this computer (when
// the passphrase opens it), or the one a backup holds. Nothing of the
// journal is lost either way.

// headerProblem reports whether err says the vault's header changed.
func headerProblem(err error) bool {
	var hc *app.HeaderChangedError
	return errors.As(err, &hc) || errors.Is(err, app.ErrHeaderChanged)
}

// headerRestore is the dialog that offers to put the header back.
type headerRestore struct {
	s                    *unlockScreen
	pass                 []byte
	d                    dialog.Dialog
	fromCopy, fromBackup *widget.Button
}

// offerHeaderRestore explains a changed header and offers to put it back;
// pass (a copy of what was typed) is cleared when the dialog closes.
func (s *unlockScreen) offerHeaderRestore(err error, pass []byte) {
	var hc *app.HeaderChangedError
	copyOpens := !errors.As(err, &hc) || hc.CopyOpens
	h := &headerRestore{s: s, pass: pass}
	text := i18n.X("gui.unlock.header_differs")
	if copyOpens {
		text = i18n.X("gui.unlock.header_changed")
	}
	h.fromBackup = &widget.Button{Text: i18n.X("gui.unlock.header_from_backup"), Icon: theme.FolderOpenIcon(), OnTapped: h.chooseBackup}
	buttons := []fyne.CanvasObject{h.fromBackup}
	if copyOpens {
		h.fromCopy = &widget.Button{Text: i18n.X("gui.unlock.header_from_copy"), Icon: theme.ViewRestoreIcon(),
			Importance: widget.HighImportance, OnTapped: h.restoreCopy}
		buttons = append([]fyne.CanvasObject{h.fromCopy}, buttons...)
	}
	content := container.NewVBox(append([]fyne.CanvasObject{wrapped(text)}, buttons...)...)
	h.d = dialog.NewCustom(i18n.X("gui.unlock.header_title"), i18n.X("gui.cancel"), card(500, content), s.g.win)
	h.d.SetOnClosed(func() {
		s.g.forget(h.d)
		clear(h.pass)
	})
	s.header = h
	s.g.dialogs = append(s.g.dialogs, h.d)
	h.d.Show()
}

// restoreCopy puts back the copy kept on this computer, then unlocks.
func (h *headerRestore) restoreCopy() {
	h.restore(func(dir string, secret app.Secret) error { return app.RestoreVaultHeaderFromCopy(dir, secret) }, "")
}

// chooseBackup puts back the header a backup holds, then unlocks.
func (h *headerRestore) chooseBackup() {
	h.s.g.pick.open(func(path string) {
		h.restore(func(dir string, secret app.Secret) error { return app.RestoreVaultHeaderFromBackup(dir, path, secret) }, path)
	}, app.BackupExt)
}

// restore runs put (off the UI thread), then unlocks with the passphrase
// typed; a failure is said in the dialog's place.
func (h *headerRestore) restore(put func(string, app.Secret) error, backup string) {
	s := h.s
	pass := bytes.Clone(h.pass)
	h.d.Hide()
	s.setBusy(true)
	dir := s.g.dir
	s.g.async(func() {
		err := put(dir, app.Passphrase(pass))
		var j *app.Journal
		if err == nil {
			j, err = app.Unlock(dir, pass)
		}
		clear(pass)
		fyne.Do(func() {
			if err != nil && !headerProblem(err) {
				s.setBusy(false)
				s.say(present.Error(err, present.Where{Vault: dir, Backup: backup}))
				return
			}
			s.unlocked(j, err)
		})
	})
}
