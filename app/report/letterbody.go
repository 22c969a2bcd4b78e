package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
)

// The bodies of the letters (docs/legal-spec-issue11.md § 5.3 to 5.8).

// requestBody writes a first request (A) or an extension to new facts
// (B): the facts, their link with the duties, the consequences, the steps
// taken, the measures asked for.
func (l *letterLayout) requestBody() {
	t := l.t
	pairs := append(l.requestDates(), "Name", l.or(l.p.Name), "Function", l.or(l.p.Function), "Workplace", l.or(l.p.Workplace),
		"Facts", l.factDates(l.choice.Covered))
	intro := "report.letter.intro." + l.kind
	if l.kind == app.DocLetterRequest && l.choice.State == "expired" {
		intro = "report.letter.intro.request_again"
	}
	l.doc.para(stBody, t.f(intro, pairs...))
	l.facts()
	l.link()
	l.consequences()
	l.steps()
	l.heading2(t.t("report.letter.sec.measures"))
	l.doc.para(stBody, t.t("report.letter.forms_intro."+l.kind))
	l.doc.space(1)
	items := l.forms()
	var after []string
	if a := l.declaration(); a != "" {
		after = append(after, a)
	}
	l.doc.bullets(stBody, items[:len(items)-1])
	l.closing(items[len(items)-1:], append(after, t.t("report.letter.closing"))...)
}

// complementBody writes new facts for a pending request (B′).
func (l *letterLayout) complementBody() {
	t := l.t
	l.doc.para(stBody, t.f("report.letter.intro.letter_complement", l.requestDates()...))
	l.facts()
	l.link()
	l.consequences()
	l.closing(nil, t.t("report.letter.closing_complement"))
}

// appealBody writes a recours gracieux, after an implicit rejection (C)
// or a written refusal (C′).
func (l *letterLayout) appealBody() {
	t := l.t
	pairs := append(l.requestDates(), "Kinds", l.kindsWords(), "First", t.day(l.firstFact()), "Last", t.day(l.lastFact()))
	l.doc.para(stBody, t.f("report.letter.intro."+l.kind, pairs...))
	if l.kind == app.DocLetterRefusal {
		reasons := strings.TrimSpace(l.opts.Reasons)
		if reasons == "" && l.choice.Request != nil {
			reasons = l.choice.Request.Answer
		}
		if reasons != "" {
			l.doc.para(stBody, t.f("report.letter.refusal_reasons", "Reasons", t.printable(reasons)))
		}
		l.doc.para(stItalic, t.t("report.letter.refusal_blank"))
	}
	l.doc.space(2)
	l.doc.para(stBody, t.t("report.letter.appeal_ask"))
	l.doc.bullets(stBody, []string{
		t.f("report.letter.appeal.established", "Proof", l.proofs()),
		t.f("report.letter.appeal.qualified", "Kinds", l.kindsWords()),
		t.f("report.letter.appeal.linked", "Link", l.linkSummary()),
		t.t("report.letter.appeal.no_fault"),
		t.t("report.letter.appeal.no_wait"),
	})
	if r := l.choice.Reasons; l.kind == app.DocLetterAppeal && r != nil && !r.AnswerDate.IsZero() {
		reasons := strings.TrimSpace(l.opts.Reasons)
		if reasons == "" {
			reasons = r.Answer
		}
		l.doc.para(stBody, t.f("report.letter.appeal.reasons", "Date", t.day(r.AnswerDate), "Reasons", l.or(t.printable(reasons))))
		l.doc.para(stItalic, t.t("report.letter.refusal_blank"))
	}
	if len(l.choice.New) > 0 {
		l.heading2(t.t("report.letter.sec.new_facts"))
		l.factsOf(l.choice.New)
	}
	l.doc.space(2)
	l.doc.para(stBody, t.t("report.letter.appeal_measures"))
	items := l.forms()
	l.doc.bullets(stBody, items[:len(items)-1])
	l.closing(items[len(items)-1:], t.t("report.letter.appeal_interrupts"))
}

