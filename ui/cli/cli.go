// Package cli is Témoin's command line: the same journal as the desktop
// application, for scripts and for people who prefer a terminal. Each
// sub-command is a small function over package app; they register
// themselves in the command table from their own files.
//
// Passphrases are read without echo from the terminal, or, for scripts,
// from $TEMOIN_PASSPHRASE or --passphrase-file (as restic does). Every
// error ends the command with a non-zero status and one line that says
// what to do.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/pflag"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
)

// IO is where a command reads and writes.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// StdIO is the process's own standard streams.
func StdIO() IO { return IO{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr} }

// command is one sub-command.
type command struct {
	name    string
	usage   string // arguments after the name, as shown in help
	summary func() string
	// flags adds the command's own flags; may be nil.
	flags func(fs *pflag.FlagSet, o *options)
	run   func(e *env, args []string) error
	// group orders the help.
	group int
}

// options holds every flag value; each command reads the ones it added.
type options struct {
	vault, passFile, newPassFile, lang string
	reportLang                         string // --report-lang: the document's language
	json, yes, force                   bool
	query, since, until, kind, channel string
	perpetrator, out, url, date, note  string
	values                             map[string]any // flags of other files
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// GUIOptions are what the desktop application takes from its command line.
type GUIOptions struct {
	VaultDir string // "" for the default
	Lang     string
}

// Route tells whether args name a sub-command (true) or open the desktop
// application, with the options it was given.
func Route(args []string) (GUIOptions, bool) {
	fs := pflag.NewFlagSet("temoin", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var o GUIOptions
	fs.StringVar(&o.VaultDir, "vault", "", "")
	fs.StringVar(&o.Lang, "lang", os.Getenv("TEMOIN_LANG"), "")
	if err := fs.Parse(args); err != nil {
		return o, true // let the command line explain the mistake
	}
	return o, fs.NArg() > 0 || slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "--help" })
}

// Main runs the command line with args (without the program's name) and
// returns the exit status.
func Main(args []string, stdio IO) int {
	e := &env{IO: stdio}
	defer e.close()
	err := e.dispatch(args)
	if err == nil {
		return 0
	}
	var ex exitError
	if errors.As(err, &ex) {
		return ex.status
	}
	dir := e.opts.vault
	fmt.Fprintln(e.Stderr, "temoin: "+strings.TrimSpace(sentence.Error(err, dir)))
	return 1
}

// exitError ends a command with a status and no further message (the
// command printed what it had to say).
type exitError struct{ status int }

func (exitError) Error() string { return "exit" }

func (e *env) dispatch(args []string) error {
	// The language is known before anything is printed.
	e.opts.lang = os.Getenv("TEMOIN_LANG")
	for i, a := range args {
		if a == "--lang" && i+1 < len(args) {
			e.opts.lang = args[i+1]
		} else if v, ok := strings.CutPrefix(a, "--lang="); ok {
			e.opts.lang = v
		}
	}
	i18n.SetLanguage(i18n.Preferred(e.opts.lang))

	name := firstCommand(args)
	rest := withoutFirst(args, name)
	if name == "" || name == "help" {
		e.help(rest)
		return nil
	}
	c, ok := commands[name]
	if !ok {
		return fmt.Errorf("%s", i18n.X("cli.unknown_command", map[string]any{"Name": name}))
	}
	fs := pflag.NewFlagSet("temoin "+name, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.SortFlags = false
	fs.StringVar(&e.opts.vault, "vault", "", i18n.X("cli.flag.vault"))
	fs.StringVar(&e.opts.passFile, "passphrase-file", "", i18n.X("cli.flag.passphrase_file"))
	fs.StringVar(&e.opts.lang, "lang", e.opts.lang, i18n.X("cli.flag.lang"))
	help := fs.BoolP("help", "h", false, i18n.X("cli.flag.help"))
	e.opts.values = map[string]any{}
	if c.flags != nil {
		c.flags(fs, &e.opts)
	}
	if err := fs.Parse(rest); err != nil {
		return fmt.Errorf("%v: %s", err, i18n.X("cli.see_help", map[string]any{"Name": name}))
	}
	if *help {
		e.commandHelp(c, fs)
		return nil
	}
	e.cmd = c
	return c.run(e, fs.Args())
}

// firstCommand returns the first argument that is not a flag or a flag's
// value.
func firstCommand(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--vault" || a == "--passphrase-file" || a == "--lang":
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
		if a == "--vault" || a == "--passphrase-file" || a == "--lang" {
			i++
			continue
		}
		if a == name {
			return append(slices.Clone(args[:i]), args[i+1:]...)
		}
	}
	return args
}

func (e *env) help(args []string) {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			fs := pflag.NewFlagSet("temoin "+c.name, pflag.ContinueOnError)
			e.opts.values = map[string]any{}
			if c.flags != nil {
				c.flags(fs, &e.opts)
			}
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
	fmt.Fprint(e.Stdout, fs.FlagUsages())
}
