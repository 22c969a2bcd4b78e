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
// deadline that does not apply can be dismissed.
type deadlinesScreen struct {
	g *gui
	m *mainScreen

	list *fyne.Container
	// cards holds one card per deadline shown, for tests.
	cards []*widget.Card
}

func (s *deadlinesScreen) buildUI() fyne.CanvasObject {
	s.list = container.NewVBox()
	s.refresh()
	notice := widget.NewCard("", "", container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil,
		wrapped(i18n.X("deadline.to_check"))))
	top := container.NewVBox(heading(i18n.X("gui.deadlines.title")),
		caption(i18n.X("gui.deadlines.help")),
		notice)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(column(860, s.list))))
}

func (s *deadlinesScreen) refresh() {
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
