package ui

import (
	"slices"

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

// actionRow is one step taken: kind, date, reference, status, answer,
// and the details some steps need (the day the administration received
// a request, the end of a sick leave, an announced inquiry, a refusal
// that did not say how to appeal), shown with the steps they belong to.
type actionRow struct {
	orig       app.Action // what the step held when loaded: kept where no field shows it (Covers)
	kind       *codeChoice
	status     *codeChoice
	date       *control.DateEntry
	answerDate *control.DateEntry
	receivedOn *control.DateEntry
	until      *control.DateEntry
	inquiry    *control.Check
	noRecourse *control.Check
	reference  *control.Entry
	answer     *control.Entry
	note       *control.Entry
	received   fyne.CanvasObject // the "received on" field, shown for requests with a clock
	untilField fyne.CanvasObject // the "until" field, shown for a sick leave
	inquiryBox fyne.CanvasObject // the inquiry's check and what it changes, for an accident declaration
	covers     []string          // the other incidents a request for protection is about
	coversBox  fyne.CanvasObject // how many, and the button to choose them, for a request for protection
	coversText *widget.Label
	noticeBox  fyne.CanvasObject // the refusal's check and what it changes, for a refused protection
	box        fyne.CanvasObject
}

// Steps whose clock starts when the administration receives them.
var receivedKinds = []string{"functional_protection", "reasons_request", "gracious_appeal", "work_accident"}

func (a *actionRow) get() app.Action {
	ac := a.orig
	ac.Kind, ac.Date, ac.Reference = a.kind.get(), dateOf(a.date.Date), a.reference.Text
	ac.Status, ac.AnswerDate, ac.Answer, ac.Note = a.status.get(), dateOf(a.answerDate.Date), a.answer.Text, a.note.Text
	ac.ReceivedOn, ac.Until = dateOf(a.receivedOn.Date), dateOf(a.until.Date)
	ac.ExtendedInquiry, ac.NoRecourseNotice = a.inquiry.Checked, a.noRecourse.Checked
	ac.Covers = slices.Clone(a.covers)
	return ac
}

// showRelevant shows the details that matter for the step's kind and
// status, and only those.
func (a *actionRow) showRelevant() {
	kind, status := a.kind.get(), a.status.get()
	show := func(o fyne.CanvasObject, visible bool) {
		switch {
		case o == nil || o.Visible() == visible:
		case visible:
			o.Show()
		default:
			o.Hide()
		}
	}
	show(a.received, slices.Contains(receivedKinds, kind))
	show(a.untilField, kind == "sick_leave")
	show(a.inquiryBox, kind == "work_accident")
	show(a.coversBox, kind == "functional_protection")
	show(a.noticeBox, kind == "functional_protection" && status == "refused")
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
		orig: ac, date: e.newDate(), answerDate: e.newDate(), receivedOn: e.newDate(), until: e.newDate(),
		inquiry:    e.newCheck(i18n.X("gui.action.extended_inquiry")),
		noRecourse: e.newCheck(i18n.X("gui.action.no_recourse_notice")),
		reference:  e.newEntry(), answer: e.newText(2), note: e.newEntry(),
	}
	changed := func() { a.showRelevant(); e.changed() }
	a.kind, a.status = newCodeChoice("action", changed, e.g.escape), newCodeChoice("action_status", changed, e.g.escape)
	if ac.Kind == "" {
		ac.Kind = "hierarchy_alert"
	}
	a.kind.set(ac.Kind)
	a.status.set(ac.Status)
	setDate(a.date, ac.Date)
	setDate(a.answerDate, ac.AnswerDate)
	setDate(a.receivedOn, ac.ReceivedOn)
	setDate(a.until, ac.Until)
	a.inquiry.SetChecked(ac.ExtendedInquiry)
	a.noRecourse.SetChecked(ac.NoRecourseNotice)
	a.reference.SetText(ac.Reference)
	a.reference.SetPlaceHolder(i18n.X("gui.action.reference_placeholder"))
	a.answer.SetText(ac.Answer)
	a.answer.SetPlaceHolder(i18n.X("gui.action.answer_placeholder"))
	a.note.SetText(ac.Note)
	a.received = labelled(i18n.X("gui.action.received_on"), withError(a.receivedOn))
	a.untilField = labelled(i18n.X("gui.action.until"), withError(a.until))
	a.inquiryBox = container.NewVBox(a.inquiry, caption(i18n.X("gui.action.extended_inquiry_hint")))
	a.noticeBox = container.NewVBox(a.noRecourse, caption(i18n.X("gui.action.no_recourse_notice_hint")))
	a.covers = slices.Clone(ac.Covers)
	a.coversText = widget.NewLabel("")
	a.coversText.Wrapping = fyne.TextWrapWord
	a.coversBox = container.NewBorder(nil, nil, nil,
		&widget.Button{Text: i18n.X("gui.action.covers_choose"), Icon: theme.ListIcon(), OnTapped: func() { t.chooseCovers(a) }},
		a.coversText)
	a.showCovers()
	remove := &widget.Button{Text: i18n.X("gui.action.remove"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	a.box = widget.NewCard("", "", container.NewVBox(
		container.NewGridWithColumns(3,
			labelled(i18n.X("gui.action.kind"), a.kind.sel),
			labelled(i18n.X("gui.action.date"), withError(a.date)),
			labelled(i18n.X("gui.action.status"), a.status.sel)),
		container.NewGridWithColumns(3, a.received, a.untilField),
		container.NewGridWithColumns(2,
			labelled(i18n.X("gui.action.reference"), a.reference),
			labelled(i18n.X("gui.action.answer_date"), withError(a.answerDate))),
		a.inquiryBox, a.noticeBox, a.coversBox,
		labelled(i18n.X("gui.action.answer"), a.answer),
		labelled(i18n.X("gui.action.note"), a.note),
		container.NewHBox(remove),
	))
	a.showRelevant()
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
			fieldProblem{i18n.X("gui.action.answer_date"), a.answerDate.Err()},
			fieldProblem{i18n.X("gui.action.received_on"), a.receivedOn.Err()},
			fieldProblem{i18n.X("gui.action.until"), a.until.Err()})...)
	}
	return out
}

// showCovers says how many other incidents a request for protection is
// about.
func (a *actionRow) showCovers() {
	if len(a.covers) == 0 {
		a.coversText.SetText(i18n.X("gui.action.covers_none"))
		return
	}
	a.coversText.SetText(i18n.N("gui.action.covers", len(a.covers)))
}

// chooseCovers lets the person tick the other incidents a request for
// protection is about: the letters that follow it (new facts, an
// extension) depend on which facts it already covers.
func (t *followUpTab) chooseCovers(a *actionRow) {
	e := t.e
	chooseOtherIncidents(e.g, e.id, a.covers, i18n.X("gui.action.covers_title"), i18n.X("gui.action.covers_help"),
		i18n.X("gui.action.covers_keep"), func(ids []string) {
			a.covers = ids
			a.showCovers()
			e.changed()
		})
}
