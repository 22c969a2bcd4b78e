package ui

import (
	"bytes"
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// documentsTab is the report screen's "Letter and RSST": the letter
// requesting protection fonctionnelle about incidents chosen (made into
// the screen's document panel), and the RSST text of an incident, to
// copy into the register.
type documentsTab struct {
	g     *gui
	opts  *reportOptions // the report's choices: pseudonyms, medical notes
	panel *docPanel

	letterPicker *incidentPicker
	letterBtn    *widget.Button
	docLang      *widget.Select // the language of the letter and of the RSST text
	rsstSel      *widget.Select
	rsstItems    []*app.Incident
	rsstText     *readOnlyEntry
	rsstCopy     *widget.Button
}

func (t *documentsTab) buildUI() fyne.CanvasObject {
	t.docLang = newDocLanguage(t.showRSST)
	t.letterPicker = newIncidentPicker(t.g, nil)
	t.letterBtn = &widget.Button{Text: i18n.X("gui.share.letter.generate"), Icon: theme.DocumentCreateIcon(),
		Importance: widget.HighImportance, OnTapped: t.generateLetter}
	letter := section(i18n.X("gui.share.letter.title"), caption(i18n.X("gui.share.letter.help")),
		t.letterPicker.buildUI(), container.NewHBox(t.letterBtn))
	lang := labelled(i18n.X("gui.share.options.language"), container.NewHBox(t.docLang))
	return container.NewVScroll(container.NewVBox(container.NewPadded(lang), letter, t.rsstUI()))
}

func (t *documentsTab) rsstUI() fyne.CanvasObject {
	t.rsstItems = t.g.journal.Incidents.List(app.Filter{})
	labels := make([]string, len(t.rsstItems))
	for i, in := range t.rsstItems {
		labels[i] = incidentLabel(in)
	}
	t.rsstText = newReadOnlyEntry(t.g.escape)
	t.rsstText.SetMinRowsVisible(8)
	t.rsstText.SetPlaceHolder(i18n.X("gui.share.rsst.placeholder"))
	t.rsstCopy = &widget.Button{Text: i18n.X("gui.share.copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		t.g.touch()
		t.g.copyText(t.rsstText.Text)
	}}
	t.rsstCopy.Disable()
	t.rsstSel = widget.NewSelect(labels, func(string) { t.showRSST() })
	t.rsstSel.PlaceHolder = i18n.X("gui.share.rsst.choose")
	return section(i18n.X("gui.share.rsst.title"), caption(i18n.X("gui.share.rsst.help")),
		t.rsstSel, t.rsstText, container.NewHBox(t.rsstCopy))
}

// generateLetter writes the letter into memory, off the UI thread.
func (t *documentsTab) generateLetter() {
	t.g.touch()
	if t.panel.busy {
		return
	}
	ids := t.letterPicker.ids()
	if len(ids) == 0 {
		t.g.showInfo(i18n.X("gui.share.letter.title"), t.g.say(report.ErrNoIncidentChosen))
		return
	}
	ro, _ := t.opts.options()
	opts := report.LetterOptions{IncidentIDs: ids, Lang: docLanguage(t.docLang), NoPseudonymize: ro.NoPseudonymize,
		IncludeHealth: ro.IncludeHealth, Now: t.g.now()}
	j := t.g.journal
	t.letterBtn.Disable()
	name := datedName(opts.Lang.X("gui.filename.letter"), t.g.now())
	t.panel.write(i18n.X("gui.share.letter.writing"), name,
		func(ctx context.Context, buf *bytes.Buffer, _ *present.Progress) (*report.Result, error) {
			return report.WriteLetter(ctx, report.JournalSource(j), opts, buf)
		}, t.letterBtn.Enable)
}

// showRSST shows the RSST text of the incident chosen.
func (t *documentsTab) showRSST() {
	t.g.touch()
	i := t.rsstSel.SelectedIndex()
	if i < 0 || i >= len(t.rsstItems) {
		return
	}
	text, err := report.RSST(report.JournalSource(t.g.journal), t.rsstItems[i].ID, report.RSSTOptions{Lang: docLanguage(t.docLang), Now: t.g.now()})
	if err != nil {
		t.g.showError(err)
		return
	}
	t.rsstText.SetText(text)
	t.rsstCopy.Enable()
}
