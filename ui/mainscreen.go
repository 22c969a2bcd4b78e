package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// screen is one screen of the unlocked application.
type screen interface {
	buildUI() fyne.CanvasObject
}

// leaver is a screen that must do something before it is replaced (the
// editor saves its draft).
type leaver interface {
	leave()
}

// navItem is one entry of the navigation. To add a screen, add an item
// in newMainScreen: its open function shows it with m.show.
type navItem struct {
	id    string
	label string
	icon  fyne.Resource
	open  func()
	btn   *widget.Button
	badge *control.Badge
}

// mainScreen is the unlocked application: the navigation on the left,
// the screen on the right, a lock button always in reach.
type mainScreen struct {
	g       *gui
	nav     []*navItem
	content *fyne.Container
	current screen
	lockBtn *widget.Button
	note    *widget.Label // "Brouillon gardé", in reach from every screen

	journal *journalScreen // kept while unlocked: search and scroll survive a visit elsewhere
	editor  *editorScreen  // the incident being edited, if shown
}

func newMainScreen(g *gui) *mainScreen {
	m := &mainScreen{g: g}
	m.nav = []*navItem{
		{id: "journal", label: i18n.X("gui.nav.journal"), icon: theme.ListIcon(), open: m.showJournal},
		{id: "deadlines", label: i18n.X("gui.nav.deadlines"), icon: theme.HistoryIcon(), open: m.showDeadlines,
			badge: control.NewBadge("")},
		{id: "report", label: i18n.X("gui.nav.report"), icon: theme.DocumentIcon(), open: m.showReport},
		{id: "send", label: i18n.X("gui.nav.send"), icon: theme.MailSendIcon(), open: m.showSend},
		{id: "guide", label: i18n.X("gui.nav.guide"), icon: theme.HelpIcon(), open: m.showGuide},
		{id: "settings", label: i18n.X("gui.nav.settings"), icon: theme.SettingsIcon(), open: m.showSettings},
		{id: "representative", label: i18n.X("gui.share.nav.representative"), icon: theme.AccountIcon(), open: m.showRepresentative},
	}
	return m
}

func (m *mainScreen) buildUI() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(m.g.icon)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(30, 30))
	name := widget.NewLabel(Title)
	name.TextStyle.Bold = true
	name.SizeName = theme.SizeNameSubHeadingText
	items := container.NewVBox(container.NewHBox(icon, name), widget.NewSeparator())
	for _, it := range m.nav {
		it.btn = &widget.Button{Text: it.label, Icon: it.icon, Alignment: widget.ButtonAlignLeading,
			Importance: widget.LowImportance, OnTapped: func() { m.g.touch(); it.open() }}
		var row fyne.CanvasObject = it.btn
		if it.badge != nil {
			row = container.NewBorder(nil, nil, nil, container.NewCenter(it.badge), it.btn)
		}
		items.Add(row)
	}
	m.lockBtn = &widget.Button{Text: i18n.X("gui.nav.lock"), Icon: theme.VisibilityOffIcon(),
		Alignment: widget.ButtonAlignLeading, OnTapped: m.g.lock}
	hint := caption(i18n.X("gui.share.nav.lock_hint"))
	m.note = caption("")
	m.note.Importance = widget.WarningImportance
	m.note.Hide()
	sidebarBody := container.NewBorder(items, container.NewVBox(m.note, m.lockBtn, hint), nil, nil)
	bg := canvas.NewRectangle(theme.Color(colorNameSidebar))
	sidebar := container.NewStack(bg, container.NewPadded(column(210, sidebarBody)))
	sidebar = container.New(&fixedWidth{w: 210}, sidebar)

	m.content = container.NewStack()
	m.refreshBadge()
	return container.NewBorder(nil, nil, sidebar, nil, m.content)
}

// show replaces the screen shown, letting the one shown save its work
// first (the editor's draft).
func (m *mainScreen) show(s screen, navID string) {
	if l, ok := m.current.(leaver); ok && m.current != s {
		l.leave()
	}
	if _, ok := s.(*editorScreen); !ok {
		m.editor = nil
	} else {
		m.sayNote("")
	}
	m.current = s
	for _, it := range m.nav {
		if it.btn == nil {
			continue
		}
		if it.id == navID {
			it.btn.Importance = widget.MediumImportance
		} else {
			it.btn.Importance = widget.LowImportance
		}
		it.btn.Refresh()
	}
	m.content.Objects = []fyne.CanvasObject{s.buildUI()}
	m.content.Refresh()
}

// leave lets the screen shown save its work (before a lock).
func (m *mainScreen) leave() {
	if l, ok := m.current.(leaver); ok {
		l.leave()
	}
}

// sayNote shows a short note in the sidebar ("" hides it).
func (m *mainScreen) sayNote(text string) {
	if m.note == nil {
		return
	}
	m.note.SetText(text)
	m.note.Hidden = text == ""
	m.note.Refresh()
}

func (m *mainScreen) showJournal() {
	if m.journal == nil {
		m.journal = &journalScreen{g: m.g, m: m}
	} else if m.journal.notice != nil {
		m.journal.notice.Hide()
		m.journal.noticeRow.Hide()
	}
	m.show(m.journal, "journal")
	m.journal.refresh()
}

