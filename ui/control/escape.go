package control

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a key to the widget that has the focus, and to the window
// only when none has it: Escape pressed after ticking a box, choosing in
// a drop-down or tabbing to a button reached neither the dialog nor the
// screen. These widgets call OnEscape instead, as Entry does.

// Check is a widget.Check that calls OnEscape when Escape is pressed
// while it has the focus.
type Check struct {
	widget.Check
	OnEscape func() `json:"-"`
}

// NewCheck returns a check box with a label.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey handles Escape, then everything else as widget.Check does.
func (c *Check) TypedKey(k *fyne.KeyEvent) {
	if !escape(k, c.OnEscape) {
		c.Check.TypedKey(k)
	}
}

// Select is a widget.Select that calls OnEscape when Escape is pressed
// while it has the focus (its list of choices closed).
type Select struct {
	widget.Select
	OnEscape func() `json:"-"`
}

// NewSelect returns a drop-down of options.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey handles Escape, then everything else as widget.Select does.
func (s *Select) TypedKey(k *fyne.KeyEvent) {
	if !escape(k, s.OnEscape) {
		s.Select.TypedKey(k)
	}
}

// Button is a widget.Button that calls OnEscape when Escape is pressed
// while it has the focus.
type Button struct {
	widget.Button
	OnEscape func() `json:"-"`
}

// NewButton returns a button; Text, Icon and Importance are set on it.
func NewButton(label string, tapped func()) *Button {
	b := &Button{}
	b.Text, b.OnTapped = label, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey handles Escape, then everything else as widget.Button does.
func (b *Button) TypedKey(k *fyne.KeyEvent) {
	if !escape(k, b.OnEscape) {
		b.Button.TypedKey(k)
	}
}

// escape calls onEscape for Escape, and reports whether it did.
func escape(k *fyne.KeyEvent, onEscape func()) bool {
	if k.Name != fyne.KeyEscape || onEscape == nil {
		return false
	}
	onEscape()
	return true
}
