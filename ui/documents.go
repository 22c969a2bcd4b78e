package ui

import (
	"bytes"
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// documentsTab is the report screen's "Letters and procedures", by
// reader: the protection fonctionnelle letter for the employer, the one
// the steps recorded call for (app.ChooseLetter: a first request, new
// facts, an extension, a request for reasons, a recours gracieux) with
// what to know before sending it, or why none is called for; then, for
// one incident, where each procedure stands with its next deadline, and
// the documents that move them on: the RSST text (for every member of
// staff), the request to the head to enter it in « Faits établissement »,
// the help to declare an accident de service. PDFs go to the screen's
// document panel.
type documentsTab struct {
	g     *gui
	opts  *reportOptions // the report's choices: medical notes
	panel *docPanel

	docLang *widget.Select // the language of the documents of this tab
	scroll  *container.Scroll

	letterPicker *incidentPicker
	letterKind   *widget.Label // the letter offered
	letterNote   *widget.Label // what to know, or why there is none
	nameAdults   *widget.Check
	letterBtn    *widget.Button
	alsoBtn      *widget.Button
	choice       app.LetterChoice

	rsstSel     *widget.Select // the incident chosen for the procedures and the RSST text
	rsstItems   []*app.Incident
	rsstText    *readOnlyEntry
	rsstCopy    *widget.Button
	paths       *fyne.Container
	pathRows    []*pathRow
	schoolBtn   *widget.Button
	accidentBtn *widget.Button
	rsstPDFBtn  *widget.Button
	rsstCh      rsstChoices
}

func (t *documentsTab) buildUI() fyne.CanvasObject {
	t.docLang = newDocLanguage(t.langChanged)
	lang := labelled(i18n.X("gui.share.options.language"), container.NewHBox(t.docLang))
	t.scroll = container.NewVScroll(container.NewVBox(container.NewPadded(lang), t.letterUI(), t.incidentUI()))
	return t.scroll
}

// langChanged shows the texts again in the language chosen.
func (t *documentsTab) langChanged() {
	t.showRSST()
	t.panel.refreshStale()
}

// letterUI is the letter to the employer.
func (t *documentsTab) letterUI() fyne.CanvasObject {
	t.letterPicker = newIncidentPicker(t.g, t.letterChanged)
	t.letterKind = bold("")
	t.letterKind.Wrapping = fyne.TextWrapWord
	t.letterNote = wrapped("")
	t.nameAdults = widget.NewCheck(i18n.X("gui.share.letter.name_adults"), func(bool) { t.g.touch(); t.panel.refreshStale() })
	t.nameAdults.SetChecked(true)
	t.letterBtn = &widget.Button{Text: i18n.X("gui.share.letter.generate"), Icon: theme.DocumentCreateIcon(),
		Importance: widget.HighImportance, OnTapped: func() { t.generateLetter(t.choice.Document) }}
	t.alsoBtn = &widget.Button{Icon: theme.DocumentCreateIcon(), OnTapped: func() { t.generateLetter(t.choice.Also) }}
	t.letterChanged()
	return section(i18n.X("gui.share.letter.title"), caption(i18n.X("gui.share.letter.help")),
		t.letterPicker.buildUI(), t.letterKind, t.letterNote, t.nameAdults,
		caption(i18n.X("gui.share.letter.pupils")), container.NewHBox(t.letterBtn, t.alsoBtn))
}

// letterChanged shows the letter the steps recorded call for.
func (t *documentsTab) letterChanged() {
	t.panel.refreshStale()
	ids := t.letterPicker.ids()
	t.alsoBtn.Hide()
	if len(ids) == 0 {
		t.choice = app.LetterChoice{}
		t.letterKind.SetText(i18n.X("gui.share.letter.choose"))
		t.letterNote.SetText("")
		t.letterBtn.Disable()
		return
	}
	t.choice = app.ChooseLetter(t.g.journal.Incidents.List(app.Filter{}), ids, t.g.journal.Deadlines.Calendar(t.g.now()))
	note := report.LetterNote(i18n.Language(), t.choice)
	t.letterNote.SetText(note)
	t.letterNote.Importance = widget.MediumImportance
	if t.choice.Document == "" {
		t.letterKind.SetText(i18n.X("gui.share.letter.none"))
		t.letterNote.Importance = widget.WarningImportance
		t.letterNote.Refresh()
		t.letterBtn.Disable()
		return
	}
	t.letterKind.SetText(i18n.X("gui.share.letter.offered", map[string]any{"Letter": i18n.X("report.paths.doc." + t.choice.Document)}))
	t.letterBtn.Enable()
	if t.choice.Also != "" {
		t.alsoBtn.SetText(i18n.X("report.paths.doc." + t.choice.Also))
		t.alsoBtn.Show()
	}
}

// letterOptions are the letter's choices.
func (t *documentsTab) letterOptions(kind string) report.LetterOptions {
	ro, _ := t.opts.options()
	return report.LetterOptions{IncidentIDs: t.letterPicker.ids(), Lang: docLanguage(t.docLang), Kind: kind,
		PseudonymizeAdults: !t.nameAdults.Checked, IncludeHealth: ro.IncludeHealth, Now: t.g.now()}
}

// generateLetter writes a letter into memory, off the UI thread.
func (t *documentsTab) generateLetter(kind string) {
	t.g.touch()
	if t.panel.busy {
		return
	}
	opts := t.letterOptions(kind)
	if len(opts.IncidentIDs) == 0 {
		t.g.showInfo(i18n.X("gui.share.letter.title"), t.g.say(report.ErrNoIncidentChosen))
		return
	}
	j := t.g.journal
	t.letterBtn.Disable()
	choices := func() string {
		o := t.letterOptions(kind)
		o.Now = time.Time{}
		return docChoices(t.g, o, nil)
	}
	t.panel.write(docJob{label: i18n.X("gui.share.letter.writing"), name: datedName(opts.Lang.X("gui.filename.letter"), t.g.now()),
		work: func(ctx context.Context, buf *bytes.Buffer, _ *present.Progress) (*report.Result, error) {
			return report.WriteLetter(ctx, report.JournalSource(j), opts, buf)
		}, done: t.letterChanged, choices: choices, regen: func() { t.generateLetter(kind) }})
}

// incidentUI is one incident: its procedures and their documents.
func (t *documentsTab) incidentUI() fyne.CanvasObject {
	t.rsstItems = t.g.journal.Incidents.List(app.Filter{})
	labels := make([]string, len(t.rsstItems))
	for i, in := range t.rsstItems {
		labels[i] = incidentLabel(in)
	}
	t.paths = container.NewVBox()
	t.rsstText = newReadOnlyEntry(t.g.escape)
	t.rsstText.SetMinRowsVisible(8)
	t.rsstText.SetPlaceHolder(i18n.X("gui.share.rsst.placeholder"))
	t.rsstCopy = &widget.Button{Text: i18n.X("gui.share.copy"), Icon: theme.ContentCopyIcon(), OnTapped: func() {
		t.g.touch()
		t.g.copyText(t.rsstText.Text)
	}}
	t.rsstPDFBtn = &widget.Button{Text: i18n.X("gui.share.rsst.pdf"), Icon: theme.DocumentIcon(), OnTapped: func() { t.generateForm(app.DocRSST) }}
	t.schoolBtn = &widget.Button{Text: i18n.X("report.paths.doc.school_report_request"), Icon: theme.DocumentCreateIcon(),
		OnTapped: func() { t.generateForm(app.DocSchoolReport) }}
	t.accidentBtn = &widget.Button{Text: i18n.X("report.paths.doc.accident_helper"), Icon: theme.DocumentCreateIcon(),
		OnTapped: func() { t.generateForm(app.DocAccidentHelp) }}
	for _, b := range []*widget.Button{t.rsstCopy, t.rsstPDFBtn, t.schoolBtn, t.accidentBtn} {
		b.Disable()
	}
	t.rsstSel = widget.NewSelect(labels, func(string) { t.showRSST(); t.panel.refreshStale() })
	t.rsstSel.PlaceHolder = i18n.X("gui.share.rsst.choose")
	return container.NewVBox(
		section(i18n.X("gui.share.paths.title"), caption(i18n.X("gui.share.paths.help")), t.rsstSel, t.paths),
		section(i18n.X("gui.share.rsst.title"), caption(i18n.X("gui.share.rsst.help")),
			t.rsstChoicesUI(), t.rsstText, container.NewHBox(t.rsstCopy, t.rsstPDFBtn)),
		section(i18n.X("gui.share.forms.title"), caption(i18n.X("gui.share.forms.help")),
			container.NewHBox(t.schoolBtn), container.NewHBox(t.accidentBtn)))
}

// chosenIncident returns the incident chosen for its procedures, nil
// for none.
func (t *documentsTab) chosenIncident() *app.Incident {
	i := t.rsstSel.SelectedIndex()
	if i < 0 || i >= len(t.rsstItems) {
		return nil
	}
	return t.rsstItems[i]
}

// showRSST shows the procedures and the RSST text of the incident chosen.
func (t *documentsTab) showRSST() {
	t.g.touch()
	in := t.chosenIncident()
	if in == nil {
		return
	}
	t.showPaths(in)
	text, err := report.RSST(report.JournalSource(t.g.journal), in.ID, t.rsstOptions())
	if err != nil {
		t.g.showError(err)
		return
	}
	t.rsstText.SetText(text)
	for _, b := range []*widget.Button{t.rsstCopy, t.rsstPDFBtn, t.schoolBtn, t.accidentBtn} {
		b.Enable()
	}
}

// formOptions are the choices of a form about the incident chosen.
func (t *documentsTab) formOptions() report.FormOptions {
	ro, _ := t.opts.options()
	id := ""
	if in := t.chosenIncident(); in != nil {
		id = in.ID
	}
	return report.FormOptions{IncidentID: id, Lang: docLanguage(t.docLang), IncludeHealth: ro.IncludeHealth,
		NamePerpetrator: t.nameAdults.Checked, Now: t.g.now()}
}

// generateForm writes the RSST entry, the request to the head or the
// accident declaration help of the incident chosen.
func (t *documentsTab) generateForm(kind string) {
	t.g.touch()
	opts := t.formOptions()
	if t.panel.busy || opts.IncidentID == "" {
		return
	}
	j := t.g.journal
	stem := map[string]string{app.DocRSST: "gui.filename.rsst", app.DocSchoolReport: "gui.filename.school_report",
		app.DocAccidentHelp: "gui.filename.accident"}[kind]
	rsst := t.rsstOptions()
	choices := func() string {
		o, r := t.formOptions(), t.rsstOptions()
		o.Now, r.Now = time.Time{}, time.Time{}
		return docChoices(t.g, struct {
			Kind string
			Opts report.FormOptions
			RSST report.RSSTOptions
		}{kind, o, r}, nil)
	}
	t.panel.write(docJob{label: i18n.X("gui.share.forms.writing"), name: datedName(opts.Lang.X(stem), t.g.now()),
		work: func(ctx context.Context, buf *bytes.Buffer, _ *present.Progress) (*report.Result, error) {
			src := report.JournalSource(j)
			switch kind {
			case app.DocSchoolReport:
				return report.WriteSchoolReport(ctx, src, opts, buf)
			case app.DocAccidentHelp:
				return report.WriteAccidentHelp(ctx, src, opts, buf)
			}
			return report.WriteRSST(ctx, src, opts.IncidentID, rsst, buf)
		}, done: func() {}, choices: choices, regen: func() { t.generateForm(kind) }})
}
