package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/ccojocar/zxcvbn-go"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// passphraseChooser is the pair of fields where a passphrase is chosen,
// with its strength meter: the first start, the recovery and the change
// of passphrase share it.
type passphraseChooser struct {
	g        *gui
	pass     *control.Entry
	confirm  *control.Entry
	meter    *control.StrengthMeter
	hint     *widget.Label
	onChange func()
	onSubmit func()
}

// minScore is the lowest zxcvbn score accepted (0 to 4), on top of
// app.CheckPassphrase's length.
const minScore = 2

// commonWords are words a passphrase about Témoin would likely contain:
// zxcvbn counts them as guessable.
var commonWords = []string{"temoin", "témoin", "journal", "coffre", "motdepasse", "phrase", "passe",
	"azerty", "password", "secret", "college", "lycee", "ecole", "prof", "professeur"}

func newPassphraseChooser(g *gui) *passphraseChooser {
	c := &passphraseChooser{g: g, pass: g.passwordEntry(), confirm: g.passwordEntry(),
		meter: control.NewStrengthMeter(), hint: caption("")}
	c.pass.SetPlaceHolder(i18n.X("gui.passphrase.placeholder"))
	c.confirm.SetPlaceHolder(i18n.X("gui.passphrase.confirm_placeholder"))
	c.pass.OnChanged = func(string) { c.changed() }
	c.confirm.OnChanged = func(string) { c.changed() }
	c.pass.OnSubmitted = func(string) { g.win.Canvas().Focus(c.confirm) }
	c.confirm.OnSubmitted = func(string) {
		if ok, _ := c.valid(); ok && c.onSubmit != nil {
			c.onSubmit()
		}
	}
	c.changed()
	return c
}

func (c *passphraseChooser) buildUI() fyne.CanvasObject {
	return container.NewVBox(
		widget.NewLabel(i18n.X("gui.passphrase.label")), c.pass,
		c.meter,
		widget.NewLabel(i18n.X("gui.passphrase.confirm")), c.confirm,
		c.hint,
	)
}

// strength scores a passphrase from 0 to 4.
func strength(p string) int {
	if p == "" {
		return -1
	}
	if utf8.RuneCountInString(p) > 100 {
		return 4 // zxcvbn slows down on very long input; such a length is strong
	}
	return zxcvbn.PasswordStrength(p, commonWords).Score
}

func strengthWord(score int) string {
	switch score {
	case 0:
		return i18n.X("gui.strength.0")
	case 1:
		return i18n.X("gui.strength.1")
	case 2:
		return i18n.X("gui.strength.2")
	case 3:
		return i18n.X("gui.strength.3")
	case 4:
		return i18n.X("gui.strength.4")
	}
	return ""
}

// valid tells whether the passphrase can be used, and if not, why.
func (c *passphraseChooser) valid() (bool, string) {
	p := c.pass.Text
	switch {
	case p == "":
		return false, i18n.X("gui.passphrase.hint")
	case app.CheckPassphrase([]byte(p)) != nil:
		return false, present.PassphraseTooShort()
	case c.meter.Score() < minScore:
		return false, i18n.X("gui.passphrase.too_weak")
	case c.confirm.Text == "":
		return false, i18n.X("gui.passphrase.type_again")
	case c.confirm.Text != p:
		return false, i18n.X("gui.passphrase.mismatch")
	}
	return true, i18n.X("gui.passphrase.ok")
}

func (c *passphraseChooser) changed() {
	s := strength(c.pass.Text)
	c.meter.SetScore(s, strengthWord(s))
	_, why := c.valid()
	c.hint.SetText(why)
	if c.onChange != nil {
		c.onChange()
	}
	if c.g != nil {
		c.g.touch()
	}
}
