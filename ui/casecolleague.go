package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// A colleague as the representative knows them: the name they chose (for
// all the colleague's bundles, past and to come) and their private notes,
// dated, that can be changed. Both are records of the representative's
// journal; neither goes into the synthesis.

// colleaguePanel is the dialog of one colleague; its widgets are kept
// for tests.
type colleaguePanel struct {
	vaultID  string
	box      *fyne.Container
	name     *widget.Entry
	saveName *widget.Button
	newNote  *noteEntry
	addNote  *widget.Button
	edit     map[int]*widget.Button // note number → its "Modifier"
	editing  *noteEntry             // the note being changed, if any
	saveEdit *widget.Button
}

// colleagueDialog shows the name and the notes of the colleague whose
// journal is vaultID.
func (s *representativeScreen) colleagueDialog(vaultID string) {
	s.g.touch()
	p := &colleaguePanel{vaultID: vaultID, box: container.NewVBox()}
	s.colleague = p
	if !s.fillColleague(p, 0) {
		return
	}
	// The whole panel scrolls (the wheel works over the fields too): in a
	// small window the notes never run under the dialog's button.
	content, _ := control.WheelScroll(p.box)
	d := dialog.NewCustom(i18n.X("gui.share.rep.colleague_title"), i18n.X("gui.share.close"), card(600, content), s.g.win)
	s.g.showDialog(d)
	win := s.g.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(660, win.Width-24), min(560, win.Height-24)))
	s.g.win.Canvas().Focus(p.newNote)
}

// fillColleague (re)builds the panel from the vault, with note number
// editing open for changes (0: none). It says an error and returns false
// when the colleague cannot be read.
func (s *representativeScreen) fillColleague(p *colleaguePanel, editing int) bool {
	c, err := s.g.journal.Cases.Colleague(p.vaultID)
	if err != nil {
		s.g.showError(err)
		return false
	}
	typedName, typedNote := c.Name, ""
	if p.name != nil { // built again: keep what is being typed
		typedName, typedNote = p.name.Text, p.newNote.Text
	}
	p.name = widget.NewEntry()
	p.name.SetPlaceHolder(i18n.X("gui.share.rep.trust_name_hint"))
	p.name.SetText(typedName)
	p.saveName = &widget.Button{Text: i18n.X("gui.share.rep.colleague_save_name"), Icon: theme.DocumentSaveIcon(),
		OnTapped: func() { s.nameColleague(p) }}
	p.name.OnSubmitted = func(string) { s.nameColleague(p) }

	p.newNote = newNoteEntry(typedNote, func() { s.addColleagueNote(p) }, s.g.escape)
	p.newNote.SetPlaceHolder(i18n.X("gui.share.rep.note_hint"))
	p.addNote = &widget.Button{Text: i18n.X("gui.share.rep.note_add"), Icon: theme.ContentAddIcon(), Importance: widget.HighImportance,
		OnTapped: func() { s.addColleagueNote(p) }}

	notes := container.NewVBox()
	p.edit, p.editing, p.saveEdit = map[int]*widget.Button{}, nil, nil
	for i := len(c.Notes) - 1; i >= 0; i-- { // newest first
		notes.Add(s.colleagueNote(p, c.Notes[i], c.Notes[i].N == editing))
	}
	if len(c.Notes) == 0 {
		notes.Add(caption(i18n.X("gui.share.rep.notes_none")))
	}

	p.box.Objects = []fyne.CanvasObject{
		caption(i18n.X("gui.share.rep.colleague_private")),
		labelled(i18n.X("gui.share.rep.colleague_name"), container.NewBorder(nil, nil, nil, p.saveName, p.name)),
		labelled(i18n.X("gui.share.rep.note_new"), p.newNote),
		container.NewHBox(layout.NewSpacer(), p.addNote),
		subheading(i18n.X("gui.share.rep.notes_title")),
		notes,
	}
	p.box.Refresh()
	return true
}

// colleagueNote is one note: its dates and text, with "Modifier"; or,
// being changed, a field with "Enregistrer" and "Annuler".
func (s *representativeScreen) colleagueNote(p *colleaguePanel, n app.ColleagueNote, editing bool) fyne.CanvasObject {
	when := present.NoteWhen(n)
	if editing {
		p.editing = newNoteEntry(n.Text, func() { s.editColleagueNote(p, n.N) }, s.g.escape)
		p.saveEdit = &widget.Button{Text: i18n.X("gui.share.rep.note_save"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance,
			OnTapped: func() { s.editColleagueNote(p, n.N) }}
		cancel := &widget.Button{Text: i18n.X("gui.cancel"), OnTapped: func() { s.fillColleague(p, 0) }}
		return widget.NewCard("", "", container.NewVBox(caption(when), p.editing, container.NewHBox(layout.NewSpacer(), cancel, p.saveEdit)))
	}
	edit := &widget.Button{Text: i18n.X("gui.share.rep.note_edit"), Icon: theme.DocumentCreateIcon(), Importance: widget.LowImportance,
		OnTapped: func() {
			s.fillColleague(p, n.N)
			if p.editing != nil {
				s.g.win.Canvas().Focus(p.editing)
			}
		}}
	p.edit[n.N] = edit
	return widget.NewCard("", "", container.NewVBox(container.NewBorder(nil, nil, nil, edit, caption(when)), wrapped(n.Text)))
}

func (s *representativeScreen) nameColleague(p *colleaguePanel) {
	c, err := s.g.journal.Cases.NameColleague(p.vaultID, p.name.Text)
	if err != nil {
		s.g.showError(err) // what was typed stays in the field
		return
	}
	p.name.SetText(c.Name)
	s.colleagueChanged(p)
}

func (s *representativeScreen) addColleagueNote(p *colleaguePanel) {
	if _, err := s.g.journal.Cases.NoteColleague(p.vaultID, p.newNote.Text); err != nil {
		s.g.showError(err)
		return
	}
	p.newNote.SetText("")
	s.colleagueChanged(p)
	s.g.win.Canvas().Focus(p.newNote) // the next note can be typed at once
}

func (s *representativeScreen) editColleagueNote(p *colleaguePanel, n int) {
	if _, err := s.g.journal.Cases.EditColleagueNote(p.vaultID, n, p.editing.Text); err != nil {
		s.g.showError(err)
		return
	}
	s.colleagueChanged(p)
}

// colleagueChanged shows the colleague's panel and the cases again after
// a change.
func (s *representativeScreen) colleagueChanged(p *colleaguePanel) {
	s.g.touch()
	s.fillColleague(p, 0)
	s.refreshCases()
}

// noteEntry is a note being written: several lines, where Tab moves on
// to the next control (a note holds no tabs) and Ctrl+Enter saves it.
type noteEntry struct {
	widget.Entry
	submit, escape func()
}

func newNoteEntry(text string, submit, escape func()) *noteEntry {
	e := &noteEntry{submit: submit, escape: escape}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(3)
	e.SetText(text)
	return e
}

// TypedKey: Escape closes the dialog, as it does outside a field.
func (e *noteEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.escape()
		return
	}
	e.Entry.TypedKey(k)
}

// AcceptsTab lets Tab leave the note for the next control.
func (e *noteEntry) AcceptsTab() bool { return false }

func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if k, ok := s.(*desktop.CustomShortcut); ok && (k.KeyName == fyne.KeyReturn || k.KeyName == fyne.KeyEnter) &&
		(k.Modifier == fyne.KeyModifierControl || k.Modifier == fyne.KeyModifierSuper) {
		e.submit()
		return
	}
	e.Entry.TypedShortcut(s)
}
