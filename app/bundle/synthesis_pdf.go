package bundle

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/assets"
)

// WriteSynthesis computes the synthesis of the bundles given and writes it
// as PDF to w. It returns the statistics, for a screen to show them too.
func WriteSynthesis(inputs []SynthesisInput, opts SynthesisOptions, w io.Writer) (*Stats, error) {
	s, err := Synthesize(inputs, opts)
	if err != nil {
		return nil, err
	}
	if err := writeSynthesisPDF(s, opts, w); err != nil {
		return nil, err
	}
	return s, nil
}

// The synthesis' words: package app and its children do not use Fyne, so
// they are read from the embedded translation files directly: the codes'
// labels and the synthesis' own texts from <lang>.json.
var (
	wordsOnce sync.Once
	words     map[string]map[string]string
)

func loadWords() {
	words = map[string]map[string]string{}
	for _, l := range []string{"fr", "en"} {
		words[l] = map[string]string{}
		data, err := assets.Translations.ReadFile("translation/" + l + ".json")
		if err != nil {
			continue
		}
		var m map[string]json.RawMessage
		if json.Unmarshal(data, &m) != nil {
			continue
		}
		for k, raw := range m {
			var v string
			if json.Unmarshal(raw, &v) == nil { // plurals are objects: not used here
				words[l][k] = v
			}
		}
	}
}

type tr struct{ lang string }

// t returns the text of key in the language, else the English fallback;
// {{.Name}} placeholders are replaced by the pairs given.
func (t tr) t(key, fallback string, pairs ...any) string {
	wordsOnce.Do(loadWords)
	s, ok := words[t.lang][key]
	if !ok {
		s = fallback
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{{."+fmt.Sprint(pairs[i])+"}}", fmt.Sprint(pairs[i+1]))
	}
	return s
}

func (t tr) code(list, code string) string {
	return t.t("code."+list+"."+code, code)
}

var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

func (t tr) day(d app.Date) string {
	if d.IsZero() {
		return ""
	}
	if t.lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month).String(), d.Year)
	}
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[d.Month-1], d.Year)
}

func (t tr) month(key string) string {
	var y, m int
	if _, err := fmt.Sscanf(key, "%04d-%02d", &y, &m); err != nil || m < 1 || m > 12 {
		return key
	}
	if t.lang == "en" {
		return fmt.Sprintf("%s %d", time.Month(m).String(), y)
	}
	return fmt.Sprintf("%s %d", monthsFR[m-1], y)
}

