package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// activity wraps the window's content and calls touch when the pointer
// moves over it, so that reading without typing keeps the journal open.
// Typing, taps and shortcuts call touch where they are handled.
type activity struct {
	widget.BaseWidget
	content fyne.CanvasObject
	touch   func()
}

var _ desktop.Hoverable = (*activity)(nil)

func newActivity(content fyne.CanvasObject, touch func()) *activity {
	a := &activity{content: content, touch: touch}
	a.ExtendBaseWidget(a)
	return a
}

func (a *activity) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(a.content)
}

func (a *activity) MouseIn(*desktop.MouseEvent)    { a.touch() }
func (a *activity) MouseMoved(*desktop.MouseEvent) { a.touch() }
func (a *activity) MouseOut()                      {}
