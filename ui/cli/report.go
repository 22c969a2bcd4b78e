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
		usage: "--out FILE.pdf [--for committee|representative|lawyer] [--since DATE] [--until DATE] [--incident ID...] [--report-lang fr|en] [--no-pseudonymize] [--include-health] [--include-notes] [--witness-contacts] [--author-pseudonym NAME] [--request TEXT] [--thumbnails]",
		new:   func() runner { return &reportCmd{} }})
	register(&command{name: "people", partly: true, usage: "add NAME --as PSEUDONYM [--role ROLE] [--form FORM]... | list | remove NAME", group: 1,
		summary: summary("report.cmd.people"), new: func() runner { return &peopleCmd{} }})
	register(&command{name: "profile", partly: true, group: 1, summary: summary("report.cmd.profile"),
		usage: "set [--name NAME] [--function TEXT] [--workplace TEXT] [--authority TEXT] [--town TOWN] [--agricultural] | show",
		new:   func() runner { return &profileCmd{} }})
}

type reportCmd struct {
	out                    string
	reader                 string
	notes, witnessContacts bool
	force                  forceFlag
	choice                 reportFlags
}

func (c *reportCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("report.flag.out"))
	fs.StringVar(&c.reader, "for", "committee", later("report.flag.for"))
	fs.BoolVar(&c.notes, "include-notes", false, later("report.flag.include_notes"))
	fs.BoolVar(&c.witnessContacts, "witness-contacts", false, later("report.flag.witness_contacts"))
	c.choice.add(fs, "report")
	c.force.add(fs, "cli.flag.force")
}

// options are the report's choices, its reader included.
func (c *reportCmd) options(args []string) (report.Options, error) {
	opts, err := c.choice.options(args)
	if err != nil {
		return opts, err
	}
	a, ok := report.ParseAudience(c.reader)
	if !ok {
		return opts, present.Said(i18n.X("report.for.unknown", map[string]any{"Value": c.reader}))
	}
	if c.witnessContacts && a != report.ForLawyer {
		return opts, present.Said(i18n.X("report.for.contacts_lawyer"))
	}
	opts.Audience, opts.IncludeNotes, opts.WitnessContacts = a, c.notes, c.witnessContacts
	return opts, nil
}

func (c *reportCmd) run(ctx context.Context, e *env, args []string) error {
	if c.out == "" {
		return e.usageError()
	}
	opts, err := c.options(args)
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
	forms    []string
	out      jsonFlag
}

func (c *peopleCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.as, "as", "", later("report.flag.as"))
	fs.StringVar(&c.role, "role", "", later("report.flag.role"))
	fs.StringArrayVar(&c.forms, "form", nil, later("report.flag.form"))
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
		p := app.Person{Name: name, Pseudonym: c.as, Role: c.role, Forms: c.forms}
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
	replaced := app.NewPseudonymizer(people).Replacements()
	for _, p := range people {
		line := p.Name + "  →  " + p.Pseudonym
		if p.Role != "" {
			line += "  (" + p.Role + ")"
		}
		fmt.Fprintln(e.Stdout, line)
		for _, r := range replaced {
			if r.Name != p.Name {
				continue
			}
			fmt.Fprintln(e.Stdout, "    "+i18n.X("report.people.replaced", map[string]any{"Forms": present.QuoteList(r.Forms)}))
			for _, h := range r.Held {
				fmt.Fprintln(e.Stdout, "    "+i18n.X("report.people.held", map[string]any{"Word": h}))
			}
		}
	}
	return nil
}

type profileCmd struct {
	p   app.Profile
	out jsonFlag
}

func (c *profileCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.p.Name, "name", "", later("report.flag.name"))
	fs.StringVar(&c.p.Function, "function", "", later("report.flag.function"))
	fs.StringVar(&c.p.Workplace, "workplace", "", later("report.flag.workplace"))
	fs.StringVar(&c.p.Authority, "authority", "", later("report.flag.authority"))
	fs.StringVar(&c.p.Town, "town", "", later("report.flag.town"))
	fs.BoolVar(&c.p.Agricultural, "agricultural", false, later("report.flag.agricultural"))
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
