package ui

import (
	"context"

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
	// renew: "someone may know my passphrase": every key is renewed
	// (RotateKeys), and a new recovery code shown.
	renew *widget.Check
	busy  bool
	code  *recoveryCodeView // the new recovery code shown after a renewal (tests)
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
	p.renew = widget.NewCheck(i18n.X("gui.settings.renew_keys"), func(bool) { p.g.touch() })
	p.update()
	// Scrolled, so that the buttons stay on a small screen (600 points).
	body := container.NewVScroll(container.NewVBox(
		wrapped(i18n.X("gui.settings.passphrase_intro")),
		widget.NewLabel(i18n.X("gui.backup.current")), p.current,
		widget.NewSeparator(),
		p.chooser.buildUI(), p.message, container.NewCenter(p.spinner),
		p.renew, caption(i18n.X("gui.settings.renew_keys_help"))))
	body.SetMinSize(fyne.NewSize(440, 400))
	return container.NewBorder(nil, container.NewGridWithColumns(2, cancel, p.change), nil, nil, body)
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
	renew := p.renew.Checked
	p.busy = true
	p.update()
	p.message.Hide()
	p.spinner.Start()
	p.g.async(func() {
		ok, err := j.IsVaultPassphrase(old)
		clear(old)
		var code string
		switch {
		case err != nil || !ok:
		case renew:
			code, err = j.RotateKeys(context.Background(), pass, nil)
		default:
			err = j.ChangePassphrase(pass)
		}
		clear(pass)
		fyne.Do(func() { p.applied(ok, code, err) })
	})
}

func (p *passphraseChange) applied(ok bool, code string, err error) {
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
	case code != "":
		p.g.throttle.Succeeded()
		p.d.Hide()
		p.showNewCode(code)
	default:
		p.g.throttle.Succeeded()
		p.d.Hide()
		p.g.showInfo(i18n.X("gui.settings.passphrase_changed_title"), i18n.X("gui.settings.passphrase_changed"))
	}
}

// showNewCode says what the renewal did and shows the new recovery code
// once (the old one no longer opens the journal).
func (p *passphraseChange) showNewCode(code string) {
	var d dialog.Dialog
	p.code = newRecoveryCodeView(p.g, code, func() { d.Hide() })
	said := wrapped(i18n.X("gui.settings.renewed"))
	said.Importance = widget.SuccessImportance
	d = dialog.NewCustomWithoutButtons(i18n.X("gui.code.title"), card(520, container.NewVBox(said, p.code.buildUI())), p.g.win)
	p.g.showDialog(d)
}
