package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestEditorLinksIncidentsOfTheSameSeries: the linked incidents, which the
// report refers to, could only be set from the command line; the editor
// showed nothing of them. They are chosen in "What happened", from the
// other incidents, and one deleted since is said so, while the incident
// that names it can still be saved.
func TestEditorLinksIncidentsOfTheSameSeries(t *testing.T) {
	g := unlockTestGUI(t)
	first, err := g.journal.Incidents.Create(testIncident(2, "Premier message du parent"))
	if err != nil {
		t.Fatal(err)
	}
	gone, err := g.journal.Incidents.Create(testIncident(3, "Deuxième message"))
	if err != nil {
		t.Fatal(err)
	}
	saved, err := g.journal.Incidents.Create(testIncident(4, "Menaces à la sortie"))
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e := g.main.editor
	if got := labelsUnder(t, e.what.links.list); got != "Aucun incident lié." {
		t.Errorf("before choosing, the section says %q", got)
	}
	test.Tap(buttonNamed(t, e.what.links.box, "Choisir les incidents liés…"))
	top := g.win.Canvas().Overlays().Top()
	lists := widgetsUnder[*widget.List](t, top)
	if len(lists) != 1 || lists[0].Length() != 2 {
		t.Fatal("the picker lists the two other incidents, not this one")
	}
	lists[0].Select(0)
	lists[0].Select(1)
	test.Tap(buttonNamed(t, top, "Garder ce choix"))
	if got := labelsUnder(t, e.what.links.list); !strings.Contains(got, "Premier message du parent") || !strings.Contains(got, "Deuxième message") {
		t.Errorf("the section lists %q", got)
	}
	e.save()
	got, _ := g.journal.Incidents.Get(saved.ID)
	want := []string{first.ID, gone.ID}
	slices.Sort(want)
	if !slices.Equal(got.Linked, want) {
		t.Fatalf("linked saved: %v, want %v", got.Linked, want)
	}

	if err := g.journal.Incidents.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e = g.main.editor
	if got := labelsUnder(t, e.what.links.list); !strings.Contains(got, "Incident supprimé depuis (réf. "+gone.ID+")") {
		t.Errorf("a deleted incident is shown as %q", got)
	}
	e.what.description.SetText("Menaces à la sortie — complété")
	e.save()
	if got, _ := g.journal.Incidents.Get(saved.ID); got.Description != "Menaces à la sortie — complété" {
		t.Errorf("an incident linked to a deleted one could not be saved: %q", got.Description)
	}
}

// labelsUnder is the text of the labels under o, one per line.
func labelsUnder(t *testing.T, o fyne.CanvasObject) string {
	t.Helper()
	var out []string
	for _, l := range widgetsUnder[*widget.Label](t, o) {
		out = append(out, l.Text)
	}
	return strings.Join(out, "\n")
}
