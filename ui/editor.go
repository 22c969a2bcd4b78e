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

	tabs       *container.AppTabs
	scrolls    map[int]*container.Scroll // the scroll of each tab that has one (-1: the quick screen)
	title      *widget.Label
	status     *widget.Label
	saveBtn    *control.Button
	discard    *control.Button
	remove     *control.Button // deletes a saved incident
	archiveBtn *control.Button // archives a saved incident, or brings it back (ui/archive.go)

	quick    *quickTab // the first screen of a new incident; nil in the full editor
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

	tabQuick = -1 // the quick screen of a new incident, not a tab
)

// fields are the tabs that show the incident's fields, in order.
func (e *editorScreen) fields() []editorTab {
	if e.quick != nil {
		return []editorTab{e.quick}
	}
	return []editorTab{e.when, e.what, e.who, e.cons, e.follow}
}

// problemChecker is a tab that knows which of its typed fields cannot
// be read.
type problemChecker interface {
	problems() []error
}

// problems lists the typed fields that cannot be read ("31/11/2026"):
// nothing is saved while there is one.
func (e *editorScreen) problems() []error {
	var out []error
	for _, t := range e.fields() {
		if c, ok := t.(problemChecker); ok {
			out = append(out, c.problems()...)
		}
	}
	return out
}

func (e *editorScreen) buildUI() fyne.CanvasObject {
	e.title = heading("")
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.status = widget.NewLabel("")
	e.status.Truncation = fyne.TextTruncateEllipsis
	e.saveBtn = e.button(i18n.X("gui.editor.save"), theme.DocumentSaveIcon(), widget.HighImportance, e.save)
	back := e.button(i18n.X("gui.editor.back"), theme.NavigateBackIcon(), widget.LowImportance, func() { e.g.touch(); e.m.showJournal() })
	e.discard = e.button(i18n.X("gui.editor.discard"), theme.ContentUndoIcon(), widget.LowImportance, e.confirmDiscard)
	e.remove = e.button(i18n.X("gui.editor.delete"), theme.DeleteIcon(), widget.LowImportance, e.confirmDelete)
	e.archiveBtn = e.button("", nil, widget.LowImportance, e.toggleArchive)
	header := container.NewBorder(nil, nil, back, e.saveBtn, e.title)
	footer := container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(e.discard, e.archiveBtn, e.remove), e.status)
	var body fyne.CanvasObject
	if e.quick != nil {
		body = e.scroll(tabQuick, e.quick.buildUI())
	} else {
		body = e.tabsUI()
	}
	content := e.draft
	if content == nil {
		content = e.base
	}
	e.load(content)
	e.dirty = e.draft != nil
	e.updateHeader()
	e.startAutosave()
	return container.NewBorder(container.NewPadded(header), footer, nil, nil, body)
}

// tabsUI is the full editor: one tab per part of the incident.
func (e *editorScreen) tabsUI() fyne.CanvasObject {
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.when"), theme.CalendarIcon(), e.scroll(tabWhen, e.when.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.what"), theme.DocumentCreateIcon(), e.scroll(tabWhat, e.what.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.who"), theme.AccountIcon(), e.scroll(tabWho, e.who.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.consequences"), theme.WarningIcon(), e.scroll(tabConsequences, e.cons.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.followup"), theme.MailForwardIcon(), e.scroll(tabFollowUp, e.follow.buildUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.evidence"), theme.FileIcon(), e.evidence.buildUI()),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.history"), theme.HistoryIcon(), e.scroll(tabHistory, e.history.buildUI())),
	)
	e.tabs.OnSelected = func(*container.TabItem) {
		e.g.touch()
		e.saveDraftIfDirty()
		e.focusTab()
	}
	e.registerTabShortcuts()
	return e.tabs
}

// scroll is a long form that scrolls with the wheel wherever the pointer
// is, over a field or a drop-down too (control.WheelScroll).
func (e *editorScreen) scroll(tab int, o fyne.CanvasObject) fyne.CanvasObject {
	if e.scrolls == nil {
		e.scrolls = map[int]*container.Scroll{}
	}
	w, s := control.WheelScroll(container.NewPadded(column(820, o)))
	e.scrolls[tab] = s
	return w
}

// focus puts the cursor in f, scrolled into view.
func (e *editorScreen) focus(tab int, f fyne.Focusable) {
	e.g.win.Canvas().Focus(f)
	s, ok := e.scrolls[tab]
	o, isObject := f.(fyne.CanvasObject)
	if !ok || !isObject {
		return
	}
	control.ShowObject(s, o)
	// A tab just built or shown is laid out on the next frame: show the
	// field again once it has its place.
	e.g.later(50*time.Millisecond, func() { control.ShowObject(s, o) })
}

