package report

import (
	"fmt"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
)

// The annexes: the evidence inventory with full hashes (and thumbnails
// when chosen), the integrity appendix, legal references and the
// data-protection note.

func inventory(doc *doc, d *dossier) {
	t := d.t
	if !d.has("inventory") { // the cover says « Pièces : aucune »
		return
	}
	doc.h1(t.t("report.sec.inventory"), "inventory", 0)
	doc.para(stBody, t.t("report.inv.intro"))
	doc.space(3)
	for _, e := range d.evidence {
		inventoryItem(doc, d, e)
	}
	if d.opts.Thumbnails {
		doc.space(3)
		doc.para(stMuted, t.t("report.inv.thumbnails"))
	}
}

// The inventory's columns, in mm: the piece's number, the thumbnail's box.
const invNumW, invThumbBox = 13.0, 30.0

// invLine is a line of an inventory item, in its style.
type invLine struct {
	s    style
	text string
}

// inventoryItem writes one piece of evidence: its number (a link to its
// incident), what it is, its SHA-256 and note, and its thumbnail, on one
// page.
func inventoryItem(doc *doc, d *dossier, e *evItem) {
	f := doc.f
	textW := contentW - invNumW
	if e.thumb != nil {
		textW -= invThumbBox + 4
	}
	// Lay the block out first, to keep it on one page.
	lines := inventoryLines(doc, d, e, textW)
	h := 0.0
	for _, l := range lines {
		h += l.s.lineHeight()
	}
	blockH := h
	var tw, th float64
	if e.thumb != nil {
		tw, th = fitBox(float64(e.thumb.W), float64(e.thumb.H), invThumbBox)
		blockH = max(h, th)
	}
	doc.need(blockH + 5)
	y := doc.y() + 2
	doc.setStyle(stH3)
	f.SetXY(marginL, y)
	link := doc.link(incidentAnchor(e.item))
	f.CellFormat(invNumW, stSmallB.lineHeight(), e.label(), "", 0, "L", false, link, "")
	ly := y
	for _, l := range lines {
		doc.setStyle(l.s)
		f.SetXY(marginL+invNumW, ly)
		f.CellFormat(textW, l.s.lineHeight(), l.text, "", 0, "L", false, 0, "")
		ly += l.s.lineHeight()
	}
	if e.thumb != nil {
		x := marginL + contentW - invThumbBox + (invThumbBox-tw)/2
		f.ImageOptions(doc.registerImage(e.thumb.JPEG, "JPG"), x, y, tw, th, false, fpdf.ImageOptions{}, 0, "")
		f.SetDrawColor(hair.r, hair.g, hair.b)
		f.SetLineWidth(0.15)
		f.Rect(x, y, tw, th, "D")
	}
	f.SetY(y + blockH + 2.5)
	doc.rule(hair, 0.15)
}

