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

// The draft letter requesting protection fonctionnelle (Code général de
// la fonction publique, art. L134-1 and following): identity and function,
// the facts in chronological order, the link to the job, the
// consequences, the forms of protection requested, the attached
// documents; addressed to the recteur (or the DRAAF for agricultural
// education) through the hierarchy, with a place to date and sign.

// LetterOptions are the choices made when drafting the letter. The zero
// value (with IncidentIDs) is the safe default: French, pseudonymised,
// without medical notes.
type LetterOptions struct {
	IncidentIDs    []string  // the incidents the request is about (ids or their starts)
	Lang           i18n.Lang // French (the zero value) or English
	NoPseudonymize bool      // name the people of the people list
	IncludeHealth  bool      // include the medical notes in the consequences
	// Forms are the forms of protection requested, one sentence each; nil
	// for the usual ones.
	Forms []string
	Now   time.Time // zero for now
}

// ErrNoIncidentChosen: the letter must be about chosen incidents.
var ErrNoIncidentChosen = errors.New("choose the incidents the request is about")

// WriteLetter writes the letter as PDF to w and records a
// report_generated event (subject "protection_letter") with its SHA-256.
func WriteLetter(ctx context.Context, src Source, opts LetterOptions, w io.Writer) (*Result, error) {
	if err := src.check(); err != nil {
		return nil, err
	}
	if w == nil {
		return nil, errors.New("report: no output")
	}
	if len(opts.IncidentIDs) == 0 {
		return nil, ErrNoIncidentChosen
	}
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	d, err := gather(ctx, src, Options{IncidentIDs: opts.IncidentIDs, Lang: t.Lang,
		NoPseudonymize: opts.NoPseudonymize, IncludeHealth: opts.IncludeHealth, Now: now}, t, now)
	if err != nil {
		return nil, err
	}
	forms := opts.Forms
	if len(forms) == 0 {
		forms = t.list("report.letter.forms")
	}
	doc := newDoc(t, docMeta{title: t.t("report.letter.subject"), subject: t.t("report.letter.subject"),
		author: d.profile.Name, created: now}, nil, 0)
	letter(doc, d, forms)
	if err := doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the letter: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum, n, err := output(doc, w)
	if err != nil {
		return nil, fmt.Errorf("failed to write the letter: %w", err)
	}
	res := &Result{SHA256: sum, Size: n, Pages: doc.f.PageNo(), Incidents: len(d.items),
		Evidence: len(d.evidence), ChainSeq: d.headSeq, ChainHead: d.headID, Warnings: d.warnings}
	if err := src.Chain.Log(app.EventReportGenerated, "protection_letter", sum); err != nil {
		return res, fmt.Errorf("the letter was written but could not be recorded in the journal's history: %w", err)
	}
	return res, nil
}

// letter lays the letter out: the sender and the addressee, the object,
// the facts, their link with the job, their consequences, the steps
// taken, the measures asked for, the signature and the list of the
// attached pieces.
func letter(doc *doc, d *dossier, forms []string) {
	l := &letterLayout{doc: doc, d: d, t: d.t, p: d.profile, blank: d.t.t("report.letter.blank")}
	doc.header, doc.footer = "", ""
	doc.newPage(false)
	l.heading()
	l.facts()
	l.link()
	l.consequences()
	l.steps()
	l.request(forms)
	l.attached()
}

// letterLayout writes the parts of a letter.
type letterLayout struct {
	doc   *doc
	d     *dossier
	t     *texts
	p     app.Profile
	blank string // a space left to fill by hand
}

// Where the addressee and the signature stand, on the right.
const (
	letterRightX = marginL + contentW*0.48
	letterRightW = contentW * 0.52
)

// or returns s, or a space to fill by hand when s is empty.
func (l *letterLayout) or(s string) string {
	if strings.TrimSpace(s) == "" {
		return l.blank
	}
	return s
}

// heading writes the sender, the addressee, the object, the salutation
// and the first paragraph.
func (l *letterLayout) heading() {
	doc, t, p, f := l.doc, l.t, l.p, l.doc.f
	// The sender, top left.
	f.SetY(22)
	doc.para(stBold, l.or(p.Name))
	doc.para(stBody, l.or(p.Function))
	doc.para(stBody, l.or(p.Workplace))

	// The addressee, on the right.
	to := "report.letter.to_rector"
	if p.Agricultural {
		to = "report.letter.to_draaf"
	}
	f.SetY(f.GetY() + 10)
	doc.paraAt(stBody, t.t(to), letterRightX, letterRightW, "L")
	if p.Authority != "" {
		doc.paraAt(stBody, p.Authority, letterRightX, letterRightW, "L")
	}
	doc.paraAt(stItalic, t.t("report.letter.hierarchy"), letterRightX, letterRightW, "L")

	f.SetY(f.GetY() + 12)
	doc.kv(22, [][2]string{
		{t.t("report.letter.object_label"), t.t("report.letter.subject")},
		{t.t("report.letter.ref_label"), t.t("report.letter.ref")},
		{t.t("report.letter.attached_label"), attachedCount(l.d)},
	})
	f.SetY(f.GetY() + 6)

	salutation := t.t("report.letter.salutation_rector")
	if p.Agricultural {
		salutation = t.t("report.letter.salutation_draaf")
	}
	doc.para(stBody, salutation)
	doc.space(3)
	doc.para(stBody, t.f("report.letter.intro", "Name", l.or(p.Name), "Function", l.or(p.Function), "Workplace", l.or(p.Workplace)))
}

