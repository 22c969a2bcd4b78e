package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// setupScreen is the first start: what Témoin does in three sentences,
// the choice of a passphrase, then the recovery code, shown once, with a
// check that it was noted. Or, for someone who already kept a journal,
// "Restore a backup": a backup file, its passphrase or recovery code, and
// the journal comes back into the vault's folder (the default one or
// --vault), never over an existing journal.
type setupScreen struct {
	g *gui

	pass      *control.Entry // the chooser's first field, focused
	chooser   *passphraseChooser
	createBtn *widget.Button
	spinner   *widget.Activity
	message   *widget.Label
	body      *fyne.Container
	first     []fyne.CanvasObject // the body's first content, to come back to

	restoreBtn *widget.Button
	restore    *restorePanel // restoring a backup, when chosen

	journal *app.Journal
	code    *recoveryCodeView
}

func (s *setupScreen) buildUI() fyne.CanvasObject {
	s.chooser = newPassphraseChooser(s.g)
	s.pass = s.chooser.pass
	s.createBtn = &widget.Button{Text: i18n.X("gui.setup.create"), Icon: theme.ConfirmIcon(),
		Importance: widget.HighImportance, OnTapped: s.create}
	s.chooser.onChange = func() {
		if ok, _ := s.chooser.valid(); ok && !s.spinner.Visible() {
			s.createBtn.Enable()
		} else {
			s.createBtn.Disable()
		}
	}
	s.chooser.onSubmit = s.create
	s.spinner = widget.NewActivity()
	s.spinner.Hide()
	s.message = wrapped("")
	s.message.Importance = widget.DangerImportance
	s.message.Hide()
	s.chooser.changed()

	icon := canvas.NewImageFromResource(s.g.icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(64, 64))
	title := heading(i18n.X("gui.setup.title"))
	title.Alignment = fyne.TextAlignCenter
	intro := wrapped(i18n.X("gui.setup.intro"))
	where := caption(i18n.X("gui.unlock.where", map[string]any{"Dir": s.g.dir}))
	where.Alignment = fyne.TextAlignCenter
	s.restoreBtn = &widget.Button{Text: i18n.X("gui.restore.button"), Icon: theme.HistoryIcon(),
		Importance: widget.LowImportance, OnTapped: func() { s.g.pick.open(s.showRestore, app.BackupExt) }}
	offer := widget.NewLabel(i18n.X("gui.restore.offer"))
	offer.SizeName = theme.SizeNameCaptionText
	restoreRow := container.NewCenter(container.NewHBox(container.NewCenter(offer), s.restoreBtn))
	s.body = container.NewVBox(
		container.NewCenter(icon), title, intro, widget.NewSeparator(),
		s.chooser.buildUI(), s.createBtn, container.NewCenter(s.spinner), s.message, restoreRow, layout.NewSpacer(), where)
	s.first = s.body.Objects
	// It scrolls: on a 1024×600 screen it is taller than the window.
	return container.NewVScroll(container.NewCenter(card(520, container.NewPadded(s.body))))
}

// create makes the vault; the key derivation runs off the UI thread.
func (s *setupScreen) create() {
	if ok, _ := s.chooser.valid(); !ok || s.spinner.Visible() {
		return
	}
	pass := []byte(s.chooser.pass.Text)
	s.spinner.Show()
	s.spinner.Start()
	s.createBtn.Disable()
	dir, opts := s.g.dir, s.g.vaultOptions
	s.g.async(func() {
		j, code, err := app.CreateVault(dir, pass, opts)
		clear(pass)
		fyne.Do(func() { s.created(j, code, err) })
	})
}

func (s *setupScreen) created(j *app.Journal, code string, err error) {
	s.spinner.Stop()
	s.spinner.Hide()
	if s.g.setup != s {
		if j != nil {
			j.Lock()
		}
		return
	}
	if err != nil {
		s.createBtn.Enable()
		s.message.SetText(s.g.say(err))
		s.message.Show()
		return
	}
	s.journal = j
	s.chooser.pass.SetText("")
	s.chooser.confirm.SetText("")
	s.code = newRecoveryCodeView(s.g, code, func() {
		jj := s.journal
		s.journal = nil
		s.g.opened(jj, false)
	})
	s.body.Objects = []fyne.CanvasObject{s.code.buildUI()}
	s.body.Refresh()
}
