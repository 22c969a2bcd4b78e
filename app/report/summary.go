package report

import (
	"fmt"
	"strings"
)

// The summary (what a committee member reads first) and the statistics
// with their charts.

func summary(doc *doc, d *dossier) {
	t, s := d.t, d.stats
	doc.h1(t.t("report.sec.summary"), "summary", 0)
	doc.para(stBody, t.n("report.sum.intro", s.total, "Incidents", t.n("count.incidents", s.total), "When", periodText(d)))
	if s.total >= 3 {
		doc.space(4)
		keyFigures(doc, d)
	}

	// What is asked comes first: it is why the dossier is on the table.
	doc.h2(t.t("report.sum.request."+d.opts.Audience.String()), 16)
	if d.request != "" {
		doc.box(stBody, d.request)
	} else if d.opts.Audience == ForCommittee {
		doc.box(stBody, t.t("report.sum.no_request"))
		doc.space(1.5)
		doc.para(stBody, t.t("report.sum.request_intro"))
		doc.bullets(stBody, t.list("report.sum.request_options", "Inquiry", inquiry(d)))
	} else {
		doc.para(stBody, t.t("report.sum.no_request"))
	}

	doc.h2(t.t("report.sum.context"), 16)
	doc.kv(46, [][2]string{
		{t.t("report.cover.function"), d.function},
		{t.t("report.cover.workplace"), d.place},
		{t.t("report.cover.authority"), d.profile.Authority},
		{t.t("report.sum.settings"), countList(t, "setting", s.bySetting)},
	})
	if d.function == "" && d.place == "" {
		doc.para(stMuted, t.t("report.sum.no_context"))
	}

	doc.h2(t.t("report.sum.what"), 16)
	doc.kv(46, [][2]string{
		{t.t("report.sum.kinds"), countList(t, "kind", s.byKind)},
		{t.t("report.sum.channels"), countList(t, "channel", s.byChannel)},
		{t.t("report.sum.perpetrators"), countList(t, "perpetrator", s.byPerpetrator)},
		{t.t("report.sum.trend"), trend(d)},
	})

	summaryRecurrence(doc, d)
	summarySteps(doc, d)
}

// inquiry is what the committee may ask for: an inquiry, said to be about
// repeated facts only when they are (a perpetrator in two incidents or
// more, or three incidents); for one incident, the examination of the
// facts.
func inquiry(d *dossier) string {
	switch {
	case len(d.items) == 1:
		return d.t.t("report.sum.inquiry.one")
	case len(d.stats.recurrent) > 0 || len(d.items) >= 3:
		return d.t.t("report.sum.inquiry.repeated")
	}
	return d.t.t("report.sum.inquiry.plain")
}

// summaryRecurrence writes the perpetrators seen more than once. Short
// blocks are kept whole with their heading.
func summaryRecurrence(doc *doc, d *dossier) {
	t, s := d.t, d.stats
	if len(d.items) < 2 {
		return
	}
	var recurrent []string
	for _, r := range s.recurrent {
		recurrent = append(recurrent, t.f("report.sum.recurrent", "Ref", r.ref, "Kind", t.code("perpetrator", orUnknown(r.kind)),
			"Incidents", t.n("count.incidents", r.n), "First", t.Date(r.first), "Last", t.Date(r.last),
			"Numbers", numbers(r.items)))
	}
	if len(recurrent) == 0 {
		recurrent = []string{t.t("report.sum.no_recurrence")}
	}
	doc.h2(t.t("report.sum.recurrence"), listHeight(doc, recurrent)+doc.height(stMuted, distinctSentence(d), contentW))
	if len(s.recurrent) == 0 {
		doc.para(stBody, recurrent[0])
	} else {
		doc.bullets(stBody, recurrent)
	}
	doc.para(stMuted, distinctSentence(d))
}

