// Package report writes the committee-ready PDF report (F3SCT, ex-CHSCT)
// from the journal, and its companions: the draft letter requesting
// protection fonctionnelle and the RSST register text of an incident.
//
// The report follows the order a committee reads: a cover, a table of
// contents, a summary (counts, repeat perpetrators, trend, the author's
// request), statistics with charts, a chronology, the steps taken and the
// administration's answers, one section per incident in the spirit of the
// RSST register, the evidence inventory with full SHA-256 hashes, an
// integrity appendix (the head of the journal's hash chain and how to
// check a file), legal references and a data-protection note.
//
// What leaves the computer is minimised by default: the people list's
// names are replaced by their pseudonyms ("Kevin Martin" → "Élève A"),
// witnesses' contact details never appear, and medical notes only when
// asked for. The report is written to an io.Writer and nowhere else: no
// temporary file, thumbnails decoded in memory. Each report is recorded in
// the journal's chain (a report_generated event with the PDF's SHA-256).
//
// Layout is done twice: a first pass finds the page of every section and
// incident, the second writes the table of contents, the chronology's page
// numbers and the links with them. Texts live in texts/fr.json and
// texts/en.json.
package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Options are the choices made when generating a report. The zero value
// is the safe default: French, pseudonymised, without medical notes.
type Options struct {
	Since, Until app.Date // the period; zero for no bound
	IncidentIDs  []string // a hand-picked set (ids or their starts) instead of a period

	Lang           i18n.Lang // French (the zero value) or English
	NoPseudonymize bool      // keep the names of the people list
	IncludeHealth  bool      // include the medical notes
	Thumbnails     bool      // show image evidence as thumbnails

	AuthorPseudonym string // shown instead of the author's name when set
	Request         string // what is asked of the committee, in the author's words

	Now time.Time // generation time; zero for now
}

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
// then every incident laid out twice (once to count pages, once to
// write). Cancelling ctx stops the work; nothing is written to w until the
// layout is complete. Nothing but w receives the report: no temporary
// file.
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

	var thumbs []*evItem
	if opts.Thumbnails {
		for _, e := range d.evidence {
			if isImage(&e.ev) {
				thumbs = append(thumbs, e)
			}
		}
	}
	total := len(thumbs) + 2*len(d.items)
	done := 0
	step := func() {
		done++
		if progress != nil {
			progress(done, total)
		}
	}
	warnings, err := makeThumbs(ctx, src.Evidence, thumbs, step)
	if err != nil {
		return nil, err
	}
	d.warnings = append(d.warnings, warnings...)
	final, err := layout(ctx, d, step)
	if err != nil {
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

// layout lays the report out twice: the first pass finds the page of
// every section and incident, the second writes the table of contents,
// the page numbers and the links with them.
func layout(ctx context.Context, d *dossier, step func()) (*doc, error) {
	charts, err := makeCharts(d)
	if err != nil {
		return nil, err
	}
	first, err := render(ctx, d, charts, nil, 0, step)
	if err != nil {
		return nil, err
	}
	anchors, pages := first.anchors, first.f.PageNo()
	first = nil // the first pass's PDF can go before the second is made
	return render(ctx, d, charts, anchors, pages, step)
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

// render lays the whole report out once. prev holds the pages found by a
// previous pass (nil on the first).
func render(ctx context.Context, d *dossier, charts map[string]*chart, prev map[string]int, totalPages int, step func()) (*doc, error) {
	t := d.t
	author := d.author
	meta := docMeta{
		title:   t.t("report.cover.title") + " " + t.t("report.cover.subtitle"),
		subject: t.f("report.doc.subject", "Since", t.day(d.since), "Until", t.day(d.until)),
		author:  author,
		created: d.now,
	}
	doc := newDoc(t, meta, prev, totalPages)
	doc.header = t.t("report.doc.header")
	doc.footer = t.f("report.doc.footer", "Date", t.Date(d.now))
	for name, c := range charts {
		doc.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(c.png))
	}
	for _, e := range d.evidence {
		if e.thumb != nil {
			doc.f.RegisterImageOptionsReader(thumbName(e), fpdf.ImageOptions{ImageType: "JPG"}, bytes.NewReader(e.thumb.jpeg))
		}
	}

	cover(doc, d)
	contents(doc, d)
	summary(doc, d)
	statistics(doc, d, charts)
	chronology(doc, d)
	steps(doc, d)
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
	inventory(doc, d)
	integrity(doc, d)
	legal(doc, d)
	privacy(doc, d)
	if err := doc.err(); err != nil {
		return nil, fmt.Errorf("failed to lay out the report: %w", err)
	}
	return doc, nil
}

func thumbName(e *evItem) string { return "thumb-" + e.ev.ID }

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
