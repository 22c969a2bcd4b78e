package report

import (
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/i18n"
)

// TestReportNamesLinkedIncidents: a linked incident in the report is named
// by its number, one left out of it by its reference "not in this
// dossier", and one deleted since it was linked is said to be deleted
// (the report used to say "not in this dossier" of it too, which sent the
// reader looking for it).
func TestReportNamesLinkedIncidents(t *testing.T) {
	t.Parallel()
	m := apptest.NewMemory()
	day := func(d int) *app.Incident {
		return &app.Incident{OccurredAt: testNow.AddDate(0, 0, -d), Kinds: []string{"insult"}, Channels: []string{"in_person"},
			Description: "Fait de la série"}
	}
	first := m.Create(t, day(10))
	left := m.Create(t, day(9))
	in := day(8)
	in.Linked = []string{first.ID, left.ID, "zzzzzzzz"}
	in.Description = "Le dernier fait"
	last := m.Create(t, in)
	pdf, _ := writeReport(t, sourceOf(m), Options{Lang: i18n.English, IncidentIDs: []string{first.ID, last.ID}})
	text := pdfText(t, pdf)
	for _, want := range []string{"no. 1", "ref. " + left.ID + " (not in this dossier)", "ref. zzzzzzzz (incident deleted since)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report does not say %q of the linked incidents", want)
		}
	}
}
