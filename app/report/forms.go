package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Two requests the head of establishment or the HR department can act
// on, printable: the request to enter a fact in « Faits établissement »
// (code de l'éducation, art. R421-10-2; in agricultural education, the
// report of the aggression to the ministry), with the gravity level
// suggested; and the help to declare an accident de service, which
// follows the order of the official form (each académie has its own) so
// that it can be copied or attached.

// FormOptions are the choices of a request to the head or of the
// accident declaration helper.
type FormOptions struct {
	IncidentID string    // the incident (its id or the start of it)
	Lang       i18n.Lang // French (the zero value) or English
	// IncludeHealth mentions the medical care (the request to the head)
	// or « choc psychologique » (the declaration helper).
	IncludeHealth bool
	// NamePerpetrator names an adult perpetrator in the declaration
	// helper (the employer usually needs it); the request to the head
	// names adults always, pupils never.
	NamePerpetrator bool
	// WitnessContacts adds the witnesses' contact details to the
	// declaration helper.
	WitnessContacts bool
	Now             time.Time // zero for now
}

// SuggestLevel suggests the gravity level of a fact in « Faits
// établissement » (1 worrying, 2 serious, 3 extremely serious); the head
// decides. withHealth counts medical care recorded.
func SuggestLevel(in *app.Incident, withHealth bool) int {
	medical := withHealth && (strings.TrimSpace(in.MedicalNote) != "" || in.HasAction("sick_leave"))
	threatHome := in.HasKind("threat") && strings.Contains(app.Fold(in.Description+" "+in.ExactWords), "adresse")
	switch {
	case in.HasKind("physical") && medical, in.HasKind("doxxing") && in.HasKind("threat"), threatHome:
		return 3
	}
	for _, k := range []string{"insult", "outrage", "threat", "defamation", "harassment", "cyberharassment", "image_spread", "physical", "doxxing"} {
		if in.HasKind(k) {
			return 2
		}
	}
	if in.HasAction("complaint") || in.HasAction("police_record") || medical || in.IsPublic() {
		return 2
	}
	return 1
}

// WriteSchoolReport writes the request to the head of establishment to
// enter an incident in « Faits établissement » (in agricultural
// education: to report the aggression to the ministry), as PDF.
func WriteSchoolReport(ctx context.Context, src Source, opts FormOptions, w io.Writer) (*Result, error) {
	l, err := prepareForm(ctx, src, opts, app.DocSchoolReport, w)
	if err != nil {
		return nil, err
	}
	l.doc.newPage(false)
	l.heading()
	l.schoolReportBody(opts)
	l.doc.finish()
	return l.writeForm(ctx, src, w, "school_report_request")
}

// WriteAccidentHelp writes the help to declare an incident as an
// accident de service, as PDF.
func WriteAccidentHelp(ctx context.Context, src Source, opts FormOptions, w io.Writer) (*Result, error) {
	l, err := prepareForm(ctx, src, opts, app.DocAccidentHelp, w)
	if err != nil {
		return nil, err
	}
	l.doc.footer = l.t.f("report.doc.footer", "Date", l.t.Date(l.d.now))
	l.doc.newPage(false)
	l.accidentBody(opts)
	l.doc.finish()
	return l.writeForm(ctx, src, w, "accident_helper")
}

// prepareForm gathers the incident of a form, adults named, pupils by
// pseudonym.
func prepareForm(ctx context.Context, src Source, opts FormOptions, kind string, w io.Writer) (*letterLayout, error) {
	if err := src.check(); err != nil {
		return nil, err
	}
	if w == nil {
		return nil, errors.New("report: no output")
	}
	if opts.IncidentID == "" {
		return nil, ErrNoIncidentChosen
	}
	name := kind == app.DocSchoolReport || opts.NamePerpetrator
	l, err := prepareLetter(ctx, src, LetterOptions{IncidentIDs: []string{opts.IncidentID}, Lang: opts.Lang, Kind: kind,
		PseudonymizeAdults: !name, Now: opts.Now})
	if err != nil {
		return nil, err
	}
	if kind == app.DocSchoolReport && l.p.Agricultural {
		l.kind = kind + "_agri"
		l.doc.f.SetTitle(l.t.t("report.letter.subject."+l.kind), true)
	}
	return l, nil
}