// summarySteps writes how many steps were taken, and how many the
// administration left unanswered (listed in the steps' section).
func summarySteps(doc *doc, d *dossier) {
	t := d.t
	text := stepsSentence(d)
	doc.h2(t.t("report.sum.steps"), doc.height(stBody, text, contentW)+1)
	doc.para(stBody, text)
}

// listHeight is the height of a bulleted list.
func listHeight(doc *doc, items []string) float64 {
	h := 0.0
	for _, it := range items {
		h += doc.height(stBody, it, contentW-5) + 0.8
	}
	return h
}

// keyFigures draws four figures in a row: incidents, months concerned,
// repeat perpetrators, steps without an answer.
func keyFigures(doc *doc, d *dossier) {
	t, s := d.t, d.stats
	months := 0
	for _, p := range s.periods {
		if p.n > 0 {
			months++
		}
	}
	silent := len(unanswered(d))
	figures := []struct {
		n     int
		label string
	}{
		{s.total, t.n("report.fig.incidents", s.total)},
		{months, t.n(map[bool]string{true: "report.fig.years", false: "report.fig.months"}[s.byYear], months)},
		{len(s.recurrent), t.n("report.fig.recurrent", len(s.recurrent))},
		{silent, t.n("report.fig.awaiting", silent)},
	}
	const gap = 4.0
	w := (contentW - 3*gap) / 4
	h := 21.0
	doc.need(h)
	y := doc.y()
	f := doc.f
	for i, fg := range figures {
		x := marginL + float64(i)*(w+gap)
		f.SetFillColor(tint.r, tint.g, tint.b)
		f.Rect(x, y, w, h, "F")
		doc.setStyle(stBigNum)
		f.SetXY(x+4, y+3)
		f.CellFormat(w-8, 9, t.Num(fg.n), "", 0, "L", false, 0, "")
		doc.setStyle(stSmall)
		for k, l := range doc.wrap(fg.label, w-8) {
			if k > 1 {
				break
			}
			f.SetXY(x+4, y+13+float64(k)*stSmall.lineHeight())
			f.CellFormat(w-8, stSmall.lineHeight(), l, "", 0, "L", false, 0, "")
		}
	}
	f.SetY(y + h)
}

// countList writes "Insultes, injures (8) ; Menaces (5)…".
func countList(t *texts, list string, counts []count) string {
	var parts []string
	for _, c := range counts {
		parts = append(parts, t.code(list, c.code)+"\u00a0("+t.Num(c.n)+")")
	}
	return strings.Join(parts, t.t("report.fmt.sep"))
}

// numbers writes incident numbers: "2, 5, 7".
func numbers(ns []int) string {
	var s []string
	for _, n := range ns {
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, ", ")
}

// trend says how the incidents are spread over time: the busiest month,
// and the last three months against the three before.
func trend(d *dossier) string {
	t, s := d.t, d.stats
	if len(s.periods) < 2 {
		return ""
	}
	best := s.periods[0]
	for _, p := range s.periods {
		if p.n > best.n {
			best = p
		}
	}
	label := t.month(best.year, best.month, false)
	if s.byYear {
		label = fmt.Sprint(best.year)
	}
	out := t.f("report.sum.busiest", "Period", label, "Incidents", t.n("count.incidents", best.n))
	if !s.byYear && len(s.periods) >= 6 {
		last, before := 0, 0
		for i, p := range s.periods {
			switch {
			case i >= len(s.periods)-3:
				last += p.n
			case i >= len(s.periods)-6:
				before += p.n
			}
		}
		out += " " + t.f("report.sum.last_months", "Last", fmt.Sprint(last), "Before", fmt.Sprint(before))
	}
	return out
}

func distinctSentence(d *dossier) string {
	t, s := d.t, d.stats
	out := t.n("report.sum.distinct", s.distinctRefs)
	if s.withoutRef > 0 {
		out += " " + t.n("report.sum.without_ref", s.withoutRef)
	}
	return out
}

