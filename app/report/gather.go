package report

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/thumb"
)

// The dossier is what the report shows, gathered once before layout: the
// incidents chosen, cleaned of what their reader must not see (§ 6 of
// docs/legal-spec-issue11.md), oldest first and numbered; their history,
// deadlines and procedures; the evidence numbered P1, P2...; the
// statistics.

type dossier struct {
	opts  Options
	t     *texts
	now   time.Time
	today app.Date
	cal   app.Calendar

	profile  app.Profile
	author   string // the name shown, or the pseudonym
	function string
	place    string // the establishment shown on the cover
	request  string

	since, until app.Date // the period shown
	items        []*item
	evidence     []*evItem
	stats        *stats
	health       healthStats // aggregated from the stored incidents
	headSeq      uint64
	headID       string
	names        Names
	ps           *app.Pseudonymizer
	warnings     []Warning

	all       []*app.Incident // the whole journal, as stored: the letters' history
	imported  map[string]bool
	dismissed map[string]app.Date

	// thumbsReady waits for the thumbnails, decoded while the report is
	// laid out (nil once waited for).
	thumbsReady func() error
}

// pseudonymise reports whether names of the people list are replaced.
func (d *dossier) pseudonymise() bool { return d.names != NamesEveryone }

// item is one incident of the report.
type item struct {
	n         int
	in        *app.Incident // cleaned for the reader
	revisions []revision
	recorded  recording
	deadlines []app.Deadline
	evidence  []*evItem
	paths     []app.Path // the representative's and the lawyer's documents only
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
	thumb *thumb.Thumb
}

func (e *evItem) label() string { return fmt.Sprintf("P%d", e.n) }

// gather selects and prepares the incidents. Deadlines are computed on the
// day of generation.
func gather(ctx context.Context, src Source, opts Options, t *texts, now time.Time) (*dossier, error) {
	d := &dossier{opts: opts, t: t, now: now, today: app.DateOf(now), names: opts.names()}
	var err error
	if d.profile, err = src.Settings.Profile(); err != nil {
		return nil, fmt.Errorf("failed to read the profile: %w", err)
	}
	d.cal = app.Calendar{Today: d.today, AlsaceMoselle: d.profile.AlsaceMoselle}
	t.agri = d.profile.Agricultural
	ins, err := selectIncidents(src.Incidents, opts.Since, opts.Until, opts.IncidentIDs)
	if err != nil {
		return nil, err
	}
	d.all = src.Incidents.List(app.Filter{})
	if err := d.readOptional(src); err != nil {
		return nil, err
	}
	people, err := src.People.List()
	if err != nil {
		return nil, fmt.Errorf("failed to read the people list: %w", err)
	}
	d.ps = pseudonymizer(people, d.names, d.profile.Name, opts.AuthorPseudonym)
	if err := d.addItems(ctx, src, ins); err != nil {
		return nil, err
	}
	d.describe(ins)
	head, err := src.Chain.Head()
	if err != nil {
		return nil, fmt.Errorf("failed to read the head of the history: %w", err)
	}
	d.headSeq, d.headID = head.Seq, head.ID
	d.warnings = d.warn(people)
	return d, nil
}

// readOptional reads what the optional parts of the source tell.
func (d *dossier) readOptional(src Source) error {
	var err error
	if src.Imports != nil {
		if d.imported, err = src.Imports.ImportedIDs(); err != nil {
			return fmt.Errorf("failed to read the imports: %w", err)
		}
	}
	if src.Dismissals != nil {
		if d.dismissed, err = src.Dismissals.Dismissed(); err != nil {
			return fmt.Errorf("failed to read the dismissed deadlines: %w", err)
		}
	}
	return nil
}

