package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// env is what a running command works with: its streams, the global
// options, and the journal once unlocked.
type env struct {
	IO
	opts    globalOptions
	cmd     *command
	flagSet *pflag.FlagSet // the running command's flags, to tell a flag given from one left out
	journal *app.Journal
	// stamped: the command asked for a time-stamp itself; nothing is
	// sent after it (stampQueued).
	stamped bool
}

func (e *env) close() {
	if e.journal != nil {
		e.journal.Lock()
		e.journal = nil
	}
}

// given reports whether the flag name was given on the command line.
func (e *env) given(name string) bool { return e.flagSet != nil && e.flagSet.Changed(name) }

// vaultDir is the vault's folder: --vault, else $TEMOIN_VAULT, else the
// user data folder.
func (e *env) vaultDir() (string, error) {
	if e.opts.vault != "" {
		return e.opts.vault, nil
	}
	d, err := app.DefaultVaultDir()
	if err != nil {
		return "", err
	}
	e.opts.vault = d
	return d, nil
}

// existingVault is the vault's folder, which must hold a vault.
func (e *env) existingVault() (string, error) {
	dir, err := e.vaultDir()
	if err != nil {
		return "", err
	}
	if !app.VaultExists(dir) {
		return "", fmt.Errorf("%w: %s", app.ErrVaultNotFound, dir)
	}
	return dir, nil
}

// hasVault reports whether the vault's folder holds a vault.
func (e *env) hasVault() bool {
	dir, err := e.vaultDir()
	return err == nil && app.VaultExists(dir)
}

// unlock opens the journal, asking for the passphrase if needed, and
// says what the checks at opening found.
func (e *env) unlock(ctx context.Context) (*app.Journal, error) {
	if e.journal != nil {
		return e.journal, nil
	}
	dir, err := e.existingVault()
	if err != nil {
		return nil, err
	}
	pass, err := e.passphrase(ctx, later("cli.prompt.passphrase"))
	if err != nil {
		return nil, err
	}
	unlock := app.Unlock // the whole journal, read in one pass
	if e.cmd != nil && e.cmd.partly {
		unlock = app.UnlockPartly
	}
	j, err := unlock(dir, pass)
	clear(pass)
	if err != nil {
		return nil, err
	}
	e.opened(j)
	return j, nil
}

// opened keeps the journal unlocked and says its warnings.
func (e *env) opened(j *app.Journal) {
	e.journal = j
	for _, w := range j.VaultWarnings() {
		fmt.Fprintln(e.Stderr, "temoin: "+present.VaultWarning(w))
	}
}

// noPassphrase says how to give a passphrase without a terminal.
func noPassphrase() error { return present.Said(i18n.X("cli.no_passphrase")) }

// passphrase reads the vault's passphrase: --passphrase-file, else
// $TEMOIN_PASSPHRASE, else the terminal (without echo) after the prompt
// whose key is promptKey (later).
func (e *env) passphrase(ctx context.Context, promptKey string) ([]byte, error) {
	if e.opts.passFile != "" {
		return readSecretFile(e.opts.passFile)
	}
	if p := os.Getenv("TEMOIN_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	return e.prompt(ctx, i18n.X(promptKey))
}

// newPassFlag is --new-passphrase-file, for the commands that choose a
// passphrase.
type newPassFlag struct{ file string }

func (f *newPassFlag) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.file, "new-passphrase-file", "", later("cli.flag.new_passphrase_file"))
}

// newPassphrase reads a passphrase being chosen: --new-passphrase-file,
// else $TEMOIN_NEW_PASSPHRASE, else twice from the terminal. fallback
// also accepts the vault's own source (for init, where the passphrase
// given is the one being chosen).
func (e *env) newPassphrase(ctx context.Context, f newPassFlag, fallback bool) ([]byte, error) {
	var p []byte
	var err error
	switch {
	case f.file != "":
		p, err = readSecretFile(f.file)
	case os.Getenv("TEMOIN_NEW_PASSPHRASE") != "":
		p = []byte(os.Getenv("TEMOIN_NEW_PASSPHRASE"))
	case fallback && (e.opts.passFile != "" || os.Getenv("TEMOIN_PASSPHRASE") != ""):
		p, err = e.passphrase(ctx, "")
	default:
		p, err = e.promptTwice(ctx, i18n.X("cli.prompt.new_passphrase"), i18n.X("cli.passphrase_mismatch"))
	}
	if err != nil {
		return nil, err
	}
	if err := app.CheckPassphrase(p); err != nil {
		clear(p)
		return nil, err
	}
	return p, nil
}

