package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
)

// searchDelay is how long the search waits for the next keystroke.
const searchDelay = 150 * time.Millisecond

// journalScreen is the list of incidents, newest first, as a timeline:
// a virtualised list (ten thousand incidents scroll smoothly), a search
// box that ignores case and accents, filters and a count.
type journalScreen struct {
	g *gui
	m *mainScreen

	search      *control.Entry
	period      *widget.Select
	kind        *widget.Select
	channel     *widget.Select
	perpetrator *widget.Select
	archive     *widget.Select  // without the archived, only them, or both (ui/archive.go)
	archiveBox  *fyne.Container // the archive drop-down, shown once something is archived
	undo        *widget.Button  // undoes what the notice says was done
	noticeRow   *fyne.Container // the notice and undo
	detail      *journalDetail  // the selected incident, beside the list when wide (ui/journal_detail.go)
	detailBox   *container.Scroll
	center      *fyne.Container // the list, and the detail beside it when wide
	wide        bool            // the list and the detail side by side
	sortBy      *widget.Select  // the order of the list (sortFacts, sortRecorded, sortKind)
	clearBtn    *widget.Button
	newBtn      *widget.Button
	dueBtn      *widget.Button // deadlines due soon, when there are some
	dueBox      *fyne.Container
	reminder    *backupReminder // the gentle line when no recent backup (ui/backup.go)
	tools       *fyne.Container // search and filters, hidden while the journal is empty
	count       *widget.Label
	notice      *widget.Label // what was just done ("Incident enregistré…")
	list        *journalList
	empty       *fyne.Container
	body        *fyne.Container

	items     []journalItem // what the list shows
	newDrafts int           // drafts of incidents not saved yet

	stopSearch func() // the search waiting for typing to pause
}

// periods offered by the filter, in days (0: everything).
var periods = []int{0, 30, 90, 365}

func (s *journalScreen) periodLabel(days int) string {
	switch days {
	case 30:
		return i18n.X("gui.journal.period.30")
	case 90:
		return i18n.X("gui.journal.period.90")
	case 365:
		return i18n.X("gui.journal.period.365")
	}
	return i18n.X("gui.journal.period.all")
}

// codeSelect is a drop-down of a list of codes, with "all" first.
func codeSelect(list, all string, onChanged func()) *widget.Select {
	options := []string{all}
	for _, c := range app.CodeLists[list] {
		options = append(options, i18n.Code(list, c))
	}
	sel := widget.NewSelect(options, func(string) { onChanged() })
	sel.SetSelectedIndex(0)
	return sel
}

// selectedCode returns the code chosen in a codeSelect ("" for all).
func selectedCode(list string, sel *widget.Select) string {
	i := sel.SelectedIndex()
	if i <= 0 {
		return ""
	}
	return app.CodeLists[list][i-1]
}

