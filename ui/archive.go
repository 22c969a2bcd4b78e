package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
)

// Archiving from the screens: the editor's "Archiver" sets a saved
// incident aside (a revision like any other, app.IncidentService.Archive),
// the journal says so with "Annuler"; the journal's "Archivés" view lists
// them, and the editor of an archived incident brings it back.

// The views of the journal's archive drop-down, in its order.
var archiveScopes = []app.ArchiveScope{app.WithoutArchived, app.OnlyArchived, app.WithArchived}

// archiveSelect is the drop-down of the journal's view of the archive.
func (s *journalScreen) archiveSelect() *widget.Select {
	sel := widget.NewSelect([]string{i18n.X("gui.journal.archive.without"), i18n.X("gui.journal.archive.only"),
		i18n.X("gui.journal.archive.with")}, func(string) { s.g.touch(); s.refresh() })
	sel.SetSelectedIndex(0)
	return sel
}

// archiveScope is the view chosen in the archive drop-down.
func (s *journalScreen) archiveScope() app.ArchiveScope {
	if i := s.archive.SelectedIndex(); i > 0 {
		return archiveScopes[i]
	}
	return app.WithoutArchived
}

// showArchiveFilter shows the archive drop-down, beside the order, while
// there is an archive to see (or it is in use).
func (s *journalScreen) showArchiveFilter(archived int) {
	show := archived > 0 || s.archive.SelectedIndex() > 0
	if show == s.archiveBox.Visible() {
		return
	}
	s.archiveBox.Hidden = !show
	s.tools.Refresh()
}

// archivedMatches offers, when a search of the list finds nothing, the
// archived incidents it would find (nil when none).
func (s *journalScreen) archivedMatches(archived int) fyne.CanvasObject {
	if archived == 0 || s.archiveScope() != app.WithoutArchived {
		return nil
	}
	f := s.filter()
	f.Archive = app.OnlyArchived
	n := len(s.g.journal.Incidents.List(f))
	if n == 0 {
		return nil
	}
	return &widget.Button{Text: i18n.N("gui.journal.archived_matches", n), Icon: theme.FolderIcon(),
		OnTapped: func() { s.g.touch(); s.archive.SetSelectedIndex(1) }}
}

// sayUndo shows what was just done above the list, with a button that
// undoes it.
func (s *journalScreen) sayUndo(text string, undo func()) {
	s.undo.OnTapped = func() {
		s.g.touch()
		s.undo.Hide()
		undo()
	}
	s.undo.Show()
	s.say(text)
	s.undo.Show() // say hides it
}

// updateArchiveButton names what the button does for the incident.
func (e *editorScreen) updateArchiveButton() {
	if e.id == "" || e.base == nil {
		e.archiveBtn.Hide()
		return
	}
	if e.base.Archived {
		e.archiveBtn.SetText(i18n.X("gui.editor.unarchive"))
		e.archiveBtn.SetIcon(theme.ViewRestoreIcon())
	} else {
		e.archiveBtn.SetText(i18n.X("gui.editor.archive"))
		e.archiveBtn.SetIcon(theme.FolderIcon())
	}
	e.archiveBtn.Show()
}

// toggleArchive archives the incident, or brings it back, once what was
// typed is saved, and goes back to the journal, which says so.
func (e *editorScreen) toggleArchive() {
	e.g.touch()
	if e.dirty {
		e.save()
		if e.dirty { // it could not be saved: the person was told why
			return
		}
	}
	archive := !e.base.Archived
	when := i18n.Date(e.base.OccurredAt.Local())
	if err := setArchived(e.g, e.id, archive); err != nil {
		e.g.showError(err)
		return
	}
	id := e.id
	e.m.showJournal()
	if !archive {
		e.m.journal.archive.SetSelectedIndex(0) // back in the list: show the list
		e.m.journal.say(i18n.X("gui.journal.unarchived", map[string]any{"Date": when}))
		return
	}
	e.m.journal.sayUndo(i18n.X("gui.journal.archived", map[string]any{"Date": when}), func() {
		if err := setArchived(e.g, id, false); err != nil {
			e.g.showError(err)
			return
		}
		e.m.journal.refresh()
		e.m.journal.say(i18n.X("gui.journal.unarchived", map[string]any{"Date": when}))
	})
}

// setArchived archives an incident, or brings it back; already so is no
// error.
func setArchived(g *gui, id string, archived bool) error {
	_, err := g.journal.Incidents.Archive(id, archived)
	if errors.Is(err, app.ErrUnchanged) {
		return nil
	}
	return err
}
