package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// autosaveEvery is how often the draft is saved while typing.
const autosaveEvery = 4 * time.Second

// editorScreen writes or amends an incident, in sections that can be
// filled in any order, one struct per tab (editor_*.go). What is typed is
// saved as an encrypted draft every few seconds and whenever the screen
// is left, so a crash loses nothing. Saving a new incident creates it;
// saving a saved one writes a new revision (History shows them all).
type editorScreen struct {
	g *gui
	m *mainScreen

	base     *app.Incident // the incident as saved; nil for a new one
	id       string        // "" until saved
	draftKey string        // where the draft is kept ("" until one is saved)
	draft    *app.Incident // a draft to load instead of base

	tabs    *container.AppTabs
	title   *widget.Label
	status  *widget.Label
	saveBtn *widget.Button
	discard *widget.Button

	when     *whenTab
	what     *whatTab
	who      *whoTab
	cons     *consequencesTab
	follow   *followUpTab
	evidence *evidenceSection
	history  *historyTab

	dirty        bool
	loading      bool
	stopAutosave func()
}

// editorTab is a tab of the editor that shows part of an incident.
type editorTab interface {
	buildUI() fyne.CanvasObject
	load(in *app.Incident)    // shows in
	collect(in *app.Incident) // writes what is typed into in
}

func newEditor(g *gui, m *mainScreen, base *app.Incident, id, draftKey string) *editorScreen {
	e := &editorScreen{g: g, m: m, base: base, id: id, draftKey: draftKey}
	if draftKey == "" && id != "" {
		e.draftKey = id
	}
	e.when, e.what, e.who = &whenTab{e: e}, &whatTab{e: e}, &whoTab{e: e}
	e.cons, e.follow = &consequencesTab{e: e}, &followUpTab{e: e}
	e.evidence, e.history = &evidenceSection{g: g, e: e}, &historyTab{e: e}
	return e
}

// Tabs of the editor, in order (Ctrl+1 to Ctrl+7 select them).
const (
	tabWhen = iota
	tabWhat
	tabWho
	tabConsequences
	tabFollowUp
	tabEvidence
	tabHistory
)

// fields are the tabs that show the incident's fields, in order.
func (e *editorScreen) fields() []editorTab {
	return []editorTab{e.when, e.what, e.who, e.cons, e.follow}
}

func (e *editorScreen) buildUI() fyne.CanvasObject {
	e.title = heading("")
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.status = widget.NewLabel("")
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.saveBtn = &widget.Button{Text: i18n.X("gui.editor.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: e.save}
	back := &widget.Button{Text: i18n.X("gui.editor.back"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: func() { e.g.touch(); e.m.showJournal() }}
	e.discard = &widget.Button{Text: i18n.X("gui.editor.discard"), Icon: theme.ContentUndoIcon(),
		Importance: widget.LowImportance, OnTapped: e.confirmDiscard}
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.when"), theme.CalendarIcon(), e.scroll(e.when.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.what"), theme.DocumentCreateIcon(), e.scroll(e.what.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.who"), theme.AccountIcon(), e.scroll(e.who.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.consequences"), theme.WarningIcon(), e.scroll(e.cons.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.followup"), theme.MailForwardIcon(), e.scroll(e.follow.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.evidence"), theme.FileIcon(), e.evidence.buildUI()),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.history"), theme.HistoryIcon(), e.scroll(e.history.buildUI())),
	)
	e.tabs.OnSelected = func(*container.TabItem) {
		e.g.touch()
		e.saveDraftIfDirty()
		e.focusTab()
	}
	e.registerTabShortcuts()
	content := e.draft
	if content == nil {
		content = e.base
	}
	e.load(content)
	e.dirty = e.draft != nil
	e.updateHeader()
	e.startAutosave()
	header := container.NewBorder(nil, nil, back, e.saveBtn, e.title)
	footer := container.NewBorder(widget.NewSeparator(), nil, nil, e.discard, e.status)
	return container.NewBorder(container.NewPadded(header), footer, nil, nil, e.tabs)
}

func (e *editorScreen) scroll(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(container.NewPadded(column(820, o)))
}

// registerTabShortcuts binds Ctrl+1…7 to the sections and
// Ctrl+PageUp/PageDown to the previous and next.
func (e *editorScreen) registerTabShortcuts() {
	c := e.g.win.Canvas()
	add := func(key fyne.KeyName, index func() int) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if e.m.current == e {
				e.tabs.SelectIndex(index())
			}
		})
	}
	for i, k := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7} {
		add(k, func() int { return i })
	}
	n := func() int { return len(e.tabs.Items) }
	add(fyne.KeyPageDown, func() int { return (e.tabs.SelectedIndex() + 1) % n() })
	add(fyne.KeyPageUp, func() int { return (e.tabs.SelectedIndex() + n() - 1) % n() })
}

func (e *editorScreen) focusFirst() { e.focusTab() }

// focusTab puts the cursor in the main field of the section shown, so
// that Ctrl+2 then typing writes the facts.
func (e *editorScreen) focusTab() {
	var f fyne.Focusable
	switch e.tabs.SelectedIndex() {
	case tabWhen:
		f = e.when.date
	case tabWhat:
		f = e.what.description
	case tabWho:
		f = e.who.perpRef
	case tabConsequences:
		f = e.cons.consequences
	}
	if f != nil && e.m.current == e {
		e.g.win.Canvas().Focus(f)
	}
}

// Fields of the editor: each notes that something changed.

func (e *editorScreen) newEntry() *control.Entry {
	en := e.g.entry()
	en.OnChanged = func(string) { e.changed() }
	return en
}

