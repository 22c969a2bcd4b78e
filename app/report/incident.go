package report

import (
	"fmt"
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// One section per incident, in the spirit of the RSST register: when and
// where, what happened, the exact words, who (by role and pseudonym), the
// consequences, the steps taken and the answers, the deadlines, the
// history of the entry and its evidence.

func incidentSection(doc *doc, d *dossier, it *item) {
	incidentHeading(doc, d, it)
	incidentTexts(doc, d.t, it.in)
	incidentFollowUp(doc, d, it)
}

// incidentRoom is the room an incident's sheet needs left on a page to
// start there rather than on the next one.
const incidentRoom = 110.0

// incidentHeading starts the incident's sheet: its title, when it was
// written, and its facts as a table of fields.
func incidentHeading(doc *doc, d *dossier, it *item) {
	t := d.t
	in := it.in
	switch {
	case doc.atTop():
	case doc.y()+incidentRoom > bottomY:
		doc.newPage(false)
	default:
		doc.space(6)
		doc.rule(hair, 0.3)
		doc.space(6)
	}
	doc.setStyle(stKicker)
	if it.n == 1 {
		doc.anchor("incidents")
		doc.f.Bookmark(t.t("report.sec.incidents"), 0, -1)
	}
	doc.f.SetX(marginL)
	doc.f.CellFormat(contentW, stKicker.lineHeight(), t.t("report.sec.incidents"), "", 2, "L", false, 0, "")
	doc.f.SetY(doc.y() + 1)
	doc.h1Here(t.f("report.inc.title", "N", fmt.Sprint(it.n), "Date", t.Date(in.OccurredAt)), incidentAnchor(it), 1)

	meta := t.f("report.inc.meta", "ID", in.ID, "Recorded", it.recorded.sentence(t))
	if len(it.revisions) > 1 {
		meta += " · " + t.n("report.inc.revisions", len(it.revisions))
	}
	doc.para(stLabel, meta)
	doc.space(3)

	doc.kv(44, [][2]string{
		{t.field("occurred_at"), when(t, in)},
		{t.field("discovered_on"), t.day(in.DiscoveredOn)},
		{t.t("report.inc.setting_place"), joinDash(t.code("setting", in.Setting), in.Place)},
		{t.field("workplace"), in.Workplace},
		{t.field("authority"), in.Authority},
		{t.field("activity"), in.Activity},
		{t.field("kinds"), t.codes("kind", in.Kinds)},
		{t.field("channels"), t.codes("channel", in.Channels)},
		{t.field("diffusion"), t.code("diffusion", in.Diffusion)},
		{t.field("video_call"), videoCall(t, in.VideoCall)},
		{t.field("perpetrator"), perpetrator(t, in, true)},
		{t.field("dispute"), in.Dispute},
		{t.field("witnesses"), witnesses(t, in.Witnesses)},
		{t.field("linked"), linked(t, d, in.Linked)},
	})
}

// incidentTexts writes what the author wrote: the facts, the exact
// words, the consequences, the medical note (when included) and the
// notes.
func incidentTexts(doc *doc, t *texts, in *app.Incident) {
	if s := strings.TrimSpace(in.Description); s != "" {
		doc.h3(t.field("description"), 10)
		doc.para(stBody, s)
	}
	if s := strings.TrimSpace(in.ExactWords); s != "" {
		doc.h3(t.field("exact_words"), 10)
		doc.paraAt(stQuote, t.Quote(s), marginL+4, contentW-4, "L")
	}
	for _, f := range []struct{ title, text string }{
		{t.field("consequences"), in.Consequences},
		{t.field("work_impact"), in.WorkImpact},
		{t.field("medical_note"), in.MedicalNote},                       // empty unless shown
		{t.t("report.inc.medical_finding"), t.day(in.MedicalFindingOn)}, // idem
		{t.t("report.inc.notes"), in.Notes},                             // empty unless ticked
	} {
		if s := strings.TrimSpace(f.text); s != "" {
			doc.h3(f.title, 10)
			doc.para(stBody, s)
		}
	}
}

// incidentFollowUp writes the steps taken, the deadlines, the history of
// the entry and its evidence.
func incidentFollowUp(doc *doc, d *dossier, it *item) {
	t, in := d.t, it.in
	if len(in.Actions) > 0 {
		doc.h3(t.field("actions"), 16)
		var rows [][]cell
		for _, a := range in.Actions {
			rows = append(rows, actionCells(t, a))
		}
		doc.table(actionColumns(t), rows, stSmall)
	}
	if len(it.deadlines) > 0 {
		doc.h3(t.t("report.inc.deadlines"), 10)
		var lines []string
		for _, dl := range it.deadlines {
			line := deadlineText(t, dl, d.today, AboutAuthor) + " " + t.f("report.inc.basis", "Reference", dl.Reference)
			if dl.Check {
				line += " " + t.t("report.inc.to_check")
			}
			if day, ok := d.dismissedOn(dl); ok {
				line += " " + t.f("report.inc.dismissed", "Date", t.day(day))
			}
			lines = append(lines, line)
		}
		doc.bullets(stBody, lines)
	}
	doc.h3(t.t("report.inc.history"), 10)
	doc.bullets(stBody, historyLines(d, it))
	if len(it.evidence) > 0 {
		doc.h3(t.field("evidence"), 10)
		var lines []string
		for _, e := range it.evidence {
			lines = append(lines, evidenceLine(t, e))
		}
		doc.bullets(stBody, lines)
	}
}

// historyLines tells each revision of an incident: when it was written or
// amended, and which fields changed.
func historyLines(d *dossier, it *item) []string {
	t := d.t
	var hist []string
	for _, r := range it.revisions {
		at := t.DateTime(r.savedAt.In(d.now.Location()))
		if r.number == 1 {
			hist = append(hist, t.f("report.inc.written", "At", at, "Rev", fmt.Sprint(r.number)))
			continue
		}
		var fields []string
		for _, f := range r.changed {
			fields = append(fields, strings.ToLower(t.field(f)))
		}
		line := t.f("report.inc.amended", "At", at, "Rev", fmt.Sprint(r.number))
		if len(fields) > 0 {
			line = t.f("report.inc.amended_fields", "At", at, "Rev", fmt.Sprint(r.number), "Fields", strings.Join(fields, ", "))
		}
		hist = append(hist, line)
	}
	return hist
}

// when writes the date and time of the facts: "mardi 3 mars 2026 à 14 h
// 05, jusqu’à 15 h 00".
func when(t *texts, in *app.Incident) string {
	if in.TimeUnknown {
		return t.LongDate(in.OccurredAt) + " " + t.t("report.inc.time_unknown")
	}
	s := t.f("fmt.date_time", "Date", t.LongDate(in.OccurredAt), "Time", t.Clock(in.OccurredAt))
	if e := in.EndedAt; e != nil {
		if app.DateOf(*e) == app.DateOf(in.OccurredAt) {
			s += t.f("report.inc.until_time", "Time", t.Clock(*e))
		} else {
			s += t.f("report.inc.until", "DateTime", t.DateTime(*e))
		}
	}
	return s
}

func joinDash(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " — " + b
}

func videoCall(t *texts, vc *app.VideoCall) string {
	if vc == nil {
		return ""
	}
	var parts []string
	if vc.Platform != "" {
		parts = append(parts, vc.Platform)
	}
	if vc.MeetingID != "" {
		parts = append(parts, t.f("report.inc.meeting", "ID", vc.MeetingID))
	}
	parts = append(parts, t.f("report.inc.public_link", "Answer", yesNo(t, vc.PublicLink)),
		t.f("report.inc.waiting_room", "Answer", yesNo(t, vc.WaitingRoom)))
	if len(vc.Intruders) > 0 {
		parts = append(parts, t.f("report.inc.intruders", "Names", strings.Join(vc.Intruders, ", ")))
	}
	return strings.Join(parts, t.t("report.fmt.sep"))
}

func yesNo(t *texts, b bool) string {
	if b {
		return t.t("report.fmt.yes")
	}
	return t.t("report.fmt.no")
}

// witnesses writes roles and pseudonyms; contact details never leave.
func witnesses(t *texts, ws []app.Witness) string {
	var parts []string
	for _, w := range ws {
		role, ps := strings.TrimSpace(w.Role), strings.TrimSpace(w.Pseudonym)
		switch {
		case role != "" && ps != "":
			parts = append(parts, role+" ("+ps+")")
		case role != "":
			parts = append(parts, role)
		default:
			parts = append(parts, ps)
		}
		if c := strings.TrimSpace(w.Contact); c != "" { // the lawyer's file, when ticked
			parts[len(parts)-1] += " — " + c
		}
	}
	return strings.Join(parts, t.t("report.fmt.sep"))
}

// linked names linked incidents by their number in the report, or by
// their reference when they are not in it.
func linked(t *texts, d *dossier, ids []string) string {
	var parts []string
	for _, id := range ids {
		found := false
		for _, it := range d.items {
			if it.in.ID == id {
				parts = append(parts, t.f("report.inc.linked_n", "N", fmt.Sprint(it.n)))
				found = true
				break
			}
		}
		switch {
		case found:
		case slices.ContainsFunc(d.all, func(in *app.Incident) bool { return in.ID == id }):
			parts = append(parts, t.f("report.inc.linked_ref", "ID", id))
		default: // deleted since it was linked: the link stays as written
			parts = append(parts, t.f("report.inc.linked_deleted", "ID", id))
		}
	}
	return strings.Join(parts, ", ")
}

// evidenceLine describes a piece of evidence in one line.
func evidenceLine(t *texts, e *evItem) string {
	ev := e.ev
	if ev.IsLink() {
		return t.f("report.inc.evidence_link", "P", e.label(), "URL", ev.URL, "Date", t.day(ev.RetrievedOn))
	}
	return t.f("report.inc.evidence_file", "P", e.label(), "Name", ev.Name, "Type", mediaLabel(t, ev.MediaType),
		"Size", t.Size(ev.Size), "Hash", short(ev.SHA256, 12))
}

// mediaLabel turns a media type into words in the report's language.
func mediaLabel(t *texts, mt string) string { return MediaLabel(t.Lang, mt) }

// MediaLabel turns a media type into words: "image PNG", "vidéo MP4",
// "message RFC822" becomes "message" — never a bare "message/rfc822" for
// a type it knows the kind of.
func MediaLabel(t i18n.Lang, mt string) string {
	switch mt {
	case "":
		return t.X("report.media.unknown")
	case "message/rfc822":
		return t.X("report.media.email")
	}
	kind, sub, _ := strings.Cut(mt, "/")
	sub = strings.TrimPrefix(sub, "x-")
	if i := strings.IndexAny(sub, ".+;"); i > 0 && kind != "application" {
		sub = sub[:i]
	}
	if !t.Has("report.media." + kind) {
		return mt
	}
	label := t.X("report.media." + kind)
	if sub == "" || sub == "octet-stream" {
		return label
	}
	return label + " " + strings.ToUpper(sub)
}
