package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// wideJournal is the journal's width (the window without the sidebar)
// from which the list and the selected incident show side by side: a
// window of about 1200 pixels. Narrower, a row opens the editor.
const wideJournal = 980

// listShare is the part of a wide journal the list takes.
const listShare = 0.46

// journalDetail is the right side of a wide journal: the selected
// incident, read-only, with "Modifier".
type journalDetail struct {
	s      *journalScreen
	title  *widget.Label
	mark   *widget.Label
	text   *widget.RichText
	edit   *widget.Button
	scroll *container.Scroll
	item   *journalItem // what is shown; nil: nothing selected
}

func (d *journalDetail) buildUI() *container.Scroll {
	d.title = subheading("")
	d.title.Wrapping = fyne.TextWrapWord
	d.mark = bold("")
	d.mark.Importance = widget.WarningImportance
	d.text = widget.NewRichText()
	d.text.Wrapping = fyne.TextWrapWord
	d.edit = &widget.Button{Text: i18n.X("gui.journal.detail.edit"), Icon: theme.DocumentCreateIcon(),
		Importance: widget.HighImportance, OnTapped: func() {
			if d.item != nil {
				d.s.g.touch()
				d.s.open(*d.item)
			}
		}}
	head := container.NewBorder(nil, nil, nil, container.NewVBox(d.edit), container.NewVBox(d.title, d.mark))
	d.scroll = container.NewVScroll(container.NewVBox(head, widget.NewSeparator(), d.text))
	d.show(nil)
	return d.scroll
}

// show shows an incident or a draft (nil: an invitation to choose one).
func (d *journalDetail) show(it *journalItem) {
	d.item = it
	if it == nil {
		d.title.SetText(i18n.X("gui.journal.detail.none"))
		d.mark.Hide()
		d.edit.Hide()
		d.text.ParseMarkdown(mdEscape(i18n.X("gui.journal.detail.help")))
		d.scroll.ScrollToTop()
		return
	}
	in := it.in
	switch {
	case in.OccurredAt.IsZero():
		d.title.SetText(i18n.X("gui.journal.no_date"))
	case in.TimeUnknown:
		d.title.SetText(i18n.Date(in.OccurredAt.Local()))
	default:
		d.title.SetText(i18n.DateTime(in.OccurredAt.Local()))
	}
	d.edit.SetText(i18n.X("gui.journal.detail.edit"))
	switch mark := rowMark(*it); {
	case it.draft != nil:
		d.edit.SetText(i18n.X("gui.journal.detail.resume"))
		d.mark.SetText(mark)
		d.mark.Show()
	case mark != "":
		d.mark.SetText(mark)
		d.mark.Show()
	default:
		d.mark.Hide()
	}
	d.edit.Show()
	d.text.ParseMarkdown(incidentMarkdown(in, true))
	d.scroll.ScrollToTop()
}

// incidentMarkdown writes what an incident says, field by field, for a
// read-only view; full adds the place, the witnesses, the steps taken and
// the evidence.
func incidentMarkdown(in *app.Incident, full bool) string {
	var b strings.Builder
	row := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			fmt.Fprintf(&b, "**%s**\n\n%s\n\n", label, mdEscape(value))
		}
	}
	if !full {
		row(i18n.X("field.occurred_at"), i18n.DateTime(in.OccurredAt.Local()))
	}
	row(i18n.X("field.kinds"), i18n.Codes("kind", in.Kinds))
	row(i18n.X("field.channels"), i18n.Codes("channel", in.Channels))
	if full {
		row(i18n.X("field.setting"), i18n.Code("setting", in.Setting))
		row(i18n.X("field.place"), in.Place)
	}
	row(i18n.X("field.description"), in.Description)
	row(i18n.X("field.exact_words"), in.ExactWords)
	row(i18n.X("field.perpetrator"), perpetratorText(in))
	if full {
		var ws []string
		for _, w := range in.Witnesses {
			ws = append(ws, strings.Join(nonEmpty(w.Role, w.Pseudonym), " "))
		}
		row(i18n.X("field.witnesses"), strings.Join(ws, ", "))
	}
	row(i18n.X("field.consequences"), in.Consequences)
	row(i18n.X("field.work_impact"), in.WorkImpact)
	if full {
		var steps []string
		for _, a := range in.Actions {
			step := i18n.Code("action", a.Kind)
			if !a.Date.IsZero() {
				step += " — " + i18n.Date(a.Date.In(time.Local))
			}
			steps = append(steps, step)
		}
		row(i18n.X("field.actions"), strings.Join(steps, "\n"))
		var names []string
		for _, ev := range in.Evidence {
			names = append(names, ev.Name)
		}
		row(i18n.X("field.evidence"), strings.Join(names, "\n"))
	}
	return b.String()
}

// nonEmpty returns the values that are not empty.
func nonEmpty(values ...string) []string {
	var out []string
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			out = append(out, v)
		}
	}
	return out
}

// listDetailLayout lays out the journal's list alone when narrow, and the
// list beside the detail when wide (wideJournal).
type listDetailLayout struct{ s *journalScreen }

func (l *listDetailLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	list, detail := objs[0], objs[1]
	wide := size.Width >= wideJournal && len(l.s.items) > 0 // an empty journal explains itself across
	l.s.setWide(wide)
	list.Move(fyne.NewPos(0, 0))
	if !wide {
		list.Resize(size)
		return
	}
	w := float32(int(size.Width * listShare))
	list.Resize(fyne.NewSize(w, size.Height))
	pad := theme.Padding() * 2
	detail.Move(fyne.NewPos(w+pad, 0))
	detail.Resize(fyne.NewSize(size.Width-w-pad, size.Height))
}

func (l *listDetailLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return objs[0].MinSize()
}

// setWide switches between the two layouts: narrow, no row stays
// selected (a click opens the editor).
func (s *journalScreen) setWide(wide bool) {
	if wide == s.wide {
		return
	}
	s.wide = wide
	if wide {
		s.detailBox.Show()
	} else {
		s.detailBox.Hide()
		s.list.UnselectAll()
		s.detail.show(nil)
	}
}

// selectRow is what choosing a row does: show it beside the list when
// wide, open it when narrow.
func (s *journalScreen) selectRow(id widget.ListItemID) {
	s.g.touch()
	if id >= len(s.items) {
		return
	}
	if !s.wide {
		s.list.UnselectAll()
		s.open(s.items[id])
		return
	}
	it := s.items[id]
	s.detail.show(&it)
	s.list.Highlight(id) // the arrows go on from here
}

// journalList is the journal's list: in a wide window, Enter opens the
// incident shown beside it (Space and the arrows are the list's own).
type journalList struct {
	widget.List
	s *journalScreen
}

func (l *journalList) TypedKey(k *fyne.KeyEvent) {
	if (k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter) && l.s.wide && l.s.detail.item != nil {
		l.s.g.touch()
		l.s.open(*l.s.detail.item)
		return
	}
	l.List.TypedKey(k)
}

// keepSelection shows again, after the list changed, the row that was
// selected, or nothing when it is gone.
func (s *journalScreen) keepSelection() {
	if !s.wide || s.detail.item == nil {
		return
	}
	key := itemKey(*s.detail.item)
	for i, it := range s.items {
		if itemKey(it) == key {
			s.list.Select(i)
			s.detail.show(&s.items[i])
			return
		}
	}
	s.list.UnselectAll()
	s.detail.show(nil)
}

// itemKey names a row: its incident, or its draft.
func itemKey(it journalItem) string {
	if it.draft != nil {
		return "draft:" + it.draft.Key
	}
	return it.in.ID
}
