package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// readOnlyEntry is a multi-line entry whose text can be selected and
// copied, not changed.
type readOnlyEntry struct {
	widget.Entry
	onEscape func()
}

func newReadOnlyEntry(onEscape func()) *readOnlyEntry {
	e := &readOnlyEntry{onEscape: onEscape}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

func (e *readOnlyEntry) TypedRune(rune) {}

func (e *readOnlyEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if e.onEscape != nil {
			e.onEscape()
		}
	case fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab:
	default:
		e.Entry.TypedKey(k)
	}
}

func (e *readOnlyEntry) TypedShortcut(s fyne.Shortcut) {
	switch s.(type) {
	case *fyne.ShortcutPaste, *fyne.ShortcutCut, *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		return
	}
	e.Entry.TypedShortcut(s)
}

// AcceptsTab lets Tab leave the text for the next control.
func (e *readOnlyEntry) AcceptsTab() bool { return false }
