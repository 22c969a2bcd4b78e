package bundle

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// The committee synthesis: several bundles, from one or several
// colleagues, combined into one statistical report for the F3SCT. It
// counts; it names nobody; a small count that could single a colleague
// out is printed « moins de 3 » (synthesis_pdf.go). An incident found in
// several bundles of the same colleague (same vault) is counted once, in
// its latest revision. What concerns a colleague's bundles (their history
// diverging) goes into a note for the representative, not into the
// committee's pages.

// SynthesisOptions are the choices of a synthesis.
type SynthesisOptions struct {
	Lang i18n.Lang // French (the zero value) or English
	// IncludeDescriptions adds, at the end, each incident's date, kinds
	// and description as the bundles give them (pseudonymised unless the
	// colleague chose otherwise). Off by default.
	IncludeDescriptions bool
	// Since and Until restrict the incidents counted (zero: no bound).
	Since, Until app.Date
	// Title replaces the default title when set (e.g. the establishment).
	Title string
	Now   time.Time // generation time; zero for now
}

// Count is one line of a table: a code (or a month "2026-03", or an
// establishment's name), how many incidents, and how many colleagues
// reported them.
type Count struct {
	Key        string
	N          int
	Colleagues int
}

// Steps are the steps the colleagues took, and the administration's
// silences, counted (union contacts never are: RGPD art. 9).
type Steps struct {
	RSST, RSSTUnanswered           int
	Protection, ProtectionRejected int // requests, and those deemed rejected for lack of an answer
	Accidents, AccidentsUndecided  int // declarations, and those without a decision in time
	Complaints                     int
}

// Recurrence describes repetition, the lever of an inquiry.
type Recurrence struct {
	// Perpetrators is the number of distinct perpetrators identified by a
	// reference ("Parent P1"), per colleague.
	Perpetrators int
	// RepeatPerpetrators are those involved in two incidents or more, and
	// RepeatIncidents the incidents they account for.
	RepeatPerpetrators int
	RepeatIncidents    int
	// ColleaguesSeveral is the number of colleagues who reported two
	// incidents or more.
	ColleaguesSeveral int
	// Linked is the number of incidents linked to another one by the
	// colleague (a series, harassment).
	Linked int
}

// SourceInfo describes one bundle used, without naming anyone.
type SourceInfo struct {
	Colleague  int // 1, 2...: the same number for the bundles of one vault
	ExportedAt time.Time
	Head       uint64 // the history's length
	Incidents  int
	Continuity Verdict // against the other bundles of the same colleague
}

// Description is an incident's text, included only when chosen.
type Description struct {
	Colleague int
	Date      app.Date
	Kinds     []string
	Text      string
}

// Stats is the synthesis' content, for the PDF and for the GUI.
type Stats struct {
	Bundles     int
	Colleagues  int
	Incidents   int
	Overlaps    int // incidents found in more than one bundle, counted once
	First, Last app.Date

	ByKind, ByChannel, ByPerpetrator, BySetting []Count
	ByMonth                                     []Count // "2026-03", in order, months without incident included
	ByWorkplace                                 []Count

	Steps Steps

	Recurrence   Recurrence
	Sources      []SourceInfo
	Descriptions []Description // only with IncludeDescriptions
	Diverged     int           // colleagues whose bundles' histories disagree
}

// SynthesisInput is one bundle given to a synthesis: its manifest, its
// incidents and its history (from Open, or from a case's summary).
type SynthesisInput struct {
	Manifest  *Manifest
	Incidents *IncidentsFile
	History   *History
}

// InputOf returns the synthesis input of an opened bundle.
func InputOf(c *Contents) SynthesisInput {
	return SynthesisInput{Manifest: c.Manifest, Incidents: c.Incidents, History: c.History()}
}

// InputOfCase returns the synthesis input of a case (from its summary).
func InputOfCase(c CaseInfo) (SynthesisInput, error) {
	if c.Summary == nil || c.Summary.Manifest == nil || c.Summary.Incidents == nil || c.Summary.History == nil {
		return SynthesisInput{}, fmt.Errorf("case %s has no readable summary", c.ID)
	}
	return SynthesisInput{Manifest: c.Summary.Manifest, Incidents: c.Summary.Incidents, History: c.Summary.History}, nil
}

