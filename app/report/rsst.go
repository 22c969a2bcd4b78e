package report

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// The RSST text: an entry of the registre santé et sécurité au travail
// (décret n° 82-453 du 28 mai 1982, art. 3-2), with the fields a register
// asks for, ready to paste into the académie's form. The register is open
// to every member of staff and, where relevant, to users: an entry names
// its author (it is not anonymous) and nobody else; it holds no health
// data, and leaves out the complaint, the protection request, the
// accident declaration, the sick leave and any union contact unless the
// author adds them; an effect on work that speaks of health is left out
// too.

// RSSTOptions are the choices for the RSST text.
type RSSTOptions struct {
	Lang i18n.Lang // French (the zero value) or English
	// Risk marks the entry as a risk identified (a link circulating before
	// any intrusion) rather than an incident.
	Risk bool
	// Steps are the kinds of steps the author adds to those the text
	// mentions by default (complaint, functional_protection…).
	Steps []string
	// Consequences adds the consequences, as written.
	Consequences bool
	Now          time.Time // zero for now
}

// RSSTResult is an RSST text and what the person may want to fix.
type RSSTResult struct {
	Text     string
	Warnings []Warning
}

// privateSteps are the steps an RSST entry leaves out unless added.
var privateSteps = []string{"complaint", "civil_party_complaint", "police_record", "functional_protection",
	"reasons_request", "gracious_appeal", "court_appeal", "work_accident", "sick_leave", "occupational_doctor", "union"}

// healthWords are the words that make an effect on work speak of health
// (compared without case nor accents).
var healthWords = []string{"arret", "medecin", "medical", "certificat", "itt", "hopital", "hospitalis", "psychologue",
	"psychiatre", "traitement", "anxiolytique", "depression", "sommeil", "sick", "doctor"}

// RSST returns the RSST text of an incident (its id or the start of it).
func RSST(src Source, id string, opts RSSTOptions) (string, error) {
	res, err := RSSTText(src, id, opts)
	if err != nil {
		return "", err
	}
	return res.Text, nil
}

// RSSTText returns the RSST text of an incident, and what was left out
// that the person may want to know.
func RSSTText(src Source, id string, opts RSSTOptions) (*RSSTResult, error) {
	fields, warnings, err := rsstFields(context.Background(), src, id, opts)
	if err != nil {
		return nil, err
	}
	t := newTexts(opts.Lang)
	var b strings.Builder
	b.WriteString(t.t("report.rsst.title") + "\n\n")
	for _, f := range fields {
		if strings.Contains(f.value, "\n") {
			b.WriteString("\n" + t.Colon(f.label) + "\n" + f.value + "\n")
		} else {
			b.WriteString(t.Colon(f.label) + " " + f.value + "\n")
		}
	}
	// No-break spaces may upset a web form: ordinary spaces.
	return &RSSTResult{Text: strings.ReplaceAll(b.String(), "\u00a0", " "), Warnings: warnings}, nil
}

// WriteRSST writes the RSST text as a printable PDF (one entry) to w, and
// records a report_generated event.
func WriteRSST(ctx context.Context, src Source, id string, opts RSSTOptions, w io.Writer) (*Result, error) {
	if err := src.check(); err != nil {
		return nil, err
	}
	if w == nil {
		return nil, errors.New("report: no output")
	}
	fields, warnings, err := rsstFields(ctx, src, id, opts)
	if err != nil {
		return nil, err
	}
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	doc := newDoc(t, docMeta{title: t.t("report.rsst.title"), subject: t.t("report.rsst.title"), created: now})
	doc.footer = t.f("report.doc.footer", "Date", t.Date(now))
	doc.newPage(false)
	doc.h1Here(t.t("report.rsst.title"), "rsst", 0)
	for _, f := range fields {
		if strings.Contains(f.value, "\n") || len(f.value) > 90 {
			doc.h3(f.label, 10)
			doc.para(stBody, f.value)
			continue
		}
		doc.kv(52, [][2]string{{f.label, f.value}})
	}
	doc.space(6)
	doc.box(stSmall, t.t("report.rsst.register_note"))
	doc.finish()
	if err := doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the RSST text: %w", err)
	}
	sum, n, err := output(doc, w)
	if err != nil {
		return nil, fmt.Errorf("failed to write the RSST text: %w", err)
	}
	res := &Result{SHA256: sum, Size: n, Pages: doc.f.PageNo(), Incidents: 1, Warnings: warnings}
	if err := src.Chain.Log(app.EventReportGenerated, "rsst", sum); err != nil {
		return res, fmt.Errorf("the RSST text was written but could not be recorded in the journal's history: %w", err)
	}
	return res, nil
}

// rsstField is a field of the register's form.
type rsstField struct{ label, value string }

