package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
)

// Backups: write one, check one, restore one into a new folder.

func init() {
	register(&command{name: "backup", group: 3, usage: "--out FILE | verify FILE",
		summary: summary("backup.summary"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("backup.flag.out"))
			fs.BoolVar(&o.force, "force", false, i18n.X("backup.flag.force"))
			o.values["no-verify"] = fs.Bool("no-verify", false, i18n.X("backup.flag.no_verify"))
			o.values["recovery-code"] = fs.Bool("recovery-code", false, i18n.X("backup.flag.recovery_code"))
			jsonFlag(fs, o)
		},
		run: runBackup})
	register(&command{name: "restore", group: 3, usage: "FILE --vault DIR",
		summary: summary("backup.restore.summary"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["recovery-code"] = fs.Bool("recovery-code", false, i18n.X("backup.flag.recovery_code"))
			jsonFlag(fs, o)
		},
		run: runRestore})
}

func (e *env) backupFlag(name string) bool {
	if b, ok := e.opts.values[name].(*bool); ok {
		return *b
	}
	return false
}

func runBackup(e *env, args []string) error {
	if len(args) == 2 && args[0] == "verify" {
		return runBackupVerify(e, args[1])
	}
	if len(args) != 0 || e.opts.out == "" {
		return errors.New(i18n.X("cli.usage", map[string]any{"Usage": "backup --out FILE [--force] [--no-verify] | backup verify FILE"}))
	}
	out := e.opts.out
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		out = filepath.Join(out, app.BackupFileName(timeNow()))
	}
	if c, ok := app.DetectCloudFolder(filepath.Dir(out)); ok {
		key := "backup.cloud"
		if c.Work {
			key = "backup.cloud_work"
		}
		fmt.Fprintln(e.Stderr, i18n.X(key, map[string]any{"Folder": c.Root, "Service": c.Service}))
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := j.Backups.Write(ctx, out, e.opts.force, !e.backupFlag("no-verify"), e.backupProgress(filepath.Base(out)))
	e.endProgress()
	if err != nil {
		if res == nil {
			return backupError(err, out)
		}
		// Written, but reading it back failed, or its date was not
		// recorded: say so, with the cause.
		return fmt.Errorf("%s: %s", i18n.X("backup.written_but", map[string]any{"Path": out}), backupError(errors.Unwrap(err), out))
	}
	if e.opts.json {
		return writeJSON(e.Stdout, map[string]any{"path": out, "size": res.Info.Size, "sha256": res.Info.SHA256,
			"records": res.Info.Records, "blobs": len(res.Info.Blobs), "head": res.Info.Head, "checked": res.Checked})
	}
	fmt.Fprintln(e.Stdout, i18n.X("backup.done",
		map[string]any{"Path": out, "Size": i18n.Size(res.Info.Size), "Blobs": i18n.N("count.evidence_files", len(res.Info.Blobs))}))
	fmt.Fprintln(e.Stdout, i18n.X("backup.opens_with"))
	if res.Checked != nil {
		printBackupProblems(e, res.Checked)
		if !res.Checked.OK() {
			return exitError{status: 1}
		}
		fmt.Fprintln(e.Stdout, i18n.X("backup.checked"))
	}
	return nil
}

// timeNow is time.Now, replaceable by tests.
var timeNow = time.Now

// backupProgress draws "name  45 %  1,2 Go / 2,7 Go" on a terminal, or
// returns nil when standard error is not one.
func (e *env) backupProgress(name string) func(done, total int64) {
	f, ok := e.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	last := -1
	return func(done, total int64) {
		pct := int(done * 100 / max(total, 1))
		if pct != last {
			last = pct
			fmt.Fprintf(f, "\r%s  %3d %%  %s / %s ", name, pct, i18n.Size(done), i18n.Size(total))
		}
	}
}

