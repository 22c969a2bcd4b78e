package report

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

// The annexes: the evidence inventory with full hashes (and thumbnails
// when chosen), the integrity appendix, legal references and the
// data-protection note.

func inventory(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("sec.inventory"), "inventory", 0)
	if len(d.evidence) == 0 {
		doc.para(stBody, t.t("inv.none"))
		return
	}
	doc.para(stBody, t.t("inv.intro"))
	doc.space(3)
	f := doc.f
	const numW, thumbBox = 13.0, 30.0
	for _, e := range d.evidence {
		ev := e.ev
		textW := contentW - numW
		if e.thumb != nil {
			textW -= thumbBox + 4
		}
		// Lay the block out first, to keep it on one page.
		type line struct {
			s    style
			text string
		}
		var lines []line
		add := func(s style, text string) {
			doc.setStyle(s)
			for _, l := range doc.wrap(text, textW) {
				lines = append(lines, line{s, l})
			}
		}
		if ev.IsLink() {
			add(stSmallB, ev.URL)
			add(stSmall, strings.Join(nonEmpty(t.t("inv.link"),
				t.f("inv.retrieved", "Date", t.day(ev.RetrievedOn)),
				t.f("inv.added", "Date", t.date(ev.AddedAt.In(d.now.Location()))),
				t.f("inv.incident", "N", fmt.Sprint(e.item.n))), " · "))
		} else {
			add(stSmallB, ev.Name)
			add(stSmall, strings.Join(nonEmpty(mediaLabel(t, ev.MediaType), t.size(ev.Size),
				t.f("inv.added", "Date", t.dateTime(ev.AddedAt.In(d.now.Location()))),
				t.f("inv.incident", "N", fmt.Sprint(e.item.n))), " · "))
			add(stLabel, "SHA-256")
			add(stMono, ev.SHA256)
		}
		if ev.Note != "" {
			add(stMuted, ev.Note)
		}
		h := 0.0
		for _, l := range lines {
			h += l.s.lineHeight()
		}
		blockH := h
		var tw, th float64
		if e.thumb != nil {
			tw, th = fitBox(float64(e.thumb.w), float64(e.thumb.h), thumbBox)
			blockH = max(h, th)
		}
		doc.need(blockH + 5)
		y := doc.y() + 2
		doc.setStyle(stH3)
		f.SetXY(marginL, y)
		link := doc.link(incidentAnchor(e.item))
		f.CellFormat(numW, stSmallB.lineHeight(), e.label(), "", 0, "L", false, link, "")
		ly := y
		for _, l := range lines {
			doc.setStyle(l.s)
			f.SetXY(marginL+numW, ly)
			f.CellFormat(textW, l.s.lineHeight(), l.text, "", 0, "L", false, 0, "")
			ly += l.s.lineHeight()
		}
		if e.thumb != nil {
			x := marginL + contentW - thumbBox + (thumbBox-tw)/2
			f.ImageOptions(thumbName(e), x, y, tw, th, false, fpdf.ImageOptions{}, 0, "")
			f.SetDrawColor(hair.r, hair.g, hair.b)
			f.SetLineWidth(0.15)
			f.Rect(x, y, tw, th, "D")
		}
		f.SetY(y + blockH + 2.5)
		doc.rule(hair, 0.15)
	}
	if d.opts.Thumbnails {
		doc.space(3)
		doc.para(stMuted, t.t("inv.thumbnails"))
	}
}

// fitBox scales w×h pixels into a side×side mm box.
func fitBox(w, h, side float64) (float64, float64) {
	if w >= h {
		return side, side * h / w
	}
	return side * w / h, side
}

