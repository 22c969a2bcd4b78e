package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	sentence "github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

// autosaveEvery is how often the draft is saved while typing.
const autosaveEvery = 4 * time.Second

// editorScreen writes or amends an incident, in sections that can be
// filled in any order. What is typed is saved as an encrypted draft every
// few seconds and whenever the screen is left, so a crash loses nothing.
// Saving a new incident creates it; saving a saved one writes a new
// revision (History shows them all).
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

	// When and where.
	date        *xwidget.DateEntry
	timeOf      *xwidget.Entry
	timeUnknown *widget.Check
	endTime     *xwidget.Entry
	discovered  *xwidget.DateEntry
	setting     *codeChoice
	place       *xwidget.Entry
	workplace   *xwidget.Entry
	authority   *xwidget.Entry
	activity    *xwidget.Entry

	// What happened.
	kinds       *codeChecks
	channels    *codeChecks
	diffusion   *codeChoice
	description *xwidget.Entry
	exactWords  *xwidget.Entry
	videoBox    *fyne.Container
	vcPlatform  *xwidget.Entry
	vcMeeting   *xwidget.Entry
	vcPublic    *widget.Check
	vcWaiting   *widget.Check
	vcIntruders *xwidget.Entry

	// Who.
	perpetrator *codeChoice
	perpRef     *xwidget.Entry
	perpCount   *xwidget.Entry
	witnesses   []*witnessRow
	witnessBox  *fyne.Container

	// Consequences.
	consequences *xwidget.Entry
	workImpact   *xwidget.Entry
	medical      *xwidget.Entry
	notes        *xwidget.Entry

	// Follow-up.
	actions   []*actionRow
	actionBox *fyne.Container
	noAction  *widget.Label

	evidence   *evidenceSection
	historyBox *fyne.Container

	dirty        bool
	loading      bool
	stopAutosave func()
}

func newEditor(g *gui, m *mainScreen, base *app.Incident, id, draftKey string) *editorScreen {
	e := &editorScreen{g: g, m: m, base: base, id: id, draftKey: draftKey}
	if draftKey == "" && id != "" {
		e.draftKey = id
	}
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

func (e *editorScreen) buildUI() fyne.CanvasObject {
	e.title = heading("")
	e.status = widget.NewLabel("")
	e.saveBtn = &widget.Button{Text: i18n.X("gui.editor.save"), Icon: theme.DocumentSaveIcon(),
		Importance: widget.HighImportance, OnTapped: e.save}
	back := &widget.Button{Text: i18n.X("gui.editor.back"), Icon: theme.NavigateBackIcon(),
		Importance: widget.LowImportance, OnTapped: func() { e.g.touch(); e.m.showJournal() }}
	e.discard = &widget.Button{Text: i18n.X("gui.editor.discard"), Icon: theme.ContentUndoIcon(),
		Importance: widget.LowImportance, OnTapped: e.confirmDiscard}

	e.evidence = &evidenceSection{g: e.g, e: e}
	e.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.when"), theme.CalendarIcon(), e.scroll(e.whenUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.what"), theme.DocumentCreateIcon(), e.scroll(e.whatUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.who"), theme.AccountIcon(), e.scroll(e.whoUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.consequences"), theme.WarningIcon(), e.scroll(e.consequencesUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.followup"), theme.MailForwardIcon(), e.scroll(e.followUpUI())),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.evidence"), theme.FileIcon(), e.evidence.buildUI()),
		container.NewTabItemWithIcon(i18n.X("gui.editor.tab.history"), theme.HistoryIcon(), e.scroll(e.historyUI())),
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
	e.title.Truncation = fyne.TextTruncateEllipsis
	e.status.Truncation = fyne.TextTruncateEllipsis
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
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7}
	for i, k := range keys {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			if e.m.current == e {
				e.tabs.SelectIndex(i)
			}
		})
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if e.m.current == e {
			e.tabs.SelectIndex((e.tabs.SelectedIndex() + 1) % len(e.tabs.Items))
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		if e.m.current == e {
			e.tabs.SelectIndex((e.tabs.SelectedIndex() + len(e.tabs.Items) - 1) % len(e.tabs.Items))
		}
	})
}

