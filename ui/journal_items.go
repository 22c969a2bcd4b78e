package ui

import (
	"slices"
	"strings"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// journalItem is one row of the journal: an incident, or a draft (of a
// new incident, or changes to a saved one not saved yet).
type journalItem struct {
	in    *app.Incident
	draft *app.Draft
}

// list0 is what the journal shows: the drafts of new incidents first
// (unless a search or a filter is on), then the incidents found, each
// marked when changes to it wait in a draft.
func (s *journalScreen) list0() []journalItem {
	found := s.g.journal.Incidents.List(s.filter())
	sortIncidents(found, s.sortBy.SelectedIndex())
	drafts, _ := s.g.journal.Drafts.List()
	slices.SortFunc(drafts, func(a, b app.Draft) int { return b.SavedAt.Compare(a.SavedAt) })
	byKey := make(map[string]*app.Draft, len(drafts))
	var items []journalItem
	s.newDrafts = 0
	for i := range drafts {
		d := &drafts[i]
		if _, err := s.g.journal.Incidents.Get(d.Key); err == nil {
			byKey[d.Key] = d
			continue
		}
		s.newDrafts++
		if !s.filtered() {
			items = append(items, journalItem{in: d.Incident, draft: d})
		}
	}
	for _, in := range found {
		items = append(items, journalItem{in: in, draft: byKey[in.ID]})
	}
	return items
}

// open opens a row: its draft, or the incident.
func (s *journalScreen) open(it journalItem) {
	if it.draft != nil {
		s.m.openDraft(*it.draft)
		return
	}
	s.m.openIncident(it.in.ID)
}

// rowMark is the word that marks a row: "Brouillon", "Archivé", "À
// compléter", or nothing.
func rowMark(it journalItem) string {
	switch {
	case it.draft != nil:
		return i18n.X("gui.journal.draft")
	case it.in.Archived:
		return i18n.X("gui.journal.archived_mark")
	case toComplete(it.in):
		return i18n.X("gui.journal.to_complete")
	}
	return ""
}

// toComplete reports whether an incident written in one breath still
// lacks what the documents need: its kinds and who did it.
func toComplete(in *app.Incident) bool {
	return len(in.Kinds) == 0 || in.Perpetrator == ""
}

// perpetratorText names who did it: "Parent, représentant légal « Parent
// P1 »".
func perpetratorText(in *app.Incident) string {
	perp := i18n.Code("perpetrator", in.Perpetrator)
	if in.PerpetratorRef != "" {
		perp = strings.TrimSpace(perp + " " + i18n.Language().Quote(in.PerpetratorRef))
	}
	return perp
}

// The orders of the journal.
const (
	sortFacts    = iota // the date of the facts, newest first
	sortRecorded        // the day they were written down, newest first
	sortKind            // by kind, then newest first
)

// sortIncidents puts incidents in the order chosen.
func sortIncidents(ins []*app.Incident, by int) {
	newest := func(a, b *app.Incident) int { return b.OccurredAt.Compare(a.OccurredAt) }
	switch by {
	case sortRecorded:
		slices.SortStableFunc(ins, func(a, b *app.Incident) int { return b.CreatedAt.Compare(a.CreatedAt) })
	case sortKind:
		slices.SortStableFunc(ins, func(a, b *app.Incident) int {
			ka, kb := i18n.Codes("kind", a.Kinds), i18n.Codes("kind", b.Kinds)
			switch {
			case ka == kb:
				return newest(a, b)
			case ka == "":
				return 1 // no kind yet: last
			case kb == "":
				return -1
			}
			return strings.Compare(app.Fold(ka), app.Fold(kb))
		})
	default:
		slices.SortStableFunc(ins, newest)
	}
}
