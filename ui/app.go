// Package ui is Témoin's desktop application, built with Fyne. One struct
// per screen, each with a buildUI method; long work runs in goroutines and
// reports back through fyne.Do. It talks to package app only.
package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/ui/cli"
	"github.com/temoin-app/temoin/ui/i18n"
)

// AppID identifies Témoin to the system (preferences, desktop file).
const AppID = "fr.temoin.app"

// Run opens the main window on the vault that opts names and runs until
// it is closed.
func Run(a fyne.App, opts cli.GUIOptions) {
	i18n.Setup(opts.Lang)
	w := a.NewWindow("Témoin")
	w.SetContent(widget.NewLabel("Témoin"))
	w.ShowAndRun()
}