func (s *journalScreen) buildUI() fyne.CanvasObject {
	if s.body != nil {
		return s.body
	}
	s.newBtn = &widget.Button{Text: i18n.X("gui.journal.new"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: func() { s.g.touch(); s.m.newIncident() }}
	capture := &widget.Button{Text: i18n.X("gui.capture.short"), Icon: theme.MediaPhotoIcon(),
		OnTapped: func() { s.g.captureDialog("") }}
	s.count = widget.NewLabel("")
	s.dueBtn = &widget.Button{Icon: theme.WarningIcon(), Importance: widget.WarningImportance,
		OnTapped: func() { s.g.touch(); s.m.showDeadlines() }}
	s.dueBtn.Hide()
	s.dueBox = container.NewHBox(container.NewCenter(s.dueBtn))
	header := container.NewBorder(nil, nil, heading(i18n.X("gui.journal.title")),
		container.NewHBox(container.NewCenter(s.count), container.NewCenter(capture), container.NewCenter(s.newBtn)), s.dueBox)
	s.reminder = newBackupReminder(s.g)
	s.notice = wrapped("")
	s.notice.Importance = widget.SuccessImportance
	s.notice.Hide()
	s.undo = &widget.Button{Text: i18n.X("gui.journal.undo"), Icon: theme.ContentUndoIcon()}
	s.undo.Hide()
	s.noticeRow = container.NewBorder(nil, nil, nil, container.NewCenter(s.undo), s.notice)
	s.noticeRow.Hide()
	top := container.NewVBox(header, s.noticeRow, s.reminder.box, s.toolsUI())
	s.empty = container.NewCenter(container.NewVBox())
	s.detail = &journalDetail{s: s}
	s.detailBox = s.detail.buildUI()
	s.detailBox.Hide()
	s.center = container.New(&listDetailLayout{s: s}, container.NewStack(s.listUI(), s.empty), s.detailBox)
	s.body = container.NewBorder(container.NewPadded(top), nil, nil, nil, s.center)
	s.reminder.relayout = s.body.Refresh
	return s.body
}

// toolsUI is the search box and the filters.
func (s *journalScreen) toolsUI() fyne.CanvasObject {
	s.search = s.g.entry()
	s.search.SetPlaceHolder(i18n.X("gui.journal.search"))
	s.search.OnChanged = func(string) { s.g.touch(); s.scheduleRefresh() }
	s.search.OnSubmitted = func(string) {
		// Enter: the results, to go through with the arrows and open
		// with Space.
		s.refresh()
		if len(s.items) > 0 {
			s.g.win.Canvas().Focus(s.list)
		}
	}
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	periodOptions := make([]string, len(periods))
	for i, d := range periods {
		periodOptions[i] = s.periodLabel(d)
	}
	s.period = widget.NewSelect(periodOptions, func(string) { s.refresh() })
	s.period.SetSelectedIndex(0)
	s.kind = codeSelect("kind", i18n.X("gui.journal.all_kinds"), s.refresh)
	s.channel = codeSelect("channel", i18n.X("gui.journal.all_channels"), s.refresh)
	s.perpetrator = codeSelect("perpetrator", i18n.X("gui.journal.all_perpetrators"), s.refresh)
	s.archive = s.archiveSelect()
	s.archiveBox = container.New(&fixedWidth{w: 190}, s.archive)
	s.archiveBox.Hide()
	s.clearBtn = &widget.Button{Text: i18n.X("gui.journal.clear"), Icon: theme.ContentClearIcon(),
		Importance: widget.LowImportance, OnTapped: s.clearFilters}
	s.sortBy = widget.NewSelect([]string{i18n.X("gui.journal.sort.facts"), i18n.X("gui.journal.sort.recorded"),
		i18n.X("gui.journal.sort.kind")}, func(string) { s.g.touch(); s.refresh() })
	s.sortBy.SetSelectedIndex(sortFacts)
	s.tools = container.NewVBox(container.NewBorder(nil, nil, nil,
		container.NewHBox(s.clearBtn, s.archiveBox, container.New(&fixedWidth{w: 240}, s.sortBy)), s.search),
		container.NewGridWithColumns(4, s.period, s.kind, s.channel, s.perpetrator))
	return s.tools
}

// listUI is the list of incidents, virtualised.
func (s *journalScreen) listUI() fyne.CanvasObject {
	s.list = &journalList{s: s}
	s.list.List = widget.List{
		Length:     func() int { return len(s.items) },
		CreateItem: newIncidentRow,
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.items) {
				o.(*incidentRow).set(s.items[id])
			}
		},
		OnSelected: s.selectRow,
		OnHighlighted: func(id widget.ListItemID) {
			if s.wide {
				s.list.Select(id) // the arrows move the selection, and the detail follows
			}
		},
	}
	s.list.ExtendBaseWidget(s.list)
	return s.list
}

// filter returns what the search box and filters select.
func (s *journalScreen) filter() app.Filter {
	f := app.Filter{
		Query:       s.search.Text,
		Kind:        selectedCode("kind", s.kind),
		Channel:     selectedCode("channel", s.channel),
		Perpetrator: selectedCode("perpetrator", s.perpetrator),
		Archive:     s.archiveScope(),
	}
	if i := s.period.SelectedIndex(); i > 0 {
		f.Since = app.DateOf(s.g.now().AddDate(0, 0, -periods[i]))
	}
	return f
}

func (s *journalScreen) filtered() bool {
	f := s.filter()
	return strings.TrimSpace(f.Query) != "" || f.Kind != "" || f.Channel != "" || f.Perpetrator != "" || !f.Since.IsZero() ||
		f.Archive != app.WithoutArchived
}