// reasonsBody writes the request for the reasons of an implicit
// rejection (D, CRPA art. L232-4).
func (l *letterLayout) reasonsBody() {
	t := l.t
	l.doc.para(stBody, t.f("report.letter.intro.letter_reasons", l.requestDates()...))
	l.closing(nil, t.t("report.letter.reasons_ask"))
}

// heading2 writes a numbered section title: only the sections present
// are numbered, in order.
func (l *letterLayout) heading2(title string) {
	l.section++
	l.doc.h3(fmt.Sprintf("%d. %s", l.section, title), 14)
}

// facts writes the incidents of the letter, or for an extension the new
// ones.
func (l *letterLayout) facts() {
	t := l.t
	title := t.t("report.letter.sec.facts")
	var ids []string
	for _, it := range l.d.items {
		ids = append(ids, it.in.ID)
	}
	if l.kind == app.DocLetterExtend || l.kind == app.DocLetterAdd {
		title, ids = t.t("report.letter.sec.new_facts"), l.choice.New
		if len(ids) == 0 {
			ids = l.allIDs()
		}
	}
	l.heading2(title)
	l.factsOf(ids)
}

func (l *letterLayout) allIDs() []string {
	var ids []string
	for _, it := range l.d.items {
		ids = append(ids, it.in.ID)
	}
	return ids
}

// factsOf writes the given incidents in chronological order: when,
// where, what happened, the exact words, who, the pieces.
func (l *letterLayout) factsOf(ids []string) {
	doc, t := l.doc, l.t
	for _, it := range l.d.items {
		if !slices.Contains(ids, it.in.ID) {
			continue
		}
		in := it.in
		head := t.f("report.letter.fact_when", "When", when(t, in))
		if place := joinDash(t.code("setting", in.Setting), in.Place); place != "" {
			head += ", " + lowerFirst(place)
		}
		if ch := t.codes("channel", in.Channels); ch != "" {
			head += " (" + lowerFirst(ch) + ")"
		}
		text := strings.TrimSpace(in.Description)
		doc.need(3 * stBody.lineHeight())
		doc.para(stBody, t.Colon(head)+" "+text)
		if s := strings.TrimSpace(in.ExactWords); s != "" {
			doc.paraAt(stQuote, t.f("report.letter.words", "Words", t.Quote(s)), marginL+4, contentW-4, "L")
		}
		var extra []string
		if s := l.author(in); s != "" {
			extra = append(extra, t.Colon(t.field("perpetrator"))+" "+s)
		}
		if s := l.witnessRoles(in); s != "" {
			extra = append(extra, t.Colon(t.field("witnesses"))+" "+s)
		}
		if len(it.evidence) > 0 {
			var ps []string
			for _, e := range it.evidence {
				ps = append(ps, e.label())
			}
			extra = append(extra, t.Colon(t.t("report.letter.pieces"))+" "+strings.Join(ps, ", "))
		}
		if len(extra) > 0 {
			doc.paraAt(stSmall, strings.Join(extra, " · "), marginL+4, contentW-4, "L")
		}
		doc.space(2)
	}
}

// author says who did it: an adult by name (or pseudonym when chosen), a
// pupil never by name: by class when known.
func (l *letterLayout) author(in *app.Incident) string {
	t := l.t
	if in.Perpetrator != "pupil" {
		return perpetrator(t, in, true)
	}
	ref := app.Fold(strings.TrimSpace(in.PerpetratorRef))
	for _, p := range l.people {
		if p.IsPupil() && (app.Fold(p.Pseudonym) == ref || app.Fold(p.Name) == ref) {
			if class := pupilClass(p.Role); class != "" {
				return t.f("report.letter.pupil_class", "Class", class)
			}
		}
	}
	return t.t("report.letter.pupil")
}

// pupilClass returns the class written in a pupil's role: "élève de 2de
// B" → "2de B".
func pupilClass(role string) string {
	role = strings.TrimSpace(role)
	for _, p := range []string{"élève de ", "eleve de ", "élève en ", "apprenant de "} {
		if strings.HasPrefix(strings.ToLower(role), p) {
			return strings.TrimSpace(role[len(p):])
		}
	}
	return ""
}

