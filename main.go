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
	opts, isCommand := cli.Route(os.Args[1:])
	if isCommand {
		attachConsole()
		os.Exit(cli.Main(os.Args[1:], cli.StdIO()))
	}
	ui.Run(fyneapp.NewWithID(ui.AppID), opts)
}
