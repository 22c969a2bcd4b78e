package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/present"
)

// deadlinesScreen lists what is due soon across the journal, each with
// its rule, its legal reference and the incident it comes from. A
// deadline that does not apply can be dismissed; the dismissed ones are
// shown on demand and can be restored (a two-month appeal dismissed by
// mistake must not be lost).
type deadlinesScreen struct {
	g *gui
	m *mainScreen

	list *fyne.Container
	// cards holds one card per deadline shown, for tests.
	cards []*widget.Card

	showHidden bool
	hiddenBtn  *widget.Button   // "Voir les échéances écartées (N)"
	hiddenBox  *fyne.Container  // the dismissed deadlines, when asked
	restores   []*widget.Button // one per dismissed deadline shown, for tests
}

func (s *deadlinesScreen) buildUI() fyne.CanvasObject {
	s.list = container.NewVBox()
	s.hiddenBox = container.NewVBox()
	s.hiddenBtn = &widget.Button{Icon: theme.VisibilityIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.g.touch(); s.showHidden = !s.showHidden; s.refresh() }}
	s.refresh()
	notice := widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil,
		wrapped(i18n.X("deadline.to_check"))))
	top := container.NewVBox(heading(i18n.X("gui.deadlines.title")),
		caption(i18n.X("gui.deadlines.help")),
		notice)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(860, container.NewVBox(s.list,
			container.NewHBox(s.hiddenBtn), s.hiddenBox)))))
}

func (s *deadlinesScreen) refresh() {
	s.refreshHidden()
	dls, err := s.g.journal.Deadlines.List(s.g.now())
	s.cards = nil
	if err != nil {
		s.list.Objects = []fyne.CanvasObject{wrapped(s.g.say(err))}
		s.list.Refresh()
		return
	}
	if len(dls) == 0 {
		s.list.Objects = []fyne.CanvasObject{container.NewCenter(container.NewVBox(
			widget.NewIcon(theme.ConfirmIcon()),
			subheading(i18n.X("gui.deadlines.none")),
			wrapped(i18n.X("gui.deadlines.none_help")),
		))}
		s.list.Refresh()
		return
	}
	var objs []fyne.CanvasObject
	for _, d := range dls {
		objs = append(objs, s.card(d))
	}
	s.list.Objects = objs
	s.list.Refresh()
	s.m.refreshBadge()
}

// refreshHidden offers the dismissed deadlines, and lists them when
// asked, each with a button that restores it.
func (s *deadlinesScreen) refreshHidden() {
	hidden, err := s.g.journal.Deadlines.ListDismissed(s.g.now())
	s.restores = nil
	s.hiddenBox.Objects = nil
	if err != nil || len(hidden) == 0 {
		s.hiddenBtn.Hide()
		s.hiddenBox.Refresh()
		return
	}
	s.hiddenBtn.Show()
	if s.showHidden {
		s.hiddenBtn.SetText(i18n.N("gui.deadlines.hide_dismissed", len(hidden)))
		days, _ := s.g.journal.Deadlines.Dismissed()
		for _, d := range hidden {
			s.hiddenBox.Add(s.hiddenCard(d, days[d.Key()]))
		}
	} else {
		s.hiddenBtn.SetText(i18n.N("gui.deadlines.show_dismissed", len(hidden)))
	}
	s.hiddenBox.Refresh()
}

// hiddenCard is a dismissed deadline: what it is, when it was dismissed,
// and a button that restores it.
func (s *deadlinesScreen) hiddenCard(d app.Deadline, on app.Date) fyne.CanvasObject {
	title := wrapped(present.Deadline(d))
	when := i18n.X("gui.deadlines.dismissed")
	if !on.IsZero() {
		when = i18n.X("gui.deadlines.dismissed_on", map[string]any{"Date": i18n.Day(on.Year, on.Month, on.Day)})
	}
	restore := &widget.Button{Text: i18n.X("gui.deadlines.restore"), Icon: theme.ContentUndoIcon(),
		OnTapped: func() { s.g.touch(); s.restore(d) }}
	s.restores = append(s.restores, restore)
	return widget.NewCard("", "", container.NewVBox(title, caption(when), container.NewHBox(restore)))
}

func (s *deadlinesScreen) restore(d app.Deadline) {
	if err := s.g.journal.Deadlines.Restore(d.Key()); err != nil {
		s.g.showError(err)
		return
	}
	s.refresh()
	s.m.refreshBadge()
}

func (s *deadlinesScreen) card(d app.Deadline) fyne.CanvasObject {
	title := wrapped(present.Deadline(d))
	title.TextStyle.Bold = true
	switch {
	case d.Passed():
		title.Importance = widget.DangerImportance
	case d.DaysLeft <= 7:
		title.Importance = widget.WarningImportance
	}
	objs := []fyne.CanvasObject{title}
	if help := present.DeadlineHelp(d.Rule); help != "" {
		objs = append(objs, wrapped(help))
	}
	if in, err := s.g.journal.Incidents.Get(d.IncidentID); err == nil {
		what := i18n.Codes("kind", in.Kinds)
		if what == "" {
			what = firstLine(in.Description)
		}
		objs = append(objs, container.New(&tightVBox{},
			caption(i18n.X("gui.deadlines.incident", map[string]any{"Date": i18n.Date(in.OccurredAt.Local()), "What": what})),
			caption(i18n.X("gui.deadlines.reference", map[string]any{"Ref": d.Reference}))))
	} else {
		objs = append(objs, caption(i18n.X("gui.deadlines.reference", map[string]any{"Ref": d.Reference})))
	}
	open := &widget.Button{Text: i18n.X("gui.deadlines.open"), Icon: theme.DocumentIcon(),
		OnTapped: func() { s.g.touch(); s.m.openIncident(d.IncidentID) }}
	dismiss := &widget.Button{Text: i18n.X("gui.deadlines.dismiss"), Icon: theme.VisibilityOffIcon(),
		Importance: widget.LowImportance, OnTapped: func() { s.confirmDismiss(d) }}
	objs = append(objs, container.NewHBox(open, dismiss))
	c := widget.NewCard("", "", container.NewVBox(objs...))
	s.cards = append(s.cards, c)
	return c
}

func (s *deadlinesScreen) confirmDismiss(d app.Deadline) {
	s.g.confirm(i18n.X("gui.deadlines.dismiss_title"), i18n.X("gui.deadlines.dismiss_confirm"), i18n.X("gui.deadlines.dismiss_yes"), i18n.X("gui.cancel"), func() { s.dismiss(d) })
}

func (s *deadlinesScreen) dismiss(d app.Deadline) {
	if err := s.g.journal.Deadlines.Dismiss(d.Key()); err != nil {
		s.g.showError(err)
		return
	}
	s.refresh()
	s.m.refreshBadge()
}