// stepsSentence counts the steps taken (a planned step is not one) and
// those left unanswered.
func stepsSentence(d *dossier) string {
	t, s := d.t, d.stats
	if s.actions == 0 {
		return t.t("report.sum.no_steps")
	}
	out := t.n("report.sum.steps_count", s.actions)
	if n := len(unanswered(d)); n > 0 {
		out += " " + t.n("report.sum.steps_awaiting", n)
	}
	return out
}

// makeCharts draws the statistics' charts: incidents by month (or year),
// and by kind, channel and kind of perpetrator; a chart of a single bar
// says nothing a sentence does not, and is left out.
func makeCharts(d *dossier) (map[string]*chart, error) {
	t, s := d.t, d.stats
	out := map[string]*chart{}
	if !d.has("stats") {
		return out, nil
	}
	if len(s.periods) >= 2 {
		var labels []string
		var values []int
		for _, p := range s.periods {
			if s.byYear {
				labels = append(labels, fmt.Sprint(p.year))
			} else {
				labels = append(labels, t.month(p.year, p.month, true))
			}
			values = append(values, p.n)
		}
		h := 62.0
		if len(labels) > 10 {
			h = 70
		}
		c, err := barChart(labels, values, false, contentW, h)
		if err != nil {
			return nil, err
		}
		out["chart-month"] = c
	}
	for _, cat := range []struct {
		name, list string
		counts     []count
	}{
		{"chart-kind", "kind", s.byKind},
		{"chart-channel", "channel", s.byChannel},
		{"chart-perpetrator", "perpetrator", s.byPerpetrator},
	} {
		if len(cat.counts) < 2 {
			continue
		}
		var labels []string
		var values []int
		for _, c := range cat.counts {
			labels = append(labels, t.code(cat.list, c.code))
			values = append(values, c.n)
		}
		h := max(28, 8*float64(len(labels))+12)
		c, err := barChart(labels, values, true, contentW, h)
		if err != nil {
			return nil, err
		}
		out[cat.name] = c
	}
	return out, nil
}

func statistics(doc *doc, d *dossier, charts map[string]*chart) {
	t, s := d.t, d.stats
	if !d.has("stats") {
		return
	}
	doc.h1(t.t("report.sec.stats"), "stats", 0)
	doc.para(stMuted, t.t("report.stats.note"))
	for _, c := range []struct{ name, title string }{
		{"chart-month", t.t(map[bool]string{true: "report.stats.by_year", false: "report.stats.by_month"}[s.byYear])},
		{"chart-kind", t.t("report.stats.by_kind")},
		{"chart-channel", t.t("report.stats.by_channel")},
		{"chart-perpetrator", t.t("report.stats.by_perpetrator")},
	} {
		ch := charts[c.name]
		if ch == nil {
			continue
		}
		doc.h3(c.title, ch.h)
		doc.image(doc.registerImage(ch.png, "PNG"), ch.w, ch.h)
	}

	doc.h3(t.t("report.stats.recurrence"), 20)
	if len(s.recurrent) == 0 {
		doc.para(stBody, t.t("report.sum.no_recurrence"))
		return
	}
	cols := []column{
		{title: t.t("report.col.ref"), width: 34},
		{title: t.t("report.col.perpetrator"), width: 38},
		{title: t.t("report.col.count"), width: 18, align: "R"},
		{title: t.t("report.col.first"), width: 22},
		{title: t.t("report.col.last"), width: 22},
		{title: t.t("report.col.numbers")},
	}
	var rows [][]cell
	for _, r := range s.recurrent {
		rows = append(rows, []cell{{text: r.ref}, {text: t.code("perpetrator", orUnknown(r.kind))},
			{text: fmt.Sprint(r.n)}, {text: t.NumericDate(r.first)}, {text: t.NumericDate(r.last)}, {text: numbers(r.items)}})
	}
	doc.table(cols, rows, stSmall)
}