// Synthesize computes the statistics of several bundles.
func Synthesize(inputs []SynthesisInput, opts SynthesisOptions) (*Stats, error) {
	if len(inputs) == 0 {
		return nil, fmt.Errorf("no bundle to combine")
	}
	for i, in := range inputs {
		if in.Manifest == nil || in.Incidents == nil {
			return nil, fmt.Errorf("bundle %d is incomplete", i+1)
		}
	}
	s := &Stats{Bundles: len(inputs)}
	// Colleagues, numbered in the order of their first bundle's export.
	order := slices.Clone(inputs)
	slices.SortStableFunc(order, func(a, b SynthesisInput) int { return a.Manifest.ExportedAt.Compare(b.Manifest.ExportedAt) })
	colleague := map[string]int{}
	for _, in := range order {
		if _, ok := colleague[in.Manifest.VaultID]; !ok {
			colleague[in.Manifest.VaultID] = len(colleague) + 1
		}
	}
	s.Colleagues = len(colleague)
	s.Sources, s.Diverged = sources(order, colleague)
	t := newTally(s, opts)
	for _, e := range latestIncidents(order, colleague) {
		t.add(e)
	}
	t.finish()
	return s, nil
}

// sources describes each bundle, with its continuity with the others of
// the same colleague, and counts the colleagues whose histories diverge.
func sources(order []SynthesisInput, colleague map[string]int) ([]SourceInfo, int) {
	var out []SourceInfo
	diverged := map[int]bool{}
	for i, in := range order {
		src := SourceInfo{Colleague: colleague[in.Manifest.VaultID], ExportedAt: in.Manifest.ExportedAt,
			Head: in.Manifest.ChainHead.Seq, Incidents: len(in.Incidents.Incidents), Continuity: VerdictFirst}
		if in.History != nil {
			var others []*History
			for k, o := range order {
				if k != i && o.History != nil {
					others = append(others, o.History)
				}
			}
			src.Continuity = CheckContinuity(in.History, others, nil).Verdict
			if src.Continuity == VerdictDiverged {
				diverged[src.Colleague] = true
			}
		}
		out = append(out, src)
	}
	return out, len(diverged)
}

// seenIncident is an incident of the synthesis, in the latest revision
// the bundles hold.
type seenIncident struct {
	in          *app.Incident
	colleague   int
	at          time.Time // when the bundle it comes from was exported
	appearances int       // in how many bundles
}