// witnessRoles names the witnesses by their role: their names and
// contact details are for the lawyer, not the letter.
func (l *letterLayout) witnessRoles(in *app.Incident) string {
	var roles []string
	for _, w := range in.Witnesses {
		if r := strings.TrimSpace(w.Role); r != "" {
			roles = append(roles, r)
		} else if p := strings.TrimSpace(w.Pseudonym); p != "" {
			roles = append(roles, p)
		}
	}
	return strings.Join(roles, l.t.t("report.fmt.sep"))
}

// consequences writes what the facts did to the author, and the dates of
// sick leave when chosen; never a diagnosis.
func (l *letterLayout) consequences() {
	t := l.t
	var cons []string
	for _, it := range l.d.items {
		if !l.concerns(it) {
			continue
		}
		in := it.in
		parts := nonEmpty(in.Consequences, in.WorkImpact)
		if l.opts.IncludeHealth {
			for _, a := range l.stored[in.ID].Actions {
				if a.Kind == "sick_leave" && a.Taken() && !a.Date.IsZero() {
					if a.Until.IsZero() {
						parts = append(parts, t.f("report.letter.sick_since", "Start", t.day(a.Date)))
					} else {
						parts = append(parts, t.f("report.letter.sick_leave", "Start", t.day(a.Date), "End", t.day(a.Until)))
					}
				}
			}
		}
		if len(parts) > 0 {
			cons = append(cons, t.Colon(t.f("report.letter.after", "Date", t.Date(in.OccurredAt)))+" "+strings.Join(parts, " "))
		}
	}
	if len(cons) > 0 {
		l.heading2(t.t("report.letter.sec.consequences"))
		l.doc.bullets(stBody, cons)
	}
}

// steps writes the steps taken, worded by where they stand: never a union
// contact, a health step, nor a planned step written as done.
func (l *letterLayout) steps() {
	t := l.t
	var steps, planned []string
	for _, it := range l.d.items {
		if !l.concerns(it) {
			continue
		}
		for _, a := range it.in.Actions {
			switch {
			case a.Kind == "union" || a.Kind == "occupational_doctor" || a.Kind == "sick_leave" || a.Kind == "functional_protection":
			case !a.Taken():
				if l.opts.MentionPlanned && t.Has("report.letter.planned."+a.Kind) {
					planned = append(planned, t.t("report.letter.planned."+a.Kind))
				}
			default:
				steps = append(steps, l.step(a))
			}
		}
	}
	if len(steps) == 0 && len(planned) == 0 {
		return
	}
	title := "report.letter.sec.steps"
	if l.kind == app.DocLetterExtend {
		title = "report.letter.sec.steps_since"
	}
	l.heading2(t.t(title))
	l.doc.bullets(stBody, steps)
	for _, p := range planned {
		l.doc.para(stBody, t.f("report.letter.planned", "Step", p))
	}
}

// step says one step taken: « le 3 mars 2026 : plainte déposée
// (PV 2026/00412) ; sans suite connue à ce jour ».
func (l *letterLayout) step(a app.Action) string {
	t := l.t
	s := t.code("action", a.Kind)
	if a.Reference != "" {
		s += " (" + a.Reference + ")"
	}
	if !a.Date.IsZero() {
		s = t.Colon(t.f("report.letter.on_day", "Date", t.day(a.Date))) + " " + lowerFirst(s)
	}
	switch {
	case a.Answered() && a.Answer != "":
		s += t.t("report.fmt.sep") + t.f("report.letter.answer", "Date", t.day(a.AnswerDate), "Answer", a.Answer)
	case a.Answered():
		s += t.t("report.fmt.sep") + t.f("report.letter.answered", "Date", t.day(a.AnswerDate))
	case a.Status == "awaiting_answer" || a.Status == "done" && expectsAnswer(a.Kind):
		s += t.t("report.fmt.sep") + t.t("report.letter.no_answer."+stepFamily(a.Kind))
	}
	return s
}