func writeSynthesisPDF(s *Stats, opts SynthesisOptions, w io.Writer) error {
	t := tr{lang: "fr"}
	if opts.Lang == "en" {
		t.lang = "en"
	}
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	title := opts.Title
	if title == "" {
		title = t.t("bundle.synthesis.title", "Anonymous synthesis for the F3SCT (formerly CHSCT)")
	}
	pdf.SetTitle(title, true)
	pdf.SetCreator("Témoin "+app.Version, true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("sans", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, t.t("bundle.synthesis.footer", "Anonymous document made with Témoin — page {{.Page}} of {{.Pages}}",
			"Page", pdf.PageNo(), "Pages", "{nb}"), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()

	const width = 174.0
	heading := func(text string) {
		if pdf.GetY() > 240 {
			pdf.AddPage()
		}
		pdf.Ln(4)
		pdf.SetFont("sans", "B", 13)
		pdf.SetTextColor(30, 60, 110)
		pdf.MultiCell(width, 7, text, "", "L", false)
		pdf.SetTextColor(0, 0, 0)
		pdf.Ln(1)
	}
	para := func(text string) {
		pdf.SetFont("sans", "", 10)
		pdf.MultiCell(width, 5, text, "", "L", false)
		pdf.Ln(1)
	}

	// Cover.
	pdf.SetFont("sans", "B", 18)
	pdf.MultiCell(width, 9, title, "", "L", false)
	pdf.Ln(2)
	period := t.t("bundle.synthesis.no_incident", "No incident.")
	if s.Incidents > 0 {
		period = t.t("bundle.synthesis.period", "Incidents from {{.First}} to {{.Last}}", "First", t.day(s.First), "Last", t.day(s.Last))
	}
	para(period)
	para(t.t("bundle.synthesis.made", "Made on {{.Date}} from {{.Bundles}} bundle(s) sent by {{.Colleagues}} colleague(s).",
		"Date", t.day(app.DateOf(now)), "Bundles", s.Bundles, "Colleagues", s.Colleagues))
	pdf.SetFillColor(240, 244, 250)
	pdf.SetFont("sans", "", 9)
	pdf.MultiCell(width, 5, t.t("bundle.synthesis.notice", "This document is anonymous: it gives counts only, without names. An incident found in several bundles of the same colleague is counted once, in its latest revision. Each bundle was checked (hashes and history) before being counted."), "", "L", true)
	pdf.Ln(2)

	// Key figures.
	heading(t.t("bundle.synthesis.key_figures", "Key figures"))
	figure := func(label string, n int) {
		pdf.SetFont("sans", "", 10)
		pdf.CellFormat(130, 6, label, "", 0, "L", false, 0, "")
		pdf.SetFont("sans", "B", 10)
		pdf.CellFormat(44, 6, fmt.Sprint(n), "", 1, "R", false, 0, "")
	}
	figure(t.t("bundle.synthesis.incidents", "Incidents"), s.Incidents)
	figure(t.t("bundle.synthesis.colleagues", "Colleagues who reported"), s.Colleagues)
	figure(t.t("bundle.synthesis.colleagues_several", "Colleagues who reported two incidents or more"), s.Recurrence.ColleaguesSeveral)
	figure(t.t("bundle.synthesis.perpetrators", "Distinct perpetrators identified (by pseudonym)"), s.Recurrence.Perpetrators)
	figure(t.t("bundle.synthesis.repeat_perpetrators", "Perpetrators involved in two incidents or more"), s.Recurrence.RepeatPerpetrators)
	figure(t.t("bundle.synthesis.repeat_incidents", "Incidents due to these repeat perpetrators"), s.Recurrence.RepeatIncidents)
	figure(t.t("bundle.synthesis.linked", "Incidents linked to others (series, harassment)"), s.Recurrence.Linked)
	figure(t.t("bundle.synthesis.overlaps", "Incidents found in several bundles (counted once)"), s.Overlaps)

	// Tables.
	table := func(title string, rows []Count, label func(string) string) {
		heading(title)
		if len(rows) == 0 {
			para("—")
			return
		}
		max := 1
		for _, r := range rows {
			if r.N > max {
				max = r.N
			}
		}
		pdf.SetFont("sans", "", 9)
		for _, r := range rows {
			if pdf.GetY() > 265 {
				pdf.AddPage()
			}
			text := report.Printable(label(r.Key))
			if text == "" {
				text = t.t("bundle.synthesis.unspecified", "Not specified")
			}
			for pdf.GetStringWidth(text) > 84 && len([]rune(text)) > 4 {
				rs := []rune(strings.TrimSuffix(text, "…"))
				text = string(rs[:len(rs)-1]) + "…"
			}
			y := pdf.GetY()
			pdf.CellFormat(86, 6, text, "", 0, "L", false, 0, "")
			pdf.SetFillColor(70, 110, 170)
			pdf.Rect(106, y+1.2, 58*float64(r.N)/float64(max), 3.6, "F")
			pdf.SetX(166)
			pdf.CellFormat(26, 6, fmt.Sprintf("%d (%d %%)", r.N, percent(r.N, s.Incidents)), "", 1, "R", false, 0, "")
		}
	}
	table(t.t("bundle.synthesis.by_kind", "By kind of aggression"), s.ByKind, func(k string) string { return t.code("kind", k) })
	table(t.t("bundle.synthesis.by_channel", "By channel"), s.ByChannel, func(k string) string { return t.code("channel", k) })
	table(t.t("bundle.synthesis.by_perpetrator", "By kind of perpetrator"), s.ByPerpetrator, func(k string) string { return t.code("perpetrator", k) })
	table(t.t("bundle.synthesis.by_setting", "By place"), s.BySetting, func(k string) string { return t.code("setting", k) })
	table(t.t("bundle.synthesis.by_month", "By month"), s.ByMonth, t.month)
	table(t.t("bundle.synthesis.by_workplace", "By establishment"), s.ByWorkplace, func(k string) string { return k })
	pdf.SetFont("sans", "", 8)
	pdf.MultiCell(width, 4, t.t("bundle.synthesis.several_note", "An incident may have several kinds and channels: those columns add up to more than the number of incidents."), "", "L", false)

	// Sources and continuity.
	heading(t.t("bundle.synthesis.sources", "Bundles used"))
	pdf.SetFont("sans", "", 9)
	for _, src := range s.Sources {
		line := t.t("bundle.synthesis.source", "Colleague {{.N}} — bundle of {{.Date}}: {{.Incidents}} incident(s), history of {{.Events}} events — {{.Verdict}}",
			"N", src.Colleague, "Date", t.day(app.DateOf(src.ExportedAt.In(paris()))), "Incidents", src.Incidents, "Events", src.Head,
			"Verdict", t.t("bundle.synthesis.verdict."+string(src.Continuity), string(src.Continuity)))
		pdf.MultiCell(width, 5, line, "", "L", false)
	}
	if s.Diverged > 0 {
		pdf.Ln(1)
		pdf.SetTextColor(160, 30, 30)
		para(t.t("bundle.synthesis.diverged", "Warning: for {{.N}} colleague(s), the histories of the bundles disagree: entries shown by an earlier bundle were altered or removed. Ask the colleague before using these figures.", "N", s.Diverged))
		pdf.SetTextColor(0, 0, 0)
	}

	if len(s.Descriptions) > 0 {
		pdf.AddPage()
		heading(t.t("bundle.synthesis.descriptions", "Descriptions (included at the representative's choice)"))
		for _, d := range s.Descriptions {
			kinds := make([]string, len(d.Kinds))
			for i, k := range d.Kinds {
				kinds[i] = t.code("kind", k)
			}
			pdf.SetFont("sans", "B", 9)
			pdf.MultiCell(width, 5, fmt.Sprintf("%s — %s", t.day(d.Date), strings.Join(kinds, ", ")), "", "L", false)
			pdf.SetFont("sans", "", 9)
			pdf.MultiCell(width, 5, report.Printable(d.Text), "", "L", false)
			pdf.Ln(2)
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("failed to lay out the synthesis: %w", err)
	}
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("failed to write the synthesis: %w", err)
	}
	return nil
}

func percent(n, total int) int {
	if total == 0 {
		return 0
	}
	return (n*100 + total/2) / total
}
