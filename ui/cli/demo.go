package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// temoin demo: a vault filled with invented, realistic incidents, for
// screenshots, trials and demonstrations.

func init() {
	register(&command{name: "demo", usage: "--vault DIR", group: 9, summary: summary("gui.cli.demo"),
		new: func() runner { return &demoCmd{} }})
}

type demoCmd struct{ noFlags }

func (c *demoCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 0); err != nil {
		return err
	}
	dir, err := e.vaultDir()
	if err != nil {
		return err
	}
	if app.VaultExists(dir) {
		return fmt.Errorf("%w: %s", app.ErrVaultExists, dir)
	}
	_, statErr := os.Stat(dir)
	made := os.IsNotExist(statErr) // the folder is Témoin's to remove
	j, code, err := app.CreateVault(dir, []byte(app.DemoPassphrase), nil)
	if err != nil {
		return err
	}
	e.journal = j
	n, err := app.FillDemo(ctx, j, time.Now())
	if err != nil {
		// A demo half-filled is of no use: nothing of it is kept.
		e.close()
		if made {
			os.RemoveAll(dir)
		}
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.done", map[string]any{"Dir": dir, "N": n}))
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.passphrase", map[string]any{"Passphrase": app.DemoPassphrase}))
	fmt.Fprintln(e.Stdout, i18n.X("gui.cli.demo.code", map[string]any{"Code": code}))
	return nil
}
