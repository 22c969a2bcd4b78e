package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/temoin-app/temoin/app"
)

// The dossier is what the report shows, gathered once before layout: the
// incidents chosen, pseudonymised, oldest first and numbered; their
// history and deadlines; the evidence numbered P1, P2...; the statistics.

type dossier struct {
	opts  Options
	t     *texts
	now   time.Time
	today app.Date

	profile  app.Profile
	author   string // the name shown, or the pseudonym
	function string
	place    string // the establishment shown on the cover
	request  string

	since, until app.Date // the period shown
	items        []*item
	evidence     []*evItem
	stats        *stats
	headSeq      uint64
	headID       string
	pseudonymise bool
	warnings     []Warning
}

// item is one incident of the report.
type item struct {
	n         int
	in        *app.Incident // pseudonymised, without what must not leave
	revisions []revision
	deadlines []app.Deadline
	evidence  []*evItem
}

// revision is a saved version of an incident, as the report tells it:
// when, and which fields changed.
type revision struct {
	number  int
	savedAt time.Time
	changed []string
}

// evItem is a piece of evidence numbered for the report.
type evItem struct {
	n     int
	item  *item
	ev    app.Evidence
	thumb *thumb
}

func (e *evItem) label() string { return fmt.Sprintf("P%d", e.n) }

// gather selects and prepares the incidents. Deadlines are computed on the
// day of generation.
func gather(ctx context.Context, src Source, opts Options, t *texts, now time.Time) (*dossier, error) {
	d := &dossier{opts: opts, t: t, now: now, today: app.DateOf(now), pseudonymise: !opts.NoPseudonymize}
	var err error
	if d.profile, err = src.Settings.Profile(); err != nil {
		return nil, fmt.Errorf("failed to read the profile: %w", err)
	}
	ins, err := selectIncidents(src.Incidents, opts.Since, opts.Until, opts.IncidentIDs)
	if err != nil {
		return nil, err
	}
	ps, err := pseudonymizer(src.People, opts.NoPseudonymize, d.profile.Name, opts.AuthorPseudonym)
	if err != nil {
		return nil, err
	}
	if err := d.addItems(ctx, src.Incidents, ps, ins); err != nil {
		return nil, err
	}
	d.describe(ps, ins)
	head, err := src.Chain.Head()
	if err != nil {
		return nil, fmt.Errorf("failed to read the head of the history: %w", err)
	}
	d.headSeq, d.headID = head.Seq, head.ID
	d.warnings = d.warn(src.People)
	return d, nil
}

// addItems numbers the incidents chosen, oldest first, and their
// evidence, each incident cleaned of what must not leave.
func (d *dossier) addItems(ctx context.Context, incidents IncidentReader, ps *app.Pseudonymizer, ins []*app.Incident) error {
	for i, stored := range ins {
		if err := ctx.Err(); err != nil {
			return err
		}
		in := clean(ps, stored, d.opts.IncludeHealth)
		slices.SortStableFunc(in.Actions, func(a, b app.Action) int { return compareDates(a.Date, b.Date) })
		it := &item{n: i + 1, in: in}
		var err error
		if it.revisions, err = history(incidents, stored.ID, d.opts.IncludeHealth); err != nil {
			return fmt.Errorf("failed to read the history of incident %s: %w", stored.ID, err)
		}
		it.deadlines = reportDeadlines(in, d.today)
		for _, ev := range in.Evidence {
			e := &evItem{n: len(d.evidence) + 1, item: it, ev: ev}
			it.evidence = append(it.evidence, e)
			d.evidence = append(d.evidence, e)
		}
		d.items = append(d.items, it)
	}
	return nil
}

