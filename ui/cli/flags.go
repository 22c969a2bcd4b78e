package cli

import (
	"strings"

	"github.com/spf13/pflag"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Flags several commands share, each a small struct with its add method.

// jsonFlag is --json: the result as JSON on standard output.
type jsonFlag struct{ json bool }

func (f *jsonFlag) add(fs *pflag.FlagSet) {
	fs.BoolVar(&f.json, "json", false, later("cli.flag.json"))
}

// forceFlag is --force: replace a file that exists.
type forceFlag struct{ force bool }

func (f *forceFlag) add(fs *pflag.FlagSet, helpKey string) {
	fs.BoolVar(&f.force, "force", false, later(helpKey))
}

// periodFlags are --since and --until.
type periodFlags struct{ since, until string }

func (f *periodFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.since, "since", "", later("cli.flag.since"))
	fs.StringVar(&f.until, "until", "", later("cli.flag.until"))
}

// dates returns the period given (zero dates for what was not).
func (f *periodFlags) dates() (since, until app.Date, err error) {
	if f.since != "" {
		if since, err = app.ParseDate(f.since); err != nil {
			return since, until, err
		}
	}
	if f.until != "" {
		until, err = app.ParseDate(f.until)
	}
	return since, until, err
}

// docLangFlag is --report-lang: the language of the document a command
// writes.
type docLangFlag struct{ value string }

func (f *docLangFlag) add(fs *pflag.FlagSet) {
	fs.StringVar(&f.value, "report-lang", "", later("cli.flag.report_lang"))
}

// lang is the document's language: the one given, French by default,
// whatever the system or --lang speak (--lang is the language of
// messages): the document is for a French committee or administration.
func (f *docLangFlag) lang() (i18n.Lang, error) {
	if f.value == "" {
		return i18n.French, nil
	}
	l, err := i18n.Parse(f.value)
	if err != nil {
		return l, present.Said(i18n.X("cli.report_lang.unknown", map[string]any{"Value": f.value}))
	}
	return l, nil
}

// reportFlags are the report's choices, for "temoin report" and for the
// report inside "temoin export" (area names the keys of their help:
// "report" or "bundle").
type reportFlags struct {
	period          periodFlags
	incidents       []string
	noPseudonymize  bool
	includeHealth   bool
	authorPseudonym string
	request         string
	thumbnails      bool
	lang            docLangFlag
}

func (f *reportFlags) add(fs *pflag.FlagSet, area string) {
	f.period.add(fs)
	fs.StringSliceVar(&f.incidents, "incident", nil, later(area+".flag.incident"))
	fs.BoolVar(&f.noPseudonymize, "no-pseudonymize", false, later(area+".flag.no_pseudonymize"))
	fs.BoolVar(&f.includeHealth, "include-health", false, later(area+".flag.include_health"))
	fs.StringVar(&f.authorPseudonym, "author-pseudonym", "", later(area+".flag.author_pseudonym"))
	fs.StringVar(&f.request, "request", "", later(area+".flag.request"))
	fs.BoolVar(&f.thumbnails, "thumbnails", false, later(area+".flag.thumbnails"))
	f.lang.add(fs)
}

// options returns the choices as report.Options; ids are the incidents
// named after the command, with those of --incident.
func (f *reportFlags) options(ids []string) (report.Options, error) {
	lang, err := f.lang.lang()
	if err != nil {
		return report.Options{}, err
	}
	o := report.Options{
		IncidentIDs:     incidentIDs(f.incidents, ids),
		Lang:            lang,
		NoPseudonymize:  f.noPseudonymize,
		IncludeHealth:   f.includeHealth,
		Thumbnails:      f.thumbnails,
		AuthorPseudonym: strings.TrimSpace(f.authorPseudonym),
		Request:         strings.TrimSpace(f.request),
	}
	o.Since, o.Until, err = f.period.dates()
	return o, err
}

// incidentIDs gathers incident ids given in lists, blanks left out.
func incidentIDs(lists ...[]string) []string {
	var ids []string
	for _, l := range lists {
		for _, id := range l {
			if id = strings.TrimSpace(id); id != "" {
				ids = append(ids, id)
			}
		}
	}
	return ids
}