// showDetails leaves the quick screen for the full editor, with what was
// typed, on the facts.
func (e *editorScreen) showDetails() {
	typed, dirty := e.collect(), e.dirty
	if e.stopAutosave != nil {
		e.stopAutosave()
	}
	e.quick, e.draft = nil, typed
	e.m.content.Objects = []fyne.CanvasObject{e.buildUI()}
	e.m.content.Refresh()
	e.dirty = dirty
	e.updateHeader()
	e.tabs.SelectIndex(tabWhat)
	e.focusTab()
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

// focusFirst puts the cursor where typing starts: the facts of a new
// incident (never the date, which the first keys would corrupt), nowhere
// in an incident already kept.
func (e *editorScreen) focusFirst() {
	switch {
	case e.quick != nil:
		e.focus(tabQuick, e.quick.facts)
	case e.base == nil && e.tabs.SelectedIndex() != tabWhat:
		e.tabs.SelectIndex(tabWhat) // focuses the facts
	case e.base != nil:
		// An incident of the journal: no box takes the keys yet, so that
		// the key that opened it (Space) cannot replace its date, selected
		// in its box; Ctrl+1… put the cursor in a section.
		e.g.win.Canvas().Unfocus()
	default:
		e.focusTab()
	}
}

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
		e.focus(e.tabs.SelectedIndex(), f)
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
	en.TabMoves = true
	en.OnChanged = func(string) { en.Fit(); e.changed() }
	return en
}

// button is a button of the editor; Escape while it has the focus leaves,
// as from a field.
func (e *editorScreen) button(text string, icon fyne.Resource, importance widget.Importance, tapped func()) *control.Button {
	b := control.NewButton(text, tapped)
	b.Icon, b.Importance, b.OnEscape = icon, importance, e.g.escape
	return b
}

func (e *editorScreen) newCheck(label string) *control.Check {
	c := control.NewCheck(label, func(bool) { e.changed() })
	c.OnEscape = e.g.escape
	return c
}

func (e *editorScreen) newDate() *control.DateEntry { return e.g.dateEntry(e.changed) }

// changed notes that something was typed.
func (e *editorScreen) changed() {
	if e.follow.noAction != nil && e.quick == nil {
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
	case e.base != nil && e.base.Archived:
		e.status.SetText(i18n.X("gui.editor.status_archived", map[string]any{"N": e.base.Revision}))
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
	if e.id != "" {
		e.remove.Show()
	} else {
		e.remove.Hide()
	}
	e.updateArchiveButton()
}

// load fills the form with an incident (nil: an empty one, dated now).
func (e *editorScreen) load(in *app.Incident) {
	e.loading = true
	defer func() { e.loading = false }()
	if in == nil {
		// The quick screen leaves the time to the person: the class was
		// earlier than now.
		in = &app.Incident{OccurredAt: e.g.now(), TimeUnknown: e.quick != nil}
	}
	for _, t := range e.fields() {
		t.load(in)
	}
	if e.quick == nil {
		e.evidence.refresh()
		e.history.refresh()
	}
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
	if problems := e.problems(); len(problems) > 0 {
		e.showSaveError(errors.Join(problems...))
		return
	}
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
	if e.quick != nil {
		// Written down: back to the journal, where it waits to be completed.
		e.m.showJournal()
		e.m.journal.say(i18n.X("gui.quick.saved"))
		return
	}
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

// saveDraftIfDirty keeps what was typed, encrypted in the vault, and
// reports whether it did.
func (e *editorScreen) saveDraftIfDirty() bool {
	if !e.dirty || e.g.journal == nil {
		return false
	}
	if e.draftKey == "" {
		e.draftKey = app.NewDraftKey()
	}
	if err := e.g.journal.Drafts.Save(e.draftKey, e.collect()); err != nil {
		e.status.SetText(i18n.X("gui.editor.draft_failed", map[string]any{"Error": e.g.say(err)}))
		return false
	}
	e.status.SetText(i18n.X("gui.editor.draft_saved", map[string]any{"Time": clock(e.g.now())}))
	return true
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
	if e.saveDraftIfDirty() {
		e.m.sayNote(i18n.X("gui.editor.draft_kept"))
	}
}

// confirmDelete deletes the incident once the person confirmed, saying
// what the journal's history keeps of it.
func (e *editorScreen) confirmDelete() {
	e.g.touch()
	e.g.confirm(i18n.X("gui.editor.delete_title"), i18n.X("gui.editor.delete_confirm"), i18n.X("gui.editor.delete_yes"), i18n.X("gui.cancel"), func() {
		if err := e.g.journal.Incidents.Delete(e.id); err != nil {
			e.g.showError(err)
			return
		}
		e.dirty = false
		e.m.showJournal()
		e.m.journal.say(i18n.X("gui.editor.deleted"))
		e.m.refreshBadge()
	})
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
