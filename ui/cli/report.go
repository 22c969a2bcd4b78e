package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The report's commands: the committee report (temoin report), the letter
// requesting protection fonctionnelle (temoin letter protection), the RSST
// text (temoin rsst), and what they draw on: the people list (temoin
// people) and the author's profile (temoin profile).

func init() {
	register(&command{name: "report", group: 2, summary: summary("report.cmd.report"),
		usage: "--out FILE.pdf [--since DATE] [--until DATE] [--incident ID...] [--report-lang fr|en] [--no-pseudonymize] [--include-health] [--author-pseudonym NAME] [--request TEXT] [--thumbnails]",
		new:   func() runner { return &reportCmd{} }})
	register(&command{name: "letter", group: 2, summary: summary("report.cmd.letter"),
		usage: "protection --incident ID... --out FILE.pdf [--report-lang fr|en]", new: func() runner { return &letterCmd{} }})
	register(&command{name: "rsst", usage: "ID [--report-lang fr|en]", group: 2, summary: summary("report.cmd.rsst"),
		new: func() runner { return &rsstCmd{} }})
	register(&command{name: "people", partly: true, usage: "add NAME --as PSEUDONYM [--role ROLE] | list | remove NAME", group: 1,
		summary: summary("report.cmd.people"), new: func() runner { return &peopleCmd{} }})
	register(&command{name: "profile", partly: true, group: 1, summary: summary("report.cmd.profile"),
		usage: "set [--name NAME] [--function TEXT] [--workplace TEXT] [--authority TEXT] [--town TOWN] [--agricultural] | show",
		new:   func() runner { return &profileCmd{} }})
}

type reportCmd struct {
	out    string
	force  forceFlag
	choice reportFlags
}

func (c *reportCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", i18n.X("report.flag.out"))
	c.choice.add(fs, "report")
	c.force.add(fs, "cli.flag.force")
}

func (c *reportCmd) run(ctx context.Context, e *env, args []string) error {
	if c.out == "" {
		return e.usageError()
	}
	opts, err := c.choice.options(args)
	if err != nil {
		return err
	}
	out, err := present.CreatePrivate(c.out, c.force.force)
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	p := e.progress(i18n.X("report.progress"))
	res, err := report.Write(ctx, report.JournalSource(j), opts, out, p.Items())
	p.Done()
	if err = out.Finish(err); err != nil {
		return present.In(err, present.Where{File: c.out})
	}
	fmt.Fprintln(e.Stdout, i18n.X("report.written",
		map[string]any{"Out": c.out, "Pages": i18n.N("count.pages", res.Pages),
			"Incidents": i18n.N("count.incidents", res.Incidents), "Evidence": i18n.N("count.evidence_items", res.Evidence)}))
	fmt.Fprintln(e.Stdout, i18n.X("report.recorded", map[string]any{"Hash": res.SHA256}))
	if opts.NoPseudonymize {
		fmt.Fprintln(e.Stderr, i18n.X("report.names_shown"))
	}
	printWarnings(e, res.Warnings)
	return nil
}

type letterCmd struct {
	out                           string
	incidents                     []string
	noPseudonymize, includeHealth bool
	force                         forceFlag
	lang                          docLangFlag
}

func (c *letterCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", i18n.X("report.flag.out_letter"))
	fs.StringSliceVar(&c.incidents, "incident", nil, i18n.X("report.flag.letter_incident"))
	fs.BoolVar(&c.noPseudonymize, "no-pseudonymize", false, i18n.X("report.flag.no_pseudonymize"))
	fs.BoolVar(&c.includeHealth, "include-health", false, i18n.X("report.flag.include_health"))
	c.force.add(fs, "cli.flag.force")
	c.lang.add(fs)
}

func (c *letterCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) < 1 || args[0] != "protection" || c.out == "" {
		return e.usageError()
	}
	lang, err := c.lang.lang()
	if err != nil {
		return err
	}
	ids := incidentIDs(c.incidents, args[1:])
	if len(ids) == 0 {
		return report.ErrNoIncidentChosen
	}
	out, err := present.CreatePrivate(c.out, c.force.force)
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	opts := report.LetterOptions{IncidentIDs: ids, Lang: lang, NoPseudonymize: c.noPseudonymize, IncludeHealth: c.includeHealth}
	res, err := report.WriteLetter(ctx, report.JournalSource(j), opts, out)
	if err = out.Finish(err); err != nil {
		return present.In(err, present.Where{File: c.out})
	}
	fmt.Fprintln(e.Stdout, i18n.X("report.letter.written",
		map[string]any{"Out": c.out, "Pages": i18n.N("count.pages", res.Pages), "Hash": res.SHA256}))
	fmt.Fprintln(e.Stdout, i18n.X("report.letter.advice"))
	printWarnings(e, res.Warnings)
	return nil
}