// writeForm writes a laid-out form to w and records it in the chain.
func (l *letterLayout) writeForm(ctx context.Context, src Source, w io.Writer, subject string) (*Result, error) {
	if err := l.doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the document: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum, n, err := output(l.doc, w)
	if err != nil {
		return nil, fmt.Errorf("failed to write the document: %w", err)
	}
	d := l.d
	res := &Result{SHA256: sum, Size: n, Pages: l.doc.f.PageNo(), Incidents: 1, Evidence: len(d.evidence),
		ChainSeq: d.headSeq, ChainHead: d.headID, Warnings: append(d.warnings, l.warnings...)}
	if err := src.Chain.Log(app.EventReportGenerated, subject, sum); err != nil {
		return res, fmt.Errorf("the document was written but could not be recorded in the journal's history: %w", err)
	}
	return res, nil
}

// schoolReportBody writes the request to the head: the facts as the
// application asks for them, the suggested level and its grounds.
func (l *letterLayout) schoolReportBody(opts FormOptions) {
	doc, t := l.doc, l.t
	it := l.d.items[0]
	in := it.in
	doc.para(stBody, t.t("report.school.intro."+l.kind))
	doc.space(2)
	description := strings.TrimSpace(in.Description)
	if w := strings.TrimSpace(in.ExactWords); w != "" {
		description = strings.TrimSpace(description + " " + t.f("report.letter.words", "Words", t.Quote(w)))
	}
	var steps []string
	for _, a := range in.Actions {
		if a.Taken() && (a.Kind == "complaint" || a.Kind == "rsst" || a.Kind == "work_accident" || a.Kind == "police_record") {
			steps = append(steps, l.step(a))
		}
	}
	doc.kv(38, [][2]string{
		{t.t("report.school.when"), when(t, in)},
		{t.t("report.school.where"), joinDash(t.code("setting", in.Setting), in.Place)},
		{t.t("report.school.nature"), t.f("report.school.nature_value", "Kinds", lowerFirst(t.codes("kind", in.Kinds)))},
		{t.t("report.school.victim"), t.f("report.school.victim_value", "Function", l.or(l.p.Function))},
		{t.t("report.school.author"), l.author(in)},
		{t.field("witnesses"), l.witnessRoles(in)},
	})
	doc.h3(t.field("description"), 10)
	doc.para(stBody, description)
	if len(steps) > 0 {
		doc.h3(t.t("report.school.steps"), 10)
		doc.bullets(stBody, steps)
	}
	level := SuggestLevel(l.stored[in.ID], opts.IncludeHealth)
	doc.space(2)
	doc.para(stBody, t.f("report.school.level."+fmt.Sprint(level), "Grounds", l.grounds(in, opts.IncludeHealth)))
	l.closing(nil, t.t("report.school.closing."+l.kind))
}

// grounds says why the suggested level fits: an apparent offence, a
// complaint, repetition by the same author, medical care.
func (l *letterLayout) grounds(in *app.Incident, health bool) string {
	t := l.t
	var parts []string
	if SuggestLevel(&app.Incident{Kinds: in.Kinds}, false) >= 2 {
		parts = append(parts, t.t("report.school.ground.offence"))
	}
	if in.HasAction("complaint") {
		parts = append(parts, t.t("report.school.ground.complaint"))
	}
	ref := app.Fold(strings.TrimSpace(l.stored[in.ID].PerpetratorRef))
	n, first := 0, app.Date{}
	for _, other := range l.d.all {
		if ref != "" && app.Fold(strings.TrimSpace(other.PerpetratorRef)) == ref && !in.OccurredAt.Before(other.OccurredAt) {
			n++
			if first.IsZero() || app.DateOf(other.OccurredAt).Before(first) {
				first = app.DateOf(other.OccurredAt)
			}
		}
	}
	if n >= 2 {
		parts = append(parts, t.f("report.school.ground.repeated", "N", fmt.Sprint(n), "First", t.day(first)))
	}
	if health && SuggestLevel(l.stored[in.ID], true) > SuggestLevel(l.stored[in.ID], false) {
		parts = append(parts, t.t("report.school.ground.medical"))
	}
	if len(parts) == 0 {
		return t.t("report.school.ground.none")
	}
	return strings.Join(parts, t.t("report.fmt.sep"))
}

