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

// The letters about protection fonctionnelle (code général de la fonction
// publique, art. L134-1 and following). Which one depends on what already
// happened (app.ChooseLetter): a first request (A), an extension of a
// granted protection to new facts (B), new facts for a pending request
// (B′), a recours gracieux after an implicit rejection (C) or a written
// refusal (C′), a request for the reasons of an implicit rejection (D).
// Each is addressed to the employer through the hierarchy, names the
// adults concerned (the employer cannot act against « Parent P1 ») and
// never the pupils, and ends with a place to date and sign that is never
// left alone on a page.

// LetterOptions are the choices made when drafting a letter. The zero
// value (with IncidentIDs) is the safe default: French, the letter the
// journal's steps call for, adults named, pupils never, no health data.
type LetterOptions struct {
	IncidentIDs []string  // the incidents the letter is about (ids or their starts)
	Lang        i18n.Lang // French (the zero value) or English
	// Kind is the letter (app.DocLetterRequest…); "" for the one the
	// journal's steps call for.
	Kind string
	// PseudonymizeAdults shows adults by their pseudonym too.
	PseudonymizeAdults bool
	// NoPseudonymize is kept for callers of earlier versions: adults are
	// named by default, and pupils never are in a letter to the employer.
	NoPseudonymize bool
	// IncludeHealth adds the dates of sick leave to the consequences
	// (never a diagnosis).
	IncludeHealth bool
	// Measures are the concrete measures asked for; nil for those built
	// from the facts.
	Measures []string
	// Forms replace the whole list of what is asked, one sentence each;
	// nil for the usual list.
	Forms []string
	// NoSupport and NoLeave leave out the request of psychological support
	// and that of leave for summons.
	NoSupport, NoLeave bool
	// Lawyer names the lawyer chosen (« Maître … »), if any.
	Lawyer string
	// Reasons are the reasons of the rejection, as received (letter C
	// after a request for reasons, C′).
	Reasons string
	// MentionPlanned mentions the steps planned (« J'envisage de … »).
	MentionPlanned bool
	Now            time.Time // zero for now
}

// ErrNoIncidentChosen: the letter must be about chosen incidents.
var ErrNoIncidentChosen = errors.New("choose the incidents the request is about")

// ErrNoLetter: the steps recorded call for no letter (the request is
// pending and covers the facts, the protection was granted for them, the
// time to appeal is over); the error is a *NoLetterError that says why.
var ErrNoLetter = errors.New("no letter is called for by the steps recorded")

// NoLetterError says, in the person's language, why no letter is called
// for; it unwraps to ErrNoLetter.
type NoLetterError struct {
	Choice app.LetterChoice
	Note   string // the sentence to show
}

func (e *NoLetterError) Error() string { return e.Note }
func (e *NoLetterError) Unwrap() error { return ErrNoLetter }

// LetterNote is the sentence a screen shows about a letter choice (why
// there is no letter, or what to know before sending it); "" for none.
func LetterNote(l i18n.Lang, c app.LetterChoice) string {
	t := &texts{Lang: l}
	key := ""
	switch {
	case c.Note != "":
		key = "report.letter.note." + c.Note
	case c.State == "recourse_sent" || c.State == "court":
		key = "report.letter.note." + c.State
	case c.Document == app.DocLetterReasons || c.Document == app.DocLetterAppeal || c.Document == app.DocLetterRefusal:
		key = "report.letter.note.send_by"
	}
	if key == "" {
		return ""
	}
	var date, answer string
	if c.Request != nil {
		date, answer = t.day(c.Request.Date), t.day(c.Request.AnswerDate)
	}
	return t.f(key, "Date", date, "Answer", answer, "IR", t.day(c.Rejected), "Due", t.day(c.Due))
}

// WriteLetter writes a letter as PDF to w and records a report_generated
// event (subject: the letter's kind) with its SHA-256.
func WriteLetter(ctx context.Context, src Source, opts LetterOptions, w io.Writer) (*Result, error) {
	if err := src.check(); err != nil {
		return nil, err
	}
	if w == nil {
		return nil, errors.New("report: no output")
	}
	l, err := prepareLetter(ctx, src, opts)
	if err != nil {
		return nil, err
	}
	l.lay()
	if err := l.doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the letter: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := l.d
	sum, n, err := output(l.doc, w)
	if err != nil {
		return nil, fmt.Errorf("failed to write the letter: %w", err)
	}
	res := &Result{SHA256: sum, Size: n, Pages: l.doc.f.PageNo(), Incidents: len(d.items),
		Evidence: len(d.evidence), ChainSeq: d.headSeq, ChainHead: d.headID, Warnings: append(d.warnings, l.warnings...)}
	if err := src.Chain.Log(app.EventReportGenerated, "protection_letter", sum); err != nil {
		return res, fmt.Errorf("the letter was written but could not be recorded in the journal's history: %w", err)
	}
	return res, nil
}

