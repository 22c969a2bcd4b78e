package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// incidentPicker is a checklist of the journal's incidents, newest first
// (a virtualised list: large journals scroll smoothly).
type incidentPicker struct {
	g         *gui
	items     []*app.Incident
	chosen    map[string]bool
	list      *widget.List
	count     *widget.Label
	onChanged func()
}

func newIncidentPicker(g *gui, onChanged func()) *incidentPicker {
	p := &incidentPicker{g: g, chosen: map[string]bool{}, onChanged: onChanged}
	if g.journal != nil {
		p.items = g.journal.Incidents.List(app.Filter{})
	}
	return p
}

// incidentLabel is an incident in one line: its day, whether it is
// archived (documents still count it: the person chooses here), its
// kinds, its first words.
func incidentLabel(in *app.Incident) string {
	what := i18n.Codes("kind", in.Kinds)
	if what == "" {
		what = i18n.X("gui.journal.no_kind")
	}
	if in.Archived {
		what = i18n.X("gui.journal.archived_mark") + " · " + what
	}
	if facts := firstLine(in.Description); facts != "" {
		what += " — " + facts
	}
	return i18n.Date(in.OccurredAt.Local()) + " · " + shorten(what, 120)
}

func (p *incidentPicker) buildUI() fyne.CanvasObject {
	p.count = widget.NewLabel("")
	p.count.SizeName = theme.SizeNameCaptionText
	if len(p.items) == 0 {
		return wrapped(i18n.X("gui.share.picker.empty"))
	}
	p.list = &widget.List{
		Length: func() int { return len(p.items) },
		// A box, then the incident in a line cut to the width (a check's
		// own text is not); choosing the line ticks the box too.
		CreateItem: func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(p.items) {
				return
			}
			row := o.(*fyne.Container)
			l, c := row.Objects[0].(*widget.Label), row.Objects[1].(*widget.Check)
			in := p.items[id]
			l.SetText(incidentLabel(in))
			c.OnChanged = nil
			c.Checked = p.chosen[in.ID]
			c.Refresh()
			c.OnChanged = func(on bool) { p.set(in.ID, on) }
		},
		OnSelected: func(id widget.ListItemID) {
			p.list.UnselectAll()
			if id < len(p.items) {
				p.set(p.items[id].ID, !p.chosen[p.items[id].ID])
			}
		},
	}
	p.list.ExtendBaseWidget(p.list)
	all := &widget.Button{Text: i18n.X("gui.share.picker.all"), Importance: widget.LowImportance, OnTapped: func() { p.setAll(true) }}
	none := &widget.Button{Text: i18n.X("gui.share.picker.none"), Importance: widget.LowImportance, OnTapped: func() { p.setAll(false) }}
	p.updateCount()
	sized := container.NewStack(p.list)
	return container.NewBorder(nil, container.NewHBox(container.NewCenter(p.count), layout.NewSpacer(), all, none), nil, nil,
		container.New(&minHeight{h: 190}, sized))
}

// set ticks or unticks an incident.
func (p *incidentPicker) set(id string, on bool) {
	p.g.touch()
	if on {
		p.chosen[id] = true
	} else {
		delete(p.chosen, id)
	}
	p.updateCount()
	if p.list != nil {
		p.list.Refresh()
	}
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *incidentPicker) setAll(on bool) {
	for _, in := range p.items {
		if on {
			p.chosen[in.ID] = true
		} else {
			delete(p.chosen, in.ID)
		}
	}
	p.updateCount()
	p.list.Refresh()
	if p.onChanged != nil {
		p.onChanged()
	}
}

func (p *incidentPicker) updateCount() {
	if p.count == nil {
		return
	}
	n := len(p.chosen)
	p.count.SetText(i18n.N("gui.share.picker.count", n))
}

// ids returns the incidents ticked, oldest first.
func (p *incidentPicker) ids() []string {
	var out []string
	for i := len(p.items) - 1; i >= 0; i-- {
		if p.chosen[p.items[i].ID] {
			out = append(out, p.items[i].ID)
		}
	}
	return out
}

// chooseOtherIncidents shows the journal's incidents but the one with id
// self in a dialog, those in chosen ticked, with help above the list;
// keep confirms and then gets the ticked ones, oldest first.
func chooseOtherIncidents(g *gui, self string, chosen []string, title, help, keep string, then func(ids []string)) {
	g.touch()
	p := newIncidentPicker(g, nil)
	p.items = slices.DeleteFunc(p.items, func(in *app.Incident) bool { return in.ID == self })
	for _, id := range chosen {
		p.chosen[id] = true
	}
	content := container.NewBorder(wrapped(help), nil, nil, nil, p.buildUI())
	d := dialog.NewCustomConfirm(title, keep, i18n.X("gui.cancel"), card(560, content), func(ok bool) {
		if ok {
			then(p.ids())
		}
	}, g.win)
	g.showDialog(d)
}