func (e *editorScreen) focusFirst() { e.focusTab() }

// focusTab puts the cursor in the main field of the section shown, so
// that Ctrl+2 then typing writes the facts.
func (e *editorScreen) focusTab() {
	var f fyne.Focusable
	switch e.tabs.SelectedIndex() {
	case tabWhen:
		f = e.date
	case tabWhat:
		f = e.description
	case tabWho:
		f = e.perpRef
	case tabConsequences:
		f = e.consequences
	}
	if f != nil && e.m.current == e {
		e.g.win.Canvas().Focus(f)
	}
}

// field returns a form item with a hint under it.
func field(label string, o fyne.CanvasObject, hint string) *widget.FormItem {
	return &widget.FormItem{Text: label, Widget: o, HintText: hint}
}

func form(items ...*widget.FormItem) *widget.Form {
	f := widget.NewForm(items...)
	f.Orientation = widget.Vertical
	return f
}

func (e *editorScreen) newEntry() *xwidget.Entry {
	en := e.g.entry()
	en.OnChanged = func(string) { e.changed() }
	return en
}

func (e *editorScreen) newText(rows int) *xwidget.Entry {
	en := e.g.multiLineEntry(rows)
	en.OnChanged = func(string) { e.changed() }
	return en
}

func (e *editorScreen) newCheck(label string) *widget.Check {
	return widget.NewCheck(label, func(bool) { e.changed() })
}

func (e *editorScreen) newDate() *xwidget.DateEntry {
	d := xwidget.NewDateEntry()
	d.OnEscape = e.g.escape
	d.SetPlaceHolder(i18n.X("gui.editor.date_placeholder"))
	d.OnChanged = func(*time.Time) { e.changed() }
	return d
}

func (e *editorScreen) whenUI() fyne.CanvasObject {
	e.date = e.newDate()
	e.timeOf = e.newEntry()
	e.timeOf.SetPlaceHolder(i18n.X("gui.editor.time_placeholder"))
	e.timeOf.Validator = validTime
	e.timeUnknown = e.newCheck(i18n.X("field.time_unknown"))
	e.endTime = e.newEntry()
	e.endTime.SetPlaceHolder(i18n.X("gui.editor.time_placeholder"))
	e.endTime.Validator = validTime
	e.discovered = e.newDate()
	e.setting = newCodeChoice("setting", e.changed)
	e.place = e.newEntry()
	e.place.SetPlaceHolder(i18n.X("gui.editor.place_placeholder"))
	e.workplace = e.newEntry()
	e.authority = e.newEntry()
	e.activity = e.newEntry()
	e.activity.SetPlaceHolder(i18n.X("gui.editor.activity_placeholder"))

	bold := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.TextStyle.Bold = true
		return l
	}
	when := container.NewGridWithColumns(3,
		container.NewVBox(bold(i18n.X("field.occurred_at")), e.date),
		container.NewVBox(bold(i18n.X("gui.editor.time")), e.timeOf),
		container.NewVBox(bold(i18n.X("gui.editor.end_time")), e.endTime),
	)
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.when")),
		caption(i18n.X("gui.editor.when_help")),
		when, e.timeUnknown,
		form(
			field(i18n.X("field.discovered_on"), e.discovered, i18n.X("gui.editor.discovered_hint")),
			field(i18n.X("field.setting"), e.setting.sel, ""),
			field(i18n.X("field.place"), e.place, ""),
			field(i18n.X("field.workplace"), e.workplace, ""),
			field(i18n.X("field.authority"), e.authority, i18n.X("gui.editor.authority_hint")),
			field(i18n.X("field.activity"), e.activity, i18n.X("gui.editor.activity_hint")),
		),
	)
}

