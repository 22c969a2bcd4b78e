package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/ui/i18n"
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
		what := lang.X("gui.drafts.new", "New incident")
		if in, err := g.journal.Incidents.Get(dr.Key); err == nil {
			what = lang.X("gui.editor.incident_of", "Incident of {{.Date}}", map[string]any{"Date": i18n.Date(in.OccurredAt.Local())})
		}
		title := widget.NewLabel(what)
		title.TextStyle.Bold = true
		info := caption(lang.X("gui.drafts.saved", "typed until {{.Time}}", map[string]any{"Time": i18n.DateTime(dr.SavedAt.Local())}))
		words := widget.NewLabel(shorten(firstLine(dr.Incident.Description), 70))
		words.TextStyle.Italic = true
		words.Truncation = fyne.TextTruncateEllipsis
		var row *fyne.Container
		resume := &widget.Button{Text: lang.X("gui.drafts.resume", "Resume"), Icon: theme.DocumentCreateIcon(), Importance: widget.HighImportance,
			OnTapped: func() {
				d.Hide()
				g.main.openDraft(dr)
			}}
		discard := &widget.Button{Text: lang.X("gui.drafts.discard", "Discard"), Icon: theme.DeleteIcon(), Importance: widget.LowImportance,
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
		wrapped(lang.X("gui.drafts.intro", "Témoin kept what you were typing last time. Do you want to resume it?")),
		rows)
	d = dialog.NewCustom(lang.X("gui.drafts.title", "Unsaved drafts"), lang.X("gui.drafts.later", "Later"), card(620, content), g.win)
	d.Resize(fyne.NewSize(640, 300))
	g.showDialog(d)
}
