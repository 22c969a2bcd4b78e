package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/ui/i18n"
)

// Backups: write one, check one, restore one into a new folder.

func init() {
	register(&command{name: "backup", group: 3, usage: "--out FILE | verify FILE",
		summary: summary("backup.summary", "write an encrypted backup of the whole vault, or check one"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", lang.X("backup.flag.out", "the backup file to write (on a USB key, say)"))
			fs.BoolVar(&o.force, "force", false, lang.X("backup.flag.force", "replace the file if it exists"))
			o.values["no-verify"] = fs.Bool("no-verify", false, lang.X("backup.flag.no_verify", "do not read the backup back once written"))
			o.values["recovery-code"] = fs.Bool("recovery-code", false, lang.X("backup.flag.recovery_code", "open the backup with the recovery code instead of the passphrase"))
			jsonFlag(fs, o)
		},
		run: runBackup})
	register(&command{name: "restore", group: 3, usage: "FILE --vault DIR",
		summary: summary("backup.restore.summary", "restore a backup into a new folder, then verify it"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["recovery-code"] = fs.Bool("recovery-code", false, lang.X("backup.flag.recovery_code", "open the backup with the recovery code instead of the passphrase"))
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
		return errors.New(lang.X("cli.usage", "usage: temoin {{.Usage}}", map[string]any{"Usage": "backup --out FILE [--force] [--no-verify] | backup verify FILE"}))
	}
	out := e.opts.out
	if info, err := os.Stat(out); err == nil && info.IsDir() {
		out = filepath.Join(out, app.BackupFileName(timeNow()))
	}
	if c, ok := app.DetectCloudFolder(filepath.Dir(out)); ok {
		key, fallback := "backup.cloud", "Warning: {{.Folder}} looks synchronised with {{.Service}}: the backup (encrypted) will be copied to its servers."
		if c.Work {
			key, fallback = "backup.cloud_work", "Warning: {{.Folder}} looks synchronised with {{.Service}} through a work or school account: the backup (encrypted) will be copied to your employer's servers."
		}
		fmt.Fprintln(e.Stderr, lang.X(key, fallback, map[string]any{"Folder": c.Root, "Service": c.Service}))
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
		return fmt.Errorf("%s: %s", lang.X("backup.written_but", "the backup was written to {{.Path}}, but", map[string]any{"Path": out}), backupError(errors.Unwrap(err), out))
	}
	if e.opts.json {
		return writeJSON(e.Stdout, map[string]any{"path": out, "size": res.Info.Size, "sha256": res.Info.SHA256,
			"records": res.Info.Records, "blobs": len(res.Info.Blobs), "head": res.Info.Head, "checked": res.Checked})
	}
	fmt.Fprintln(e.Stdout, lang.X("backup.done", "Backup written: {{.Path}} ({{.Size}}, {{.Blobs}} evidence files).",
		map[string]any{"Path": out, "Size": i18n.Size(res.Info.Size), "Blobs": len(res.Info.Blobs)}))
	fmt.Fprintln(e.Stdout, lang.X("backup.opens_with", "It opens with your current passphrase, or with your recovery code."))
	if res.Checked != nil {
		printBackupProblems(e, res.Checked)
		if !res.Checked.OK() {
			return exitError{status: 1}
		}
		fmt.Fprintln(e.Stdout, lang.X("backup.checked", "Read back and checked: everything is intact."))
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
			b, err := e.prompt(lang.X("cli.prompt.recovery_code", "Recovery code: "))
			if err != nil {
				return app.Secret{}, nil, err
			}
			code = string(b)
		}
		return app.RecoveryCode(code), func() {}, nil
	}
	pass, err := e.passphrase(lang.X("backup.prompt.passphrase", "Passphrase of the vault when the backup was made: "))
	if err != nil {
		return app.Secret{}, nil, err
	}
	return app.Passphrase(pass), func() { wipe(pass) }, nil
}

func runBackupVerify(e *env, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", lang.X("cli.cannot_open", "cannot open the file"), err)
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
		fmt.Fprintln(e.Stderr, lang.XN("cli.verify.problems", "temoin: {{.N}} problems found", len(rep.Problems), map[string]any{"N": len(rep.Problems)}))
		return exitError{status: 1}
	}
	return nil
}

func printBackupReport(e *env, rep *app.BackupReport) {
	fmt.Fprintln(e.Stdout, lang.X("backup.verify.made", "Backup made on {{.Date}} by {{.Producer}}.",
		map[string]any{"Date": i18n.DateTime(rep.Info.Created.Local()), "Producer": rep.Info.Producer}))
	fmt.Fprintln(e.Stdout, lang.X("backup.verify.checked", "Checked: {{.Records}} records, {{.Events}} history events, {{.Blobs}} evidence files ({{.Size}}).",
		map[string]any{"Records": rep.Records, "Events": rep.Events, "Blobs": rep.Blobs, "Size": i18n.Size(rep.BlobBytes)}))
	fmt.Fprintln(e.Stdout, lang.X("cli.verify.head", "History head: {{.Head}} (event {{.Seq}})", map[string]any{"Head": rep.Info.Head.ID, "Seq": rep.Info.Head.Seq}))
	printBackupProblems(e, rep)
	if rep.OK() {
		fmt.Fprintln(e.Stdout, lang.X("backup.verify.ok", "The backup is intact: it can be restored."))
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
		return errors.New(lang.X("cli.usage", "usage: temoin {{.Usage}}", map[string]any{"Usage": "restore FILE --vault DIR"}))
	}
	path, dir := args[0], e.opts.vault
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", lang.X("cli.cannot_open", "cannot open the file"), err)
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
		fmt.Fprintln(e.Stdout, lang.X("backup.restored", "Vault restored into {{.Dir}}: {{.Records}} records, {{.Blobs}} evidence files.",
			map[string]any{"Dir": dir, "Records": rep.Records, "Blobs": rep.Blobs}))
		fmt.Fprintln(e.Stdout, lang.X("backup.restored_opens", "It opens with the passphrase in force when the backup was made, or with the recovery code."))
		printBackupProblems(e, rep)
		if rep.OK() {
			fmt.Fprintln(e.Stdout, lang.X("backup.restored_ok", "Verified: everything is intact."))
		}
	}
	if !rep.OK() {
		n := len(rep.Problems)
		if rep.Restored != nil {
			n += len(rep.Restored.Problems)
		}
		fmt.Fprintln(e.Stderr, lang.XN("cli.verify.problems", "temoin: {{.N}} problems found", n, map[string]any{"N": n}))
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
		return errors.New(lang.X("backup.error.wrong_passphrase", "This passphrase does not open the backup: it opens with the passphrase in force when it was made, or with the recovery code (--recovery-code)."))
	case errors.Is(err, app.ErrBackupExists):
		return errors.New(lang.X("cli.exists", "{{.Name}} already exists: choose another name, or add --force", map[string]any{"Name": path}))
	case errors.Is(err, app.ErrVaultExists):
		return errors.New(lang.X("backup.error.vault_exists", "A vault already exists in {{.Dir}}: a restore never replaces a vault. Choose a new folder.", map[string]any{"Dir": path}))
	}
	if msg, ok := i18n.BackupError(err, path); ok {
		return errors.New(msg)
	}
	return err
}