// describe sets what the cover and the summary say of the author, the
// place, the request and the period, and computes the statistics.
func (d *dossier) describe(ps *app.Pseudonymizer, ins []*app.Incident) {
	opts := d.opts
	for _, s := range []*string{&d.profile.Name, &d.profile.Function, &d.profile.Workplace, &d.profile.Authority, &d.profile.Town} {
		*s = printable(*s)
	}
	d.author = d.profile.Name
	if opts.AuthorPseudonym != "" {
		d.author = printable(strings.TrimSpace(opts.AuthorPseudonym))
	}
	d.function = ps.Text(d.profile.Function)
	d.place = d.profile.Workplace
	if d.place == "" {
		d.place = mostCommon(ins, func(in *app.Incident) string { return in.Workplace })
	}
	d.place = ps.Text(d.place)
	d.request = printable(strings.TrimSpace(ps.Text(opts.Request)))

	d.since, d.until = opts.Since, opts.Until
	if len(opts.IncidentIDs) > 0 {
		d.since, d.until = app.Date{}, app.Date{}
	}
	if d.since.IsZero() {
		d.since = app.DateOf(ins[0].OccurredAt)
	}
	if d.until.IsZero() {
		d.until = app.DateOf(ins[len(ins)-1].OccurredAt)
	}
	d.stats = computeStats(d.items, d.since, d.until)
}

// warn returns what the person may want to fix before the document
// leaves: an empty profile, an empty people list while names are to be
// replaced.
func (d *dossier) warn(people PeopleLister) []Warning {
	var out []Warning
	if d.profile.IsZero() {
		out = append(out, Warning{Kind: WarnNoProfile})
	}
	if d.pseudonymise {
		if list, err := people.List(); err == nil && len(list) == 0 {
			out = append(out, Warning{Kind: WarnNoPeople})
		}
	}
	return out
}

// selectIncidents returns the incidents of the period, or the ones named
// (by id or the start of one) whatever their dates, oldest first.
func selectIncidents(incidents IncidentReader, since, until app.Date, ids []string) ([]*app.Incident, error) {
	if len(ids) == 0 && !since.IsZero() && !until.IsZero() && until.Before(since) {
		return nil, fmt.Errorf("the period ends (%s) before it starts (%s)", until, since)
	}
	f := app.Filter{Since: since, Until: until}
	if len(ids) > 0 {
		f = app.Filter{}
	}
	for _, id := range ids {
		full, err := incidents.Resolve(id)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(f.IDs, full) {
			f.IDs = append(f.IDs, full)
		}
	}
	ins := incidents.List(f)
	if len(ins) == 0 {
		return nil, ErrNoIncident
	}
	slices.Reverse(ins) // List is newest first
	return ins, nil
}

// pseudonymizer returns the replacement of the people list's names (none
// when noPseudonymize), and of the author's own name when the author
// chose a pseudonym: their name may appear in the facts ("Mme Durand, vous
// êtes…"), so the full name and the last word of it (the family name, as
// names are usually written) are replaced too.
func pseudonymizer(list PeopleLister, noPseudonymize bool, authorName, authorPseudonym string) (*app.Pseudonymizer, error) {
	var people []app.Person
	if !noPseudonymize {
		var err error
		if people, err = list.List(); err != nil {
			return nil, fmt.Errorf("failed to read the people list: %w", err)
		}
	}
	authorName, authorPseudonym = strings.TrimSpace(authorName), strings.TrimSpace(authorPseudonym)
	if authorName != "" && authorPseudonym != "" && app.Fold(authorName) != app.Fold(authorPseudonym) {
		people = append(people, app.Person{Name: authorName, Pseudonym: authorPseudonym})
		if words := strings.Fields(authorName); len(words) > 1 {
			last := words[len(words)-1]
			if len([]rune(last)) > 2 && app.Fold(last) != app.Fold(authorPseudonym) {
				people = append(people, app.Person{Name: last, Pseudonym: authorPseudonym})
			}
		}
	}
	return app.NewPseudonymizer(people), nil
}

