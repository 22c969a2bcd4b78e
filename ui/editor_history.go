package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// historyTab is the editor's "History": every revision of a saved
// incident, each readable as it was.
type historyTab struct {
	e   *editorScreen
	box *fyne.Container
}

func (t *historyTab) buildUI() fyne.CanvasObject {
	t.box = container.NewVBox()
	return t.box
}

// refresh lists the revisions of the incident.
func (t *historyTab) refresh() {
	if t.box == nil {
		return
	}
	title := subheading(i18n.X("gui.editor.tab.history"))
	if t.e.id == "" {
		t.box.Objects = []fyne.CanvasObject{title, wrapped(i18n.X("gui.history.none"))}
		t.box.Refresh()
		return
	}
	revs, err := t.e.g.journal.Incidents.History(t.e.id)
	if err != nil {
		t.box.Objects = []fyne.CanvasObject{title, wrapped(t.e.g.say(err))}
		t.box.Refresh()
		return
	}
	objs := []fyne.CanvasObject{title, caption(i18n.X("gui.history.help"))}
	for i := len(revs) - 1; i >= 0; i-- {
		objs = append(objs, t.revisionCard(revs[i], i == 0))
	}
	t.box.Objects = objs
	t.box.Refresh()
}

func (t *historyTab) revisionCard(r app.Revision, first bool) fyne.CanvasObject {
	var what string
	if first {
		what = i18n.X("gui.history.created")
	} else if len(r.Changed) > 0 {
		labels := make([]string, len(r.Changed))
		for k, f := range r.Changed {
			labels[k] = i18n.X("field." + f)
		}
		what = i18n.X("gui.history.changed", map[string]any{"Fields": strings.Join(labels, ", ")})
	}
	view := &widget.Button{Text: i18n.X("gui.history.view"), Icon: theme.VisibilityIcon(),
		Importance: widget.LowImportance, OnTapped: func() { t.showRevision(r) }}
	label := bold(revisionTitle(r))
	return widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewCenter(view),
		container.NewVBox(label, caption(what))))
}

func revisionTitle(r app.Revision) string {
	return i18n.X("gui.history.revision", map[string]any{"N": r.Number, "Date": i18n.DateTime(r.SavedAt.Local())})
}

// showRevision shows what a revision said.
func (t *historyTab) showRevision(r app.Revision) {
	rt := widget.NewRichTextFromMarkdown(incidentMarkdown(r.Incident, false))
	rt.Wrapping = fyne.TextWrapWord
	sc := container.NewVScroll(rt)
	sc.SetMinSize(fyne.NewSize(560, 380))
	t.e.g.showDialog(dialog.NewCustom(revisionTitle(r), i18n.X("gui.close"), sc, t.e.g.win))
}

// mdEscape keeps a person's text from being read as Markdown.
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "#", "\\#", "[", "\\[", "]", "\\]", "`", "\\`", "<", "\\<", ">", "\\>")
	return strings.ReplaceAll(r.Replace(s), "\n", "\n\n")
}
