package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The procedures of one incident as tracked paths (app.Paths): for each,
// where it stands, its next deadline said in full (« jusqu'au jeudi
// 10 décembre 2026 inclus »), and the document Témoin writes to move it
// on, one tap away.

// pathRow is a procedure as shown, kept for tests.
type pathRow struct {
	path  app.Path
	state *widget.Label
	next  *widget.Label // nil when the path has no deadline
	doc   *widget.Button
}

// showPaths shows where each procedure of an incident stands.
func (t *documentsTab) showPaths(in *app.Incident) {
	j := t.g.journal
	cal := j.Deadlines.Calendar(t.g.now())
	agri := false
	if p, err := j.Settings.Profile(); err == nil {
		agri = p.Agricultural
	}
	t.pathRows = nil
	objs := []fyne.CanvasObject{}
	for _, p := range app.Paths(in, j.Incidents.List(app.Filter{}), cal) {
		row := t.pathRow(p, cal, agri)
		t.pathRows = append(t.pathRows, row)
		lines := []fyne.CanvasObject{row.state}
		if row.next != nil {
			lines = append(lines, row.next)
		}
		if row.doc != nil {
			lines = append(lines, container.NewHBox(row.doc))
		}
		objs = append(objs, widget.NewCard("", "", container.NewVBox(lines...)))
	}
	t.paths.Objects = objs
	t.paths.Refresh()
}

// pathRow makes the lines of a procedure.
func (t *documentsTab) pathRow(p app.Path, cal app.Calendar, agri bool) *pathRow {
	row := &pathRow{path: p}
	row.state = bold(present.PathState(p, agri))
	row.state.Wrapping = fyne.TextWrapWord
	if next := present.PathNext(p, cal.Today); next != "" {
		row.next = wrapped(next)
		if p.Next.Passed() {
			row.next.Importance = widget.WarningImportance
		}
	}
	if p.Document != "" {
		row.doc = &widget.Button{Text: i18n.X("report.paths.doc." + p.Document), Icon: theme.DocumentCreateIcon(),
			Importance: widget.LowImportance, OnTapped: func() { t.moveOn(p) }}
	}
	return row
}

// moveOn makes the document that moves a procedure on.
func (t *documentsTab) moveOn(p app.Path) {
	switch p.Document {
	case app.DocRSST, app.DocSchoolReport, app.DocAccidentHelp:
		t.generateForm(p.Document)
	default: // a letter: about this incident
		in := t.chosenIncident()
		if in == nil {
			return
		}
		t.letterPicker.setAll(false)
		t.letterPicker.set(in.ID, true)
		t.generateLetter(p.Document)
	}
}
