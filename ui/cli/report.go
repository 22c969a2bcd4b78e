package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
)

// The report's commands: the committee report (temoin report), the letter
// requesting protection fonctionnelle (temoin letter protection), the RSST
// text (temoin rsst), and what they draw on: the people list (temoin
// people) and the author's profile (temoin profile).

func init() {
	register(&command{name: "report", group: 2,
		usage:   "--out FILE.pdf [--since DATE] [--until DATE] [--incident ID...] [--report-lang fr|en] [--no-pseudonymize] [--include-health] [--author-pseudonym NAME] [--request TEXT] [--thumbnails]",
		summary: summary("report.cmd.report"),
		flags:   reportFlags, run: runReport})
	register(&command{name: "letter", group: 2, usage: "protection --incident ID... --out FILE.pdf [--report-lang fr|en]",
		summary: summary("report.cmd.letter"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", i18n.X("report.flag.out_letter"))
			o.values["incident"] = fs.StringSlice("incident", nil, i18n.X("report.flag.letter_incident"))
			o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, i18n.X("report.flag.no_pseudonymize"))
			o.values["include-health"] = fs.Bool("include-health", false, i18n.X("report.flag.include_health"))
			fs.BoolVar(&o.force, "force", false, i18n.X("cli.flag.force"))
			reportLangFlag(fs, o)
		},
		run: runLetter})
	register(&command{name: "rsst", group: 2, usage: "ID [--report-lang fr|en]",
		summary: summary("report.cmd.rsst"),
		flags:   reportLangFlag,
		run:     runRSST})
	register(&command{name: "people", group: 1, usage: "add NAME --as PSEUDONYM [--role ROLE] | list | remove NAME",
		summary: summary("report.cmd.people"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["as"] = fs.String("as", "", i18n.X("report.flag.as"))
			o.values["role"] = fs.String("role", "", i18n.X("report.flag.role"))
			jsonFlag(fs, o)
		},
		run: runPeople})
	register(&command{name: "profile", group: 1, usage: "set [--name NAME] [--function TEXT] [--workplace TEXT] [--authority TEXT] [--town TOWN] [--agricultural] | show",
		summary: summary("report.cmd.profile"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["name"] = fs.String("name", "", i18n.X("report.flag.name"))
			o.values["function"] = fs.String("function", "", i18n.X("report.flag.function"))
			o.values["workplace"] = fs.String("workplace", "", i18n.X("report.flag.workplace"))
			o.values["authority"] = fs.String("authority", "", i18n.X("report.flag.authority"))
			o.values["town"] = fs.String("town", "", i18n.X("report.flag.town"))
			o.values["agricultural"] = fs.Bool("agricultural", false, i18n.X("report.flag.agricultural"))
			o.values["profile-flags"] = fs // to tell a flag set to "" from one not given
			jsonFlag(fs, o)
		},
		run: runProfile})
}

func reportFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVarP(&o.out, "out", "o", "", i18n.X("report.flag.out"))
	fs.StringVar(&o.since, "since", "", i18n.X("cli.flag.since"))
	fs.StringVar(&o.until, "until", "", i18n.X("cli.flag.until"))
	o.values["incident"] = fs.StringSlice("incident", nil, i18n.X("report.flag.incident"))
	o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, i18n.X("report.flag.no_pseudonymize"))
	o.values["include-health"] = fs.Bool("include-health", false, i18n.X("report.flag.include_health"))
	o.values["author-pseudonym"] = fs.String("author-pseudonym", "", i18n.X("report.flag.author_pseudonym"))
	o.values["request"] = fs.String("request", "", i18n.X("report.flag.request"))
	o.values["thumbnails"] = fs.Bool("thumbnails", false, i18n.X("report.flag.thumbnails"))
	fs.BoolVar(&o.force, "force", false, i18n.X("cli.flag.force"))
	reportLangFlag(fs, o)
}

// reportLangFlag adds --report-lang to a command that writes a document.
func reportLangFlag(fs *pflag.FlagSet, o *options) {
	fs.StringVar(&o.reportLang, "report-lang", "", i18n.X("cli.flag.report_lang"))
}

// reportLang is the language of the document a command writes: the one
// given with --report-lang, French by default, whatever the system or
// --lang speak (--lang is the language of messages): the document is for
// a French committee or administration.
func (e *env) reportLang() (i18n.Lang, error) {
	if e.opts.reportLang == "" {
		return i18n.French, nil
	}
	l, err := i18n.Parse(e.opts.reportLang)
	if err != nil {
		return l, errors.New(i18n.X("cli.report_lang.unknown", map[string]any{"Value": e.opts.reportLang}))
	}
	return l, nil
}