// promptTwice reads a secret being chosen twice from the terminal;
// mismatch says that the two differ.
func (e *env) promptTwice(ctx context.Context, prompt, mismatch string) ([]byte, error) {
	p, err := e.prompt(ctx, prompt)
	if err != nil {
		return nil, err
	}
	again, err := e.prompt(ctx, i18n.X("cli.prompt.confirm_passphrase"))
	if err != nil {
		clear(p)
		return nil, err
	}
	defer clear(again)
	if string(again) != string(p) {
		clear(p)
		return nil, present.Said(mismatch)
	}
	return p, nil
}

// prompt reads a secret from the terminal without echo. When standard
// input is not a terminal (JSON piped in), it uses /dev/tty. Ctrl+C
// gives the terminal back as it was and cancels.
func (e *env) prompt(ctx context.Context, prompt string) ([]byte, error) {
	in, closeIn, ok := e.terminal()
	if !ok {
		return nil, noPassphrase()
	}
	defer closeIn()
	fd := int(in.Fd())
	state, err := term.GetState(fd)
	if err != nil {
		return nil, noPassphrase()
	}
	fmt.Fprint(e.Stderr, prompt)
	type result struct {
		p   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		p, err := term.ReadPassword(fd)
		done <- result{p, err}
	}()
	select {
	case r := <-done:
		fmt.Fprintln(e.Stderr)
		if r.err != nil {
			return nil, fmt.Errorf("read the passphrase: %w", r.err)
		}
		return r.p, nil
	case <-ctx.Done():
		term.Restore(fd, state)
		fmt.Fprintln(e.Stderr)
		return nil, ctx.Err()
	}
}

// terminal returns a terminal to read from, if there is one.
func (e *env) terminal() (*os.File, func(), bool) {
	f, ok := e.Stdin.(*os.File)
	if !ok {
		return nil, nil, false // tests and embedding: no terminal
	}
	if term.IsTerminal(int(f.Fd())) {
		return f, func() {}, true
	}
	tty, err := os.Open("/dev/tty")
	if err != nil || !term.IsTerminal(int(tty.Fd())) {
		if tty != nil {
			tty.Close()
		}
		return nil, nil, false
	}
	return tty, func() { tty.Close() }, true
}

// yesFlag is --yes, for the commands that cannot be undone.
type yesFlag struct{ yes bool }

func (f *yesFlag) add(fs *pflag.FlagSet) {
	fs.BoolVarP(&f.yes, "yes", "y", false, later("cli.flag.yes"))
}

// confirm asks a yes/no question on the terminal; without one, --yes is
// required.
func (e *env) confirm(y yesFlag, question string) (bool, error) {
	if y.yes {
		return true, nil
	}
	in, closeIn, ok := e.terminal()
	if !ok {
		return false, present.Said(i18n.X("cli.needs_yes"))
	}
	defer closeIn()
	fmt.Fprint(e.Stderr, question+" ")
	line, _ := bufio.NewReader(in).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "o" || answer == "oui" || answer == "y" || answer == "yes", nil
}

// readSecretFile reads a passphrase from the first line of a file.
func readSecretFile(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	defer clear(data)
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" || !utf8.ValidString(line) {
		return nil, present.Said(i18n.X("cli.passphrase_file_empty", map[string]any{"Path": name}))
	}
	return []byte(line), nil
}

// recoveryCode reads the recovery code: $TEMOIN_RECOVERY_CODE, else the
// terminal.
func (e *env) recoveryCode(ctx context.Context) (string, error) {
	if code := os.Getenv("TEMOIN_RECOVERY_CODE"); code != "" {
		return code, nil
	}
	b, err := e.prompt(ctx, i18n.X("cli.prompt.recovery_code"))
	if err != nil {
		return "", err
	}
	defer clear(b)
	return string(b), nil
}
