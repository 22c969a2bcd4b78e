package report

import (
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// TestLegalReaders checks what the committee's report, read by the
// employer, leaves out: the author's sick leave, visits to the
// occupational doctor and union contacts, special categories of data
// (RGPD-1), unless the author ticks health. Sub-tests:
// -run 'TestLegalReaders/^RGPD-1$'.
func TestLegalReaders(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	day := func(daysAgo int) app.Date { return app.DateOf(testNow.AddDate(0, 0, -daysAgo)) }
	m.Create(t, &app.Incident{OccurredAt: testNow.AddDate(0, 0, -20), Kinds: []string{"threat"}, Channels: []string{"in_person"},
		Description: "Faits.", Actions: []app.Action{
			{Kind: "sick_leave", Date: day(19), Status: "done", Note: "arrêt de cinq jours"},
			{Kind: "occupational_doctor", Date: day(18), Status: "done", Note: "vu le docteur Fabre"},
			{Kind: "union", Date: day(18), Status: "done", Note: "appel au SNX"},
			{Kind: "rsst", Date: day(17), Reference: "RSST n° 2026-3", Status: "awaiting_answer"}}})
	t.Run("RGPD-1", func(t *testing.T) {
		text := pdfText(t, mustReport(t, sourceOf(m), Options{}))
		for _, bad := range []string{"arrêt de cinq jours", "Médecin du travail", "docteur Fabre", "Contact syndical", "SNX"} {
			if strings.Contains(text, bad) {
				t.Errorf("the committee's report says %q", bad)
			}
		}
		if !strings.Contains(text, "RSST n° 2026-3") {
			t.Error("the committee's report lost the steps it may read")
		}
	})
}