func (e *env) backupSecret() (app.Secret, func(), error) {
	if e.backupFlag("recovery-code") {
		code := os.Getenv("TEMOIN_RECOVERY_CODE")
		if code == "" {
			b, err := e.prompt(i18n.X("cli.prompt.recovery_code"))
			if err != nil {
				return app.Secret{}, nil, err
			}
			code = string(b)
		}
		return app.RecoveryCode(code), func() {}, nil
	}
	pass, err := e.passphrase(i18n.X("backup.prompt.passphrase"))
	if err != nil {
		return app.Secret{}, nil, err
	}
	return app.Passphrase(pass), func() { wipe(pass) }, nil
}

func runBackupVerify(e *env, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
	}
	secret, done, err := e.backupSecret()
	if err != nil {
		return err
	}
	defer done()
	ctx, stop := interruptible()
	defer stop()
	rep, err := app.VerifyBackupFile(ctx, path, secret, e.backupProgress(filepath.Base(path)))
	e.endProgress()
	if err != nil {
		return backupError(err, path)
	}
	if e.opts.json {
		if err := writeJSON(e.Stdout, rep); err != nil {
			return err
		}
	} else {
		printBackupReport(e, rep)
	}
	if !rep.OK() {
		fmt.Fprintln(e.Stderr, i18n.N("cli.verify.problems", len(rep.Problems)))
		return exitError{status: 1}
	}
	return nil
}

func printBackupReport(e *env, rep *app.BackupReport) {
	fmt.Fprintln(e.Stdout, i18n.X("backup.verify.made",
		map[string]any{"Date": i18n.DateTime(rep.Info.Created.Local()), "Producer": rep.Info.Producer}))
	fmt.Fprintln(e.Stdout, i18n.X("backup.verify.checked",
		map[string]any{"Records": i18n.N("count.records", rep.Records), "Events": i18n.N("count.events", int(rep.Events)),
			"Blobs": i18n.N("count.evidence_files", rep.Blobs), "Size": i18n.Size(rep.BlobBytes)}))
	fmt.Fprintln(e.Stdout, i18n.X("cli.verify.head", map[string]any{"Head": rep.Info.Head.ID, "Seq": rep.Info.Head.Seq}))
	printBackupProblems(e, rep)
	if rep.OK() {
		fmt.Fprintln(e.Stdout, i18n.X("backup.verify.ok"))
	}
}

func printBackupProblems(e *env, rep *app.BackupReport) {
	for _, p := range rep.Problems {
		fmt.Fprintln(e.Stdout, "  ✗", p.String())
	}
	if rep.Restored != nil {
		for _, p := range rep.Restored.Problems {
			fmt.Fprintln(e.Stdout, "  ✗", p.String())
		}
	}
}

func runRestore(e *env, args []string) error {
	if len(args) != 1 || e.opts.vault == "" {
		return errors.New(i18n.X("cli.usage", map[string]any{"Usage": "restore FILE --vault DIR"}))
	}
	path, dir := args[0], e.opts.vault
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", i18n.X("cli.cannot_open"), err)
	}
	secret, done, err := e.backupSecret()
	if err != nil {
		return err
	}
	defer done()
	ctx, stop := interruptible()
	defer stop()
	rep, err := app.RestoreBackupFile(ctx, path, dir, secret, e.backupProgress(filepath.Base(path)))
	e.endProgress()
	if err != nil {
		return backupError(err, dir)
	}
	if e.opts.json {
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
		return exitError{status: 1}
	}
	return nil
}

// backupError turns the errors of backups into one calm sentence.
func backupError(err error, path string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, app.ErrWrongPassphrase):
		return errors.New(i18n.X("backup.error.wrong_passphrase"))
	case errors.Is(err, app.ErrBackupExists):
		return errors.New(i18n.X("cli.exists", map[string]any{"Name": path}))
	case errors.Is(err, app.ErrVaultExists):
		return errors.New(i18n.X("backup.error.vault_exists", map[string]any{"Dir": path}))
	}
	if msg, ok := sentence.BackupError(err, path); ok {
		return errors.New(msg)
	}
	return err
}
