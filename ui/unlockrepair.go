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

// What the unlock can meet besides a wrong passphrase, with the way out.
//
// The header changed: vault.json was altered outside Témoin (its key
// derivation numbers, say), so that the right passphrase looks wrong. The
// unlock screen tells it apart from a forgotten passphrase and offers the
// way out: put back the copy of the header kept on this computer (when
// the passphrase opens it), or the one a backup holds. Nothing of the
// journal is lost either way.

// The checks at opening found the vault changed outside Témoin (an
// *IntegrityError: records lost or added, a history cut or replaced):
// what remains is not lost; the person may open it anyway, and that
// choice is written in the journal's history (AcceptIntegrityLoss), as
// "temoin repair accept" does.

// repairable reports whether the unlock should offer a way out of err
// (and so keep what was typed until the person chooses).
func repairable(err error) bool {
	var ie *app.IntegrityError
	return headerProblem(err) || errors.As(err, &ie)
}

// offerRepair offers the way out of err: putting a header back, or
// opening a changed vault anyway.
func (s *unlockScreen) offerRepair(err error, pass []byte) {
	if headerProblem(err) {
		s.offerHeaderRestore(err, pass)
		return
	}
	s.offerAcceptLoss(err, pass)
}

// offerAcceptLoss says what the checks found and offers to open the
// journal anyway; pass is cleared when the dialog closes.
func (s *unlockScreen) offerAcceptLoss(err error, pass []byte) {
	h := &headerRestore{s: s, pass: pass}
	h.accept = &widget.Button{Text: i18n.X("gui.unlock.accept_loss"), Icon: theme.WarningIcon(), Importance: widget.WarningImportance,
		OnTapped: func() {
			h.restore(func(string, app.Secret) error { return nil }, "", &app.VaultOptions{AcceptIntegrityLoss: true})
		}}
	content := container.NewVBox(wrapped(present.Error(err, present.Where{Vault: s.g.dir})),
		caption(i18n.X("gui.unlock.accept_loss_help")), h.accept)
	h.show(i18n.X("gui.unlock.integrity_title"), content)
}

// headerProblem reports whether err says the vault's header changed.
func headerProblem(err error) bool {
	var hc *app.HeaderChangedError
	return errors.As(err, &hc) || errors.Is(err, app.ErrHeaderChanged)
}

// headerRestore is the dialog that offers a way out: put the header
// back, or open a changed vault anyway.
type headerRestore struct {
	s                            *unlockScreen
	pass                         []byte
	d                            dialog.Dialog
	fromCopy, fromBackup, accept *widget.Button
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
	h.show(i18n.X("gui.unlock.header_title"), container.NewVBox(append([]fyne.CanvasObject{wrapped(text)}, buttons...)...))
}

// show shows the dialog; what was typed is cleared when it closes.
func (h *headerRestore) show(title string, content fyne.CanvasObject) {
	s := h.s
	h.d = dialog.NewCustom(title, i18n.X("gui.cancel"), card(500, content), s.g.win)
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
	h.restore(func(dir string, secret app.Secret) error { return app.RestoreVaultHeaderFromCopy(dir, secret) }, "", nil)
}

// chooseBackup puts back the header a backup holds, then unlocks.
func (h *headerRestore) chooseBackup() {
	h.s.g.pick.open(func(path string) {
		h.restore(func(dir string, secret app.Secret) error { return app.RestoreVaultHeaderFromBackup(dir, path, secret) }, path, nil)
	}, app.BackupExt)
}

// restore runs put (off the UI thread), then unlocks with the passphrase
// typed (and opts); a failure is said in the dialog's place.
func (h *headerRestore) restore(put func(string, app.Secret) error, backup string, opts *app.VaultOptions) {
	s := h.s
	pass := bytes.Clone(h.pass)
	h.d.Hide()
	s.setBusy(true)
	dir := s.g.dir
	s.g.async(func() {
		err := put(dir, app.Passphrase(pass))
		var j *app.Journal
		if err == nil {
			j, err = app.UnlockWith(dir, app.Passphrase(pass), opts)
		}
		clear(pass)
		fyne.Do(func() {
			if err != nil && !repairable(err) {
				s.setBusy(false)
				s.say(present.Error(err, present.Where{Vault: dir, Backup: backup}))
				return
			}
			s.unlocked(j, err)
		})
	})
}
