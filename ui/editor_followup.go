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

// followUpTab is the editor's "Follow-up": the steps taken (an alert to
// the hierarchy, a complaint, a request for protection fonctionnelle…)
// and the answers received.
type followUpTab struct {
	e         *editorScreen
	actions   []*actionRow
	actionBox *fyne.Container
	noAction  *widget.Label
}

// actionRow is one step taken: kind, date, reference, status, answer.
type actionRow struct {
	kind       *codeChoice
	status     *codeChoice
	date       *control.DateEntry
	answerDate *control.DateEntry
	reference  *control.Entry
	answer     *control.Entry
	note       *control.Entry
	box        fyne.CanvasObject
}

func (a *actionRow) get() app.Action {
	return app.Action{
		Kind: a.kind.get(), Date: dateOf(a.date.Date), Reference: a.reference.Text,
		Status: a.status.get(), AnswerDate: dateOf(a.answerDate.Date), Answer: a.answer.Text, Note: a.note.Text,
	}
}

func (t *followUpTab) buildUI() fyne.CanvasObject {
	t.actionBox = container.NewVBox()
	add := &widget.Button{Text: i18n.X("gui.editor.add_action"), Icon: theme.ContentAddIcon(),
		OnTapped: func() {
			t.addAction(app.Action{Date: app.DateOf(t.e.g.now()), Status: "done"})
			t.e.changed()
		}}
	t.noAction = wrapped(i18n.X("gui.editor.no_action"))
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.followup")),
		caption(i18n.X("gui.editor.followup_help")),
		t.noAction,
		t.actionBox, container.NewHBox(add),
	)
}

// showEmpty says "no step yet" when there is none.
func (t *followUpTab) showEmpty() {
	t.noAction.Hidden = len(t.actions) > 0
	t.noAction.Refresh()
}

// addAction adds a card for a step.
func (t *followUpTab) addAction(ac app.Action) {
	e := t.e
	a := &actionRow{
		kind: newCodeChoice("action", e.changed, e.g.escape), status: newCodeChoice("action_status", e.changed, e.g.escape),
		date: e.newDate(), answerDate: e.newDate(),
		reference: e.newEntry(), answer: e.newText(2), note: e.newEntry(),
	}
	if ac.Kind == "" {
		ac.Kind = "hierarchy_alert"
	}
	a.kind.set(ac.Kind)
	a.status.set(ac.Status)
	setDate(a.date, ac.Date)
	setDate(a.answerDate, ac.AnswerDate)
	a.reference.SetText(ac.Reference)
	a.reference.SetPlaceHolder(i18n.X("gui.action.reference_placeholder"))
	a.answer.SetText(ac.Answer)
	a.answer.SetPlaceHolder(i18n.X("gui.action.answer_placeholder"))
	a.note.SetText(ac.Note)
	remove := &widget.Button{Text: i18n.X("gui.action.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	a.box = widget.NewCard("", "", container.NewVBox(
		container.NewGridWithColumns(3,
			labelled(i18n.X("gui.action.kind"), a.kind.sel),
			labelled(i18n.X("gui.action.date"), withError(a.date)),
			labelled(i18n.X("gui.action.status"), a.status.sel)),
		container.NewGridWithColumns(2,
			labelled(i18n.X("gui.action.reference"), a.reference),
			labelled(i18n.X("gui.action.answer_date"), withError(a.answerDate))),
		labelled(i18n.X("gui.action.answer"), a.answer),
		labelled(i18n.X("gui.action.note"), a.note),
		container.NewHBox(remove),
	))
	addRow(&t.actions, a, t.actionBox, a.box, remove, e.changed)
}

func (t *followUpTab) load(in *app.Incident) {
	t.actions = nil
	t.actionBox.Objects = nil
	for _, a := range in.Actions {
		t.addAction(a)
	}
	t.actionBox.Refresh()
	t.showEmpty()
}

func (t *followUpTab) collect(in *app.Incident) {
	in.Actions = []app.Action{}
	for _, a := range t.actions {
		in.Actions = append(in.Actions, a.get())
	}
}

// problems says which typed dates of the steps cannot be read, and why.
func (t *followUpTab) problems() []error {
	var out []error
	for _, a := range t.actions {
		out = append(out, fieldProblems(
			fieldProblem{i18n.X("gui.action.date"), a.date.Err()},
			fieldProblem{i18n.X("gui.action.answer_date"), a.answerDate.Err()})...)
	}
	return out
}