type rsstCmd struct{ lang docLangFlag }

func (c *rsstCmd) flags(fs *pflag.FlagSet) { c.lang.add(fs) }

func (c *rsstCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 1); err != nil {
		return err
	}
	lang, err := c.lang.lang()
	if err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	text, err := report.RSST(report.JournalSource(j), args[0], report.RSSTOptions{Lang: lang})
	if err != nil {
		return err
	}
	fmt.Fprint(e.Stdout, text)
	if people, err := j.People.List(); err == nil && len(people) == 0 {
		printWarnings(e, []report.Warning{{Kind: report.WarnNoPeople}})
	}
	return nil
}

// printWarnings says what the person may want to fix, with the command
// that does it.
func printWarnings(e *env, warnings []report.Warning) {
	for _, w := range warnings {
		line := present.ReportWarning(w)
		switch w.Kind {
		case report.WarnNoProfile:
			line += " " + i18n.X("cli.hint.profile")
		case report.WarnNoPeople:
			line += " " + i18n.X("cli.hint.people_add")
		}
		fmt.Fprintln(e.Stderr, line)
	}
}

type peopleCmd struct {
	as, role string
	out      jsonFlag
}

func (c *peopleCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.as, "as", "", i18n.X("report.flag.as"))
	fs.StringVar(&c.role, "role", "", i18n.X("report.flag.role"))
	c.out.add(fs)
}

func (c *peopleCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return e.usageError()
	}
	name := strings.TrimSpace(strings.Join(args[1:], " "))
	switch {
	case args[0] == "add" && name != "" && strings.TrimSpace(c.as) != "":
	case args[0] == "list" && len(args) == 1:
	case (args[0] == "remove" || args[0] == "rm") && name != "":
	default:
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	switch args[0] {
	case "add":
		p := app.Person{Name: name, Pseudonym: c.as, Role: c.role}
		if err := j.People.Add(p); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("report.people.added", map[string]any{"Name": name, "Pseudonym": strings.TrimSpace(p.Pseudonym)}))
	case "list":
		return c.list(e, j)
	default:
		if err := j.People.Remove(name); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, i18n.X("report.people.removed", map[string]any{"Name": name}))
	}
	return nil
}

func (c *peopleCmd) list(e *env, j *app.Journal) error {
	people, err := j.People.List()
	if err != nil {
		return err
	}
	if c.out.json {
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
	return nil
}

type profileCmd struct {
	p   app.Profile
	out jsonFlag
}

func (c *profileCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.p.Name, "name", "", i18n.X("report.flag.name"))
	fs.StringVar(&c.p.Function, "function", "", i18n.X("report.flag.function"))
	fs.StringVar(&c.p.Workplace, "workplace", "", i18n.X("report.flag.workplace"))
	fs.StringVar(&c.p.Authority, "authority", "", i18n.X("report.flag.authority"))
	fs.StringVar(&c.p.Town, "town", "", i18n.X("report.flag.town"))
	fs.BoolVar(&c.p.Agricultural, "agricultural", false, i18n.X("report.flag.agricultural"))
	c.out.add(fs)
}

func (c *profileCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 || (args[0] != "set" && args[0] != "show") {
		return e.usageError()
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	p, err := j.Settings.Profile()
	if err != nil {
		return err
	}
	if args[0] == "set" {
		if p, err = c.set(e, j, p); err != nil {
			return err
		}
	}
	if c.out.json {
		return writeJSON(e.Stdout, p)
	}
	row := func(key, value string) {
		if value == "" {
			value = "—"
		}
		fmt.Fprintf(e.Stdout, "%-28s %s\n", i18n.X(key), value)
	}
	row("report.profile.name", p.Name)
	row("report.profile.function", p.Function)
	row("report.profile.workplace", p.Workplace)
	row("report.profile.authority", p.Authority)
	row("report.profile.town", p.Town)
	row("report.profile.agricultural", yesNo(p.Agricultural))
	return nil
}

// set changes the fields whose flags were given (a flag given empty
// empties its field) and returns the profile saved.
func (c *profileCmd) set(e *env, j *app.Journal, p app.Profile) (app.Profile, error) {
	changed := false
	for _, f := range []struct {
		flag     string
		dst, src *string
	}{{"name", &p.Name, &c.p.Name}, {"function", &p.Function, &c.p.Function}, {"workplace", &p.Workplace, &c.p.Workplace},
		{"authority", &p.Authority, &c.p.Authority}, {"town", &p.Town, &c.p.Town}} {
		if e.given(f.flag) {
			*f.dst, changed = *f.src, true
		}
	}
	if e.given("agricultural") {
		p.Agricultural, changed = c.p.Agricultural, true
	}
	if !changed {
		return p, e.usageError()
	}
	if err := j.Settings.SetProfile(p); err != nil {
		return p, err
	}
	return j.Settings.Profile()
}
