package report

import (
	"fmt"

	"github.com/temoin-app/temoin/app"
)

// The first two pages: the cover (who the dossier is for, title, period,
// author, establishment, date, confidentiality) and the table of contents
// with a note on how to read the dossier.

// subtitle is the cover's subtitle: who the dossier is for.
func subtitle(d *dossier) string {
	return d.t.t("report.cover.subtitle." + d.opts.Audience.String())
}

func cover(doc *doc, d *dossier) {
	t := d.t
	doc.newPage(true)
	f := doc.f

	doc.setStyle(stKicker)
	f.SetXY(marginL, 30)
	f.CellFormat(contentW, 5, audienceLine(d), "", 2, "L", false, 0, "")

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
	for _, l := range doc.wrap(subtitle(d), contentW-8) {
		f.SetX(marginL + 8)
		f.CellFormat(contentW-8, stSub.lineHeight(), l, "", 2, "L", false, 0, "")
	}
	f.SetFillColor(accent.r, accent.g, accent.b)
	f.Rect(marginL, top, 1.8, f.GetY()-top, "F")

	f.SetY(f.GetY() + 22)
	coverFacts(doc, d)
	if d.opts.Demo {
		doc.space(4)
		doc.para(stMuted, t.f("report.cover.demo", "Date", t.Date(d.items[0].recorded.at)))
	}
	coverNotice(doc, d)
}

// audienceLine says who the dossier is for, above the title.
func audienceLine(d *dossier) string {
	t := d.t
	if d.opts.Audience == ForRepresentative {
		name := d.opts.RepName
		if name == "" {
			name = t.t("report.cover.rep_default")
		}
		return t.f("report.cover.audience.representative", "Name", t.printable(name))
	}
	return t.t("report.cover.audience." + d.opts.Audience.String())
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
		{t.t("report.cover.period"), periodText(d)},
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

// periodText says when the facts happened: one day, or from one day to
// another.
func periodText(d *dossier) string {
	t := d.t
	if d.since == d.until {
		return t.f("report.fmt.on", "Day", t.day(d.since))
	}
	return t.f("report.fmt.from_to", "Since", t.day(d.since), "Until", t.day(d.until))
}

// coverNotice writes the confidentiality notice at the foot of the cover.
func coverNotice(doc *doc, d *dossier) {
	t, f := d.t, doc.f
	notice := t.t("report.cover.notice." + d.opts.Audience.String())
	if d.pseudonymise() {
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

// scope says what the report covers: "14 incidents", "1 incident choisi
// par l'auteur".
func scope(d *dossier) string {
	t := d.t
	if len(d.opts.IncidentIDs) > 0 {
		return t.n("report.cover.scope_selection", len(d.items))
	}
	return t.n("count.incidents", len(d.items))
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

// contents keeps the second page for the table of contents, written once
// every section's page is known, and writes the note on how to read the
// dossier under it.
func contents(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("report.sec.contents"), "contents", 0)
	page, top := doc.f.PageNo(), doc.y()
	const lh = 7.5
	doc.later = append(doc.later, func() { writeContents(doc, page, top, lh) })
	// Room for the entries: one per section present.
	n := 0
	for _, s := range sectionTitles {
		if d.has(s) {
			n++
		}
	}
	doc.f.SetY(top + lh*float64(n))

	doc.h2(t.t("report.about.title"), 20)
	about := []string{t.t("report.about.numbers"), chronologySentence(d)}
	if d.pseudonymise() {
		about = append(about, t.t("report.about.pseudonyms"))
	} else {
		about = append(about, t.t("report.about.names"))
	}
	if d.opts.IncludeHealth {
		about = append(about, t.t("report.about.health."+d.opts.Audience.String()))
	} else {
		about = append(about, t.t("report.about.no_health"))
	}
	about = append(about, t.t("report.about.history"), t.t("report.about.evidence"), t.t("report.about.guidance"))
	doc.bullets(stBody, about)
}

// chronologySentence says, without asserting more, how soon the entries
// were written (defect 1 of issue 11).
func chronologySentence(d *dossier) string {
	prompt := 0
	for _, it := range d.items {
		if it.recorded.prompt() {
			prompt++
		}
	}
	return d.t.n("report.about.chronology", len(d.items), "Prompt", d.t.Num(prompt))
}

// sectionTitles are the sections of the table of contents, in order:
// those present are listed.
var sectionTitles = []string{"summary", "stats", "chronology", "steps", "procedures", "prevention", "effects",
	"incidents", "inventory", "integrity", "legal", "privacy"}

// has reports whether the report holds a section: statistics from three
// incidents, a chronology from two, where the procedures stand for the
// representative and the lawyer, an inventory when there is evidence.
func (d *dossier) has(section string) bool {
	switch section {
	case "stats":
		return len(d.items) >= 3
	case "chronology":
		return len(d.items) >= 2
	case "procedures":
		return !d.opts.Audience.employer()
	case "inventory":
		return len(d.evidence) > 0
	}
	return true
}

// writeContents writes the table of contents on its page, once every
// section's page is known.
func writeContents(doc *doc, page int, top, lh float64) {
	t, f := doc.t, doc.f
	doc.revisit(page)
	y := top
	n := 0
	for _, anchor := range sectionTitles {
		p := doc.pageOf(anchor)
		if p == "" {
			continue
		}
		n++
		title := t.t("report.sec." + anchor)
		link := doc.link(anchor)
		doc.setStyle(stBody)
		f.SetXY(marginL, y)
		f.CellFormat(8, lh, fmt.Sprintf("%d.", n), "", 0, "L", false, link, "")
		tw := f.GetStringWidth(title)
		f.SetXY(marginL+8, y)
		f.CellFormat(tw, lh, title, "", 0, "L", false, link, "")
		pw := 12.0
		f.SetXY(marginL+contentW-pw, y)
		f.CellFormat(pw, lh, p, "", 0, "R", false, link, "")
		// A dotted leader drawn, not typed: copied text stays clean.
		f.SetDrawColor(muted.r, muted.g, muted.b)
		f.SetLineWidth(0.25)
		f.SetDashPattern([]float64{0.25, 1.3}, 0)
		x0, x1 := marginL+8+tw+2, marginL+contentW-pw-1
		if x1 > x0 {
			f.Line(x0, y+lh*0.68, x1, y+lh*0.68)
		}
		f.SetDashPattern(nil, 0)
		y += lh
	}
}