// prepareLetter gathers what a letter says: the incidents, with adults
// named unless chosen otherwise and pupils never, and the letter's kind.
func prepareLetter(ctx context.Context, src Source, opts LetterOptions) (*letterLayout, error) {
	if len(opts.IncidentIDs) == 0 {
		return nil, ErrNoIncidentChosen
	}
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	names := NamesAdults
	if opts.PseudonymizeAdults {
		names = NamesPseudonyms
	}
	d, err := gather(ctx, src, Options{IncidentIDs: opts.IncidentIDs, Lang: t.Lang, Audience: ForLawyer, Names: names,
		IncludeHealth: false, Now: now}, t, now)
	if err != nil {
		return nil, err
	}
	people, err := src.People.List()
	if err != nil {
		return nil, fmt.Errorf("failed to read the people list: %w", err)
	}
	var ids []string
	for _, it := range d.items {
		ids = append(ids, it.in.ID)
	}
	choice := app.ChooseLetter(d.all, ids, d.cal)
	kind := opts.Kind
	if kind == "" {
		kind = choice.Document
	}
	if kind == "" {
		return nil, &NoLetterError{Choice: choice, Note: LetterNote(t.Lang, choice)}
	}
	l := &letterLayout{d: d, t: t, p: d.profile, opts: opts, kind: kind, choice: choice, blank: t.t("report.letter.blank"),
		people: people, stored: map[string]*app.Incident{}}
	for _, in := range d.all {
		l.stored[in.ID] = in
	}
	if !opts.PseudonymizeAdults {
		l.namer = app.NewNamer(adults(people))
		for _, it := range d.items {
			l.name(it.in)
		}
	}
	l.doc = newDoc(t, docMeta{title: t.t("report.letter.subject." + kind), subject: t.t("report.letter.subject." + kind),
		author: d.profile.Name, created: now})
	return l, nil
}

// adults returns the people of the list who are not pupils.
func adults(people []app.Person) []app.Person {
	var out []app.Person
	for _, p := range people {
		if !p.IsPupil() {
			out = append(out, p)
		}
	}
	return out
}

// letterLayout writes the parts of a letter.
type letterLayout struct {
	doc      *doc
	d        *dossier
	t        *texts
	p        app.Profile
	opts     LetterOptions
	kind     string
	choice   app.LetterChoice
	blank    string // a space left to fill by hand
	people   []app.Person
	stored   map[string]*app.Incident // the journal, as stored
	namer    *app.Pseudonymizer       // pseudonyms of adults → their names
	section  int                      // the number of the last section written
	warnings []Warning
}

