package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2/lang"
	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// The report's commands: the committee report (temoin report), the letter
// requesting protection fonctionnelle (temoin letter protection), the RSST
// text (temoin rsst), and what they draw on: the people list (temoin
// people) and the author's profile (temoin profile).

func init() {
	register(&command{name: "report", group: 2,
		usage:   "--out FILE.pdf [--since DATE] [--until DATE] [--incident ID...] [--lang fr|en] [--no-pseudonymize] [--include-health] [--author-pseudonym NAME] [--request TEXT] [--thumbnails]",
		summary: summary("report.cmd.report", "write the report for the F3SCT (ex-CHSCT) as PDF"),
		flags:   reportFlags, run: runReport})
	register(&command{name: "letter", group: 2, usage: "protection --incident ID... --out FILE.pdf",
		summary: summary("report.cmd.letter", "write a draft letter requesting protection fonctionnelle (PDF)"),
		flags: func(fs *pflag.FlagSet, o *options) {
			fs.StringVarP(&o.out, "out", "o", "", lang.X("report.flag.out_letter", "the PDF file to write"))
			o.values["incident"] = fs.StringSlice("incident", nil, lang.X("report.flag.letter_incident", "the incidents the request is about (ids; repeat or separate by commas)"))
			o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, lang.X("report.flag.no_pseudonymize", "keep the names of your people list (default: pseudonyms)"))
			o.values["include-health"] = fs.Bool("include-health", false, lang.X("report.flag.include_health", "include the medical notes (default: left out)"))
			fs.BoolVar(&o.force, "force", false, lang.X("cli.flag.force", "replace the file if it exists"))
		},
		run: runLetter})
	register(&command{name: "rsst", group: 2, usage: "ID",
		summary: summary("report.cmd.rsst", "print the text of an RSST register entry for an incident, ready to paste"),
		run:     runRSST})
	register(&command{name: "people", group: 1, usage: "add NAME --as PSEUDONYM [--role ROLE] | list | remove NAME",
		summary: summary("report.cmd.people", "the people list: names replaced by pseudonyms in reports"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["as"] = fs.String("as", "", lang.X("report.flag.as", "the pseudonym that replaces the name (\"Élève A\")"))
			o.values["role"] = fs.String("role", "", lang.X("report.flag.role", "the person's role (élève, parent, collègue…)"))
			jsonFlag(fs, o)
		},
		run: runPeople})
	register(&command{name: "profile", group: 1, usage: "set [--name NAME] [--function TEXT] [--workplace TEXT] [--authority TEXT] [--town TOWN] [--agricultural] | show",
		summary: summary("report.cmd.profile", "your name, function and establishment, for the report and the letter"),
		flags: func(fs *pflag.FlagSet, o *options) {
			o.values["name"] = fs.String("name", "", lang.X("report.flag.name", "your name, as the report and the letter show it"))
			o.values["function"] = fs.String("function", "", lang.X("report.flag.function", "your function and grade (\"professeure certifiée de lettres\")"))
			o.values["workplace"] = fs.String("workplace", "", lang.X("report.flag.workplace", "your establishment (\"Lycée Jean-Moulin, Lille\")"))
			o.values["authority"] = fs.String("authority", "", lang.X("report.flag.authority", "where requests go: your académie (the recteur), or the DRAAF"))
			o.values["town"] = fs.String("town", "", lang.X("report.flag.town", "the town where you sign letters"))
			o.values["agricultural"] = fs.Bool("agricultural", false, lang.X("report.flag.agricultural", "agricultural education: letters go to the DRAAF"))
			o.values["profile-flags"] = fs // to tell a flag set to "" from one not given
			jsonFlag(fs, o)
		},
		run: runProfile})
}

func reportFlags(fs *pflag.FlagSet, o *options) {
	fs.StringVarP(&o.out, "out", "o", "", lang.X("report.flag.out", "the PDF file to write"))
	fs.StringVar(&o.since, "since", "", lang.X("cli.flag.since", "facts on or after this day (2026-03-01 or 01/03/2026)"))
	fs.StringVar(&o.until, "until", "", lang.X("cli.flag.until", "facts on or before this day"))
	o.values["incident"] = fs.StringSlice("incident", nil, lang.X("report.flag.incident", "only these incidents, whatever their dates (ids; repeat or separate by commas)"))
	o.values["no-pseudonymize"] = fs.Bool("no-pseudonymize", false, lang.X("report.flag.no_pseudonymize", "keep the names of your people list (default: pseudonyms)"))
	o.values["include-health"] = fs.Bool("include-health", false, lang.X("report.flag.include_health", "include the medical notes (default: left out)"))
	o.values["author-pseudonym"] = fs.String("author-pseudonym", "", lang.X("report.flag.author_pseudonym", "the name shown as the author instead of yours"))
	o.values["request"] = fs.String("request", "", lang.X("report.flag.request", "what you ask of the committee, in your words"))
	o.values["thumbnails"] = fs.Bool("thumbnails", false, lang.X("report.flag.thumbnails", "show image evidence as thumbnails"))
	fs.BoolVar(&o.force, "force", false, lang.X("cli.flag.force", "replace the file if it exists"))
}

