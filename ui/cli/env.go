package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// env is what a running command works with: its streams, its options, and
// the journal once unlocked.
type env struct {
	IO
	opts    options
	cmd     *command
	journal *app.Journal
}

func (e *env) close() {
	if e.journal != nil {
		e.journal.Lock()
		e.journal = nil
	}
}

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

// unlock opens the journal, asking for the passphrase if needed.
func (e *env) unlock() (*app.Journal, error) {
	if e.journal != nil {
		return e.journal, nil
	}
	dir, err := e.vaultDir()
	if err != nil {
		return nil, err
	}
	if !app.VaultExists(dir) {
		return nil, fmt.Errorf("%w: %s", app.ErrVaultNotFound, dir)
	}
	pass, err := e.passphrase(i18n.X("cli.prompt.passphrase"))
	if err != nil {
		return nil, err
	}
	j, err := app.Unlock(dir, pass)
	wipe(pass)
	if err != nil {
		return nil, err
	}
	e.journal = j
	return j, nil
}

// errNoPassphrase says how to give a passphrase without a terminal.
var errNoPassphrase = errors.New("no passphrase: type it in a terminal, or set TEMOIN_PASSPHRASE, or give --passphrase-file FILE")

// passphrase reads the vault's passphrase: --passphrase-file, else
// $TEMOIN_PASSPHRASE, else the terminal (without echo).
func (e *env) passphrase(prompt string) ([]byte, error) {
	if e.opts.passFile != "" {
		return readSecretFile(e.opts.passFile)
	}
	if p := os.Getenv("TEMOIN_PASSPHRASE"); p != "" {
		return []byte(p), nil
	}
	return e.prompt(prompt)
}

// newPassphrase reads a passphrase being chosen: --new-passphrase-file,
// else $TEMOIN_NEW_PASSPHRASE, else twice from the terminal. envFallback
// also accepts the vault's own source (for init, where the passphrase
// given is the one being chosen).
func (e *env) newPassphrase(envFallback bool) ([]byte, error) {
	var p []byte
	var err error
	switch {
	case e.opts.newPassFile != "":
		p, err = readSecretFile(e.opts.newPassFile)
	case os.Getenv("TEMOIN_NEW_PASSPHRASE") != "":
		p = []byte(os.Getenv("TEMOIN_NEW_PASSPHRASE"))
	case envFallback && (e.opts.passFile != "" || os.Getenv("TEMOIN_PASSPHRASE") != ""):
		p, err = e.passphrase("")
	default:
		p, err = e.prompt(i18n.X("cli.prompt.new_passphrase"))
		if err != nil {
			return nil, err
		}
		again, err := e.prompt(i18n.X("cli.prompt.confirm_passphrase"))
		if err != nil {
			return nil, err
		}
		if string(again) != string(p) {
			return nil, errors.New(i18n.X("cli.passphrase_mismatch"))
		}
	}
	if err != nil {
		return nil, err
	}
	if err := app.CheckPassphrase(p); errors.Is(err, app.ErrPassphraseTooShort) {
		return nil, errors.New(i18n.X("cli.passphrase_too_short", map[string]any{"N": app.MinPassphraseLength}))
	}
	return p, nil
}

// prompt reads a secret from the terminal without echo. When standard
// input is not a terminal (JSON piped in), it uses /dev/tty.
func (e *env) prompt(prompt string) ([]byte, error) {
	in, closeIn, ok := e.terminal()
	if !ok {
		return nil, errNoPassphrase
	}
	defer closeIn()
	fmt.Fprint(e.Stderr, prompt)
	p, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(e.Stderr)
	if err != nil {
		return nil, fmt.Errorf("failed to read the passphrase: %w", err)
	}
	return p, nil
}

// terminal returns a terminal to read from, if there is one.
func (e *env) terminal() (*os.File, func(), bool) {
	if f, ok := e.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return f, func() {}, true
	}
	if _, ok := e.Stdin.(*os.File); !ok {
		return nil, nil, false // tests and embedding: no terminal
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

// confirm asks a yes/no question on the terminal; without one, --yes is
// required.
func (e *env) confirm(question string) (bool, error) {
	if e.opts.yes {
		return true, nil
	}
	in, closeIn, ok := e.terminal()
	if !ok {
		return false, errors.New(i18n.X("cli.needs_yes"))
	}
	defer closeIn()
	fmt.Fprint(e.Stderr, question+" ")
	line, _ := bufio.NewReader(in).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "o" || answer == "oui" || answer == "y" || answer == "yes", nil
}

func readSecretFile(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("failed to read the passphrase file: %w", err)
	}
	line, _, _ := strings.Cut(string(data), "\n")
	line = strings.TrimSuffix(line, "\r")
	if line == "" || !utf8.ValidString(line) {
		return nil, fmt.Errorf("the passphrase file %s is empty", name)
	}
	wipe(data)
	return []byte(line), nil
}

func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