// accidentBody writes the help to declare an accident de service, in the
// order of the form.
func (l *letterLayout) accidentBody(opts FormOptions) {
	doc, t, p := l.doc, l.t, l.p
	it := l.d.items[0]
	in := it.in
	doc.h1Here(t.t("report.accident.title"), "accident", 0)
	var dl app.Deadline
	for _, d := range app.Deadlines(l.stored[in.ID], l.d.cal) {
		if d.Rule == app.RuleWorkAccident {
			dl = d
		}
	}
	box := t.t("report.accident.box_declared")
	if !dl.Due.IsZero() {
		box = t.f("report.accident.box", "Due", t.longDay(dl.Due))
	}
	if p.Status == "contractuel" {
		box = t.t("report.accident.box_contract")
	}
	doc.box(stBody, box)
	status := ""
	if p.Status != "" {
		status = t.t("report.accident.status." + p.Status)
	}
	l.accidentPart(1, [][2]string{
		{t.t("report.profile.name"), l.or(p.Name)}, {t.t("report.accident.status"), l.or(status)},
		{t.t("report.cover.function"), l.or(p.Function)}, {t.t("report.cover.workplace"), l.or(p.Workplace)},
		{t.t("report.accident.identifiers"), t.t("report.accident.on_form")},
	})
	l.accidentPart(2, [][2]string{
		{t.t("report.rsst.when"), when(t, in)}, {t.t("report.accident.type"), t.t("report.accident.type." + accidentType(in))},
		{t.t("report.rsst.where"), l.or(joinDash(t.code("setting", in.Setting), in.Place))},
		{t.t("report.accident.hours"), t.t("report.accident.on_form")}, {t.field("activity"), l.or(in.Activity)},
	})
	l.accidentPart(3, [][2]string{
		{t.field("description"), facts(t, in)}, {t.field("perpetrator"), l.author(in)},
		{t.t("report.accident.informed"), l.informed(in)},
	})
	l.accidentPart(4, [][2]string{{t.field("witnesses"), l.or(witnesses(t, l.witnessesFor(in, opts)))}})
	injury := t.t("report.accident.injury")
	if opts.IncludeHealth {
		injury += " " + t.t("report.accident.shock")
	}
	l.accidentPart(5, [][2]string{{t.t("report.accident.injury_label"), injury}})
	var steps []string
	for _, a := range in.Actions {
		if a.Taken() && (a.Kind == "complaint" || a.Kind == "rsst" || a.Kind == "police_record") {
			steps = append(steps, l.step(a))
		}
	}
	l.accidentPart(6, [][2]string{{t.t("report.accident.steps"), l.or(strings.Join(steps, "\n"))}})
	doc.h3(t.f("report.accident.part", "N", "7", "Title", t.t("report.accident.part.7")), 20)
	doc.bullets(stBody, t.list("report.accident.pieces", "Pieces", l.pieceLabels()))
}

// accidentPart writes one numbered part of the declaration helper.
func (l *letterLayout) accidentPart(n int, pairs [][2]string) {
	t := l.t
	l.doc.h3(t.f("report.accident.part", "N", fmt.Sprint(n), "Title", t.t(fmt.Sprintf("report.accident.part.%d", n))), 16)
	l.doc.kv(46, pairs)
}

// accidentType says where the accident happened, as the form asks:
// at work, working remotely.
func accidentType(in *app.Incident) string {
	if in.Setting == "remote_home" {
		return "remote"
	}
	return "workplace"
}

// informed names who was told first: the first alert of the hierarchy.
func (l *letterLayout) informed(in *app.Incident) string {
	for _, a := range in.Actions {
		if a.Kind == "hierarchy_alert" && a.Taken() && !a.Date.IsZero() {
			return l.t.f("report.accident.informed_value", "Date", l.t.day(a.Date))
		}
	}
	return l.blank
}

// witnessesFor returns the witnesses, with their contact details when
// the author chose to give them.
func (l *letterLayout) witnessesFor(in *app.Incident, opts FormOptions) []app.Witness {
	ws := in.Witnesses
	if opts.WitnessContacts {
		stored := l.stored[in.ID].Witnesses
		for i := range ws {
			if i < len(stored) {
				ws[i].Contact = l.t.printable(stored[i].Contact)
			}
		}
	}
	return ws
}

// pieceLabels names the pieces to attach: « P1, P2 ».
func (l *letterLayout) pieceLabels() string {
	var ps []string
	for _, e := range l.d.evidence {
		ps = append(ps, e.label())
	}
	if len(ps) == 0 {
		return l.t.t("report.cover.no_evidence")
	}
	return strings.Join(ps, ", ")
}