// reportLang is the report's language: the one asked for (--lang or
// $TEMOIN_LANG), else French, whatever the system speaks: the report is
// for a French committee.
func (e *env) reportLang() string {
	if e.opts.lang == "en" {
		return "en"
	}
	return "fr"
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
	opts := report.Options{
		IncidentIDs:     e.incidentArgs(args),
		Lang:            e.reportLang(),
		NoPseudonymize:  e.flag("no-pseudonymize"),
		IncludeHealth:   e.flag("include-health"),
		Thumbnails:      e.flag("thumbnails"),
		AuthorPseudonym: strings.TrimSpace(e.str("author-pseudonym")),
		Request:         strings.TrimSpace(e.str("request")),
	}
	var err error
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
	fmt.Fprintln(e.Stdout, lang.X("report.written", "Report written to {{.Out}}: {{.Pages}} pages, {{.Incidents}} incidents, {{.Evidence}} evidence items.",
		map[string]any{"Out": e.opts.out, "Pages": res.Pages, "Incidents": res.Incidents, "Evidence": res.Evidence}))
	fmt.Fprintln(e.Stdout, lang.X("report.recorded", "SHA-256 {{.Hash}}, recorded in the journal's history.", map[string]any{"Hash": res.SHA256}))
	if opts.NoPseudonymize {
		fmt.Fprintln(e.Stderr, lang.X("report.names_shown", "Caution: the report shows the names of the people of your list. Give it only to people who need them."))
	}
	e.printWarnings(res.Warnings)
	return nil
}

func runLetter(e *env, args []string) error {
	usage := "letter protection --incident ID... --out FILE.pdf"
	if len(args) < 1 || args[0] != "protection" || e.opts.out == "" {
		return usageErr(usage)
	}
	ids := e.incidentArgs(args[1:])
	if len(ids) == 0 {
		return errors.New(lang.X("report.letter.no_incident", "say which incidents the request is about: --incident ID (see \"temoin list\")"))
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
	res, err := report.WriteLetter(ctx, report.JournalSource(j), report.LetterOptions{IncidentIDs: ids, Lang: e.reportLang(),
		NoPseudonymize: e.flag("no-pseudonymize"), IncludeHealth: e.flag("include-health")}, out)
	if err = out.finish(err); err != nil {
		return reportError(err)
	}
	fmt.Fprintln(e.Stdout, lang.X("report.letter.written", "Letter written to {{.Out}} ({{.Pages}} pages), SHA-256 {{.Hash}}.",
		map[string]any{"Out": e.opts.out, "Pages": res.Pages, "Hash": res.SHA256}))
	fmt.Fprintln(e.Stdout, lang.X("report.letter.advice", "Read it and adapt it, then date and sign it. Keep a copy; sending it by registered letter with acknowledgement of receipt is advised. Without an answer within 2 months, the request is refused."))
	e.printWarnings(res.Warnings)
	return nil
}

func runRSST(e *env, args []string) error {
	if len(args) != 1 {
		return usageErr("rsst ID")
	}
	j, err := e.unlock()
	if err != nil {
		return err
	}
	text, err := report.RSST(report.JournalSource(j), args[0], report.RSSTOptions{Lang: e.reportLang()})
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
	switch {
	case errors.Is(err, report.ErrNoIncident):
		return errors.New(lang.X("report.no_incident", "no incident in this selection: check the dates or the ids (see \"temoin list\")"))
	case errors.Is(err, context.Canceled):
		return errors.New(lang.X("report.cancelled", "stopped: no file was written"))
	}
	return err
}

// printWarnings says what the person may want to fix.
func (e *env) printWarnings(warnings []report.Warning) {
	for _, w := range warnings {
		switch w.Kind {
		case report.WarnNoProfile:
			fmt.Fprintln(e.Stderr, lang.X("report.warn.no_profile", "Your profile is empty: the documents name no author. Fill it in with \"temoin profile set --name … --function … --workplace … --authority …\"."))
		case report.WarnNoPeople:
			fmt.Fprintln(e.Stderr, lang.X("report.warn.no_people", "Your people list is empty: names written in the journal appear as they are. Add them with \"temoin people add NAME --as PSEUDONYM\", then write the document again."))
		case report.WarnThumbnail:
			fmt.Fprintln(e.Stderr, lang.X("report.warn.thumbnail", "Evidence {{.ID}} is not shown as a thumbnail: it could not be read as an image.",
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
	label := lang.X("report.progress", "Writing the report")
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
		return nil, errors.New(lang.X("report.out_is_dir", "{{.Name}} is a folder: give a file name ending in .pdf", map[string]any{"Name": name}))
	case err == nil && !force:
		return nil, errors.New(lang.X("cli.exists", "{{.Name}} already exists: choose another name, or add --force", map[string]any{"Name": name}))
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
			return 0, errors.New(lang.X("cli.exists", "{{.Name}} already exists: choose another name, or add --force", map[string]any{"Name": o.name}))
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
		fmt.Fprintln(e.Stdout, lang.X("report.people.added", "{{.Name}} will appear as {{.Pseudonym}}", map[string]any{"Name": name, "Pseudonym": strings.TrimSpace(p.Pseudonym)}))
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
			fmt.Fprintln(e.Stdout, lang.X("report.people.none", "No one in the list yet: \"temoin people add NAME --as PSEUDONYM\"."))
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
			return errors.New(lang.X("report.people.unknown", "no one named \"{{.Name}}\" in the list (see \"temoin people list\")", map[string]any{"Name": name}))
		}
		if err := j.People.Remove(name); err != nil {
			return err
		}
		fmt.Fprintln(e.Stdout, lang.X("report.people.removed", "{{.Name}} removed from the list", map[string]any{"Name": name}))
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
	row(lang.X("report.profile.name", "Name"), p.Name)
	row(lang.X("report.profile.function", "Function"), p.Function)
	row(lang.X("report.profile.workplace", "Establishment"), p.Workplace)
	row(lang.X("report.profile.authority", "Authority"), p.Authority)
	row(lang.X("report.profile.town", "Town (letters)"), p.Town)
	row(lang.X("report.profile.agricultural", "Agricultural education"), yesNo(p.Agricultural))
	return nil
}
