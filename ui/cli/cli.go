// Package cli is Témoin's command line: the same journal as the desktop
// application, for scripts and for people who prefer a terminal. It is a
// face of its own beside the desktop application (package ui): both read
// input, call package app, and say what package present gives them, so
// that the same error reads the same in both.
//
// Each command has its options in a struct of its own, with a method
// that declares its flags (as restic's commands do): a flag read under a
// mistyped name does not compile. Its usage, written once, is what help
// shows and what a wrong use quotes. Every command runs with a context
// that Ctrl+C (SIGINT) and SIGTERM cancel: the work stops, nothing
// half-done is kept (an import is all or nothing, a file being written
// is removed, a demo vault being filled is deleted), and the command ends
// with status 130.
//
// Passphrases are read without echo from the terminal, or, for scripts,
// from $TEMOIN_PASSPHRASE or --passphrase-file (as restic does). Every
// error ends the command with a non-zero status and one sentence that
// says what to do, followed when it helps by the flag or command that
// does it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// IO is where a command reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// StdIO is the process's own standard streams.
func StdIO() IO { return IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr} }

// Exit statuses.
const (
	statusOK          = 0
	statusFailed      = 1
	statusInterrupted = 130 // 128 + SIGINT, as shells say it
)

// Run is the temoin command: it runs the command line on the process's
// arguments and streams, with a context that the first Ctrl+C (or
// SIGTERM) cancels; a second one ends the process at once (the vault
// survives that too). It returns the exit status.
func Run(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // the next signal is the system's: the process ends
	}()
	return Main(ctx, args, StdIO())
}

// IsCommand tells whether args name a command (or ask for help, or hold
// a mistake the command line explains) rather than open the desktop
// application: "temoin --vault DIR" opens the application, "temoin list"
// is a command.
func IsCommand(args []string) bool {
	var g globalOptions
	fs := newFlagSet("temoin")
	g.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return true
	}
	return fs.NArg() > 0 || slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" })
}

// Main runs the command line with args (without the program's name) and
// returns the exit status. ctx cancels the command.
func Main(ctx context.Context, args []string, stdio IO) int {
	e := &env{IO: stdio}
	defer e.close()
	err := e.dispatch(ctx, args)
	if err == nil {
		e.stampQueued(ctx)
	}
	var ex exitError
	switch {
	case err == nil:
		return statusOK
	case errors.As(err, &ex):
		return ex.status
	}
	fmt.Fprintln(e.Stderr, "temoin: "+errorLine(err, e.opts.vault))
	if errors.Is(err, context.Canceled) && ctx.Err() != nil {
		return statusInterrupted
	}
	return statusFailed
}

// errorLine is what the command line says about err: the sentence both
// faces say, then, when it helps, the flag or command that does it.
func errorLine(err error, vault string) string {
	line := present.Error(err, present.Where{Vault: vault})
	if h := hint(err); h != "" {
		line += " " + h
	}
	return line
}

// exitError ends a command with a status and no further message (the
// command printed what it had to say).
type exitError struct{ status int }

func (exitError) Error() string { return "exit" }

// command is one sub-command.
type command struct {
	name string
	// usage is what follows "temoin NAME": shown by help, and quoted when
	// the command is used wrongly.
	usage   string
	summary func() string
	group   int // orders the help
	// partly: the command touches one incident at most, and reads no
	// other (app.UnlockPartly): attaching a file to a journal of ten
	// thousand incidents costs what attaching it to an empty one does.
	partly bool
	// new returns the command's options, ready to be filled by its flags.
	new func() runner
}

// runner is a command's options and what it does with them.
type runner interface {
	flags(fs *pflag.FlagSet)
	run(ctx context.Context, e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// summary is a command's one-line description, in the interface
// language.
func summary(key string) func() string {
	return func() string { return i18n.X(key) }
}

// later names a text of the store that is read only when it is said: a
// flag's usage (in help) or a prompt (when there is no other source). A
// command reads its language's store when it first says something, which
// for one that unlocks is after the key derivation: the 64 MiB of
// Argon2id, the command's peak memory, then have neither the store nor
// the garbage of its decoding beside them.
func later(key string) string { return key }

// globalOptions are the flags every command takes.
type globalOptions struct {
	vault, passFile, lang string
}

func (g *globalOptions) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&g.vault, "vault", "", later("cli.flag.vault"))
	fs.StringVar(&g.passFile, "passphrase-file", "", later("cli.flag.passphrase_file"))
	fs.StringVar(&g.lang, "lang", g.lang, later("cli.flag.lang"))
}