// facts writes each incident: when and where, what happened, the exact
// words, who, and the pieces that prove it.
func (l *letterLayout) facts() {
	doc, t := l.doc, l.t
	doc.h3(t.t("report.letter.facts"), 14)
	for _, it := range l.d.items {
		in := it.in
		head := t.f("report.letter.fact_when", "When", when(t, in))
		if place := joinDash(t.code("setting", in.Setting), in.Place); place != "" {
			head += " — " + place
		}
		if ch := t.codes("channel", in.Channels); ch != "" {
			head += " (" + ch + ")"
		}
		doc.need(3 * stBody.lineHeight())
		doc.para(stBold, head)
		if s := strings.TrimSpace(in.Description); s != "" {
			doc.para(stBody, s)
		}
		if s := strings.TrimSpace(in.ExactWords); s != "" {
			doc.paraAt(stQuote, t.Quote(s), marginL+4, contentW-4, "L")
		}
		var extra []string
		if s := perpetrator(t, in, true); s != "" {
			extra = append(extra, t.Colon(t.field("perpetrator"))+" "+s)
		}
		if s := witnesses(t, in.Witnesses); s != "" {
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
		doc.space(2.5)
	}
}

// link writes the link between the facts and the author's functions:
// what they were doing each time.
func (l *letterLayout) link() {
	doc, t := l.doc, l.t
	doc.h3(t.t("report.letter.link"), 14)
	doc.para(stBody, t.f("report.letter.link_text", "Function", l.or(l.p.Function)))
	var acts []string
	for _, it := range l.d.items {
		if a := strings.TrimSpace(it.in.Activity); a != "" {
			acts = append(acts, t.Colon(t.f("report.letter.on_date", "Date", t.Date(it.in.OccurredAt)))+" "+a)
		}
	}
	if len(acts) > 0 {
		doc.space(1)
		doc.bullets(stBody, acts)
	}
}

// consequences writes what each incident did to the author, when said.
func (l *letterLayout) consequences() {
	t := l.t
	var cons []string
	for _, it := range l.d.items {
		in := it.in
		parts := nonEmpty(in.Consequences, in.WorkImpact, in.MedicalNote)
		if len(parts) > 0 {
			cons = append(cons, t.Colon(t.f("report.letter.after", "Date", t.Date(in.OccurredAt)))+" "+strings.Join(parts, " "))
		}
	}
	if len(cons) > 0 {
		l.doc.h3(t.t("report.letter.consequences"), 14)
		l.doc.bullets(stBody, cons)
	}
}

// steps writes the steps taken, with their references and answers.
func (l *letterLayout) steps() {
	t := l.t
	var steps []string
	for _, it := range l.d.items {
		for _, a := range it.in.Actions {
			s := t.code("action", a.Kind)
			if !a.Date.IsZero() {
				s = t.Colon(t.day(a.Date)) + " " + s
			}
			if a.Reference != "" {
				s += " (" + t.f("report.letter.reference", "Ref", a.Reference) + ")"
			}
			if a.Answer != "" || !a.AnswerDate.IsZero() {
				s += " — " + strings.TrimSpace(t.Colon(t.f("report.letter.answer", "Date", t.day(a.AnswerDate)))+" "+a.Answer)
			}
			steps = append(steps, s)
		}
	}
	if len(steps) > 0 {
		l.doc.h3(t.t("report.letter.steps"), 14)
		l.doc.bullets(stBody, steps)
	}
}

// request writes the measures asked for, the closing, and the place,
// date and signature on the right.
func (l *letterLayout) request(forms []string) {
	doc, t, p := l.doc, l.t, l.p
	doc.h3(t.t("report.letter.forms_title"), 14)
	doc.para(stBody, t.t("report.letter.forms_intro"))
	doc.space(1)
	doc.bullets(stBody, forms)

	doc.space(4)
	doc.para(stBody, t.t("report.letter.closing"))
	doc.space(3)
	closing := t.t("report.letter.regards_rector")
	if p.Agricultural {
		closing = t.t("report.letter.regards_draaf")
	}
	doc.para(stBody, closing)

	doc.need(34)
	doc.space(8)
	doc.paraAt(stBody, t.f("report.letter.done_at", "Town", l.or(p.Town), "Date", l.blank), letterRightX, letterRightW, "L")
	doc.space(2)
	doc.paraAt(stBody, t.t("report.letter.signature"), letterRightX, letterRightW, "L")
	doc.space(18)
}

// attached lists the attached pieces, with the SHA-256 of each file.
func (l *letterLayout) attached() {
	doc, t, d := l.doc, l.t, l.d
	if len(d.evidence) == 0 {
		return
	}
	doc.h3(t.t("report.letter.attached_title"), 14)
	for _, e := range d.evidence {
		ev := e.ev
		var line string
		if ev.IsLink() {
			line = t.f("report.letter.attached_link", "P", e.label(), "URL", ev.URL, "Date", t.day(ev.RetrievedOn))
		} else {
			line = t.f("report.letter.attached_file", "P", e.label(), "Name", ev.Name, "Type", mediaLabel(t, ev.MediaType),
				"Size", t.Size(ev.Size), "Date", t.Date(ev.AddedAt.In(d.now.Location())))
		}
		doc.para(stSmall, line)
		if !ev.IsLink() {
			doc.paraAt(stMono, "SHA-256 "+ev.SHA256, marginL+4, contentW-4, "L")
		}
		doc.f.SetY(doc.y() + 1)
	}
}

func attachedCount(d *dossier) string {
	if len(d.evidence) == 0 {
		return d.t.t("report.letter.no_attached")
	}
	return d.t.n("report.letter.attached_count", len(d.evidence))
}

// lowerFirst lowers the first letter of s, for a label inside a sentence.
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
