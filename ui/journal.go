package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/ui/i18n"
	xwidget "github.com/temoin-app/temoin/ui/widget"
)

func itoa(n int) string { return strconv.Itoa(n) }

// searchDelay is how long the search waits for the next keystroke.
const searchDelay = 150 * time.Millisecond

// journalScreen is the list of incidents, newest first, as a timeline:
// a virtualised list (ten thousand incidents scroll smoothly), a search
// box that ignores case and accents, filters and a count.
type journalScreen struct {
	g *gui
	m *mainScreen

	search      *xwidget.Entry
	period      *widget.Select
	kind        *widget.Select
	channel     *widget.Select
	perpetrator *widget.Select
	clearBtn    *widget.Button
	newBtn      *widget.Button
	dueBtn      *widget.Button // deadlines due soon, when there are some
	dueBox      *fyne.Container
	reminder    *backupReminder // the gentle line when no recent backup (ui/backup.go)
	tools       *fyne.Container // search and filters, hidden while the journal is empty
	count       *widget.Label
	list        *widget.List
	empty       *fyne.Container
	body        *fyne.Container

	items []*app.Incident // what the list shows

	stopSearch func() // the search waiting for typing to pause
}

// periods offered by the filter, in days (0: everything).
var periods = []int{0, 30, 90, 365}

func (s *journalScreen) periodLabel(days int) string {
	switch days {
	case 30:
		return lang.X("gui.journal.period.30", "Last 30 days")
	case 90:
		return lang.X("gui.journal.period.90", "Last 3 months")
	case 365:
		return lang.X("gui.journal.period.365", "Last 12 months")
	}
	return lang.X("gui.journal.period.all", "Any date")
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
	s.search = s.g.entry()
	s.search.SetPlaceHolder(lang.X("gui.journal.search", "Search: words, places, pseudonyms… (Ctrl+F)"))
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
	s.kind = codeSelect("kind", lang.X("gui.journal.all_kinds", "All kinds"), s.refresh)
	s.channel = codeSelect("channel", lang.X("gui.journal.all_channels", "All channels"), s.refresh)
	s.perpetrator = codeSelect("perpetrator", lang.X("gui.journal.all_perpetrators", "All perpetrators"), s.refresh)
	s.clearBtn = &widget.Button{Text: lang.X("gui.journal.clear", "Clear"), Icon: theme.ContentClearIcon(),
		Importance: widget.LowImportance, OnTapped: s.clearFilters}

	s.newBtn = &widget.Button{Text: lang.X("gui.journal.new", "New incident"), Icon: theme.ContentAddIcon(),
		Importance: widget.HighImportance, OnTapped: func() { s.g.touch(); s.m.newIncident() }}
	s.count = widget.NewLabel("")

	s.list = &widget.List{
		Length:     func() int { return len(s.items) },
		CreateItem: newIncidentRow,
		UpdateItem: func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.items) {
				o.(*incidentRow).set(s.items[id])
			}
		},
		OnSelected: func(id widget.ListItemID) {
			s.g.touch()
			s.list.UnselectAll()
			if id < len(s.items) {
				s.m.openIncident(s.items[id].ID)
			}
		},
	}
	s.list.ExtendBaseWidget(s.list)
	s.empty = container.NewCenter(container.NewVBox())

	s.dueBtn = &widget.Button{Icon: theme.WarningIcon(), Importance: widget.WarningImportance,
		OnTapped: func() { s.g.touch(); s.m.showDeadlines() }}
	s.dueBtn.Hide()
	s.dueBox = container.NewHBox(container.NewCenter(s.dueBtn))
	header := container.NewBorder(nil, nil, heading(lang.X("gui.journal.title", "Journal")),
		container.NewHBox(container.NewCenter(s.count), container.NewCenter(s.newBtn)), s.dueBox)
	s.tools = container.NewVBox(container.NewBorder(nil, nil, nil, s.clearBtn, s.search),
		container.NewGridWithColumns(4, s.period, s.kind, s.channel, s.perpetrator))
	s.reminder = newBackupReminder(s.g)
	top := container.NewVBox(header, s.reminder.box, s.tools)
	s.body = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(s.list, s.empty))
	s.reminder.relayout = s.body.Refresh
	return s.body
}

// filter returns what the search box and filters select.
func (s *journalScreen) filter() app.Filter {
	f := app.Filter{
		Query:       s.search.Text,
		Kind:        selectedCode("kind", s.kind),
		Channel:     selectedCode("channel", s.channel),
		Perpetrator: selectedCode("perpetrator", s.perpetrator),
	}
	if i := s.period.SelectedIndex(); i > 0 {
		f.Since = app.DateOf(s.g.now().AddDate(0, 0, -periods[i]))
	}
	return f
}

