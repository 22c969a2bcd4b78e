package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The documents besides the report, as the report screen's documents tab
// offers them: the protection fonctionnelle letter the steps recorded
// call for (temoin letter protection), the request to the head to enter
// an incident in « Faits établissement » (temoin letter school-report),
// the help to declare an accident de service (temoin letter accident),
// the RSST entry (temoin rsst), and where each procedure of an incident
// stands (temoin procedures).

func init() {
	register(&command{name: "letter", group: 2, summary: summary("report.cmd.letter"),
		usage: "protection --incident ID... --out FILE.pdf [--kind KIND] [--pseudonymize-adults] [--include-health] [--report-lang fr|en] | school-report ID --out FILE.pdf | accident ID --out FILE.pdf [--name-perpetrator] [--witness-contacts]",
		new:   func() runner { return &letterCmd{} }})
	register(&command{name: "rsst", usage: "ID [--pdf FILE.pdf] [--risk] [--mention complaint|protection]... [--consequences] [--report-lang fr|en]", group: 2, summary: summary("report.cmd.rsst"),
		new: func() runner { return &rsstCmd{} }})
	register(&command{name: "procedures", usage: "ID", group: 2, summary: summary("report.cmd.procedures"),
		new: func() runner { return &proceduresCmd{} }})
}

// letterKinds are the letters --kind names.
var letterKinds = map[string]string{
	"request": app.DocLetterRequest, "complement": app.DocLetterAdd, "extension": app.DocLetterExtend,
	"appeal": app.DocLetterAppeal, "appeal-refusal": app.DocLetterRefusal, "reasons": app.DocLetterReasons,
}

type letterCmd struct {
	out                         string
	incidents                   []string
	kind                        string
	pseudonymizeAdults, health  bool
	namePerpetrator, witnessesC bool
	force                       forceFlag
	lang                        docLangFlag
}

func (c *letterCmd) flags(fs *pflag.FlagSet) {
	fs.StringVarP(&c.out, "out", "o", "", later("report.flag.out_letter"))
	fs.StringSliceVar(&c.incidents, "incident", nil, later("report.flag.letter_incident"))
	fs.StringVar(&c.kind, "kind", "", later("report.flag.letter_kind"))
	fs.BoolVar(&c.pseudonymizeAdults, "pseudonymize-adults", false, later("report.flag.pseudonymize_adults"))
	fs.BoolVar(&c.health, "include-health", false, later("report.flag.include_health"))
	fs.BoolVar(&c.namePerpetrator, "name-perpetrator", false, later("report.flag.name_perpetrator"))
	fs.BoolVar(&c.witnessesC, "witness-contacts", false, later("report.flag.witness_contacts"))
	c.force.add(fs, "cli.flag.force")
	c.lang.add(fs)
}

func (c *letterCmd) run(ctx context.Context, e *env, args []string) error {
	if len(args) < 1 || c.out == "" {
		return e.usageError()
	}
	lang, err := c.lang.lang()
	if err != nil {
		return err
	}
	switch args[0] {
	case "protection":
		return c.protection(ctx, e, lang, incidentIDs(c.incidents, args[1:]))
	case "school-report", "accident":
		if len(args) != 2 {
			return e.usageError()
		}
		return c.form(ctx, e, args[0], report.FormOptions{IncidentID: args[1], Lang: lang, IncludeHealth: c.health,
			NamePerpetrator: c.namePerpetrator, WitnessContacts: c.witnessesC})
	}
	return e.usageError()
}