// clean returns a copy of in fit for the report: names replaced, no
// contact details, no medical note unless includeHealth, and the few texts
// the pseudonymiser does not know (video-call platform and meeting id)
// replaced too.
func clean(ps *app.Pseudonymizer, in *app.Incident, includeHealth bool) *app.Incident {
	c := ps.Incident(in, includeHealth)
	if vc := c.VideoCall; vc != nil {
		vc.Platform = ps.Text(vc.Platform)
		vc.MeetingID = ps.Text(vc.MeetingID)
	}
	for _, s := range []*string{&c.Place, &c.Workplace, &c.Authority, &c.Activity, &c.Description,
		&c.ExactWords, &c.PerpetratorRef, &c.Consequences, &c.WorkImpact, &c.MedicalNote, &c.Notes} {
		*s = printable(*s)
	}
	for i := range c.Witnesses {
		c.Witnesses[i].Role, c.Witnesses[i].Pseudonym = printable(c.Witnesses[i].Role), printable(c.Witnesses[i].Pseudonym)
	}
	for i := range c.Actions {
		a := &c.Actions[i]
		a.Reference, a.Answer, a.Note = printable(a.Reference), printable(a.Answer), printable(a.Note)
	}
	if vc := c.VideoCall; vc != nil {
		vc.Platform, vc.MeetingID = printable(vc.Platform), printable(vc.MeetingID)
		for i := range vc.Intruders {
			vc.Intruders[i] = printable(vc.Intruders[i])
		}
	}
	for i := range c.Evidence {
		e := &c.Evidence[i]
		e.Name, e.Note, e.URL = printable(e.Name), printable(e.Note), printable(e.URL)
	}
	return c
}

// Printable is printable for other PDFs made with the same fonts (the
// committee synthesis).
func Printable(s string) string { return printable(s) }

// printable keeps what the PDF's fonts can show: characters beyond the
// Basic Multilingual Plane (emoji) become U+FFFD (the PDF library cannot
// embed them), control characters other than new lines and tabs, and
// direction overrides, are dropped.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if r > 0xFFFF || r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r > 0xFFFF || r == utf8.RuneError:
			b.WriteRune('\uFFFD')
		case r == '\r' || (unicode.IsControl(r) && r != '\n' && r != '\t') || isBidiControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F
}

// history returns the revisions of an incident, with the fields each
// changed; the medical note is not named unless includeHealth.
func history(incidents IncidentReader, id string, includeHealth bool) ([]revision, error) {
	revs, err := incidents.History(id)
	if err != nil {
		return nil, err
	}
	out := make([]revision, 0, len(revs))
	for _, r := range revs {
		var changed []string
		for _, f := range r.Changed {
			if f == "medical_note" && !includeHealth {
				continue
			}
			changed = append(changed, f)
		}
		out = append(out, revision{number: r.Number, savedAt: r.SavedAt, changed: changed})
	}
	return out, nil
}

// reportDeadlines keeps the deadlines a committee needs: the
// administration's silence on a request for protection (passed or not),
// and the author's own deadlines while they are still ahead (a passed one
// says nothing to the committee).
func reportDeadlines(in *app.Incident, today app.Date) []app.Deadline {
	var out []app.Deadline
	for _, d := range app.IncidentDeadlines(in, today) {
		switch d.Rule {
		case app.RuleProtectionAnswer, app.RuleProtectionAppeal:
			out = append(out, d)
		default:
			if !d.Passed() {
				out = append(out, d)
			}
		}
	}
	return out
}

// compareDates orders dates, no date last.
func compareDates(a, b app.Date) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return a.Compare(b)
}

func mostCommon(ins []*app.Incident, key func(*app.Incident) string) string {
	counts := map[string]int{}
	best, bestN := "", 0
	for _, in := range ins {
		k := strings.TrimSpace(key(in))
		if k == "" {
			continue
		}
		counts[k]++
		if counts[k] > bestN || (counts[k] == bestN && k < best) {
			best, bestN = k, counts[k]
		}
	}
	return best
}
