package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
)

// What the F3SCT acts on (defect 8 of issue 11): every step still without
// an answer, whatever its age; the risk factors found in the incidents
// with the prevention measures they call for; the effects on health and
// work. And, for the representative and the lawyer, where each procedure
// stands.

// silence is a step still without an answer, said in a sentence.
type silence struct {
	date app.Date
	text string
}

// unanswered returns the steps still without an answer, oldest first.
func unanswered(d *dossier) []silence {
	var out []silence
	for _, it := range d.items {
		for _, a := range it.in.Actions {
			if !a.Taken() || a.Answered() || a.Date.IsZero() {
				continue
			}
			if s := d.silenceOf(it, a); s != "" {
				out = append(out, silence{a.Date, s})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b silence) int { return a.date.Compare(b.date) })
	return out
}

// silenceOf says a step without an answer, "" when its kind or status
// does not call for one.
func (d *dossier) silenceOf(it *item, a app.Action) string {
	t := d.t
	pairs := []string{"Date", t.day(a.Date), "N", fmt.Sprint(it.n), "Ref", refNumber(a.Reference),
		"Elapsed", t.elapsed(a.Date, d.today)}
	switch a.Kind {
	case "rsst":
		if a.Reference == "" {
			return t.f("report.silence.rsst_noref", pairs...)
		}
		return t.f("report.silence.rsst", pairs...)
	case "functional_protection":
		start, known := a.Received()
		ir := start.AddMonths(2)
		ns, n := d.covered(it, a)
		pairs = append(pairs, "Ns", ns, "IR", t.day(ir))
		switch {
		case !ir.Before(d.today) && d.today != ir:
			return t.n("report.silence.protection_pending", n, pairs...)
		case !known:
			return t.n("report.silence.protection_earliest", n, pairs...)
		}
		return t.n("report.silence.protection", n, pairs...)
	case "work_accident":
		start, _ := a.Received()
		due := start.AddMonths(1)
		if a.ExtendedInquiry {
			due = due.AddMonths(3)
		}
		pairs = append(pairs, "Due", t.day(due))
		if due.Before(d.today) {
			return t.f("report.silence.accident", pairs...)
		}
		return t.f("report.silence.accident_pending", pairs...)
	case "school_report", "takedown_request":
		return t.f(t.variant("report.silence."+a.Kind), pairs...)
	case "hierarchy_alert", "report":
		if a.Status == "awaiting_answer" {
			return t.f("report.silence.alert", append(pairs, "Step", t.code("action", a.Kind))...)
		}
	}
	return ""
}

// refNumber is a step's reference without the words a number sentence
// already says: "RSST n° 2026-031" → "2026-031".
func refNumber(ref string) string {
	r := strings.TrimSpace(ref)
	for _, prefix := range []string{"RSST", "rsst", "n°", "N°", "no.", "No."} {
		r = strings.TrimSpace(strings.TrimPrefix(r, prefix))
	}
	if r == "" {
		return strings.TrimSpace(ref)
	}
	return r
}

// covered names the incidents of this report a request for protection
// covers (« 3, 5 et 9 »), and how many.
func (d *dossier) covered(it *item, a app.Action) (string, int) {
	ns := []int{it.n}
	for _, other := range d.items {
		if other != it && slices.Contains(a.Covers, other.in.ID) {
			ns = append(ns, other.n)
		}
	}
	slices.Sort(ns)
	var s []string
	for _, n := range ns {
		s = append(s, fmt.Sprint(n))
	}
	return d.t.JoinAnd(s), len(ns)
}

// silences writes the steps still without an answer.
func silences(doc *doc, d *dossier) {
	t := d.t
	list := unanswered(d)
	var lines []string
	for _, s := range list {
		lines = append(lines, s.text)
	}
	if len(lines) == 0 {
		lines = []string{t.t("report.silence.none")}
	}
	doc.h2(t.t("report.steps.unanswered"), min(listHeight(doc, lines), 40))
	if len(list) == 0 {
		doc.para(stBody, lines[0])
		return
	}
	doc.bullets(stBody, lines)
}

// Risk factors, in the order the prevention section lists them.
var riskOrder = []string{"video", "phone", "messaging", "online", "safety", "parents", "support"}

// riskFactors returns the risk factors an incident shows (the measures
// of the RSST text and of the prevention section follow from them).
func riskFactors(in *app.Incident) []string {
	var out []string
	add := func(f string) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	if in.HasKind("video_intrusion") || in.HasChannel("video_call") {
		add("video")
	}
	if in.HasChannel("phone") || in.HasChannel("sms") {
		add("phone")
	}
	if in.HasChannel("school_messaging") || in.HasChannel("email") {
		add("messaging")
	}
	if in.HasChannel("social_network") || in.HasKind("image_spread") || in.HasKind("doxxing") || in.HasKind("cyberharassment") {
		add("online")
	}
	if in.HasKind("physical") || in.HasKind("threat") || in.Setting == "surroundings" {
		add("safety")
	}
	if in.Perpetrator == "parent" {
		add("parents")
	}
	add("support")
	return out
}

// prevention writes the risk factors found and the measures suggested for
// each, for the committee to examine.
func prevention(doc *doc, d *dossier) {
	t := d.t
	found := map[string][]int{}
	for _, it := range d.items {
		for _, f := range riskFactors(it.in) {
			found[f] = append(found[f], it.n)
		}
	}
	doc.h1(t.t("report.sec.prevention"), "prevention", 0)
	doc.para(stBody, t.t("report.risk.intro"))
	doc.space(1.5)
	var lines []string
	for _, f := range riskOrder {
		ns := found[f]
		switch {
		case len(ns) == 0:
		case f == "support":
			lines = append(lines, t.f("report.risk.line_all", "Factor", t.t("report.risk.support"), "Measure", t.t("report.rsst.measure.support")))
		case f == "parents":
			lines = append(lines, d.parentLines()...)
		default:
			lines = append(lines, t.f("report.risk.line", "Factor", t.t("report.risk."+f), "Numbers", numbers(ns),
				"Measure", t.t("report.rsst.measure."+f)))
		}
	}
	doc.bullets(stBody, lines)
}

// parentLines names the parents met in several incidents, each with the
// measures that would stop the contacts.
func (d *dossier) parentLines() []string {
	t := d.t
	var out []string
	var single []int
	for _, r := range d.stats.recurrent {
		if r.kind == "parent" {
			out = append(out, t.f("report.risk.parent_repeated", "Ref", r.ref, "Incidents", t.n("count.incidents", r.n),
				"Numbers", numbers(r.items), "Measure", t.t("report.rsst.measure.parents")))
		}
	}
	for _, it := range d.items {
		if it.in.Perpetrator == "parent" && !slices.ContainsFunc(d.stats.recurrent, func(r recurrent) bool {
			return r.kind == "parent" && slices.Contains(r.items, it.n)
		}) {
			single = append(single, it.n)
		}
	}
	if len(single) > 0 {
		out = append(out, t.f("report.risk.line", "Factor", t.t("report.risk.parents"), "Numbers", numbers(single),
			"Measure", t.t("report.rsst.measure.parents")))
	}
	return out
}

// effects writes the effects on work, incident by incident, and on
// health, aggregated and only with the author's consent.
func effects(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("report.sec.effects"), "effects", 0)
	var work []string
	for _, it := range d.items {
		if s := strings.TrimSpace(it.in.WorkImpact); s != "" {
			work = append(work, t.f("report.effects.work_line", "N", fmt.Sprint(it.n), "Text", s))
		}
	}
	doc.h3(t.t("report.effects.work"), 10)
	if len(work) == 0 {
		doc.para(stBody, t.t("report.effects.no_work"))
	} else {
		doc.bullets(stBody, work)
	}
	doc.h3(t.t("report.effects.health"), 10)
	h := d.health
	switch {
	case !d.opts.IncludeHealth:
		doc.para(stBody, t.t("report.effects.no_health"))
	case h.sickLeave == 0 && h.consultations == 0:
		doc.para(stBody, t.t("report.effects.health_none"))
	default:
		var parts []string
		if h.sickLeave > 0 {
			s := t.n("report.effects.sick_leave", h.sickLeave)
			if h.sickDays > 0 {
				s += " " + t.f("report.effects.sick_days", "Days", t.n("count.days", h.sickDays))
			}
			parts = append(parts, s)
		}
		if h.consultations > 0 {
			parts = append(parts, t.n("report.effects.consultations", h.consultations))
		}
		doc.para(stBody, strings.Join(parts, t.t("report.fmt.sep"))+".")
		doc.para(stMuted, t.t("report.effects.no_diagnosis."+d.opts.Audience.String()))
	}
}

