package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/temoin-app/temoin/app"
)

// TestArchiveIncident: "Archiver" in the editor takes a saved incident
// off the journal's list, "Annuler" brings it back; the "Archivés" view
// lists and searches the archive, and the editor of an archived incident
// brings it back to the list. Nothing is erased: each is a revision.
func TestArchiveIncident(t *testing.T) {
	g := unlockTestGUI(t)
	kept, _ := g.journal.Incidents.Create(testIncident(10, "Reste dans la liste"))
	aside, err := g.journal.Incidents.Create(testIncident(12, "Mis de côté après la médiation"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.showJournal()
	js := g.main.journal
	if js.archiveBox.Visible() {
		t.Error("the archive filter shows while nothing is archived")
	}
	shown := func() string {
		var out []string
		for _, it := range js.items {
			out = append(out, it.in.Description)
		}
		return strings.Join(out, " | ")
	}

	g.main.openIncident(aside.ID)
	e := g.main.editor
	if !e.archiveBtn.Visible() || e.archiveBtn.Text != "Archiver" {
		t.Fatalf("no way to archive: %q", e.archiveBtn.Text)
	}
	test.Tap(e.archiveBtn)
	if g.main.current != js || shown() != kept.Description {
		t.Fatalf("after archiving, the journal shows %q", shown())
	}
	if !js.notice.Visible() || !strings.Contains(js.notice.Text, "archivé") || !js.undo.Visible() {
		t.Fatalf("the journal does not say it, with a way back: %q", js.notice.Text)
	}
	if js.count.Text != "1 incident" || !js.archiveBox.Visible() {
		t.Errorf("count %q, archive filter shown %v", js.count.Text, js.archiveBox.Visible())
	}
	test.Tap(js.undo)
	if in, _ := g.journal.Incidents.Get(aside.ID); in.Archived || len(js.items) != 2 {
		t.Fatalf("undo: archived %v, %d shown", in.Archived, len(js.items))
	}

	// The archive, searched; the editor brings the incident back.
	if _, err := g.journal.Incidents.Archive(aside.ID, true); err != nil {
		t.Fatal(err)
	}
	js.refresh()
	js.archive.SetSelectedIndex(1)
	js.search.SetText("mediation")
	js.refresh()
	if shown() != aside.Description {
		t.Fatalf("the archive shows %q", shown())
	}
	if markup := test.RenderToMarkup(g.win.Canvas()); !strings.Contains(markup, ">Archivé<") {
		t.Error("the archived row is not marked")
	}
	g.main.openIncident(aside.ID)
	e = g.main.editor
	if e.archiveBtn.Text != "Ramener dans la liste" || !strings.Contains(e.status.Text, "archivé") {
		t.Fatalf("the editor of an archived incident: %q, %q", e.archiveBtn.Text, e.status.Text)
	}
	test.Tap(e.archiveBtn)
	in, _ := g.journal.Incidents.Get(aside.ID)
	if in.Archived || in.Revision != 5 {
		t.Fatalf("not brought back: archived %v, revision %d", in.Archived, in.Revision)
	}
	js.clearFilters()
	if len(js.items) != 2 || js.archiveBox.Visible() {
		t.Errorf("%d shown, archive filter %v", len(js.items), js.archiveBox.Visible())
	}
	archivedNow, _ := g.journal.Incidents.Archive(kept.ID, true)
	if label := incidentLabel(archivedNow); !strings.Contains(label, "· Archivé ·") {
		t.Errorf("the documents' incident picker does not mark an archived incident: %q", label)
	}
	events, _ := g.journal.Chain.Events()
	if last := events[len(events)-1]; app.KindOf(last) != app.EventAmended {
		t.Errorf("the chain did not record it as an amendment: %+v", last)
	}
}

// TestEverythingArchived: a journal whose incidents are all archived
// does not look empty; it offers the archive, as a search that finds
// only archived incidents does.
func TestEverythingArchived(t *testing.T) {
	g := unlockTestGUI(t)
	in, _ := g.journal.Incidents.Create(testIncident(12, "Seul incident"))
	if _, err := g.journal.Incidents.Archive(in.ID, true); err != nil {
		t.Fatal(err)
	}
	g.main.showJournal()
	js := g.main.journal
	markup := test.RenderToMarkup(g.win.Canvas())
	if !strings.Contains(markup, "Tous vos incidents sont archivés") || strings.Contains(markup, "Aucun incident pour l’instant") {
		t.Fatalf("an archived journal looks empty")
	}
	// A search that finds only archived incidents offers them.
	js.search.SetText("seul")
	js.refresh()
	if markup := test.RenderToMarkup(g.win.Canvas()); !strings.Contains(markup, "1 incident archivé correspond") {
		t.Error("a search finding only archived incidents does not offer them")
	}
	js.search.SetText("")
	js.archive.SetSelectedIndex(1)
	if len(js.items) != 1 {
		t.Errorf("the archive shows %d incidents", len(js.items))
	}
}