// expectsAnswer reports whether a step done calls for an answer (an alert
// or a report is often answered orally: only when marked awaiting).
func expectsAnswer(kind string) bool {
	switch kind {
	case "complaint", "civil_party_complaint", "rsst", "work_accident", "school_report", "takedown_request", "dgi":
		return true
	}
	return false
}

// concerns reports whether an incident is among those the letter is about:
// for an extension or new facts added to a pending request, the new ones.
func (l *letterLayout) concerns(it *item) bool {
	if (l.kind == app.DocLetterExtend || l.kind == app.DocLetterAdd) && len(l.choice.New) > 0 {
		return slices.Contains(l.choice.New, it.in.ID)
	}
	return true
}

// stepFamily groups steps by how their silence is said.
func stepFamily(kind string) string {
	switch kind {
	case "complaint", "civil_party_complaint", "police_record":
		return "complaint"
	case "work_accident":
		return "accident"
	}
	return "other"
}

// declaration mentions an accident declaration made, which follows its
// own procedure.
func (l *letterLayout) declaration() string {
	t := l.t
	for _, it := range l.d.items {
		for _, a := range it.in.Actions {
			if a.Kind == "work_accident" && a.Taken() && !a.Date.IsZero() {
				return t.f("report.letter.declaration", "Date", t.day(a.Date), "Facts", t.Date(it.in.OccurredAt))
			}
		}
	}
	return ""
}

// factDates lists the days of the facts given ("du 3 mars 2026", "des 3 et
// 12 mars 2026").
func (l *letterLayout) factDates(ids []string) string {
	var days []string
	for _, it := range l.d.items {
		if slices.Contains(ids, it.in.ID) {
			days = append(days, l.t.Date(it.in.OccurredAt))
		}
	}
	for _, id := range ids {
		if in := l.stored[id]; in != nil && !slices.ContainsFunc(l.d.items, func(it *item) bool { return it.in.ID == id }) {
			days = append(days, l.t.Date(in.OccurredAt))
		}
	}
	return l.t.JoinAnd(days)
}

func (l *letterLayout) firstFact() app.Date { return app.DateOf(l.d.items[0].in.OccurredAt) }
func (l *letterLayout) lastFact() app.Date {
	return app.DateOf(l.d.items[len(l.d.items)-1].in.OccurredAt)
}

// kindsWords names the kinds of the facts, in words: « menaces, injures
// et actes d'intimidation ».
func (l *letterLayout) kindsWords() string {
	var kinds []string
	for _, k := range app.Kinds {
		for _, it := range l.d.items {
			if it.in.HasKind(k) && l.t.Has("report.letter.kind."+k) {
				kinds = append(kinds, l.t.t("report.letter.kind."+k))
				break
			}
		}
	}
	if len(kinds) == 0 {
		return l.t.t("report.letter.kind.other")
	}
	return l.t.JoinAnd(kinds)
}

// proofs says what establishes the facts: the complaint, the RSST
// entries, the witnesses, the pieces.
func (l *letterLayout) proofs() string {
	t := l.t
	var parts []string
	for _, it := range l.d.items {
		for _, a := range it.in.Actions {
			switch {
			case !a.Taken() || a.Date.IsZero():
			case a.Kind == "complaint":
				parts = append(parts, t.f("report.letter.proof.complaint", "Date", t.day(a.Date)))
			case a.Kind == "rsst":
				parts = append(parts, t.f("report.letter.proof.rsst", "Date", t.day(a.Date), "Ref", refNumber(a.Reference)))
			}
		}
		if len(it.in.Witnesses) > 0 {
			parts = append(parts, t.f("report.letter.proof.witness", "Date", t.Date(it.in.OccurredAt)))
		}
	}
	if n := len(l.d.evidence); n > 0 {
		parts = append(parts, t.f("report.letter.proof.pieces", "Last", fmt.Sprint(n)))
	}
	if len(parts) == 0 {
		return l.blank
	}
	return strings.Join(parts, t.t("report.fmt.sep"))
}
