package ui

import (
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/ccojocar/zxcvbn-go"

	"github.com/temoin-app/temoin/app"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// passphraseChooser is the pair of fields where a passphrase is chosen,
// with its strength meter: the first start, the recovery and the change
// of passphrase share it.
type passphraseChooser struct {
	g        *gui
	pass     *xwidget.Entry
	confirm  *xwidget.Entry
	meter    *xwidget.StrengthMeter
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
		meter: xwidget.NewStrengthMeter(), hint: caption("")}
	c.pass.SetPlaceHolder(lang.X("gui.passphrase.placeholder", "Several words, easy for you to remember"))
	c.confirm.SetPlaceHolder(lang.X("gui.passphrase.confirm_placeholder", "The same passphrase again"))
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
		widget.NewLabel(lang.X("gui.passphrase.label", "Passphrase")), c.pass,
		c.meter,
		widget.NewLabel(lang.X("gui.passphrase.confirm", "Confirm the passphrase")), c.confirm,
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
		return lang.X("gui.strength.0", "Very weak")
	case 1:
		return lang.X("gui.strength.1", "Weak")
	case 2:
		return lang.X("gui.strength.2", "Fair")
	case 3:
		return lang.X("gui.strength.3", "Good")
	case 4:
		return lang.X("gui.strength.4", "Very good")
	}
	return ""
}

// valid tells whether the passphrase can be used, and if not, why.
func (c *passphraseChooser) valid() (bool, string) {
	p := c.pass.Text
	switch {
	case p == "":
		return false, lang.X("gui.passphrase.hint", "Choose a sentence of several words that only you know, for example four words with a number. Write it nowhere on this computer.")
	case app.CheckPassphrase([]byte(p)) != nil:
		return false, lang.X("gui.passphrase.too_short", "At least {{.N}} characters: several words are easier to remember than a complicated word.", map[string]any{"N": app.MinPassphraseLength})
	case c.meter.Score() < minScore:
		return false, lang.X("gui.passphrase.too_weak", "Too easy to guess: add a word or two.")
	case c.confirm.Text == "":
		return false, lang.X("gui.passphrase.type_again", "Type it again below, to be sure of it.")
	case c.confirm.Text != p:
		return false, lang.X("gui.passphrase.mismatch", "The two passphrases differ.")
	}
	return true, lang.X("gui.passphrase.ok", "This passphrase will do. Without it or the recovery code, nobody can open the journal, not even us.")
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

// wipe overwrites a secret held in a byte slice.
func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