func (m *mainScreen) showDeadlines() {
	m.show(&deadlinesScreen{g: m.g, m: m}, "deadlines")
}

func (m *mainScreen) showGuide() { m.show(&guideScreen{g: m.g}, "guide") }

func (m *mainScreen) showSettings() { m.show(&settingsScreen{g: m.g}, "settings") }

func (m *mainScreen) showReport() { m.show(&reportScreen{g: m.g, m: m}, "report") }

func (m *mainScreen) showSend() { m.show(&sendScreen{g: m.g, m: m}, "send") }

func (m *mainScreen) showRepresentative() {
	m.show(&representativeScreen{g: m.g, m: m}, "representative")
}

// openIncident opens an incident in the editor.
func (m *mainScreen) openIncident(id string) {
	in, err := m.g.journal.Incidents.Get(id)
	if err != nil {
		m.g.showError(err)
		return
	}
	e := newEditor(m.g, m, in, id, "")
	// What was typed and not saved comes back: never lose it.
	if drafts, err := m.g.journal.Drafts.List(); err == nil {
		for _, d := range drafts {
			if d.Key == id {
				e.draft = d.Incident
			}
		}
	}
	m.openEditor(e)
}

// newIncident opens the editor on a new incident: the one left as a
// draft, if there is one (the newest), so that nothing typed seems lost;
// else the quick screen.
func (m *mainScreen) newIncident() {
	if m.editor != nil && m.current == m.editor && m.editor.id == "" {
		m.editor.focusFirst()
		return
	}
	if d, ok := m.newDraft(); ok {
		m.openDraft(d)
		return
	}
	e := newEditor(m.g, m, nil, "", "")
	e.quick = &quickTab{e: e}
	m.openEditor(e)
}

// newDraft returns the newest draft of an incident not saved yet.
func (m *mainScreen) newDraft() (app.Draft, bool) {
	drafts, err := m.g.journal.Drafts.List()
	if err != nil {
		return app.Draft{}, false
	}
	var newest app.Draft
	found := false
	for _, d := range drafts {
		if _, err := m.g.journal.Incidents.Get(d.Key); err == nil {
			continue
		}
		if !found || d.SavedAt.After(newest.SavedAt) {
			newest, found = d, true
		}
	}
	return newest, found
}

// openDraft resumes a draft.
func (m *mainScreen) openDraft(d app.Draft) {
	var base *app.Incident
	id := ""
	if in, err := m.g.journal.Incidents.Get(d.Key); err == nil {
		base, id = in, in.ID
	}
	e := newEditor(m.g, m, base, id, d.Key)
	e.draft = d.Incident
	if base == nil && quickOnly(d.Incident) {
		e.quick = &quickTab{e: e}
	}
	m.openEditor(e)
}

func (m *mainScreen) openEditor(e *editorScreen) {
	m.show(e, "journal")
	m.editor = e
	e.focusFirst()
}

// search focuses the journal's search box.
func (m *mainScreen) search() {
	if m.current != m.journal {
		m.showJournal()
	}
	m.g.win.Canvas().Focus(m.journal.search)
}

// save saves the incident being edited.
func (m *mainScreen) save() {
	if m.editor != nil && m.current == m.editor {
		m.editor.save()
	}
}

// escape leaves the editor for the journal.
func (m *mainScreen) escape() {
	if m.editor != nil && m.current == m.editor {
		m.showJournal()
	}
}

// captureScreen opens the capture dialog, for the incident in the editor
// if one is open.
func (m *mainScreen) captureScreen() {
	id := ""
	if m.editor != nil && m.current == m.editor {
		id = m.editor.id
	}
	m.g.captureDialog(id)
}

// paste pastes as evidence when the editor shows its evidence.
func (m *mainScreen) paste() {
	if m.editor != nil && m.current == m.editor && m.editor.tabs.SelectedIndex() == tabEvidence {
		m.editor.evidence.paste()
	}
}

// dropped attaches dropped files to the incident in the editor.
func (m *mainScreen) dropped(uris []fyne.URI) {
	if m.editor != nil && m.current == m.editor {
		if m.editor.quick != nil {
			m.editor.showDetails() // the evidence tab
		}
		m.editor.evidence.dropped(uris)
		return
	}
	m.g.showInfo(i18n.X("gui.drop.title"), i18n.X("gui.drop.no_incident"))
}

// refreshBadge counts the deadlines due in the next 15 days or just
// passed, shows the count on the navigation and returns it.
func (m *mainScreen) refreshBadge() int {
	var badge *control.Badge
	for _, it := range m.nav {
		if it.badge != nil {
			badge = it.badge
		}
	}
	if badge == nil || m.g.journal == nil {
		return 0
	}
	dls, err := m.g.journal.Deadlines.List(m.g.now())
	if err != nil {
		return 0
	}
	urgent := 0
	for _, d := range dls {
		if d.DaysLeft <= 15 {
			urgent++
		}
	}
	n := urgent
	if n == 0 {
		n = len(dls)
	}
	badge.Warning = urgent > 0
	if n == 0 {
		badge.SetText("")
	} else {
		badge.SetText(strconv.Itoa(n))
	}
	return urgent
}
