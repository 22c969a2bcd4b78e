package report

import (
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
)

// Statistics of the incidents in the report: what a committee looks for
// to ask for an inquiry or prevention (recurrent facts by kind, channel,
// kind of perpetrator, over the months; the same perpetrator again).

// count is how many incidents have a code.
type count struct {
	code string
	n    int
}

// period is a month (or a year, when the period is too long for months)
// and its number of incidents.
type period struct {
	year  int
	month time.Month // 0 for a whole year
	n     int
}

// recurrent is a perpetrator, by pseudonymous reference, met in several
// incidents.
type recurrent struct {
	ref         string
	n           int
	first, last time.Time
	items       []int // incident numbers
	kind        string
}

type stats struct {
	total                                       int
	byKind, byChannel, byPerpetrator, bySetting []count
	periods                                     []period
	byYear                                      bool
	recurrent                                   []recurrent
	distinctRefs, withoutRef                    int
	actions                                     int
	files, links                                int
	amended, workImpact                         int
}

// maxMonths is the longest period charted month by month; beyond, by year.
const maxMonths = 48

func computeStats(items []*item, since, until app.Date) *stats {
	s := &stats{total: len(items)}
	kinds, channels, perps, settings := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	refs := map[string]*recurrent{}
	var order []string
	for _, it := range items {
		in := it.in
		for _, k := range in.Kinds {
			kinds[k]++
		}
		for _, c := range in.Channels {
			channels[c]++
		}
		perps[orUnknown(in.Perpetrator)]++
		if in.Setting != "" {
			settings[in.Setting]++
		}
		if ref := strings.TrimSpace(in.PerpetratorRef); ref != "" {
			key := app.Fold(ref)
			r := refs[key]
			if r == nil {
				r = &recurrent{ref: ref, first: in.OccurredAt, kind: in.Perpetrator}
				refs[key] = r
				order = append(order, key)
			}
			r.n++
			r.last = in.OccurredAt
			r.items = append(r.items, it.n)
		} else {
			s.withoutRef++
		}
		s.countFollowUp(it)
	}
	s.byKind = counted(app.Kinds, kinds)
	s.byChannel = counted(app.Channels, channels)
	s.byPerpetrator = counted(app.Perpetrators, perps)
	s.bySetting = counted(app.Settings, settings)
	s.distinctRefs = len(refs)
	for _, key := range order {
		if r := refs[key]; r.n > 1 {
			s.recurrent = append(s.recurrent, *r)
		}
	}
	slices.SortStableFunc(s.recurrent, func(a, b recurrent) int { return b.n - a.n })
	s.periods, s.byYear = periods(items, since, until)
	return s
}

// countFollowUp counts an incident's steps, evidence, amendments and
// effects.
func (s *stats) countFollowUp(it *item) {
	in := it.in
	for _, a := range in.Actions {
		if a.Taken() {
			s.actions++
		}
	}
	for _, ev := range in.Evidence {
		if ev.IsLink() {
			s.links++
		} else {
			s.files++
		}
	}
	if len(it.revisions) > 1 {
		s.amended++
	}
	if strings.TrimSpace(in.WorkImpact) != "" {
		s.workImpact++
	}
}

func orUnknown(code string) string {
	if code == "" {
		return "unknown"
	}
	return code
}

// counted returns the codes met, most frequent first, ties in the order
// of the list of codes.
func counted(list []string, m map[string]int) []count {
	var out []count
	for _, c := range list {
		if m[c] > 0 {
			out = append(out, count{c, m[c]})
		}
	}
	for c, n := range m { // codes unknown to this version, if any
		if !slices.Contains(list, c) {
			out = append(out, count{c, n})
		}
	}
	slices.SortStableFunc(out, func(a, b count) int { return b.n - a.n })
	return out
}

// periods counts the incidents of every month from since to until, empty
// months included (a quiet month is information too); by year when that
// would make too many months.
func periods(items []*item, since, until app.Date) ([]period, bool) {
	if since.IsZero() || until.IsZero() || until.Before(since) {
		return nil, false
	}
	months := (until.Year-since.Year)*12 + int(until.Month-since.Month) + 1
	byYear := months > maxMonths
	var out []period
	index := map[[2]int]int{}
	if byYear {
		for y := since.Year; y <= until.Year; y++ {
			index[[2]int{y, 0}] = len(out)
			out = append(out, period{year: y})
		}
	} else {
		y, m := since.Year, since.Month
		for range months {
			index[[2]int{y, int(m)}] = len(out)
			out = append(out, period{year: y, month: m})
			if m++; m > 12 {
				m, y = 1, y+1
			}
		}
	}
	for _, it := range items {
		y, m, _ := it.in.OccurredAt.Date()
		key := [2]int{y, int(m)}
		if byYear {
			key[1] = 0
		}
		if i, ok := index[key]; ok {
			out[i].n++
		}
	}
	return out, byYear
}
