package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// linksSection is the editor's "Linked incidents", at the end of "What
// happened": the other facts of the same series (the same author, the
// same conflict), chosen from the journal's list. The report refers from
// one to the other; until this section, only the command line could set
// them, and an incident linked there showed nothing of it here.
type linksSection struct {
	e      *editorScreen
	linked []string
	list   *fyne.Container // one line per linked incident
	box    *fyne.Container // the whole section
}

func (l *linksSection) buildUI() fyne.CanvasObject {
	l.list = container.NewVBox()
	choose := &widget.Button{Text: i18n.X("gui.editor.linked_choose"), Icon: theme.ListIcon(), OnTapped: l.choose}
	l.box = container.NewVBox(
		widget.NewSeparator(),
		subheading(i18n.X("field.linked")),
		caption(i18n.X("gui.editor.linked_help")),
		l.list, container.NewHBox(choose),
	)
	return l.box
}

func (l *linksSection) load(in *app.Incident) {
	l.linked = slices.Clone(in.Linked)
	l.show()
}

func (l *linksSection) collect(in *app.Incident) { in.Linked = slices.Clone(l.linked) }

// show lists the linked incidents, each in one line; one deleted since it
// was linked is said so (the link stays as it was written).
func (l *linksSection) show() {
	l.list.Objects = nil
	if len(l.linked) == 0 {
		l.list.Add(wrapped(i18n.X("gui.editor.linked_none")))
	}
	for _, id := range l.linked {
		text := i18n.X("gui.editor.linked_deleted", map[string]any{"ID": id})
		if j := l.e.g.journal; j != nil {
			if in, err := j.Incidents.Get(id); err == nil {
				text = incidentLabel(in)
			}
		}
		line := widget.NewLabel("• " + text)
		line.Truncation = fyne.TextTruncateEllipsis
		l.list.Add(line)
	}
	l.list.Refresh()
}

// choose lets the person tick the other incidents of the same series.
func (l *linksSection) choose() {
	e := l.e
	chooseOtherIncidents(e.g, e.id, l.linked, i18n.X("field.linked"), i18n.X("gui.editor.linked_dialog_help"),
		i18n.X("gui.editor.linked_keep"), func(ids []string) {
			l.linked = ids
			l.show()
			e.changed()
		})
}
