package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// The words the documents will replace (issue 11, defect 2): under the
// people list, for each person, every form of the name the pseudonymiser
// replaces (« Lucas Bernard », « Lucas », « Bernard », « L. B. ») and the
// common words it holds back (« Rose ») until the person confirms them;
// and a field to add a form (a nickname, another spelling).

// replacedUI holds the widgets of the listing, for tests.
type replacedUI struct {
	who     *widget.Select
	form    *control.Entry
	addBtn  *widget.Button
	confirm map[string]*widget.Button // held word → the button that confirms it
}

// peopleChanged shows the replacements again and marks the document out
// of date.
func (o *reportOptions) peopleChanged() {
	o.showReplaced()
	o.changed()
}

// showReplaced lists what the documents will replace.
func (o *reportOptions) showReplaced() {
	if o.replaced == nil {
		return
	}
	people, err := o.g.journal.People.List()
	if err != nil || len(people) == 0 {
		o.replaced.Objects = nil
		o.replaced.Refresh()
		return
	}
	o.repl = &replacedUI{confirm: map[string]*widget.Button{}}
	objs := []fyne.CanvasObject{bold(i18n.X("gui.share.replace.title"))}
	for _, r := range app.NewPseudonymizer(people).Replacements() {
		line := caption(i18n.X("gui.share.replace.forms", map[string]any{"Pseudonym": r.Pseudonym, "Forms": present.QuoteList(r.Forms)}))
		line.Wrapping = fyne.TextWrapWord
		objs = append(objs, line)
		for _, h := range r.Held {
			held := caption(i18n.X("gui.share.replace.held", map[string]any{"Word": h, "Name": r.Name}))
			held.Wrapping = fyne.TextWrapWord
			held.Importance = widget.WarningImportance
			btn := &widget.Button{Text: i18n.X("gui.share.replace.confirm", map[string]any{"Word": h}), Importance: widget.LowImportance,
				Icon: theme.ConfirmIcon(), OnTapped: func() { o.addForm(r.Name, h) }}
			o.repl.confirm[h] = btn
			objs = append(objs, container.NewBorder(nil, nil, nil, btn, held))
		}
	}
	objs = append(objs, o.addFormUI(people))
	o.replaced.Objects = objs
	o.replaced.Refresh()
}

// addFormUI is the row that adds a form to a person of the list.
func (o *reportOptions) addFormUI(people []app.Person) fyne.CanvasObject {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	o.repl.who = widget.NewSelect(names, nil)
	o.repl.who.PlaceHolder = i18n.X("gui.share.replace.who")
	if len(names) == 1 {
		o.repl.who.SetSelectedIndex(0)
	}
	o.repl.form = o.g.entry()
	o.repl.form.SetPlaceHolder(i18n.X("gui.share.replace.form_placeholder"))
	o.repl.addBtn = &widget.Button{Text: i18n.X("gui.share.replace.add"), Icon: theme.ContentAddIcon(), OnTapped: func() {
		o.addForm(o.repl.who.Selected, o.repl.form.Text)
	}}
	o.repl.form.OnSubmitted = func(string) { o.repl.addBtn.OnTapped() }
	return container.NewBorder(nil, nil, o.repl.who, o.repl.addBtn, o.repl.form)
}

// addForm adds a form of a person's name, which documents will replace
// too.
func (o *reportOptions) addForm(name, form string) {
	o.g.touch()
	form = strings.TrimSpace(form)
	if name == "" || form == "" {
		o.g.showInfo(i18n.X("gui.share.people.title"), i18n.X("gui.share.replace.form_needed"))
		return
	}
	people, err := o.g.journal.People.List()
	if err != nil {
		o.g.showError(err)
		return
	}
	for _, p := range people {
		if p.Name != name {
			continue
		}
		p.Forms = append(p.Forms, form)
		if err := o.g.journal.People.Add(p); err != nil {
			o.g.showInfo(i18n.X("gui.share.people.title"), o.g.say(err))
			return
		}
	}
	o.people.refresh()
	o.peopleChanged()
}
