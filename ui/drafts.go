package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// offerDrafts offers, after unlocking, to resume what was being typed
// when Témoin was locked, closed or stopped.
func (g *gui) offerDrafts() {
	drafts, err := g.journal.Drafts.List()
	if err != nil || len(drafts) == 0 {
		return
	}
	slices.SortFunc(drafts, func(a, b app.Draft) int { return b.SavedAt.Compare(a.SavedAt) })
	var d dialog.Dialog
	rows := container.NewVBox()
	for _, dr := range drafts {
		dr := dr
		what := i18n.X("gui.drafts.new")
		if in, err := g.journal.Incidents.Get(dr.Key); err == nil {
			what = i18n.X("gui.editor.incident_of", map[string]any{"Date": i18n.Date(in.OccurredAt.Local())})
		}
		title := widget.NewLabel(what)
		title.TextStyle.Bold = true
		info := caption(i18n.X("gui.drafts.saved", map[string]any{"Time": i18n.DateTime(dr.SavedAt.Local())}))
		words := widget.NewLabel(shorten(firstLine(dr.Incident.Description), 70))
		words.TextStyle.Italic = true
		words.Truncation = fyne.TextTruncateEllipsis
		var row *fyne.Container
		resume := &widget.Button{Text: i18n.X("gui.drafts.resume"), Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance,
			OnTapped: func() {
				d.Hide()
				g.main.openDraft(dr)
			}}
		discard := &widget.Button{Text: i18n.X("gui.drafts.discard"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
			OnTapped: func() {
				g.journal.Drafts.Delete(dr.Key)
				rows.Remove(row)
				if len(rows.Objects) == 0 {
					d.Hide()
				}
			}}
		row = container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(discard, resume)), container.NewVBox(title, words, info))
		rows.Add(row)
	}
	content := container.NewVBox(
		wrapped(i18n.X("gui.drafts.intro")),
		rows)
	d = dialog.NewCustom(i18n.X("gui.drafts.title"), i18n.X("gui.drafts.later"), card(620, content), g.win)
	d.Resize(fyne.NewSize(640, 300))
	g.showDialog(d)
}
