package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Dialogs: every one is shown through showDialog, so that Escape closes
// the newest and a lock closes them all.

// showDialog shows d and remembers it, so that Escape closes it.
func (g *gui) showDialog(d dialog.Dialog) {
	g.dialogs = append(g.dialogs, d)
	d.SetOnClosed(func() { g.forget(d) })
	d.Show()
}

func (g *gui) forget(d dialog.Dialog) {
	delete(g.infos, d)
	for i, o := range g.dialogs {
		if o == d {
			g.dialogs = append(g.dialogs[:i], g.dialogs[i+1:]...)
			return
		}
	}
}

// escape closes the newest dialog; without one, it leaves the editor.
func (g *gui) escape() {
	if n := len(g.dialogs); n > 0 {
		g.dialogs[n-1].Hide()
		return
	}
	if g.main != nil {
		g.main.escape()
	}
}

func (g *gui) closeDialogs() {
	for len(g.dialogs) > 0 {
		d := g.dialogs[len(g.dialogs)-1]
		g.dialogs = g.dialogs[:len(g.dialogs)-1]
		d.Hide()
	}
}

// say is what the person reads about err: the sentence the command line
// says too (package present), naming the vault's folder.
func (g *gui) say(err error) string {
	return present.Error(err, present.Where{Vault: g.dir})
}

// showError tells what went wrong, in a sentence.
func (g *gui) showError(err error) {
	if err == nil {
		return
	}
	g.showInfo(i18n.X("gui.error.title"), g.say(err))
}

// showInfo shows a short message; Enter or Escape closes it. A message
// of several lines (a list, paragraphs) is aligned on the left, where a
// list reads; a one-line message is centred.
func (g *gui) showInfo(title, msg string) {
	var d dialog.Dialog
	if strings.Contains(msg, "\n") {
		d = g.leftAlignedInfo(title, msg)
	} else {
		d = dialog.NewInformation(title, msg, g.win)
	}
	if g.infos == nil {
		g.infos = map[dialog.Dialog]bool{}
	}
	g.infos[d] = true
	g.showDialog(d)
}

// leftAlignedInfo is Fyne's information dialog with its text on the left.
func (g *gui) leftAlignedInfo(title, msg string) dialog.Dialog {
	label, w := g.leftAligned(msg)
	d := dialog.NewCustom(title, i18n.X("fyne.OK"), label, g.win)
	d.Resize(fyne.NewSize(w, label.MinSize().Height))
	return d
}

// leftAligned is a message's text on the left, and the dialog's width:
// as wide as the text needs, at most 600 points and 90 % of the window
// (Fyne's own text dialogs' rule).
func (g *gui) leftAligned(msg string) (*widget.Label, float32) {
	label := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	noWrap := widget.NewLabel(msg).MinSize().Width + 6*theme.Padding()
	w := min(noWrap, 600, g.win.Canvas().Size().Width*0.9)
	label.Resize(fyne.NewSize(w, label.MinSize().Height))
	return label, w
}

// enter closes the newest dialog if it only informs (a question waits
// for its answer: Enter never confirms one).
func (g *gui) enter() bool {
	if n := len(g.dialogs); n > 0 && g.infos[g.dialogs[n-1]] {
		g.dialogs[n-1].Hide()
		return true
	}
	return false
}

// confirm asks a question; yes runs only on "yes". A question of several
// lines is aligned on the left, as messages are.
func (g *gui) confirm(title, msg, yesLabel, noLabel string, yes func()) {
	answer := func(ok bool) {
		if ok {
			yes()
		}
	}
	if strings.Contains(msg, "\n") {
		label, w := g.leftAligned(msg)
		d := dialog.NewCustomConfirm(title, yesLabel, noLabel, label, answer, g.win)
		d.Resize(fyne.NewSize(w, label.MinSize().Height))
		g.showDialog(d)
		return
	}
	d := dialog.NewConfirm(title, msg, answer, g.win)
	d.SetConfirmText(yesLabel)
	d.SetDismissText(noLabel)
	g.showDialog(d)
}

// sayVaultWarnings says, after an unlock, what the checks at opening
// found that did not stop it.
func (g *gui) sayVaultWarnings() {
	if g.journal == nil {
		return
	}
	for _, w := range g.journal.VaultWarnings() {
		g.showInfo(i18n.X("gui.vault.warning_title"), present.VaultWarning(w))
	}
}
