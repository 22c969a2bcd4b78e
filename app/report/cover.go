package report

import (
	"fmt"

	"github.com/temoin-app/temoin/app"
)

// The first two pages: the cover (title, period, author, establishment,
// date, confidentiality) and the table of contents with a note on how to
// read the dossier.

func cover(doc *doc, d *dossier) {
	t := d.t
	doc.newPage(true)
	f := doc.f

	doc.setStyle(stKicker)
	f.SetXY(marginL, 30)
	f.CellFormat(contentW, 5, t.t("report.cover.kicker"), "", 2, "L", false, 0, "")

	// The title, beside an accent bar.
	top := 44.0
	f.SetY(top)
	doc.setStyle(stTitle)
	for _, l := range doc.wrap(t.t("report.cover.title"), contentW-8) {
		f.SetX(marginL + 8)
		f.CellFormat(contentW-8, stTitle.lineHeight(), l, "", 2, "L", false, 0, "")
	}
	f.SetY(f.GetY() + 2)
	doc.setStyle(stSub)
	for _, l := range doc.wrap(t.t("report.cover.subtitle"), contentW-8) {
		f.SetX(marginL + 8)
		f.CellFormat(contentW-8, stSub.lineHeight(), l, "", 2, "L", false, 0, "")
	}
	f.SetFillColor(accent.r, accent.g, accent.b)
	f.Rect(marginL, top, 1.8, f.GetY()-top, "F")

	f.SetY(f.GetY() + 22)
	coverFacts(doc, d)
	coverNotice(doc, d)
}

// coverFacts writes what, when and who: the period, the author, the
// establishment, the evidence, the date and the head of the history.
func coverFacts(doc *doc, d *dossier) {
	t, f := d.t, doc.f
	author := d.author
	if author == "" {
		author = t.t("report.cover.author_unknown")
	} else if d.opts.AuthorPseudonym != "" {
		author += " " + t.t("report.cover.pseudonym")
	}
	doc.kv(48, [][2]string{
		{t.t("report.cover.period"), t.f("report.fmt.from_to", "Since", t.day(d.since), "Until", t.day(d.until))},
		{t.t("report.cover.scope"), scope(d)},
		{t.t("report.cover.author"), author},
		{t.t("report.cover.function"), d.function},
		{t.t("report.cover.workplace"), d.place},
		{t.t("report.cover.authority"), d.profile.Authority},
		{t.t("report.cover.evidence"), evidenceCount(d)},
		{t.t("report.cover.generated"), t.DateTime(d.now) + " · Témoin " + app.Version},
	})
	doc.setStyle(stLabel)
	lh := stBody.lineHeight()
	y := f.GetY()
	f.SetXY(marginL, y)
	f.CellFormat(48, lh, t.t("report.cover.chain"), "", 0, "L", false, 0, "")
	doc.setStyle(stMonoS)
	hash := short(d.headID, 16) + "…"
	f.SetXY(marginL+48, y)
	f.CellFormat(f.GetStringWidth(hash)+2, lh, hash, "", 0, "L", false, 0, "")
	x := f.GetX()
	doc.setStyle(stBody)
	f.SetXY(x, y)
	f.CellFormat(contentW-(x-marginL), lh, t.f("report.cover.chain_seq", "Seq", fmt.Sprint(d.headSeq)), "", 2, "L", false, 0, "")
}

// coverNotice writes the confidentiality notice at the foot of the cover.
func coverNotice(doc *doc, d *dossier) {
	t, f := d.t, doc.f
	notice := t.t("report.cover.notice")
	if d.pseudonymise {
		notice += " " + t.t("report.cover.notice_pseudonyms")
	} else {
		notice += " " + t.t("report.cover.notice_names")
	}
	if d.opts.IncludeHealth {
		notice += " " + t.t("report.cover.notice_health")
	}
	doc.setStyle(stSmall)
	lines := doc.wrap(notice, contentW-2*3-1.2)
	h := float64(len(lines))*stSmall.lineHeight() + 6 + stKicker.lineHeight() + 1
	f.SetY(pageH - 30 - h)
	doc.setStyle(stKicker)
	f.SetX(marginL)
	f.CellFormat(contentW, stKicker.lineHeight(), t.t("report.cover.notice_title"), "", 2, "L", false, 0, "")
	f.SetY(f.GetY() + 1)
	doc.box(stSmall, notice)
	doc.setStyle(stMuted)
	f.SetXY(marginL, pageH-20)
	f.CellFormat(contentW, 4, t.t("report.cover.made_with"), "", 0, "L", false, 0, "")
}