// scheduleRefresh searches once typing pauses.
func (s *journalScreen) scheduleRefresh() {
	if s.stopSearch != nil {
		s.stopSearch()
	}
	s.stopSearch = s.g.later(searchDelay, s.refresh)
}

// refresh lists the incidents again (the search takes milliseconds).
func (s *journalScreen) refresh() {
	if s.body == nil || s.g.journal == nil || s.m.current != s {
		return
	}
	hadItems := len(s.items) > 0
	s.items = s.list0()
	s.list.Refresh()
	if hadItems != (len(s.items) > 0) {
		s.center.Refresh() // the detail shows only beside a list
	}
	s.keepSelection()
	archived := s.g.journal.Incidents.CountArchived()
	s.showArchiveFilter(archived)
	total := s.g.journal.Incidents.Count() + s.newDrafts
	n := len(s.items)
	switch {
	case s.filtered() && s.archiveScope() == app.WithoutArchived:
		s.count.SetText(i18n.X("gui.journal.count_filtered", map[string]any{"N": n, "Total": total - archived}))
	case s.filtered():
		s.count.SetText(i18n.X("gui.journal.count_filtered", map[string]any{"N": n, "Total": total}))
	default:
		s.count.SetText(i18n.N("gui.journal.count", n))
	}
	s.clearBtn.Hidden = !s.filtered()
	s.clearBtn.Refresh()
	s.showEmpty(total, n, archived)
	s.reminder.refresh()
	if due := s.m.refreshBadge(); due > 0 {
		s.dueBtn.SetText(i18n.N("gui.journal.due", due))
		s.dueBtn.Show()
	} else {
		s.dueBtn.Hide()
	}
	s.dueBox.Refresh()
}

// say shows what was just done above the list, until the journal is
// left.
func (s *journalScreen) say(text string) {
	s.undo.Hide()
	s.notice.SetText(text)
	s.notice.Show()
	s.noticeRow.Show()
	s.body.Refresh()
}

// showEmpty explains an empty list: nothing written yet, everything
// archived, or nothing found.
func (s *journalScreen) showEmpty(total, n, archived int) {
	box := s.empty.Objects[0].(*fyne.Container)
	if empty := total == 0; empty != s.tools.Hidden {
		s.tools.Hidden, s.count.Hidden = empty, empty
		s.body.Refresh() // the header's height changed
	}
	switch {
	case n > 0:
		s.empty.Hide()
		s.list.Show()
		return
	case total == 0:
		first := &widget.Button{Text: i18n.X("gui.journal.first"), Icon: theme.ContentAddIcon(),
			Importance: widget.HighImportance, OnTapped: s.m.newIncident}
		title := subheading(i18n.X("gui.journal.empty"))
		title.Alignment = fyne.TextAlignCenter
		text := wrapped(i18n.X("gui.journal.empty_help"))
		text.Alignment = fyne.TextAlignCenter
		box.Objects = []fyne.CanvasObject{widget.NewIcon(theme.DocumentCreateIcon()), title, card(460, text), container.NewCenter(first)}
	case !s.filtered() && archived > 0:
		title := subheading(i18n.X("gui.journal.all_archived"))
		title.Alignment = fyne.TextAlignCenter
		see := &widget.Button{Text: i18n.X("gui.journal.see_archived"), OnTapped: func() { s.archive.SetSelectedIndex(1) }}
		box.Objects = []fyne.CanvasObject{widget.NewIcon(theme.FolderIcon()), title, container.NewCenter(see)}
	default:
		title := subheading(i18n.X("gui.journal.none_found"))
		title.Alignment = fyne.TextAlignCenter
		clear := &widget.Button{Text: i18n.X("gui.journal.clear_search"), OnTapped: s.clearFilters}
		box.Objects = []fyne.CanvasObject{widget.NewIcon(theme.SearchIcon()), title, container.NewCenter(clear)}
		if see := s.archivedMatches(archived); see != nil {
			box.Objects = append(box.Objects, container.NewCenter(see))
		}
	}
	box.Refresh()
	s.list.Hide()
	s.empty.Show()
}