// incidentArgs gathers the ids given with --incident and after the
// command.
func (e *env) incidentArgs(args []string) []string {
	var ids []string
	for _, id := range append(e.strs("incident"), args...) {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	return ids
}

func runReport(e *env, args []string) error {
	if e.opts.out == "" {
		return usageErr("report --out FILE.pdf [--since DATE] [--until DATE] [--incident ID...]")
	}
	docLang, err := e.reportLang()
	if err != nil {
		return err
	}
	opts := report.Options{
		IncidentIDs:     e.incidentArgs(args),
		Lang:            docLang,
		NoPseudonymize:  e.flag("no-pseudonymize"),
		IncludeHealth:   e.flag("include-health"),
		Thumbnails:      e.flag("thumbnails"),
		AuthorPseudonym: strings.TrimSpace(e.str("author-pseudonym")),
		Request:         strings.TrimSpace(e.str("request")),
	}
	if e.opts.since != "" {
		if opts.Since, err = app.ParseDate(e.opts.since); err != nil {
			return err
		}
	}
	if e.opts.until != "" {
		if opts.Until, err = app.ParseDate(e.opts.until); err != nil {
			return err
		}
	}
	out, err := newOutput(e.opts.out, e.opts.force)
	if err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := report.Write(ctx, report.JournalSource(j), opts, out, e.layoutProgress())
	e.endProgress()
	if err = out.finish(err); err != nil {
		return reportError(err)
	}
	fmt.Fprintln(e.Stdout, i18n.X("report.written",
		map[string]any{"Out": e.opts.out, "Pages": i18n.N("count.pages", res.Pages),
			"Incidents": i18n.N("count.incidents", res.Incidents), "Evidence": i18n.N("count.evidence_items", res.Evidence)}))
	fmt.Fprintln(e.Stdout, i18n.X("report.recorded", map[string]any{"Hash": res.SHA256}))
	if opts.NoPseudonymize {
		fmt.Fprintln(e.Stderr, i18n.X("report.names_shown"))
	}
	e.printWarnings(res.Warnings)
	return nil
}

func runLetter(e *env, args []string) error {
	usage := "letter protection --incident ID... --out FILE.pdf"
	if len(args) < 1 || args[0] != "protection" || e.opts.out == "" {
		return usageErr(usage)
	}
	docLang, err := e.reportLang()
	if err != nil {
		return err
	}
	ids := e.incidentArgs(args[1:])
	if len(ids) == 0 {
		return errors.New(i18n.X("report.letter.no_incident"))
	}
	out, err := newOutput(e.opts.out, e.opts.force)
	if err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	ctx, stop := interruptible()
	defer stop()
	res, err := report.WriteLetter(ctx, report.JournalSource(j), report.LetterOptions{IncidentIDs: ids, Lang: docLang,
		NoPseudonymize: e.flag("no-pseudonymize"), IncludeHealth: e.flag("include-health")}, out)
	if err = out.finish(err); err != nil {
		return reportError(err)
	}
	fmt.Fprintln(e.Stdout, i18n.X("report.letter.written",
		map[string]any{"Out": e.opts.out, "Pages": i18n.N("count.pages", res.Pages), "Hash": res.SHA256}))
	fmt.Fprintln(e.Stdout, i18n.X("report.letter.advice"))
	e.printWarnings(res.Warnings)
	return nil
}

func runRSST(e *env, args []string) error {
	if len(args) != 1 {
		return usageErr("rsst ID")
	}
	docLang, err := e.reportLang()
	if err != nil {
		return err
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	text, err := report.RSST(report.JournalSource(j), args[0], report.RSSTOptions{Lang: docLang})
	if err != nil {
		return reportError(err)
	}
	fmt.Fprint(e.Stdout, text)
	if people, err := j.People.List(); err == nil && len(people) == 0 {
		e.printWarnings([]report.Warning{{Kind: report.WarnNoPeople}})
	}
	return nil
}

// reportError turns the report's errors into sentences.
func reportError(err error) error {
	var none *report.NoLetterError
	switch {
	case errors.As(err, &none):
		return errors.New(report.LetterNote(i18n.Language(), none.Choice))
	case errors.Is(err, report.ErrNoIncident):
		return errors.New(i18n.X("report.no_incident"))
	case errors.Is(err, context.Canceled):
		return errors.New(i18n.X("report.cancelled"))
	}
	return err
}

// printWarnings says what the person may want to fix.
func (e *env) printWarnings(warnings []report.Warning) {
	for _, w := range warnings {
		switch w.Kind {
		case report.WarnNoProfile:
			fmt.Fprintln(e.Stderr, i18n.X("report.warn.no_profile"))
		case report.WarnNoPeople:
			fmt.Fprintln(e.Stderr, i18n.X("report.warn.no_people"))
		case report.WarnThumbnail:
			fmt.Fprintln(e.Stderr, i18n.X("report.warn.thumbnail",
				map[string]any{"ID": w.Evidence}))
		}
	}
}

// layoutProgress draws the report's progress on a terminal, or nothing.
func (e *env) layoutProgress() func(done, total int) {
	f, ok := e.Stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	label := i18n.X("report.progress")
	last := -1
	return func(done, total int) {
		if pct := done * 100 / max(total, 1); pct != last {
			last = pct
			fmt.Fprintf(f, "\r%s  %3d %% ", label, pct)
		}
	}
}

// output is the PDF file being written: created (0600, never over an
// existing file unless forced) at the first byte, so that a report that
// fails before it is laid out leaves the disk untouched; removed if the
// report fails after.
type output struct {
	name  string
	force bool
	f     *os.File
}

func newOutput(name string, force bool) (*output, error) {
	info, err := os.Lstat(name)
	switch {
	case err == nil && info.IsDir():
		return nil, errors.New(i18n.X("report.out_is_dir", map[string]any{"Name": name}))
	case err == nil && !force:
		return nil, errors.New(i18n.X("cli.exists", map[string]any{"Name": name}))
	}
	return &output{name: name, force: force}, nil
}

func (o *output) Write(p []byte) (int, error) {
	if o.f == nil {
		if o.force {
			if err := os.Remove(o.name); err != nil && !errors.Is(err, os.ErrNotExist) {
				return 0, err
			}
		}
		f, err := os.OpenFile(o.name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			return 0, errors.New(i18n.X("cli.exists", map[string]any{"Name": o.name}))
		}
		if err != nil {
			return 0, err
		}
		o.f = f
	}
	return o.f.Write(p)
}

// finish closes the file; if err (or closing) failed, it removes it.
func (o *output) finish(err error) error {
	if o.f == nil {
		return err
	}
	if err == nil {
		err = o.f.Sync()
	}
	if cerr := o.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(o.name)
	}
	return err
}

// ---- people ----

func runPeople(e *env, args []string) error {
	usage := "people add NAME --as PSEUDONYM [--role ROLE] | people list | people remove NAME"
	if len(args) == 0 {
		return usageErr(usage)
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	name := strings.TrimSpace(strings.Join(args[1:], " "))
	switch args[0] {
	case "add":
		if name == "" || strings.TrimSpace(e.str("as")) == "" {
			return usageErr("people add NAME --as PSEUDONYM [--role ROLE]")
		}
		p := app.Person{Name: name, Pseudonym: e.str("as"), Role: e.str("role")}
		if err := j.People.Add(p); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("report.people.added", map[string]any{"Name": name, "Pseudonym": strings.TrimSpace(p.Pseudonym)}))
	case "list":
		if len(args) != 1 {
			return usageErr("people list")
		}
		people, err := j.People.List()
		if err != nil {
			return err
		}
		if e.opts.json {
			return writeJSON(e.Stdout, people)
		}
		if len(people) == 0 {
			fmt.Fprintln(e.Stdout, i18n.X("report.people.none"))
		}
		for _, p := range people {
			line := p.Name + "  →  " + p.Pseudonym
			if p.Role != "" {
				line += "  (" + p.Role + ")"
			}
			fmt.Fprintln(e.Stdout, line)
		}
	case "remove", "rm":
		if name == "" {
			return usageErr("people remove NAME")
		}
		people, err := j.People.List()
		if err != nil {
			return err
		}
		found := false
		for _, p := range people {
			found = found || app.Fold(p.Name) == app.Fold(name)
		}
		if !found {
			return errors.New(i18n.X("report.people.unknown", map[string]any{"Name": name}))
		}
		if err := j.People.Remove(name); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("report.people.removed", map[string]any{"Name": name}))
	default:
		return usageErr(usage)
	}
	return nil
}

