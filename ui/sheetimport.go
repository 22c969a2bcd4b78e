package ui

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// Importing a spreadsheet a teacher already keeps (CSV in any encoding,
// .xlsx, .ods; app/sheet reads them): choose the file, see what each
// column becomes and every row, then import all of them or none. Rows
// imported before are recognised and left aside, and the person is told
// how many. Errors name the spreadsheet's row and column letter (present).

// sheetExtensions are the files the dialog offers.
var sheetExtensions = []string{".csv", ".txt", ".tsv", ".xlsx", ".ods"}

// chooseSheet asks for a spreadsheet and shows its preview.
func (g *gui) chooseSheet() {
	g.touch()
	g.pick.open(g.readSheet, sheetExtensions...)
}

// sheetPreview is a spreadsheet read, shown before it is imported.
type sheetPreview struct {
	g    *gui
	path string
	imp  *app.SheetImport
	done []bool // rows imported before
}

// readSheet reads the spreadsheet at path off the UI thread, then shows
// its preview, or says what is wrong with it.
func (g *gui) readSheet(path string) {
	j := g.journal
	g.async(func() {
		p := &sheetPreview{g: g, path: path}
		err := p.read(j)
		fyne.Do(func() {
			if err != nil {
				g.showError(present.In(err, present.Where{File: filepath.Base(path)}))
				return
			}
			p.show()
		})
	})
}

func (p *sheetPreview) read(j *app.Journal) error {
	f, err := os.Open(p.path)
	if err != nil {
		return err
	}
	defer f.Close()
	if p.imp, err = app.ReadSheet(f, time.Local); err != nil {
		return err
	}
	p.done, err = j.Incidents.Imported(p.imp)
	return err
}

// fresh counts the rows not imported before.
func (p *sheetPreview) fresh() int {
	n := 0
	for i := range p.imp.Rows {
		if i >= len(p.done) || !p.done[i] {
			n++
		}
	}
	return n
}

// show shows the columns and the rows, and imports on demand.
func (p *sheetPreview) show() {
	g := p.g
	// Each column and what it becomes, side by side (the command line
	// says it in a sentence).
	var cols []fyne.CanvasObject
	for _, c := range p.imp.Columns {
		if c.Header == "" && c.Field == "" {
			continue
		}
		becomes := i18n.X("gui.sheet.to_notes")
		if c.Field != "" {
			becomes = present.ImportField(c.Field)
		}
		name := widget.NewLabel(i18n.X("gui.sheet.column", map[string]any{"Col": c.Letter(), "Header": c.Header}))
		name.Truncation = fyne.TextTruncateEllipsis
		field := widget.NewLabel(becomes)
		field.TextStyle.Bold = c.Field != ""
		cols = append(cols, name, field)
	}
	skipped := len(p.imp.Rows) - p.fresh()
	summary := i18n.N("gui.sheet.rows", len(p.imp.Rows), map[string]any{"N": len(p.imp.Rows)})
	if skipped > 0 {
		summary += " " + i18n.N("cli.import.skipped", skipped, map[string]any{"N": skipped})
	}
	if s := p.imp.Sheet; len(s.Others) > 0 {
		summary += " " + i18n.X("cli.import.other_sheets", map[string]any{"Name": s.Name, "Others": strings.Join(s.Others, ", ")})
	}
	top := container.NewVBox(wrapped(summary), subheading(i18n.X("gui.sheet.columns")), container.NewGridWithColumns(4, cols...),
		subheading(i18n.X("gui.sheet.preview")))
	table := p.table()
	content := container.NewBorder(top, caption(i18n.X("gui.sheet.all_or_nothing")), nil, nil, table)
	n := p.fresh()
	confirm := i18n.N("gui.sheet.import", n, map[string]any{"N": n})
	if n == 0 {
		confirm = i18n.X("gui.close")
	}
	d := dialog.NewCustomConfirm(i18n.X("gui.sheet.title", map[string]any{"Name": filepath.Base(p.path)}), confirm, i18n.X("gui.cancel"), content,
		func(ok bool) {
			if ok && n > 0 {
				p.importAll()
			}
		}, g.win)
	d.Resize(fyne.NewSize(1000, 680))
	g.showDialog(d)
}

// previewColumns are the columns of the preview's table.
var previewColumns = []string{"gui.sheet.col.row", "gui.sheet.col.date", "gui.sheet.col.kinds", "gui.sheet.col.channels", "gui.sheet.col.facts", "gui.sheet.col.status"}

// table shows each row as the incident it becomes.
func (p *sheetPreview) table() *widget.Table {
	widths := []float32{60, 200, 170, 170, 260, 120}
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.imp.Rows), len(previewColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.cell(id.Row, id.Col)) })
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(previewColumns) {
			o.(*widget.Label).SetText(i18n.X(previewColumns[id.Col]))
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}

// cell is one cell of the preview.
func (p *sheetPreview) cell(row, col int) string {
	if row < 0 || row >= len(p.imp.Rows) {
		return ""
	}
	r := p.imp.Rows[row]
	in := r.Incident
	switch col {
	case 0:
		return strconv.Itoa(r.Number)
	case 1:
		return i18n.DateTime(in.OccurredAt.Local())
	case 2:
		return i18n.Codes("kind", in.Kinds)
	case 3:
		return i18n.Codes("channel", in.Channels)
	case 4:
		text := in.Description
		if text == "" {
			text = in.ExactWords
		}
		return firstLine(text)
	case 5:
		if row < len(p.done) && p.done[row] {
			return i18n.X("gui.sheet.already")
		}
		return i18n.X("gui.sheet.new")
	}
	return ""
}

// importAll imports every new row, or none, with progress and Cancel.
func (p *sheetPreview) importAll() {
	g := p.g
	ctx, cancel := context.WithCancel(context.Background())
	dlg := g.showProgress(i18n.X("gui.sheet.importing"), filepath.Base(p.path), cancel)
	prog := dlg.progress(nil)
	j := g.journal
	g.async(func() {
		res, err := j.Incidents.Import(ctx, p.imp, prog.Items())
		fyne.Do(func() {
			dlg.close()
			if err != nil {
				g.showError(err)
				return
			}
			p.imported(res)
		})
	})
}

// imported says how many incidents were created and rows left aside.
func (p *sheetPreview) imported(res *app.ImportResult) {
	g := p.g
	msg := i18n.N("gui.sheet.imported", len(res.Created), map[string]any{"N": len(res.Created)})
	if n := len(res.Skipped); n > 0 {
		msg += "\n" + i18n.N("cli.import.skipped", n, map[string]any{"N": n})
	}
	if g.main != nil {
		g.main.showJournal()
	}
	g.showInfo(i18n.X("gui.sheet.done_title"), msg)
}