func (e *editorScreen) whatUI() fyne.CanvasObject {
	e.kinds = newCodeChecks("kind", 2, e.changed)
	e.channels = newCodeChecks("channel", 3, func() { e.changed(); e.showVideo() })
	e.diffusion = newCodeChoice("diffusion", e.changed)
	e.description = e.newText(6)
	e.description.SetPlaceHolder(i18n.X("gui.editor.description_placeholder"))
	e.exactWords = e.newText(3)
	e.exactWords.SetPlaceHolder(i18n.X("gui.editor.words_placeholder"))
	e.vcPlatform = e.newEntry()
	e.vcPlatform.SetPlaceHolder("Zoom, Teams, classe virtuelle du CNED, ENT…")
	e.vcMeeting = e.newEntry()
	e.vcPublic = e.newCheck(i18n.X("field.video_call.public_link"))
	e.vcWaiting = e.newCheck(i18n.X("field.video_call.waiting_room"))
	e.vcIntruders = e.newText(2)
	e.vcIntruders.SetPlaceHolder(i18n.X("gui.editor.intruders_placeholder"))
	e.videoBox = container.NewVBox(
		widget.NewSeparator(),
		subheading(i18n.X("field.video_call")),
		form(
			field(i18n.X("field.video_call.platform"), e.vcPlatform, ""),
			field(i18n.X("field.video_call.meeting_id"), e.vcMeeting, ""),
		),
		e.vcPublic, e.vcWaiting,
		form(field(i18n.X("field.video_call.intruders"), e.vcIntruders, "")),
	)
	e.videoBox.Hide()
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.what")),
		widget.NewLabel(i18n.X("field.kinds")), e.kinds.box,
		widget.NewLabel(i18n.X("field.channels")), e.channels.box,
		form(
			field(i18n.X("field.diffusion"), e.diffusion.sel, i18n.X("gui.editor.diffusion_hint")),
			field(i18n.X("field.description"), e.description, i18n.X("gui.editor.description_hint")),
			field(i18n.X("field.exact_words"), e.exactWords, ""),
		),
		e.videoBox,
	)
}

// showVideo shows the video-call details when the channel includes a
// video call.
func (e *editorScreen) showVideo() {
	if e.videoBox == nil {
		return
	}
	if e.channels.has("video_call") {
		e.videoBox.Show()
	} else {
		e.videoBox.Hide()
	}
}

func (e *editorScreen) whoUI() fyne.CanvasObject {
	e.perpetrator = newCodeChoice("perpetrator", e.changed)
	e.perpRef = e.newEntry()
	e.perpRef.SetPlaceHolder(i18n.X("gui.editor.ref_placeholder"))
	e.perpCount = e.newEntry()
	e.perpCount.Validator = func(s string) error {
		if s == "" {
			return nil
		}
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 0 {
			return errors.New(i18n.X("gui.editor.count_invalid"))
		}
		return nil
	}
	e.witnessBox = container.NewVBox()
	add := &widget.Button{Text: i18n.X("gui.editor.add_witness"), Icon: theme.ContentAddIcon(),
		OnTapped: func() { e.addWitness(app.Witness{}); e.changed() }}
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.who")),
		caption(i18n.X("gui.editor.who_help")),
		form(
			field(i18n.X("field.perpetrator"), e.perpetrator.sel, ""),
			field(i18n.X("field.perpetrator_ref"), e.perpRef, i18n.X("gui.editor.ref_hint")),
			field(i18n.X("field.perpetrator_count"), e.perpCount, ""),
		),
		widget.NewSeparator(),
		subheading(i18n.X("field.witnesses")),
		caption(i18n.X("gui.editor.witness_help")),
		e.witnessBox, container.NewHBox(add),
	)
}

func (e *editorScreen) consequencesUI() fyne.CanvasObject {
	e.consequences = e.newText(3)
	e.consequences.SetPlaceHolder(i18n.X("gui.editor.consequences_placeholder"))
	e.workImpact = e.newText(3)
	e.workImpact.SetPlaceHolder(i18n.X("gui.editor.work_placeholder"))
	e.medical = e.newText(3)
	e.notes = e.newText(3)
	private := widget.NewCard("", "", container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), subheading(i18n.X("gui.editor.medical_note"))),
		wrapped(i18n.X("gui.editor.medical_private")),
		e.medical,
	))
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.consequences")),
		form(
			field(i18n.X("field.consequences"), e.consequences, ""),
			field(i18n.X("field.work_impact"), e.workImpact, ""),
		),
		private,
		form(field(i18n.X("field.notes"), e.notes, i18n.X("gui.editor.notes_hint"))),
	)
}

