package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// consequencesTab is the editor's "Consequences": on the person, on the
// work, the medical note (private: out of documents unless asked), notes.
type consequencesTab struct {
	e            *editorScreen
	consequences *control.Entry
	workImpact   *control.Entry
	medical      *control.Entry
	finding      *control.DateEntry // the day a doctor first found the injury, when later than the facts
	notes        *control.Entry
}

func (t *consequencesTab) buildUI() fyne.CanvasObject {
	e := t.e
	t.consequences, t.workImpact, t.medical, t.notes = e.newText(3), e.newText(3), e.newText(3), e.newText(3)
	t.finding = e.newDate()
	t.consequences.SetPlaceHolder(i18n.X("gui.editor.consequences_placeholder"))
	t.workImpact.SetPlaceHolder(i18n.X("gui.editor.work_placeholder"))
	private := widget.NewCard("", "", container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), subheading(i18n.X("gui.editor.medical_note"))),
		wrapped(i18n.X("gui.editor.medical_private")),
		t.medical,
		labelled(i18n.X("field.medical_finding_on"), withError(t.finding)),
		caption(i18n.X("gui.editor.medical_finding_hint")),
	))
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.consequences")),
		form(
			field(i18n.X("field.consequences"), t.consequences, ""),
			field(i18n.X("field.work_impact"), t.workImpact, ""),
		),
		private,
		form(field(i18n.X("field.notes"), t.notes, i18n.X("gui.editor.notes_hint"))),
	)
}

func (t *consequencesTab) load(in *app.Incident) {
	t.consequences.SetText(in.Consequences)
	t.workImpact.SetText(in.WorkImpact)
	t.medical.SetText(in.MedicalNote)
	setDate(t.finding, in.MedicalFindingOn)
	t.notes.SetText(in.Notes)
}

func (t *consequencesTab) collect(in *app.Incident) {
	in.Consequences = t.consequences.Text
	in.WorkImpact = t.workImpact.Text
	in.MedicalNote = t.medical.Text
	in.MedicalFindingOn = dateOf(t.finding.Date)
	in.Notes = t.notes.Text
}

// problems says whether the typed day of the medical finding cannot be
// read, and why.
func (t *consequencesTab) problems() []error {
	return fieldProblems(fieldProblem{i18n.X("field.medical_finding_on"), t.finding.Err()})
}