// scope says what the report covers: the whole period, or a selection.
func scope(d *dossier) string {
	t := d.t
	s := t.n("count.incidents", len(d.items))
	if len(d.opts.IncidentIDs) > 0 {
		s = t.n("report.cover.scope_selection", len(d.items), "Incidents", s)
	}
	return s
}

func evidenceCount(d *dossier) string {
	t := d.t
	if len(d.evidence) == 0 {
		return t.t("report.cover.no_evidence")
	}
	var parts []string
	if d.stats.files > 0 {
		parts = append(parts, t.n("count.files", d.stats.files))
	}
	if d.stats.links > 0 {
		parts = append(parts, t.n("count.links", d.stats.links))
	}
	return t.JoinAnd(parts)
}

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

// tocEntry is a line of the table of contents.
type tocEntry struct{ anchor, title string }

func tocEntries(d *dossier) []tocEntry {
	t := d.t
	return []tocEntry{
		{"summary", t.t("report.sec.summary")},
		{"stats", t.t("report.sec.stats")},
		{"chronology", t.t("report.sec.chronology")},
		{"steps", t.t("report.sec.steps")},
		{"incidents", t.t("report.sec.incidents")},
		{"inventory", t.t("report.sec.inventory")},
		{"integrity", t.t("report.sec.integrity")},
		{"legal", t.t("report.sec.legal")},
		{"privacy", t.t("report.sec.privacy")},
	}
}

func contents(doc *doc, d *dossier) {
	t := d.t
	f := doc.f
	doc.h1(t.t("report.sec.contents"), "contents", 0)
	lh := 7.5
	for i, e := range tocEntries(d) {
		y := doc.y()
		page := doc.pageOf(e.anchor)
		link := doc.link(e.anchor)
		doc.setStyle(stBody)
		num := fmt.Sprintf("%d.", i+1)
		f.SetXY(marginL, y)
		f.CellFormat(8, lh, num, "", 0, "L", false, link, "")
		tw := f.GetStringWidth(e.title)
		f.SetXY(marginL+8, y)
		f.CellFormat(tw, lh, e.title, "", 0, "L", false, link, "")
		pw := 12.0
		f.SetXY(marginL+contentW-pw, y)
		f.CellFormat(pw, lh, page, "", 0, "R", false, link, "")
		// A dotted leader drawn, not typed: copied text stays clean.
		f.SetDrawColor(muted.r, muted.g, muted.b)
		f.SetLineWidth(0.25)
		f.SetDashPattern([]float64{0.25, 1.3}, 0)
		x0, x1 := marginL+8+tw+2, marginL+contentW-pw-1
		if x1 > x0 {
			f.Line(x0, y+lh*0.68, x1, y+lh*0.68)
		}
		f.SetDashPattern(nil, 0)
		f.SetY(y + lh)
	}

	doc.h2(t.t("report.about.title"), 20)
	about := []string{t.t("report.about.numbers"), t.t("report.about.chronology")}
	if d.pseudonymise {
		about = append(about, t.t("report.about.pseudonyms"))
	} else {
		about = append(about, t.t("report.about.names"))
	}
	if d.opts.IncludeHealth {
		about = append(about, t.t("report.about.health"))
	} else {
		about = append(about, t.t("report.about.no_health"))
	}
	about = append(about, t.t("report.about.history"), t.t("report.about.evidence"), t.t("report.about.guidance"))
	doc.bullets(stBody, about)
}
