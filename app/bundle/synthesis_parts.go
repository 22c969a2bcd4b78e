package bundle

import (
	"bytes"
	"fmt"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
)

// The parts of the synthesis that protect colleagues: counts too small to
// give, establishments with too few colleagues merged, the trend, the
// steps and silences aggregated, and the note for the representative
// alone.

// minGroup is the smallest group whose counts the synthesis gives: below
// it, a count could single a colleague out.
const minGroup = 3

// smallAlways reports whether a count is too small to give whoever
// reported it (a month, an establishment): from 1 to 2.
func smallAlways(c Count) bool { return c.N > 0 && c.N < minGroup }

// smallByOne reports whether a count is too small to give because one
// colleague alone reported it (a kind of perpetrator only one colleague
// met).
func smallByOne(c Count) bool { return smallAlways(c) && c.Colleagues < 2 }

// otherWorkplaces is the key of the establishments merged together.
const otherWorkplaces = "\x00other"

// mergeWorkplaces merges the establishments where fewer than three
// colleagues reported facts into one line.
func mergeWorkplaces(rows []Count) []Count {
	var out []Count
	other := Count{Key: otherWorkplaces}
	for _, r := range rows {
		if r.Colleagues < minGroup {
			other.N += r.N
			other.Colleagues += r.Colleagues
			continue
		}
		out = append(out, r)
	}
	if other.N > 0 {
		out = append(out, other)
	}
	return out
}

// trend draws the incidents month by month, months without incident
// included, a small count shown as « moins de 3 ».
func (sp *synthesisPDF) trend() error {
	t, s := sp.t, sp.s
	if len(s.ByMonth) < 2 {
		return nil
	}
	var labels, shown []string
	var values []int
	for _, m := range s.ByMonth {
		var y, mo int
		fmt.Sscanf(m.Key, "%04d-%02d", &y, &mo)
		labels = append(labels, t.ShortMonth(y, monthOf(mo)))
		v, label := m.N, ""
		if smallAlways(m) {
			v, label = 2, "<3"
		}
		values = append(values, v)
		shown = append(shown, label)
	}
	png, err := report.BarChartPNG(labels, values, shown, false, synthesisWidth, 55)
	if err != nil {
		return fmt.Errorf("failed to draw the trend: %w", err)
	}
	sp.heading(t.X("bundle.synthesis.trend"))
	pdf := sp.pdf
	pdf.RegisterImageOptionsReader("trend", fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if pdf.GetY()+55 > 270 {
		pdf.AddPage()
	}
	pdf.ImageOptions("trend", pdf.GetX(), pdf.GetY(), synthesisWidth, 55, true, fpdf.ImageOptions{}, 0, "")
	return nil
}

// steps gives the steps taken and the administration's silences, counted.
func (sp *synthesisPDF) steps() {
	t, st := sp.t, sp.s.Steps
	sp.heading(t.X("bundle.synthesis.steps"))
	for _, line := range []struct {
		key  string
		n, m int
	}{
		{"bundle.synthesis.steps.rsst", st.RSST, st.RSSTUnanswered},
		{"bundle.synthesis.steps.protection", st.Protection, st.ProtectionRejected},
		{"bundle.synthesis.steps.accident", st.Accidents, st.AccidentsUndecided},
		{"bundle.synthesis.steps.complaint", st.Complaints, 0},
	} {
		sp.para(t.X(line.key, map[string]any{"N": line.n, "M": line.m}))
	}
}

// repNote writes, on a last page of its own, what is for the
// representative alone: the bundles used, colleague by colleague, and the
// histories that disagree. It is not to be passed on to the committee.
func (sp *synthesisPDF) repNote() {
	pdf, t, s := sp.pdf, sp.t, sp.s
	pdf.AddPage()
	pdf.SetFont("sans", "B", 13)
	pdf.SetTextColor(160, 30, 30)
	pdf.MultiCell(synthesisWidth, 7, t.X("bundle.synthesis.rep_note"), "", "L", false)
	pdf.SetTextColor(0, 0, 0)
	pdf.Ln(2)
	sp.para(t.X("bundle.synthesis.rep_note_intro"))
	if s.Diverged > 0 {
		pdf.SetTextColor(160, 30, 30)
		sp.para(t.N("bundle.synthesis.diverged", s.Diverged))
		pdf.SetTextColor(0, 0, 0)
	}
	sp.heading(t.X("bundle.synthesis.sources"))
	pdf.SetFont("sans", "", 9)
	for _, src := range s.Sources {
		line := t.X("bundle.synthesis.source", map[string]any{"N": src.Colleague, "Date": day(t, app.DateOf(src.ExportedAt.In(paris()))),
			"Incidents": t.N("count.incidents", src.Incidents), "Events": t.N("count.events", int(src.Head)),
			"Verdict": t.X("bundle.synthesis.verdict." + string(src.Continuity))})
		pdf.MultiCell(synthesisWidth, 5, line, "", "L", false)
	}
}

func monthOf(m int) time.Month { return time.Month(max(1, min(12, m))) }
