package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// passphraseChange is the dialog that changes the passphrase: the current
// one, then the new one twice; the current one is checked and the key
// wrapped again off the UI thread. A wrong current passphrase counts as a
// failed unlock (the same growing delay).
type passphraseChange struct {
	g       *gui
	d       dialog.Dialog
	current *control.Entry
	chooser *passphraseChooser
	message *widget.Label
	spinner *widget.Activity
	change  *widget.Button
	busy    bool
}

// changePassphrase shows the dialog.
func (g *gui) changePassphrase() *passphraseChange {
	p := &passphraseChange{g: g}
	p.d = dialog.NewCustomWithoutButtons(i18n.X("gui.settings.change_passphrase_title"), card(460, p.buildUI()), g.win)
	g.showDialog(p.d)
	g.win.Canvas().Focus(p.current)
	return p
}

func (p *passphraseChange) buildUI() fyne.CanvasObject {
	p.chooser = newPassphraseChooser(p.g)
	p.current = p.g.passwordEntry()
	p.current.SetPlaceHolder(i18n.X("gui.backup.current_placeholder"))
	p.message = wrapped("")
	p.message.Importance = widget.DangerImportance
	p.message.Hide()
	p.spinner = widget.NewActivity()
	p.change = &widget.Button{Text: i18n.X("gui.settings.change"), Importance: widget.HighImportance, OnTapped: p.apply}
	cancel := &widget.Button{Text: i18n.X("gui.cancel"), OnTapped: func() { p.d.Hide() }}
	p.chooser.onChange = p.update
	p.chooser.onSubmit = p.apply
	p.current.OnChanged = func(string) { p.g.touch(); p.update() }
	p.current.OnSubmitted = func(string) { p.g.win.Canvas().Focus(p.chooser.pass) }
	p.update()
	return container.NewVBox(
		wrapped(i18n.X("gui.settings.passphrase_intro")),
		widget.NewLabel(i18n.X("gui.backup.current")), p.current,
		widget.NewSeparator(),
		p.chooser.buildUI(), p.message, container.NewCenter(p.spinner),
		caption(i18n.X("gui.backup.passphrase_backups")),
		container.NewGridWithColumns(2, cancel, p.change))
}

// ready tells whether the change can be asked for.
func (p *passphraseChange) ready() bool {
	ok, _ := p.chooser.valid()
	return ok && p.current.Text != "" && !p.busy
}

func (p *passphraseChange) update() {
	if p.ready() {
		p.change.Enable()
	} else {
		p.change.Disable()
	}
}

func (p *passphraseChange) say(msg string) {
	p.message.SetText(msg)
	p.message.Show()
}

// apply checks the current passphrase and sets the new one.
func (p *passphraseChange) apply() {
	if !p.ready() {
		return
	}
	if wait := p.g.throttle.Wait(); wait > 0 {
		p.say(i18n.X("gui.unlock.wait_again", map[string]any{"Time": waitText(wait)}))
		return
	}
	old, pass := []byte(p.current.Text), []byte(p.chooser.pass.Text)
	j := p.g.journal
	p.busy = true
	p.update()
	p.message.Hide()
	p.spinner.Start()
	p.g.async(func() {
		ok, err := j.IsVaultPassphrase(old)
		clear(old)
		if err == nil && ok {
			err = j.ChangePassphrase(pass)
		}
		clear(pass)
		fyne.Do(func() { p.applied(ok, err) })
	})
}

func (p *passphraseChange) applied(ok bool, err error) {
	p.busy = false
	p.spinner.Stop()
	switch {
	case err == nil && !ok:
		p.current.SetText("")
		msg := i18n.X("gui.backup.current_wrong")
		if wait := p.g.throttle.Failed(); wait > 0 {
			msg += " " + i18n.X("gui.unlock.slowdown_time", map[string]any{"Time": waitText(wait)})
		}
		p.say(msg)
		p.update()
		p.g.win.Canvas().Focus(p.current)
	case err != nil:
		p.d.Hide()
		p.g.showError(err)
	default:
		p.g.throttle.Succeeded()
		p.d.Hide()
		p.g.showInfo(i18n.X("gui.settings.passphrase_changed_title"), i18n.X("gui.settings.passphrase_changed"))
	}
}