func (e *editorScreen) followUpUI() fyne.CanvasObject {
	e.actionBox = container.NewVBox()
	add := &widget.Button{Text: i18n.X("gui.editor.add_action"), Icon: theme.ContentAddIcon(),
		OnTapped: func() {
			e.addAction(app.Action{Date: app.DateOf(e.g.now()), Status: "done"})
			e.changed()
		}}
	e.noAction = wrapped(i18n.X("gui.editor.no_action"))
	return container.NewVBox(
		subheading(i18n.X("gui.editor.tab.followup")),
		caption(i18n.X("gui.editor.followup_help")),
		e.noAction,
		e.actionBox, container.NewHBox(add),
	)
}

func (e *editorScreen) historyUI() fyne.CanvasObject {
	e.historyBox = container.NewVBox()
	return e.historyBox
}

// changed notes that something was typed.
func (e *editorScreen) changed() {
	if e.noAction != nil {
		e.noAction.Hidden = len(e.actions) > 0
		e.noAction.Refresh()
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
		now := e.g.now()
		in = &app.Incident{OccurredAt: now}
	}
	t := in.OccurredAt.Local()
	if !in.OccurredAt.IsZero() {
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		e.date.SetDate(&d)
	} else {
		e.date.SetDate(nil)
	}
	if in.TimeUnknown || in.OccurredAt.IsZero() {
		e.timeOf.SetText("")
	} else {
		e.timeOf.SetText(t.Format("15:04"))
	}
	e.timeUnknown.SetChecked(in.TimeUnknown)
	if in.EndedAt != nil {
		e.endTime.SetText(in.EndedAt.Local().Format("15:04"))
	} else {
		e.endTime.SetText("")
	}
	if !in.DiscoveredOn.IsZero() {
		d := in.DiscoveredOn.In(time.UTC)
		e.discovered.SetDate(&d)
	} else {
		e.discovered.SetDate(nil)
	}
	e.setting.set(in.Setting)
	e.place.SetText(in.Place)
	e.workplace.SetText(in.Workplace)
	e.authority.SetText(in.Authority)
	e.activity.SetText(in.Activity)

	e.kinds.set(in.Kinds)
	e.channels.set(in.Channels)
	e.diffusion.set(in.Diffusion)
	e.description.SetText(in.Description)
	e.exactWords.SetText(in.ExactWords)
	vc := in.VideoCall
	if vc == nil {
		vc = &app.VideoCall{}
	}
	e.vcPlatform.SetText(vc.Platform)
	e.vcMeeting.SetText(vc.MeetingID)
	e.vcPublic.SetChecked(vc.PublicLink)
	e.vcWaiting.SetChecked(vc.WaitingRoom)
	e.vcIntruders.SetText(strings.Join(vc.Intruders, "\n"))
	e.showVideo()

	e.perpetrator.set(in.Perpetrator)
	e.perpRef.SetText(in.PerpetratorRef)
	if in.PerpetratorCount > 0 {
		e.perpCount.SetText(strconv.Itoa(in.PerpetratorCount))
	} else {
		e.perpCount.SetText("")
	}
	e.witnesses = nil
	e.witnessBox.Objects = nil
	for _, w := range in.Witnesses {
		e.addWitness(w)
	}
	e.witnessBox.Refresh()

	e.consequences.SetText(in.Consequences)
	e.workImpact.SetText(in.WorkImpact)
	e.medical.SetText(in.MedicalNote)
	e.notes.SetText(in.Notes)

	e.actions = nil
	e.actionBox.Objects = nil
	for _, a := range in.Actions {
		e.addAction(a)
	}
	e.actionBox.Refresh()
	e.noAction.Hidden = len(e.actions) > 0

	e.evidence.refresh()
	e.refreshHistory()
}