// ---- profile ----

func runProfile(e *env, args []string) error {
	usage := "profile set [--name NAME] [--function TEXT] [--workplace TEXT] [--authority TEXT] [--town TOWN] [--agricultural] | profile show"
	if len(args) != 1 || (args[0] != "set" && args[0] != "show") {
		return usageErr(usage)
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	p, err := j.Settings.Profile()
	if err != nil {
		return err
	}
	if args[0] == "set" {
		fs, _ := e.opts.values["profile-flags"].(*pflag.FlagSet)
		given := func(name string) bool { return fs != nil && fs.Changed(name) }
		changed := false
		for name, field := range map[string]*string{"name": &p.Name, "function": &p.Function,
			"workplace": &p.Workplace, "authority": &p.Authority, "town": &p.Town} {
			if given(name) {
				*field = e.str(name)
				changed = true
			}
		}
		if given("agricultural") {
			p.Agricultural = e.flag("agricultural")
			changed = true
		}
		if !changed {
			return usageErr(usage)
		}
		if err := j.Settings.SetProfile(p); err != nil {
			return err
		}
		if p, err = j.Settings.Profile(); err != nil {
			return err
		}
	}
	if e.opts.json {
		return writeJSON(e.Stdout, p)
	}
	row := func(label, value string) {
		if value == "" {
			value = "—"
		}
		fmt.Fprintf(e.Stdout, "%-28s %s\n", label, value)
	}
	row(i18n.X("report.profile.name"), p.Name)
	row(i18n.X("report.profile.function"), p.Function)
	row(i18n.X("report.profile.workplace"), p.Workplace)
	row(i18n.X("report.profile.authority"), p.Authority)
	row(i18n.X("report.profile.town"), p.Town)
	row(i18n.X("report.profile.agricultural"), yesNo(p.Agricultural))
	return nil
}
