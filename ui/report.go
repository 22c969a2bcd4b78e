package ui

import (
	"bytes"
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app/report"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// The report screen: the committee report (F3SCT, ex-CHSCT) with the same
// choices as "temoin report"; its other tabs are the documents
// (documents.go: the letter requesting protection fonctionnelle, the
// RSST text) and the author's profile (profile.go). Documents are written
// into memory (never a temporary file), previewed from memory, and saved
// only where the person chooses, readable by them only (docpanel.go).

// Tabs of the report screen.
const (
	reportTabReport = iota
	reportTabDocuments
	reportTabProfile
)

// reportScreen makes the committee report and the other documents.
type reportScreen struct {
	g *gui
	m *mainScreen

	opts        *reportOptions
	tabs        *container.AppTabs
	scroll      *container.Scroll // the report's choices
	generateBtn *widget.Button
	panel       *docPanel
	documents   *documentsTab
	profile     *profileTab
}

func (s *reportScreen) buildUI() fyne.CanvasObject {
	s.opts = newReportOptions(s.g)
	s.panel = newDocPanel(s.g)
	s.opts.onChanged = s.optionsChanged
	s.documents = &documentsTab{g: s.g, opts: s.opts, panel: s.panel}
	s.profile = &profileTab{g: s.g}
	s.generateBtn = &widget.Button{Text: i18n.X("gui.share.report.generate"), Icon: theme.DocumentIcon(),
		Importance: widget.HighImportance, OnTapped: s.generate}
	s.scroll = container.NewVScroll(container.NewVBox(
		section(i18n.X("gui.share.report.reader"), s.opts.audienceUI()),
		section(i18n.X("gui.share.report.which"), s.opts.selectionUI()),
		section(i18n.X("gui.share.report.shown"), s.opts.choicesUI()),
		section(i18n.X("gui.share.report.request"), s.opts.requestUI()),
	))
	s.opts.relayout = s.scroll.Content.Refresh
	reportTab := container.NewBorder(nil, container.NewPadded(container.NewHBox(s.generateBtn)), nil, nil, s.scroll)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.X("gui.share.report.tab"), reportTab),
		container.NewTabItem(i18n.X("gui.share.documents.tab"), s.documents.buildUI()),
		container.NewTabItem(i18n.X("gui.share.profile.tab"), s.profile.buildUI()),
	)
	preview := container.NewVScroll(container.NewPadded(s.panel.box))
	split := container.NewHSplit(s.tabs, preview)
	split.Offset = 0.6
	top := container.NewVBox(heading(i18n.X("gui.share.report.title")),
		caption(i18n.X("gui.share.report.help")))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

// optionsChanged marks the document made out of date when the choices
// no longer match it, and shows the RSST text again (the people list may
// have changed: the text to copy follows it).
func (s *reportScreen) optionsChanged() {
	s.panel.refreshStale()
	if s.documents != nil && s.documents.rsstSel != nil {
		s.documents.showRSST()
	}
}

// leave stops the work in progress and forgets the document (the
// screen is built again when it comes back).
func (s *reportScreen) leave() {
	if s.panel != nil {
		s.panel.discard()
	}
}

// generate writes the report into memory, off the UI thread.
func (s *reportScreen) generate() {
	s.g.touch()
	if s.panel.busy {
		return
	}
	opts, err := s.opts.options()
	if err != nil {
		s.g.showInfo(i18n.X("gui.share.report.title"), s.g.say(err))
		return
	}
	j := s.g.journal
	s.generateBtn.Disable()
	name := datedName(opts.Lang.X("gui.filename.report."+opts.Audience.String()), s.g.now())
	s.panel.write(docJob{label: i18n.X("gui.share.report.writing"), name: name,
		work: func(ctx context.Context, buf *bytes.Buffer, p *present.Progress) (*report.Result, error) {
			return report.Write(ctx, report.JournalSource(j), opts, buf, p.Items())
		}, done: s.generateBtn.Enable, choices: s.opts.choices, regen: s.generate})
}