// inventoryLines returns the lines that describe a piece of evidence,
// wrapped to textW.
func inventoryLines(doc *doc, d *dossier, e *evItem, textW float64) []invLine {
	t, ev := d.t, e.ev
	var lines []invLine
	add := func(s style, text string) {
		doc.setStyle(s)
		for _, l := range doc.wrap(text, textW) {
			lines = append(lines, invLine{s, l})
		}
	}
	if ev.IsLink() {
		add(stSmallB, ev.URL)
		add(stSmall, strings.Join(nonEmpty(t.t("report.inv.link"),
			t.f("report.inv.retrieved", "Date", t.day(ev.RetrievedOn)),
			t.f("report.inv.added", "Date", t.Date(ev.AddedAt.In(d.now.Location()))),
			t.f("report.inv.incident", "N", fmt.Sprint(e.item.n))), " · "))
	} else {
		add(stSmallB, ev.Name)
		add(stSmall, strings.Join(nonEmpty(mediaLabel(t, ev.MediaType), t.Size(ev.Size),
			t.f("report.inv.added", "Date", t.DateTime(ev.AddedAt.In(d.now.Location()))),
			t.f("report.inv.incident", "N", fmt.Sprint(e.item.n))), " · "))
		add(stLabel, "SHA-256")
		add(stMono, ev.SHA256)
		for _, l := range provenance(d, e) {
			add(stSmall, l)
		}
	}
	if ev.Note != "" {
		add(stMuted, ev.Note)
	}
	return lines
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
	doc.h1(t.t("report.sec.integrity"), "integrity", 0)
	doc.para(stBody, t.t("report.int.chain"))
	doc.space(3)
	doc.kv(52, [][2]string{
		{t.t("report.int.generated"), t.DateTime(d.now)},
		{t.t("report.int.head_seq"), fmt.Sprint(d.headSeq)},
	})
	doc.setStyle(stLabel)
	f.SetX(marginL)
	f.CellFormat(52, stBody.lineHeight(), t.t("report.int.head"), "", 0, "L", false, 0, "")
	doc.setStyle(stMono)
	f.SetX(marginL + 52)
	f.CellFormat(contentW-52, stBody.lineHeight(), d.headID, "", 2, "L", false, 0, "")
	doc.space(2)
	doc.para(stMuted, t.t("report.int.event"))

	if d.stats.files == 0 && d.opts.Audience.employer() {
		return // nothing to check: no file, and bundles are not sent to the committee
	}
	doc.h2(t.t("report.int.file_title"), 30)
	doc.para(stBody, t.t("report.int.file_intro"))
	doc.space(2)
	commands(doc, [][2]string{
		{t.t("report.int.linux"), "sha256sum " + t.t("report.int.file_name")},
		{t.t("report.int.macos"), "shasum -a 256 " + t.t("report.int.file_name")},
		{t.t("report.int.windows"), "certutil -hashfile " + t.t("report.int.file_name") + " SHA256"},
	})
	doc.space(2)
	doc.para(stBody, t.t("report.int.file_compare"))

	if d.opts.Audience.employer() {
		return // bundles go to representatives, not to the committee
	}
	doc.h2(t.t("report.int.bundle_title"), 30)
	doc.para(stBody, t.t("report.int.bundle_intro"))
	doc.space(1.5)
	doc.numbered(stBody, t.list("report.int.bundle_steps", "Seq", fmt.Sprint(d.headSeq)))
	doc.space(1)
	bundle, key := t.t("report.int.bundle_file"), t.t("report.int.key_file")
	commands(doc, [][2]string{
		{t.t("report.int.open"), "temoin open " + bundle + " --identity " + key + " --out " + t.t("report.int.out_dir")},
		{t.t("report.int.age"), "age -d -i " + key + " -o " + t.t("report.int.zip_file") + " " + bundle},
		{t.t("report.int.check"), "sha256sum -c SHA256SUMS"},
	})
	doc.space(2)
	doc.para(stBody, t.t("report.int.bundle_chain"))
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

// legalRelevant reports whether a legal topic concerns the incidents of
// the dossier: the committee, the register, accidents and protection
// always; the others when a step, a fact or the profile calls for them.
func legalRelevant(d *dossier, topic string) bool {
	any := func(test func(in *app.Incident) bool) bool {
		return slices.ContainsFunc(d.items, func(it *item) bool { return test(it.in) })
	}
	switch topic {
	case "dgi":
		return any(func(in *app.Incident) bool { return in.HasAction("dgi") })
	case "complaint":
		return any(func(in *app.Incident) bool {
			return in.HasAction("complaint") || in.IsPressOffence() || in.HasKind("threat") || in.HasKind("physical") || in.HasKind("outrage")
		})
	case "school":
		return !d.profile.Agricultural && any(func(in *app.Incident) bool { return true })
	case "agricultural":
		return d.profile.Agricultural
	case "online":
		return any(func(in *app.Incident) bool {
			return in.Setting == "online" || in.HasChannel("social_network") || in.HasChannel("video_call") || in.IsPublic()
		})
	}
	return true
}

func legal(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("report.sec.legal"), "legal", 0)
	doc.box(stSmall, t.t("report.legal.warning"))
	for _, topic := range legalTopics {
		if !legalRelevant(d, topic) {
			continue
		}
		doc.h3(t.t("report.legal."+topic+".title"), 12)
		for _, p := range t.list("report.legal." + topic) {
			doc.para(stLegal, p)
			doc.f.SetY(doc.y() + 1)
		}
	}
}