func (s *journalScreen) clearFilters() {
	s.search.SetText("")
	s.period.SetSelectedIndex(0)
	s.kind.SetSelectedIndex(0)
	s.channel.SetSelectedIndex(0)
	s.perpetrator.SetSelectedIndex(0)
	s.archive.SetSelectedIndex(0)
	s.refresh()
}

// incidentRow is one incident in the list: the day and time on the left;
// the kinds, the channel and who, and the first line of the facts; the
// number of evidence items. Cheap: a few labels, reused as the list
// scrolls.
type incidentRow struct {
	widget.BaseWidget
	mark       *widget.Label // "Brouillon", "À compléter"
	day, hour  *widget.Label
	kinds, who *widget.Label
	facts      *widget.Label
	evidence   *widget.Label
	clip       *widget.Icon
}

func newIncidentRow() fyne.CanvasObject {
	r := &incidentRow{
		day: widget.NewLabel(""), hour: widget.NewLabel(""),
		kinds: widget.NewLabel(""), who: widget.NewLabel(""), facts: widget.NewLabel(""),
		evidence: widget.NewLabel(""), clip: widget.NewIcon(theme.FileIcon()), mark: widget.NewLabel(""),
	}
	r.mark.SizeName = theme.SizeNameCaptionText
	r.mark.TextStyle.Bold = true
	r.mark.Importance = widget.WarningImportance
	r.day.TextStyle.Bold = true
	r.hour.SizeName = theme.SizeNameCaptionText
	r.kinds.TextStyle.Bold = true
	r.kinds.Truncation = fyne.TextTruncateEllipsis
	r.who.Truncation = fyne.TextTruncateEllipsis
	r.who.SizeName = theme.SizeNameCaptionText
	r.who.Importance = widget.MediumImportance
	r.facts.Truncation = fyne.TextTruncateEllipsis
	r.evidence.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *incidentRow) set(it journalItem) {
	in := it.in
	if mark := rowMark(it); mark != "" {
		r.mark.SetText(mark)
		r.mark.Show()
	} else {
		r.mark.Hide()
	}
	if in.OccurredAt.IsZero() {
		r.day.SetText(i18n.X("gui.journal.no_date"))
		r.hour.SetText("")
	} else {
		r.setWhen(in)
	}
	r.setWhat(in)
}

// setWhen shows the day and the time.
func (r *incidentRow) setWhen(in *app.Incident) {
	r.day.SetText(i18n.Date(in.OccurredAt.Local()))
	if in.TimeUnknown {
		r.hour.SetText("")
	} else {
		r.hour.SetText(clock(in.OccurredAt.Local()))
	}
}

// setWhat shows the kinds, the channel and who, the facts, the evidence.
func (r *incidentRow) setWhat(in *app.Incident) {
	kinds := i18n.Codes("kind", in.Kinds)
	if kinds == "" {
		kinds = i18n.X("gui.journal.no_kind")
	}
	r.kinds.SetText(kinds)
	who := i18n.Codes("channel", in.Channels)
	if perp := perpetratorText(in); perp != "" {
		if who != "" {
			who += " · "
		}
		who += perp
	}
	r.who.SetText(who)
	facts := firstLine(in.Description)
	if facts == "" {
		facts = firstLine(in.ExactWords)
	}
	r.facts.SetText(facts)
	if n := len(in.Evidence); n > 0 {
		r.evidence.SetText(i18n.N("gui.journal.evidence", n))
		r.clip.Show()
		r.evidence.Show()
	} else {
		r.clip.Hide()
		r.evidence.Hide()
	}
}

func (r *incidentRow) CreateRenderer() fyne.WidgetRenderer {
	when := container.New(&fixedWidth{w: 170}, container.New(&tightVBox{}, r.day, r.hour))
	right := container.NewHBox(r.mark, r.clip, r.evidence)
	middle := container.New(&tightVBox{}, r.kinds, r.who, r.facts)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, when, container.NewVBox(layout.NewSpacer(), right, layout.NewSpacer()), middle))
}

// clock formats the time of day: "14 h 05", "14:05".
func clock(t time.Time) string { return i18n.Language().Clock(t) }
