// Command temoin is Témoin: a confidential, encrypted journal of the
// aggressions suffered at work, and the reports and encrypted bundles made
// from it. With a sub-command it is a command-line tool (temoin help);
// without one it opens the desktop application.
package main

import (
	"os"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/ui"
	"github.com/temoin-app/temoin/ui/cli"
)

func main() {
	// Before anything else: the decrypted files of a bundle whose opening
	// a crash interrupted are removed (app/bundle/interrupted.go).
	bundle.CleanInterrupted()
	if args := os.Args[1:]; cli.IsCommand(args) {
		attachConsole()
		os.Exit(cli.Run(args))
	}
	ui.Run(fyneapp.NewWithID(ui.AppID), ui.OptionsFromArgs(os.Args[1:]))
}