// rsstFields returns the fields of an incident's RSST entry, in the
// register's order.
func rsstFields(ctx context.Context, src Source, id string, opts RSSTOptions) ([]rsstField, []Warning, error) {
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	d, err := gather(ctx, src, Options{IncidentIDs: []string{id}, Lang: t.Lang, Audience: ForCommittee,
		Names: NamesPseudonyms, Now: now}, t, now)
	if err != nil {
		return nil, nil, err
	}
	in, p := d.items[0].in, d.profile
	var warnings []Warning
	agent := strings.Join(nonEmpty(p.Name, p.Function), ", ")
	if p.Workplace != "" {
		agent = strings.Join(nonEmpty(agent, p.Workplace), " — ")
	}
	if p.Name == "" || p.Function == "" || p.Workplace == "" {
		agent = strings.TrimSpace(agent + " " + t.t("report.rsst.agent_missing"))
		warnings = append(warnings, Warning{Kind: WarnNoProfile})
	}
	kind := "incident"
	if opts.Risk {
		kind = "risk"
	}
	fields := []rsstField{
		{t.t("report.rsst.written"), t.Date(now)},
		{t.t("report.rsst.agent"), agent},
		{t.t("report.rsst.type"), t.t("report.rsst.type." + kind)},
		{t.t("report.rsst.when"), when(t, in)},
		{t.t("report.rsst.where"), strings.Join(nonEmpty(joinDash(t.code("setting", in.Setting), in.Place), in.Workplace), ", ")},
		{t.t("report.rsst.circumstances"), circumstances(t, in)},
		{t.t("report.rsst.facts"), facts(t, in)},
		{t.t("report.rsst.people"), people(t, in)},
	}
	if work := strings.TrimSpace(in.WorkImpact); work != "" {
		if mentionsHealth(work) {
			warnings = append(warnings, Warning{Kind: WarnHealthInWork})
		} else {
			fields = append(fields, rsstField{t.field("work_impact"), work})
		}
	}
	if opts.Consequences {
		fields = append(fields, rsstField{t.field("consequences"), in.Consequences})
	}
	fields = append(fields,
		rsstField{t.t("report.rsst.steps"), rsstSteps(t, in, opts.Steps)},
		rsstField{t.t("report.rsst.measures"), strings.Join(measures(t, in), "\n")})
	var out []rsstField
	for _, f := range fields {
		if f.value = strings.TrimSpace(f.value); f.value != "" {
			out = append(out, f)
		}
	}
	return out, warnings, nil
}

// circumstances are the material and human factors: the activity, the
// channel, the video call's platform and link.
func circumstances(t *texts, in *app.Incident) string {
	return strings.Join(nonEmpty(in.Activity, t.codes("channel", in.Channels), videoCall(t, in.VideoCall)), t.t("report.fmt.sep"))
}

// facts is the description, then the exact words (names in brackets).
func facts(t *texts, in *app.Incident) string {
	s := strings.TrimSpace(in.Description)
	if w := strings.TrimSpace(in.ExactWords); w != "" {
		s = strings.TrimSpace(s + "\n" + t.f("report.rsst.words", "Words", t.Quote(w)))
	}
	return s
}

// people names who is concerned, by role and pseudonym, and the
// witnesses by role.
func people(t *texts, in *app.Incident) string {
	var roles []string
	for _, w := range in.Witnesses {
		if r := strings.TrimSpace(w.Role); r != "" {
			roles = append(roles, r)
		}
	}
	s := perpetrator(t, in, true)
	if len(roles) > 0 {
		s = strings.Join(nonEmpty(s, t.f("report.rsst.witnesses", "Roles", strings.Join(roles, ", "))), t.t("report.fmt.sep"))
	}
	return s
}

// mentionsHealth reports whether a text speaks of health.
func mentionsHealth(s string) bool {
	f := app.Fold(s)
	return slices.ContainsFunc(healthWords, func(w string) bool { return strings.Contains(f, w) })
}

// rsstSteps lists the steps taken, but for the private ones the author
// did not add.
func rsstSteps(t *texts, in *app.Incident, added []string) string {
	var steps []string
	for _, a := range in.Actions {
		switch {
		case !a.Taken() || a.Status == "refused":
		case slices.Contains(privateSteps, a.Kind) && !slices.Contains(added, a.Kind):
		default:
			s := t.code("action", a.Kind)
			if a.Kind == "rsst" && a.Reference != "" {
				s += " " + a.Reference
			}
			if !a.Date.IsZero() {
				s = t.Colon(t.day(a.Date)) + " " + s
			}
			steps = append(steps, "- "+s)
		}
	}
	return strings.Join(steps, "\n")
}

// measures proposes prevention measures fitting the incident, for the
// person to adapt: the register asks for proposals.
func measures(t *texts, in *app.Incident) []string {
	var out []string
	for _, f := range riskFactors(in) {
		out = append(out, "- "+t.t("report.rsst.measure."+f))
	}
	return out
}
