package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
)

// TestEditorKeepsWhatItDoesNotShow: saving an incident from the editor
// rebuilt each step from the fields on screen, so the day the
// administration received a request, the facts a request covers, an
// announced inquiry, a refusal without the routes of appeal and the end
// of a sick leave — set from the command line or an import — were lost
// at the first save, and the deadlines computed from them with them.
func TestEditorKeepsWhatItDoesNotShow(t *testing.T) {
	g := unlockTestGUI(t)
	other, err := g.journal.Incidents.Create(testIncident(2, "Premier message"))
	if err != nil {
		t.Fatal(err)
	}
	in := testIncident(3, "Insultes en classe")
	in.MedicalFindingOn = app.Date{Year: 2026, Month: 3, Day: 20}
	in.Actions = []app.Action{
		{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: 3, Day: 5}, ReceivedOn: app.Date{Year: 2026, Month: 3, Day: 9},
			Status: "refused", AnswerDate: app.Date{Year: 2026, Month: 4, Day: 20}, NoRecourseNotice: true, Covers: []string{other.ID}},
		{Kind: "work_accident", Date: app.Date{Year: 2026, Month: 3, Day: 6}, ReceivedOn: app.Date{Year: 2026, Month: 3, Day: 7}, ExtendedInquiry: true},
		{Kind: "sick_leave", Date: app.Date{Year: 2026, Month: 3, Day: 4}, Until: app.Date{Year: 2026, Month: 3, Day: 18}, Status: "done"},
	}
	saved, err := g.journal.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e := g.main.editor
	e.what.description.SetText("Insultes en classe — complété")
	e.save()
	got, err := g.journal.Incidents.Get(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Description != "Insultes en classe — complété" {
		t.Fatalf("not saved: %q", got.Description)
	}
	if len(got.Actions) != 3 {
		t.Fatalf("steps: %+v", got.Actions)
	}
	p, w, s := got.Actions[0], got.Actions[1], got.Actions[2]
	if p.ReceivedOn != in.Actions[0].ReceivedOn || !p.NoRecourseNotice || !slices.Equal(p.Covers, []string{other.ID}) {
		t.Errorf("the request for protection lost what the editor does not show: %+v", p)
	}
	if w.ReceivedOn != in.Actions[1].ReceivedOn || !w.ExtendedInquiry {
		t.Errorf("the accident declaration lost its receipt or its inquiry: %+v", w)
	}
	if s.Until != in.Actions[2].Until {
		t.Errorf("the sick leave lost its end: %+v", s)
	}
	if got.MedicalFindingOn != in.MedicalFindingOn {
		t.Errorf("the medical finding's day was lost: %v", got.MedicalFindingOn)
	}
}

// TestEditorChoosesWhatARequestCovers: a request for protection recorded
// from the editor could not say which other incidents it described, so
// every later letter treated them as new facts.
func TestEditorChoosesWhatARequestCovers(t *testing.T) {
	g := unlockTestGUI(t)
	other, err := g.journal.Incidents.Create(testIncident(2, "Premier message"))
	if err != nil {
		t.Fatal(err)
	}
	in := testIncident(3, "Insultes en classe")
	in.Actions = []app.Action{{Kind: "functional_protection", Date: app.Date{Year: 2026, Month: 3, Day: 5}, Status: "awaiting_answer"}}
	saved, err := g.journal.Incidents.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	g.main.openIncident(saved.ID)
	e := g.main.editor
	row := e.follow.actions[0]
	if !row.coversBox.Visible() || row.inquiryBox.Visible() {
		t.Fatal("a request for protection shows what it covers, not an accident's inquiry")
	}
	if got := row.coversText.Text; got != "Cette demande ne porte que sur cet incident." {
		t.Errorf("before choosing, the card says %q", got)
	}
	test.Tap(buttonNamed(t, row.coversBox, "Faits couverts…"))
	top := g.win.Canvas().Overlays().Top()
	lists := widgetsUnder[*widget.List](t, top)
	if len(lists) != 1 || lists[0].Length() != 1 {
		t.Fatal("the picker lists the other incidents, not this one")
	}
	lists[0].Select(0)
	test.Tap(buttonNamed(t, top, "Garder ce choix"))
	if got := row.coversText.Text; got != "Cette demande porte aussi sur 1 autre incident." {
		t.Errorf("the card says %q", got)
	}
	e.save()
	got, _ := g.journal.Incidents.Get(saved.ID)
	if !slices.Equal(got.Actions[0].Covers, []string{other.ID}) {
		t.Errorf("covers saved: %v", got.Actions[0].Covers)
	}
	row.kind.set("work_accident")
	if row.coversBox.Visible() || !row.inquiryBox.Visible() || !row.received.Visible() {
		t.Error("an accident declaration shows its inquiry and its receipt, not what a request covers")
	}
}
