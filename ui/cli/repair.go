package cli

import (
	"context"
	"fmt"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// temoin repair: what the checks made at every opening may ask for.
//
//   - "repair header" puts back the vault's header (vault.json) when it was
//     changed outside Témoin: the copy kept on this computer, or with
//     --backup FILE the copy a backup holds. Each is checked first: the
//     secret must open it, and its key the vault's database.
//   - "repair accept" opens a vault whose checks found records removed,
//     or an older copy put back, and goes on with what it holds; the
//     choice is recorded in its history.

func init() {
	register(&command{name: "repair", usage: "header [--backup FILE] [--recovery-code] | accept [--recovery-code] --yes", group: 4,
		summary: summary("cli.repair"), new: func() runner { return &repairCmd{} }})
}

type repairCmd struct {
	backup string
	secret secretFlag
	yes    yesFlag
}

func (c *repairCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.backup, "backup", "", later("cli.flag.repair_backup"))
	c.secret.add(fs)
	c.yes.add(fs)
}

func (c *repairCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || (args[0] != "header" && args[0] != "accept") || (args[0] == "accept" && c.backup != "") {
		return e.usageError()
	}
	dir, err := e.existingVault()
	if err != nil {
		return err
	}
	if args[0] == "header" {
		return c.header(ctx, e, dir)
	}
	return c.accept(ctx, e, dir)
}

func (c *repairCmd) header(ctx context.Context, e *env, dir string) error {
	secret, done, err := c.secret.secret(ctx, e, later("cli.prompt.passphrase"))
	if err != nil {
		return err
	}
	defer done()
	if c.backup != "" {
		err = app.RestoreVaultHeaderFromBackup(dir, c.backup, secret)
		err = present.In(err, present.Where{Backup: c.backup})
	} else {
		err = app.RestoreVaultHeaderFromCopy(dir, secret)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.repair.header_done"))
	return nil
}

func (c *repairCmd) accept(ctx context.Context, e *env, dir string) error {
	ok, err := e.confirm(c.yes, i18n.X("cli.repair.accept_confirm"))
	if err != nil || !ok {
		return err
	}
	secret, done, err := c.secret.secret(ctx, e, later("cli.prompt.passphrase"))
	if err != nil {
		return err
	}
	defer done()
	j, err := app.UnlockWith(dir, secret, &app.VaultOptions{AcceptIntegrityLoss: true})
	if err != nil {
		return err
	}
	e.opened(j)
	fmt.Fprintln(e.Stdout, i18n.X("cli.repair.accept_done"))
	return nil
}
