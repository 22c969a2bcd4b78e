package report

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// TestLook writes the demo journal's report (French and English, with
// thumbnails), and the letter, as PDF and PNG pages into
// $TEMOIN_REPORT_PAGES, for a person to look at them. It does nothing
// without that variable.
func TestLook(t *testing.T) {
	dir := os.Getenv("TEMOIN_REPORT_PAGES")
	if dir == "" {
		t.Skip("set TEMOIN_REPORT_PAGES=DIR to write the demo report's pages there")
	}
	j := demoJournal(t)
	for _, lang := range i18n.Languages {
		var buf bytes.Buffer
		_, err := Write(context.Background(), JournalSource(j), Options{Lang: lang, Thumbnails: true, Now: testNow,
			Request: "Nous demandons l’inscription de ces faits à l’ordre du jour de la prochaine F3SCT, une enquête sur les intrusions en visioconférence et un rappel écrit aux familles des règles de communication avec les personnels."}, &buf, nil)
		if err != nil {
			t.Fatal(err)
		}
		writePages(t, buf.Bytes(), dir, "report-"+lang.String())
	}
	var ids []string
	for _, in := range j.Incidents.List(app.Filter{}) {
		if in.HasAction("functional_protection") || in.Perpetrator == "parent" {
			ids = append(ids, in.ID)
		}
	}
	var buf bytes.Buffer
	if _, err := WriteLetter(context.Background(), JournalSource(j), LetterOptions{IncidentIDs: ids, Now: testNow}, &buf); err != nil {
		t.Fatal(err)
	}
	writePages(t, buf.Bytes(), dir, "letter-fr")
}
