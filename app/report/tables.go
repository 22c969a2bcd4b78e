package report

import (
	"fmt"
	"strings"

	"github.com/temoin-app/temoin/app"
)

// The chronology table and the steps taken: the table of steps, those the
// administration left unanswered, and the deadlines that follow.

func chronology(doc *doc, d *dossier) {
	t := d.t
	if !d.has("chronology") {
		return
	}
	doc.h1(t.t("report.sec.chronology"), "chronology", 0)
	doc.para(stMuted, t.t("report.chrono.note"))
	doc.space(2)
	cols := []column{
		{title: t.t("report.col.n"), width: 9, align: "C"},
		{title: t.t("report.col.date"), width: 19},
		{title: t.t("report.col.kinds"), width: 28, max: 4},
		{title: t.t("report.col.channel"), width: 26, max: 3},
		{title: t.t("report.col.perpetrator"), width: 28, max: 3},
		{title: t.t("report.col.facts"), max: 4},
		{title: t.t("report.col.page"), width: 10, align: "R"},
	}
	var rows [][]cell
	for _, it := range d.items {
		in := it.in
		when := t.NumericDate(in.OccurredAt)
		if !in.TimeUnknown {
			when += "\n" + t.Clock(in.OccurredAt)
		}
		facts := in.Description
		if strings.TrimSpace(facts) == "" {
			facts = t.Quote(in.ExactWords)
		}
		anchor := incidentAnchor(it)
		rows = append(rows, []cell{
			{text: fmt.Sprint(it.n), link: anchor},
			{text: when},
			{text: t.codes("kind", in.Kinds)},
			{text: t.codes("channel", in.Channels)},
			{text: perpetratorShort(t, in)},
			{text: facts},
			{page: anchor, link: anchor},
		})
	}
	doc.table(cols, rows, stTable)
}

func incidentAnchor(it *item) string { return fmt.Sprintf("incident-%d", it.n) }

// perpetrator writes the kind of perpetrator and its reference: "Parent,
// représentant légal — Parent P1 (2 auteurs)".
func perpetrator(t *texts, in *app.Incident, withCount bool) string {
	s := t.code("perpetrator", in.Perpetrator)
	if ref := strings.TrimSpace(in.PerpetratorRef); ref != "" {
		if s != "" {
			s += " — "
		}
		s += ref
	}
	if withCount && in.PerpetratorCount > 1 {
		s += " " + t.f("report.fmt.count_authors", "N", fmt.Sprint(in.PerpetratorCount))
	}
	return s
}

// perpetratorShort puts the reference first, for a narrow column:
// "Parent P1 (parent, représentant légal)".
func perpetratorShort(t *texts, in *app.Incident) string {
	kind := t.code("perpetrator", in.Perpetrator)
	ref := strings.TrimSpace(in.PerpetratorRef)
	switch {
	case ref == "":
		return kind
	case kind == "":
		return ref
	}
	return ref + " (" + lowerFirst(kind) + ")"
}

// steps writes the steps taken and their answers, those still without an
// answer, and the deadlines that follow from them.
func steps(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("report.sec.steps"), "steps", 0)
	var rows [][]cell
	for _, it := range d.items {
		for _, a := range it.in.Actions {
			rows = append(rows, append([]cell{{text: fmt.Sprint(it.n), link: incidentAnchor(it)}}, actionCells(t, a)...))
		}
	}
	if len(rows) == 0 {
		doc.para(stBody, t.t("report.sum.no_steps"))
	} else {
		doc.para(stMuted, t.t("report.steps.note"))
		doc.space(2)
		cols := append([]column{{title: t.t("report.col.n"), width: 9, align: "C"}}, actionColumns(t)...)
		doc.table(cols, rows, stSmall)
	}
	silences(doc, d)
	deadlineTable(doc, d)
}

// deadlineTable lists the deadlines the reader sees.
func deadlineTable(doc *doc, d *dossier) {
	t := d.t
	var drows [][]cell
	for _, it := range d.items {
		for _, dl := range it.deadlines {
			status := deadlineStatus(t, dl)
			if day, ok := d.dismissedOn(dl); ok {
				status += " — " + t.f("report.deadline.dismissed", "Date", t.day(day))
			}
			drows = append(drows, []cell{
				{text: fmt.Sprint(it.n), link: incidentAnchor(it)},
				{text: t.t("deadline." + dl.Rule)},
				{text: t.NumericDate(dl.Start.In(d.now.Location()))},
				{text: t.NumericDate(dl.Due.In(d.now.Location()))},
				{text: status},
			})
		}
	}
	doc.h2(t.t("report.steps.deadlines"), 20)
	if len(drows) == 0 {
		doc.para(stBody, t.t("report.steps.no_deadlines"))
		return
	}
	doc.para(stMuted, t.f("report.steps.deadlines_note."+d.opts.Audience.String(), "Date", t.Date(d.now)))
	doc.space(2)
	doc.table([]column{
		{title: t.t("report.col.n"), width: 9, align: "C"},
		{title: t.t("report.col.deadline"), width: 62},
		{title: t.t("report.col.start"), width: 22},
		{title: t.t("report.col.due"), width: 22},
		{title: t.t("report.col.status")},
	}, drows, stSmall)
}

// actionColumns are the columns of a table of steps (without the
// incident's number).
func actionColumns(t *texts) []column {
	return []column{
		{title: t.t("report.col.date"), width: 19},
		{title: t.t("report.col.action"), width: 36},
		{title: t.t("report.col.reference"), width: 25},
		{title: t.t("report.col.status"), width: 24},
		{title: t.t("report.col.answer")},
	}
}

func actionCells(t *texts, a app.Action) []cell {
	date := ""
	if !a.Date.IsZero() {
		date = fmt.Sprintf("%02d/%02d/%04d", a.Date.Day, a.Date.Month, a.Date.Year)
	}
	answer := a.Answer
	if !a.AnswerDate.IsZero() {
		answer = strings.TrimSpace(t.Colon(t.day(a.AnswerDate)) + " " + answer)
		if a.Answer == "" {
			answer = t.day(a.AnswerDate)
		}
	}
	if !a.ReceivedOn.IsZero() {
		answer = strings.TrimSpace(t.f("report.steps.received", "Date", t.day(a.ReceivedOn)) + "\n" + answer)
	}
	if a.Note != "" {
		if answer != "" {
			answer += "\n"
		}
		answer += a.Note
	}
	return []cell{{text: date}, {text: t.code("action", a.Kind)}, {text: a.Reference},
		{text: actionStatus(t, a)}, {text: answer}}
}

// actionStatus says where a step stands; a refusal of a request for
// protection is « Refusée (décision écrite) », a granted one « Accordée ».
func actionStatus(t *texts, a app.Action) string {
	if a.Kind == "functional_protection" && t.Has("report.status.protection."+a.Status) {
		return t.t("report.status.protection." + a.Status)
	}
	return t.code("action_status", a.Status)
}