// name writes the adults' names in place of their pseudonyms.
func (l *letterLayout) name(in *app.Incident) {
	for _, s := range []*string{&in.Description, &in.ExactWords, &in.PerpetratorRef, &in.Consequences, &in.WorkImpact, &in.Place} {
		*s = l.namer.Text(*s)
	}
	for i := range in.Witnesses {
		in.Witnesses[i].Pseudonym = l.namer.Text(in.Witnesses[i].Pseudonym)
	}
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

// lay writes the whole letter.
func (l *letterLayout) lay() {
	doc := l.doc
	doc.header, doc.footer = "", ""
	doc.newPage(false)
	l.heading()
	switch l.kind {
	case app.DocLetterReasons:
		l.reasonsBody()
	case app.DocLetterAppeal, app.DocLetterRefusal:
		l.appealBody()
	case app.DocLetterAdd:
		l.complementBody()
	default:
		l.requestBody()
	}
	l.attached()
	doc.finish()
}

// heading writes the sender, the addressee, the object, the reference,
// the pieces and the salutation.
func (l *letterLayout) heading() {
	doc, t, p, f := l.doc, l.t, l.p, l.doc.f
	f.SetY(22)
	doc.para(stBold, l.or(p.Name))
	doc.para(stBody, l.or(p.Function))
	doc.para(stBody, l.or(p.Workplace))

	f.SetY(f.GetY() + 8)
	doc.paraAt(stBody, l.addressee(), letterRightX, letterRightW, "L")
	if !l.toHead() {
		via := t.t("report.letter.hierarchy")
		if p.Via != "" {
			via = t.f("report.letter.via", "Via", p.Via)
		}
		doc.paraAt(stItalic, via, letterRightX, letterRightW, "L")
	}

	f.SetY(f.GetY() + 10)
	doc.kv(22, [][2]string{
		{t.t("report.letter.object_label"), t.t("report.letter.subject." + l.kind)},
		{t.t("report.letter.ref_label"), l.reference()},
		{t.t("report.letter.attached_label"), l.attachedCount()},
	})
	f.SetY(f.GetY() + 5)
	doc.para(stBody, l.salutation()+",")
	doc.space(2.5)
}

// addressee is whom the letter is to: the profile's, else the usual
// authority of the person's system, the title left to choose.
func (l *letterLayout) addressee() string {
	p := l.p
	if l.toHead() {
		if p.Via != "" {
			return strings.TrimPrefix(strings.TrimPrefix(p.Via, "à "), "À ")
		}
		l.warn(WarnNoAddressee)
		if p.FirstDegree {
			return l.t.t("report.letter.to_school_director") // DOC-4
		}
		return l.t.t("report.letter.to_head")
	}
	if p.Addressee != "" {
		return p.Addressee
	}
	l.warn(WarnNoAddressee)
	switch {
	case p.Agricultural:
		return l.t.t("report.letter.to_draaf")
	case p.FirstDegree:
		return l.t.t("report.letter.to_dasen")
	}
	return l.t.f("report.letter.to_rector", "Academy", l.or(strings.TrimPrefix(p.Authority, "académie de ")))
}

// salutation is the addressee's title alone: « Madame la Rectrice » from
// « Madame la Rectrice de l'académie de Lille ».
func (l *letterLayout) salutation() string {
	a := l.addressee()
	for _, cut := range []string{" de l’", " de l'", " de la ", " du ", " des ", " de ", " of "} {
		if i := strings.Index(a, cut); i > 0 {
			a = a[:i]
			break
		}
	}
	return a
}

// toHead reports whether the document is for the head of establishment
// (the request to enter a fact), not through the hierarchy.
func (l *letterLayout) toHead() bool { return strings.HasPrefix(l.kind, app.DocSchoolReport) }

func (l *letterLayout) warn(kind WarningKind) {
	for _, w := range l.warnings {
		if w.Kind == kind {
			return
		}
	}
	l.warnings = append(l.warnings, Warning{Kind: kind})
}

// reference is the letter's « Réf. » line: the texts, and the request it
// follows.
func (l *letterLayout) reference() string {
	t := l.t
	pairs := l.requestDates()
	switch l.kind {
	case app.DocLetterExtend, app.DocLetterAdd, app.DocLetterAppeal, app.DocLetterRefusal, app.DocLetterReasons,
		app.DocSchoolReport, app.DocSchoolReport + "_agri":
	default:
		return t.t("report.letter.ref.request")
	}
	if l.kind == app.DocSchoolReport && l.p.FirstDegree {
		// Art. R421-10-2 binds collèges and lycées, not schools (ETA-1).
		return t.t("report.letter.ref.school_report_request_first")
	}
	return t.f("report.letter.ref."+l.kind, pairs...)
}

// requestDates are the dates of the request the letter follows, for its
// sentences: sent, received, answered, rejected, and the last day to
// appeal.
func (l *letterLayout) requestDates() []string {
	t, c := l.t, l.choice
	var pairs []string
	if p := c.Request; p != nil {
		received := t.day(p.ReceivedOn)
		if received == "" {
			received = l.blank
		}
		pairs = append(pairs, "Date", t.day(p.Date), "Received", received, "Answer", t.day(p.AnswerDate))
	}
	return append(pairs, "IR", t.day(c.Rejected), "Due", t.day(c.Due))
}

// closing writes the last paragraphs, the salutation and the place, date
// and signature, kept together, and with the paragraph before them when
// they do not fit: the last page never holds the signature alone.
func (l *letterLayout) closing(last []string, paragraphs ...string) {
	doc, t := l.doc, l.t
	regards := t.f("report.letter.regards", "Title", l.salutation())
	h := 44.0 + listHeight(doc, last)
	for _, p := range append(paragraphs, regards) {
		h += doc.height(stBody, p, contentW) + 3
	}
	doc.need(h)
	if len(last) > 0 {
		doc.bullets(stBody, last)
	}
	for _, p := range paragraphs {
		doc.space(3)
		doc.para(stBody, p)
	}
	doc.space(3)
	doc.para(stBody, regards)
	doc.space(7)
	doc.paraAt(stBody, t.f("report.letter.done_at", "Town", l.or(l.p.Town), "Date", l.blank), letterRightX, letterRightW, "L")
	doc.space(2)
	doc.paraAt(stBody, t.t("report.letter.signature"), letterRightX, letterRightW, "L")
	doc.space(16)
}

// attached lists the attached pieces, with the SHA-256 of each file.
func (l *letterLayout) attached() {
	doc, t, d := l.doc, l.t, l.d
	if len(d.evidence) == 0 || l.kind == app.DocLetterReasons {
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

func (l *letterLayout) attachedCount() string {
	t, d := l.t, l.d
	switch {
	case l.kind == app.DocLetterReasons:
		return t.t("report.letter.attached_request")
	case len(d.evidence) == 0:
		return t.t("report.letter.no_attached")
	}
	return t.n("report.letter.attached_count", len(d.evidence))
}

// lowerFirst lowers the first letter of s, for a label inside a sentence.
func lowerFirst(s string) string {
	for i, r := range s {
		return strings.ToLower(string(r)) + s[i+len(string(r)):]
	}
	return s
}
