package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Backups: write one, check one, restore one into a new folder.

func init() {
	register(&command{name: "backup", usage: "--out FILE [--force] [--no-verify] | verify FILE [--recovery-code]", group: 3,
		summary: summary("backup.summary"), new: func() runner { return &backupCmd{now: time.Now} }})
	register(&command{name: "restore", usage: "FILE --vault DIR [--recovery-code]", group: 3,
		summary: summary("backup.restore.summary"), new: func() runner { return &restoreCmd{} }})
}

// secretFlag is --recovery-code: a backup opened with the recovery code
// rather than the passphrase in force when it was made.
type secretFlag struct{ recoveryCode bool }

func (f *secretFlag) add(fs *pflag.FlagSet) {
	fs.BoolVar(&f.recoveryCode, "recovery-code", false, later("backup.flag.recovery_code"))
}

// secret reads what opens a backup (or the vault: the prompt whose key is
// promptKey says which); done wipes it.
func (f *secretFlag) secret(ctx context.Context, e *env, promptKey string) (app.Secret, func(), error) {
	if f.recoveryCode {
		code, err := e.recoveryCode(ctx)
		return app.RecoveryCode(code), func() {}, err
	}
	pass, err := e.passphrase(ctx, promptKey)
	if err != nil {
		return app.Secret{}, nil, err
	}
	return app.Passphrase(pass), func() { clear(pass) }, nil
}

type backupCmd struct {
	out      string
	force    forceFlag
	noVerify bool
	secret   secretFlag
	asJSON   jsonFlag
	now      func() time.Time // names the file written into a folder
}

func (c *backupCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("backup.flag.out"))
	c.force.add(fs, "backup.flag.force")
	fs.BoolVar(&c.noVerify, "no-verify", false, later("backup.flag.no_verify"))
	c.secret.add(fs)
	c.asJSON.add(fs)
}

func (c *backupCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) == 2 && args[0] == "verify" {
		return c.verify(ctx, e, args[1])
	}
	if len(args) != 0 || c.out == "" {
		return e.usageError()
	}
	out := c.out
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		out = filepath.Join(out, app.BackupFileName(c.now()))
	}
	if cf, ok := app.DetectCloudFolder(filepath.Dir(out)); ok {
		fmt.Fprintln(e.Stderr, present.CloudFolder(cf))
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	p := e.progress(filepath.Base(out))
	res, err := j.Backups.Write(ctx, out, c.force.force, !c.noVerify, p.BackupBytes())
	p.Done()
	if err != nil && res != nil {
		// Written, but reading it back failed, or its date was not
		// recorded: say so, with the cause.
		return present.Said(i18n.X("backup.written_but", map[string]any{"Path": out}) + i18n.Language().Colon("") + " " +
			errorLine(present.In(errors.Unwrap(err), present.Where{Backup: out}), e.opts.vault))
	}
	if err != nil {
		return present.In(err, present.Where{Backup: out})
	}
	if c.asJSON.json {
		return writeJSON(e.Stdout, map[string]any{"path": out, "size": res.Info.Size, "sha256": res.Info.SHA256,
			"records": res.Info.Records, "blobs": len(res.Info.Blobs), "head": res.Info.Head, "checked": res.Checked})
	}
	fmt.Fprintln(e.Stdout, i18n.X("backup.done",
		map[string]any{"Path": out, "Size": i18n.Size(res.Info.Size), "Blobs": i18n.N("count.evidence_files", len(res.Info.Blobs))}))
	fmt.Fprintln(e.Stdout, i18n.X("backup.opens_with"))
	if dir, err := e.vaultDir(); err == nil {
		if w := present.BackupSameDisk(dir, out); w != "" {
			fmt.Fprintln(e.Stderr, w)
		}
	}
	if res.Checked != nil {
		printBackupProblems(e, res.Checked)
		if !res.Checked.OK() {
			return exitError{status: statusFailed}
		}
		fmt.Fprintln(e.Stdout, i18n.X("backup.checked"))
	}
	return nil
}

func (c *backupCmd) verify(ctx context.Context, e *env, path string) error {
	if _, err := os.Stat(path); err != nil {
		return err
	}
	secret, done, err := c.secret.secret(ctx, e, later("backup.prompt.passphrase"))
	if err != nil {
		return err
	}
	defer done()
	p := e.progress(filepath.Base(path))
	rep, err := app.VerifyBackupFile(ctx, path, secret, p.Bytes())
	p.Done()
	if err != nil {
		return present.In(err, present.Where{Backup: path})
	}
	if c.asJSON.json {
		if err := writeJSON(e.Stdout, rep); err != nil {
			return err
		}
	} else {
		printBackupReport(e, rep)
	}
	if !rep.OK() {
		fmt.Fprintln(e.Stderr, i18n.N("cli.verify.problems", len(rep.Problems)))
		return exitError{status: statusFailed}
	}
	return nil
}

func printBackupReport(e *env, rep *app.BackupReport) {
	fmt.Fprintln(e.Stdout, i18n.X("backup.verify.made",
		map[string]any{"Date": i18n.DateTime(rep.Info.Created.Local()), "Producer": rep.Info.Producer}))
	fmt.Fprintln(e.Stdout, i18n.X("backup.verify.checked",
		map[string]any{"Records": i18n.N("count.records", rep.Records), "Events": i18n.N("count.events", rep.Events),
			"Blobs": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)}))
	fmt.Fprintln(e.Stdout, i18n.X("cli.verify.head", map[string]any{"Head": rep.Info.Head.ID, "Seq": rep.Info.Head.Seq}))
	printBackupProblems(e, rep)
	if rep.OK() {
		fmt.Fprintln(e.Stdout, i18n.X("backup.verify.ok"))
	}
}

func printBackupProblems(e *env, rep *app.BackupReport) {
	printProblems(e, rep.Problems)
	if rep.Restored != nil {
		printProblems(e, rep.Restored.Problems)
	}
}

type restoreCmd struct {
	secret secretFlag
	out    jsonFlag
}

func (c *restoreCmd) flags(fs *pflag.FlagSet) {
	c.secret.add(fs)
	c.out.add(fs)
}

func (c *restoreCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || e.opts.vault == "" {
		return e.usageError()
	}
	path, dir := args[0], e.opts.vault
	if _, err := os.Stat(path); err != nil {
		return err
	}
	secret, done, err := c.secret.secret(ctx, e, later("backup.prompt.passphrase"))
	if err != nil {
		return err
	}
	defer done()
	p := e.progress(filepath.Base(path))
	rep, err := app.RestoreBackupFile(ctx, path, dir, secret, p.Bytes())
	p.Done()
	if err != nil {
		return present.In(err, present.Where{Backup: path, Vault: dir})
	}
	if c.out.json {
		if err := writeJSON(e.Stdout, rep); err != nil {
			return err
		}
	} else {
		fmt.Fprintln(e.Stdout, i18n.X("backup.restored",
			map[string]any{"Dir": dir, "Records": i18n.N("count.records", rep.Records), "Blobs": i18n.N("count.evidence_files", rep.Blobs)}))
		fmt.Fprintln(e.Stdout, i18n.X("backup.restored_opens"))
		printBackupProblems(e, rep)
		if rep.OK() {
			fmt.Fprintln(e.Stdout, i18n.X("backup.restored_ok"))
		}
	}
	if !rep.OK() {
		n := len(rep.Problems)
		if rep.Restored != nil {
			n += len(rep.Restored.Problems)
		}
		fmt.Fprintln(e.Stderr, i18n.N("cli.verify.problems", n))
		return exitError{status: statusFailed}
	}
	return nil
}