// collect reads the form into an incident.
func (e *editorScreen) collect() *app.Incident {
	var in *app.Incident
	if e.base != nil {
		in = e.base.Clone()
	} else {
		in = &app.Incident{}
	}
	loc := time.Local
	in.OccurredAt = time.Time{}
	if d := e.date.Date; d != nil {
		h, m, ok := parseClock(e.timeOf.Text)
		in.TimeUnknown = e.timeUnknown.Checked || !ok
		if in.TimeUnknown {
			h, m = 0, 0
		}
		in.OccurredAt = time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc)
		in.EndedAt = nil
		if eh, em, ok := parseClock(e.endTime.Text); ok {
			end := time.Date(d.Year(), d.Month(), d.Day(), eh, em, 0, 0, loc)
			in.EndedAt = &end
		}
	}
	in.DiscoveredOn = app.Date{}
	if d := e.discovered.Date; d != nil {
		in.DiscoveredOn = app.DateOf(*d)
	}
	in.Setting = e.setting.get()
	in.Place = e.place.Text
	in.Workplace = e.workplace.Text
	in.Authority = e.authority.Text
	in.Activity = e.activity.Text

	in.Kinds = e.kinds.get()
	in.Channels = e.channels.get()
	in.Diffusion = e.diffusion.get()
	in.Description = e.description.Text
	in.ExactWords = e.exactWords.Text
	in.VideoCall = nil
	if e.channels.has("video_call") {
		in.VideoCall = &app.VideoCall{
			Platform: strings.TrimSpace(e.vcPlatform.Text), MeetingID: strings.TrimSpace(e.vcMeeting.Text),
			PublicLink: e.vcPublic.Checked, WaitingRoom: e.vcWaiting.Checked, Intruders: lines(e.vcIntruders.Text),
		}
	}

	in.Perpetrator = e.perpetrator.get()
	in.PerpetratorRef = e.perpRef.Text
	in.PerpetratorCount, _ = strconv.Atoi(strings.TrimSpace(e.perpCount.Text))
	in.Witnesses = []app.Witness{}
	for _, w := range e.witnesses {
		if wi := w.get(); wi != (app.Witness{}) {
			in.Witnesses = append(in.Witnesses, wi)
		}
	}

	in.Consequences = e.consequences.Text
	in.WorkImpact = e.workImpact.Text
	in.MedicalNote = e.medical.Text
	in.Notes = e.notes.Text

	in.Actions = []app.Action{}
	for _, a := range e.actions {
		in.Actions = append(in.Actions, a.get())
	}
	return in
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// parseClock reads "14:05", "14h05", "14 h 05" or "14h".
func parseClock(s string) (int, int, bool) {
	s = strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
	if s == "" {
		return 0, 0, false
	}
	hs, ms, found := strings.Cut(strings.ReplaceAll(s, "h", ":"), ":")
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 || h > 23 {
		return 0, 0, false
	}
	m := 0
	if found && ms != "" {
		m, err = strconv.Atoi(ms)
		if err != nil || m < 0 || m > 59 {
			return 0, 0, false
		}
	}
	return h, m, true
}

func validTime(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	if _, _, ok := parseClock(s); !ok {
		return errors.New(i18n.X("gui.editor.time_invalid"))
	}
	return nil
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
		e.status.SetText(i18n.X("gui.editor.unchanged"))
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
	e.refreshHistory()
	e.m.refreshBadge()
	if wasNew {
		e.status.SetText(i18n.X("gui.editor.created"))
	} else {
		e.status.SetText(i18n.X("gui.editor.amended", map[string]any{"N": saved.Revision}))
	}
}

// showSaveError explains what prevents saving, field by field.
func (e *editorScreen) showSaveError(err error) {
	var msgs []string
	var unwrap interface{ Unwrap() []error }
	errs := []error{err}
	if errors.As(err, &unwrap) {
		errs = unwrap.Unwrap()
	}
	for _, one := range errs {
		var fe *app.FieldError
		if errors.As(one, &fe) {
			msgs = append(msgs, "• "+fieldMessage(fe))
		} else {
			msgs = append(msgs, "• "+sentence.Error(one, e.g.dir))
		}
	}
	e.g.showInfo(i18n.X("gui.editor.cannot_save"), i18n.X("gui.editor.cannot_save_intro")+"\n\n"+strings.Join(msgs, "\n"))
}