// procedures writes, for the representative and the lawyer, where each
// procedure stands for each incident, its next deadline and the document
// Témoin writes to move it on; procedures not begun and without a clock
// are left out.
func procedures(doc *doc, d *dossier) {
	t := d.t
	if !d.has("procedures") {
		return
	}
	doc.h1(t.t("report.sec.procedures"), "procedures", 0)
	doc.para(stMuted, t.t("report.paths.note"))
	doc.space(2)
	var rows [][]cell
	for _, it := range d.items {
		for _, p := range it.paths {
			if !pathWorthShowing(p) {
				continue
			}
			next := ""
			if p.Next != nil {
				next = t.t("deadline."+p.Next.Rule) + t.t("report.fmt.sep") + t.NumericDate(p.Next.Due.In(d.now.Location())) +
					" (" + lowerFirst(deadlineStatus(t, *p.Next)) + ")"
			}
			doc := ""
			if p.Document != "" {
				doc = t.t("report.paths.doc." + p.Document)
			}
			rows = append(rows, []cell{{text: fmt.Sprint(it.n), link: incidentAnchor(it)},
				{text: t.t(t.variant("report.paths." + p.Kind))}, {text: t.t("report.paths." + p.Kind + "." + p.State)},
				{text: next}, {text: doc}})
		}
	}
	if len(rows) == 0 {
		doc.para(stBody, t.t("report.paths.none"))
		return
	}
	doc.table([]column{
		{title: t.t("report.col.n"), width: 9, align: "C"},
		{title: t.t("report.col.procedure"), width: 30},
		{title: t.t("report.col.state"), width: 38},
		{title: t.t("report.col.next"), width: 54},
		{title: t.t("report.col.document")},
	}, rows, stSmall)
}

// pathWorthShowing reports whether a procedure has begun or has a clock
// running.
func pathWorthShowing(p app.Path) bool {
	switch p.State {
	case "not_written", "not_asked", "none":
		return false
	case "possible", "late":
		return p.Next != nil && !p.Next.Passed()
	}
	return true
}