func (s *journalScreen) filtered() bool {
	f := s.filter()
	return strings.TrimSpace(f.Query) != "" || f.Kind != "" || f.Channel != "" || f.Perpetrator != "" || !f.Since.IsZero()
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
	s.items = s.g.journal.Incidents.List(s.filter())
	s.list.Refresh()
	total := s.g.journal.Incidents.Count()
	n := len(s.items)
	if s.filtered() {
		s.count.SetText(lang.X("gui.journal.count_filtered", "{{.N}} of {{.Total}}", map[string]any{"N": n, "Total": total}))
		s.clearBtn.Show()
	} else {
		s.count.SetText(lang.XN("gui.journal.count", "{{.N}} incidents", n, map[string]any{"N": n}))
		s.clearBtn.Hide()
	}
	s.showEmpty(total, n)
	s.reminder.refresh()
	if due := s.m.refreshBadge(); due > 0 {
		s.dueBtn.SetText(lang.XN("gui.journal.due", "{{.N}} deadlines near or passed", due, map[string]any{"N": due}))
		s.dueBtn.Show()
	} else {
		s.dueBtn.Hide()
	}
	s.dueBox.Refresh()
}

// showEmpty explains an empty list: nothing written yet, or nothing found.
func (s *journalScreen) showEmpty(total, n int) {
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
		first := &widget.Button{Text: lang.X("gui.journal.first", "Write down a first incident"), Icon: theme.ContentAddIcon(),
			Importance: widget.HighImportance, OnTapped: s.m.newIncident}
		title := subheading(lang.X("gui.journal.empty", "No incident yet"))
		title.Alignment = fyne.TextAlignCenter
		text := wrapped(lang.X("gui.journal.empty_help", "When something happens, write it down here, even in a few words: the date, what was said or done. You can complete it later, and everything stays encrypted on this computer."))
		text.Alignment = fyne.TextAlignCenter
		box.Objects = []fyne.CanvasObject{widget.NewIcon(theme.DocumentCreateIcon()), title, card(460, text), container.NewCenter(first)}
	default:
		title := subheading(lang.X("gui.journal.none_found", "No incident matches"))
		title.Alignment = fyne.TextAlignCenter
		clear := &widget.Button{Text: lang.X("gui.journal.clear_search", "Clear the search and filters"), OnTapped: s.clearFilters}
		box.Objects = []fyne.CanvasObject{widget.NewIcon(theme.SearchIcon()), title, container.NewCenter(clear)}
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
	s.refresh()
}

// incidentRow is one incident in the list: the day and time on the left;
// the kinds, the channel and who, and the first line of the facts; the
// number of evidence items. Cheap: a few labels, reused as the list
// scrolls.
type incidentRow struct {
	widget.BaseWidget
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
		evidence: widget.NewLabel(""), clip: widget.NewIcon(theme.FileIcon()),
	}
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

func (r *incidentRow) set(in *app.Incident) {
	r.day.SetText(i18n.Date(in.OccurredAt.Local()))
	if in.TimeUnknown {
		r.hour.SetText("")
	} else {
		r.hour.SetText(clock(in.OccurredAt.Local()))
	}
	kinds := i18n.Codes("kind", in.Kinds)
	if kinds == "" {
		kinds = lang.X("gui.journal.no_kind", "Incident")
	}
	r.kinds.SetText(kinds)
	who := i18n.Codes("channel", in.Channels)
	perp := i18n.Code("perpetrator", in.Perpetrator)
	if in.PerpetratorRef != "" {
		perp = strings.TrimSpace(perp + " " + "« " + in.PerpetratorRef + " »")
		if i18n.Language() == "en" {
			perp = strings.TrimSpace(i18n.Code("perpetrator", in.Perpetrator) + " “" + in.PerpetratorRef + "”")
		}
	}
	if perp != "" {
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
		r.evidence.SetText(lang.XN("gui.journal.evidence", "{{.N}} items", n, map[string]any{"N": n}))
		r.clip.Show()
		r.evidence.Show()
	} else {
		r.clip.Hide()
		r.evidence.Hide()
	}
}

func (r *incidentRow) CreateRenderer() fyne.WidgetRenderer {
	when := container.New(&fixedWidth{w: 170}, container.New(&tightVBox{}, r.day, r.hour))
	right := container.NewHBox(r.clip, r.evidence)
	middle := container.New(&tightVBox{}, r.kinds, r.who, r.facts)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, when, container.NewVBox(layout.NewSpacer(), right, layout.NewSpacer()), middle))
}

// tightVBox stacks labels closer than a VBox does: their own padding is
// enough space between lines.
type tightVBox struct{}

const tightOverlap = 12

func (l *tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= tightOverlap
		}
	}
	return s
}

func (l *tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - tightOverlap
	}
}

// clock formats the time of day: "14 h 05", "14:05".
func clock(t time.Time) string {
	if i18n.Language() == "en" {
		return t.Format("15:04")
	}
	return strconv.Itoa(t.Hour()) + " h " + t.Format("04")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