func privacy(doc *doc, d *dossier) {
	t := d.t
	doc.h1(t.t("report.sec.privacy"), "privacy", 0)
	var items []string
	switch d.names {
	case NamesPseudonyms:
		items = append(items, t.t("report.privacy.pseudonyms"))
	case NamesAdults:
		items = append(items, t.t("report.privacy.adults_named"))
	default:
		items = append(items, t.t("report.privacy.names"))
	}
	if d.opts.WitnessContacts && d.opts.Audience == ForLawyer {
		items = append(items, t.t("report.privacy.contacts_included"))
	} else {
		items = append(items, t.t("report.privacy.contacts"))
	}
	if d.opts.IncludeNotes {
		items = append(items, t.t("report.privacy.notes"))
	} else {
		items = append(items, t.t("report.privacy.no_notes"))
	}
	if d.opts.Audience.employer() {
		items = append(items, t.t("report.privacy.employer"))
	}
	if d.opts.IncludeHealth {
		items = append(items, t.t("report.privacy.health."+d.opts.Audience.String()))
	} else {
		items = append(items, t.t("report.privacy.no_health"))
	}
	if d.opts.Thumbnails {
		items = append(items, t.t("report.privacy.thumbnails"))
	} else {
		items = append(items, t.t("report.privacy.no_files"))
	}
	items = append(items, t.list("report.privacy.rules")...)
	doc.bullets(stLegal, items)
}

// provenance says how a file came in: an e-mail's headers, a capture's
// time, a pasted message's sender, date and channel, the e-mail an
// attachment came with. With pseudonyms, names go through the
// pseudonymiser and e-mail addresses are left out.
func provenance(d *dossier, e *evItem) []string {
	t, ev, loc := d.t, e.ev, d.now.Location()
	name := func(s string) string {
		if !d.pseudonymise() {
			return s
		}
		if i := strings.Index(s, "<"); i > 0 {
			s = strings.TrimSpace(s[:i])
		} else if strings.Contains(s, "@") {
			return t.t("report.inv.address_hidden")
		}
		return d.ps.Text(s)
	}
	names := func(list []string) string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = name(s)
		}
		return strings.Join(out, ", ")
	}
	switch {
	case ev.Mail != nil:
		h := ev.Mail
		date := h.DateText
		if !h.Date.IsZero() {
			date = t.DateTime(h.Date.In(loc))
		}
		subject := h.Subject
		if d.pseudonymise() {
			subject = d.ps.Text(subject)
		}
		out := []string{t.f("report.inv.mail", "Date", date, "From", names(h.From), "To", names(append(append([]string{}, h.To...), h.Cc...))),
			t.f("report.inv.mail_subject", "Subject", subject)}
		if n := len(h.Attachments); n > 0 {
			out = append(out, t.n("report.inv.mail_attachments", n))
		}
		return out
	case ev.Source == app.SourceCapture || ev.Source == app.SourceRecording:
		return []string{t.f("report.inv.captured", "Date", t.DateTime(ev.CapturedAt.In(loc)))}
	case ev.Source == app.SourcePaste && (ev.Sender != "" || ev.SentAt != "" || ev.Channel != ""):
		channel := ""
		if ev.Channel != "" {
			channel = t.Code("channel", ev.Channel)
		}
		return []string{strings.Join(nonEmpty(t.t("report.inv.pasted"), name(ev.Sender), ev.SentAt, channel), " · ")}
	case ev.Parent != "":
		for _, other := range d.evidence {
			if other.ev.ID == ev.Parent {
				return []string{t.f("report.inv.attachment_of", "N", other.label())}
			}
		}
	}
	return nil
}
