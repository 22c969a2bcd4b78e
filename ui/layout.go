package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The screens' building blocks: texts, sections, columns.

// heading is a title in the theme's heading size.
func heading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameHeadingText
	l.TextStyle.Bold = true
	return l
}

// subheading is a section title.
func subheading(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameSubHeadingText
	l.TextStyle.Bold = true
	return l
}

// wrapped is a label that wraps its words.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// caption is a small, discreet label.
func caption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Wrapping = fyne.TextWrapWord
	return l
}

// bold is a label in bold.
func bold(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Bold = true
	return l
}

// monospace is a label for keys, fingerprints and paths, broken anywhere.
func monospace(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Monospace = true
	l.Wrapping = fyne.TextWrapBreak
	return l
}

// section is a card with a title, for the parts of a screen.
func section(title string, objs ...fyne.CanvasObject) fyne.CanvasObject {
	return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{subheading(title)}, objs...)...))
}

// labelled puts a small label above a field.
func labelled(label string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(label)
	l.SizeName = theme.SizeNameCaptionText
	l.TextStyle.Bold = true
	return container.NewVBox(l, o)
}

// field returns a form item with a hint under it.
func field(label string, o fyne.CanvasObject, hint string) *widget.FormItem {
	return &widget.FormItem{Text: label, Widget: o, HintText: hint}
}

// form lays fields out with their labels above them.
func form(items ...*widget.FormItem) *widget.Form {
	f := widget.NewForm(items...)
	f.Orientation = widget.Vertical
	return f
}

// column centres content in a column of at most width points, for
// screens that fill the window.
func column(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&maxWidthLayout{width: width}, content)
}

// card is content of a fixed width, for panels centred in the window
// (unlock, first start) and dialogs.
func card(width float32, content fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&maxWidthLayout{width: width, fixed: true}, content)
}

// maxWidthLayout gives its object at most width, centred; fixed asks for
// that width.
type maxWidthLayout struct {
	width float32
	fixed bool
}

func (l *maxWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	if l.fixed {
		return fyne.NewSize(max(m.Width, l.width), m.Height)
	}
	return fyne.NewSize(min(m.Width, l.width), m.Height)
}

func (l *maxWidthLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	w := max(min(s.Width, l.width), 1)
	objs[0].Move(fyne.NewPos(max((s.Width-w)/2, 0), 0))
	objs[0].Resize(fyne.NewSize(w, s.Height))
}

// fixedWidth gives its object a fixed width.
type fixedWidth struct{ w float32 }

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.w, objs[0].MinSize().Height)
}

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(s)
}

// minHeight gives its object at least a height.
type minHeight struct{ h float32 }

func (l *minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := objs[0].MinSize()
	return fyne.NewSize(m.Width, max(m.Height, l.h))
}

func (l *minHeight) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(s)
}

// tightVBox stacks labels closer than a VBox does: their own padding is
// enough space between lines.
type tightVBox struct{}

const tightOverlap = 12

func (l *tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for i, o := range objs {
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		if i > 0 {
			s.Height -= tightOverlap
		}
	}
	return s
}

func (l *tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - tightOverlap
	}
}
