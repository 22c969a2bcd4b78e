package bundle

import (
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
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

// month formats a month of the tables ("2026-03") in words.
func month(l i18n.Lang, key string) string {
	var y, m int
	if _, err := fmt.Sscanf(key, "%04d-%02d", &y, &m); err != nil || m < 1 || m > 12 {
		return key
	}
	return l.Month(y, time.Month(m))
}

// day formats a calendar day.
func day(l i18n.Lang, d app.Date) string { return l.Day(d.Year, d.Month, d.Day) }

func writeSynthesisPDF(s *Stats, opts SynthesisOptions, w io.Writer) error {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	title := opts.Title
	if title == "" {
		title = opts.Lang.X("bundle.synthesis.title")
	}
	sp := &synthesisPDF{pdf: newSynthesisPDF(opts.Lang, title, now), t: opts.Lang, s: s, opts: opts}
	sp.cover(title, now)
	sp.keyFigures()
	if err := sp.trend(); err != nil {
		return err
	}
	sp.tables()
	sp.steps()
	sp.descriptions()
	sp.repNote()
	if err := sp.pdf.Error(); err != nil {
		return fmt.Errorf("failed to lay out the synthesis: %w", err)
	}
	if err := sp.pdf.Output(w); err != nil {
		return fmt.Errorf("failed to write the synthesis: %w", err)
	}
	return nil
}

// newSynthesisPDF starts the synthesis' PDF: A4, Liberation Sans, its
// metadata and a footer with page numbers.
func newSynthesisPDF(t i18n.Lang, title string, now time.Time) *fpdf.Fpdf {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCreationDate(now)
	pdf.SetModificationDate(now)
	pdf.SetCatalogSort(true)
	pdf.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	pdf.SetTitle(title, true)
	pdf.SetLang(map[i18n.Lang]string{i18n.French: "fr-FR", i18n.English: "en-GB"}[t])
	pdf.SetCreator("Témoin "+app.Version, true)
	pdf.SetMargins(18, 18, 18)
	pdf.SetAutoPageBreak(true, 20)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("sans", "", 8)
		pdf.SetTextColor(110, 110, 110)
		pdf.CellFormat(0, 5, t.X("bundle.synthesis.footer", map[string]any{"Page": pdf.PageNo(), "Pages": "{nb}"}), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	return pdf
}

// synthesisPDF lays the synthesis out, part by part.
type synthesisPDF struct {
	pdf  *fpdf.Fpdf
	t    i18n.Lang
	s    *Stats
	opts SynthesisOptions
}

// synthesisWidth is the width of the text, in mm.
const synthesisWidth = 174.0

func (sp *synthesisPDF) heading(text string) {
	pdf := sp.pdf
	if pdf.GetY() > 240 {
		pdf.AddPage()
	}
	pdf.Ln(4)
	pdf.SetFont("sans", "B", 13)
	pdf.SetTextColor(30, 60, 110)
	pdf.MultiCell(synthesisWidth, 7, text, "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(1)
}

func (sp *synthesisPDF) para(text string) {
	sp.pdf.SetFont("sans", "", 10)
	sp.pdf.MultiCell(synthesisWidth, 5, text, "", "L", false)
	sp.pdf.Ln(1)
}

// cover writes the title, the period, how the synthesis was made and the
// notice that it is anonymous.
func (sp *synthesisPDF) cover(title string, now time.Time) {
	pdf, t, s := sp.pdf, sp.t, sp.s
	pdf.SetFont("sans", "B", 18)
	pdf.MultiCell(synthesisWidth, 9, title, "", "L", false)
	pdf.Ln(2)
	period := t.X("bundle.synthesis.no_incident")
	if s.Incidents > 0 {
		period = t.X("bundle.synthesis.period", map[string]any{"First": day(t, s.First), "Last": day(t, s.Last)})
	}
	sp.para(period)
	sp.para(t.X("bundle.synthesis.made", map[string]any{"Date": day(t, app.DateOf(now)), "Bundles": t.N("count.bundles", s.Bundles), "Colleagues": t.N("count.colleagues", s.Colleagues)}))
	notice := t.X("bundle.synthesis.notice")
	if sp.opts.IncludeDescriptions {
		notice = t.X("bundle.synthesis.notice_descriptions")
	}
	pdf.SetFillColor(240, 244, 250)
	pdf.SetFont("sans", "", 9)
	pdf.MultiCell(synthesisWidth, 5, notice, "", "L", true)
	if s.Colleagues < minGroup {
		pdf.Ln(1)
		pdf.SetTextColor(160, 30, 30)
		pdf.MultiCell(synthesisWidth, 5, t.N("bundle.synthesis.few_colleagues", s.Colleagues), "", "L", false)
		pdf.SetTextColor(0, 0, 0)
	}
	pdf.Ln(2)
}

// keyFigures writes the totals.
func (sp *synthesisPDF) keyFigures() {
	pdf, t, s := sp.pdf, sp.t, sp.s
	sp.heading(t.X("bundle.synthesis.key_figures"))
	figure := func(label string, n int) {
		pdf.SetFont("sans", "", 10)
		pdf.CellFormat(130, 6, label, "", 0, "L", false, 0, "")
		pdf.SetFont("sans", "B", 10)
		pdf.CellFormat(44, 6, fmt.Sprint(n), "", 1, "R", false, 0, "")
	}
	figure(t.X("bundle.synthesis.incidents"), s.Incidents)
	if s.Colleagues < minGroup {
		pdf.SetFont("sans", "", 10)
		pdf.CellFormat(130, 6, t.X("bundle.synthesis.colleagues"), "", 0, "L", false, 0, "")
		pdf.SetFont("sans", "B", 10)
		pdf.CellFormat(44, 6, t.X("bundle.synthesis.fewer_than"), "", 1, "R", false, 0, "")
	} else {
		figure(t.X("bundle.synthesis.colleagues"), s.Colleagues)
	}
	figure(t.X("bundle.synthesis.colleagues_several"), s.Recurrence.ColleaguesSeveral)
	figure(t.X("bundle.synthesis.perpetrators"), s.Recurrence.Perpetrators)
	figure(t.X("bundle.synthesis.repeat_perpetrators"), s.Recurrence.RepeatPerpetrators)
	figure(t.X("bundle.synthesis.repeat_incidents"), s.Recurrence.RepeatIncidents)
	figure(t.X("bundle.synthesis.linked"), s.Recurrence.Linked)
	figure(t.X("bundle.synthesis.overlaps"), s.Overlaps)
}

// tables writes the counts by kind, channel, perpetrator, place, month
// and establishment; a small count that could single a colleague out is
// not given (smallByOne, smallAlways).
func (sp *synthesisPDF) tables() {
	t, s := sp.t, sp.s
	sp.table(t.X("bundle.synthesis.by_kind"), s.ByKind, func(k string) string { return t.Code("kind", k) }, smallByOne)
	sp.table(t.X("bundle.synthesis.by_channel"), s.ByChannel, func(k string) string { return t.Code("channel", k) }, smallByOne)
	sp.table(t.X("bundle.synthesis.by_perpetrator"), s.ByPerpetrator, func(k string) string { return t.Code("perpetrator", k) }, smallByOne)
	sp.table(t.X("bundle.synthesis.by_setting"), s.BySetting, func(k string) string { return t.Code("setting", k) }, smallByOne)
	sp.table(t.X("bundle.synthesis.by_month"), s.ByMonth, func(k string) string { return month(t, k) }, smallAlways)
	sp.table(t.X("bundle.synthesis.by_workplace"), mergeWorkplaces(s.ByWorkplace), func(k string) string {
		if k == otherWorkplaces {
			return t.X("bundle.synthesis.other_workplaces")
		}
		return k
	}, smallAlways)
	sp.pdf.SetFont("sans", "", 8)
	sp.pdf.MultiCell(synthesisWidth, 4, t.X("bundle.synthesis.several_note"), "", "L", false)
	sp.pdf.MultiCell(synthesisWidth, 4, t.X("bundle.synthesis.small_note"), "", "L", false)
}

// table writes one count: a label, a bar and the number with its share
// of the incidents, per row.
func (sp *synthesisPDF) table(title string, rows []Count, label func(string) string, small func(Count) bool) {
	pdf, t := sp.pdf, sp.t
	sp.heading(title)
	if len(rows) == 0 {
		sp.para("—")
		return
	}
	most := 1
	for _, r := range rows {
		most = max(most, r.N)
	}
	pdf.SetFont("sans", "", 9)
	for _, r := range rows {
		if pdf.GetY() > 265 {
			pdf.AddPage()
		}
		text := report.Printable(t, label(r.Key))
		if text == "" {
			text = t.X("bundle.synthesis.unspecified")
		}
		for pdf.GetStringWidth(text) > 84 && len([]rune(text)) > 4 {
			rs := []rune(strings.TrimSuffix(text, "…"))
			text = string(rs[:len(rs)-1]) + "…"
		}
		y := pdf.GetY()
		pdf.CellFormat(86, 6, text, "", 0, "L", false, 0, "")
		pdf.SetFillColor(70, 110, 170)
		if small(r) {
			pdf.SetFillColor(190, 200, 215) // a count not given: a pale bar of the same height for all
			pdf.Rect(106, y+1.2, 58*2/float64(max(most, 2)), 3.6, "F")
		} else {
			pdf.Rect(106, y+1.2, 50*float64(r.N)/float64(most), 3.6, "F")
		}
		pdf.SetX(160)
		value := fmt.Sprintf("%d (%d %%)", r.N, percent(r.N, sp.s.Incidents))
		if small(r) {
			value = t.X("bundle.synthesis.fewer_than")
		}
		pdf.CellFormat(32, 6, value, "", 1, "R", false, 0, "")
	}
}

// descriptions writes the incidents' descriptions, when the
// representative chose to include them.
func (sp *synthesisPDF) descriptions() {
	pdf, t := sp.pdf, sp.t
	if len(sp.s.Descriptions) == 0 {
		return
	}
	pdf.AddPage()
	sp.heading(t.X("bundle.synthesis.descriptions"))
	for _, d := range sp.s.Descriptions {
		kinds := make([]string, len(d.Kinds))
		for i, k := range d.Kinds {
			kinds[i] = t.Code("kind", k)
		}
		pdf.SetFont("sans", "B", 9)
		pdf.MultiCell(synthesisWidth, 5, fmt.Sprintf("%s — %s", day(t, d.Date), strings.Join(kinds, ", ")), "", "L", false)
		pdf.SetFont("sans", "", 9)
		pdf.MultiCell(synthesisWidth, 5, report.Printable(t, d.Text), "", "L", false)
		pdf.Ln(2)
	}
}

func percent(n, total int) int {
	if total == 0 {
		return 0
	}
	return (n*100 + total/2) / total
}