// addItems numbers the incidents chosen, oldest first, and their
// evidence, each incident cleaned of what must not leave.
func (d *dossier) addItems(ctx context.Context, src Source, ins []*app.Incident) error {
	for i, stored := range ins {
		if err := ctx.Err(); err != nil {
			return err
		}
		d.health.add(stored)
		in := d.clean(stored)
		slices.SortStableFunc(in.Actions, func(a, b app.Action) int { return compareDates(a.Date, b.Date) })
		it := &item{n: i + 1, in: in, recorded: d.recording(src.Timestamps, stored)}
		var err error
		if it.revisions, err = history(src.Incidents, stored.ID, d.hidden); err != nil {
			return fmt.Errorf("failed to read the history of incident %s: %w", stored.ID, err)
		}
		it.deadlines = d.deadlines(stored)
		if !d.opts.Audience.employer() {
			it.paths = app.Paths(stored, d.all, d.cal)
		}
		for _, ev := range in.Evidence {
			e := &evItem{n: len(d.evidence) + 1, item: it, ev: ev}
			it.evidence = append(it.evidence, e)
			d.evidence = append(d.evidence, e)
		}
		d.items = append(d.items, it)
	}
	return nil
}

// healthDetail reports whether health data is shown incident by incident
// (never to the committee, which gets aggregates).
func (d *dossier) healthDetail() bool {
	return d.opts.IncludeHealth && !d.opts.Audience.employer()
}

// describe sets what the cover and the summary say of the author, the
// place, the request and the period, and computes the statistics.
func (d *dossier) describe(ins []*app.Incident) {
	opts, ps := d.opts, d.ps
	for _, s := range []*string{&d.profile.Name, &d.profile.Function, &d.profile.Workplace, &d.profile.Authority, &d.profile.Town,
		&d.profile.Addressee, &d.profile.Via} {
		*s = d.t.printable(*s)
	}
	d.author = d.profile.Name
	if opts.AuthorPseudonym != "" {
		d.author = d.t.printable(strings.TrimSpace(opts.AuthorPseudonym))
	}
	d.function = ps.Text(d.profile.Function)
	d.place = d.profile.Workplace
	if d.place == "" {
		d.place = mostCommon(ins, func(in *app.Incident) string { return in.Workplace })
	}
	d.place = ps.Text(d.place)
	d.request = d.t.printable(strings.TrimSpace(ps.Text(opts.Request)))

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
func (d *dossier) warn(people []app.Person) []Warning {
	var out []Warning
	if d.profile.Name == "" || d.profile.Function == "" {
		out = append(out, Warning{Kind: WarnNoProfile})
	}
	if d.pseudonymise() && len(people) == 0 {
		out = append(out, Warning{Kind: WarnNoPeople})
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

// pseudonymizer returns the replacement of the people list's names, as
// names says (pupils only when adults are named, nobody when everyone
// is), and of the author's own name when the author chose a pseudonym:
// their name may appear in the facts ("Mme Durand, vous êtes…").
func pseudonymizer(people []app.Person, names Names, authorName, authorPseudonym string) *app.Pseudonymizer {
	var list []app.Person
	for _, p := range people {
		switch {
		case names == NamesEveryone:
		case names == NamesAdults && !p.IsPupil():
		default:
			list = append(list, p)
		}
	}
	authorName, authorPseudonym = strings.TrimSpace(authorName), strings.TrimSpace(authorPseudonym)
	if authorName != "" && authorPseudonym != "" && app.Fold(authorName) != app.Fold(authorPseudonym) {
		list = append(list, app.Person{Name: authorName, Pseudonym: authorPseudonym})
	}
	return app.NewPseudonymizer(list)
}

// hidden reports whether the reader does not see a field of the incident:
// health data and private notes, unless shown.
func (d *dossier) hidden(field string) bool {
	switch field {
	case "medical_note", "medical_finding_on":
		return !d.healthDetail()
	case "notes":
		return !d.opts.IncludeNotes
	}
	return false
}

// history returns the revisions of an incident, with the fields each
// changed, but those hidden from the reader.
func history(incidents IncidentReader, id string, hidden func(field string) bool) ([]revision, error) {
	revs, err := incidents.History(id)
	if err != nil {
		return nil, err
	}
	out := make([]revision, 0, len(revs))
	for _, r := range revs {
		var changed []string
		for _, f := range r.Changed {
			if hidden(f) {
				continue
			}
			changed = append(changed, f)
		}
		out = append(out, revision{number: r.Number, savedAt: r.SavedAt, changed: changed})
	}
	return out, nil
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
