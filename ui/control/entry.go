// Package control holds Témoin's reusable widgets: an entry that hears
// Escape, a passphrase strength meter, a badge.
package control

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Entry is a widget.Entry that calls OnEscape when Escape is pressed
// (Fyne's entry ignores it), so that Escape closes dialogs and leaves
// screens even while typing.
type Entry struct {
	widget.Entry
	OnEscape func() `json:"-"`

	rows, shown int // a multi-line entry's least rows, and the rows it shows

	// TabMoves: Tab goes to the next field instead of writing a tab in
	// a multi-line entry (nobody types tabs in the facts).
	TabMoves bool
}

// AcceptsTab keeps Tab for a multi-line entry, unless TabMoves.
func (e *Entry) AcceptsTab() bool { return e.MultiLine && !e.TabMoves }

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

// SetRows sets the least rows a multi-line entry shows; Fit lets it grow
// with its text.
func (e *Entry) SetRows(rows int) {
	e.rows, e.shown = rows, rows
	e.SetMinRowsVisible(rows)
}

// maxRows is as tall as a multi-line entry grows.
const maxRows = 40

// Fit makes a multi-line entry tall enough for its text (up to maxRows),
// so that a long form scrolls as one page and the wheel is never caught
// inside a field (see WheelScroll).
func (e *Entry) Fit() {
	if !e.MultiLine || e.rows == 0 {
		return
	}
	width := e.Size().Width - 4*theme.InnerPadding()
	perLine := max(20, int(width/(theme.TextSize()*0.55)))
	n := 0
	for _, l := range strings.Split(e.Text, "\n") {
		n += 1 + utf8.RuneCountInString(l)/perLine
	}
	if rows := min(max(e.rows, n+1), maxRows); rows != e.shown {
		e.shown = rows
		e.SetMinRowsVisible(rows)
	}
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

// DateEntry is a day, typed the ways people write one ("28/11/26",
// "hier": Read decides) or picked in a calendar. Date is the day read;
// what cannot be read leaves Date nil and Err says why, so that a form
// never keeps an older day while the field shows another text.
type DateEntry struct {
	Entry
	Date      *time.Time       // the day, at midnight UTC; nil when empty or unreadable
	OnChanged func(*time.Time) `json:"-"`
	// Read reads what is typed (a nil day and no error: nothing typed);
	// Write writes a day the way Read reads it back.
	Read  func(string) (*time.Time, error) `json:"-"`
	Write func(time.Time) string           `json:"-"`

	err   error
	popUp *widget.PopUp
}

// NewDateEntry returns an empty date entry that reads and writes days
// with read and write.
func NewDateEntry(read func(string) (*time.Time, error), write func(time.Time) string) *DateEntry {
	e := &DateEntry{Read: read, Write: write}
	e.ExtendBaseWidget(e)
	e.Validator = func(string) error { return e.err }
	e.Entry.OnChanged = func(s string) {
		e.Date, e.err = e.Read(s)
		if e.err != nil {
			e.Date = nil
		}
		if e.OnChanged != nil {
			e.OnChanged(e.Date)
		}
	}
	calendar := &widget.Button{Icon: theme.CalendarIcon(), Importance: widget.LowImportance, OnTapped: e.showCalendar}
	e.ActionItem = calendar
	return e
}

// Err says why what is typed is not a day (nil when it is one, or empty).
func (e *DateEntry) Err() error { return e.err }

// SetDate shows a day (nil: none).
func (e *DateEntry) SetDate(d *time.Time) {
	if d == nil {
		e.SetText("")
		return
	}
	e.SetText(e.Write(*d))
}

// FocusGained selects the day shown, so that what is typed replaces it
// instead of being mixed into it ("31/1101/12/2026").
func (e *DateEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.Entry.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

// FocusLost writes the day read in full ("hier" becomes 19/03/2026).
func (e *DateEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.Date != nil && e.Text != e.Write(*e.Date) {
		e.SetDate(e.Date)
	}
}

// showCalendar opens a calendar under the field, on the day typed or
// this month.
func (e *DateEntry) showCalendar() {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	start := time.Now()
	if e.Date != nil {
		start = *e.Date
	}
	cal := widget.NewCalendar(start, func(t time.Time) {
		day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
		e.SetDate(&day)
		if e.popUp != nil {
			e.popUp.Hide()
		}
	})
	e.popUp = widget.NewPopUp(cal, c)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).AddXY(0, e.Size().Height)
	e.popUp.ShowAtPosition(pos)
}

// TypedShortcut passes the application's shortcuts to the window.
func (e *DateEntry) TypedShortcut(s fyne.Shortcut) {
	if !forwardShortcut(e, s) {
		e.Entry.Entry.TypedShortcut(s)
	}
}