func (e *editorScreen) newText(rows int) *control.Entry {
	en := e.g.multiLineEntry(rows)
	en.OnChanged = func(string) { e.changed() }
	return en
}

func (e *editorScreen) newCheck(label string) *widget.Check {
	return widget.NewCheck(label, func(bool) { e.changed() })
}

func (e *editorScreen) newDate() *control.DateEntry { return e.g.dateEntry(e.changed) }

// changed notes that something was typed.
func (e *editorScreen) changed() {
	if e.follow.noAction != nil {
		e.follow.showEmpty()
	}
	if e.loading {
		return
	}
	e.g.touch()
	if !e.dirty {
		e.dirty = true
		e.updateHeader()
	}
}

// updateHeader shows the title and where the incident stands.
func (e *editorScreen) updateHeader() {
	if e.base == nil {
		e.title.SetText(i18n.X("gui.editor.new"))
	} else {
		e.title.SetText(i18n.X("gui.editor.incident_of", map[string]any{"Date": i18n.Date(e.base.OccurredAt.Local())}))
	}
	switch {
	case e.dirty && e.base == nil:
		e.status.SetText(i18n.X("gui.editor.status_draft_new"))
	case e.dirty:
		e.status.SetText(i18n.X("gui.editor.status_draft"))
	case e.base != nil:
		e.status.SetText(i18n.X("gui.editor.status_saved", map[string]any{"N": e.base.Revision}))
	default:
		e.status.SetText("")
	}
	if e.dirty {
		e.discard.Show()
	} else {
		e.discard.Hide()
	}
}

// load fills the form with an incident (nil: an empty one, dated now).
func (e *editorScreen) load(in *app.Incident) {
	e.loading = true
	defer func() { e.loading = false }()
	if in == nil {
		in = &app.Incident{OccurredAt: e.g.now()}
	}
	for _, t := range e.fields() {
		t.load(in)
	}
	e.evidence.refresh()
	e.history.refresh()
}

// collect reads the form into an incident.
func (e *editorScreen) collect() *app.Incident {
	in := &app.Incident{}
	if e.base != nil {
		in = e.base.Clone()
	}
	for _, t := range e.fields() {
		t.collect(in)
	}
	return in
}

// save creates or amends the incident.
func (e *editorScreen) save() {
	e.g.touch()
	in := e.collect()
	var saved *app.Incident
	var err error
	if e.id == "" {
		saved, err = e.g.journal.Incidents.Create(in)
	} else {
		saved, err = e.g.journal.Incidents.Amend(e.id, in)
	}
	switch {
	case errors.Is(err, app.ErrUnchanged):
		e.dropDraft()
		e.dirty = false
		e.updateHeader()
		e.status.SetText(e.g.say(err))
		return
	case err != nil:
		e.showSaveError(err)
		return
	}
	wasNew := e.id == ""
	e.dropDraft()
	e.base, e.id, e.draftKey = saved, saved.ID, saved.ID
	e.dirty = false
	e.updateHeader()
	e.evidence.refresh()
	e.history.refresh()
	e.m.refreshBadge()
	if wasNew {
		e.status.SetText(i18n.X("gui.editor.created"))
	} else {
		e.status.SetText(i18n.X("gui.editor.amended", map[string]any{"N": saved.Revision}))
	}
}

// showSaveError explains what prevents saving, field by field.
func (e *editorScreen) showSaveError(err error) {
	lines := strings.Split(e.g.say(err), "\n")
	for i, l := range lines {
		lines[i] = "• " + l
	}
	e.g.showInfo(i18n.X("gui.editor.cannot_save"), i18n.X("gui.editor.cannot_save_intro")+"\n\n"+strings.Join(lines, "\n"))
}

// startAutosave saves the draft every few seconds while something changed.
func (e *editorScreen) startAutosave() {
	e.stopAutosave = e.g.later(autosaveEvery, func() {
		if e.stopAutosave == nil || e.m.current != e {
			return
		}
		e.saveDraftIfDirty()
		e.startAutosave()
	})
}

// saveDraftIfDirty keeps what was typed, encrypted in the vault.
func (e *editorScreen) saveDraftIfDirty() {
	if !e.dirty || e.g.journal == nil {
		return
	}
	if e.draftKey == "" {
		e.draftKey = app.NewDraftKey()
	}
	if err := e.g.journal.Drafts.Save(e.draftKey, e.collect()); err != nil {
		e.status.SetText(i18n.X("gui.editor.draft_failed", map[string]any{"Error": e.g.say(err)}))
		return
	}
	e.status.SetText(i18n.X("gui.editor.draft_saved", map[string]any{"Time": clock(e.g.now())}))
}

func (e *editorScreen) dropDraft() {
	if e.draftKey != "" && e.g.journal != nil {
		e.g.journal.Drafts.Delete(e.draftKey)
	}
}

// leave saves the draft, stops the autosave and any import.
func (e *editorScreen) leave() {
	e.evidence.stop()
	if e.stopAutosave != nil {
		e.stopAutosave()
		e.stopAutosave = nil
	}
	e.saveDraftIfDirty()
}

func (e *editorScreen) confirmDiscard() {
	e.g.confirm(i18n.X("gui.editor.discard_title"), i18n.X("gui.editor.discard_confirm"), i18n.X("gui.editor.discard_yes"), i18n.X("gui.cancel"), func() {
		e.dropDraft()
		e.dirty = false
		if e.base == nil {
			e.draftKey = ""
			e.m.showJournal()
			return
		}
		e.load(e.base)
		e.updateHeader()
	})
}