// protection writes the letter the steps call for (or the one --kind
// names), after what to know before sending it; when none is called for,
// it says why.
func (c *letterCmd) protection(ctx context.Context, e *env, lang i18n.Lang, ids []string) error {
	if len(ids) == 0 {
		return report.ErrNoIncidentChosen
	}
	kind, ok := letterKinds[c.kind]
	if c.kind != "" && !ok {
		return present.Said(i18n.X("report.letter.kind_unknown", map[string]any{"Value": c.kind}))
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	opts := report.LetterOptions{IncidentIDs: ids, Lang: lang, Kind: kind, PseudonymizeAdults: c.pseudonymizeAdults, IncludeHealth: c.health}
	return c.write(e, func(w io.Writer) (*report.Result, error) {
		return report.WriteLetter(ctx, report.JournalSource(j), opts, w)
	}, func() {
		if note := letterNote(j, ids); note != "" {
			fmt.Fprintln(e.Stdout, note)
		}
		fmt.Fprintln(e.Stdout, i18n.X("report.letter.advice"))
	})
}

// letterNote is what to know about the letter the steps call for.
func letterNote(j *app.Journal, ids []string) string {
	full := make([]string, 0, len(ids))
	for _, id := range ids {
		if r, err := j.Incidents.Resolve(id); err == nil {
			full = append(full, r)
		}
	}
	choice := app.ChooseLetter(j.Incidents.List(app.Filter{}), full, j.Deadlines.Calendar(time.Now()))
	return report.LetterNote(i18n.Language(), choice)
}

// form writes the request to the head or the accident declaration help.
func (c *letterCmd) form(ctx context.Context, e *env, which string, opts report.FormOptions) error {
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	return c.write(e, func(w io.Writer) (*report.Result, error) {
		if which == "accident" {
			return report.WriteAccidentHelp(ctx, report.JournalSource(j), opts, w)
		}
		return report.WriteSchoolReport(ctx, report.JournalSource(j), opts, w)
	}, nil)
}

// write writes a document to --out, readable by its owner only, then
// says where, and what after.
func (c *letterCmd) write(e *env, work func(io.Writer) (*report.Result, error), after func()) error {
	out, err := present.CreatePrivate(c.out, c.force.force)
	if err != nil {
		return err
	}
	res, err := work(out)
	if err = out.Finish(err); err != nil {
		return present.In(err, present.Where{File: c.out})
	}
	fmt.Fprintln(e.Stdout, i18n.X("report.letter.written",
		map[string]any{"Out": c.out, "Pages": i18n.N("count.pages", res.Pages), "Hash": res.SHA256}))
	if after != nil {
		after()
	}
	printWarnings(e, res.Warnings)
	return nil
}

type rsstCmd struct {
	pdf                string
	risk, consequences bool
	mention            []string
	force              forceFlag
	lang               docLangFlag
}

func (c *rsstCmd) flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.pdf, "pdf", "", later("report.flag.rsst_pdf"))
	fs.BoolVar(&c.risk, "risk", false, later("report.flag.rsst_risk"))
	fs.BoolVar(&c.consequences, "consequences", false, later("report.flag.rsst_consequences"))
	fs.StringSliceVar(&c.mention, "mention", nil, later("report.flag.rsst_mention"))
	c.force.add(fs, "cli.flag.force")
	c.lang.add(fs)
}

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
	src, opts := report.JournalSource(j), report.RSSTOptions{Lang: lang, Risk: c.risk, Consequences: c.consequences}
	for _, m := range c.mention {
		steps, ok := present.RSSTMentions[m]
		if !ok {
			return present.Said(i18n.X("report.rsst.mention_unknown", map[string]any{"Value": m}))
		}
		opts.Steps = append(opts.Steps, steps...)
	}
	if c.pdf != "" {
		w := &letterCmd{out: c.pdf, force: c.force}
		return w.write(e, func(out io.Writer) (*report.Result, error) { return report.WriteRSST(ctx, src, args[0], opts, out) }, nil)
	}
	text, err := report.RSST(src, args[0], opts)
	if err != nil {
		return err
	}
	fmt.Fprint(e.Stdout, text)
	if people, err := j.People.List(); err == nil && len(people) == 0 {
		printWarnings(e, []report.Warning{{Kind: report.WarnNoPeople}})
	}
	return nil
}

// proceduresCmd says where each procedure of an incident stands, its
// next deadline, and the command that writes the document moving it on.
type proceduresCmd struct{}

func (c *proceduresCmd) flags(*pflag.FlagSet) {}

func (c *proceduresCmd) run(ctx context.Context, e *env, args []string) error {
	if err := e.wantArgs(args, 1); err != nil {
		return err
	}
	j, err := e.unlock(ctx)
	if err != nil {
		return err
	}
	id, err := j.Incidents.Resolve(args[0])
	if err != nil {
		return err
	}
	in, err := j.Incidents.Get(id)
	if err != nil {
		return err
	}
	cal := j.Deadlines.Calendar(time.Now())
	agri := false
	if p, err := j.Settings.Profile(); err == nil {
		agri = p.Agricultural
	}
	for _, p := range app.Paths(in, j.Incidents.List(app.Filter{}), cal) {
		fmt.Fprintln(e.Stdout, present.PathState(p, agri))
		if next := present.PathNext(p, cal.Today); next != "" {
			fmt.Fprintln(e.Stdout, "  "+next)
		}
		if p.Document != "" {
			fmt.Fprintln(e.Stdout, "  "+i18n.X("report.paths.command", map[string]any{
				"Document": i18n.X("report.paths.doc." + p.Document), "Command": documentCommand(p.Document, in.ID)}))
		}
	}
	return nil
}

// documentCommand is the command that writes a document about an
// incident.
func documentCommand(doc, id string) string {
	short := id[:min(len(id), 8)]
	switch doc {
	case app.DocRSST:
		return "temoin rsst " + short
	case app.DocSchoolReport:
		return "temoin letter school-report " + short + " --out demande.pdf"
	case app.DocAccidentHelp:
		return "temoin letter accident " + short + " --out declaration.pdf"
	}
	for name, kind := range letterKinds {
		if kind == doc {
			return "temoin letter protection --incident " + short + " --kind " + name + " --out lettre.pdf"
		}
	}
	return ""
}
