package cli

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2/lang"

	"github.com/temoin-app/temoin/app"
)

// temoin demo: a vault filled with invented, realistic incidents, for
// screenshots, trials and demonstrations.

func init() {
	register(&command{name: "demo", group: 9,
		summary: summary("gui.cli.demo", "create a demo vault with invented incidents (for trials and screenshots)"),
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
	fmt.Fprintln(e.Stdout, lang.X("gui.cli.demo.done", "Demo vault created in {{.Dir}} with {{.N}} invented incidents.", map[string]any{"Dir": dir, "N": n}))
	fmt.Fprintln(e.Stdout, lang.X("gui.cli.demo.passphrase", "Passphrase: {{.Passphrase}}", map[string]any{"Passphrase": app.DemoPassphrase}))
	fmt.Fprintln(e.Stdout, lang.X("gui.cli.demo.code", "Recovery code: {{.Code}}", map[string]any{"Code": code}))
	return nil
}
