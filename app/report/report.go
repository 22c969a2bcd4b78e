// Package report writes the documents that leave the computer, as PDF:
// the report for the F3SCT (ex-CHSCT) and the administration, its
// variants for the author's representative and lawyer, the letters about
// protection fonctionnelle (a first request, an extension, new facts for
// a pending request, a recours gracieux, a request for the reasons of an
// implicit rejection), the RSST register text, the request to the head
// of establishment to enter a fact in « Faits établissement », and the
// help to declare an accident de service.
//
// The report follows the order a committee reads: a cover, a table of
// contents, a summary, statistics with charts, a chronology, the steps
// taken and the administration's silences, risk factors and prevention,
// effects on health and work, one section per incident, the evidence
// inventory with full SHA-256 hashes, an integrity appendix, legal
// references and a data-protection note.
//
// What leaves the computer depends on who reads it (Audience) and is
// minimised by default: the people list's names are replaced in every
// form they take, witnesses' contact details never appear, health data
// and private notes only when the author ticks them, and a document the
// employer reads never holds a union contact nor the author's own
// deadlines. Documents are written to an io.Writer and nowhere else: no
// temporary file; thumbnails are the journal's (made when a picture is
// attached, kept encrypted) or decoded in memory. Each is recorded in the
// journal's chain (a report_generated event with the PDF's SHA-256).
//
// Layout is done in one pass; the table of contents, the chronology's
// page numbers and the footers' page counts are written at the end, on
// the pages kept for them. Texts live in assets/translation (package
// i18n), under "report." keys.
package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app"
)

// Result describes a report written.
type Result struct {
	SHA256    string // of the PDF, as recorded in the chain
	Size      int64  // bytes written
	Pages     int
	Incidents int
	Evidence  int
	// ChainHead is the head of the journal's chain printed in the report
	// (the report_generated event follows it).
	ChainSeq  uint64
	ChainHead string
	// Warnings say what the person may want to fix.
	Warnings []Warning
}

// WarningKind names something the person may want to fix after a
// document was written.
type WarningKind string

// The kinds of warnings.
const (
	// WarnNoProfile: the profile is empty; the document names no author.
	WarnNoProfile WarningKind = "no_profile"
	// WarnNoPeople: names were to be replaced by pseudonyms, but the
	// people list is empty; they appear as written.
	WarnNoPeople WarningKind = "no_people"
	// WarnThumbnail: an image could not be shown as a thumbnail (it is
	// still listed); Evidence names it.
	WarnThumbnail WarningKind = "thumbnail"
	// WarnNoAddressee: the profile does not say whom letters are for; the
	// letter leaves the title to choose.
	WarnNoAddressee WarningKind = "no_addressee"
	// WarnLinkBlank: the journal does not say how an incident is linked to
	// the author's duties; the letter leaves a blank to fill.
	WarnLinkBlank WarningKind = "link_blank"
	// WarnHealthInWork: the effect on work mentions health; the RSST text
	// left it out.
	WarnHealthInWork WarningKind = "health_in_work"
	// WarnNamesShown: the document names people of the list.
	WarnNamesShown WarningKind = "names_shown"
	// WarnHeldForms: a name of the list is also a common word, not
	// replaced until confirmed (added as a form of the name).
	WarnHeldForms WarningKind = "held_forms"
)

// Warning is something the person may want to fix.
type Warning struct {
	Kind WarningKind
	// Evidence is the id of the evidence concerned (WarnThumbnail).
	Evidence string
}

// ErrNoIncident: the selection is empty.
var ErrNoIncident = errors.New("no incident in the selection")

// Write writes the report as PDF to w and records a report_generated
// event (with the PDF's SHA-256) in the vault's chain. progress, if not
// nil, is called with the steps done out of a total: thumbnails decoded,
// then every incident laid out. Cancelling ctx stops the work; nothing is
// written to w until the layout is complete. Nothing but w receives the
// report: no temporary file.
func Write(ctx context.Context, src Source, opts Options, w io.Writer, progress func(done, total int)) (*Result, error) {
	if err := src.check(); err != nil {
		return nil, err
	}
	if w == nil {
		return nil, errors.New("report: no output")
	}
	t := newTexts(opts.Lang)
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	d, err := gather(ctx, src, opts, t, now)
	if err != nil {
		return nil, err
	}

	defer memoryBudget()()
	var thumbs []*evItem
	if opts.Thumbnails {
		for _, e := range d.evidence {
			if isImage(&e.ev) {
				thumbs = append(thumbs, e)
			}
		}
	}
	total := len(thumbs) + len(d.items)
	var mu sync.Mutex
	done := 0
	step := func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	// The thumbnails are decoded while the sections before the inventory
	// are laid out: the inventory waits for them.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	thumbsDone := make(chan error, 1)
	go func() {
		warnings, err := makeThumbs(ctx, src.Evidence, thumbs, step)
		d.warnings = append(d.warnings, warnings...)
		thumbsDone <- err
	}()
	d.thumbsReady = func() error { return <-thumbsDone }
	final, err := render(ctx, d, step)
	if err != nil {
		cancel()
		if d.thumbsReady != nil {
			d.thumbsReady()
		}
		return nil, err
	}
	sum, n, err := output(final, w)
	if err != nil {
		return nil, fmt.Errorf("failed to write the report: %w", err)
	}
	res := &Result{
		SHA256: sum, Size: n, Pages: final.f.PageNo(), Incidents: len(d.items), Evidence: len(d.evidence),
		ChainSeq: d.headSeq, ChainHead: d.headID, Warnings: d.warnings,
	}
	if err := src.Chain.Log(app.EventReportGenerated, "report", sum); err != nil {
		return res, fmt.Errorf("the report was written but could not be recorded in the journal's history: %w", err)
	}
	return res, nil
}

// output writes a laid-out PDF to w and returns its hex SHA-256 and
// size.
func output(d *doc, w io.Writer) (string, int64, error) {
	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(w, h)}
	if err := d.f.Output(cw); err != nil {
		return "", cw.n, err
	}
	return hex.EncodeToString(h.Sum(nil)), cw.n, nil
}

// render lays the whole report out, in the order its reader reads it.
func render(ctx context.Context, d *dossier, step func()) (*doc, error) {
	charts, err := makeCharts(d)
	if err != nil {
		return nil, err
	}
	t := d.t
	meta := docMeta{
		title:   t.t("report.cover.title") + " " + subtitle(d),
		subject: t.f("report.doc.subject", "Since", t.day(d.since), "Until", t.day(d.until)),
		author:  d.author,
		created: d.now,
	}
	doc := newDoc(t, meta)
	doc.header = t.t("report.doc.header." + d.opts.Audience.String())
	doc.footer = t.f("report.doc.footer", "Date", t.Date(d.now))

	cover(doc, d)
	contents(doc, d)
	summary(doc, d)
	statistics(doc, d, charts)
	chronology(doc, d)
	steps(doc, d)
	procedures(doc, d)
	prevention(doc, d)
	effects(doc, d)
	for _, it := range d.items {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		incidentSection(doc, d, it)
		step()
		if err := doc.err(); err != nil {
			return nil, fmt.Errorf("failed to lay out incident %s: %w", it.in.ID, err)
		}
	}
	if d.thumbsReady != nil {
		if err := d.thumbsReady(); err != nil {
			return nil, err
		}
		d.thumbsReady = nil
	}
	inventory(doc, d)
	integrity(doc, d)
	legal(doc, d)
	privacy(doc, d)
	doc.finish()
	if err := doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the report: %w", err)
	}
	return doc, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