// fieldMessage says what to do about a field, in the person's language.
func fieldMessage(fe *app.FieldError) string {
	switch {
	case fe.Field == "occurred_at":
		return i18n.X("gui.editor.err.date")
	case fe.Field == "description":
		return i18n.X("gui.editor.err.description")
	case fe.Field == "ended_at":
		return i18n.X("gui.editor.err.end")
	case strings.HasPrefix(fe.Field, "witnesses["):
		return i18n.X("gui.editor.err.witness")
	case strings.HasSuffix(fe.Field, ".answer_date"):
		return i18n.X("gui.editor.err.answer_date")
	case fe.Field == "perpetrator_count":
		return i18n.X("gui.editor.err.count")
	}
	return fmt.Sprintf("%s : %s", i18n.X("field."+fe.Field), fe.Msg)
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
		e.status.SetText(i18n.X("gui.editor.draft_failed", map[string]any{"Error": sentence.Error(err, e.g.dir)}))
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
	if e.evidence != nil && e.evidence.cancel != nil {
		e.evidence.cancel()
	}
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

// refreshHistory lists the revisions of a saved incident.
func (e *editorScreen) refreshHistory() {
	if e.historyBox == nil {
		return
	}
	box := e.historyBox
	title := subheading(i18n.X("gui.editor.tab.history"))
	if e.id == "" {
		box.Objects = []fyne.CanvasObject{title, wrapped(i18n.X("gui.history.none"))}
		box.Refresh()
		return
	}
	revs, err := e.g.journal.Incidents.History(e.id)
	if err != nil {
		box.Objects = []fyne.CanvasObject{title, wrapped(sentence.Error(err, e.g.dir))}
		box.Refresh()
		return
	}
	objs := []fyne.CanvasObject{title, caption(i18n.X("gui.history.help"))}
	for i := len(revs) - 1; i >= 0; i-- {
		r := revs[i]
		head := i18n.X("gui.history.revision", map[string]any{"N": r.Number, "Date": i18n.DateTime(r.SavedAt.Local())})
		var what string
		if i == 0 {
			what = i18n.X("gui.history.created")
		} else if len(r.Changed) > 0 {
			labels := make([]string, len(r.Changed))
			for k, f := range r.Changed {
				labels[k] = i18n.X("field." + f)
			}
			what = i18n.X("gui.history.changed", map[string]any{"Fields": strings.Join(labels, ", ")})
		}
		rev := r
		view := &widget.Button{Text: i18n.X("gui.history.view"), Icon: theme.VisibilityIcon(),
			Importance: widget.LowImportance, OnTapped: func() { e.showRevision(rev) }}
		label := widget.NewLabel(head)
		label.TextStyle.Bold = true
		objs = append(objs, widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewCenter(view),
			container.NewVBox(label, caption(what)))))
	}
	box.Objects = objs
	box.Refresh()
}

// showRevision shows what a revision said.
func (e *editorScreen) showRevision(r app.Revision) {
	in := r.Incident
	var b strings.Builder
	row := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			fmt.Fprintf(&b, "**%s**\n\n%s\n\n", label, mdEscape(value))
		}
	}
	row(i18n.X("field.occurred_at"), i18n.DateTime(in.OccurredAt.Local()))
	row(i18n.X("field.kinds"), i18n.Codes("kind", in.Kinds))
	row(i18n.X("field.channels"), i18n.Codes("channel", in.Channels))
	row(i18n.X("field.description"), in.Description)
	row(i18n.X("field.exact_words"), in.ExactWords)
	row(i18n.X("field.perpetrator"), strings.TrimSpace(i18n.Code("perpetrator", in.Perpetrator)+" "+in.PerpetratorRef))
	row(i18n.X("field.consequences"), in.Consequences)
	row(i18n.X("field.work_impact"), in.WorkImpact)
	rt := widget.NewRichTextFromMarkdown(b.String())
	rt.Wrapping = fyne.TextWrapWord
	sc := container.NewVScroll(rt)
	sc.SetMinSize(fyne.NewSize(560, 380))
	title := i18n.X("gui.history.revision", map[string]any{"N": r.Number, "Date": i18n.DateTime(r.SavedAt.Local())})
	e.g.showDialog(newCustom(title, i18n.X("gui.close"), sc, e.g.win))
}

// mdEscape keeps a person's text from being read as Markdown.
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "#", "\\#", "[", "\\[", "]", "\\]", "`", "\\`", "<", "\\<", ">", "\\>")
	return strings.ReplaceAll(r.Replace(s), "\n", "\n\n")
}
