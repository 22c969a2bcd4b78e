package ui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/i18n"
	"github.com/temoin-app/temoin/ui/control"
	"github.com/temoin-app/temoin/ui/present"
)

// Entries on which Escape closes the dialog or leaves the screen, and
// the other small helpers of forms.

func (g *gui) entry() *control.Entry {
	e := control.NewEntry()
	e.OnEscape = g.escape
	return e
}

func (g *gui) multiLineEntry(rows int) *control.Entry {
	e := control.NewMultiLineEntry()
	e.SetRows(rows)
	e.OnEscape = g.escape
	return e
}

func (g *gui) passwordEntry() *control.Entry {
	e := control.NewPasswordEntry()
	e.OnEscape = g.escape
	return e
}

// dateEntry is a date typed or picked; changed runs when it changes.
func (g *gui) dateEntry(changed func()) *control.DateEntry {
	d := control.NewDateEntry(g.readDay, func(t time.Time) string { return present.NumericDay(app.DateOf(t)) })
	d.OnEscape = g.escape
	d.SetPlaceHolder(i18n.X("gui.editor.date_placeholder"))
	d.OnChanged = func(*time.Time) { changed() }
	return d
}

// readDay reads a day typed in a date entry ("28/11/26", "hier"…).
func (g *gui) readDay(s string) (*time.Time, error) {
	d, err := present.ReadDay(s, app.DateOf(g.now()))
	if err != nil || d.IsZero() {
		return nil, err
	}
	t := d.In(time.UTC)
	return &t, nil
}

// dateOf is the day a date entry holds (zero when none).
func dateOf(d *time.Time) app.Date {
	if d == nil {
		return app.Date{}
	}
	return app.DateOf(*d)
}

// setDate shows a day in a date entry.
func setDate(e *control.DateEntry, d app.Date) {
	if d.IsZero() {
		e.SetDate(nil)
		return
	}
	t := d.In(time.UTC)
	e.SetDate(&t)
}

// radioIndex is the index of the option chosen in a radio group (-1: none).
func radioIndex(r *widget.RadioGroup) int { return slices.Index(r.Options, r.Selected) }

// shorten cuts s to n characters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