// globalFlag reports whether a is a global flag that takes a value.
func globalFlag(a string) bool { return a == "--vault" || a == "--passphrase-file" || a == "--lang" }

func newFlagSet(name string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	return fs
}

func (e *env) dispatch(ctx context.Context, args []string) error {
	e.setLanguage(args)
	name := firstCommand(args)
	rest := withoutFirst(args, name)
	if name == "" || name == "help" {
		e.help(rest)
		return nil
	}
	c, ok := commands[name]
	if !ok {
		return present.Said(i18n.X("cli.unknown_command", map[string]any{"Name": name}))
	}
	fs := newFlagSet("temoin " + name)
	e.opts.addFlags(fs)
	help := fs.BoolP("help", "h", false, later("cli.flag.help"))
	r := c.new()
	r.flags(fs)
	if err := fs.Parse(rest); err != nil {
		return flagError(err, name)
	}
	if *help {
		e.commandHelp(c, fs)
		return nil
	}
	e.cmd, e.flagSet = c, fs
	return r.run(ctx, e, fs.Args())
}

// setLanguage sets the language of messages before anything is said:
// --lang, else $TEMOIN_LANG, else the system's.
func (e *env) setLanguage(args []string) {
	e.opts.lang = os.Getenv("TEMOIN_LANG")
	for i, a := range args {
		if a == "--lang" && i+1 < len(args) {
			e.opts.lang = args[i+1]
		} else if v, ok := strings.CutPrefix(a, "--lang="); ok {
			e.opts.lang = v
		}
	}
	i18n.SetLanguage(i18n.Preferred(e.opts.lang))
}

// flagError says what is wrong with the flags given, in words.
func flagError(err error, name string) error {
	var ne *pflag.NotExistError
	var re *pflag.ValueRequiredError
	var ve *pflag.InvalidValueError
	data := map[string]any{"Name": name}
	var said string
	switch {
	case errors.As(err, &ne):
		data["Flag"] = flagName(ne.GetSpecifiedName(), ne.GetSpecifiedShortnames())
		said = i18n.X("cli.flag_unknown", data)
	case errors.As(err, &re):
		data["Flag"] = "--" + re.GetFlag().Name
		said = i18n.X("cli.flag_needs_value", data)
	case errors.As(err, &ve):
		data["Flag"], data["Value"] = "--"+ve.GetFlag().Name, ve.GetValue()
		said = i18n.X("cli.flag_bad_value", data)
	default:
		data["Flag"] = ""
		said = i18n.X("cli.flag_bad", data)
	}
	return present.Said(said)
}

func flagName(long, short string) string {
	if long != "" {
		return "--" + long
	}
	return "-" + short
}

// firstCommand returns the first argument that is not a flag or a flag's
// value.
func firstCommand(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case globalFlag(a):
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a
		}
	}
	return ""
}

func withoutFirst(args []string, name string) []string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if globalFlag(a) {
			i++
			continue
		}
		if a == name {
			return append(slices.Clone(args[:i]), args[i+1:]...)
		}
	}
	return args
}

// usageError says how the command running is used.
func (e *env) usageError() error {
	return present.Said(i18n.X("cli.usage", map[string]any{"Usage": e.cmd.name + " " + e.cmd.usage}))
}

func (e *env) help(args []string) {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			fs := newFlagSet("temoin " + c.name)
			e.opts.addFlags(fs)
			c.new().flags(fs)
			e.commandHelp(c, fs)
			return
		}
	}
	fmt.Fprintln(e.Stdout, i18n.X("cli.help.intro"))
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X("cli.help.usage"))
	fmt.Fprintln(e.Stdout)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := commands[names[i]], commands[names[j]]
		if a.group != b.group {
			return a.group < b.group
		}
		return a.name < b.name
	})
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(e.Stdout, "  %-12s %s\n", c.name, c.summary())
	}
	fmt.Fprintln(e.Stdout)
	fmt.Fprintln(e.Stdout, i18n.X("cli.help.more"))
}

func (e *env) commandHelp(c *command, fs *pflag.FlagSet) {
	fmt.Fprintf(e.Stdout, "temoin %s %s\n  %s\n\n", c.name, c.usage, c.summary())
	fs.VisitAll(func(f *pflag.Flag) { f.Usage = i18n.X(f.Usage) }) // later's keys
	fmt.Fprint(e.Stdout, fs.FlagUsages())
}
