// Package control holds Témoin's reusable widgets: an entry that hears
// Escape, a passphrase strength meter, a badge.
package control

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Entry is a widget.Entry that calls OnEscape when Escape is pressed
// (Fyne's entry ignores it), so that Escape closes dialogs and leaves
// screens even while typing.
type Entry struct {
	widget.Entry
	OnEscape func() `json:"-"`
}

// NewEntry returns a one-line entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry returns an entry for paragraphs, wrapping words.
func NewMultiLineEntry() *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// NewPasswordEntry returns an entry that hides what is typed.
func NewPasswordEntry() *Entry {
	e := &Entry{}
	e.Password = true
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles Escape, then everything else as widget.Entry does.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut passes the application's own shortcuts (Ctrl+S, Ctrl+N,
// Ctrl+L, Ctrl+F, Ctrl+digit, Ctrl+PageUp/PageDown, Alt+digit) to the
// window, which Fyne does not do while an entry has the focus; the
// entry's shortcuts (copy, paste...) stay its own.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.Entry.TypedShortcut(s)
	}
}

// forwardShortcut gives the window the application's shortcuts typed in
// an entry. It reports whether it did.
func forwardShortcut(o fyne.CanvasObject, s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.Modifier != fyne.KeyModifierShortcutDefault && cs.Modifier != fyne.KeyModifierAlt) {
		return false
	}
	switch cs.KeyName {
	case fyne.KeyS, fyne.KeyN, fyne.KeyL, fyne.KeyF, fyne.KeyPageUp, fyne.KeyPageDown,
		fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9:
	default:
		return false
	}
	if sc, ok := fyne.CurrentApp().Driver().CanvasForObject(o).(fyne.Shortcutable); ok {
		sc.TypedShortcut(s)
		return true
	}
	return false
}

// DateEntry is a widget.DateEntry (typed, or picked in a calendar) that
// hears Escape and passes the application's shortcuts on, like Entry.
type DateEntry struct {
	widget.DateEntry
	OnEscape func() `json:"-"`
}

// NewDateEntry returns an empty date entry.
func NewDateEntry() *DateEntry {
	e := &DateEntry{}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	return e
}

// TypedKey handles Escape, then everything else as widget.DateEntry does.
func (e *DateEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.DateEntry.TypedKey(k)
}

// TypedShortcut passes the application's shortcuts to the window.
func (e *DateEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.DateEntry.TypedShortcut(s)
	}
}
