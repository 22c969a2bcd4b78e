package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// whoTab is the editor's "Who": the perpetrator, as a code and a
// reference ("Parent P1"), how many, and the witnesses.
type whoTab struct {
	e           *editorScreen
	perpetrator *codeChoice
	perpRef     *control.Entry
	perpCount   *control.Entry
	witnesses   []*witnessRow
	witnessBox  *fyne.Container
}

// witnessRow is one witness: role, pseudonym, contact.
type witnessRow struct {
	role, pseudonym, contact *control.Entry
	box                      fyne.CanvasObject
}

func (w *witnessRow) get() app.Witness {
	return app.Witness{Role: w.role.Text, Pseudonym: w.pseudonym.Text, Contact: w.contact.Text}
}

func (t *whoTab) buildUI() fyne.CanvasObject {
	e := t.e
	t.perpetrator = newCodeChoice("perpetrator", e.changed, e.g.escape)
	t.perpRef = e.newEntry()
	t.perpRef.SetPlaceHolder(i18n.X("gui.editor.ref_placeholder"))
	t.perpCount = e.newEntry()
	t.perpCount.Validator = validCount
	t.witnessBox = container.NewVBox()
	add := &widget.Button{Text: i18n.X("gui.editor.add_witness"), Icon: theme.ContentAddIcon(),
		OnTapped: func() { t.addWitness(app.Witness{}); e.changed() }}
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.who")),
		caption(i18n.X("gui.editor.who_help")),
		form(
			field(i18n.X("field.perpetrator"), t.perpetrator.sel, ""),
			field(i18n.X("field.perpetrator_ref"), t.perpRef, i18n.X("gui.editor.ref_hint")),
			field(i18n.X("field.perpetrator_count"), t.perpCount, ""),
		),
		widget.NewSeparator(),
		subheading(i18n.X("field.witnesses")),
		caption(i18n.X("gui.editor.witness_help")),
		t.witnessBox, container.NewHBox(add),
	)
}

func validCount(s string) error {
	if s == "" {
		return nil
	}
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 0 {
		return errors.New(i18n.X("gui.editor.count_invalid"))
	}
	return nil
}

// addWitness adds a row for a witness.
func (t *whoTab) addWitness(wi app.Witness) {
	e := t.e
	w := &witnessRow{role: e.newEntry(), pseudonym: e.newEntry(), contact: e.newEntry()}
	w.role.SetPlaceHolder(i18n.X("gui.witness.role"))
	w.pseudonym.SetPlaceHolder(i18n.X("gui.witness.pseudonym"))
	w.contact.SetPlaceHolder(i18n.X("gui.witness.contact"))
	w.role.SetText(wi.Role)
	w.pseudonym.SetText(wi.Pseudonym)
	w.contact.SetText(wi.Contact)
	remove := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance}
	w.box = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(3, w.role, w.pseudonym, w.contact))
	addRow(&t.witnesses, w, t.witnessBox, w.box, remove, e.changed)
}

func (t *whoTab) load(in *app.Incident) {
	t.perpetrator.set(in.Perpetrator)
	t.perpRef.SetText(in.PerpetratorRef)
	t.perpCount.SetText("")
	if in.PerpetratorCount > 0 {
		t.perpCount.SetText(strconv.Itoa(in.PerpetratorCount))
	}
	t.witnesses = nil
	t.witnessBox.Objects = nil
	for _, w := range in.Witnesses {
		t.addWitness(w)
	}
	t.witnessBox.Refresh()
}

func (t *whoTab) collect(in *app.Incident) {
	in.Perpetrator = t.perpetrator.get()
	in.PerpetratorRef = t.perpRef.Text
	in.PerpetratorCount, _ = strconv.Atoi(strings.TrimSpace(t.perpCount.Text))
	in.Witnesses = []app.Witness{}
	for _, w := range t.witnesses {
		if wi := w.get(); wi != (app.Witness{}) {
			in.Witnesses = append(in.Witnesses, wi)
		}
	}
}

// addRow adds row to rows and its box to a container; remove takes them
// both away, then changed runs.
func addRow[T comparable](rows *[]T, row T, in *fyne.Container, box fyne.CanvasObject, remove *widget.Button, changed func()) {
	remove.OnTapped = func() {
		if i := slices.Index(*rows, row); i >= 0 {
			*rows = slices.Delete(*rows, i, i+1)
			in.Remove(box)
			changed()
		}
	}
	*rows = append(*rows, row)
	in.Add(box)
}