func nonEmpty(items ...string) []string {
	var out []string
	for _, s := range items {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

func integrity(doc *doc, d *dossier) {
	t := d.t
	f := doc.f
	doc.h1(t.t("sec.integrity"), "integrity", 0)
	doc.para(stBody, t.t("int.chain"))
	doc.space(3)
	doc.kv(52, [][2]string{
		{t.t("int.generated"), t.dateTime(d.now)},
		{t.t("int.head_seq"), fmt.Sprint(d.headSeq)},
	})
	doc.setStyle(stLabel)
	f.SetX(marginL)
	f.CellFormat(52, stBody.lineHeight(), t.t("int.head"), "", 0, "L", false, 0, "")
	doc.setStyle(stMono)
	f.SetX(marginL + 52)
	f.CellFormat(contentW-52, stBody.lineHeight(), d.headID, "", 2, "L", false, 0, "")
	doc.space(2)
	doc.para(stMuted, t.t("int.event"))

	doc.h2(t.t("int.file_title"), 30)
	doc.para(stBody, t.t("int.file_intro"))
	doc.space(2)
	commands(doc, [][2]string{
		{t.t("int.linux"), "sha256sum " + t.t("int.file_name")},
		{t.t("int.macos"), "shasum -a 256 " + t.t("int.file_name")},
		{t.t("int.windows"), "certutil -hashfile " + t.t("int.file_name") + " SHA256"},
	})
	doc.space(2)
	doc.para(stBody, t.t("int.file_compare"))

	doc.h2(t.t("int.bundle_title"), 30)
	doc.para(stBody, t.t("int.bundle_intro"))
	doc.space(1.5)
	steps := t.list("int.bundle_steps")
	for i, s := range steps {
		steps[i] = strings.ReplaceAll(s, "{Seq}", fmt.Sprint(d.headSeq))
	}
	doc.numbered(stBody, steps)
	doc.space(1)
	bundle, key := t.t("int.bundle_file"), t.t("int.key_file")
	commands(doc, [][2]string{
		{t.t("int.open"), "temoin open " + bundle + " --identity " + key + " --out " + t.t("int.out_dir")},
		{t.t("int.age"), "age -d -i " + key + " " + bundle + " > " + t.t("int.zip_file")},
		{t.t("int.check"), "sha256sum -c SHA256SUMS"},
	})
	doc.space(2)
	doc.para(stBody, t.t("int.bundle_chain"))
}

// commands writes shell commands in a tinted block: a label, then the
// command in a monospaced font.
func commands(doc *doc, cmds [][2]string) {
	f := doc.f
	lh := stMonoS.lineHeight() + 1.2
	mono := stMonoS
	for _, c := range cmds {
		if len(c[1]) > 60 {
			mono = stMono
		}
	}
	h := float64(len(cmds))*lh + 4
	doc.need(h)
	y := doc.y()
	f.SetFillColor(tint.r, tint.g, tint.b)
	f.Rect(marginL, y, contentW, h, "F")
	y += 2
	for _, c := range cmds {
		doc.setStyle(stLabel)
		f.SetXY(marginL+3, y)
		f.CellFormat(34, lh, c[0], "", 0, "L", false, 0, "")
		doc.setStyle(mono)
		f.SetXY(marginL+38, y)
		f.CellFormat(contentW-41, lh, c[1], "", 0, "L", false, 0, "")
		y += lh
	}
	f.SetY(y + 2)
}

// legalTopics are the subjects of the legal references, in order; each has
// a title (legal.<topic>.title) and paragraphs (legal.<topic>).
var legalTopics = []string{"committee", "rsst", "dgi", "work_accident", "protection", "complaint", "school", "agricultural", "online"}

func legal(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("sec.legal"), "legal", 0)
	doc.box(stSmall, t.t("legal.warning"))
	for _, topic := range legalTopics {
		doc.h3(t.t("legal."+topic+".title"), 12)
		for _, p := range t.list("legal." + topic) {
			doc.para(stBody, p)
			doc.f.SetY(doc.y() + 1)
		}
	}
}

func privacy(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("sec.privacy"), "privacy", 0)
	var items []string
	if d.pseudonymise {
		items = append(items, t.t("privacy.pseudonyms"))
	} else {
		items = append(items, t.t("privacy.names"))
	}
	items = append(items, t.t("privacy.contacts"))
	if d.opts.IncludeHealth {
		items = append(items, t.t("privacy.health"))
	} else {
		items = append(items, t.t("privacy.no_health"))
	}
	if d.opts.Thumbnails {
		items = append(items, t.t("privacy.thumbnails"))
	} else {
		items = append(items, t.t("privacy.no_files"))
	}
	items = append(items, t.list("privacy.rules")...)
	doc.bullets(stBody, items)
}
