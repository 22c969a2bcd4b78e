package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// temoin demo: a vault filled with invented, realistic incidents, for
// screenshots, trials and demonstrations.

func init() {
	register(&command{name: "demo", group: 9,
		summary: summary("gui.cli.demo"),
		run:     runDemo})
}

func runDemo(e *env, args []string) error {
	if err := wantArgs(args, 0, "demo --vault DIR"); err != nil {
		return err
	}
	dir, err := e.vaultDir()
	if err != nil {
		return err
	}
	if app.VaultExists(dir) {
		return fmt.Errorf("%w: %s", app.ErrVaultExists, dir)
	}
	pass := []byte(app.DemoPassphrase)
	j, code, err := app.CreateVault(dir, pass, nil)
	if err != nil {
		return err
	}
	e.journal = j
	n, err := app.FillDemo(context.Background(), j, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.done", map[string]any{"Dir": dir, "N": n}))
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.passphrase", map[string]any{"Passphrase": app.DemoPassphrase}))
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.code", map[string]any{"Code": code}))
	return nil
}
