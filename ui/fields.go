package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// codeChoice is a drop-down of one list of codes, shown by their labels,
// with "not said" first.
type codeChoice struct {
	list string
	sel  *widget.Select
}

func newCodeChoice(list string, onChanged func()) *codeChoice {
	options := []string{i18n.X("gui.choice.none")}
	for _, c := range app.CodeLists[list] {
		options = append(options, i18n.Code(list, c))
	}
	c := &codeChoice{list: list}
	c.sel = widget.NewSelect(options, func(string) { onChanged() })
	c.sel.PlaceHolder = options[0]
	return c
}

func (c *codeChoice) get() string {
	i := c.sel.SelectedIndex()
	if i <= 0 {
		return ""
	}
	return app.CodeLists[c.list][i-1]
}

func (c *codeChoice) set(code string) {
	i := slices.Index(app.CodeLists[c.list], code)
	if i < 0 {
		c.sel.ClearSelected()
		return
	}
	c.sel.SetSelectedIndex(i + 1)
}

// codeChecks is a grid of check boxes, one per code of a list.
type codeChecks struct {
	list   string
	checks []*widget.Check
	box    *fyne.Container
}

func newCodeChecks(list string, columns int, onChanged func()) *codeChecks {
	c := &codeChecks{list: list}
	var objs []fyne.CanvasObject
	for _, code := range app.CodeLists[list] {
		ch := widget.NewCheck(i18n.Code(list, code), func(bool) { onChanged() })
		c.checks = append(c.checks, ch)
		objs = append(objs, ch)
	}
	c.box = container.NewGridWithColumns(columns, objs...)
	return c
}

func (c *codeChecks) get() []string {
	var out []string
	for i, ch := range c.checks {
		if ch.Checked {
			out = append(out, app.CodeLists[c.list][i])
		}
	}
	return out
}

func (c *codeChecks) has(code string) bool { return slices.Contains(c.get(), code) }

func (c *codeChecks) set(codes []string) {
	for i, ch := range c.checks {
		ch.SetChecked(slices.Contains(codes, app.CodeLists[c.list][i]))
	}
}

// witnessRow is one witness: role, pseudonym, contact.
type witnessRow struct {
	role, pseudonym, contact *xwidget.Entry
	box                      fyne.CanvasObject
}

func (w *witnessRow) get() app.Witness {
	return app.Witness{Role: w.role.Text, Pseudonym: w.pseudonym.Text, Contact: w.contact.Text}
}

func (e *editorScreen) addWitness(wi app.Witness) {
	w := &witnessRow{role: e.newEntry(), pseudonym: e.newEntry(), contact: e.newEntry()}
	w.role.SetPlaceHolder(i18n.X("gui.witness.role"))
	w.pseudonym.SetPlaceHolder(i18n.X("gui.witness.pseudonym"))
	w.contact.SetPlaceHolder(i18n.X("gui.witness.contact"))
	w.role.SetText(wi.Role)
	w.pseudonym.SetText(wi.Pseudonym)
	w.contact.SetText(wi.Contact)
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	w.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, w.role, w.pseudonym, w.contact))
	remove.OnTapped = func() {
		i := slices.Index(e.witnesses, w)
		if i >= 0 {
			e.witnesses = slices.Delete(e.witnesses, i, i+1)
			e.witnessBox.Remove(w.box)
			e.changed()
		}
	}
	e.witnesses = append(e.witnesses, w)
	e.witnessBox.Add(w.box)
}

// actionRow is one step taken: kind, date, reference, status, answer.
type actionRow struct {
	kind       *codeChoice
	status     *codeChoice
	date       *xwidget.DateEntry
	answerDate *xwidget.DateEntry
	reference  *xwidget.Entry
	answer     *xwidget.Entry
	note       *xwidget.Entry
	box        fyne.CanvasObject
}

func dateOf(d *time.Time) app.Date {
	if d == nil {
		return app.Date{}
	}
	return app.DateOf(*d)
}

func setDate(e *xwidget.DateEntry, d app.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.In(time.UTC)
	e.SetDate(&t)
}

func (a *actionRow) get() app.Action {
	return app.Action{
		Kind: a.kind.get(), Date: dateOf(a.date.Date), Reference: a.reference.Text,
		Status: a.status.get(), AnswerDate: dateOf(a.answerDate.Date), Answer: a.answer.Text, Note: a.note.Text,
	}
}

func (e *editorScreen) addAction(ac app.Action) {
	a := &actionRow{
		kind: newCodeChoice("action", e.changed), status: newCodeChoice("action_status", e.changed),
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
	content := container.NewVBox(
		container.NewGridWithColumns(3,
			labelled(i18n.X("gui.action.kind"), a.kind.sel),
			labelled(i18n.X("gui.action.date"), a.date),
			labelled(i18n.X("gui.action.status"), a.status.sel)),
		container.NewGridWithColumns(2,
			labelled(i18n.X("gui.action.reference"), a.reference),
			labelled(i18n.X("gui.action.answer_date"), a.answerDate)),
		labelled(i18n.X("gui.action.answer"), a.answer),
		labelled(i18n.X("gui.action.note"), a.note),
		container.NewHBox(remove),
	)
	card := widget.NewCard("", "", content)
	a.box = card
	remove.OnTapped = func() {
		i := slices.Index(e.actions, a)
		if i >= 0 {
			e.actions = slices.Delete(e.actions, i, i+1)
			e.actionBox.Remove(a.box)
			e.changed()
		}
	}
	e.actions = append(e.actions, a)
	e.actionBox.Add(a.box)
}

// labelled puts a small label above a field.
func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.SizeName = theme.SizeNameCaptionText
	l.TextStyle.Bold = true
	return container.NewVBox(l, o)
}

// newCustom is a dialog with content and one button.
func newCustom(title, dismiss string, content fyne.CanvasObject, w fyne.Window) dialog.Dialog {
	return dialog.NewCustom(title, dismiss, content, w)
}
