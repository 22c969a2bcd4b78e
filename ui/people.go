package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// peopleEditor is the people list: a name and the pseudonym and role
// that reports use instead. It is kept in the vault.
type peopleEditor struct {
	g      *gui
	rows   *fyne.Container
	name   *control.Entry
	pseudo *control.Entry
	role   *control.Entry
	addBtn *widget.Button
	people []app.Person

	// onChanged is called once the list changed.
	onChanged func()
}

func newPeopleEditor(g *gui) *peopleEditor {
	return &peopleEditor{g: g}
}

func (p *peopleEditor) buildUI() fyne.CanvasObject {
	p.rows = container.NewVBox()
	p.name, p.pseudo, p.role = p.g.entry(), p.g.entry(), p.g.entry()
	p.name.SetPlaceHolder(i18n.X("gui.share.people.name_placeholder"))
	p.pseudo.SetPlaceHolder(i18n.X("gui.share.people.pseudonym_placeholder"))
	p.role.SetPlaceHolder(i18n.X("gui.share.people.role_placeholder"))
	p.addBtn = &widget.Button{Text: i18n.X("gui.share.people.add"), Icon: theme.ContentAddIcon(), OnTapped: p.add}
	p.role.OnSubmitted = func(string) { p.add() }
	p.pseudo.OnSubmitted = func(string) { p.add() }
	p.refresh()
	head := func(s string) fyne.CanvasObject {
		l := caption(s)
		l.TextStyle.Bold = true
		return l
	}
	return container.NewVBox(
		peopleRow(container.NewGridWithColumns(3, head(i18n.X("gui.share.people.name")),
			head(i18n.X("gui.share.people.pseudonym")), head(i18n.X("gui.share.people.role"))), nil),
		p.rows,
		peopleRow(container.NewGridWithColumns(3, p.name, p.pseudo, p.role), p.addBtn))
}

// peopleRow lays a row of the people list out: the three columns, and a
// button on the right in a column of its own, so that rows line up.
func peopleRow(cols fyne.CanvasObject, btn fyne.CanvasObject) fyne.CanvasObject {
	right := container.NewHBox(layout.NewSpacer())
	if btn != nil {
		right.Add(btn)
	}
	return container.NewBorder(nil, nil, nil, container.New(&fixedWidth{w: 104}, right), cols)
}

func (p *peopleEditor) refresh() {
	people, err := p.g.journal.People.List()
	if err != nil {
		p.rows.Objects = []fyne.CanvasObject{wrapped(p.g.say(err))}
		p.rows.Refresh()
		return
	}
	p.people = people
	if len(people) == 0 {
		l := caption(i18n.X("gui.share.people.empty"))
		l.Importance = widget.WarningImportance
		p.rows.Objects = []fyne.CanvasObject{l}
		p.rows.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for _, person := range people {
		pseudo := widget.NewLabel(person.Pseudonym)
		pseudo.TextStyle.Bold = true
		name, role := widget.NewLabel(person.Name), widget.NewLabel(person.Role)
		name.Truncation, pseudo.Truncation, role.Truncation = fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis, fyne.TextTruncateEllipsis
		remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { p.remove(person.Name) }}
		objs = append(objs, peopleRow(container.NewGridWithColumns(3, name, pseudo, role), remove))
	}
	p.rows.Objects = objs
	p.rows.Refresh()
}

// changed lists the people again and tells the screen.
func (p *peopleEditor) changed() {
	p.refresh()
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *peopleEditor) add() {
	p.g.touch()
	err := p.g.journal.People.Add(app.Person{Name: p.name.Text, Pseudonym: p.pseudo.Text, Role: p.role.Text})
	if err != nil {
		p.g.showInfo(i18n.X("gui.share.people.title"), p.g.say(err))
		return
	}
	p.name.SetText("")
	p.pseudo.SetText("")
	p.role.SetText("")
	p.changed()
	p.g.win.Canvas().Focus(p.name)
}

func (p *peopleEditor) remove(name string) {
	p.g.touch()
	if err := p.g.journal.People.Remove(name); err != nil {
		p.g.showError(err)
		return
	}
	p.changed()
}
