package ui

import (
	"cmp"
	"context"
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
)

// Browsing a case inside Témoin: a colleague's incidents as the bundle
// gives them (already pseudonymised unless they chose otherwise), each
// with its evidence files. A file opens through the viewer folder only
// when its type is a document or a medium (bundle.Viewable); any other is
// offered for saving, never run.

// browseCase shows a case's incidents and their evidence.
func (s *representativeScreen) browseCase(c bundle.CaseInfo) {
	s.g.touch()
	if c.Summary == nil || c.Summary.Incidents == nil {
		return
	}
	inc := c.Summary.Incidents
	changes := bundle.ChangesSince(s.cases, c)
	var items []fyne.CanvasObject
	if ch := s.changes(c); ch != "" {
		items = append(items, wrapped(ch))
	}
	// What is new or changed since the previous bundle comes first.
	ordered := slices.Clone(inc.Incidents)
	slices.SortStableFunc(ordered, func(a, b *app.Incident) int {
		return cmp.Compare(rankOf(changes, b.ID), rankOf(changes, a.ID))
	})
	for _, in := range ordered {
		items = append(items, s.caseIncident(c.ID, in, inc.Files, changes))
	}
	if len(items) == 0 {
		items = append(items, wrapped(i18n.X("gui.share.rep.browse_empty")))
	}
	list := container.NewVScroll(container.NewVBox(items...))
	list.SetMinSize(fyne.NewSize(0, 360))
	d := dialog.NewCustom(i18n.X("gui.share.rep.browse_title"), i18n.X("gui.share.close"), card(640, list), s.g.win)
	s.browsing = items
	s.g.showDialog(d)
	d.Resize(fyne.NewSize(700, 520))
}

// caseIncident is one incident of a case, read-only.
// It is marked new, or changed, since the colleague's previous bundle.
func (s *representativeScreen) caseIncident(caseID string, in *app.Incident, files map[string]string, changes bundle.Changes) fyne.CanvasObject {
	when := i18n.Date(in.OccurredAt)
	if !in.TimeUnknown {
		when = i18n.DateTime(in.OccurredAt)
	}
	title := bold(when + " · " + i18n.Codes("kind", in.Kinds))
	title.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{title}
	switch {
	case changes.New[in.ID]:
		objs = append(objs, badge(i18n.X("gui.share.rep.incident_new")))
	case changes.Amended[in.ID]:
		objs = append(objs, badge(i18n.X("gui.share.rep.incident_amended")))
	}
	if ch := i18n.Codes("channel", in.Channels); ch != "" {
		objs = append(objs, caption(ch))
	}
	if d := strings.TrimSpace(in.Description); d != "" {
		objs = append(objs, wrapped(d))
	}
	if w := strings.TrimSpace(in.ExactWords); w != "" {
		l := wrapped(w)
		l.TextStyle.Italic = true
		objs = append(objs, l)
	}
	for _, ev := range in.Evidence {
		objs = append(objs, s.caseEvidence(caseID, ev, files[ev.ID]))
	}
	return widget.NewCard("", "", container.NewVBox(objs...))
}

// caseEvidence is one piece of evidence: a link, a file to open in the
// viewer (or to save when it is not a document or a medium), or a file
// the colleague left out of the bundle.
func (s *representativeScreen) caseEvidence(caseID string, ev app.Evidence, path string) fyne.CanvasObject {
	name := ev.Name
	if name == "" {
		name = ev.URL
	}
	label := caption("• " + name)
	switch {
	case path == "" && ev.URL != "":
		return label
	case path == "":
		return container.NewBorder(nil, nil, nil, caption(i18n.X("gui.share.rep.evidence_left_out")), label)
	}
	j := s.g.journal
	fill := func(w io.Writer) error { return bundle.CaseFile(context.Background(), j.Cases, caseID, path, w) }
	open := &widget.Button{Text: i18n.X("gui.share.rep.evidence_open"), Icon: theme.VisibilityIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.g.openInViewer(path, fill) }}
	return container.NewBorder(nil, nil, nil, open, label)
}

// badge is a short word that marks an item (new, changed).
func badge(text string) *widget.Label {
	l := caption(text)
	l.TextStyle.Bold = true
	l.Importance = widget.HighImportance
	return l
}

// rankOf puts an incident new since the previous bundle first, then one
// changed, then the others.
func rankOf(c bundle.Changes, id string) int {
	switch {
	case c.New[id]:
		return 2
	case c.Amended[id]:
		return 1
	}
	return 0
}