// latestIncidents returns each incident once, in its latest revision,
// ordered by the facts' date.
func latestIncidents(order []SynthesisInput, colleague map[string]int) []*seenIncident {
	latest := map[string]*seenIncident{}
	for _, in := range order {
		c := colleague[in.Manifest.VaultID]
		for _, inc := range in.Incidents.Incidents {
			if inc == nil {
				continue
			}
			key := in.Manifest.VaultID + "/" + inc.ID
			cur := latest[key]
			n := 1
			if cur != nil {
				n = cur.appearances + 1
			}
			if cur == nil || inc.Revision > cur.in.Revision ||
				(inc.Revision == cur.in.Revision && in.Manifest.ExportedAt.After(cur.at)) {
				cur = &seenIncident{in: inc, colleague: c, at: in.Manifest.ExportedAt}
				latest[key] = cur
			}
			cur.appearances = n
		}
	}
	keys := slices.Collect(maps.Keys(latest))
	slices.SortFunc(keys, func(a, b string) int {
		if c := latest[a].in.OccurredAt.Compare(latest[b].in.OccurredAt); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	out := make([]*seenIncident, len(keys))
	for i, k := range keys {
		out[i] = latest[k]
	}
	return out
}

// tally counts the incidents of the synthesis into its Stats.
type tally struct {
	s    *Stats
	opts SynthesisOptions

	byKind, byChannel, byPerp, bySetting, byMonth, byWork counter
	perps                                                 map[string]int // colleague/perpetrator's reference → incidents
	perColleague                                          map[int]int
	today                                                 app.Date
}

func newTally(s *Stats, opts SynthesisOptions) *tally {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	return &tally{s: s, opts: opts, byKind: counter{}, byChannel: counter{}, byPerp: counter{}, bySetting: counter{},
		byMonth: counter{}, byWork: counter{}, perps: map[string]int{}, perColleague: map[int]int{}, today: app.DateOf(now)}
}

// add counts one incident, unless it is outside the period.
func (t *tally) add(e *seenIncident) {
	s, in := t.s, e.in
	day := app.DateOf(in.OccurredAt.In(paris()))
	if !t.opts.Since.IsZero() && day.Before(t.opts.Since) || !t.opts.Until.IsZero() && t.opts.Until.Before(day) {
		return
	}
	s.Incidents++
	if e.appearances > 1 {
		s.Overlaps++
	}
	if s.First.IsZero() || day.Before(s.First) {
		s.First = day
	}
	if s.Last.IsZero() || s.Last.Before(day) {
		s.Last = day
	}
	who := e.colleague
	for _, kind := range dedupe(in.Kinds) {
		t.byKind.add(kind, who)
	}
	for _, ch := range dedupe(in.Channels) {
		t.byChannel.add(ch, who)
	}
	t.byPerp.add(cmp.Or(in.Perpetrator, "unknown"), who)
	if in.Setting != "" {
		t.bySetting.add(in.Setting, who)
	}
	t.byMonth.add(fmt.Sprintf("%04d-%02d", day.Year, int(day.Month)), who)
	t.byWork.add(strings.Join(strings.Fields(in.Workplace), " "), who)
	t.steps(in)
	if ref := strings.ToLower(strings.Join(strings.Fields(in.PerpetratorRef), " ")); ref != "" {
		t.perps[fmt.Sprintf("%d/%s", e.colleague, ref)]++
	}
	t.perColleague[e.colleague]++
	if len(in.Linked) > 0 {
		s.Recurrence.Linked++
	}
	if t.opts.IncludeDescriptions {
		text := strings.TrimSpace(in.Description)
		if text == "" {
			text = strings.TrimSpace(in.ExactWords)
		}
		s.Descriptions = append(s.Descriptions, Description{Colleague: e.colleague, Date: day, Kinds: in.Kinds, Text: text})
	}
}

// steps counts an incident's steps and the administration's silences on
// the day of the synthesis.
func (t *tally) steps(in *app.Incident) {
	st := &t.s.Steps
	for _, a := range in.Actions {
		if !a.Taken() || a.Date.IsZero() {
			continue
		}
		received, _ := a.Received()
		switch a.Kind {
		case "rsst":
			st.RSST++
			if !a.Answered() {
				st.RSSTUnanswered++
			}
		case "functional_protection":
			st.Protection++
			if !a.Answered() && received.AddMonths(2).Before(t.today) {
				st.ProtectionRejected++
			}
		case "work_accident":
			st.Accidents++
			due := received.AddMonths(1)
			if a.ExtendedInquiry {
				due = due.AddMonths(3)
			}
			if !a.Answered() && due.Before(t.today) {
				st.AccidentsUndecided++
			}
		case "complaint", "civil_party_complaint":
			st.Complaints++
		}
	}
}

// finish sorts the counts into the Stats and counts the recurrences.
func (t *tally) finish() {
	s := t.s
	s.ByKind, s.ByChannel, s.ByPerpetrator, s.BySetting = t.byKind.sorted(), t.byChannel.sorted(), t.byPerp.sorted(), t.bySetting.sorted()
	s.ByWorkplace = t.byWork.sorted()
	s.ByMonth = t.byMonth.months(s.First, s.Last)
	s.Recurrence.Perpetrators = len(t.perps)
	for _, n := range t.perps {
		if n >= 2 {
			s.Recurrence.RepeatPerpetrators++
			s.Recurrence.RepeatIncidents += n
		}
	}
	for _, n := range t.perColleague {
		if n >= 2 {
			s.Recurrence.ColleaguesSeveral++
		}
	}
}

func paris() *time.Location {
	if loc, err := time.LoadLocation("Europe/Paris"); err == nil {
		return loc
	}
	return time.Local
}

func dedupe(list []string) []string {
	out := slices.Clone(list)
	slices.Sort(out)
	return slices.Compact(out)
}

// counter counts incidents, and the colleagues who reported them, by key.
type counter map[string]*counted

type counted struct {
	n          int
	colleagues map[int]bool
}

func (c counter) add(key string, colleague int) {
	x := c[key]
	if x == nil {
		x = &counted{colleagues: map[int]bool{}}
		c[key] = x
	}
	x.n++
	x.colleagues[colleague] = true
}

// sorted returns the counts, largest first, then by key.
func (c counter) sorted() []Count {
	out := make([]Count, 0, len(c))
	for k, x := range c {
		out = append(out, Count{Key: k, N: x.n, Colleagues: len(x.colleagues)})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return strings.Compare(a.Key, b.Key)
	})
	return out
}

// months returns the count of every month from first to last, in
// order, months without incident included (zero identifies nobody, and a
// quiet month is information too).
func (c counter) months(first, last app.Date) []Count {
	if first.IsZero() {
		return nil
	}
	var out []Count
	for y, m := first.Year, first.Month; y < last.Year || y == last.Year && m <= last.Month; {
		key := fmt.Sprintf("%04d-%02d", y, int(m))
		count := Count{Key: key}
		if x := c[key]; x != nil {
			count.N, count.Colleagues = x.n, len(x.colleagues)
		}
		out = append(out, count)
		if m++; m > 12 {
			m, y = 1, y+1
		}
	}
	return out
}
